"""The token dialog keeps its buttons on a small screen (1366x800 at 150 %: 911x533 logical pixels).

Run in a child process: Qt's offscreen platform reads its screen size from a config file at start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("small_screen_token_dialog.py")


def test_advanced_fields_and_an_error_scroll_instead_of_pushing_the_buttons_off_screen(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": 911, "height": 533,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(CHILD)], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [911, 533]
    top, bottom = report["dialog"]
    assert top >= 0 and bottom <= 533, report
    assert report["buttons_on_screen"], report
