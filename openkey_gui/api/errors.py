"""One error hierarchy for every way a call can fail, each failure named by an :class:`ErrorKind`.

The client knows nothing of Qt or of the user's language, so an error carries facts, not prose shown to
the user: its ``kind``, the ``params`` that sentence needs (host, seconds, status...), the server's own
words (``server_message``) and New API's auth ``code``. The GUI turns these into text in the UI's
language (``openkey_gui.ui.error_text``). ``str(error)`` stays an English sentence for scripts and logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any


class ErrorKind(Enum):
    """What went wrong, as far as the user needs to know; ``UNKNOWN`` means ``message`` says it all."""

    UNKNOWN = "unknown"
    # -- the request did not reach the server (nothing happened there) ----------------------------
    CANNOT_REACH = "cannot_reach"
    CONNECT_TIMEOUT = "connect_timeout"  # params: seconds
    TLS_FAILED = "tls_failed"
    PROXY_REFUSED = "proxy_refused"
    NOT_SENT = "not_sent"  # params: detail (an exception name)
    REDIRECT_REFUSED = "redirect_refused"  # params: target
    # -- the request left, and the answer was lost (something may have happened) -----------------
    CONNECTION_BROKEN = "connection_broken"
    ANSWER_BROKEN = "answer_broken"
    TIMEOUT = "timeout"  # params: seconds
    REQUEST_FAILED = "request_failed"  # params: detail
    # -- the server answered with a refusal or a failure ------------------------------------------
    RATE_LIMITED = "rate_limited"  # params: retry_after (seconds or None)
    AUTH_REFUSED = "auth_refused"  # the server_message / code say why
    SIGN_IN_REFUSED = "sign_in_refused"  # the login form was refused; server_message says why
    REFUSED = "refused"  # a business error; server_message says why (None: the server did not say)
    NOT_SUPPORTED = "not_supported"
    SERVER_UNAVAILABLE = "server_unavailable"  # params: status (502/503/504)
    SERVER_FAILED = "server_failed"  # params: status (other 5xx)
    WEB_PAGE_ANSWER = "web_page_answer"  # params: status
    NOT_JSON_ANSWER = "not_json_answer"  # params: status
    ANSWER_TOO_LARGE = "answer_too_large"  # params: size (bytes)
    ANSWER_TOO_DENSE = "answer_too_dense"  # params: count, size
    UNREADABLE_ANSWER = "unreadable_answer"  # params: what
    SESSION_ENDED = "session_ended"  # New API v1.0: the sign-in cannot be renewed; params: why (SessionEnd)
    LIST_RUNAWAY = "list_runaway"  # params: limit
    KEY_NOT_REVEALED = "key_not_revealed"
    CREATED_NOT_LISTED = "created_not_listed"
    # -- sign-in needs more from the user ---------------------------------------------------------
    TWO_FACTOR_REQUIRED = "two_factor_required"
    CAPTCHA_REQUIRED = "captcha_required"
    USER_ID_REQUIRED = "user_id_required"
    # -- input refused before anything was sent (ValidationError) ---------------------------------
    LOGIN_MISSING = "login_missing"
    ACCESS_TOKEN_MISSING = "access_token_missing"
    ACCESS_TOKEN_IS_API_KEY = "access_token_is_api_key"
    SIGN_IN_MODE_UNKNOWN = "sign_in_mode_unknown"
    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"  # params: used, limit (bytes)
    QUOTA_NEGATIVE = "quota_negative"
    QUOTA_TOO_LARGE = "quota_too_large"  # params: highest
    EXPIRY_WITHOUT_ZONE = "expiry_without_zone"
    EXPIRY_IN_PAST = "expiry_in_past"
    IP_INVALID = "ip_invalid"  # params: entry
    URL_EMPTY = "url_empty"
    URL_TOO_LONG = "url_too_long"
    URL_INVISIBLE = "url_invisible"
    URL_BACKSLASH = "url_backslash"
    URL_NEEDS_SLASHES = "url_needs_slashes"
    URL_SCHEME = "url_scheme"  # params: scheme
    URL_CREDENTIALS = "url_credentials"
    URL_PORT = "url_port"
    URL_PLAIN_HTTP = "url_plain_http"
    URL_HOST = "url_host"


class SessionEnd(str, Enum):
    """Why a New API v1.0 sign-in can no longer be renewed (``ErrorKind.SESSION_ENDED``)."""

    REFUSED = "refused"  # the site refused the refresh: signed out, revoked elsewhere, or expired
    PAST_END = "past_end"  # the site ends every sign-in 30 days after the login
    ANSWER_LOST = "answer_lost"  # a refresh's answer was lost too long ago to send its cookie again


class CreateOutcome(Enum):
    """What a failed create means for the token the user asked for (``params["token_name"]``)."""

    NOT_CREATED_RETRY_SAFE = "not_created_retry_safe"
    NOT_CREATED = "not_created"
    EARLIER_UNCONFIRMED = "earlier_unconfirmed"  # nothing new sent: an earlier attempt is still unknown
    UNKNOWN_UNTIL_SIGN_IN = "unknown_until_sign_in"
    NOT_CHECKED = "not_checked"  # whether it was created could not be checked
    NOT_LISTED_RETRY_SAFE = "not_listed_retry_safe"  # not in the list after the lost answer


class AuthCode(str, Enum):
    """The ``code`` of New API v1.0's auth failures (contract, third quick-facts block)."""

    UNAUTHORIZED = "AUTH_UNAUTHORIZED"
    TOKEN_EXPIRED = "AUTH_TOKEN_EXPIRED"
    SESSION_REVOKED = "AUTH_SESSION_REVOKED"
    SESSION_REQUIRED = "AUTH_SESSION_REQUIRED"
    ORIGIN_FORBIDDEN = "AUTH_ORIGIN_FORBIDDEN"
    SESSION_NOT_FOUND = "AUTH_SESSION_NOT_FOUND"
    SESSION_MISMATCH = "AUTH_SESSION_MISMATCH"
    REFRESH_RACE = "AUTH_REFRESH_RACE"
    USER_DISABLED = "AUTH_USER_DISABLED"


class ApiError(Exception):
    """Any failure of a client call. ``message`` is English, for scripts and logs; the GUI reads ``kind``."""

    def __init__(
        self,
        message: str,
        *,
        kind: ErrorKind = ErrorKind.UNKNOWN,
        params: Mapping[str, Any] | None = None,
        status_code: int | None = None,
        server_message: str | None = None,
        code: str | None = None,
        outcome: CreateOutcome | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.params: dict[str, Any] = dict(params or {})
        self.status_code = status_code
        self.server_message = server_message
        # New API v1.0 names auth failures in a ``code`` field (``AUTH_TOKEN_EXPIRED`` …); the message
        # beside it is generic and localised, so decisions are taken on the code alone.
        self.code = code
        self.outcome = outcome

    def __str__(self) -> str:
        return self.message

    def facts(self) -> dict[str, Any]:
        """Everything but the message, to build the same failure again with another message or outcome."""
        return {"kind": self.kind, "params": self.params, "status_code": self.status_code,
                "server_message": self.server_message, "code": self.code, "outcome": self.outcome}


class AuthError(ApiError):
    """Not signed in, wrong credential, or the session ended: the user must sign in (again)."""


class SessionEnded(AuthError):
    """A New API v1.0 sign-in can no longer be refreshed (revoked, expired after 30 days, signed out
    elsewhere): the user must sign in again. Their unsaved work is theirs to keep."""


class TwoFactorRequired(AuthError):
    """The password was right but the account asks for a 2FA code; call ``login`` again with it."""


class CaptchaRequired(AuthError):
    """The site wants a Turnstile captcha for password sign-in, which a desktop app cannot solve."""


class NetworkError(ApiError):
    """The server could not be reached or did not answer in time (nothing was decided there)."""


class RateLimitError(ApiError):
    """The server said "too many requests" (HTTP 429); ``retry_after`` is in seconds when known."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
        self.params.setdefault("retry_after", retry_after)


class ServerError(ApiError):
    """The server failed (5xx) or answered something that is not its API (HTML page, bad JSON)."""


class ValidationError(ApiError):
    """The input was refused before anything was sent; ``field`` names the offending input."""

    def __init__(self, message: str, *, field: str, kind: ErrorKind = ErrorKind.UNKNOWN,
                 params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, kind=kind, params=params)
        self.field = field
