"""User-flow fixtures: a demo server of each flavour, its own truth over HTTP, a window, a user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.helpers.app import close_window, open_window
from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

FLOW_TOKENS = 30
FLOW_SEED = 11


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=FLOW_TOKENS, seed=FLOW_SEED, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture(autouse=True)
def close_dialogs_after(qapp: QApplication) -> Iterator[None]:
    """The user closes what they opened: no dialog outlives its test (and its window)."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and shiboken6.isValid(widget) and widget.isVisible():
            widget.reject()


@pytest.fixture
def truth(server: DemoServer) -> ServerTruth:
    return ServerTruth(server)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    QGuiApplication.clipboard().clear()
    win = open_window(qtbot, tmp_path)
    yield win
    close_window(win)


@pytest.fixture
def user(qtbot: QtBot, window: MainWindow) -> User:
    return User(qtbot, window)


@pytest.fixture
def signed_in(user: User, server: DemoServer, truth: ServerTruth) -> User:
    """The user has signed in through the dialog and sees every token."""
    user.sign_in(server, expect_rows=truth.count())
    return user
