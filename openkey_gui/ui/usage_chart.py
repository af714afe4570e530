"""A bar chart painted with QPainter: spend per day, in the palette's colours, with a tooltip per bar.

Painting it ourselves costs nothing in the bundle and loads no chart module at start-up; QtCharts
(PySide6-Addons) would add its wheel and libraries for a dozen bars (docs/chart-library.md has the
figures). The chart follows the palette, so it is right in the light and the dark scheme, and every
text it shows is given to it already translated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

AXIS_WIDTH = 64
LABEL_HEIGHT = 20
MARGIN = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its value (quota units), the label under it and the tooltip over it."""

    value: int
    label: str
    tooltip: str


class BarChart(QWidget):
    """Bars from left (oldest) to right; hovering one shows its figures."""

    def __init__(self, money: Callable[[int], str], money_value: Callable[[int], float],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._money, self._money_value = money, money_value
        self._bars: list[Bar] = []
        self._hovered = -1
        self._empty_text = ""
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(520, 200)

    def set_bars(self, bars: Sequence[Bar], empty_text: str = "") -> None:
        self._bars = list(bars)
        self._empty_text = empty_text
        self._hovered = -1
        names = "; ".join(f"{bar.label}: {self._money(bar.value)}" for bar in self._bars)
        self.setAccessibleDescription(names)  # a screen reader reads the figures, not a picture
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    # -- geometry ---------------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(AXIS_WIDTH, MARGIN, -MARGIN, -LABEL_HEIGHT - MARGIN / 2)

    def bar_at(self, position: QPoint) -> int:
        """The bar under ``position`` (its whole column, so a low bar is easy to point at), or -1."""
        plot = self._plot()
        inside = plot.left() <= position.x() < plot.right() and plot.top() <= position.y() <= self.height()
        if not self._bars or not inside:
            return -1
        slot = plot.width() / len(self._bars)
        index = int((position.x() - plot.left()) // slot)
        return index if 0 <= index < len(self._bars) else -1

    def axis_top(self) -> float:
        """The axis top in quota units, chosen so that each of its four steps is a round amount of money
        (1, 2, 2.5 or 5 times a power of ten)."""
        peak = max((bar.value for bar in self._bars), default=0)
        peak_money = self._money_value(peak)
        if peak <= 0 or peak_money <= 0:
            return float(max(peak, 1))
        rough = peak_money / 4
        power = 10 ** math.floor(math.log10(rough))
        step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
        return peak * (4 * step / peak_money)

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text, base, accent = (palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Base),
                              palette.color(QPalette.ColorRole.Highlight))
        painter.fillRect(self.rect(), base)
        plot = self._plot()
        if not self._bars or all(bar.value == 0 for bar in self._bars):
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            if not self._bars:
                return
        top = self.axis_top()
        grid = QColor(text)
        grid.setAlpha(40)
        metrics = painter.fontMetrics()
        steps = 5 if any(bar.value for bar in self._bars) else 1  # nothing spent: no scale to read, only 0
        for step in range(steps):  # gridlines at 0, ¼ … the top, each labelled in money
            y = plot.bottom() - plot.height() * step / 4
            painter.setPen(grid)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text)
            label = self._money(round(top * step / 4))
            painter.drawText(QRectF(0, y - metrics.height() / 2, AXIS_WIDTH - 6, metrics.height()),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
        slot = plot.width() / len(self._bars)
        width = max(slot * 0.7, 1.0)
        every = max(1, int(metrics.horizontalAdvance("00-00 ") // max(slot, 1)) + 1)
        hover = QColor(accent).lighter(130) if accent.lightness() < 128 else QColor(accent).darker(120)
        for index, bar in enumerate(self._bars):
            left = plot.left() + index * slot + (slot - width) / 2
            height = plot.height() * bar.value / top
            painter.fillRect(QRectF(left, plot.bottom() - height, width, height),
                             hover if index == self._hovered else accent)
            if index % every == 0 or index == len(self._bars) - 1:
                painter.setPen(text)
                painter.drawText(QRectF(plot.left() + index * slot - slot, plot.bottom() + 2, slot * 3, LABEL_HEIGHT),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), bar.label)
        painter.end()

    # -- hovering ---------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().toPoint())
        if index != self._hovered:
            self._hovered = index
            self.update()
            if index >= 0:
                QToolTip.showText(event.globalPosition().toPoint(), self._bars[index].tooltip, self)
            else:
                QToolTip.hideText()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = -1
        self.update()
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self._bars[index].tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
