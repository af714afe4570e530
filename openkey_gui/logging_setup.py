"""Logging for the app: one configuration, and a redaction that keeps secrets out of every log line.

A user's keys are money and their password opens the account, yet logs get pasted into bug reports
and chats. So redaction does not rely on every ``log.debug`` call being careful: every record is
redacted when it is created (a log-record factory, which also covers handlers we do not own, such as a
test's capture), and the handlers installed here redact the formatted text once more, tracebacks
included. What counts as a secret is first a pattern: ``sk-`` keys, bare 48-character keys, 32-hex and
other long access tokens (28 characters or more with a digit), bearer values, and the values of fields
named like ``password`` or ``access_token``. Patterns cannot know a short password, so the live
credential is also scrubbed by its exact value: whoever holds it calls :func:`register_secret` (the
transport does for every password it sends and every Authorization it sets; the credential store for
what it loads).

Log files are created readable by their owner only (also each file a rotation opens), in a folder that
is the app's own: the platform's log folder, or a private folder inside the one ``OPENKEY_LOG_DIR``
names (that folder itself is left as it is).

Qt-free on purpose: it runs before ``QApplication`` exists (and for ``--self-test``).
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

REDACTED = "[redacted]"
LOG_FILE_NAME = "openkey.log"
_MAX_LOG_BYTES = 1_000_000
_LOG_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"

# Field names whose values are secret wherever they appear: JSON, a dict's repr, a query string, a header.
_SECRET_FIELDS = (
    r"password|passwd|pwd|new_password|original_password|access_token|accesstoken|refresh_token|token|"
    r"api_key|apikey|key|secret|client_secret|totp|otp|flow_token|authorization|cookie|set-cookie|session"
)
_FIELD_VALUE = re.compile(
    r"""(?ix)
    (?P<name>["']?\b(?:""" + _SECRET_FIELDS + r""")\b["']?\s*[:=]\s*)
    (?P<value>(?!\[redacted\])(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?:Bearer|Basic)\s+[^\s,;&'"}\]]+|[^\s,;&'"}\]]+))
    """
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization values anywhere: "Bearer abc…".
    (re.compile(r"(?i)\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=\-]{8,}"), r"\1 " + REDACTED),
    # API keys as users see them (sk- + 48 characters, maybe with a "-channel" suffix).
    (re.compile(r"\bsk-[A-Za-z0-9][A-Za-z0-9_\-]{5,}"), "sk-" + REDACTED),
    # JSON web tokens (New API after 2026-07 signs in with one).
    (re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"), REDACTED),
    # 32 hex digits: One API's access tokens (a UUID without dashes), session ids.
    (re.compile(r"(?<![A-Za-z0-9])[0-9A-Fa-f]{32}(?![A-Za-z0-9])"), REDACTED),
    # Bare keys (48 letters and digits) and anything as long: no word or name runs to 40 characters.
    (re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{40,}(?![A-Za-z0-9])"), REDACTED),
    # New API access tokens (29 to 32 letters and digits; older ones are shorter than 32) and similar:
    # 28 or more with at least one digit. Words do not run that long with a digit inside.
    (re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{28,}(?![A-Za-z0-9])"), REDACTED),
)
_MIN_REGISTERED_CHARS = 4  # shorter values would blank ordinary words all over the log

_MAX_REGISTERED = 32  # the live credentials of a few accounts; older ones drop out first

_registered_lock = threading.Lock()
_registered: dict[str, frozenset[str]] = {}  # value -> its spellings, oldest first
_registered_pattern: re.Pattern[str] | None = None


def register_secret(value: str | None) -> None:
    """Scrub ``value`` (a password, an access token, a cookie) from every log line from now on.

    Its URL-encoded and JSON-escaped spellings are scrubbed too. Values under 4 characters are ignored,
    and only the 32 most recently registered values are kept (a long-running app signs in again and
    again; each sign-in's credential is registered anew).
    """
    if not isinstance(value, str) or len(value.strip()) < _MIN_REGISTERED_CHARS:
        return
    with _registered_lock:
        if value in _registered:
            _registered[value] = _registered.pop(value)  # now the most recent
            return
        _registered[value] = frozenset({value, quote(value, safe=""), quote_plus(value), json.dumps(value)[1:-1],
                                        json.dumps(value, ensure_ascii=False)[1:-1]})
        while len(_registered) > _MAX_REGISTERED:
            del _registered[next(iter(_registered))]
        _rebuild_registered()


def forget_secrets() -> None:
    """Drop every registered value (after sign-out; and for tests)."""
    with _registered_lock:
        _registered.clear()
        _rebuild_registered()


def _rebuild_registered() -> None:
    global _registered_pattern
    spellings = {spelling for group in _registered.values() for spelling in group}
    if not spellings:
        _registered_pattern = None
        return
    longest_first = sorted(spellings, key=len, reverse=True)  # a value inside a longer one goes with it
    _registered_pattern = re.compile("|".join(re.escape(spelling) for spelling in longest_first))


def redact(text: str) -> str:
    """``text`` with every secret-looking value replaced by ``[redacted]``; the rest is kept for debugging."""
    if not text:
        return text
    registered = _registered_pattern
    if registered is not None:
        text = registered.sub(REDACTED, text)
    text = _FIELD_VALUE.sub(_redact_field, text)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _redact_field(match: re.Match[str]) -> str:
    value = match.group("value")
    if value[:1] in {'"', "'"}:
        if len(value) <= 2:  # an empty value gives nothing away, and keeps "password: ''" readable
            return match.group(0)
        return f"{match.group('name')}{value[0]}{REDACTED}{value[0]}"
    return f"{match.group('name')}{REDACTED}"


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Fold the arguments into the message and redact it, the traceback and the stack in place.

    A record remembers the message it was redacted to, not just that it was: ``makeLogRecord`` (queue and
    socket listeners) makes an empty record through the factory and only then fills in the real message.
    """
    if record.args is None and getattr(record, "_openkey_redacted", None) == record.msg:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a bad format string must not lose the record, nor crash the caller
        message = f"{record.msg!r} {record.args!r}"
    record.msg = redact(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record._openkey_redacted = record.msg  # type: ignore[attr-defined]
    return record


class RedactingFilter(logging.Filter):
    """A handler filter that redacts each record before it is formatted (for handlers set up elsewhere)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line too: a traceback or a custom field may carry what the message did not."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))

    def formatException(self, ei: Any) -> str:
        return redact(super().formatException(ei))


def install_redaction() -> None:
    """Make every log record redacted at creation, whichever handler later sees it. Idempotent."""
    current = logging.getLogRecordFactory()
    if getattr(current, "_openkey_redacting", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(current(*args, **kwargs))

    factory._openkey_redacting = True  # type: ignore[attr-defined]
    factory._openkey_previous = current  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def uninstall_redaction() -> None:
    """Undo :func:`install_redaction` (tests restore the interpreter as they found it)."""
    current: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
    previous = getattr(current, "_openkey_previous", None)
    if previous is not None:
        logging.setLogRecordFactory(previous)


def default_log_dir() -> Path | None:
    """Where the log file goes: ``OPENKEY_LOG_DIR``, else the platform's place for app logs.

    Under tests (``OPENKEY_TESTING``) nothing is written unless a directory is named explicitly, so a
    test run never leaves files in the developer's home.
    """
    named = os.environ.get("OPENKEY_LOG_DIR", "").strip()
    if named:
        # The named folder may be shared (/tmp, a synced folder): the log goes into a folder of our own.
        suffix = f"-{os.getuid()}" if hasattr(os, "getuid") else ""
        return Path(named) / f"openkey-desktop{suffix}"
    if os.environ.get("OPENKEY_TESTING"):
        return None
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "OpenKey" / "OpenKey Desktop" / "logs"
    if sys.platform == "darwin":
        return home / "Library" / "Logs" / "OpenKey Desktop"
    state = os.environ.get("XDG_STATE_HOME") or str(home / ".local" / "state")
    return Path(state) / "openkey-desktop"


def _level_from(value: str | int | None, default: int) -> int:
    if isinstance(value, int):
        return value
    if value:
        named = logging.getLevelName(value.strip().upper())
        if isinstance(named, int):
            return named
    return default


def configure_logging(
    level: str | int | None = None,
    log_dir: str | os.PathLike[str] | None = None,
    *,
    console: bool = True,
) -> Path | None:
    """Set up the root logger: redacted console output and, if a directory is known, a rotating file.

    ``level`` (or ``OPENKEY_LOG_LEVEL``) sets the console level, WARNING by default; the file keeps
    INFO, or DEBUG when asked for. Returns the log file's path, or None when no file is written.
    Calling it again replaces what an earlier call installed.
    """
    install_redaction()
    logging.captureWarnings(True)
    console_level = _level_from(level if level is not None else os.environ.get("OPENKEY_LOG_LEVEL"), logging.WARNING)
    file_level = min(console_level, logging.INFO)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_openkey_handler", False)]:
        root.removeHandler(handler)
        handler.close()

    handlers: list[logging.Handler] = []
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(console_level)
        stream.setFormatter(RedactingFormatter(_CONSOLE_FORMAT))
        handlers.append(stream)
    directory = Path(log_dir) if log_dir is not None else default_log_dir()
    path: Path | None = None
    if directory is not None:
        try:
            # A folder the caller passed is theirs to set up; the default one is ours and made private.
            path = _prepare_log_folder(directory, ours=log_dir is None) / LOG_FILE_NAME
            file_handler = PrivateRotatingFileHandler(
                path, maxBytes=_MAX_LOG_BYTES, backupCount=_LOG_BACKUPS, encoding="utf-8", delay=False
            )
            file_handler.setLevel(file_level)
            file_handler.setFormatter(RedactingFormatter(_FORMAT))
            handlers.append(file_handler)
        except OSError as exc:  # a read-only home must not stop the app
            path = None
            logging.getLogger(__name__).warning("not writing a log file: %s", exc.strerror or exc)
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler._openkey_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    lowest = min([h.level for h in handlers], default=console_level)
    if root.level == logging.NOTSET or root.level > lowest:
        root.setLevel(lowest)
    return path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens, the first and each one after a rotation, is created 0600 (the umask is not)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _O_NOFOLLOW, 0o600)
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)  # a file left by an older version may be 0644
            return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise


_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a log file planted as a symlink is refused, not followed


def _prepare_log_folder(directory: Path, *, ours: bool) -> Path:
    """Create the log folder; one of ours must be a real folder of this user's, and is made 0700."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if ours and os.name == "posix":
        info = os.lstat(directory)
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise OSError(f"{directory} is not a folder of this user's")
        os.chmod(directory, 0o700)
    return directory


def make_private(path: str | os.PathLike[str]) -> None:
    """Make a file readable by its owner only (0600), or a folder usable by its owner only (0700).

    For files that name the user's accounts and sites, such as the settings file and its folder, after
    they are written. Nothing happens where the path does not exist, or on Windows (whose per-user
    profile folders are already private).
    """
    if os.name != "posix":
        return
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        return  # never change the mode of whatever a link points to
    os.chmod(target, 0o700 if stat.S_ISDIR(info.st_mode) else 0o600)
