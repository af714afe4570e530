"""What a connection to a site may do: verified TLS, no proxy for this machine, redirects that stay.

Split from ``transport`` so that the policy reads on its own: ``requests`` would follow a redirect to
another origin (re-sending cookies and auth headers), apply ``HTTP_PROXY`` to 127.0.0.1 and let the
environment switch TLS verification off. Each class here closes one of those doors.
"""

from __future__ import annotations

import logging
import os
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies
from urllib3.util.retry import Retry

from openkey_gui.api.urls import is_loopback_host

_MAX_RETRY_AFTER = 10.0

log = logging.getLogger(__name__)


class RedirectRefused(requests.exceptions.RequestException):
    """A redirect that would leave the site or drop TLS; raised before the redirected request is sent."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class GuardedSession(requests.Session):
    """A ``Session`` that refuses redirects to another origin or to plain http.

    ``requests`` would follow them and re-send cookies, the ``New-Api-User`` header and, for 307/308, a
    request body that can hold the password. ``rebuild_auth`` runs for every hop before it is sent.
    """

    def rebuild_auth(self, prepared_request: Any, response: Any) -> None:
        source = urlsplit(response.request.url if response.request is not None else "")
        target = urlsplit(prepared_request.url or "")
        if not _same_origin(source, target):
            origin = f"{target.scheme}://{target.netloc}" if target.netloc else str(prepared_request.url)
            raise RedirectRefused(origin[:200])
        super().rebuild_auth(prepared_request, response)


class NoProxyForLoopback(HTTPAdapter):
    """Connects to this machine directly, whatever proxies the environment, the session or a redirect name.

    A plain-http loopback site (the demo, a self-hosted server) gets the password in clear text: handed
    to ``HTTP_PROXY`` it would cross the network after all. This is the last step before a connection
    is chosen, so no ``proxies=`` from anywhere above can route such a request.
    """

    def send(self, request: Any, stream: bool = False, timeout: Any = None, verify: Any = True,
             cert: Any = None, proxies: Any = None) -> Any:
        if is_loopback_url(request.url or ""):
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


def retry_policy() -> Retry:
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


def is_loopback_url(url: str) -> bool:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return False
    return bool(host) and is_loopback_host(host)


def environment_proxies(url: str) -> dict[str, str]:
    """``HTTPS_PROXY`` / ``NO_PROXY`` and friends, as requests' ``trust_env`` would have applied them.

    Never for this machine: requests applies the proxy to 127.0.0.1 unless ``NO_PROXY`` lists it.
    """
    if is_loopback_url(url):
        return {}
    try:
        return dict(get_environ_proxies(url, no_proxy=None))
    except Exception:  # a malformed proxy variable must not stop the app from starting
        log.warning("ignoring the proxy environment variables: they could not be read")
        return {}
