"""Secrets: a full session in the window, logging at DEBUG, then every file written and every log line is
searched for the password, the access token and every key the server holds. Nothing may be found.

The session is the one a user has: sign in with "Remember me", create a token, reveal keys in the table,
copy a key and a snippet, hit an unexpected error (the crash dialog), sign out. It runs with the real
settings file in a temporary directory, the keyring replaced by a dictionary (the only place the
credential may go), HOME and the XDG directories pointed into the same temporary tree, and logging
configured by ``logging_setup`` at DEBUG into a file there as well as into pytest's capture.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from openkey_gui.credentials import SERVICE, CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.logging_setup import configure_logging, redact, uninstall_redaction
from openkey_gui.ui.crash_dialog import CrashReporter, build_report
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.sign_in_dialog import TOKEN_TAB
from tests.reliability.gui import WAIT_MS, idle, open_add_dialog, table_is_server
from tests.reliability.report import note
from tests.support import MemoryKeyring, fake_key_body

SECTION = "secrets scan"


@pytest.fixture
def debug_logging(sandbox: dict[str, Path], caplog: pytest.LogCaptureFixture) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    log_file = configure_logging(level="DEBUG", log_dir=sandbox["logs"], console=False)
    assert log_file is not None and log_file.parent == sandbox["logs"]
    caplog.set_level(logging.DEBUG)
    yield log_file
    for handler in [h for h in root.handlers if getattr(h, "_openkey_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    uninstall_redaction()
    root.setLevel(level)


def secrets_of(server: DemoServer, *extra: str) -> dict[str, str]:
    found = {"password": server.password, "access token": server.access_token}
    for row in server.tokens():
        found[f"key of token {row['id']}"] = row["key"]  # bare (as stored) and, by substring, with sk-
    for index, value in enumerate(extra):
        found[f"extra secret {index}"] = value
    if server.flavor == "new-api-v1":  # every bearer token and refresh cookie the site handed out
        for index, value in enumerate(dict.fromkeys(server.v1.counters.issued)):
            found[f"v1.0 session secret {index}"] = value
    return found


def scan(places: dict[str, Path], texts: dict[str, str], secrets: dict[str, str]) -> tuple[int, list[str]]:
    """(files scanned, findings); a finding names the secret and where it was."""
    findings = []
    files = [p for base in places.values() for p in base.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        for what, value in secrets.items():
            for encoded in (value.encode("utf-8"), value.encode("utf-16-le")):
                if encoded in data:
                    findings.append(f"{what} in {path}")
    for where, text in texts.items():
        for what, value in secrets.items():
            if value in text:
                findings.append(f"{what} in {where}")
    return len(files), findings


def run_session(qtbot: QtBot, window: MainWindow, server: DemoServer, *, mode: str, pause_ms: int = 0) -> None:
    """Sign in (remember me), create, reveal, copy, copy as .env, sign out: all through the window.

    ``pause_ms`` waits after the sign-in (New API v1.0: long enough for the access token to expire,
    so the session is renewed and the rotated cookie written to the keyring during the run)."""
    dialog = window.accounts.show_sign_in(None)
    dialog.site.setCurrentText(server.url)
    if mode == "access_token":
        dialog.tabs.setCurrentIndex(TOKEN_TAB)
        qtbot.keyClicks(dialog.access_token, server.access_token)
        qtbot.keyClicks(dialog.user_id, str(server.user_id))
    else:
        qtbot.keyClicks(dialog.username, server.username)
        qtbot.keyClicks(dialog.password, server.password)
    assert dialog.remember.isChecked()
    dialog.submit()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and idle(window), timeout=WAIT_MS)
    qtbot.wait(pause_ms)

    add = open_add_dialog(qtbot, window, "secret-test")
    qtbot.mouseClick(add._ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not add.isVisible() and idle(window), timeout=WAIT_MS)
    made = next(t for t in server.tokens() if t["name"] == "secret-test")

    for token in window.model.tokens()[:3]:  # reveal in the table (New API fetches the keys)
        window.view.select(token.id)
        window.acts.reveal.trigger()
        qtbot.waitUntil(lambda t=token: window.model.is_revealed(t.id), timeout=WAIT_MS)
    window.view.select(made["id"])
    window.acts.copy.trigger()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "sk-" + made["key"], timeout=WAIT_MS)
    window.acts.copy_env.trigger()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("OPENAI_API_KEY=sk-"), timeout=WAIT_MS)
    assert table_is_server(window, server)
    window.settings.sync()

    window.accounts.sign_out()
    qtbot.waitUntil(lambda: idle(window), timeout=WAIT_MS)
    window.dialogs.sign_in.reject()
    QGuiApplication.clipboard().clear()


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize(("flavor", "mode"), [("one-api", "password"), ("new-api", "access_token"),
                                             ("new-api-v1", "password")])
def test_full_session_leaves_no_secret_behind(qtbot: QtBot, sandbox: dict[str, Path], debug_logging: Path,
                                              caplog: pytest.LogCaptureFixture, flavor: str, mode: str) -> None:
    keyring = MemoryKeyring()
    settings = AppSettings(str(sandbox["settings"] / "settings.ini"))
    v1 = {"access_ttl": 2, "access_leeway": 0} if flavor == "new-api-v1" else {}
    with DemoServer(flavor=flavor, tokens=15, seed=21, critical_rate_limit=None, search_rate_limit=None,
                    **v1) as server:  # type: ignore[arg-type]
        window = MainWindow(settings, CredentialStore(keyring), request_timeout=5)
        qtbot.addWidget(window)
        window.show()
        reporter = CrashReporter()
        reporter.install()
        try:
            run_session(qtbot, window, server, mode=mode, pause_ms=2300 if v1 else 0)
            if v1:
                assert server.v1.counters.refreshes >= 1  # the session was renewed during the run
            # while signed in the keyring held the credential (and nothing else did); sign-out removed it
            assert keyring.entries == {}
            # an unexpected error whose text carries every kind of secret
            key = "sk-" + server.tokens()[0]["key"]
            try:
                raise RuntimeError(f"boom with {key} password={server.password} token {server.access_token}")
            except RuntimeError:
                reporter.handle(*sys.exc_info())
            qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=WAIT_MS)
            report = reporter.dialog.report.toPlainText()
            assert "RuntimeError" in report and "[redacted]" in report
            reporter.dialog.close()
            # and a careless log line
            logging.getLogger("openkey_gui.test").debug("revealed %s for %r", key,
                                                        {"password": server.password,
                                                         "access_token": server.access_token})
        finally:
            reporter.uninstall()
            window.runner.cancel_all()
            window.runner.wait_for_done(10_000)
            window.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
        log_text = debug_logging.read_text(encoding="utf-8")
        assert "[redacted]" in log_text and "GET /api/token" in log_text  # DEBUG logging really ran
        assert settings.file_name().startswith(str(sandbox["settings"]))
        assert server.url in Path(settings.file_name()).read_text(encoding="utf-8")  # the settings were written
        secrets = secrets_of(server)
        files, findings = scan(sandbox, {"captured log": caplog.text, "crash report": report,
                                         "crash reports kept": "\n".join(reporter.reports)}, secrets)
        assert findings == []
    note(SECTION, f"{flavor}, {mode} sign-in with remember me → create, reveal ×3, copy, copy .env, crash "
                  f"report, sign out: {files} files (settings, logs, HOME, XDG dirs) and "
                  f"{len(caplog.records)} DEBUG log records scanned for {len(secrets)} secrets "
                  f"(password, access token, {len(secrets) - 2} keys and v1.0 bearer tokens / refresh cookies): "
                  "0 found")


# -- redaction on its own ---------------------------------------------------------------------------------


def test_log_lines_are_redacted(debug_logging: Path, caplog: pytest.LogCaptureFixture) -> None:
    key = fake_key_body()
    token32 = fake_key_body()[:32]
    log = logging.getLogger("openkey_gui.redaction")
    log.warning("copied sk-%s", key)
    log.info("server row %s", {"id": 3, "key": key, "name": "laptop"})
    log.info("headers %r", {"Authorization": f"Bearer {token32}", "New-Api-User": "1"})
    log.info('body {"username": "me", "password": "hunter2 with spaces"}')
    log.info("query password=hunter2&username=me")
    log.info("uuid token %s", "0f" * 16)
    try:
        raise ValueError(f"bad key sk-{key}")
    except ValueError:
        log.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    for text in (caplog.text, debug_logging.read_text(encoding="utf-8")):
        for secret in (key, token32, "hunter2", "0f" * 16):
            assert secret not in text
        assert "laptop" in text and "New-Api-User" in text and "username=me" in text  # the rest is kept
    note(SECTION, "log redaction: sk- keys, bare 48-char keys, bearer values, 32-hex tokens, password/key/"
                  "access_token fields and tracebacks are masked in pytest's capture and in the log file")


def test_redact_keeps_ordinary_text() -> None:
    line = "GET /api/token/?p=0&size=100 -> 200; Token “laptop” created; HTTP status code 500; 令牌名称过长"
    assert redact(line) == line


@pytest.mark.qt_no_exception_capture
def test_crash_dialog_is_redacted_and_the_app_goes_on(qtbot: QtBot, tmp_path: Path) -> None:
    """An exception in a Qt slot and one in a plain thread: a redacted report, and the app keeps running."""
    from openkey_gui.credentials import CredentialStore

    window = MainWindow(AppSettings(str(tmp_path / "settings.ini")), CredentialStore(MemoryKeyring()))
    qtbot.addWidget(window)
    window.show()
    key = "sk-" + fake_key_body()
    reporter = CrashReporter()
    reporter.install()
    try:
        def slot_that_fails() -> None:
            raise KeyError(f"no such token {key}")

        QTimer.singleShot(0, slot_that_fails)  # Qt calls it; its exception reaches sys.excepthook
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=WAIT_MS)
        dialog = reporter.dialog
        assert not dialog.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)  # closing it never quits (tray)
        assert not dialog.isModal()
        thread = threading.Thread(target=lambda: (_ for _ in ()).throw(OSError(f"password=pw123 {key}")),
                                  name="worker-x")
        thread.start()
        thread.join(5)
        qtbot.waitUntil(lambda: dialog.count == 2, timeout=WAIT_MS)  # appended, not a second window
        text = dialog.report.toPlainText()
        assert "KeyError" in text and "OSError" in text and "worker-x" in text
        assert key not in text and key[3:] not in text and "pw123" not in text
        dialog.copy_button.click()
        assert QGuiApplication.clipboard().text() == text and key not in QGuiApplication.clipboard().text()
        dialog.close()
        qtbot.waitUntil(lambda: reporter.dialog is None, timeout=WAIT_MS)
        assert window.isVisible()  # the app is still there
        assert build_report(ValueError, ValueError(key), None).count("[redacted]") == 1
    finally:
        reporter.uninstall()
        QGuiApplication.clipboard().clear()
    note(SECTION, "crash report: exceptions from a Qt slot and from a thread → one non-modal dialog, keys and "
                  "passwords redacted, closing it leaves the app (and tray) running")
    assert SERVICE  # (the keyring service name is the only place a credential may be stored)
