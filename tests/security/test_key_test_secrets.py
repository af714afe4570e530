"""No key in any log, settings file or crash report after testing keys, reading balances and a model try.

The key test sends the key itself to the site (its own HTTP session, DEBUG logging on), so each key is
registered with the log scrubber before it is sent; this drives the whole flow through the window and
then scans every file the app could have written and every captured log record, both flavours.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.logging_setup import configure_logging, uninstall_redaction
from openkey_gui.ui.crash_dialog import CrashReporter
from openkey_gui.ui.settings import AppSettings
from tests.flows.steps import select_token, token_of_kind
from tests.helpers.app import close_window, open_window
from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, User
from tests.reliability.test_secrets import scan, secrets_of


@pytest.fixture
def debug_log(sandbox: dict[str, Path], caplog: pytest.LogCaptureFixture) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    log_file = configure_logging(level="DEBUG", log_dir=sandbox["logs"], console=False)
    assert log_file is not None
    caplog.set_level(logging.DEBUG)
    yield log_file
    for handler in [h for h in root.handlers if getattr(h, "_openkey_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    uninstall_redaction()
    root.setLevel(level)


def run_key_tests(user: User, truth: ServerTruth) -> None:
    for kind in ("ok", "expired", "iplim", "modellim"):
        select_token(user, truth, token_of_kind(truth, kind)["id"])
        user.press(Qt.Key.Key_T, CTRL, on=user.table)
        dialog = user.wait_for_dialog()
        result = dialog.findChild(QLabel, "keyTestResult")
        balance = dialog.findChild(QLabel, "keyTestBalance")
        assert result is not None and balance is not None
        user.wait_until(lambda r=result, b=balance: "Testing" not in r.text() and "Reading" not in b.text())
        if kind == "modellim":
            button = dialog.findChild(QPushButton, "keyTestTryButton")
            assert button is not None
            user.click(button)
            user.answer_question("Send")
            answer = dialog.findChild(QLabel, "keyTestTryResult")
            assert answer is not None
            user.wait_until(lambda a=answer: "HTTP" in a.text())
        dialog.close()
        user.back_to_window()


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_key_tests_leave_no_key_behind(qtbot: QtBot, sandbox: dict[str, Path], debug_log: Path,
                                       caplog: pytest.LogCaptureFixture, flavor: str) -> None:
    settings = AppSettings(str(sandbox["settings"] / "settings.ini"))
    with DemoServer(flavor=flavor, tokens=30, seed=11, critical_rate_limit=None) as server:
        truth = ServerTruth(server)
        window = open_window(qtbot, settings=settings)
        reporter = CrashReporter()
        reporter.install()
        try:
            user = User(qtbot, window)
            user.sign_in(server, expect_rows=truth.count())
            run_key_tests(user, truth)
            key = truth.key(token_of_kind(truth, "ok")["id"])
            try:
                raise RuntimeError(f"key test blew up with {key}")
            except RuntimeError:
                reporter.handle(*sys.exc_info())
            qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=10_000)
            report = reporter.dialog.report.toPlainText()
            reporter.dialog.close()
            window.settings.sync()
        finally:
            reporter.uninstall()
            close_window(window)
        for handler in logging.getLogger().handlers:
            handler.flush()
        log_text = debug_log.read_text(encoding="utf-8")
        assert "relay call GET /v1/models -> 200" in log_text  # DEBUG logging really saw the key test
        assert "relay call POST /v1/chat/completions -> " in log_text
        files, findings = scan(sandbox, {"captured log": caplog.text, "crash report": report,
                                         "crash reports kept": "\n".join(reporter.reports)}, secrets_of(server))
        assert files > 0 and findings == []
