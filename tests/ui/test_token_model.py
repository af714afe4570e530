"""TokenTableModel / TokenFilterProxy: Qt's model tester, ordering, filtering, and that keys stay hidden."""

from __future__ import annotations

import secrets
import string
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.ui import token_model as token_model_module
from openkey_gui.ui.colors import Hue, hue_color
from openkey_gui.ui.token_cells import (
    EXPIRY_PAST_HUE,
    EXPIRY_SOON_HUE,
    STATUS_HUES,
    Column,
    Role,
    local_datetime_text,
    mask_key,
)
from openkey_gui.ui.token_filter import TokenFilterProxy
from openkey_gui.ui.token_model import TokenTableModel

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
UNIT = 500_000  # quota units per dollar
_KEY_ALPHABET = string.ascii_letters + string.digits


def make_key() -> str:
    """A realistic full key, made up at run time so no key-shaped literal lives in the repository."""
    return "sk-" + "".join(secrets.choice(_KEY_ALPHABET) for _ in range(48))


def masked_form(full_key: str) -> str:
    """New API's list form of a key: first four, ten stars, last four, no prefix."""
    body = full_key[3:]
    return f"{body[:4]}{'*' * 10}{body[-4:]}"


def make_token(token_id: int, name: str | None = None, **changes: Any) -> Token:
    values: dict[str, Any] = {
        "id": token_id,
        "name": name if name is not None else f"token {token_id}",
        "key": make_key(),
        "key_is_masked": False,
        "status": TokenStatus.ENABLED,
        "created_at": NOW - timedelta(days=30, hours=token_id),
        "accessed_at": NOW - timedelta(hours=token_id),
        "expires_at": None,
        "remain_quota": 10 * UNIT,
        "used_quota": UNIT,
        "unlimited": False,
    }
    values.update(changes)
    return Token(**values)


class FakeClock:
    """An adjustable ``now`` for the model's ``clock`` argument."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def model(qtbot: Any, clock: FakeClock) -> TokenTableModel:
    return TokenTableModel(clock=clock)


@pytest.fixture
def proxy(model: TokenTableModel) -> TokenFilterProxy:
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def sample_tokens() -> list[Token]:
    """A mix covering every status, unlimited, never-expiring, masked and CJK-named tokens."""
    return [
        make_token(1, "Production", group="vip", models=("gpt-4o", "claude-3-opus")),
        make_token(2, "翻译助手", remain_quota=0, used_quota=3 * UNIT),
        make_token(3, "dev laptop", unlimited=True, remain_quota=0, expires_at=NOW + timedelta(days=2)),
        make_token(4, "Old CI", expires_at=NOW - timedelta(days=5)),
        make_token(5, "paused", status=TokenStatus.DISABLED, accessed_at=None),
        make_token(6, "New API masked", key="abcd" + "*" * 10 + "wxyz", key_is_masked=True),
        make_token(7, "future", status=TokenStatus.UNKNOWN, expires_at=NOW + timedelta(days=90)),
    ]


def display(model: QAbstractItemModel, row: int, column: Column) -> Any:
    return model.index(row, column).data(Qt.ItemDataRole.DisplayRole)


def column_ids(model: QAbstractItemModel) -> list[int]:
    return [model.index(row, 0).data(Role.TOKEN_ID) for row in range(model.rowCount())]


def all_values(model: QAbstractItemModel) -> Iterator[tuple[int, int, int, Any]]:
    """Every role 0..300 plus the custom roles, for every cell and every horizontal header."""
    roles = sorted(set(range(301)) | {int(role) for role in Role})
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                yield row, column, role, index.data(role)
    for column in range(model.columnCount()):
        for role in roles:
            yield -1, column, role, model.headerData(column, Qt.Orientation.Horizontal, role)


def assert_keys_hidden(model: QAbstractItemModel, *full_keys: str) -> None:
    """No role shows a key, nor even the part of it that the mask leaves out."""
    secrets_left_out = [key[3:][4:-4] for key in full_keys]
    for row, column, role, value in all_values(model):
        if role == Role.TOKEN and isinstance(value, Token):
            continue  # the value object itself, for actions such as "copy"; never rendered
        text = value if isinstance(value, str) else repr(value)
        for full_key, middle in zip(full_keys, secrets_left_out, strict=True):
            assert full_key not in text, (row, column, role)
            assert middle not in text, (row, column, role)


# -- Qt's own consistency checks ------------------------------------------------------------------


@pytest.mark.parametrize("target", ["model", "proxy"])
def test_model_tester_through_every_mutation(
    qtmodeltester: Any, model: TokenTableModel, proxy: TokenFilterProxy, clock: FakeClock, target: str
) -> None:
    model.set_tokens(sample_tokens())
    checked: QAbstractItemModel = model if target == "model" else proxy
    qtmodeltester.check(checked)  # stays connected: every change below is checked again

    model.add_token(make_token(8, "added"))
    model.update_token(make_token(1, "renamed", remain_quota=2 * UNIT))
    model.remove_token(5)
    model.set_revealed(1, True)
    model.set_display(UNIT, "¥", Decimal("7.3"))
    proxy.sort(Column.REMAINING, Qt.SortOrder.DescendingOrder)
    model.add_token(make_token(9, "added while sorted", remain_quota=5 * UNIT))
    model.update_token(make_token(9, "moved", remain_quota=0))
    proxy.set_search_text("a")
    proxy.set_status_filter(TokenStatus.ENABLED)
    clock.now += timedelta(days=3)
    model.refresh_times()
    proxy.sort(Column.STATUS)
    clock.now += timedelta(days=100)
    model.refresh_times()
    proxy.sort(-1)
    model.set_tokens(sample_tokens()[:3])
    model.remove_token(2)
    model.retranslate()
    qtmodeltester.check(checked)


# -- columns and plain reading --------------------------------------------------------------------


def test_headers_and_flags(model: TokenTableModel) -> None:
    labels = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in Column]
    assert labels == ["Name", "Status", "Key", "Remaining", "Used", "Created", "Expires", "Last used", "7 days"]
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) is None
    model.set_tokens([make_token(1)])
    flags = model.flags(model.index(0, Column.NAME))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_reading_helpers(model: TokenTableModel) -> None:
    tokens = sample_tokens()
    model.set_tokens(tokens)
    assert model.rowCount() == len(tokens)
    assert model.columnCount() == len(Column)
    assert model.tokens() == tokens
    model.tokens().clear()  # a copy: the model keeps its rows
    assert model.rowCount() == len(tokens)
    assert model.token_at(1) is tokens[1]
    assert model.row_of(4) == 3
    assert model.row_of(999) is None
    index = model.index(0, Column.NAME)
    assert index.data(Role.TOKEN) is tokens[0]
    assert index.data(Role.TOKEN_ID) == 1
    assert index.data(Role.SEARCH) == "production\nvip\ngpt-4o\nclaude-3-opus"
    assert index.data(12345) is None
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_status_labels_colours_and_effective_status(model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    expected = {
        1: ("Enabled", TokenStatus.ENABLED),
        2: ("Exhausted", TokenStatus.EXHAUSTED),  # stored enabled, remain 0, not unlimited
        3: ("Enabled", TokenStatus.ENABLED),  # unlimited: remain 0 does not matter
        4: ("Expired", TokenStatus.EXPIRED),  # stored enabled, expiry passed
        5: ("Disabled", TokenStatus.DISABLED),
        6: ("Enabled", TokenStatus.ENABLED),
        7: ("Unknown", TokenStatus.UNKNOWN),
    }
    for token_id, (label, status) in expected.items():
        row = model.row_of(token_id)
        assert row is not None
        index = model.index(row, Column.STATUS)
        assert index.data(Qt.ItemDataRole.DisplayRole) == label
        assert index.data(Role.STATUS) == status
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        if status == TokenStatus.UNKNOWN:
            assert colour is None
        else:
            assert isinstance(colour, QColor) and colour == hue_color(STATUS_HUES[status])
    enabled, expired = hue_color(STATUS_HUES[TokenStatus.ENABLED]), hue_color(STATUS_HUES[TokenStatus.EXPIRED])
    assert enabled.green() > enabled.red()
    assert expired.red() > expired.green()


def test_money_text_tooltips_and_set_display(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens(
        [
            make_token(1, remain_quota=1_250_000, used_quota=50_000),
            make_token(2, unlimited=True, remain_quota=0, used_quota=0),
        ]
    )
    assert display(model, 0, Column.REMAINING) == "$2.50 · 1.25M"
    assert model.index(0, Column.REMAINING).data(Qt.ItemDataRole.ToolTipRole) == "1,250,000 units"
    assert display(model, 0, Column.USED) == "$0.10 · 50K"
    assert model.index(0, Column.USED).data(Qt.ItemDataRole.ToolTipRole) == "50,000 units"
    assert display(model, 1, Column.REMAINING) == "Unlimited"
    assert display(model, 1, Column.USED) == "$0.00 · 0"
    alignment = model.index(0, Column.REMAINING).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight.value)
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.TextAlignmentRole) is None

    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_display(UNIT, "¥", Decimal("7.3"))
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert (top_left.column(), bottom_right.column()) == (Column.REMAINING, Column.SPEND)  # money in all three
    assert (top_left.row(), bottom_right.row()) == (0, 1)
    assert display(model, 0, Column.REMAINING) == "¥18.25 · 1.25M"
    assert model.index(0, Column.REMAINING).data(Qt.ItemDataRole.ToolTipRole) == "1,250,000 units"

    model.set_display(1_000_000)
    assert display(model, 0, Column.REMAINING) == "$1.25 · 1.25M"


def test_dates_local_short_format_and_missing(model: TokenTableModel) -> None:
    created = datetime(2026, 11, 1, 14, 5, 59, tzinfo=timezone.utc)
    model.set_tokens(
        [
            # Both servers set the access time to the creation time at creation: equal means never used.
            make_token(1, created_at=created, accessed_at=created),
            make_token(2, created_at=None, accessed_at=None),
            make_token(3, created_at=created, accessed_at=created + timedelta(minutes=1)),
        ]
    )
    expected = created.astimezone().strftime("%Y-%m-%d %H:%M")
    assert display(model, 0, Column.CREATED) == expected
    assert display(model, 0, Column.LAST_USED) == "Never"
    assert display(model, 2, Column.LAST_USED) == (created + timedelta(minutes=1)).astimezone().strftime(
        "%Y-%m-%d %H:%M")
    assert display(model, 1, Column.CREATED) == "—"
    assert display(model, 1, Column.LAST_USED) == "—"
    assert local_datetime_text(created) == expected


# -- expiry: relative texts, colours, the clock ---------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (timedelta(seconds=20), "in less than a minute"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=45), "in 45 minutes"),
        (timedelta(minutes=59, seconds=40), "in 1 hour"),
        (timedelta(hours=3), "in 3 hours"),
        (timedelta(hours=2, minutes=50), "in 3 hours"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=2), "in 2 days"),
        (timedelta(days=30), "in 30 days"),
        (timedelta(days=91), "in 3 months"),
        (timedelta(days=400), "in 1 year"),
        (timedelta(days=800), "in 2 years"),
        (-timedelta(seconds=10), "less than a minute ago"),
        (-timedelta(minutes=1), "1 minute ago"),
        (-timedelta(hours=5), "5 hours ago"),
        (-timedelta(days=5), "5 days ago"),
        (-timedelta(days=60), "2 months ago"),
        (-timedelta(days=365), "1 year ago"),
    ],
)
def test_relative_expiry_text(model: TokenTableModel, offset: timedelta, text: str) -> None:
    model.set_tokens([make_token(1, expires_at=NOW + offset)])
    assert display(model, 0, Column.EXPIRES) == text
    expected_tip = (NOW + offset).astimezone().strftime("%Y-%m-%d %H:%M")
    assert model.index(0, Column.EXPIRES).data(Qt.ItemDataRole.ToolTipRole) == expected_tip


def test_never_expires(model: TokenTableModel) -> None:
    model.set_tokens([make_token(1, expires_at=None)])
    index = model.index(0, Column.EXPIRES)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Never"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None
    assert index.data(Role.SORT) == float("inf")


@pytest.mark.parametrize(
    ("offset", "colour"),
    [
        (timedelta(days=10), None),
        (timedelta(days=3, minutes=1), None),
        (timedelta(days=3), EXPIRY_SOON_HUE),
        (timedelta(hours=1), EXPIRY_SOON_HUE),
        (timedelta(0), EXPIRY_PAST_HUE),
        (-timedelta(days=2), EXPIRY_PAST_HUE),
    ],
)
def test_expiry_colours(model: TokenTableModel, offset: timedelta, colour: Hue | None) -> None:
    model.set_tokens([make_token(1, expires_at=NOW + offset)])
    expected = None if colour is None else hue_color(colour)
    assert model.index(0, Column.EXPIRES).data(Qt.ItemDataRole.ForegroundRole) == expected


def test_refresh_times_ages_texts_and_repaints_only_what_changed(
    qtbot: Any, model: TokenTableModel, clock: FakeClock
) -> None:
    model.set_tokens(
        [
            make_token(1, expires_at=NOW + timedelta(hours=2)),
            make_token(2, expires_at=NOW + timedelta(days=20)),
            make_token(3, expires_at=None),
        ]
    )
    assert display(model, 0, Column.EXPIRES) == "in 2 hours"
    changes: list[tuple[int, int, int, int, list[int]]] = []
    model.dataChanged.connect(
        lambda tl, br, roles: changes.append((tl.row(), tl.column(), br.row(), br.column(), list(roles)))
    )

    clock.now += timedelta(minutes=60)
    model.refresh_times()
    assert display(model, 0, Column.EXPIRES) == "in 1 hour"
    assert changes == [(0, Column.EXPIRES, 2, Column.EXPIRES, changes[0][4])]
    assert Role.SORT not in changes[0][4]  # expiry timestamps do not move, so no resort is asked for

    changes.clear()
    clock.now += timedelta(hours=2)
    model.refresh_times()
    assert display(model, 0, Column.EXPIRES) == "1 hour ago"
    assert display(model, 0, Column.STATUS) == "Expired"
    assert model.index(0, Column.EXPIRES).data(Qt.ItemDataRole.ForegroundRole) == hue_color(EXPIRY_PAST_HUE)
    assert display(model, 1, Column.EXPIRES) == "in 20 days"
    status_changes = [c for c in changes if c[1] == Column.STATUS]
    assert [c[:4] for c in status_changes] == [(0, Column.STATUS, 0, Column.STATUS)]  # only the row that expired
    assert Role.STATUS in status_changes[0][4]


def test_refresh_times_refilters_by_effective_status(
    model: TokenTableModel, proxy: TokenFilterProxy, clock: FakeClock
) -> None:
    model.set_tokens([make_token(1, expires_at=NOW + timedelta(minutes=5)), make_token(2)])
    proxy.set_status_filter(TokenStatus.EXPIRED)
    assert proxy.rowCount() == 0
    clock.now += timedelta(minutes=10)
    model.refresh_times()
    assert column_ids(proxy) == [1]
    proxy.set_status_filter(TokenStatus.ENABLED)
    assert column_ids(proxy) == [2]


# -- keys -----------------------------------------------------------------------------------------


def test_mask_key_shapes() -> None:
    assert mask_key("ewrX**********qPqi") == "sk-ewrX…qPqi"
    assert mask_key("sk-ewrX**********qPqi") == "sk-ewrX…qPqi"
    key = make_key()
    assert mask_key(key) == f"sk-{key[3:7]}…{key[-4:]}"
    assert mask_key("") == "sk-…"
    assert mask_key("sk-abcd") == "sk-…"  # too short to show anything without showing all of it


def test_full_key_never_leaves_the_model_unrevealed(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    tokens = sample_tokens()
    model.set_tokens(tokens)
    full_keys = [t.key for t in tokens if not t.key_is_masked]
    assert full_keys
    for target in (model, proxy):
        assert_keys_hidden(target, *full_keys)
    assert display(model, 0, Column.KEY) == mask_key(tokens[0].key)
    assert model.index(0, Column.KEY).data(Role.SORT) == mask_key(tokens[0].key).casefold()

    model.set_revealed(1, True)
    model.set_revealed(1, False)  # hidden again: back to the mask everywhere
    for target in (model, proxy):
        assert_keys_hidden(target, tokens[0].key)


def test_revealing_shows_the_full_key_of_that_row_only(qtbot: Any, model: TokenTableModel) -> None:
    tokens = sample_tokens()
    model.set_tokens(tokens)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_revealed(1, True)
    assert (blocker.args[0].row(), blocker.args[0].column()) == (0, Column.KEY)
    assert model.is_revealed(1)
    assert display(model, 0, Column.KEY) == tokens[0].key
    assert display(model, 1, Column.KEY) == mask_key(tokens[1].key)
    assert_keys_hidden(model, tokens[1].key)


def test_new_api_masked_key_revealed_after_fetch(model: TokenTableModel) -> None:
    full = make_key()
    token = make_token(6, key=masked_form(full), key_is_masked=True)
    model.set_tokens([token])
    assert display(model, 0, Column.KEY) == f"sk-{full[3:7]}…{full[-4:]}"
    model.set_revealed(6, True)
    assert display(model, 0, Column.KEY) == f"sk-{full[3:7]}…{full[-4:]}"  # nothing to show yet
    model.update_token(token.with_key(full[3:]))
    assert display(model, 0, Column.KEY) == full
    model.set_revealed(6, False)
    assert_keys_hidden(model, full)


def test_fetched_key_stays_hidden_until_revealed(model: TokenTableModel) -> None:
    full = make_key()
    token = make_token(6, key=masked_form(full), key_is_masked=True)
    model.set_tokens([token])
    model.update_token(token.with_key(full))  # e.g. fetched for "copy", never shown
    assert_keys_hidden(model, full)


def test_revealed_set_follows_the_rows(model: TokenTableModel) -> None:
    tokens = sample_tokens()
    model.set_tokens(tokens)
    model.set_revealed(1, True)
    model.set_revealed(4, True)
    model.set_revealed(999, True)  # not listed: ignored
    assert not model.is_revealed(999)
    model.set_tokens([t for t in tokens if t.id != 4])
    assert model.is_revealed(1)
    assert not model.is_revealed(4)
    assert display(model, 0, Column.KEY) == tokens[0].key
    model.remove_token(1)
    assert not model.is_revealed(1)
    model.add_token(tokens[0])
    assert display(model, 0, Column.KEY) == mask_key(tokens[0].key)


def test_key_column_is_monospace(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens([make_token(1)])
    font = model.index(0, Column.KEY).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.FontRole) is None


# -- mutations and their signals ------------------------------------------------------------------


def test_set_tokens_resets(qtbot: Any, model: TokenTableModel) -> None:
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_tokens(sample_tokens())
    assert model.rowCount() == 7


def test_add_token_inserts_first(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.add_token(make_token(8, "brand new"))
    assert (blocker.args[1], blocker.args[2]) == (0, 0)
    assert column_ids(model)[:2] == [8, 1]
    assert model.row_of(1) == 1


def test_add_existing_token_updates_instead_of_duplicating(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    with qtbot.assertNotEmitted(model.rowsInserted), qtbot.waitSignal(model.dataChanged):
        model.add_token(make_token(3, "renamed"))
    assert model.rowCount() == 7
    assert display(model, model.row_of(3) or 0, Column.NAME) == "renamed"


def test_update_token_changes_the_whole_row(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.update_token(make_token(4, "Old CI", status=TokenStatus.DISABLED))
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert (top_left.row(), top_left.column()) == (3, 0)
    assert (bottom_right.row(), bottom_right.column()) == (3, len(Column) - 1)
    assert display(model, 3, Column.STATUS) == "Disabled"
    assert not model.update_token(make_token(999))


def test_remove_token(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    with qtbot.waitSignal(model.rowsRemoved) as blocker:
        assert model.remove_token(2)
    assert (blocker.args[1], blocker.args[2]) == (1, 1)
    assert model.row_of(2) is None
    assert model.row_of(3) == 1
    assert not model.remove_token(2)


def test_retranslate_rebuilds_texts(qtbot: Any, model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    with qtbot.waitSignals([model.modelReset, model.headerDataChanged]):
        model.retranslate()
    assert display(model, 0, Column.STATUS) == "Enabled"


# -- sorting --------------------------------------------------------------------------------------


def sorting_tokens() -> list[Token]:
    """Values whose text order differs from their numeric order ("$9.00" > "$10.00" as text)."""
    return [
        make_token(1, "beta", remain_quota=9 * UNIT, used_quota=100 * UNIT, expires_at=NOW + timedelta(days=9)),
        make_token(2, "Alpha", remain_quota=10 * UNIT, used_quota=2 * UNIT, expires_at=None),
        make_token(3, "gamma", unlimited=True, remain_quota=0, used_quota=0, expires_at=NOW + timedelta(days=400)),
        make_token(4, "delta", remain_quota=100 * UNIT, used_quota=9 * UNIT, expires_at=NOW - timedelta(days=1)),
        make_token(5, "Épsilon", remain_quota=0, used_quota=10 * UNIT, expires_at=NOW + timedelta(days=10)),
    ]


@pytest.mark.parametrize(
    ("column", "ascending", "descending"),
    [
        (Column.NAME, [2, 1, 4, 3, 5], [5, 3, 4, 1, 2]),
        (Column.REMAINING, [5, 1, 2, 4, 3], [3, 4, 2, 1, 5]),  # unlimited above every amount
        (Column.USED, [3, 2, 4, 5, 1], [1, 5, 4, 2, 3]),
        (Column.EXPIRES, [4, 1, 5, 3, 2], [2, 3, 5, 1, 4]),  # never-expires after every date
        # enabled (1, 2, 3) < expired (4) < exhausted (5); ties keep server order both ways
        (Column.STATUS, [1, 2, 3, 4, 5], [5, 4, 1, 2, 3]),
    ],
)
def test_sort_is_numeric(
    proxy: TokenFilterProxy, model: TokenTableModel, column: Column, ascending: list[int], descending: list[int]
) -> None:
    model.set_tokens(sorting_tokens())
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert column_ids(proxy) == ascending
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    assert column_ids(proxy) == descending
    assert proxy.sortColumn() == column
    assert proxy.sortOrder() == Qt.SortOrder.DescendingOrder


def test_sort_by_dates_puts_missing_first(proxy: TokenFilterProxy, model: TokenTableModel) -> None:
    model.set_tokens(
        [
            make_token(1, created_at=NOW - timedelta(days=1), accessed_at=NOW - timedelta(minutes=1)),
            make_token(2, created_at=NOW - timedelta(days=300), accessed_at=None),
            make_token(3, created_at=None, accessed_at=NOW - timedelta(days=40)),
        ]
    )
    proxy.sort(Column.CREATED)
    assert column_ids(proxy) == [3, 2, 1]
    proxy.sort(Column.LAST_USED)
    assert column_ids(proxy) == [2, 3, 1]


def test_sort_by_key_uses_the_mask(proxy: TokenFilterProxy, model: TokenTableModel) -> None:
    tokens = [make_token(i, key=f"{c}abc{'*' * 10}wxyz", key_is_masked=True) for i, c in enumerate("cAb", 1)]
    model.set_tokens(tokens)
    proxy.sort(Column.KEY)
    assert column_ids(proxy) == [2, 3, 1]


def test_sort_ties_keep_server_order_and_minus_one_restores_it(proxy: TokenFilterProxy, model: TokenTableModel) -> None:
    model.set_tokens([make_token(i, "same", remain_quota=UNIT * (i % 2)) for i in range(1, 7)])
    proxy.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert column_ids(proxy) == [1, 2, 3, 4, 5, 6]
    proxy.sort(Column.REMAINING)
    assert column_ids(proxy) == [2, 4, 6, 1, 3, 5]
    proxy.sort(-1)
    assert column_ids(proxy) == [1, 2, 3, 4, 5, 6]
    assert model.tokens() == [model.token_at(r) for r in range(6)]


def test_sorted_model_places_added_and_updated_rows(
    qtbot: Any, proxy: TokenFilterProxy, model: TokenTableModel
) -> None:
    model.set_tokens(sorting_tokens())
    proxy.sort(Column.REMAINING)
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.add_token(make_token(6, "mid", remain_quota=50 * UNIT))
    assert blocker.args[1] == 3
    assert column_ids(proxy) == [5, 1, 2, 6, 4, 3]
    with qtbot.waitSignal(model.rowsMoved):
        model.update_token(make_token(1, "beta", remain_quota=1000 * UNIT))
    assert column_ids(proxy) == [5, 2, 6, 4, 1, 3]
    with qtbot.assertNotEmitted(model.rowsMoved):
        model.update_token(make_token(1, "beta renamed", remain_quota=1000 * UNIT))
    proxy.sort(-1)
    assert column_ids(proxy) == [6, 1, 2, 3, 4, 5]  # the added token is the newest


def test_sort_keeps_the_selection_on_the_same_token(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    model.set_tokens(sorting_tokens())
    selected = QPersistentModelIndex(proxy.index(0, Column.NAME))  # token 1 in server order
    proxy.sort(Column.NAME)
    assert selected.isValid()
    assert selected.data(Role.TOKEN_ID) == 1
    assert selected.row() == 1


# -- filtering ------------------------------------------------------------------------------------


def search_tokens() -> list[Token]:
    return [
        make_token(1, "翻译助手", models=("gpt-4o-mini",)),
        make_token(2, "Translate Bot", group="VIP", models=("claude-3-haiku",)),
        make_token(3, "chat bot", models=("gpt-4o",)),
        make_token(4, "测试 key", group="default"),
    ]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("", [1, 2, 3, 4]),
        ("   ", [1, 2, 3, 4]),
        ("bot", [2, 3]),
        ("BOT", [2, 3]),
        ("bot chat", [3]),
        ("chat   BOT", [3]),
        ("bot nothing", []),
        ("翻译", [1]),
        ("助手 gpt", [1]),
        ("gpt-4o", [1, 3]),
        ("vip", [2]),
        ("测试", [4]),
        ("default", [4]),
    ],
)
def test_search_words_all_match(model: TokenTableModel, proxy: TokenFilterProxy, text: str, ids: list[int]) -> None:
    model.set_tokens(search_tokens())
    proxy.set_search_text(text)
    assert column_ids(proxy) == ids


def test_search_never_matches_the_middle_of_a_key(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    token = make_token(1)
    model.set_tokens([token])
    proxy.set_search_text(token.key[10:20])
    assert proxy.rowCount() == 0


def test_search_finds_a_pasted_key_or_its_tail(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    """A whole key (with or without ``sk-``) or its last characters; masked keys by what the mask shows."""
    full_body = "Qw8x" + "k" * 40 + "E464"
    masked_body = "Zr2m" + "j" * 40 + "7TqA"
    model.set_tokens([
        make_token(1, name="listed-in-full", key="sk-" + full_body),
        make_token(2, name="listed-masked", key=masked_body[:4] + "*" * 10 + masked_body[-4:], key_is_masked=True),
        make_token(3, name="other", key="sk-" + "p" * 48),
    ])

    def found(text: str) -> list[int]:
        proxy.set_search_text(text)
        return [proxy.token_at(r).id for r in range(proxy.rowCount())]

    assert found("sk-" + full_body) == [1]
    assert found(full_body) == [1]
    assert found("e464") == [1]
    assert found("sk-" + masked_body) == [2]  # the user pastes the key they have; the mask's ends agree
    assert found("7tqa") == [2]
    assert found("laptop") == []  # a plain word never scans keys


@pytest.mark.parametrize(
    ("status", "ids"),
    [
        (None, [1, 2, 3, 4, 5, 6, 7]),
        (TokenStatus.ENABLED, [1, 3, 6]),
        (TokenStatus.EXPIRED, [4]),
        (TokenStatus.EXHAUSTED, [2]),
        (TokenStatus.DISABLED, [5]),
        (TokenStatus.UNKNOWN, [7]),
    ],
)
def test_status_filter_uses_effective_status(
    model: TokenTableModel, proxy: TokenFilterProxy, status: TokenStatus | None, ids: list[int]
) -> None:
    model.set_tokens(sample_tokens())
    proxy.set_status_filter(status)
    assert proxy.status_filter() == status
    assert column_ids(proxy) == ids


def test_search_and_status_combine_and_follow_changes(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    model.set_tokens(search_tokens())
    proxy.set_search_text("bot")
    proxy.set_status_filter(TokenStatus.ENABLED)
    assert column_ids(proxy) == [2, 3]
    model.update_token(make_token(3, "chat bot", status=TokenStatus.DISABLED))
    assert column_ids(proxy) == [2]
    model.add_token(make_token(5, "another bot"))
    model.add_token(make_token(6, "no match"))
    assert column_ids(proxy) == [5, 2]
    model.remove_token(5)
    assert column_ids(proxy) == [2]
    proxy.sort(Column.NAME)
    proxy.set_search_text("")
    assert column_ids(proxy) == [6, 2, 4, 1]  # "测试 key" and "翻译助手" sort after latin letters
    assert proxy.token_at(0).id == 6
    with pytest.raises(IndexError):
        proxy.token_at(10)


def test_filter_changes_are_warning_free(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    """A deprecated call here would only warn at run time (and Qt warnings fail the suite)."""
    model.set_tokens(search_tokens())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        proxy.set_search_text("bot")
        proxy.set_status_filter(TokenStatus.ENABLED)
        proxy.set_search_text("")
        proxy.set_status_filter(None)
    assert isinstance(proxy, QSortFilterProxyModel)
    assert proxy.rowCount() == 4


# -- how the work is spread (bench/ measures the time; these hold the shape without timing) -----------


def many_tokens(count: int) -> list[Token]:
    """Alternating names and statuses, so that a search or a status filter changes rows all over."""
    return [
        make_token(i, f"{'alpha' if i % 2 else 'beta'} {i}",
                   status=TokenStatus.DISABLED if i % 3 == 0 else TokenStatus.ENABLED,
                   expires_at=NOW + timedelta(minutes=i))
        for i in range(count, 0, -1)
    ]


def test_set_tokens_formats_nothing_until_a_row_is_read(
    model: TokenTableModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh of 10,000 rows must not format 10,000 rows: cells are built when a view asks."""
    calls: list[int] = []
    real = token_model_module.quota.format_money
    monkeypatch.setattr(token_model_module.quota, "format_money",
                        lambda units, *a, **k: calls.append(units) or real(units, *a, **k))
    model.set_tokens(many_tokens(500))
    assert calls == []
    assert display(model, 3, Column.REMAINING) == "$10.00 · 5M"
    assert len(calls) == 2  # remaining and used of that one row
    display(model, 3, Column.USED)
    assert len(calls) == 2  # the row's texts are kept


def test_index_checks_its_bounds(model: TokenTableModel) -> None:
    model.set_tokens(sample_tokens())
    assert model.index(0, 0).isValid() and model.index(6, len(Column) - 1).isValid()
    for row, column in ((-1, 0), (7, 0), (0, -1), (0, len(Column))):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a table: no children


def test_proxy_multi_data_and_flags_match_the_source(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    """The proxy answers all roles of a cell in one call; every answer must be what data() gives."""
    model.set_tokens(sample_tokens())
    proxy.sort(Column.NAME)
    roles = sorted(set(range(15)) | {int(role) for role in Role})
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            index = proxy.index(row, column)
            assert proxy.flags(index) == model.flags(proxy.mapToSource(index))
            for role in roles:
                single = QModelRoleData(role)
                proxy.multiData(index, single)
                spanned = QModelRoleData(role)
                proxy.multiData(index, QModelRoleDataSpan(spanned))
                expected = proxy.data(index, role)
                assert single.data() == expected and spanned.data() == expected, (row, column, role)
    assert proxy.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_multi_data_never_shows_an_unrevealed_key(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    tokens = sample_tokens()
    model.set_tokens(tokens)
    full_keys = [t.key for t in tokens if not t.key_is_masked]
    for row in range(proxy.rowCount()):
        for column in range(proxy.columnCount()):
            for role in (*range(15), *(int(r) for r in Role if r != Role.TOKEN)):
                role_data = QModelRoleData(role)
                proxy.multiData(proxy.index(row, column), role_data)
                text = role_data.data() if isinstance(role_data.data(), str) else repr(role_data.data())
                assert not any(key in text or key[7:-4] in text for key in full_keys), (row, column, role)


def test_painted_table_is_the_same_through_either_proxy(qtbot: Any, model: TokenTableModel) -> None:
    """multiData() and flags() are shortcuts: Qt's own proxy must paint exactly the same pixels."""
    model.set_tokens(sample_tokens() + many_tokens(30)[7:])
    images = []
    for proxy in (TokenFilterProxy(), QSortFilterProxyModel()):
        proxy.setSourceModel(model)
        view = QTableView()
        qtbot.addWidget(view)
        view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, False)  # a pointer over one of them
        view.setModel(proxy)
        view.resize(900, 400)
        view.show()
        qtbot.waitExposed(view)
        images.append(view.grab().toImage())
    assert images[0] == images[1]


@pytest.mark.parametrize("ranges", [0, 10**6], ids=["layout-change", "row-by-row"])
def test_big_and_small_refilters_agree(
    model: TokenTableModel, proxy: TokenFilterProxy, monkeypatch: pytest.MonkeyPatch, ranges: int
) -> None:
    """A refilter is told to Qt row by row or as one layout change; the rows shown must not differ."""
    monkeypatch.setattr(TokenFilterProxy, "SCATTERED_CHANGE_RANGES", ranges)
    tokens = many_tokens(300)
    model.set_tokens(tokens)
    kept = QPersistentModelIndex(proxy.index(3, 0))  # token 297: alpha and disabled, kept by every filter below
    proxy.set_search_text("alpha")
    assert column_ids(proxy) == [t.id for t in tokens if t.name.startswith("alpha")]
    proxy.set_status_filter(TokenStatus.DISABLED)
    assert column_ids(proxy) == [t.id for t in tokens if t.name.startswith("alpha") and t.id % 3 == 0]
    assert kept.isValid() and kept.data(Role.TOKEN_ID) == 297
    proxy.set_search_text("alph")  # the same rows: nothing to redo
    assert column_ids(proxy) == [t.id for t in tokens if t.name.startswith("alpha") and t.id % 3 == 0]
    proxy.set_status_filter(None)
    proxy.set_search_text("")
    assert column_ids(proxy) == [t.id for t in tokens]


def test_filter_follows_rows_that_arrive_while_searching(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    """Accept flags are cached per source row; every kind of source change must refresh them."""
    model.set_tokens(many_tokens(100))
    proxy.set_search_text("beta")
    model.add_token(make_token(1000, "beta new"))
    model.add_token(make_token(1001, "alpha new"))
    assert column_ids(proxy)[:2] == [1000, 100]
    model.remove_token(100)
    model.update_token(make_token(98, "alpha renamed"))
    proxy.sort(Column.NAME)
    model.set_tokens(many_tokens(10))
    assert column_ids(proxy) == [10, 2, 4, 6, 8]
    model.retranslate()
    assert column_ids(proxy) == [10, 2, 4, 6, 8]


def test_sorting_again_by_the_same_column_changes_nothing(model: TokenTableModel, proxy: TokenFilterProxy) -> None:
    model.set_tokens(sorting_tokens())
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    proxy.sort(Column.USED, Qt.SortOrder.DescendingOrder)
    proxy.sort(Column.USED, Qt.SortOrder.DescendingOrder)  # QTableView.sortByColumn() asks twice
    assert len(layouts) == 1
    assert column_ids(proxy) == [1, 5, 4, 2, 3]


def test_status_never_read_before_the_clock_moved_is_current(
    model: TokenTableModel, proxy: TokenFilterProxy, clock: FakeClock
) -> None:
    """Statuses are computed when first needed, against the clock reading of the row's last refresh."""
    model.set_tokens([make_token(1, expires_at=NOW + timedelta(minutes=5)), make_token(2)])
    clock.now += timedelta(minutes=10)
    model.refresh_times()
    assert display(model, 0, Column.STATUS) == "Expired"
    assert model.index(0, Column.EXPIRES).data(Qt.ItemDataRole.DisplayRole) == "5 minutes ago"
    proxy.sort(Column.STATUS)
    assert column_ids(proxy) == [2, 1]


def test_search_texts_are_ready_before_the_first_keystroke(qtbot: Any, model: TokenTableModel) -> None:
    """They are filled in idle time after a refresh, in slices, so neither waits for them."""
    model.set_tokens(many_tokens(TokenTableModel.WARM_UP_ROWS * 2 + 10))
    qtbot.waitUntil(lambda: None not in model._searches)
    assert model.index(0, 0).data(Role.SEARCH) == model.token_at(0).name.casefold() + "\n"  # name, no group
