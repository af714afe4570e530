"""The one place where HTTP happens and where every failure becomes an :class:`ApiError`.

Keeping this in one function means the GUI has exactly one kind of error to show, and that no path
through the client can leak a raw ``requests`` exception (or a key inside one) to the user.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from openkey_gui import __version__
from openkey_gui.api.errors import (
    ApiError,
    AuthError,
    NetworkError,
    RateLimitError,
    ServerError,
)

log = logging.getLogger(__name__)

# Servers say "not allowed" in these words (contract §5); on One API a wrong access token is HTTP 200.
_AUTH_MESSAGES = ("无权进行此操作", "未登录", "access token 无效", "用户已被封禁", "Unauthorized")
_MAX_RETRY_AFTER = 10.0


class _CappedRetry(Retry):
    """urllib3 would sleep as long as Retry-After says; a worker thread stuck for minutes helps nobody."""

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, _MAX_RETRY_AFTER)


def _retry_policy() -> Retry:
    """Retries for idempotent GETs only: a repeated POST could create a second token."""
    return _CappedRetry(
        total=3,
        connect=2,
        read=1,
        status=2,
        backoff_factor=0.4,
        backoff_max=4.0,
        status_forcelist=(429, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )


class Transport:
    """A ``requests.Session`` bound to one site, with the headers and cookies of the signed-in user."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.session = requests.Session()
        self.session.verify = True  # never switched off: TLS protects the account credential
        self.session.trust_env = True
        adapter = HTTPAdapter(max_retries=_retry_policy(), pool_maxsize=8)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers.update(
            {
                "User-Agent": f"OpenKeyDesktop/{__version__}",
                "Accept": "application/json",
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
            }
        )
        # Counts real HTTP round trips (retries included are not visible here); tests and benchmarks read it.
        self.request_count = 0

    @property
    def host(self) -> str:
        return self.base_url.split("://", 1)[-1]

    def set_header(self, name: str, value: str | None) -> None:
        if value is None:
            self.session.headers.pop(name, None)
        else:
            self.session.headers[name] = value

    def reset_auth(self) -> None:
        self.session.cookies.clear()
        for name in ("Authorization", "New-Api-User"):
            self.session.headers.pop(name, None)

    def close(self) -> None:
        self.session.close()

    def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        raw_404: bool = False,
    ) -> dict[str, Any]:
        """Send one request and return the decoded envelope (``success`` is already known to be true).

        ``raw_404`` makes a 404 raise ``ApiError`` with status 404 instead of a server error, for
        callers probing an endpoint that older servers lack.
        """
        url = self.base_url + path
        self.request_count += 1
        try:
            response = self.session.request(
                method, url, params=params, json=json_body, timeout=self.timeout
            )
        except requests.exceptions.SSLError:
            raise NetworkError(
                f"The secure connection to {self.host} could not be verified (TLS certificate problem). "
                "Check the address, your clock and any proxy in between."
            ) from None
        except requests.exceptions.Timeout:
            raise self._timeout_error() from None
        except requests.exceptions.ConnectionError as exc:
            if _timed_out(exc):  # a read timeout after the last retry arrives as a ConnectionError
                raise self._timeout_error() from None
            raise NetworkError(
                f"Cannot reach {self.host}. Check your internet connection and the site address."
            ) from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
            raise NetworkError(
                f"The connection to {self.host} broke in the middle of the answer. "
                "Refresh to see whether the change was made before trying again."
            ) from None
        except requests.exceptions.RetryError:
            raise RateLimitError(
                f"{self.host} is refusing requests for now (too many requests). Wait a minute and retry."
            ) from None
        except requests.exceptions.RequestException as exc:
            raise NetworkError(f"The request to {self.host} failed ({type(exc).__name__}).") from None
        log.debug("%s %s -> %s", method, path, response.status_code)
        return self._decode(response, raw_404=raw_404)

    def _timeout_error(self) -> NetworkError:
        return NetworkError(
            f"{self.host} did not answer within {self.timeout:g} s. The site may be busy; try again."
        )

    def _decode(self, response: requests.Response, *, raw_404: bool) -> dict[str, Any]:
        status = response.status_code
        try:
            body = response.content
        except requests.exceptions.RequestException:
            raise NetworkError(f"The connection to {self.host} broke during the answer. Try again.") from None
        envelope = _parse_envelope(body)
        server_message = _message_of(envelope)

        if status == 429:
            raise RateLimitError(
                f"{self.host} says too many requests; wait a little and try again.",
                retry_after=_retry_after_seconds(response),
                status_code=status,
                server_message=server_message,
            )
        if status in (401, 403):
            raise AuthError(
                _auth_text(server_message, self.host), status_code=status, server_message=server_message
            )
        if status == 404 and raw_404:
            raise ApiError("Not supported by this server.", status_code=status, server_message=server_message)
        if status >= 500:
            raise ServerError(
                f"{self.host} had an internal error (HTTP {status})"
                + (f": {server_message}" if server_message else ". Try again later."),
                status_code=status,
                server_message=server_message,
            )
        if envelope is None:
            kind = "a web page" if _looks_like_html(body) else "something that is not valid JSON"
            raise ServerError(
                f"{self.host} answered with {kind} instead of its API (HTTP {status}). "
                "Is this the address of a One API / New API site?",
                status_code=status,
            )
        if status >= 400:
            raise ApiError(
                server_message or f"{self.host} refused the request (HTTP {status}).",
                status_code=status,
                server_message=server_message,
            )
        if envelope.get("success") is not True:
            if server_message and any(marker in server_message for marker in _AUTH_MESSAGES):
                raise AuthError(_auth_text(server_message, self.host), status_code=status,
                                server_message=server_message)
            raise ApiError(
                server_message or "The server refused the request without saying why.",
                status_code=status,
                server_message=server_message,
            )
        return envelope


def _timed_out(exc: requests.exceptions.ConnectionError) -> bool:
    reason = getattr(exc.args[0] if exc.args else None, "reason", None)
    if isinstance(reason, urllib3.exceptions.NewConnectionError):  # refused: a TimeoutError subclass in urllib3 2
        return False
    return isinstance(reason, (urllib3.exceptions.TimeoutError, TimeoutError))


def _parse_envelope(body: bytes) -> dict[str, Any] | None:
    if not body:
        return None
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(value, dict) or "success" not in value:
        return None
    return value


def _message_of(envelope: dict[str, Any] | None) -> str | None:
    if envelope is None:
        return None
    message = envelope.get("message")
    if isinstance(message, str) and message.strip():
        return message.strip()[:500]
    return None


def _auth_text(server_message: str | None, host: str) -> str:
    base = f"{host} did not accept the sign-in"
    if server_message:
        return f"{base}: {server_message}. Sign in again."
    return f"{base}. Your session may have expired; sign in again."


def _retry_after_seconds(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _looks_like_html(body: bytes) -> bool:
    head = body[:200].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body")) or b"<html" in head
