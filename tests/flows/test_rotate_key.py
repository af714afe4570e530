"""Rotate a key: the replacement has the old token's settings, its key is on the clipboard, and the old
token is disabled (not deleted) only after the user says the new key is in place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QCheckBox, QMessageBox

from openkey_gui.demo import DemoServer
from tests.flows.steps import select_token, token_of_kind
from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

pytestmark = pytest.mark.usefixtures("signed_in")
SETTINGS = ("remain_quota", "unlimited_quota", "expired_time")


def limits_of(row: dict, flavor: str) -> tuple:
    if flavor == "one-api":
        return (row["models"] or "", row["subnet"] or "")
    return (row["model_limits_enabled"], row["model_limits"], row["allow_ips"] or "", row["group"])


def start_rotation(user: User, truth: ServerTruth, kind: str, *, same_name: bool = False,
                   before_asking: Callable[[], object] = lambda: None) -> dict:
    old = token_of_kind(truth, kind)
    select_token(user, truth, old["id"])
    before_asking()
    user.trigger(user.action("rotate"))
    box = user.wait_for_dialog(QMessageBox)
    if same_name:
        check = box.findChild(QCheckBox, "rotateSameName")
        assert check is not None
        user.click(check)
    question = user.answer_question("Create replacement")
    assert old["name"] in question and "disabled, not deleted" in question
    return old


def new_token(truth: ServerTruth, old: dict, name: str) -> dict:
    made = [row for row in truth.named(name) if row["id"] != old["id"]]
    assert len(made) == 1, made
    return made[0]


@pytest.mark.parametrize("kind", ["modellim", "iplim"])
def test_rotate_then_confirm_disables_the_old_token(user: User, truth: ServerTruth, kind: str) -> None:
    before = truth.count()
    old = start_rotation(user, truth, kind)
    user.wait_until(lambda: user.open_dialog(QMessageBox) is not None)
    new = new_token(truth, old, old["name"] + "-new")
    assert {f: new[f] for f in SETTINGS} == {f: old[f] for f in SETTINGS}
    assert limits_of(new, truth.flavor) == limits_of(old, truth.flavor)
    user.wait_for_clipboard(truth.key(new["id"]))
    assert truth.token(old["id"])["status"] == 1, "the old key works until the user confirms"
    question = user.answer_question("Disable old key")
    assert "clipboard" in question
    user.wait_until(lambda: truth.token(old["id"])["status"] == 2)
    assert truth.count() == before + 1  # disabled, not deleted


def test_later_leaves_the_old_key_working_and_reminds(user: User, truth: ServerTruth) -> None:
    old = start_rotation(user, truth, "ok", same_name=True)
    user.wait_until(lambda: user.open_dialog(QMessageBox) is not None)
    assert len(truth.named(old["name"])) >= 2  # the same name
    user.answer_question("Later")
    assert truth.token(old["id"])["status"] == 1
    user.wait_until(lambda: "still works" in user.banner_text())
    user.click(user.banner_button("Disable old key"))
    user.wait_until(lambda: truth.token(old["id"])["status"] == 2)


def test_a_lost_create_answer_makes_one_replacement(user: User, truth: ServerTruth, server: DemoServer) -> None:
    old = token_of_kind(truth, "ok")
    start_rotation(user, truth, "ok",
                   before_asking=lambda: server.fail_next(1, drop="mid", method="POST", path="/api/token/"))
    user.wait_until(lambda: user.open_dialog(QMessageBox) is not None, timeout=20_000)
    new = new_token(truth, old, old["name"] + "-new")  # reconciled, not sent twice
    user.wait_for_clipboard(truth.key(new["id"]))
    user.answer_question("Later")
