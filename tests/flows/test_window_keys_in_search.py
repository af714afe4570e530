"""The window's shortcuts work while the search field has the focus, as it has at start.

On X11 a line edit claims Ctrl+U (delete the whole line), so the Usage panel's Ctrl+U would have
erased the search instead. Offscreen has no such binding, so the last test runs these flows again
under Xvfb with the xcb platform, where it does.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.helpers.user import CTRL, User
from tests.support import require_tools
from tests.xvfb import pytest_on_x11

ROOT = Path(__file__).resolve().parents[2]


def test_ctrl_u_in_the_search_field_opens_the_usage_panel(signed_in: User) -> None:
    signed_in.find("bot")
    signed_in.press(Qt.Key.Key_U, CTRL, on=signed_in.search)
    signed_in.wait_until(lambda: signed_in.widget(QWidget, "usageView").isVisible())
    assert signed_in.search.text() == "bot"  # the search the user typed is kept


def test_the_search_field_flows_on_x11() -> None:
    if os.environ.get("QT_QPA_PLATFORM") == "xcb":
        return  # already running there (this test's own child run)
    require_tools("Xvfb")
    result = pytest_on_x11("-k", "search_field_opens", str(Path(__file__)),
                           str(ROOT / "tests" / "flows" / "test_quick_access_from_search.py"), timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert "4 passed" in result.stdout, result.stdout[-2000:]  # both flows, both flavours
