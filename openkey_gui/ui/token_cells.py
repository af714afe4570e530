"""What a token row looks like in the table: columns, roles, colours, masks, dates and their texts.

Pure presentation, shared by the model (which caches what is built here per row), the filter proxy
(which matches on search texts and keys) and the views. ``CellTexts`` holds the translated fixed
texts; they are translated once per language, not once per row.
"""

from __future__ import annotations

import enum
import html
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from openkey_gui.api.models import KEY_PREFIX, Token, TokenStatus
from openkey_gui.api.quota import short_units_named
from openkey_gui.ui.colors import Hue

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    """Table columns, in display order."""

    NAME = 0
    STATUS = 1
    KEY = 2
    REMAINING = 3
    USED = 4
    CREATED = 5
    EXPIRES = 6
    LAST_USED = 7
    SPEND = 8  # the last seven days (ui/spend_column.py), last so that saved layouts keep their order


class Role(enum.IntEnum):
    """Custom data roles; views and the proxy read raw values through these instead of parsing text."""

    TOKEN = int(Qt.ItemDataRole.UserRole)
    TOKEN_ID = enum.auto()
    SORT = enum.auto()
    STATUS = enum.auto()
    SEARCH = enum.auto()
    SPEND_DAILY = enum.auto()


# Plain ints: data() runs for every painted cell, and int comparisons are the cheapest dispatch.
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
FONT_ROLE = int(Qt.ItemDataRole.FontRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
TOKEN_ROLE = int(Role.TOKEN)
TOKEN_ID_ROLE = int(Role.TOKEN_ID)
SORT_ROLE = int(Role.SORT)
STATUS_ROLE = int(Role.STATUS)
SEARCH_ROLE = int(Role.SEARCH)

COLUMN_COUNT = len(Column)
NUMERIC_COLUMNS = frozenset((Column.REMAINING, Column.USED, Column.SPEND))
NUMERIC_ALIGNMENT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
ASCENDING = Qt.SortOrder.AscendingOrder
ROW_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

# Hues, not colours: the shade is picked when the cell is painted, for the light or dark scheme in use.
STATUS_HUES: dict[TokenStatus, Hue] = {
    TokenStatus.ENABLED: Hue.GOOD,
    TokenStatus.DISABLED: Hue.MUTED,
    TokenStatus.EXPIRED: Hue.BAD,
    TokenStatus.EXHAUSTED: Hue.WARNING,
}
EXPIRY_SOON_HUE = Hue.SOON
EXPIRY_PAST_HUE = STATUS_HUES[TokenStatus.EXPIRED]
EXPIRY_WARNING = timedelta(days=3)

_MASK_ELLIPSIS = "…"
MISSING = "—"
# Sort keys stay floats in every numeric column so that any two keys of a column compare.
_TOP = float("inf")
_BOTTOM = float("-inf")


def mask_key(key: str) -> str:
    """``sk-`` + first four + ``…`` + last four characters of the key body.

    Works the same on a full key and on New API's ``abcd**********wxyz`` mask, so a row looks the same
    before and after its key was fetched; a body too short to hide anything shows no characters at all.
    """
    body = key[len(KEY_PREFIX) :] if key.startswith(KEY_PREFIX) else key
    if len(body) < 9:
        return KEY_PREFIX + _MASK_ELLIPSIS
    return f"{KEY_PREFIX}{body[:4]}{_MASK_ELLIPSIS}{body[-4:]}"


def local_datetime_text(moment: datetime) -> str:
    """``2026-11-28 14:05`` in the machine's time zone.

    ``time.localtime`` plus an f-string is about twice as fast as ``astimezone().strftime()``, which
    counts at 10,000 rows; the fallback covers dates the C library refuses (e.g. beyond 3000 on Windows).
    """
    try:
        local = time.localtime(moment.timestamp())
    except (OverflowError, OSError, ValueError):
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{local.tm_year:04d}-{local.tm_mon:02d}-{local.tm_mday:02d} {local.tm_hour:02d}:{local.tm_min:02d}"


class Cells:
    """What a view shows of one row: text, tooltip and hue per column, lists indexed by ``Column``."""

    __slots__ = ("display", "foreground", "tooltip")

    def __init__(self, display: list[str | None], tooltip: list[str | None],
                 foreground: list[Hue | None]) -> None:
        self.display = display
        self.tooltip = tooltip
        self.foreground = foreground


def looks_like_key(word: str) -> bool:
    """A search word worth comparing with keys: ``sk-…``, or 4+ letters and digits with a digit in them
    (a key's tail such as ``e464``). Plain words like "laptop" never scan the keys."""
    if word.startswith(KEY_PREFIX):
        return len(word) > len(KEY_PREFIX) + 3
    return len(word) >= 4 and word.isascii() and word.isalnum() and any(c.isdigit() for c in word)


def key_matches(word: str, token: Token) -> bool:
    """``word`` (case-folded) is the whole key or its ending, as far as the listed key or mask shows it.

    Only those two: a pasted key, or the last characters a user reads off a mask or a log line. A
    stretch from the middle of a key is not matched, so typing a name never finds a key by chance.
    """
    body = word.removeprefix(KEY_PREFIX)
    key = token.key.removeprefix(KEY_PREFIX).casefold()
    if not token.key_is_masked:
        return body == key or key.endswith(body)
    head, tail = key[:4], key.rstrip("*")[-4:]
    if len(body) > 8:
        return body.startswith(head) and body.endswith(tail)
    return bool(tail) and tail.endswith(body)


def search_text(token: Token) -> str:
    """What search matches: name, group and models, case-folded; never the key."""
    return "\n".join((token.name, token.group, *token.models)).casefold()


# Sort keys, one function per column, from a token and its effective status. Every numeric column uses
# floats, with ±inf for "unlimited" / "never" / "missing", so that any two keys of a column compare;
# each is a float() or a casefold(), cheap enough to derive a column's keys for 10,000 rows per sort.
def _name_key(token: Token, status: TokenStatus) -> float | str:
    return token.name.casefold()


def _status_key(token: Token, status: TokenStatus) -> float | str:
    return _TOP if status == TokenStatus.UNKNOWN else float(status)


def _key_key(token: Token, status: TokenStatus) -> float | str:
    return mask_key(token.key).casefold()


def _remaining_key(token: Token, status: TokenStatus) -> float | str:
    return _TOP if token.unlimited else float(token.remain_quota)


def _used_key(token: Token, status: TokenStatus) -> float | str:
    return float(token.used_quota)


def _created_key(token: Token, status: TokenStatus) -> float | str:
    moment = token.created_at
    return _BOTTOM if moment is None else moment.timestamp()


def _expires_key(token: Token, status: TokenStatus) -> float | str:
    moment = token.expires_at
    return _TOP if moment is None else moment.timestamp()


def never_used(token: Token) -> bool:
    """Both servers set the access time to the creation time when a token is made, and move it only
    when a relay call uses the key: equal times mean the key was never used."""
    return token.accessed_at is None or token.accessed_at == token.created_at


def _last_used_key(token: Token, status: TokenStatus) -> float | str:
    return _BOTTOM if never_used(token) else token.accessed_at.timestamp()  # type: ignore[union-attr]


SORT_KEYS: tuple[Callable[[Token, TokenStatus], float | str], ...] = (
    _name_key, _status_key, _key_key, _remaining_key, _used_key, _created_key, _expires_key, _last_used_key,
    lambda _token, _status: _BOTTOM,  # the week's spend is not the token's: the model asks its SpendBook
)
assert len(SORT_KEYS) == COLUMN_COUNT



class CellTexts(QObject):
    """The fixed, translated texts of the table and the relative times ("in 3 days")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relative_cache: dict[tuple[bool, int, int], str] = {}
        self.translate()

    def translate(self) -> None:
        """Translate once per language instead of once per row: ``tr()`` is a C++ round trip."""
        self._relative_cache.clear()
        self.headers = (
            self.tr("Name"),
            self.tr("Status"),
            self.tr("Key"),
            self.tr("Remaining"),
            self.tr("Used"),
            self.tr("Created"),
            self.tr("Expires"),
            self.tr("Last used"),
            self.tr("7 days"),
        )
        self.status_labels = {
            TokenStatus.UNKNOWN: self.tr("Unknown"),
            TokenStatus.ENABLED: self.tr("Enabled"),
            TokenStatus.DISABLED: self.tr("Disabled"),
            TokenStatus.EXPIRED: self.tr("Expired"),
            TokenStatus.EXHAUSTED: self.tr("Exhausted"),
        }
        self.unlimited = self.tr("Unlimited")
        self.unlimited_tip = self.tr("No quota limit")
        self.never = self.tr("Never")
        self.never_tip = self.tr("Never expires")
        self.hidden_key_tip = self.tr("Hidden: reveal to show the full key")
        # {units} is the exact count with thousands separators, e.g. "1,250,000 units".
        self.units_format = self.tr("{units} units")
        # The short number units of the table cells: Chinese translates these as "万, 亿".
        self.short_units = short_units_named(self.tr("K, M"))

    def relative_time(self, delta: timedelta) -> str:
        """``in 3 hours`` / ``5 days ago``: rounded to the nearest unit, the unit growing with distance."""
        seconds = delta.total_seconds()
        future = seconds > 0
        seconds = abs(seconds)
        minutes = round(seconds / 60)
        if minutes < 60:
            return self._relative(future, 0, minutes)
        hours = round(seconds / 3600)
        if hours < 24:
            return self._relative(future, 1, hours)
        days = round(seconds / 86400)
        if days < 45:
            return self._relative(future, 2, days)
        months = round(days / 30.44)
        if months < 12:
            return self._relative(future, 3, months)
        return self._relative(future, 4, max(1, round(days / 365.25)))

    def _relative(self, future: bool, unit: int, n: int) -> str:
        """Cached: 10,000 rows share a few dozen distinct texts."""
        cache_key = (future, unit, n)
        text = self._relative_cache.get(cache_key)
        if text is None:
            text = self._translate_relative(future, unit, n)
            self._relative_cache[cache_key] = text
        return text

    def _translate_relative(self, future: bool, unit: int, n: int) -> str:
        """Every source string is a literal so lupdate finds it.

        Singular forms are separate strings so English reads right without a ``.qm``; plural strings
        carry ``%n`` so translators get every plural form their language needs.
        """
        if n == 0:
            return self.tr("in less than a minute") if future else self.tr("less than a minute ago")
        if future:
            if unit == 0:
                return self.tr("in 1 minute") if n == 1 else self.tr("in %n minutes", "", n)
            if unit == 1:
                return self.tr("in 1 hour") if n == 1 else self.tr("in %n hours", "", n)
            if unit == 2:
                return self.tr("in 1 day") if n == 1 else self.tr("in %n days", "", n)
            if unit == 3:
                return self.tr("in 1 month") if n == 1 else self.tr("in %n months", "", n)
            return self.tr("in 1 year") if n == 1 else self.tr("in %n years", "", n)
        if unit == 0:
            return self.tr("1 minute ago") if n == 1 else self.tr("%n minutes ago", "", n)
        if unit == 1:
            return self.tr("1 hour ago") if n == 1 else self.tr("%n hours ago", "", n)
        if unit == 2:
            return self.tr("1 day ago") if n == 1 else self.tr("%n days ago", "", n)
        if unit == 3:
            return self.tr("1 month ago") if n == 1 else self.tr("%n months ago", "", n)
        return self.tr("1 year ago") if n == 1 else self.tr("%n years ago", "", n)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt renders a tooltip as rich text whenever it looks like
    markup, and a token name is the server's text (``<a href="file://…">`` must not become a link)."""
    return f"<span style='white-space:pre'>{html.escape(text, quote=False)}</span>"


def build_cells(token: Token, status: TokenStatus, now: datetime, *, revealed: bool, texts: CellTexts,
            quota_text: Callable[[int], str]) -> Cells:
    """Every text, tooltip and colour of one row; ``now`` is the clock reading its status was taken at."""
    display: list[str | None] = [None] * COLUMN_COUNT
    tooltip: list[str | None] = [None] * COLUMN_COUNT
    foreground: list[Hue | None] = [None] * COLUMN_COUNT

    display[Column.NAME] = token.name
    tooltip[Column.NAME] = plain_tooltip(token.name)
    display[Column.STATUS] = texts.status_labels[status]
    foreground[Column.STATUS] = STATUS_HUES.get(status)

    # The one place that decides whether a full key may become text.
    if revealed and not token.key_is_masked:
        display[Column.KEY] = token.key
        tooltip[Column.KEY] = token.key  # the whole key when the column is too narrow for it
    else:
        display[Column.KEY] = mask_key(token.key)
        tooltip[Column.KEY] = texts.hidden_key_tip

    if token.unlimited:
        display[Column.REMAINING] = texts.unlimited
        tooltip[Column.REMAINING] = texts.unlimited_tip
    else:
        display[Column.REMAINING] = quota_text(token.remain_quota)
        tooltip[Column.REMAINING] = texts.units_format.format(units=f"{token.remain_quota:,}")
    display[Column.USED] = quota_text(token.used_quota)
    tooltip[Column.USED] = texts.units_format.format(units=f"{token.used_quota:,}")

    created, accessed, expires = token.created_at, token.accessed_at, token.expires_at
    display[Column.CREATED] = MISSING if created is None else local_datetime_text(created)
    if accessed is None:
        display[Column.LAST_USED] = MISSING
    else:
        display[Column.LAST_USED] = texts.never if never_used(token) else local_datetime_text(accessed)
    if expires is None:
        display[Column.EXPIRES] = texts.never
        tooltip[Column.EXPIRES] = texts.never_tip
    else:
        left = expires - now
        display[Column.EXPIRES] = texts.relative_time(left)
        tooltip[Column.EXPIRES] = local_datetime_text(expires)
        if left <= timedelta(0):
            foreground[Column.EXPIRES] = EXPIRY_PAST_HUE
        elif left <= EXPIRY_WARNING:
            foreground[Column.EXPIRES] = EXPIRY_SOON_HUE

    return Cells(display, tooltip, foreground)
