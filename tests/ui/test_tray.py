"""Runs the tray scenarios (tests/ui/xvfb_tray_cases.py) on a real X server with a tray host.

The main test process is offscreen, where no tray exists; so the scenarios run in a child pytest with
``QT_QPA_PLATFORM=xcb`` on a private Xvfb display, with trayer providing the system tray.
"""

from __future__ import annotations

from pathlib import Path

from tests.support import require_tools
from tests.xvfb import pytest_on_x11

ROOT = Path(__file__).resolve().parents[2]


def test_tray_scenarios_on_a_real_display() -> None:
    require_tools("Xvfb", "trayer")
    result = pytest_on_x11(str(ROOT / "tests" / "ui" / "xvfb_tray_cases.py"), with_tray=True)
    print(result.stdout[-6000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
