"""The accounts sidebar: one row per account (site, user, balance, tokens, expiring, state, refreshed).

A dock on the window's left; each row shows the site's own icon once it has come (``AccountHub``),
else its initial. Selecting a row shows that account's tokens at once (``AccountFlow``
switches; a loaded list comes from memory). Its commands are ``WindowActions`` (Ctrl+1…9, move up /
down, rename, remove, refresh all), so the menus and the shortcuts reach them too; a row can also be
dragged to a new place. The rows are rebuilt whenever the ``AccountHub`` says a row changed: at most a
few dozen accounts, so no model.
"""

from __future__ import annotations

import zlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.accounts import AccountSlot, AccountState
from openkey_gui.api.quota import format_money
from openkey_gui.ui.account_flow import AccountFlow
from openkey_gui.ui.account_hub import ShownFailure
from openkey_gui.ui.actions import WindowActions
from openkey_gui.ui.debounce import Debounce
from openkey_gui.ui.error_text import describe

KEY_ROLE = Qt.ItemDataRole.UserRole
ICON_ROLE = Qt.ItemDataRole.UserRole + 1
REBUILD_DEBOUNCE_MS = 0
ICON_SIZE = 32
SITE_ICON_MAX_SIDE = 512


class AccountsPane(QDockWidget):
    """The sidebar; ``list`` (objectName ``accountList``) has one item per account, in the user's order."""

    def __init__(self, flow: AccountFlow, actions: WindowActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._flow = flow
        self._hub = flow.hub
        self._actions = actions
        self._rebuilding = False
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar = QToolBar(body)
        self.toolbar.setObjectName("accountsToolbar")
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.addActions([actions.add_account, actions.move_account_up, actions.move_account_down,
                                 actions.rename_account, actions.remove_account, actions.refresh_all])
        layout.addWidget(self.toolbar)
        self.list = QListWidget(body)
        self.list.setObjectName("accountList")
        self.list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.currentRowChanged.connect(self._row_chosen)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._dropped)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.setMinimumWidth(230)
        for index, action in enumerate(actions.pick_account):
            action.triggered.connect(lambda _=False, index=index: self.pick(index))
        actions.move_account_up.triggered.connect(lambda: self._move(-1))
        actions.move_account_down.triggered.connect(lambda: self._move(+1))
        actions.rename_account.triggered.connect(self.rename)
        actions.remove_account.triggered.connect(self.remove)
        actions.refresh_all.triggered.connect(self._hub.refresh_all)
        # Start-up with ten accounts says "changed" dozens of times within a second: one rebuild each time
        # the event loop is free, not one per signal (see ``_changed``).
        self._rebuild_later = Debounce(self.rebuild, REBUILD_DEBOUNCE_MS, self)
        self._hub.changed.connect(self._changed)
        self._icons: dict[tuple[str, str], QIcon] = {}
        self.retranslate()

    # -- rows ------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Accounts"))
        self.rebuild()

    def _changed(self, key: str) -> None:
        """A row's figures wait for the next free moment; a new list or selection ("") shows at once."""
        if key:
            self._rebuild_later.start()
        else:
            self._rebuild_later.stop()
            self.rebuild()

    def rebuild(self, _key: str = "") -> None:
        """Every row again from the hub's slots (cheap: one item per account)."""
        self._rebuilding = True
        try:
            slots = self._hub.set.accounts()
            while self.list.count() > len(slots):
                self.list.takeItem(self.list.count() - 1)
            while self.list.count() < len(slots):
                self.list.addItem(QListWidgetItem())
            selected = -1
            for row, slot in enumerate(slots):
                item = self.list.item(row)
                text = self.row_text(slot)
                if item.text() != text:  # a new text costs a relayout of the list
                    item.setText(text)
                if item.data(KEY_ROLE) != slot.key or item.toolTip() != slot.server_url:
                    item.setToolTip(slot.server_url)
                    item.setData(KEY_ROLE, slot.key)
                site_image = self._hub.site_icon(slot.server_url)
                icon_key = (slot.display_name[:1].upper(), slot.server_url, site_image is not None)
                if icon_key not in self._icons:
                    own = decoded_site_icon(site_image) if site_image is not None else None
                    self._icons[icon_key] = own or initial_icon(slot.display_name, slot.server_url)
                    item.setIcon(self._icons[icon_key])
                elif item.data(ICON_ROLE) != icon_key:
                    item.setIcon(self._icons[icon_key])
                item.setData(ICON_ROLE, icon_key)
                if slot.key == self._hub.set.selected_key:
                    selected = row
            self.list.setCurrentRow(selected)
        finally:
            self._rebuilding = False
        self._update_actions()

    def row_text(self, slot: AccountSlot) -> str:
        """Three lines: who and where; balance and tokens; state and when it was last refreshed."""
        lines = [self.tr("{0} — {1}").format(slot.display_name, slot.username)]
        figures = []
        if slot.account is not None and slot.session is not None:
            site = slot.session.site
            symbol, rate = site.currency()
            figures.append(format_money(slot.account.quota, site.quota_per_unit, symbol=symbol, rate=rate))
            if slot.spent_today is not None:
                figures.append(self.tr("today {0}").format(
                    format_money(slot.spent_today, site.quota_per_unit, symbol=symbol, rate=rate)))
        if slot.tokens is not None:
            figures.append(self.tr("%n tokens", "", slot.token_count()))
            soon = slot.expiring_soon()
            if soon:
                figures.append(self.tr("%n expiring within 3 days", "", soon))
        if figures:
            lines.append(" · ".join(figures))
        lines.append(self.state_text(slot))
        return "\n".join(lines)

    def state_text(self, slot: AccountSlot) -> str:
        if slot.state is AccountState.SIGNING_IN:
            return self.tr("Signing in…")
        if slot.state is AccountState.SIGNED_OUT:
            return self.tr("Signed out: select it to sign in")
        if slot.state is AccountState.ERROR and slot.error is not None:
            reason = str(slot.error) if isinstance(slot.error, ShownFailure) else describe(slot.error)
            return self.tr("Error: {0}").format(reason.splitlines()[0] if reason else "")
        if slot.refreshed_at is None:
            return self.tr("OK")
        return self.tr("OK · refreshed {0}").format(slot.refreshed_at.astimezone().strftime("%H:%M"))

    # -- commands ------------------------------------------------------------------------------------

    def current_key(self) -> str:
        item = self.list.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def pick(self, index: int) -> None:
        """Ctrl+1…9: the account on that row (nothing when there are fewer accounts)."""
        slot = self._hub.set.at(index)
        if slot is not None:
            self._flow.switch_to_key(slot.key)

    def _row_chosen(self, row: int) -> None:
        if self._rebuilding or row < 0:
            return
        item = self.list.item(row)
        if item is not None:
            self._flow.switch_to_key(str(item.data(KEY_ROLE)))

    def _move(self, step: int) -> None:
        key = self.current_key()
        if key:
            self._hub.move(key, step)

    def _dropped(self) -> None:
        """A row dragged to a new place: the list's order becomes the user's order."""
        if not self._rebuilding:
            self._hub.reorder([str(self.list.item(row).data(KEY_ROLE)) for row in range(self.list.count())])

    def rename(self) -> None:
        slot = self._hub.set.get(self.current_key())
        if slot is None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("renameAccountDialog")
        dialog.setWindowTitle(self.tr("Rename account"))
        dialog.setLabelText(self.tr("Your name for {0} (empty: the site's own name):").format(
            f"{slot.username} @ {slot.site_name}"))
        dialog.setTextValue(slot.label)
        dialog.textValueSelected.connect(lambda text, key=slot.key: self._hub.rename(key, text))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def remove(self) -> None:
        slot = self._hub.set.get(self.current_key())
        if slot is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove account"), self.tr(
            "Remove {0}? It is signed out and its saved sign-in is forgotten on this computer; its tokens "
            "stay on the site.").format(f"{slot.username} @ {slot.display_name}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("removeAccountQuestion")
        box.accepted.connect(lambda key=slot.key: self._flow.remove(key))
        box.finished.connect(box.deleteLater)
        box.open()

    def _context_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        menu.aboutToHide.connect(menu.deleteLater)
        a = self._actions
        menu.addActions([a.refresh_all, a.rename_account, a.move_account_up, a.move_account_down])
        menu.addSeparator()
        menu.addActions([a.remove_account, a.add_account])
        menu.popup(self.list.viewport().mapToGlobal(at))

    def _update_actions(self) -> None:
        a, count, row = self._actions, self.list.count(), self.list.currentRow()
        a.move_account_up.setEnabled(row > 0)
        a.move_account_down.setEnabled(0 <= row < count - 1)
        a.rename_account.setEnabled(row >= 0)
        a.remove_account.setEnabled(row >= 0)
        a.refresh_all.setEnabled(count > 0)
        for index, action in enumerate(a.pick_account):
            action.setEnabled(index < count)


def decoded_site_icon(image: bytes) -> QIcon | None:
    """The site's own icon, scaled to the row's size; None when Qt cannot read it (the initial then).

    The size its header claims is read first: a few KB of PNG may claim 20,000 × 20,000 pixels, which
    would take gigabytes to decode. A favicon is at most 256 pixels wide."""
    buffer = QBuffer()
    buffer.setData(QByteArray(image))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or max(size.width(), size.height()) > SITE_ICON_MAX_SIDE:
        return None
    decoded = reader.read()
    if decoded.isNull():
        return None
    scaled = QPixmap.fromImage(decoded).scaled(ICON_SIZE, ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation)
    canvas = QPixmap(ICON_SIZE, ICON_SIZE)  # centred on a square, so every row's text lines up
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.drawPixmap((ICON_SIZE - scaled.width()) // 2, (ICON_SIZE - scaled.height()) // 2, scaled)
    painter.end()
    return QIcon(canvas)


def initial_icon(name: str, seed: str) -> QIcon:
    """The site's initial on a disc whose colour comes from its address, until (or unless) the site's
    own icon comes."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor.fromHsv(zlib.crc32(seed.encode()) % 360, 150, 190))
    painter.drawEllipse(QRectF(1, 1, ICON_SIZE - 2, ICON_SIZE - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(ICON_SIZE // 2)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, ICON_SIZE, ICON_SIZE), Qt.AlignmentFlag.AlignCenter, (name[:1] or "?").upper())
    painter.end()
    return QIcon(pixmap)
