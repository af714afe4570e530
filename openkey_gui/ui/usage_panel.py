"""Places the usage figures in the window: the table's "7 days" column and the Usage dock.

It decides *when* figures are read (``UsageRoom`` decides how): the week after the first list of an
account and after the user's refresh, a budgeted catch-up after a background refresh, rows that come
on screen after a scroll, and the usage view's report when it is open and its scope changes. The dock
and its chart code are made the first time the user opens it (or at start when it was left open).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.spend import WeekSpend
from openkey_gui.api.usage_report import UsageReport
from openkey_gui.ui.debounce import Debounce
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_model import TokenTableModel
from openkey_gui.ui.token_view import TokenView
from openkey_gui.ui.usage_room import ReportKey, UsageRoom

if TYPE_CHECKING:
    from openkey_gui.ui.usage_view import UsageView

SCOPE_DEBOUNCE_MS = 350  # arrowing through the table asks for the row it stops on, not every row
SCROLL_DEBOUNCE_MS = 400
WEEK_DELAY_MS = 250  # after a list arrives: its paint goes first, the week's requests (and parsing) after
DOCK_SHARE = 0.42  # of the window's height, the first time the dock opens


class UsagePanel(QObject):
    """The usage column and dock of one window."""

    # The shown account's spend since midnight UTC (its client, quota units), from its week's figures.
    spent_today = Signal(object, int)

    def __init__(self, window: QMainWindow, action: QAction, room: UsageRoom, model: TokenTableModel,
                 view: TokenView, settings: AppSettings) -> None:
        super().__init__(window)
        self._window, self._action, self._room = window, action, room
        self._model, self._view, self._settings = model, view, settings
        self._client: OpenKeyClient | None = None
        self.dock: QDockWidget | None = None
        self.usage_view: UsageView | None = None
        self._full_load_wanted = False
        self._scope_later = Debounce(self._follow_selection, SCOPE_DEBOUNCE_MS, self)
        self._rows_later = Debounce(self._load_rows_on_screen, SCROLL_DEBOUNCE_MS, self)
        self._week_later = Debounce(self._load_week_now, WEEK_DELAY_MS, self)
        action.toggled.connect(self._toggled)
        view.selection_changed.connect(self._scope_later.start)
        view.table.verticalScrollBar().valueChanged.connect(lambda _: self._rows_later.start())
        room.week_loaded.connect(self._week_loaded)
        room.report_loaded.connect(self._report_loaded)
        if settings.usage_open():
            action.setChecked(True)

    # -- the account ------------------------------------------------------------------------------

    def attach(self, client: OpenKeyClient) -> None:
        """Another account is shown: its figures as last read, or a first load with its list."""
        self._week_later.stop()  # a load still waiting was the previous account's
        self._client = client
        self._room.attach(client)
        self._model.set_spend(self._room.week)
        week = self._room.cached_report((None, 7))
        self._view.show_week_total(None if week is None else self._model.money_text(week.total))
        self._full_load_wanted = self._room.week is None
        if self.usage_view is not None:
            self.usage_view.clear()
            self._scope_later.start()

    def detach(self) -> None:
        self._week_later.stop()
        self._client = None
        self._room.detach()
        self._model.set_spend(None)
        self._view.show_week_total(None)
        if self.usage_view is not None:
            self.usage_view.clear()

    def want_full_load(self) -> None:
        """The user asked for a refresh: the next list reloads the week too."""
        self._full_load_wanted = True

    def tokens_listed(self, *, background: bool) -> None:
        """A list arrived: the first (or a user-asked) one reads the week, a background one catches up."""
        if self._client is None:
            return
        if self._full_load_wanted or self._room.week is None:
            first = self._room.week is None
            self._full_load_wanted = False
            self._week_later.start()  # once the new list is painted: the window first, then the figures
            view = self.usage_view
            if view is not None and view.isVisible() and not first and view.key() != (None, 7):
                view.load(force=True)  # the user's refresh: the view's figures too (the week load has the account's)
        elif background:
            self._room.refresh_background(self._model.tokens(), self._view.visible_token_ids())

    # -- the dock ---------------------------------------------------------------------------------

    def _toggled(self, on: bool) -> None:
        self._settings.set_usage_open(on)
        if on:
            self._ensure_dock().show()
            self._follow_selection()
        elif self.dock is not None:
            self.dock.hide()

    def _ensure_dock(self) -> QDockWidget:
        if self.dock is not None:
            return self.dock
        from openkey_gui.ui.usage_view import UsageView  # the chart code loads only now

        dock = QDockWidget(self._window)
        dock.setObjectName("usageDock")
        view = UsageView(self._room, self._model.money_text, self._model.money_value, self._page_size, dock)
        dock.setWidget(view)
        self._window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if self._settings.window_state("state") is None:  # no layout of the user's yet: leave the table room
            self._window.resizeDocks([dock], [int(self._window.height() * DOCK_SHARE)], Qt.Orientation.Vertical)
        dock.visibilityChanged.connect(self._dock_visibility)
        self.dock, self.usage_view = dock, view
        self.retranslate()
        return dock

    def _dock_visibility(self, visible: bool) -> None:
        if self.dock is not None and not visible and not self.dock.isHidden():
            return  # tabbed behind another dock: still open
        if self._action.isChecked() != visible and not self._window.isMinimized():
            self._action.setChecked(visible)

    def retranslate(self) -> None:
        if self.dock is not None and self.usage_view is not None:
            self.dock.setWindowTitle(self.tr("Usage"))
            self.usage_view.retranslate()

    def _follow_selection(self) -> None:
        view = self.usage_view
        if view is None or not view.isVisible() or self._client is None:
            return
        selected = self._view.table.selectionModel().selectedRows()
        token = self._view.current_token() if len(selected) == 1 else None
        view.set_token(token)  # several rows, or none: the whole account

    def _page_size(self) -> int:
        return self._client.usage.page_size() if self._client is not None else 10

    # -- the column -------------------------------------------------------------------------------

    def _week_loaded(self, week: WeekSpend) -> None:
        self._model.set_spend(week)

    def _report_loaded(self, key: ReportKey, report: UsageReport) -> None:
        if key == (None, 7):  # the account's week: exact, whether or not every token's is known
            self._view.show_week_total(self._model.money_text(report.total))
            if self._client is not None and report.daily:
                self.spent_today.emit(self._client, report.daily[-1])

    def _load_week_now(self) -> None:
        if self._client is not None:
            self._room.load_week(self._model.tokens(), self._view.visible_token_ids())

    def _load_rows_on_screen(self) -> None:
        if self._client is not None:
            self._room.load_rows(self._model.tokens(), self._view.visible_token_ids())
