"""The table's "7 days" column: each token's spend this week, and a sparkline of its days.

The figures come from ``api.spend`` (one log sweep or one stat call per row on screen) and are held
here, beside the token model rather than in it, because they arrive on their own schedule: a new week
repaints one column and re-sorts only when the table is sorted by it. The sparkline is painted by a
delegate from the daily figures, so 10,000 rows cost no widget each.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, QObject, QPointF, QRectF, QSize
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.api.spend import TokenSpend, WeekSpend
from openkey_gui.ui.token_cells import DISPLAY_ROLE, MISSING, SORT_ROLE, TOOLTIP_ROLE, Role

DAILY_ROLE = int(Role.SPEND_DAILY)
SPARK_WIDTH = 44
_UNKNOWN = float("-inf")


class SpendBook(QObject):
    """Per-token spend of the week on screen; texts are made when a cell is painted."""

    def __init__(self, money: Callable[[int], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._money = money
        self._by_token: dict[int, TokenSpend] = {}
        self.since: datetime | None = None
        self.as_of: datetime | None = None
        self.complete = False

    def set_week(self, week: WeekSpend | None, as_of: datetime) -> None:
        """A finished sweep replaces every figure; stat calls add to what is held; None forgets all."""
        if week is None:
            self.clear()
            return
        if week.complete or self.since != week.since:
            self._by_token = {}
        self._by_token.update(week.by_token)
        self.since, self.as_of, self.complete = week.since, as_of, week.complete

    def clear(self) -> None:
        self._by_token, self.since, self.as_of, self.complete = {}, None, None, False

    def spend_of(self, token_id: int) -> TokenSpend | None:
        return self._by_token.get(token_id)

    def known_ids(self) -> set[int]:
        return set(self._by_token)

    def total(self) -> int | None:
        """The account's week, when every token is known."""
        return sum(s.total for s in self._by_token.values() if not s.shared_name) if self.complete else None

    def sort_key(self, token: Token, _status: TokenStatus) -> float:
        spend = self._by_token.get(token.id)
        return _UNKNOWN if spend is None else float(spend.total)

    def value(self, token: Token, role: int) -> object:
        """``data()`` of the column's cells."""
        spend = self._by_token.get(token.id)
        if role == DISPLAY_ROLE:
            return MISSING if spend is None else self._money(spend.total)
        if role == SORT_ROLE:
            return self.sort_key(token, TokenStatus.UNKNOWN)
        if role == DAILY_ROLE:
            return None if spend is None else spend.daily
        if role == TOOLTIP_ROLE:
            return self._tooltip(token, spend)
        return None

    def _tooltip(self, token: Token, spend: TokenSpend | None) -> str:
        if spend is None:
            return self.tr("Not read yet: it is read for the rows on screen, or for all when the log is short.")
        lines = [self.tr("Spent in the last 7 days: {0} ({1} units)").format(self._money(spend.total),
                                                                         f"{spend.total:,}")]
        if spend.daily:
            lines.append(self.tr("Per day (UTC, oldest first): {0}").format(
                " · ".join(self._money(day) for day in spend.daily)))
        if spend.shared_name:
            lines.append(self.tr("The site logs names only: this is every token named “{0}”.").format(token.name))
        return "\n".join(lines)


class SparklineDelegate(QStyledItemDelegate):
    """Paints the money text as usual and, at the cell's left, a line of the daily figures."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        daily = index.data(DAILY_ROLE)
        if not daily or max(daily) <= 0:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[operator]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        box = QRectF(option.rect).adjusted(4, 5, 0, -5)
        box.setWidth(min(SPARK_WIDTH, box.width() / 2))
        top = max(daily)
        step = box.width() / max(len(daily) - 1, 1)
        points = [QPointF(box.left() + i * step, box.bottom() - box.height() * value / top)
                  for i, value in enumerate(daily)]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(option.palette.color(role), 1.5))  # type: ignore[attr-defined]
        painter.drawPolyline(points)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        hint.setWidth(hint.width() + SPARK_WIDTH + 8)
        return hint

