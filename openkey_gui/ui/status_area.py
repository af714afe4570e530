"""The status bar's permanent part: the clipboard countdown with "Clear now", the count, the spinner."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget


class StatusArea(QWidget):
    """Adds its widgets to ``bar``; the window feeds it the count, the countdown and the busy state."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.hide()  # a holder only: the widgets below live in the status bar itself
        self.progress = QProgressBar(bar)
        self.progress.setRange(0, 0)
        self.progress.setMaximumSize(140, 14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.count_label = QLabel(bar)
        self.count_label.setObjectName("tokenCount")
        self.countdown_label = QLabel(bar)
        self.countdown_label.hide()
        self.clear_now = QToolButton(bar)
        self.clear_now.setObjectName("clearClipboardNow")
        self.clear_now.setAutoRaise(True)
        self.clear_now.hide()
        self.retranslate()
        for widget in (self.countdown_label, self.clear_now, self.count_label, self.progress):
            bar.addPermanentWidget(widget)

    def retranslate(self) -> None:
        self.clear_now.setText(self.tr("Clear now"))
        self.clear_now.setToolTip(self.tr("Remove the copied key from the clipboard now"))

    def show_countdown(self, seconds: int) -> None:
        self.countdown_label.setVisible(seconds > 0)
        self.clear_now.setVisible(seconds > 0)
        self.countdown_label.setText(self.tr("Clipboard clears in {0} s").format(seconds))

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
