"""HTTP with a token's own key: the relay routes a key test, a balance read and a one-model try use.

It is ``Transport`` with the same guards (TLS always verified, no proxy for this machine, no redirect off
the site, a size cap on the answer) but its own session: the key must never travel with the user's
sign-in (cookie, access token, ``New-Api-User``), and the sign-in must never travel with the key. Two
things differ on purpose. Nothing is retried: a refused key asked again is refused again, openkey.cloud
bans addresses that send many invalid requests (contract §0.1), and a repeated chat would be charged
twice. And the answer is handed back raw (status, JSON or nothing, timings): a refusal here is the
result the user asked for, not an error, and the relays' bodies are not the management envelope.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
import urllib3

from openkey_gui.api.connection import NoProxyForLoopback, RedirectRefused
from openkey_gui.api.errors import ErrorKind, ServerError
from openkey_gui.api.models import with_prefix
from openkey_gui.api.transport import DEFAULT_USER_AGENT, ConnectFailed, Transport

log = logging.getLogger(__name__)

# A model list of a big site is tens of KB; a relay refusal is a few hundred bytes.
KEY_ANSWER_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class KeyAnswer:
    """One relay answer as it came: ``body`` is the decoded JSON, or ``None`` when there was none."""

    status: int
    body: Any
    # From sending the request to the first byte of the answer, and to its last byte, in milliseconds.
    first_byte_ms: float
    total_ms: float
    retry_after: str = ""


class KeyTransport(Transport):
    """Sends one request with ``Authorization: Bearer sk-…`` and returns whatever the site answered."""

    def __init__(self, base_url: str, timeout: float, *, user_agent: str = DEFAULT_USER_AGENT,
                 on_secret: Callable[[str], None] | None = None) -> None:
        super().__init__(base_url, timeout, user_agent=user_agent, on_secret=on_secret)
        adapter = NoProxyForLoopback(max_retries=0, pool_maxsize=2)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers.pop("Accept-Language", None)  # the relays' words are matched, not shown raw

    def exchange(self, method: str, path: str, key: str, *, json_body: Any = None,
                 params: dict[str, str] | None = None) -> KeyAnswer:
        """One request, never repeated; a failure to reach the site raises ``NetworkError``."""
        full = with_prefix(key.strip())
        self._on_secret(full)
        self._on_secret(full[3:])
        headers = {"Authorization": f"Bearer {full}"}
        with self._count_lock:
            self.request_count += 1
        started = time.perf_counter()
        try:
            response = self.session.request(
                method, self.base_url + path, params=params, json=json_body, headers=headers,
                timeout=self.timeout, verify=self.verify, proxies=self._proxies, stream=True,
                allow_redirects=False,  # a relay never redirects; a redirect here is no answer to trust
            )
        except RedirectRefused as exc:
            raise ServerError(f"{self.host} redirected the request to {exc.target}.", kind=ErrorKind.REDIRECT_REFUSED,
                              params={"host": self.host, "target": exc.target}) from None
        except requests.exceptions.RequestException as exc:
            raise self._network_error(exc) from None
        except (OSError, ValueError, urllib3.exceptions.HTTPError) as exc:
            raise ConnectFailed(f"The request to {self.host} could not be sent ({type(exc).__name__}).",
                                kind=ErrorKind.NOT_SENT,
                                params={"host": self.host, "detail": type(exc).__name__}) from None
        first_byte = time.perf_counter()
        try:
            body = self._read_body(response, KEY_ANSWER_MAX_BYTES)
        finally:
            response.close()
        done = time.perf_counter()
        log.debug("relay call %s %s -> %s", method, path, response.status_code)
        return KeyAnswer(
            status=response.status_code,
            body=_json_or_none(body),
            first_byte_ms=(first_byte - started) * 1000,
            total_ms=(done - started) * 1000,
            retry_after=response.headers.get("Retry-After", "")[:20],
        )


def _json_or_none(body: bytes | bytearray) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
