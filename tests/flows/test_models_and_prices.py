"""View → Models and prices: the site's models, searchable, with New API's prices per million tokens and
which of the user's tokens may use each, against the server's own answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidget

from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

pytestmark = pytest.mark.usefixtures("signed_in")


def allowed_count(truth: ServerTruth, model: str) -> int:
    count = 0
    for row in truth.tokens():
        if truth.flavor == "one-api":
            limits = [m for m in (row["models"] or "").split(",") if m]
        else:
            limits = [m for m in row["model_limits"].split(",") if m] if row["model_limits_enabled"] else []
        count += not limits or model in limits
    return count


def test_models_prices_and_tokens(user: User, truth: ServerTruth) -> None:
    user.trigger(user.action("models"))
    dialog = user.wait_for_dialog()
    assert dialog.objectName() == "modelListDialog"
    table = dialog.findChild(QTableWidget, "modelTable")
    note = dialog.findChild(QLabel, "modelNote")
    assert table is not None and note is not None
    user.wait_until(lambda: table.rowCount() > 0)
    server_models = sorted(truth.server._runtime.api.config.models)
    assert sorted(table.item(r, 0).text() for r in range(table.rowCount())) == server_models
    search = dialog.findChild(QLineEdit, "modelSearch")
    user.type("4o-mini", on=search)
    shown = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert [table.item(r, 0).text() for r in shown] == ["gpt-4o-mini"]
    row = shown[0]
    if truth.flavor == "new-api":  # ratio 0.075 × $2 = $0.15 per million; completion ratio 4
        assert (table.item(row, 1).text(), table.item(row, 2).text()) == ("$0.15", "$0.6")
        assert "default" in note.text()
    else:
        assert table.item(row, 1).text() == "—" and "no prices" in note.text()
    cell = table.item(row, 3).text()
    expected = allowed_count(truth, "gpt-4o-mini")
    if expected == truth.count():
        assert cell == f"All {expected} tokens"
    else:
        assert cell == f"{expected} of {truth.count()} tokens"
        tip = table.item(row, 3).toolTip()
        assert tip and len([line for line in tip.splitlines() if line]) == min(expected, 30) + (expected > 30)
    user.press(Qt.Key.Key_Escape, on=search)
