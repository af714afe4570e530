"""One error hierarchy for every way a call can fail.

The GUI shows ``str(error)`` to the user as it is, so every message must say what happened and what
to do next; ``server_message`` keeps the server's own words when it gave any.
"""

from __future__ import annotations

import enum


class AuthCode(str, enum.Enum):
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
    """Any failure of a client call; the message is written for the user."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        server_message: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.server_message = server_message
        # New API v1.0 names auth failures in a ``code`` field (``AUTH_TOKEN_EXPIRED`` …); the message
        # beside it is generic and localised, so decisions are taken on the code alone.
        self.code = code

    def __str__(self) -> str:
        return self.message


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

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class ServerError(ApiError):
    """The server failed (5xx) or answered something that is not its API (HTML page, bad JSON)."""


class ValidationError(ApiError):
    """The input was refused before anything was sent; ``field`` names the offending input."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field
