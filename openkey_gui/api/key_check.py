"""Does this key work, what may it do, and how much is left on it: asked of the site with the key itself.

``KeyChecker.check`` is one free ``GET /v1/models`` (a model list costs no quota); ``balance`` reads the
routes the key opens on its own (§2.10); ``try_model`` is the only call that costs anything, one
completion token, and runs only when the user asked for it. No call is repeated by itself.

Every refusal becomes a :class:`KeyProblem`. One API and New API (classic) say why in their message;
New API after its 2026-07 rewrite answers every token-state refusal with 401 "Invalid token", so the
reason is then inferred from the token's own fields (status, expiry, quota) and marked as inferred.
"""

from __future__ import annotations

import enum
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from openkey_gui.api.errors import ApiError, ServerError
from openkey_gui.api.key_http import KeyAnswer, KeyTransport
from openkey_gui.api.key_parse import (
    KeyUsage,
    parse_billing,
    parse_chat_answer,
    parse_model_list,
    parse_openkey_balance,
    parse_relay_error,
    parse_token_usage,
)
from openkey_gui.api.models import Flavor, Token, TokenStatus
from openkey_gui.api.transport import DEFAULT_USER_AGENT

# openkey.cloud allows 60 calls per 60 s per key on /v1 and /v2 (contract §0.1, §5): a balance read
# is kept this long, and a key is never asked more than once per MIN_INTERVAL_S.
BALANCE_TTL_S = 60.0
MIN_INTERVAL_S = 2.0
OPENKEY_HOSTS = ("openkey.cloud",)


class KeyProblem(str, enum.Enum):
    """Why a key was refused, in the terms a user can act on."""

    EXPIRED = "expired"
    EXHAUSTED = "exhausted"
    DISABLED = "disabled"
    INVALID = "invalid"
    MODEL_NOT_ALLOWED = "model_not_allowed"
    IP_NOT_ALLOWED = "ip_not_allowed"
    RATE_LIMITED = "rate_limited"
    UNKNOWN = "unknown"


# Words of the relays' refusals (contract §3; fixtures */usage/), checked in this order.
_MARKERS: tuple[tuple[KeyProblem, tuple[str, ...]], ...] = (
    (KeyProblem.IP_NOT_ALLOWED, ("网段", "IP 不在", "ip not allowed", "not in the allowed")),
    (KeyProblem.MODEL_NOT_ALLOWED, ("无权使用模型", "no access to model", "not allowed to use model")),
    (KeyProblem.EXPIRED, ("已过期", "expired")),
    (KeyProblem.EXHAUSTED, ("额度已用尽", "exhausted", "quota is not enough", "insufficient")),
    (KeyProblem.DISABLED, ("状态不可用", "status is unavailable", "disabled")),
    (KeyProblem.INVALID, ("无效的令牌", "未提供令牌", "invalid token", "invalid api key", "incorrect api key")),
)


@dataclass(frozen=True)
class Refusal:
    problem: KeyProblem
    status: int
    server_message: str
    # True when the site hid the reason and it was worked out from the token's fields.
    inferred: bool = False


@dataclass(frozen=True)
class KeyCheck:
    """The outcome of a key test: either ``models`` (it works) or ``refusal``."""

    models: tuple[str, ...] = ()
    latency_ms: float = 0.0
    refusal: Refusal | None = None
    # The key may use only some of the site's models (its own allow-list).
    limited_to: tuple[str, ...] = ()
    # The site serves the Anthropic ``/v1/messages`` route (New API does, One API does not): Claude Code works.
    serves_messages: bool = False
    # …and the OpenAI Responses route ``/v1/responses`` that current Codex CLI needs.
    serves_responses: bool = False

    @property
    def ok(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class ModelTry:
    """What one 1-token request to ``model`` gave: HTTP status, timings, and the refusal if any."""

    model: str
    status: int
    first_byte_ms: float
    total_ms: float
    refusal: Refusal | None = None
    error_body: str = ""
    completion_tokens: int = 0

    @property
    def ok(self) -> bool:
        return self.refusal is None and 200 <= self.status < 300


def classify(answer: KeyAnswer, token: Token | None = None, *, now: datetime | None = None) -> Refusal:
    """The reason behind a refused answer, inferred from ``token`` when the site's words do not say."""
    error = parse_relay_error(answer.body)
    message = error.message if error else ""
    lowered = message.lower()
    if answer.status == 429:
        return Refusal(KeyProblem.RATE_LIMITED, 429, message)
    if error is not None and error.code == "access_denied":
        return Refusal(KeyProblem.IP_NOT_ALLOWED, answer.status, message)
    problem = next((p for p, words in _MARKERS if any(w.lower() in lowered for w in words)), None)
    if problem is KeyProblem.INVALID or (problem is None and answer.status == 401):
        inferred = _infer(token, now or datetime.now(timezone.utc))
        if inferred is not None:
            return Refusal(inferred, answer.status, message, inferred=True)
        return Refusal(KeyProblem.INVALID, answer.status, message)
    return Refusal(problem or KeyProblem.UNKNOWN, answer.status, message)


def _infer(token: Token | None, now: datetime) -> KeyProblem | None:
    """What the token's own fields say about a bare "Invalid token" (New API hides the detail)."""
    if token is None:
        return None
    state = token.status_at(now)
    return {TokenStatus.DISABLED: KeyProblem.DISABLED, TokenStatus.EXPIRED: KeyProblem.EXPIRED,
            TokenStatus.EXHAUSTED: KeyProblem.EXHAUSTED}.get(state)


def key_fingerprint(key: str) -> str:
    """A cache key that is not the key (caches may be dumped into a crash report)."""
    return hashlib.sha256(key.encode()).hexdigest()[:24]


class _BalanceCache:
    """Balances per key fingerprint, each kept ``BALANCE_TTL_S``; thread-safe."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._items: dict[str, tuple[float, KeyUsage]] = {}
        self._lock = threading.Lock()

    def get(self, fingerprint: str) -> KeyUsage | None:
        with self._lock:
            item = self._items.get(fingerprint)
            if item is None or self._clock() - item[0] > BALANCE_TTL_S:
                return None
            return item[1]

    def put(self, fingerprint: str, usage: KeyUsage) -> None:
        with self._lock:
            self._items[fingerprint] = (self._clock(), usage)


class KeyChecker:
    """One site's relay, asked with a token's key; independent of any sign-in."""

    def __init__(self, base_url: str, timeout: float = 15.0, *, flavor: Flavor | None = None,
                 user_agent: str = DEFAULT_USER_AGENT, on_secret: Callable[[str], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._http = KeyTransport(base_url, timeout, user_agent=user_agent, on_secret=on_secret)
        self.flavor = flavor
        self._clock = clock
        self._balances = _BalanceCache(clock)
        self._last_call: dict[str, float] = {}
        self._lock = threading.Lock()

    @property
    def request_count(self) -> int:
        return self._http.request_count

    @property
    def host(self) -> str:
        return self._http.host

    def close(self) -> None:
        self._http.close()

    def check(self, key: str, token: Token | None = None) -> KeyCheck:
        """``GET /v1/models`` with the key: its models and the round trip, or why it was refused."""
        self._pace(key)
        answer = self._http.exchange("GET", "/v1/models", key)
        if answer.status != 200:
            return KeyCheck(latency_ms=answer.total_ms, refusal=classify(answer, token))
        listed = parse_model_list(answer.body)
        limited = tuple(token.models) if token is not None and token.models else ()
        if listed.new_api_shape or self.flavor is Flavor.NEW_API:
            messages = responses = True  # New API's relay router has both (contract, relay routes)
        else:  # One API has neither, unless the site added them: ask, at no cost
            messages, responses = self._serves(key, "/v1/messages"), self._serves(key, "/v1/responses")
        return KeyCheck(models=listed.names, latency_ms=answer.total_ms, limited_to=limited,
                        serves_messages=messages, serves_responses=responses)

    def _serves(self, key: str, path: str) -> bool:
        """Whether the relay has ``path``: an empty POST is refused before any model runs, so it costs
        nothing; One API's NoRoute answers 404 "Invalid URL (POST …)" for a route it lacks."""
        try:
            answer = self._http.exchange("POST", path, key, json_body={})
        except ApiError:
            return False
        if answer.status != 404:
            return True
        refusal = parse_relay_error(answer.body)
        return not (refusal is not None and "Invalid URL" in refusal.message)

    def balance(self, key: str, *, refresh: bool = False) -> KeyUsage:
        """The key's own balance from the first route the site answers; cached for a minute."""
        fingerprint = key_fingerprint(key)
        cached = None if refresh else self._balances.get(fingerprint)
        if cached is not None:
            return cached
        usage = self._read_balance(key)
        self._balances.put(fingerprint, usage)
        return usage

    def try_model(self, key: str, model: str, token: Token | None = None) -> ModelTry:
        """One non-streamed completion of at most one token: costs a tiny amount; the user confirmed it."""
        self._pace(key)
        body = {"model": model, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1,
                "stream": False}
        answer = self._http.exchange("POST", "/v1/chat/completions", key, json_body=body)
        if 200 <= answer.status < 300:
            try:
                tokens = parse_chat_answer(answer.body)
            except ServerError:
                tokens = 0
            return ModelTry(model, answer.status, answer.first_byte_ms, answer.total_ms, completion_tokens=tokens)
        error = parse_relay_error(answer.body)
        return ModelTry(model, answer.status, answer.first_byte_ms, answer.total_ms,
                        refusal=classify(answer, token), error_body=error.message if error else "")

    # -- internals --------------------------------------------------------------------------------

    def _pace(self, key: str) -> None:
        """At most one call per key every ``MIN_INTERVAL_S``: a double click must not hammer the site."""
        fingerprint = key_fingerprint(key)
        with self._lock:
            wait = MIN_INTERVAL_S - (self._clock() - self._last_call.get(fingerprint, -MIN_INTERVAL_S))
            self._last_call[fingerprint] = self._clock() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def _read_balance(self, key: str) -> KeyUsage:
        """openkey.cloud's own route on its hosts, else the billing pair; New API's ``/api/usage/token/``
        only when billing refused the key (it also reads spent and expired keys, but shares the
        20-per-20-minutes budget of sign-ins and key reveals on New API 2026-08)."""
        routes: list[Callable[[str], KeyUsage | None]] = []
        if self.host.split(":")[0].endswith(OPENKEY_HOSTS):
            routes.append(self._openkey_balance)
        routes.append(self._billing)
        if self.flavor is not Flavor.ONE_API:
            routes.append(self._usage_token)
        last: Refusal | None = None
        for read in routes:
            try:
                usage = read(key)
            except _Refused as refused:
                last = refused.refusal
                if refused.refusal.status == 429:
                    break  # asking the next route would only add to the count
                continue
            if usage is not None:
                return usage
        raise KeyRefused(last or Refusal(KeyProblem.UNKNOWN, 0, ""))

    def _openkey_balance(self, key: str) -> KeyUsage | None:
        answer = self._http.exchange("GET", "/v2/token/balance", key)
        if answer.status == 404:
            return None
        self._raise_if_refused(answer)
        return parse_openkey_balance(answer.body)

    def _usage_token(self, key: str) -> KeyUsage | None:
        answer = self._http.exchange("GET", "/api/usage/token/", key)
        if answer.status == 404:
            return None
        self._raise_if_refused(answer)
        return parse_token_usage(answer.body)

    def _billing(self, key: str) -> KeyUsage | None:
        subscription = self._http.exchange("GET", "/v1/dashboard/billing/subscription", key)
        self._raise_if_refused(subscription)
        usage = self._http.exchange("GET", "/v1/dashboard/billing/usage", key)
        self._raise_if_refused(usage)
        return parse_billing(subscription.body, usage.body)

    @staticmethod
    def _raise_if_refused(answer: KeyAnswer) -> None:
        if answer.status != 200 or parse_relay_error(answer.body) is not None:
            raise _Refused(classify(answer))


class KeyRefused(ApiError):
    """No balance route answered this key; ``refusal`` says why the last one refused."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.server_message or "The site did not give this key's balance.",
                         status_code=refusal.status or None, server_message=refusal.server_message)
        self.refusal = refusal


class _Refused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.problem.value)
        self.refusal = refusal
