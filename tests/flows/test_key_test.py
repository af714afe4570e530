"""Test a key: the user selects a token and presses Ctrl+T (or the toolbar, the context menu, the tray).

What the dialog says is checked against the relay's own answer for that key: the models it lists, or the
reason it was refused, both flavours. The one-model try costs money, so it must send exactly one request,
and only once the user has said yes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QListWidget, QPushButton, QToolBar
from pytestqt.qtbot import QtBot

from openkey_gui.demo import relay
from tests.flows.steps import select_token, token_of_kind
from tests.helpers.tray_menu import close_tray_menu, open_tray_menu
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User

pytestmark = pytest.mark.usefixtures("signed_in")
TESTING = "Testing"
CHAT = ("POST", "/v1/chat/completions")


def open_key_test(user: User) -> QDialog:
    """Ctrl+T on the table; returns the dialog once the result is in."""
    user.press(Qt.Key.Key_T, CTRL, on=user.table)
    dialog = user.wait_for_dialog()
    assert dialog.objectName() == "keyTestDialog"
    result = dialog.findChild(QLabel, "keyTestResult")
    assert result is not None
    user.wait_until(lambda: result.text() and TESTING not in result.text())
    return dialog


def text_of(dialog: QDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def listed_models(dialog: QDialog) -> list[str]:
    models = dialog.findChild(QListWidget, "keyTestModels")
    assert models is not None
    return sorted(models.item(i).text() for i in range(models.count()))


def test_an_enabled_key_works_and_lists_its_models(user: User, truth: ServerTruth) -> None:
    token = token_of_kind(truth, "ok")
    select_token(user, truth, token["id"])
    dialog = open_key_test(user)
    assert "works" in text_of(dialog, "keyTestResult").lower()
    assert listed_models(dialog) == truth.models_for_key(truth.key(token["id"]))
    assert " ms" in text_of(dialog, "keyTestLatency")
    dialog.close()


@pytest.mark.parametrize(("kind", "words", "way_out"), [
    ("expired", "has expired", "expiry"),
    ("exhausted", "quota is used up", "quota"),
    ("disabled", "is disabled", "Enable"),
    ("iplim", "this computer's address", "IP"),
])
def test_a_refused_key_says_why_and_the_way_out(user: User, truth: ServerTruth, kind: str, words: str,
                                                  way_out: str) -> None:
    token = token_of_kind(truth, kind)
    select_token(user, truth, token["id"])
    dialog = open_key_test(user)
    result = text_of(dialog, "keyTestResult")
    assert words in result, result
    assert way_out in text_of(dialog, "keyTestWayOut")
    assert listed_models(dialog) == []
    dialog.close()


def test_a_key_limited_to_another_model(user: User, truth: ServerTruth) -> None:
    """It works, but only for gpt-4o; trying gpt-4o-mini is refused with the reason."""
    token = token_of_kind(truth, "modellim")
    select_token(user, truth, token["id"])
    dialog = open_key_test(user)
    assert "only" in text_of(dialog, "keyTestResult") and "gpt-4o" in text_of(dialog, "keyTestResult")
    assert listed_models(dialog) == truth.models_for_key(truth.key(token["id"])) == ["gpt-4o"]
    try_model(user, dialog, "gpt-4o-mini", answer="Send")
    assert "may not use gpt-4o-mini" in text_of(dialog, "keyTestTryResult")
    assert "HTTP 403" in text_of(dialog, "keyTestTryResult")
    dialog.close()


def try_model(user: User, dialog: QDialog, model: str, *, answer: str) -> str:
    combo = dialog.findChild(QComboBox, "keyTestModelCombo")
    button = dialog.findChild(QPushButton, "keyTestTryButton")
    assert combo is not None and button is not None
    combo.setCurrentText(model)
    before = text_of(dialog, "keyTestTryResult")
    user.click(button)
    question = user.answer_question(answer)
    if answer == "Send":
        user.wait_until(lambda: text_of(dialog, "keyTestTryResult") not in (before, "") and
                        "Sending" not in text_of(dialog, "keyTestTryResult"))
    return question


def test_the_one_model_try_sends_one_request_only_after_yes(user: User, truth: ServerTruth) -> None:
    token = token_of_kind(truth, "ok")
    select_token(user, truth, token["id"])
    dialog = open_key_test(user)
    truth.server.reset_requests()
    question = try_model(user, dialog, "gpt-4o-mini", answer="Cancel")
    assert "gpt-4o-mini" in question and "cost" in question
    assert truth.relay_requests(*CHAT) == 0, "nothing is sent before the user says yes"
    try_model(user, dialog, "gpt-4o-mini", answer="Send")
    result = text_of(dialog, "keyTestTryResult")
    assert "HTTP 200" in result and "first byte" in result
    assert truth.relay_requests(*CHAT) == 1
    dialog.close()


def test_key_test_is_on_the_toolbar_and_in_the_context_menu(user: User) -> None:
    action = user.action("test_key")
    toolbar = user.window.findChild(QToolBar, "tokensToolbar")
    assert toolbar is not None and action in toolbar.actions()
    assert action.shortcut().toString() == "Ctrl+T"


def test_key_test_from_the_tray_submenu(qtbot: QtBot, user: User) -> None:
    menu = open_tray_menu(qtbot, user.window)
    submenu = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == "Test key")
    submenu.aboutToShow.emit()
    item = next(a for a in submenu.actions() if a.isEnabled())
    label = item.text().replace("&&", "&")
    close_tray_menu(menu)
    item.trigger()
    dialog = user.wait_for_dialog()
    assert dialog.objectName() == "keyTestDialog" and label in dialog.windowTitle()
    result = dialog.findChild(QLabel, "keyTestResult")
    assert result is not None
    user.wait_until(lambda: TESTING not in result.text())
    assert "works" in result.text().lower() or "Refused" in result.text()
    dialog.close()


@pytest.fixture
def hides_reasons(monkeypatch: pytest.MonkeyPatch, server) -> None:
    """The demo answers like New API after 2026-07: every token-state refusal is 401 "Invalid token"."""
    monkeypatch.setattr(relay, "COLLAPSING_FLAVORS", frozenset({server.flavor}))


@pytest.mark.parametrize(("kind", "words"), [("expired", "has expired"), ("disabled", "is disabled"),
                                             ("exhausted", "quota is used up")])
def test_a_hidden_reason_is_inferred_from_the_token(user: User, truth: ServerTruth, hides_reasons: None,
                                                     kind: str, words: str) -> None:
    token = token_of_kind(truth, kind)
    select_token(user, truth, token["id"])
    dialog = open_key_test(user)
    assert words in text_of(dialog, "keyTestResult")
    assert "only says the key is invalid" in text_of(dialog, "keyTestWayOut")
    assert "Invalid token" in text_of(dialog, "keyTestServerMessage")
    dialog.close()
