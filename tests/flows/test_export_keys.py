"""Export several keys: CSV to a file the user picks (private, parsed back) or .env lines to the clipboard,
each against the server's own keys; the dialog warns that a file holds the keys in plain text."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QRadioButton

from tests.flows.steps import parse_env_lines, token_on_row
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User

pytestmark = pytest.mark.usefixtures("signed_in")


def select_three(user: User, truth: ServerTruth) -> list[dict]:
    user.click_row(0)
    user.click_row(2, CTRL)
    user.click_row(4, CTRL)
    return [token_on_row(user, truth, row) for row in (0, 2, 4)]


def open_export(user: User):
    user.trigger(user.action("export_keys"))
    dialog = user.wait_for_dialog()
    assert dialog.objectName() == "keyExportDialog"
    return dialog


def test_csv_to_a_private_file(user: User, truth: ServerTruth, tmp_path: Path) -> None:
    rows = select_three(user, truth)
    dialog = open_export(user)
    warning = dialog.findChild(QLabel, "exportWarning")
    assert warning is not None and "plain text" in warning.text()
    combo = dialog.findChild(QComboBox, "exportFormat")
    assert combo is not None
    combo.setCurrentIndex(1)  # CSV
    path = dialog.findChild(QLineEdit, "exportPath")
    assert path is not None
    target = tmp_path / "keys.csv"
    user.type(str(target), on=path)
    user.click(dialog.findChild(QPushButton, "exportButton"))
    user.wait_until(lambda: target.exists())
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    records = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["key"] for r in records] == [truth.key(row["id"]) for row in rows]
    assert [r["name"] for r in records] == [row["name"] for row in rows]
    for record, row in zip(records, rows, strict=True):
        assert (record["quota"] == "unlimited") == row["unlimited_quota"]
        assert (record["expiry"] == "never") == (row["expired_time"] == -1)
    assert str(target) in user.status_text()


def test_env_lines_to_the_clipboard(user: User, truth: ServerTruth) -> None:
    rows = select_three(user, truth)
    dialog = open_export(user)
    user.click(dialog.findChild(QPushButton, "exportButton"))
    user.wait_until(lambda: user.clipboard().count("=sk-") == 3)
    assert set(parse_env_lines(user.clipboard()).values()) == {truth.key(row["id"]) for row in rows}


def test_a_file_export_needs_a_file(user: User, truth: ServerTruth) -> None:
    select_three(user, truth)
    dialog = open_export(user)
    to_file = dialog.findChild(QRadioButton, "exportToFile")
    assert to_file is not None
    user.click(to_file)
    user.click(dialog.findChild(QPushButton, "exportButton"))
    error = dialog.findChild(QLabel, "exportError")
    assert dialog.isVisible() and error is not None and "Choose a file" in error.text()
    dialog.reject()
