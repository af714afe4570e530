"""The quick-access palette: a small frameless window over every listed token, typed into to find one.

Opened by Ctrl+K in the window, from the tray, or by the global shortcut. Enter copies the chosen
token's key, Shift+Enter its site's API base URL, Up / Down move, Esc (or clicking elsewhere) closes.
Each result names its site. The entries come from a provider (``quick_access.Provider``) asked each
time the palette opens; copies go through each entry's ``CopyTarget`` (the window's ``KeyCopier``), so
the key is fetched the usual way and the clipboard is cleared after the usual delay.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.quick_access import Provider, QuickEntry, find

WIDTH = 560
VISIBLE_ROWS = 9
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuickAccessPalette(QDialog):
    """Type to find, Enter to copy. A dialog, so the window's modal rules and Esc apply as usual."""

    def __init__(self, provider: Provider, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("quickAccess")
        self.setWindowTitle(self.tr("Quick access"))
        self._provider = provider
        self._entries: list[QuickEntry] = []
        self._shown: list[QuickEntry] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("quickAccessSearch")
        self.search.setPlaceholderText(self.tr("Type part of a token's or a site's name…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("quickAccessList")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing stays in the search field
        self.results.setUniformItemSizes(True)
        self.hint = QLabel(self.tr("Enter copies the key · Shift+Enter the API base URL · Esc closes"), self)
        self.hint.setObjectName("quickAccessHint")
        self.hint.setEnabled(False)  # drawn in the muted colour
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        # A frameless window still wants an edge; the rows get room to be read at a glance.
        self.setStyleSheet("QDialog#quickAccess { border: 1px solid palette(mid); border-radius: 6px; }"
                           "QListWidget#quickAccessList::item { padding: 4px 6px; }")
        font = self.search.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.search.setFont(font)
        self.search.textChanged.connect(self._fill)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.copy(base_url=False))
        self.resize(WIDTH, self.sizeHint().height())

    def open_palette(self) -> None:
        """Fresh entries from the provider, an empty search, on the screen the pointer is on."""
        self._entries = list(self._provider())
        self.search.clear()
        self._fill("")
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.resize(min(WIDTH, area.width() - 40), self.height())
        self.move(area.x() + (area.width() - self.width()) // 2, area.y() + area.height() // 5)
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus()

    def entries_shown(self) -> list[QuickEntry]:
        return list(self._shown)

    def copy(self, *, base_url: bool) -> None:
        """Copy for the highlighted result and close; nothing happens while nothing matches."""
        row = self.results.currentRow()
        if not 0 <= row < len(self._shown):
            return
        entry = self._shown[row]
        self.accept()
        if base_url:
            entry.target.copy_base_url()
        else:
            entry.target.copy_key_for(entry.token.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _ENTER:
                self.copy(base_url=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._move(key)
                return True
            if key == Qt.Key.Key_Escape:
                self.reject()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        """Clicking elsewhere closes it, as a launcher does."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isVisible() and not self.isActiveWindow():
            self.reject()

    def _move(self, key: Qt.Key) -> None:
        count = self.results.count()
        if count == 0:
            return
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -VISIBLE_ROWS,
                Qt.Key.Key_PageDown: VISIBLE_ROWS}[key]
        self.results.setCurrentRow(max(0, min(count - 1, self.results.currentRow() + step)))

    def _fill(self, text: str) -> None:
        self._shown = find(self._entries, text)
        self.results.clear()
        for entry in self._shown:
            words = entry.label if entry.usable else f"{entry.label} ({self._status_word(entry.token)})"
            item = QListWidgetItem(f"{words}  —  {entry.site}")
            item.setToolTip(self.tr("{0} on {1}").format(entry.label, entry.site))
            if not entry.usable:
                item.setForeground(self.palette().placeholderText())
            self.results.addItem(item)
        if not self._shown:
            none = QListWidgetItem(self.tr("No token matches.") if self._entries else self.tr("No tokens listed."))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(none)
        else:
            self.results.setCurrentRow(0)
        row_height = max(self.results.sizeHintForRow(0), 18)
        self.results.setFixedHeight(row_height * min(VISIBLE_ROWS, max(self.results.count(), 3)) + 6)


    def _status_word(self, token: Token) -> str:
        return {TokenStatus.DISABLED: self.tr("disabled"), TokenStatus.EXPIRED: self.tr("expired"),
                TokenStatus.EXHAUSTED: self.tr("used up")}.get(token.effective_status, self.tr("not usable"))

