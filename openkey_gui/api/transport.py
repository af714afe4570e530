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
import os
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies
from urllib3.util.retry import Retry

from openkey_gui.api.errors import (
    ApiError,
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
from openkey_gui.api.urls import is_loopback_host

# The app names its version (``session.APP_USER_AGENT``); a script using the library sends this.
DEFAULT_USER_AGENT = "OpenKeyDesktop"

log = logging.getLogger(__name__)

# Body fields whose values are the account's credential: scrubbed from the logs by value once sent.
_CREDENTIAL_FIELDS = ("password", "new_password", "original_password", "access_token", "token")
# Servers say "not allowed" in these words (contract §5); on One API a wrong access token is HTTP 200.
_AUTH_MESSAGES = ("无权进行此操作", "未登录", "access token 无效", "用户已被封禁", "Unauthorized")
_MAX_RETRY_AFTER = 10.0
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


class _RedirectRefused(requests.exceptions.RequestException):
    """A redirect that would leave the site or drop TLS; raised before the redirected request is sent."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class _GuardedSession(requests.Session):
    """A ``Session`` that refuses redirects to another origin or to plain http.

    ``requests`` would follow them and re-send cookies, the ``New-Api-User`` header and, for 307/308, a
    request body that can hold the password. ``rebuild_auth`` runs for every hop before it is sent.
    """

    def rebuild_auth(self, prepared_request: Any, response: Any) -> None:
        source = urlsplit(response.request.url if response.request is not None else "")
        target = urlsplit(prepared_request.url or "")
        if not _same_origin(source, target):
            origin = f"{target.scheme}://{target.netloc}" if target.netloc else str(prepared_request.url)
            raise _RedirectRefused(origin[:200])
        super().rebuild_auth(prepared_request, response)


class _NoProxyForLoopback(HTTPAdapter):
    """Connects to this machine directly, whatever proxies the environment, the session or a redirect name.

    A plain-http loopback site (the demo, a self-hosted server) gets the password in clear text: handed
    to ``HTTP_PROXY`` it would cross the network after all. This is the last step before a connection
    is chosen, so no ``proxies=`` from anywhere above can route such a request.
    """

    def send(self, request: Any, stream: bool = False, timeout: Any = None, verify: Any = True,
             cert: Any = None, proxies: Any = None) -> Any:
        if _is_loopback_url(request.url or ""):
            proxies = {}
            request.headers.pop("Proxy-Authorization", None)  # a proxy's password is not the site's business
        return super().send(request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies)


class _CappedRetry(Retry):
    """urllib3 would sleep as long as Retry-After says; a worker thread stuck for minutes helps nobody."""

    def get_retry_after(self, response: Any) -> float | None:
        try:
            value = super().get_retry_after(response)
        except Exception:  # a garbled header (urllib3 raises InvalidHeader): retry on the back-off instead
            return None
        return None if value is None else min(max(value, 0.0), _MAX_RETRY_AFTER)


def _retry_policy() -> Retry:
    """Retries for idempotent GETs only: a repeated POST could create a second token."""
    return _CappedRetry(
        total=3,
        connect=2,
        read=1,
        status=2,
        other=0,  # e.g. a certificate that does not verify: asking again cannot change the answer
        backoff_factor=0.4,
        backoff_max=4.0,
        status_forcelist=(429, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def trusted_ca_bundle() -> str | bool:
    """What ``verify=`` gets: True (the bundled CAs) or a CA file the user pointed to; never False.

    ``REQUESTS_CA_BUNDLE`` / ``CURL_CA_BUNDLE`` / ``SSL_CERT_FILE`` are honoured only when they name an
    existing file (a company proxy's CA). Empty or missing paths are ignored instead of being passed on,
    where requests would either fail with an ``OSError`` or, in older versions, skip verification.
    """
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
        path = os.environ.get(name, "").strip()
        if path and os.path.isfile(path):
            return path
    return True


class Transport:
    """A ``requests.Session`` bound to one site, with the headers and cookies of the signed-in user."""

    def __init__(self, base_url: str, timeout: float, *, user_agent: str = DEFAULT_USER_AGENT,
                 on_secret: Callable[[str], None] | None = None) -> None:
        self.base_url = base_url
        # Told every credential this transport sends or receives (password, bearer value, cookie), so the
        # app's log can scrub each by its exact value; a script using the library may pass nothing.
        self._on_secret = on_secret or _ignore_secret
        self.timeout = timeout
        self.session = _GuardedSession()
        self.session.verify = True  # never switched off: TLS protects the account credential
        # The environment is read here, once and selectively, instead of by requests on every call:
        # trust_env would also apply ~/.netrc (replacing our Authorization header) and CA variables.
        self.session.trust_env = False
        self._verify = trusted_ca_bundle()
        self._proxies = _environment_proxies(base_url)
        adapter = _NoProxyForLoopback(max_retries=_retry_policy(), pool_maxsize=8)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers.update(
            {
                "User-Agent": user_agent,
                "Accept": "application/json",
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
            }
        )
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
    ) -> dict[str, Any]:
        """Send one request and return the decoded envelope (``success`` is already known to be true).

        ``raw_404`` makes a 404 raise ``ApiError`` with status 404 instead of a server error, for
        callers probing an endpoint that older servers lack. ``max_bytes`` raises the size cap of this
        answer above :data:`PAGE_MAX_BYTES` (never above :data:`MAX_BODY_BYTES`).
        """
        limit = _answer_limit(max_bytes)
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
                timeout=self.timeout,
                verify=self._verify,  # per request, so that nothing set on the session can weaken it
                proxies=self._proxies,
                stream=True,  # the body is read below, with a size limit
            )
        except _RedirectRefused as exc:
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
        try:
            log.debug("%s %s -> %s", method, path, response.status_code)
            return self._decode(response, raw_404=raw_404, limit=limit)
        finally:
            response.close()

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

        if status == 429:
            retry_after = _retry_after_seconds(response)
            wait = (f"wait {math.ceil(retry_after)} s" if retry_after is not None and retry_after >= 1
                    else "wait a little")
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
                kind=ErrorKind.AUTH_REFUSED, params={"host": self.host}, code=_code_of(envelope),
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
                kind=ErrorKind.REFUSED, params={"host": self.host, "status": status},
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


def _same_origin(source: Any, target: Any) -> bool:
    """Same scheme, host and port, or the same host moving from http to https (an upgrade is fine)."""
    if not target.hostname or target.scheme not in ("http", "https"):
        return False
    if target.scheme == "http" and not is_loopback_host(target.hostname):
        return False
    same_host = (source.hostname or "").lower() == target.hostname.lower()
    if source.scheme == target.scheme:
        return same_host and _port_of(source) == _port_of(target)
    return same_host and source.scheme == "http" and target.scheme == "https"


def _port_of(parts: Any) -> int | None:
    try:
        return parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None


def _is_loopback_url(url: str) -> bool:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    return bool(host) and is_loopback_host(host)


def _environment_proxies(url: str) -> dict[str, str]:
    """``HTTPS_PROXY`` / ``NO_PROXY`` and friends, as requests' ``trust_env`` would have applied them.

    Never for this machine: requests applies the proxy to 127.0.0.1 unless ``NO_PROXY`` lists it.
    """
    if _is_loopback_url(url):
        return {}
    try:
        return dict(get_environ_proxies(url, no_proxy=None))
    except Exception:  # a malformed proxy variable must not stop the app from starting
        log.warning("ignoring the proxy environment variables: they could not be read")
        return {}


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


def _looks_like_html(body: bytes | bytearray) -> bool:
    head = body[:200].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body")) or b"<html" in head


def _ignore_secret(_value: str) -> None:
    """The default ``on_secret``: a library user who keeps no log has nothing to scrub."""
