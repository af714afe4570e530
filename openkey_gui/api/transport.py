"""The one place where HTTP happens and where every failure becomes an :class:`ApiError`.

Keeping this in one function means the GUI has exactly one kind of error to show, and that no path
through the client can leak a raw ``requests`` exception (or a key inside one) to the user.

It is also the one place that decides what the connection may do: TLS verification is always on (the
environment cannot switch it off), a request to this machine never goes through a proxy, a redirect may
not leave the site or drop to plain http, and an answer may not be larger than what it can really be (a
page, or One API's whole list) nor a flood of tiny objects. Failures say whether the request reached the
server at all (:class:`ConnectFailed`), because only then can a write have happened and need reconciling.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import requests
import urllib3

from openkey_gui.api.connection import (
    GuardedSession,
    NoProxyForLoopback,
    RedirectRefused,
    environment_proxies,
    retry_policy,
    trusted_ca_bundle,
)
from openkey_gui.api.errors import (
    ApiError,
    AuthCode,
    AuthError,
    ErrorKind,
    NetworkError,
    RateLimitError,
    ServerError,
)
from openkey_gui.api.server_words import auth_text as _auth_text
from openkey_gui.api.server_words import code_of as _code_of
from openkey_gui.api.server_words import message_of as _message_of
from openkey_gui.api.server_words import size_text as _size_text

# The app names its version (``session.APP_USER_AGENT``); a script using the library sends this.
DEFAULT_USER_AGENT = "OpenKeyDesktop"

log = logging.getLogger(__name__)

# Body fields whose values are the account's credential: scrubbed from the logs by value once sent.
_CREDENTIAL_FIELDS = ("password", "new_password", "original_password", "access_token", "token")
# Servers say "not allowed" in these words (contract §5); on One API a wrong access token is HTTP 200.
_AUTH_MESSAGES = ("无权进行此操作", "未登录", "access token 无效", "用户已被封禁", "Unauthorized")
# How much of one answer is read. A page of 100 tokens is ~60 KB, so a page, a key or a status is never
# near the default; only One API's single search answer (the whole list: 10,000 tokens are ~6 MB) may be
# larger, and its caller passes ``max_bytes=MAX_BODY_BYTES``. No caller can go past MAX_BODY_BYTES. Pages
# are fetched several at a time, so the default is what bounds the memory a hostile site can take.
PAGE_MAX_BYTES = 8 * 1024 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024
# Python turns ``{}`` (3 bytes with its comma) into a 64-byte dict: 64 MB of them took 1.6 GB. A real
# token is one object of hundreds of bytes, so more than one object or array per 32 bytes is no token list.
_BYTES_PER_CONTAINER = 32
_SPARE_CONTAINERS = 1024
_GATEWAY_STATUSES = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


class ConnectFailed(NetworkError):
    """The request never reached the server (refused, no DNS, TLS or proxy failure, connect timeout).

    Distinct from a plain :class:`NetworkError`, after which a write may or may not have happened: here
    nothing can have happened on the server, so a failed create needs no reconciliation.
    """


class Refresher(Protocol):
    """What ``Transport.call`` needs of a renewing sign-in (see ``bearer.BearerSession``)."""

    def before_call(self) -> int:
        """Renew the credential if it is about to expire; return the generation the call is sent with."""

    def refresh(self, seen_generation: int) -> None:
        """Renew the credential unless a newer generation than ``seen_generation`` already exists."""


class Transport:
    """A ``requests.Session`` bound to one site, with the headers and cookies of the signed-in user."""

    def __init__(self, base_url: str, timeout: float, *, user_agent: str = DEFAULT_USER_AGENT,
                 on_secret: Callable[[str], None] | None = None) -> None:
        self.base_url = base_url
        # Told every credential this transport sends or receives (password, bearer value, cookie), so the
        # app's log can scrub each by its exact value; a script using the library may pass nothing.
        self._on_secret = on_secret or _ignore_secret
        self.timeout = timeout
        self.session = GuardedSession()
        self.session.verify = True  # never switched off: TLS protects the account credential
        # The environment is read here, once and selectively, instead of by requests on every call:
        # trust_env would also apply ~/.netrc (replacing our Authorization header) and CA variables.
        self.session.trust_env = False
        self._verify = trusted_ca_bundle()
        self._proxies = environment_proxies(base_url)
        adapter = NoProxyForLoopback(max_retries=retry_policy(), pool_maxsize=8)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers.update(
            {
                "User-Agent": user_agent,
                "Accept": "application/json",
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
            }
        )
        # Renews New API v1.0's short-lived access token (``bearer.BearerSession``); None for the others.
        self.refresher: Refresher | None = None
        # Counts real HTTP round trips (retries included are not visible here); tests and benchmarks read it.
        self.request_count = 0
        self._count_lock = threading.Lock()  # pages are fetched by several threads at once

    @property
    def host(self) -> str:
        return self.base_url.split("://", 1)[-1]

    @property
    def verify(self) -> str | bool:
        """The ``verify=`` every request is sent with (True or a CA file), whatever ``session.verify`` says."""
        return self._verify

    def set_header(self, name: str, value: str | None) -> None:
        if value is None:
            self.session.headers.pop(name, None)
        else:
            if name.lower() == "authorization":
                self._on_secret(value)
                self._on_secret(value.split(" ", 1)[-1])  # the bare token after "Bearer "
            self.session.headers[name] = value

    def reset_auth(self) -> None:
        self.session.cookies.clear()
        for name in ("Authorization", "New-Api-User"):
            self.session.headers.pop(name, None)

    def take_cookie(self, name: str) -> str | None:
        """Remove the cookie ``name`` from the jar and return its value (None if absent or cleared).

        New API v1.0's refresh cookie is kept by ``bearer.BearerSession`` and sent by hand: the jar
        would replay whatever it last saw, and a stale refresh cookie sent late revokes the session.
        """
        value: str | None = None
        for cookie in list(self.session.cookies):
            if cookie.name == name:
                if cookie.value:
                    value = cookie.value
                    self._on_secret(cookie.value)
                self.session.cookies.clear(cookie.domain, cookie.path, cookie.name)
        return value

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
        max_bytes: int | None = None,
        headers: dict[str, str] | None = None,
        refreshable: bool = True,
    ) -> dict[str, Any]:
        """Send one request and return the decoded envelope (``success`` is already known to be true).

        ``raw_404`` makes a 404 raise ``ApiError`` with status 404 instead of a server error, for
        callers probing an endpoint that older servers lack. ``max_bytes`` raises the size cap of this
        answer above :data:`PAGE_MAX_BYTES` (never above :data:`MAX_BODY_BYTES`). ``headers`` are
        added to this request only.

        With a ``refresher`` (a New API v1.0 sign-in), a call first lets it renew an access token about
        to expire, and a call refused with ``AUTH_TOKEN_EXPIRED`` is renewed and sent once more: the
        server refused it before doing anything, so even a POST is safe to repeat. ``refreshable=False``
        is for the sign-in and refresh calls themselves.
        """
        refresher = self.refresher if refreshable else None
        if refresher is None:
            return self._call_once(method, path, params, json_body, raw_404, max_bytes, headers)
        generation = refresher.before_call()
        try:
            return self._call_once(method, path, params, json_body, raw_404, max_bytes, headers)
        except AuthError as exc:
            if exc.code != AuthCode.TOKEN_EXPIRED.value:
                raise
        refresher.refresh(generation)
        return self._call_once(method, path, params, json_body, raw_404, max_bytes, headers)

    def _call_once(self, method: str, path: str, params: dict[str, Any] | None, json_body: Any, raw_404: bool,
                   max_bytes: int | None, headers: dict[str, str] | None) -> dict[str, Any]:
        limit = _answer_limit(max_bytes)
        response = self._send(method, path, params, json_body, headers)
        try:
            log.debug("%s %s -> %s", method, path, response.status_code)
            return self._decode(response, raw_404=raw_404, limit=limit)
        finally:
            response.close()

    def fetch_file(self, path: str, *, limit: int) -> tuple[int, bytes]:
        """GET a file that is not an API answer (the site's icon): its status and at most ``limit`` bytes.

        The same rules as every call (TLS, no redirect elsewhere, the size cap); raises as a call does.
        """
        response = self._send("GET", path, None, None, None)
        try:
            log.debug("GET %s -> %s", path, response.status_code)
            return response.status_code, bytes(self._read_body(response, limit))
        finally:
            response.close()

    def _send(self, method: str, path: str, params: dict[str, Any] | None, json_body: Any,
              headers: dict[str, str] | None) -> requests.Response:
        """One request sent, its answer's body not read yet; failures in the user's words."""
        if isinstance(json_body, dict):
            for field in _CREDENTIAL_FIELDS:
                value = json_body.get(field)
                if isinstance(value, str):
                    self._on_secret(value)  # no pattern can tell a short password from a word
        url = self.base_url + path
        with self._count_lock:
            self.request_count += 1
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json_body,
                headers=headers,
                timeout=self.timeout,
                verify=self._verify,  # per request, so that nothing set on the session can weaken it
                proxies=self._proxies,
                stream=True,  # the body is read below, with a size limit
            )
        except RedirectRefused as exc:
            raise ServerError(
                f"{self.host} redirected the request to {exc.target}, which is not the same secure site. "
                "If that is the site's real address, sign in with that address instead.",
                kind=ErrorKind.REDIRECT_REFUSED, params={"host": self.host, "target": exc.target},
            ) from None
        except requests.exceptions.RequestException as exc:
            raise self._network_error(exc) from None
        except (OSError, ValueError, urllib3.exceptions.HTTPError) as exc:
            # What requests does not wrap (an unreadable CA file, a header value it rejects): nothing was sent.
            raise ConnectFailed(f"The request to {self.host} could not be sent ({type(exc).__name__}).",
                                kind=ErrorKind.NOT_SENT,
                                params={"host": self.host, "detail": type(exc).__name__}) from None
        if "Set-Cookie" in response.headers:
            for cookie in list(self.session.cookies):
                self._on_secret(cookie.value)  # the session cookie signs in as the user too
        return response

    def _network_error(self, exc: requests.exceptions.RequestException) -> NetworkError:
        """Map a requests failure to the user's words, and say whether the request reached the server."""
        if isinstance(exc, requests.exceptions.SSLError):
            return ConnectFailed(
                f"The secure connection to {self.host} could not be verified (TLS certificate problem). "
                "Check the address, your clock and any proxy in between.",
                kind=ErrorKind.TLS_FAILED, params={"host": self.host},
            )
        if isinstance(exc, requests.exceptions.ProxyError):
            return ConnectFailed(f"The proxy in front of {self.host} refused the connection. Check the proxy settings.",
                                 kind=ErrorKind.PROXY_REFUSED, params={"host": self.host})
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return self._connect_timeout()
        if isinstance(exc, requests.exceptions.Timeout):
            return self._timeout_error()
        if isinstance(exc, requests.exceptions.ConnectionError):
            reason = _reason_of(exc)
            if isinstance(reason, urllib3.exceptions.NewConnectionError):  # refused, DNS: never sent
                return ConnectFailed(
                    f"Cannot reach {self.host}. Check your internet connection and the site address.",
                    kind=ErrorKind.CANNOT_REACH, params={"host": self.host},
                )
            if isinstance(reason, urllib3.exceptions.ConnectTimeoutError):
                return self._connect_timeout()
            if isinstance(reason, (urllib3.exceptions.TimeoutError, TimeoutError)):
                return self._timeout_error()  # a read timeout after the last retry arrives as a ConnectionError
            return NetworkError(
                f"The connection to {self.host} broke before the answer arrived. "
                "Refresh to see whether the change was made before trying again.",
                kind=ErrorKind.CONNECTION_BROKEN, params={"host": self.host},
            )
        if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
            return self._broken_answer()
        if isinstance(exc, requests.exceptions.RetryError):
            return RateLimitError(
                f"{self.host} is refusing requests for now (too many requests). Wait a minute and retry.",
                kind=ErrorKind.RATE_LIMITED, params={"host": self.host},
            )
        if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidHeader,
                            requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)):
            return ConnectFailed(f"The request to {self.host} could not be sent ({type(exc).__name__}).",
                                 kind=ErrorKind.NOT_SENT, params={"host": self.host, "detail": type(exc).__name__})
        return NetworkError(f"The request to {self.host} failed ({type(exc).__name__}).",
                            kind=ErrorKind.REQUEST_FAILED, params={"host": self.host, "detail": type(exc).__name__})

    def _connect_timeout(self) -> ConnectFailed:
        return ConnectFailed(
            f"Could not connect to {self.host} within {self.timeout:g} s. "
            "Check your internet connection and the site address.",
            kind=ErrorKind.CONNECT_TIMEOUT, params={"host": self.host, "seconds": self.timeout},
        )

    def _broken_answer(self) -> NetworkError:
        return NetworkError(
            f"The connection to {self.host} broke in the middle of the answer. "
            "Refresh to see whether the change was made before trying again.",
            kind=ErrorKind.ANSWER_BROKEN, params={"host": self.host},
        )

    def _timeout_error(self) -> NetworkError:
        return NetworkError(
            f"{self.host} did not answer within {self.timeout:g} s. The site may be busy; try again.",
            kind=ErrorKind.TIMEOUT, params={"host": self.host, "seconds": self.timeout},
        )

    def _read_body(self, response: requests.Response, limit: int) -> bytearray:
        """The whole answer, or ``ServerError`` past ``limit`` bytes (a broken or hostile server).

        A bytearray grows in place: no list of chunks joined at the end, so the peak is the body once.
        """
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(limit)
        body = bytearray()
        try:
            for chunk in response.iter_content(chunk_size=256 * 1024):
                if len(body) + len(chunk) > limit:
                    raise self._too_large(limit)
                body += chunk
        except requests.exceptions.RequestException as exc:
            raise self._network_error(exc) from None
        except (OSError, urllib3.exceptions.HTTPError):
            raise self._broken_answer() from None
        return body

    def _too_large(self, limit: int) -> ServerError:
        return ServerError(
            f"{self.host} sent an answer larger than {_size_text(limit)}, which no token page or list is. "
            "Is this the address of a One API / New API site?",
            kind=ErrorKind.ANSWER_TOO_LARGE, params={"host": self.host, "size": limit},
        )

    def _check_density(self, body: bytearray) -> None:
        """Refuse a flood of objects and arrays before ``json.loads`` makes each a Python container."""
        containers = body.count(b"{") + body.count(b"[")
        if containers > _SPARE_CONTAINERS + len(body) // _BYTES_PER_CONTAINER:
            raise ServerError(
                f"{self.host} sent {containers:,} objects in {_size_text(len(body))}, far more than a token "
                "list has (each token takes hundreds of bytes). Is this the address of a One API / New API site?",
                kind=ErrorKind.ANSWER_TOO_DENSE, params={"host": self.host, "count": containers, "size": len(body)},
            )

    def _decode(self, response: requests.Response, *, raw_404: bool, limit: int | None = None) -> dict[str, Any]:
        status = response.status_code
        body = self._read_body(response, _answer_limit(None) if limit is None else limit)
        self._check_density(body)
        envelope = _parse_envelope(body)
        server_message = _message_of(envelope)
        code = _code_of(envelope)

        if status == 429:
            retry_after = _retry_after_seconds(response)
            known = retry_after is not None and retry_after >= 1
            wait = f"wait {_wait_text(retry_after)}" if known and retry_after is not None else "wait a little"
            raise RateLimitError(
                f"{self.host} says too many requests; {wait} and try again.",
                retry_after=retry_after,
                status_code=status,
                server_message=server_message,
                kind=ErrorKind.RATE_LIMITED, params={"host": self.host},
            )
        if status in (401, 403):
            raise AuthError(
                _auth_text(server_message, self.host), status_code=status, server_message=server_message,
                kind=ErrorKind.AUTH_REFUSED, params={"host": self.host}, code=code,
            )
        if status == 404 and raw_404:
            raise ApiError("Not supported by this server.", status_code=status, server_message=server_message,
                           kind=ErrorKind.NOT_SUPPORTED, params={"host": self.host})
        if status in _GATEWAY_STATUSES:
            raise ServerError(
                f"{self.host} is temporarily unavailable (HTTP {status} {_GATEWAY_STATUSES[status]}"
                + (f": {server_message}" if server_message else "")
                + "). Try again in a minute.",
                status_code=status,
                server_message=server_message,
                kind=ErrorKind.SERVER_UNAVAILABLE, params={"host": self.host, "status": status},
            )
        if status >= 500:
            raise ServerError(
                f"{self.host} had an internal error (HTTP {status}"
                + (f": {server_message}" if server_message else "")
                + "). Try again later.",
                status_code=status,
                server_message=server_message,
                kind=ErrorKind.SERVER_FAILED, params={"host": self.host, "status": status},
            )
        if envelope is None:
            kind = "a web page" if _looks_like_html(body) else "something that is not valid JSON"
            raise ServerError(
                f"{self.host} answered with {kind} instead of its API (HTTP {status}). "
                "Is this the address of a One API / New API site?",
                status_code=status,
                kind=ErrorKind.WEB_PAGE_ANSWER if _looks_like_html(body) else ErrorKind.NOT_JSON_ANSWER,
                params={"host": self.host, "status": status},
            )
        if status >= 400:
            raise ApiError(
                server_message or f"{self.host} refused the request (HTTP {status}).",
                status_code=status,
                server_message=server_message,
                kind=ErrorKind.REFUSED, params={"host": self.host, "status": status}, code=code,
            )
        if envelope.get("success") is not True:
            if server_message and any(marker in server_message for marker in _AUTH_MESSAGES):
                raise AuthError(_auth_text(server_message, self.host), status_code=status,
                                server_message=server_message, kind=ErrorKind.AUTH_REFUSED,
                                params={"host": self.host}, code=_code_of(envelope))
            raise ApiError(
                server_message or "The server refused the request without saying why.",
                status_code=status,
                server_message=server_message,
                kind=ErrorKind.REFUSED, params={"host": self.host},
            )
        return envelope


def _reason_of(exc: requests.exceptions.ConnectionError) -> object:
    first = exc.args[0] if exc.args else None
    return getattr(first, "reason", first)


def _answer_limit(max_bytes: int | None) -> int:
    """The cap of one answer: the page cap unless the caller asks for more, and never above the maximum."""
    return min(PAGE_MAX_BYTES if max_bytes is None else max_bytes, MAX_BODY_BYTES)


def _parse_envelope(body: bytes | bytearray) -> dict[str, Any] | None:
    if not body:
        return None
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[[[[…" thousands deep
        return None
    if not isinstance(value, dict) or "success" not in value:
        return None
    return value


def _retry_after_seconds(response: requests.Response) -> float | None:
    """Retry-After in seconds, from either of its forms (seconds, or an HTTP date); None if unreadable."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if moment is None or moment.tzinfo is None:
            return None
        seconds = (moment - datetime.now(timezone.utc)).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), 24 * 3600.0)


def _wait_text(seconds: float) -> str:
    """``45 s`` below 90 seconds, else whole minutes (New API's limiter says ``Retry-After: 1200``)."""
    return f"{math.ceil(seconds)} s" if seconds < 90 else f"{math.ceil(seconds / 60)} min"


def _looks_like_html(body: bytes | bytearray) -> bool:
    head = body[:200].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body")) or b"<html" in head


def _ignore_secret(_value: str) -> None:
    """The default ``on_secret``: a library user who keeps no log has nothing to scrub."""
