"""The add / edit token dialog, driven like a user would: typing, clicking, pressing keys.

The dialog is shown (offscreen) so that mouse clicks, the default button and shortcuts behave as on
a desktop. The clock is injected, so expiry arithmetic is exact and independent of the real date.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TypeVar

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtGui import QColor, QInputMethodEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from openkey_gui.api.models import Flavor, Token, TokenDraft, TokenStatus
from openkey_gui.api.quota import max_token_quota
from openkey_gui.api.validation import name_limit
from openkey_gui.ui.token_dialog import IP_CHECK_DELAY_MS, MIN_WIDTH, TokenDialog, error_color

# The offscreen platform cannot pass a window's new minimum size on to a window system, and says so
# with a warning each time a shown dialog's layout grows (a message appears): not our warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

NOW = datetime(2026, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
MODELS = ("gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "deepseek-chat")
CJK = "令"  # 3 bytes in UTF-8

W = TypeVar("W", bound=QWidget)
MakeDialog = Callable[..., TokenDialog]


def fake_key() -> str:
    """A key of the real shape, made up at run time so no key-like literal sits in the repository."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(48))


def make_token(**changes: object) -> Token:
    values: dict[str, object] = {
        "id": 42,
        "name": "laptop",
        "key": fake_key(),
        "key_is_masked": False,
        "status": TokenStatus.ENABLED,
        "created_at": NOW - timedelta(days=30),
        "accessed_at": NOW - timedelta(hours=2),
        "expires_at": None,
        "remain_quota": 1_250_000,
        "used_quota": 10_000,
        "unlimited": False,
    }
    values.update(changes)
    return Token(**values)  # type: ignore[arg-type]


class Clock:
    """A settable clock: tests move time forward to make a chosen date fall into the past."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def make_dialog(qtbot: QtBot) -> MakeDialog:
    def make(**kwargs: object) -> TokenDialog:
        kwargs.setdefault("flavor", Flavor.ONE_API)
        kwargs.setdefault("clock", Clock())
        dialog = TokenDialog(**kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        handle = dialog.windowHandle()
        assert handle is not None
        handle.requestActivate()  # QWidget.activateWindow() does nothing on the offscreen platform
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        return dialog

    return make


def child(dialog: QWidget, kind: type[W], name: str) -> W:
    widget = dialog.findChild(kind, name)
    assert widget is not None, f"no {kind.__name__} named {name!r}"
    return widget


def ok_button(dialog: TokenDialog) -> QPushButton:
    button = child(dialog, QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text``: ASCII as key presses, anything else as an input method commits it (how Chinese
    is really typed; QTest cannot press a key for a character outside ASCII)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_name(qtbot: QtBot, dialog: TokenDialog, text: str) -> None:
    edit = child(dialog, QLineEdit, "nameEdit")
    edit.clear()
    type_text(qtbot, edit, text)


def type_amount(qtbot: QtBot, dialog: TokenDialog, text: str) -> None:
    edit = child(dialog, QLineEdit, "amountEdit")
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an entry with the keyboard, as a user tabbing through the form would."""
    target = combo.findText(text)
    assert target >= 0, f"{text!r} not offered"
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click where a user would: a check box on its box (its row may be far wider than its text)."""
    pos = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def shown(dialog: TokenDialog, kind: type[QWidget], name: str) -> bool:
    return child(dialog, kind, name).isVisibleTo(dialog)


def label_text(dialog: TokenDialog, name: str) -> str:
    label = child(dialog, QLabel, name)
    return label.text() if label.isVisibleTo(dialog) else ""


def expand_advanced(qtbot: QtBot, dialog: TokenDialog) -> None:
    if not shown(dialog, QListWidget, "modelList"):
        click(qtbot, child(dialog, QToolButton, "advancedToggle"))
    assert shown(dialog, QListWidget, "modelList")


def check_model(qtbot: QtBot, dialog: TokenDialog, model: str) -> None:
    """Select the row and press Space, the keyboard way to tick a check box in a list."""
    models = child(dialog, QListWidget, "modelList")
    items = models.findItems(model, Qt.MatchFlag.MatchExactly)
    assert items, f"{model!r} not listed"
    models.setFocus()
    models.setCurrentItem(items[0])
    qtbot.keyClick(models, Qt.Key.Key_Space)


# ---------------------------------------------------------------------------------------------- Add mode


def test_add_mode_defaults(make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    assert dialog.windowTitle() == "Add token"
    assert ok_button(dialog).text() == "Create"
    assert not ok_button(dialog).isEnabled(), "nothing can be created without a name"
    assert ok_button(dialog).toolTip() == "Give the token a name."
    assert dialog.minimumWidth() >= MIN_WIDTH
    assert QApplication.focusWidget() is child(dialog, QLineEdit, "nameEdit")
    assert child(dialog, QComboBox, "expiryCombo").currentText() == "Never"
    assert not shown(dialog, QDateTimeEdit, "expiryEdit")
    assert not child(dialog, QCheckBox, "unlimitedCheck").isChecked()
    assert child(dialog, QLineEdit, "amountEdit").text() == "1.00"
    assert label_text(dialog, "conversionLabel") == "= 500,000 units"
    assert child(dialog, QSpinBox, "countSpin").value() == 1
    assert not shown(dialog, QListWidget, "modelList"), "Advanced starts collapsed"
    assert dialog.findChild(QComboBox, "groupCombo") is None, "One API has no groups"
    assert not shown(dialog, QLabel, "errorLabel")
    assert not shown(dialog, QLabel, "busyLabel")


def test_defaults_give_a_one_dollar_never_expiring_draft(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    assert dialog.drafts() == [TokenDraft(name="laptop", expires_at=None, remain_quota=500_000)]


@pytest.mark.parametrize(
    ("flavor", "fits", "too_long"),
    [(Flavor.ONE_API, 10, 11), (Flavor.NEW_API, 16, 17)],
)
def test_byte_counter_counts_chinese_as_three_bytes(
    qtbot: QtBot, make_dialog: MakeDialog, flavor: Flavor, fits: int, too_long: int
) -> None:
    dialog = make_dialog(flavor=flavor)
    limit = name_limit(flavor)
    counter = child(dialog, QLabel, "nameCounter")

    type_name(qtbot, dialog, CJK * fits)
    assert counter.text() == f"{fits * 3} / {limit} bytes"
    assert counter.property("tone") != "error"
    assert ok_button(dialog).isEnabled()
    assert label_text(dialog, "nameError") == ""

    type_text(qtbot, child(dialog, QLineEdit, "nameEdit"), CJK * (too_long - fits))
    assert counter.text() == f"{too_long * 3} / {limit} bytes"
    assert counter.property("tone") == "error"
    assert counter.palette().color(QPalette.ColorRole.WindowText) == error_color(dialog.palette())
    assert not ok_button(dialog).isEnabled()
    assert f"{too_long * 3} bytes" in label_text(dialog, "nameError")

    qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Backspace)
    assert ok_button(dialog).isEnabled(), "fixing the name re-enables Create at once"
    assert label_text(dialog, "nameError") == ""


def test_ascii_counter_and_blank_name(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "   ")
    assert not ok_button(dialog).isEnabled(), "a name of spaces is no name"
    type_name(qtbot, dialog, "a" * 12)
    assert child(dialog, QLabel, "nameCounter").text() == "12 / 30 bytes"
    assert ok_button(dialog).isEnabled()


def test_money_and_units_convert_live_and_exactly(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    amount = child(dialog, QLineEdit, "amountEdit")
    units = child(dialog, QComboBox, "unitCombo")

    type_amount(qtbot, dialog, "2.5")
    assert label_text(dialog, "conversionLabel") == "= 1,250,000 units"
    assert dialog.drafts()[0].remain_quota == 1_250_000

    choose(qtbot, units, "units")
    assert amount.text() == "1250000"
    assert label_text(dialog, "conversionLabel") == "= $2.50"
    assert dialog.drafts()[0].remain_quota == 1_250_000

    type_amount(qtbot, dialog, "1,250,001")
    assert label_text(dialog, "conversionLabel") == "= $2.50"
    choose(qtbot, units, "$ (money)")
    assert amount.text() == "2.500002", "no unit is lost on the way back to money"
    assert dialog.drafts()[0].remain_quota == 1_250_001


def test_conversion_uses_the_sites_quota_per_unit(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog(quota_per_unit=1_000_000)
    type_amount(qtbot, dialog, "2.5")
    assert label_text(dialog, "conversionLabel") == "= 2,500,000 units"


@pytest.mark.parametrize(("dollars", "units"), [(1, 500_000), (5, 2_500_000), (10, 5_000_000), (100, 50_000_000)])
def test_presets_set_money_mode_and_amount(qtbot: QtBot, make_dialog: MakeDialog, dollars: int, units: int) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    choose(qtbot, child(dialog, QComboBox, "unitCombo"), "units")
    click(qtbot, child(dialog, QCheckBox, "unlimitedCheck"))
    assert child(dialog, QCheckBox, "unlimitedCheck").isChecked()

    preset = child(dialog, QToolButton, f"preset{dollars}")
    assert preset.toolTip() == f"Set the quota to ${dollars}.00 ({units:,} units)"
    click(qtbot, preset)
    assert child(dialog, QComboBox, "unitCombo").currentIndex() == 0
    assert child(dialog, QLineEdit, "amountEdit").text() == f"{dollars}.00"
    assert not child(dialog, QCheckBox, "unlimitedCheck").isChecked(), "a preset means a limited quota"
    draft = dialog.drafts()[0]
    assert (draft.remain_quota, draft.unlimited) == (units, False)


def test_unlimited_disables_the_amount(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    type_amount(qtbot, dialog, "nonsense")
    assert not ok_button(dialog).isEnabled()
    click(qtbot, child(dialog, QCheckBox, "unlimitedCheck"))
    assert not child(dialog, QLineEdit, "amountEdit").isEnabled()
    assert not child(dialog, QComboBox, "unitCombo").isEnabled()
    assert label_text(dialog, "quotaError") == ""
    assert ok_button(dialog).isEnabled(), "an unreadable amount does not matter when unlimited"
    draft = dialog.drafts()[0]
    assert draft.unlimited
    assert draft.remain_quota == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "The quota cannot be negative."),
        ("1000000001", "The quota is too large"),
        ("1e999999", "The quota is too large"),
        ("abc", "Enter an amount in dollars"),
        ("", "Enter an amount in dollars"),
    ],
)
def test_bad_amounts_show_inline_and_disable_create(
    qtbot: QtBot, make_dialog: MakeDialog, text: str, message: str
) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    type_amount(qtbot, dialog, text)
    error = child(dialog, QLabel, "quotaError")
    assert error.isVisibleTo(dialog)
    assert message in error.text()
    assert error.property("tone") == "error"
    assert not ok_button(dialog).isEnabled()
    assert ok_button(dialog).toolTip() == error.text()


def test_largest_quota_is_accepted_and_one_more_is_not(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    choose(qtbot, child(dialog, QComboBox, "unitCombo"), "units")
    type_amount(qtbot, dialog, str(max_token_quota()))
    assert ok_button(dialog).isEnabled()
    type_amount(qtbot, dialog, str(max_token_quota() + 1))
    assert not ok_button(dialog).isEnabled()
    type_amount(qtbot, dialog, "1.5")
    assert "whole number of units" in label_text(dialog, "quotaError")


@pytest.mark.parametrize(
    ("choice", "delta"),
    [
        ("1 hour", timedelta(hours=1)),
        ("1 day", timedelta(days=1)),
        ("7 days", timedelta(days=7)),
        ("30 days", timedelta(days=30)),
        ("90 days", timedelta(days=90)),
    ],
)
def test_expiry_presets_count_from_the_clock(
    qtbot: QtBot, make_dialog: MakeDialog, choice: str, delta: timedelta
) -> None:
    clock = Clock(NOW + timedelta(microseconds=250_000))
    dialog = make_dialog(clock=clock)
    type_name(qtbot, dialog, "laptop")
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), choice)
    assert dialog.drafts()[0].expires_at == NOW + delta
    clock.now = NOW + timedelta(hours=5)
    assert dialog.drafts()[0].expires_at == NOW + timedelta(hours=5) + delta, "counted at submit time"
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "Never")
    assert dialog.drafts()[0].expires_at is None


def test_custom_expiry_is_local_time_in_utc_out(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "Custom…")
    edit = child(dialog, QDateTimeEdit, "expiryEdit")
    assert edit.isVisibleTo(dialog)
    assert edit.calendarPopup()
    assert edit.dateTime().toSecsSinceEpoch() == int((NOW + timedelta(days=1)).timestamp())

    chosen = NOW + timedelta(days=3, hours=4, minutes=5)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(chosen.timestamp())))
    expires = dialog.drafts()[0].expires_at
    assert expires == chosen
    assert expires is not None and expires.tzinfo == timezone.utc


def test_custom_expiry_refuses_the_past(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    clock = Clock()
    dialog = make_dialog(clock=clock)
    type_name(qtbot, dialog, "laptop")
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "Custom…")
    edit = child(dialog, QDateTimeEdit, "expiryEdit")
    earliest = int((NOW + timedelta(minutes=1)).timestamp())
    assert edit.minimumDateTime().toSecsSinceEpoch() == earliest

    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int((NOW - timedelta(days=1)).timestamp())))
    assert edit.dateTime().toSecsSinceEpoch() == earliest, "the widget will not even hold a past date"
    edit.setFocus()
    for _ in range(3):
        qtbot.keyClick(edit, Qt.Key.Key_Down)  # the year section: going back is blocked
    assert edit.dateTime().toSecsSinceEpoch() >= earliest

    # The dialog stayed open for an hour: the chosen minute has passed by the time Create is pressed.
    clock.now = NOW + timedelta(hours=1)
    with qtbot.assertNotEmitted(dialog.submitted):
        click(qtbot, ok_button(dialog))
    assert "in the past" in label_text(dialog, "expiryError")
    assert QApplication.focusWidget() is edit
    assert dialog.isVisible()


def test_batch_suffixes_names(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "ci")
    spin = child(dialog, QSpinBox, "countSpin")
    assert (spin.minimum(), spin.maximum()) == (1, 100)
    assert label_text(dialog, "batchHint") == ""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "3")
    assert ok_button(dialog).text() == "Create 3 tokens"
    assert "“-1” … “-3”" in label_text(dialog, "batchHint")
    drafts = dialog.drafts()
    assert [d.name for d in drafts] == ["ci-1", "ci-2", "ci-3"]
    assert {d.replace(name="") for d in drafts} == {drafts[0].replace(name="")}, "same settings for all"


def test_batch_byte_check_uses_the_longest_suffixed_name(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, CJK * 9)  # 27 bytes
    spin = child(dialog, QSpinBox, "countSpin")
    spin.setValue(9)  # "-9": 29 bytes
    assert child(dialog, QLabel, "nameCounter").text() == "29 / 30 bytes"
    assert ok_button(dialog).isEnabled()
    spin.setValue(10)  # "-10": 30 bytes
    assert ok_button(dialog).isEnabled()
    spin.setValue(11)  # "-11": 30 bytes still
    assert ok_button(dialog).isEnabled()
    type_name(qtbot, dialog, CJK * 10)  # 30 + "-11" = 33
    assert child(dialog, QLabel, "nameCounter").text() == "33 / 30 bytes"
    assert not ok_button(dialog).isEnabled()
    spin.setValue(1)
    assert ok_button(dialog).isEnabled(), "a single token keeps its bare name"


# ------------------------------------------------------------------------------------------- Advanced


def test_advanced_toggle_models_and_filter(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog(available_models=MODELS)
    type_name(qtbot, dialog, "laptop")
    toggle = child(dialog, QToolButton, "advancedToggle")
    assert toggle.arrowType() == Qt.ArrowType.RightArrow
    expand_advanced(qtbot, dialog)
    assert toggle.arrowType() == Qt.ArrowType.DownArrow
    assert label_text(dialog, "modelsNote") == "None checked = all models."
    models = child(dialog, QListWidget, "modelList")
    assert [models.item(i).text() for i in range(models.count())] == list(MODELS)
    assert dialog.drafts()[0].models == ()

    check_model(qtbot, dialog, "deepseek-chat")
    check_model(qtbot, dialog, "gpt-4o")
    assert dialog.drafts()[0].models == ("gpt-4o", "deepseek-chat")
    check_model(qtbot, dialog, "gpt-4o")
    assert dialog.drafts()[0].models == ("deepseek-chat",)

    qtbot.keyClicks(child(dialog, QLineEdit, "modelFilter"), "GPT")
    visible = [models.item(i).text() for i in range(models.count()) if not models.item(i).isHidden()]
    assert visible == ["gpt-4o", "gpt-4o-mini"]
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.keyClick(child(dialog, QLineEdit, "modelFilter"), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is models, "Enter in the filter goes to the list, not to Create"
    assert models.currentItem().text() == "gpt-4o"

    click(qtbot, toggle)
    assert not shown(dialog, QListWidget, "modelList")
    assert dialog.drafts()[0].models == ("deepseek-chat",), "collapsing hides, it does not forget"


def test_models_arriving_late_keep_the_ticks(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    token = make_token(models=("old-model",))
    dialog = make_dialog(token=token)  # the caller had no model list yet
    models = child(dialog, QListWidget, "modelList")
    assert [models.item(i).text() for i in range(models.count())] == ["old-model"]
    dialog.set_available_models(MODELS)
    check_model(qtbot, dialog, "gpt-4o")
    dialog.set_available_models(("gpt-4o", "qwen-max"))
    assert [models.item(i).text() for i in range(models.count())] == ["gpt-4o", "qwen-max", "old-model"]
    assert dialog.drafts()[0].models == ("old-model", "gpt-4o")


def test_allowed_ips_accept_lines_and_commas(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    expand_advanced(qtbot, dialog)
    ips = child(dialog, QPlainTextEdit, "allowIpsEdit")
    assert ips.tabChangesFocus()
    ips.setFocus()
    qtbot.keyClicks(ips, "10.0.0.0/8, 192.168.1.7")
    qtbot.keyClick(ips, Qt.Key.Key_Return)
    qtbot.keyClicks(ips, "2001:db8::/32")
    qtbot.keyClick(ips, Qt.Key.Key_Return)
    assert dialog.drafts()[0].allow_ips == ("10.0.0.0/8", "192.168.1.7", "2001:db8::/32")
    qtbot.wait(IP_CHECK_DELAY_MS + 100)
    assert label_text(dialog, "allowIpsError") == ""


def test_invalid_cidr_is_explained_and_blocks_submit(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    expand_advanced(qtbot, dialog)
    ips = child(dialog, QPlainTextEdit, "allowIpsEdit")
    ips.setFocus()
    qtbot.keyClicks(ips, "10.0.0.0/33")
    assert label_text(dialog, "allowIpsError") == "", "no complaint while the user is still typing"
    qtbot.waitUntil(lambda: "“10.0.0.0/33” is not an IP address" in label_text(dialog, "allowIpsError"))

    click(qtbot, child(dialog, QToolButton, "advancedToggle"))  # collapse: the error must bring it back
    name = child(dialog, QLineEdit, "nameEdit")
    name.setFocus()
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert shown(dialog, QPlainTextEdit, "allowIpsEdit")
    assert QApplication.focusWidget() is ips
    assert "10.0.0.0/33" in label_text(dialog, "allowIpsError")

    ips.selectAll()
    qtbot.keyClicks(ips, "10.0.0.0/8")
    assert label_text(dialog, "allowIpsError") == "", "a fixed value clears the message at once"


def test_group_only_on_new_api(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog(flavor=Flavor.NEW_API, groups=["default", "vip"])
    type_name(qtbot, dialog, "laptop")
    expand_advanced(qtbot, dialog)
    group = child(dialog, QComboBox, "groupCombo")
    assert group.isEditable()
    assert [group.itemText(i) for i in range(group.count())] == ["default", "vip"]
    assert dialog.drafts()[0].group == ""
    choose(qtbot, group, "vip")
    assert dialog.drafts()[0].group == "vip"
    line = group.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, "auto")
    assert dialog.drafts()[0].group == "auto"

    one_api = make_dialog(flavor=Flavor.ONE_API, groups=["default", "vip"])
    type_name(qtbot, one_api, "laptop")
    assert one_api.findChild(QComboBox, "groupCombo") is None
    assert one_api.drafts()[0].group == ""


# ------------------------------------------------------------------------------------------- Edit mode


def test_edit_mode_prefills_and_round_trips(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    token = make_token(
        name="CI 服务器",
        expires_at=NOW + timedelta(days=10, seconds=17, microseconds=123_456),
        remain_quota=1_234_567,  # not whole cents: shown in units so nothing is rounded away
        models=("legacy-model", "gpt-4o"),
        allow_ips=("10.0.0.0/8", "203.0.113.7"),
        group="vip",
    )
    dialog = make_dialog(flavor=Flavor.NEW_API, token=token, available_models=MODELS, groups=["default"])
    assert dialog.windowTitle() == "Edit token — CI 服务器"
    assert ok_button(dialog).text() == "Save"
    assert dialog.findChild(QSpinBox, "countSpin") is None, "no batch when editing"
    assert child(dialog, QLineEdit, "nameEdit").text() == "CI 服务器"
    assert child(dialog, QComboBox, "expiryCombo").currentText() == "Custom…"
    assert child(dialog, QComboBox, "unitCombo").currentText() == "units"
    assert child(dialog, QLineEdit, "amountEdit").text() == "1234567"
    assert shown(dialog, QListWidget, "modelList"), "restrictions are shown, not hidden"
    models = child(dialog, QListWidget, "modelList")
    assert models.item(models.count() - 1).text() == "legacy-model", "kept although the site no longer lists it"
    assert child(dialog, QPlainTextEdit, "allowIpsEdit").toPlainText() == "10.0.0.0/8\n203.0.113.7"
    assert child(dialog, QComboBox, "groupCombo").currentText() == "vip"
    assert label_text(dialog, "expiryHint") == ""

    assert dialog.drafts() == [token.to_draft()]
    with qtbot.waitSignal(dialog.submitted) as signal:
        click(qtbot, ok_button(dialog))
    assert signal.args == [[token.to_draft()]]


def test_edit_whole_cents_shows_money_and_keeps_unlimited_quota(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    token = make_token(remain_quota=2_500_000, unlimited=True)
    dialog = make_dialog(token=token)
    assert child(dialog, QComboBox, "unitCombo").currentText() == "$ (money)"
    assert child(dialog, QLineEdit, "amountEdit").text() == "5.00"
    assert child(dialog, QCheckBox, "unlimitedCheck").isChecked()
    assert not shown(dialog, QListWidget, "modelList"), "nothing restricted, nothing to show"
    assert dialog.drafts() == [token.to_draft()]


def test_edit_expired_token_can_be_renamed_or_revived(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    clock = Clock()
    token = make_token(expires_at=NOW - timedelta(days=2, seconds=5), status=TokenStatus.EXPIRED)
    dialog = make_dialog(token=token, clock=clock)
    hint = "This token has expired; choose a new expiry or Never to revive it."
    assert label_text(dialog, "expiryHint") == hint

    type_name(qtbot, dialog, "renamed")
    with qtbot.waitSignal(dialog.submitted) as signal:
        click(qtbot, ok_button(dialog))
    assert signal.args[0][0].expires_at == token.expires_at, "an untouched expiry is not re-checked"

    # Moving the date, but not far enough, is a change and must be in the future.
    edit = child(dialog, QDateTimeEdit, "expiryEdit")
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int((NOW - timedelta(days=1)).timestamp())))
    with qtbot.assertNotEmitted(dialog.submitted):
        click(qtbot, ok_button(dialog))
    assert "in the past" in label_text(dialog, "expiryError")

    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "Never")
    assert label_text(dialog, "expiryHint") == ""
    assert label_text(dialog, "expiryError") == ""
    with qtbot.waitSignal(dialog.submitted) as signal:
        click(qtbot, ok_button(dialog))
    assert signal.args[0][0].expires_at is None


def test_edit_future_expiry_change_to_preset(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    token = make_token(expires_at=NOW + timedelta(days=3))
    dialog = make_dialog(token=token)
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "90 days")
    assert dialog.drafts()[0].expires_at == NOW + timedelta(days=90)
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "Custom…")
    assert dialog.drafts()[0].expires_at == token.expires_at, "back to the original date"


# --------------------------------------------------------------------------------------- Submit flow


def test_create_emits_drafts_and_leaves_closing_to_the_caller(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog(available_models=MODELS)
    type_name(qtbot, dialog, "bot")
    type_amount(qtbot, dialog, "2.5")
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "7 days")
    expand_advanced(qtbot, dialog)
    check_model(qtbot, dialog, "gpt-4o-mini")
    with qtbot.waitSignal(dialog.submitted) as signal:
        click(qtbot, ok_button(dialog))
    assert signal.args == [
        [
            TokenDraft(
                name="bot",
                expires_at=NOW + timedelta(days=7),
                remain_quota=1_250_000,
                models=("gpt-4o-mini",),
            )
        ]
    ]
    assert dialog.isVisible(), "the dialog waits for the server's answer"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_in_the_name_field_submits(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    with qtbot.waitSignal(dialog.submitted) as signal:
        qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Return)
    assert [d.name for d in signal.args[0]] == ["laptop"]


def test_nothing_is_emitted_for_an_invalid_form(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    name = child(dialog, QLineEdit, "nameEdit")
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.keyClick(name, Qt.Key.Key_Return)  # empty name
        type_name(qtbot, dialog, CJK * 11)
        qtbot.keyClick(name, Qt.Key.Key_Return)  # too long
        click(qtbot, ok_button(dialog))
        type_name(qtbot, dialog, "ok")
        type_amount(qtbot, dialog, "-5")
        qtbot.keyClick(name, Qt.Key.Key_Return)  # negative quota
    assert dialog.isVisible()


def test_cancel_and_escape_reject(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected

    other = make_dialog()
    cancel = child(other, QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    with qtbot.waitSignal(other.rejected):
        click(qtbot, cancel)


def test_show_error_keeps_what_was_typed(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    type_amount(qtbot, dialog, "7.25")
    with qtbot.waitSignal(dialog.submitted):
        click(qtbot, ok_button(dialog))
    dialog.set_busy(True)
    dialog.show_error("已达到最大令牌数量限制 (1000)")
    error = child(dialog, QLabel, "errorLabel")
    assert error.isVisibleTo(dialog)
    assert error.text() == "已达到最大令牌数量限制 (1000)"
    assert error.wordWrap()
    assert error.property("tone") == "error"
    assert child(dialog, QLineEdit, "nameEdit").text() == "laptop"
    assert child(dialog, QLineEdit, "amountEdit").text() == "7.25"
    assert ok_button(dialog).isEnabled(), "an answer from the server ends the busy state"
    assert dialog.isVisible()

    with qtbot.waitSignal(dialog.submitted):
        click(qtbot, ok_button(dialog))  # trying again clears the old message
    assert not error.isVisibleTo(dialog)
    dialog.show_error("Network is down.")
    dialog.show_error("")
    assert not error.isVisibleTo(dialog)


def test_set_busy_freezes_the_form(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "laptop")
    dialog.set_busy(True)
    assert label_text(dialog, "busyLabel") == "Saving…"
    assert not ok_button(dialog).isEnabled()
    for kind, name in [(QLineEdit, "nameEdit"), (QLineEdit, "amountEdit"), (QComboBox, "expiryCombo")]:
        assert not child(dialog, kind, name).isEnabled()
    cancel = child(dialog, QDialogButtonBox, "buttonBox").button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None and cancel.isEnabled(), "a slow server never traps the user"
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.keyClick(child(dialog, QLineEdit, "nameEdit"), Qt.Key.Key_Return)

    dialog.set_busy(False)
    assert not shown(dialog, QLabel, "busyLabel")
    assert ok_button(dialog).isEnabled()
    assert child(dialog, QLineEdit, "nameEdit").isEnabled()


# -------------------------------------------------------------------------------- Keyboard and looks


def test_tab_reaches_every_field_in_order(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog(flavor=Flavor.NEW_API, available_models=MODELS)
    type_name(qtbot, dialog, "laptop")
    choose(qtbot, child(dialog, QComboBox, "expiryCombo"), "Custom…")
    expand_advanced(qtbot, dialog)
    name = child(dialog, QLineEdit, "nameEdit")
    name.setFocus()

    expected: list[QWidget] = [
        name,
        child(dialog, QComboBox, "expiryCombo"),
        child(dialog, QDateTimeEdit, "expiryEdit"),
        child(dialog, QCheckBox, "unlimitedCheck"),
        child(dialog, QLineEdit, "amountEdit"),
        child(dialog, QComboBox, "unitCombo"),
        *(child(dialog, QToolButton, f"preset{d}") for d in (1, 5, 10, 50, 100)),
        child(dialog, QSpinBox, "countSpin"),
        child(dialog, QToolButton, "advancedToggle"),
        child(dialog, QLineEdit, "modelFilter"),
        child(dialog, QListWidget, "modelList"),
        child(dialog, QPlainTextEdit, "allowIpsEdit"),
        child(dialog, QComboBox, "groupCombo"),
    ]
    reached: list[QWidget] = []
    for _ in range(len(expected) + 4):
        focused = QApplication.focusWidget()
        assert focused is not None
        owner = next((w for w in expected if w is focused or w.isAncestorOf(focused)), focused)
        if not reached or reached[-1] is not owner:
            reached.append(owner)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert reached[: len(expected)] == expected


@pytest.mark.parametrize(
    ("key", "target"),
    [
        (Qt.Key.Key_N, "nameEdit"),
        (Qt.Key.Key_E, "expiryCombo"),
        (Qt.Key.Key_Q, "amountEdit"),
        (Qt.Key.Key_H, "countSpin"),
    ],
)
def test_alt_mnemonics_jump_to_fields(qtbot: QtBot, make_dialog: MakeDialog, key: Qt.Key, target: str) -> None:
    dialog = make_dialog()
    child(dialog, QToolButton, "preset5").setFocus()
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    focused = QApplication.focusWidget()
    widget = dialog.findChild(QWidget, target)
    assert widget is not None and focused is not None
    assert focused is widget or widget.isAncestorOf(focused)


def test_labels_carry_mnemonics_and_presets_tooltips(make_dialog: MakeDialog) -> None:
    dialog = make_dialog(flavor=Flavor.NEW_API)
    texts = {label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    assert {"&Name:", "&Expires:", "&Quota:", "&How many:", "&Models:", "Allowed &IPs:", "&Group:"} <= texts
    for dollars in (1, 5, 10, 50, 100):
        assert child(dialog, QToolButton, f"preset{dollars}").toolTip()


def test_error_colour_follows_the_palette() -> None:
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    assert error_color(light).lightness() < error_color(dark).lightness()
    assert error_color(light).red() > error_color(light).green()
    assert error_color(dark).red() > error_color(dark).green()


def test_messages_recolour_when_the_theme_changes(qtbot: QtBot, make_dialog: MakeDialog) -> None:
    dialog = make_dialog()
    type_name(qtbot, dialog, "x" * 31)
    counter = child(dialog, QLabel, "nameCounter")
    dark = QPalette(dialog.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dialog.setPalette(dark)
    assert counter.palette().color(QPalette.ColorRole.WindowText) == error_color(dark)
    assert counter.palette().color(QPalette.ColorRole.Window) == QColor("#202020"), "no own background"
