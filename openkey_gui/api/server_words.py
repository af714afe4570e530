"""The server's own words, made safe to keep and show, and the English sentences built around them.

``message_of`` strips what could disguise text (control and bidi characters) and bounds its length;
``code_of`` reads New API's auth code. The English sentences are for scripts and logs: the GUI words
its own text from an error's kind (see ``errors``).
"""

from __future__ import annotations

import re
from typing import Any

MAX_MESSAGE_CHARS = 500
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def size_text(size: int) -> str:
    """``8 MB`` (whole megabytes when it is whole), ``9.5 MB``, or ``12 KB`` below a megabyte."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(size // 1024, 1)} KB"


def message_of(envelope: dict[str, Any] | None) -> str | None:
    """The server's own message, made safe to show: no control or bidi characters, bounded length."""
    if envelope is None:
        return None
    message = envelope.get("message")
    if not isinstance(message, str):
        return None
    cleaned = " ".join(CONTROL_CHARS.sub(" ", message).split())
    if not cleaned:
        return None
    return cleaned if len(cleaned) <= MAX_MESSAGE_CHARS else cleaned[: MAX_MESSAGE_CHARS - 1] + "…"


def code_of(envelope: dict[str, Any] | None) -> str | None:
    """New API's auth error code (``AUTH_TOKEN_EXPIRED``...), when the answer names one."""
    code = envelope.get("code") if envelope is not None else None
    return code if isinstance(code, str) and code.isascii() and 0 < len(code) <= 64 else None


def auth_text(server_message: str | None, host: str) -> str:
    base = f"{host} did not accept the sign-in"
    if server_message:
        return f"{base}: {server_message}. Sign in again."
    return f"{base}. Your session may have expired; sign in again."
