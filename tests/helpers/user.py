"""A person at the keyboard: finds widgets the way a user sees them and acts only through events.

Everything here goes through Qt's input events (key presses, mouse clicks) or a menu item's trigger,
and reads only what is on screen or on the clipboard. Widgets are found by their object names, so
the tests survive the window being rearranged.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer

WAIT_MS = 10_000
SEARCH_SETTLE_MS = 350  # the search field waits a moment after the last keystroke
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NAME_COLUMN = 0
KEY_COLUMN = 2


class User:
    """Drives one main window."""

    def __init__(self, qtbot: QtBot, window: QMainWindow) -> None:
        self.qtbot = qtbot
        self.window = window

    # -- what a user can see ----------------------------------------------------------------------

    def widget(self, kind: type[QWidget], name: str) -> QWidget:
        found = self.window.findChild(kind, name)
        assert found is not None, f"no {kind.__name__} named {name!r} in the window"
        return found

    @property
    def search(self) -> QLineEdit:
        return self.widget(QLineEdit, "searchField")  # type: ignore[return-value]

    @property
    def table(self) -> QTableView:
        return self.widget(QTableView, "tokenTable")  # type: ignore[return-value]

    @property
    def banner(self) -> QFrame:
        return self.widget(QFrame, "banner")  # type: ignore[return-value]

    def action(self, name: str) -> QAction:
        found = self.window.findChild(QAction, f"action_{name}")
        assert found is not None, f"no action {name!r}"
        return found

    def count_text(self) -> str:
        return self.widget(QLabel, "tokenCount").text()  # type: ignore[attr-defined]

    def status_text(self) -> str:
        return self.window.statusBar().currentMessage()

    def banner_text(self) -> str:
        label = self.banner.findChild(QLabel)
        return label.text() if self.banner.isVisible() and label is not None else ""

    def banner_button(self, text: str) -> QPushButton:
        for button in self.banner.findChildren(QPushButton):
            if button.isVisible() and button.text().replace("&", "") == text:
                return button
        raise AssertionError(f"the banner shows no {text!r} button (banner: {self.banner_text()!r})")

    def clipboard(self) -> str:
        """What a paste would give. With ``OPENKEY_REAL_CLIPBOARD=1`` (under Xvfb) it is read by another
        process, ``xclip``, from the X server's clipboard selection, as any other app would paste it."""
        if os.environ.get("OPENKEY_REAL_CLIPBOARD") == "1":
            return read_x_clipboard(self.qtbot)
        return QGuiApplication.clipboard().text()

    def cell(self, row: int, column: int) -> str:
        return str(self.table.model().index(row, column).data() or "")

    def visible_names(self) -> list[str]:
        return [self.cell(row, NAME_COLUMN) for row in range(self.table.model().rowCount())]

    def selected_names(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.cell(row, NAME_COLUMN) for row in rows]

    def current_name(self) -> str:
        index = self.table.currentIndex()
        return self.cell(index.row(), NAME_COLUMN) if index.isValid() else ""

    def open_dialog(self, kind: type[QDialog] = QDialog) -> QDialog | None:
        for widget in QApplication.topLevelWidgets():
            # An earlier test's dialog may be gone while shiboken still hands out its wrapper.
            if isinstance(widget, kind) and shiboken6.isValid(widget) and widget.isVisible():
                return widget
        return None

    # -- what a user can do -----------------------------------------------------------------------

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              on: QWidget | None = None) -> None:
        target = on or QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, key, modifiers)

    def type(self, text: str, on: QWidget | None = None) -> None:
        """Keystrokes for ASCII; other text arrives as an input method's commit, as with a Chinese IME."""
        target = on or QApplication.focusWidget()
        for ascii_run, committed in _runs(text):
            if ascii_run:
                self.qtbot.keyClicks(target, ascii_run)
            if committed:
                event = QInputMethodEvent()
                event.setCommitString(committed)
                QApplication.sendEvent(target, event)

    def click(self, widget: QWidget, pos: QPoint | None = None,
              button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
        if pos is None:
            self.qtbot.mouseClick(widget, button)
        else:
            self.qtbot.mouseClick(widget, button, pos=pos)

    def click_row(self, row: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        rect = self.table.visualRect(self.table.model().index(row, NAME_COLUMN))
        self.qtbot.mouseClick(self.table.viewport(), Qt.MouseButton.LeftButton, modifiers, rect.center())

    def double_click_row(self, row: int) -> None:
        """A first click, then the second press that the system reports as a double click."""
        rect = self.table.visualRect(self.table.model().index(row, NAME_COLUMN))
        self.qtbot.mouseClick(self.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self.qtbot.mouseDClick(self.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def click_header(self, column: int) -> None:
        header = self.table.horizontalHeader()
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        self.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    def find(self, text: str) -> None:
        """Ctrl+F, type, and give the search field its moment to apply the filter."""
        self.press(Qt.Key.Key_F, CTRL, on=self.table)
        assert QApplication.focusWidget() is self.search
        self.type(text, on=self.search)
        self.qtbot.wait(SEARCH_SETTLE_MS)

    def trigger(self, action: QAction) -> None:
        """A click on a menu item or toolbar button (only an enabled one does anything)."""
        assert action.isEnabled(), f"{action.text()!r} is disabled"
        action.trigger()

    def wait_until(self, condition: Callable[[], object], timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def wait_for_clipboard(self, expected: str) -> None:
        self.qtbot.waitUntil(lambda: self.clipboard() == expected, timeout=WAIT_MS)

    def wait_for_dialog(self, kind: type[QDialog] = QDialog) -> QDialog:
        self.qtbot.waitUntil(lambda: self.open_dialog(kind) is not None, timeout=WAIT_MS)
        dialog = self.open_dialog(kind)
        assert dialog is not None
        return dialog

    def wait_for_rows(self, count: int) -> None:
        self.qtbot.waitUntil(lambda: self.table.model().rowCount() == count, timeout=WAIT_MS)

    def activate(self, dialog: QWidget) -> None:
        """What the window manager does when a dialog opens: it becomes the active window, with the focus.

        The offscreen platform has no window manager, so the step is done here (as ``back_to_window``).
        """
        dialog.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)

    def back_to_window(self) -> None:
        """What the window manager does when a dialog closes: the main window is active again.

        The offscreen platform has no window manager, so the step is done here.
        """
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window, timeout=WAIT_MS)

    # -- whole steps --------------------------------------------------------------------------------

    def sign_in(self, server: DemoServer, *, expect_rows: int | None = None) -> None:
        """Account → Add account…, type the site, user name and password, press Enter."""
        self.trigger(self.action("add_account"))
        dialog = self.wait_for_dialog()
        site = dialog.findChild(QLineEdit, "siteEdit")
        assert site is not None
        site.selectAll()
        self.type(server.url, on=site)
        username = dialog.findChild(QLineEdit, "usernameEdit")
        password = dialog.findChild(QLineEdit, "passwordEdit")
        assert username is not None and password is not None
        username.clear()
        self.type(server.username, on=username)
        self.type(server.password, on=password)
        self.press(Qt.Key.Key_Return, on=password)
        self.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        self.back_to_window()
        if expect_rows is not None:
            self.wait_for_rows(expect_rows)

    def create_token(self, name: str, dollars: str = "") -> None:
        """Ctrl+N, type the name (and an amount), press Enter, wait for the dialog to close."""
        self.press(Qt.Key.Key_N, CTRL, on=self.table)
        dialog = self.wait_for_dialog()
        name_edit = dialog.findChild(QLineEdit, "nameEdit")
        assert name_edit is not None
        self.type(name, on=name_edit)
        if dollars:
            amount = dialog.findChild(QLineEdit, "amountEdit")
            assert amount is not None
            amount.selectAll()
            self.type(dollars, on=amount)
        self.press(Qt.Key.Key_Return, on=name_edit)
        self.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        self.back_to_window()

    def answer_question(self, button_text: str) -> str:
        """Click ``button_text`` in the open message box; returns the question it asked."""
        box = self.wait_for_dialog(QMessageBox)
        assert isinstance(box, QMessageBox)
        question = box.text() + "\n" + box.informativeText()
        for button in box.findChildren(QAbstractButton):
            if button.text().replace("&", "") == button_text:
                self.click(button)
                self.qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)
                self.back_to_window()
                return question
        raise AssertionError(f"no {button_text!r} button in {question!r}")


def _runs(text: str) -> list[tuple[str, str]]:
    """Split into (ASCII run, non-ASCII run) pairs, in order."""
    runs: list[tuple[str, str]] = []
    ascii_part, other = "", ""
    for char in text:
        if char.isascii():
            if other:
                runs.append((ascii_part, other))
                ascii_part, other = "", ""
            ascii_part += char
        else:
            other += char
    runs.append((ascii_part, other))
    return runs


def read_x_clipboard(qtbot: QtBot) -> str:
    """``xclip -o`` while Qt's event loop runs: the app must answer xclip's request for the selection."""
    process = subprocess.Popen(["xclip", "-o", "-selection", "clipboard"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=WAIT_MS)
    out = process.stdout.read() if process.stdout is not None else b""
    return out.decode("utf-8") if process.returncode == 0 else ""
