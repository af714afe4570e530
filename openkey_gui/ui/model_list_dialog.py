"""Models and prices: a searchable list of the site's models, their price per million tokens in the
site's currency (where the site publishes prices), and which of the user's tokens may use each.

The list is read once per opening, off the GUI thread (``model_catalog``); the search filters what was
read, without the network.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from openkey_gui.api import ApiError, Token
from openkey_gui.api.model_catalog import Catalog, CatalogEntry, load_catalog, tokens_for_model
from openkey_gui.logging_setup import register_secret
from openkey_gui.session import APP_USER_AGENT
from openkey_gui.token_labels import label_among
from openkey_gui.ui.dialogs import alive
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.tasks import TaskRunner
from openkey_gui.ui.token_cells import plain_tooltip
from openkey_gui.ui.token_controller import TokenController
from openkey_gui.ui.token_model import TokenTableModel

MODEL, INPUT, OUTPUT, TOKENS = range(4)
MAX_NAMES = 30  # token names in the tooltip before "and N more"


class ModelListDialog(QDialog):
    """Shows a ``Catalog``; ``tokens`` are the account's, for the "may use it" column."""

    def __init__(self, tokens: list[Token], currency: tuple[str, Decimal], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelListDialog")
        self.setWindowTitle(self.tr("Models and prices"))
        self._tokens = tokens
        self._symbol, self._rate = currency
        self.search = QLineEdit(self)
        self.search.setObjectName("modelSearch")
        self.search.setPlaceholderText(self.tr("Search models…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.note = QLabel(self.tr("Reading the site's models…"), self)
        self.note.setObjectName("modelNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("modelTable")
        self.table.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Input / 1M tokens"),
                                              self.tr("Output / 1M tokens"), self.tr("Tokens that may use it")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(TOKENS, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def show_catalog(self, catalog: Catalog) -> None:
        if catalog.has_prices:
            group = catalog.group or "default"
            self.note.setText(self.tr("Prices as the site publishes them, for your group “{0}”.").format(group))
        else:
            self.note.setText(self.tr("This site publishes no prices; these are the models of your group."))
        self.table.setRowCount(len(catalog.entries))
        for row, entry in enumerate(catalog.entries):
            allowed = tokens_for_model(entry.name, self._tokens)
            cells = (entry.name, *self._prices(entry), self._allowed_text(allowed))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (INPUT, OUTPUT):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == TOKENS and allowed:
                    item.setToolTip(plain_tooltip(self._names(allowed)))
                self.table.setItem(row, column, item)
        for column in (MODEL, INPUT, OUTPUT):
            self.table.resizeColumnToContents(column)
        self._filter(self.search.text())

    def show_failure(self, message: str) -> None:
        self.note.setText(self.tr("Could not read the models: {0}").format(message))

    def visible_models(self) -> list[str]:
        return [self.table.item(r, MODEL).text() for r in range(self.table.rowCount())
                if not self.table.isRowHidden(r)]

    def _prices(self, entry: CatalogEntry) -> tuple[str, str]:
        if entry.per_call is not None:
            return self.tr("{0} per call").format(self._money(entry.per_call)), ""
        if entry.input_per_million is None or entry.output_per_million is None:
            return "—", "—"
        return self._money(entry.input_per_million), self._money(entry.output_per_million)

    def _money(self, usd: Decimal) -> str:
        value = usd * self._rate
        text = f"{value:,.4f}".rstrip("0").rstrip(".") if value < 1 else f"{value:,.2f}"
        return f"{self._symbol}{text}"

    def _allowed_text(self, allowed: list[Token]) -> str:
        if len(allowed) == len(self._tokens):
            return self.tr("All %n tokens", "", len(allowed))
        if not allowed:
            return self.tr("None")
        return self.tr("{0} of {1} tokens").format(len(allowed), len(self._tokens))

    def _names(self, allowed: list[Token]) -> str:
        names = [label_among(t, self._tokens) for t in allowed[:MAX_NAMES]]
        rest = len(allowed) - len(names)
        return "\n".join(names) + ("\n" + self.tr("and %n more", "", rest) if rest else "")

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, MODEL)
            self.table.setRowHidden(row, bool(needle) and needle not in item.text().casefold())


class ModelCatalogRoom(QObject):
    """Opens the dialog and loads the catalog in the background."""

    def __init__(self, window: QWidget, controller: TokenController, model: TokenTableModel, runner: TaskRunner,
                 *, timeout: float = 15.0) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._model = model
        self._runner = runner
        self._timeout = timeout
        self.dialog: ModelListDialog | None = None

    def show(self) -> None:
        session = self._controller.session
        if session is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = ModelListDialog(self._model.tokens(), session.site.currency(), self._window)
        self.dialog = dialog
        dialog.show()
        client, group, timeout = session.client, session.account.group, self._timeout

        def load() -> Catalog:
            return load_catalog(client, group, timeout=timeout, user_agent=APP_USER_AGENT, on_secret=register_secret)

        def loaded(catalog: Catalog) -> None:
            if alive(dialog):
                dialog.show_catalog(catalog)

        def failed(exc: BaseException) -> None:
            if alive(dialog):
                dialog.show_failure(describe(exc) if isinstance(exc, ApiError) else type(exc).__name__)

        self._runner.run(load, label="models", on_success=loaded, on_error=failed)
