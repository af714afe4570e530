"""Unhandled exceptions: a dialog with a redacted report, instead of a dead or silently broken app.

Without this an exception in a slot is printed to a console nobody sees (a GUI app has none), and one in
a plain thread vanishes. The app may well be able to go on, and a tray app must go on: so the handler
shows what happened, offers the report to copy, and returns to the event loop. The report never holds a
key or a password: it goes through the same redaction as the logs, and it holds no local variables.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from openkey_gui import __version__
from openkey_gui.logging_setup import redact

log = logging.getLogger(__name__)

_MAX_REPORT_CHARS = 200_000  # a loop raising the same error must not grow the dialog without end

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def build_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    thread_name: str | None = None,
) -> str:
    """The text a user can send: versions, where it happened and the traceback, with secrets removed."""
    try:
        from PySide6 import __version__ as qt_version
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        qt_version = "?"
    lines = [
        f"OpenKey Desktop {__version__}",
        f"Python {platform.python_version()} · PySide6 {qt_version} · {platform.platform(terse=True)}",
    ]
    if thread_name:
        lines.append(f"Thread: {thread_name}")
    lines.append("")
    lines.extend(traceback.format_exception(exc_type, exc, tb))
    return redact("\n".join(line.rstrip("\n") for line in lines))


class CrashDialog(QDialog):
    """Non-modal: the rest of the app stays usable; closing it never quits the app (or the tray)."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("OpenKey Desktop — something went wrong"))
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.count = 1
        self.message = QLabel(
            self.tr(
                "OpenKey Desktop met an unexpected error. It keeps running, and nothing changed on the site "
                "because of it. If the problem comes back, please send the report below: keys and "
                "passwords have been removed from it."
            ),
            self,
        )
        self.message.setWordWrap(True)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlainText(report)
        self.report.setMinimumSize(560, 220)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy report"), self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)

    def add_report(self, report: str) -> None:
        """Another error while this one is open: append it rather than stacking windows."""
        self.count += 1
        text = self.report.toPlainText()
        if len(text) < _MAX_REPORT_CHARS:
            self.report.setPlainText(f"{text}\n\n--- error {self.count} ---\n{report}"[:_MAX_REPORT_CHARS])
        self.setWindowTitle(self.tr("OpenKey Desktop — {0} errors").format(self.count))

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())


class CrashReporter(QObject):
    """Receives unhandled exceptions from any thread and shows them on the GUI thread."""

    #: A finished, redacted report; queued so that a worker thread never touches a widget.
    report_ready = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.reports: list[str] = []
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        self._installed = False
        self._showing = False
        self.report_ready.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread
        self._installed = True

    def uninstall(self) -> None:
        if self._installed:
            if sys.excepthook == self.handle:
                sys.excepthook = self._previous_excepthook
            if threading.excepthook == self.handle_thread:
                threading.excepthook = self._previous_threading_hook
            self._installed = False

    def handle(
        self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
        thread_name: str | None = None,
    ) -> None:
        """``sys.excepthook``: log the redacted report and have the GUI thread show it."""
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal keeps its usual meaning
            self._previous_excepthook(exc_type, exc or exc_type(), tb)  # type: ignore[arg-type]
            return
        try:
            report = build_report(exc_type, exc, tb, thread_name=thread_name)
        except Exception:  # the handler itself must never raise
            report = redact(f"{exc_type.__name__}: {exc!r}")
        self.reports.append(report)
        log.error("unhandled exception:\n%s", report)
        if QCoreApplication.instance() is None:
            sys.stderr.write(report + "\n")
            return
        self.report_ready.emit(report)

    def handle_thread(self, args: Any) -> None:
        """``threading.excepthook``: the same, for exceptions that end a plain Python thread."""
        if args.exc_type is SystemExit:
            return
        name = getattr(args.thread, "name", None)
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, thread_name=name)

    @Slot(str)
    def _show(self, report: str) -> None:
        if self._showing:  # an error while building the dialog: logged already, never a loop of dialogs
            return
        self._showing = True
        try:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add_report(report)
                return
            if not isinstance(QCoreApplication.instance(), QApplication):  # no widgets without QApplication
                sys.stderr.write(report + "\n")
                return
            # No parent: the window that failed may be hidden (tray) or about to close; the report must not go with it.
            dialog = CrashDialog(report)
            dialog.destroyed.connect(self._forget_dialog)
            self.dialog = dialog
            dialog.show()  # a new top-level window comes up in front; raise_() only warns on some platforms
        except Exception:
            sys.stderr.write(report + "\n")
        finally:
            self._showing = False

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None


def install_crash_handler(parent: QObject | None = None) -> CrashReporter:
    """Route unhandled exceptions (GUI thread and plain threads) to a :class:`CrashReporter`.

    ``parent`` (the ``QApplication``) keeps the reporter alive for the life of the app.
    """
    reporter = CrashReporter(parent if parent is not None else QCoreApplication.instance())
    reporter.install()
    return reporter
