"""Quick access over two signed-in sites: a token of the site not shown is found by name, names its
site, and Enter copies its key (checked against that site's own answer) without switching the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from openkey_gui import snippets
from openkey_gui.demo import DemoServer
from openkey_gui.ui.main_window import MainWindow
from tests.flows.steps import open_quick_access
from tests.helpers.truth import ServerTruth
from tests.helpers.user import SHIFT, User

ALPHA, BETA = "Alpha Relay", "Beta Hub"


@pytest.fixture
def sites() -> Iterator[tuple[DemoServer, DemoServer]]:
    with DemoServer(flavor="new-api", tokens=10, seed=31, system_name=ALPHA, critical_rate_limit=None) as alpha, \
            DemoServer(flavor="one-api", tokens=8, seed=32, system_name=BETA, critical_rate_limit=None) as beta:
        yield alpha, beta


def only_on(truth: ServerTruth, other: ServerTruth) -> tuple[str, int]:
    """An enabled token whose name no other token on either site has."""
    names = [r["name"] for r in truth.tokens()] + [r["name"] for r in other.tokens()]
    row = next(r for r in truth.tokens() if names.count(r["name"]) == 1 and r["status"] == 1 and len(r["name"]) >= 4
               and not any(r["name"] in n for n in names if n != r["name"]))
    return row["name"], row["id"]


def test_a_key_of_the_site_not_shown_copies_from_that_site(qtbot: QtBot, window: MainWindow,
                                                           sites: tuple[DemoServer, DemoServer]) -> None:
    alpha, beta = sites
    user = User(qtbot, window)
    alpha_truth, beta_truth = ServerTruth(alpha), ServerTruth(beta)
    user.sign_in(alpha, expect_rows=alpha_truth.count())
    user.sign_in(beta, expect_rows=beta_truth.count())  # Beta is shown now
    name, token_id = only_on(alpha_truth, beta_truth)
    palette = open_quick_access(user)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    results = palette.findChild(QListWidget, "quickAccessList")
    assert results.count() == alpha_truth.count() + beta_truth.count()  # every site's tokens
    user.type(name, on=search)
    assert results.item(0).text().startswith(name) and ALPHA in results.item(0).text()
    user.press(Qt.Key.Key_Return, on=search)
    user.wait_for_clipboard(alpha_truth.key(token_id))
    assert BETA in window.windowTitle()  # copied without switching
    user.back_to_window()
    palette = open_quick_access(user)
    search = palette.findChild(QLineEdit, "quickAccessSearch")
    user.type(name, on=search)
    user.press(Qt.Key.Key_Return, SHIFT, on=search)
    user.wait_for_clipboard(snippets.api_base_url(alpha.url))
