"""The copy flows once more on a real X server, the clipboard read back by another process (xclip).

Offscreen, Qt's clipboard lives inside the test process; here the key must really reach the X
clipboard selection and be served to a second program, as it is to the terminal a user pastes into.
"""

from __future__ import annotations

from pathlib import Path

from tests.support import require_tools
from tests.xvfb import pytest_on_x11

ROOT = Path(__file__).resolve().parents[2]
FLOWS = ("test_search_then_copy or several_keys or tray_copy_online or banner_copy_key_copies "
         "or search_then_down_then_ctrl_c or quit_clears")


def test_copy_flows_on_a_real_x_clipboard() -> None:
    require_tools("Xvfb", "xclip")
    result = pytest_on_x11("-k", FLOWS, str(ROOT / "tests" / "flows" / "test_copy_everyday.py"),
                           str(ROOT / "tests" / "flows" / "test_copy_defects.py"), timeout=600,
                           environ={"OPENKEY_REAL_CLIPBOARD": "1"})
    print(result.stdout[-4000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout and "deselected" in result.stdout
