"""Reads what the relay routes answer a key: model lists, refusals, billing, per-key usage, prices.

Like ``parse``: forgiving (a missing field takes a harmless default) and never raising anything but
``ServerError`` for an answer that is not what the route gives. The shapes are those recorded in
``shared/fixtures/*/usage/`` (contract §2.10) and openkey.cloud's documented ``/v2/token/balance``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openkey_gui.api.errors import ErrorKind, ServerError
from openkey_gui.api.parse import as_bool, as_int, as_str, as_time

# The relays append " (request id: …)" to every message: noise for the user, and it differs each time.
_REQUEST_ID = re.compile(r"\s*\(request id: [^)]*\)\s*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MAX_MESSAGE = 300
UNLIMITED_USD = 100_000_000  # what the billing routes say for an unlimited token


@dataclass(frozen=True)
class RelayError:
    """A relay's ``{"error": {message, type, code}}`` (or a management ``{success:false, message}``)."""

    message: str
    type: str = ""
    code: str = ""


@dataclass(frozen=True)
class ModelList:
    names: tuple[str, ...]
    # New API lists ``supported_endpoint_types`` and ``success``; One API neither (its relay has no /v1/messages).
    new_api_shape: bool = False


@dataclass(frozen=True)
class KeyUsage:
    """A key's own balance in quota units (``/api/usage/token/``) or US dollars (billing, openkey.cloud)."""

    source: str
    unlimited: bool
    used: float
    granted: float | None = None  # None when unlimited or unknown
    available: float | None = None
    in_quota_units: bool = False
    expires_at: datetime | None = None
    name: str = ""
    models: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelPrice:
    """A model's price as New API's ``/api/pricing`` gives it: ratios, or a fixed price per call."""

    name: str
    model_ratio: float
    completion_ratio: float
    fixed_price: float | None
    groups: tuple[str, ...] = ()


def clean_message(value: Any) -> str:
    text = _REQUEST_ID.sub("", as_str(value))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def parse_relay_error(body: Any) -> RelayError | None:
    """The refusal in a relay answer, or ``None`` when the body is not one."""
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    if isinstance(error, dict):
        return RelayError(clean_message(error.get("message")), as_str(error.get("type")), as_str(error.get("code")))
    if isinstance(error, str):
        return RelayError(clean_message(error))
    if body.get("success") is False or body.get("code") is False:
        return RelayError(clean_message(body.get("message")))
    return None


def parse_model_list(body: Any) -> ModelList:
    """``GET /v1/models``: ``{"object": "list", "data": [{"id": …}, …]}``."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise ServerError("The site's model list is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "model list"})
    names: list[str] = []
    new_api = "success" in body
    for item in body["data"]:
        if isinstance(item, dict) and as_str(item.get("id")):
            names.append(as_str(item.get("id")))
            new_api = new_api or "supported_endpoint_types" in item
    return ModelList(tuple(dict.fromkeys(names)), new_api_shape=new_api)


def parse_billing(subscription: Any, usage: Any) -> KeyUsage:
    """The OpenAI-style pair: the limit in dollars and the usage in cents (contract §2.10)."""
    if not isinstance(subscription, dict) or not isinstance(usage, dict):
        raise ServerError("The site's billing answer is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "billing"})
    limit = _number(subscription.get("hard_limit_usd"))
    used = _number(usage.get("total_usage")) / 100
    unlimited = limit >= UNLIMITED_USD
    until = as_int(subscription.get("access_until"))
    return KeyUsage(
        source="billing", unlimited=unlimited, used=used,
        granted=None if unlimited else limit, available=None if unlimited else limit - used,
        expires_at=as_time(until) if until > 0 else None,
    )


def parse_token_usage(body: Any) -> KeyUsage:
    """New API's ``GET /api/usage/token/``: ``{code: true, data: {total_granted, total_used, …}}``."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise ServerError("The site's usage answer for this key is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "key usage"})
    unlimited = as_bool(data.get("unlimited_quota"))
    limits = data.get("model_limits")
    models = tuple(sorted(str(m) for m in limits)) if isinstance(limits, dict) and as_bool(
        data.get("model_limits_enabled")) else ()
    return KeyUsage(
        source="usage_token", unlimited=unlimited, used=float(as_int(data.get("total_used"))),
        granted=None if unlimited else float(as_int(data.get("total_granted"))),
        available=None if unlimited else float(as_int(data.get("total_available"))),
        in_quota_units=True, expires_at=as_time(data.get("expires_at")), name=as_str(data.get("name")),
        models=models,
    )


def parse_openkey_balance(body: Any) -> KeyUsage:
    """openkey.cloud's ``/v2/token/balance``: ``{type, balance: {remained_cash, used_cash, currency}}``."""
    balance = body.get("balance") if isinstance(body, dict) else None
    if not isinstance(balance, dict):
        raise ServerError("The site's balance answer is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "balance"})
    remained = _number(balance.get("remained_cash"))
    used = _number(balance.get("used_cash"))
    return KeyUsage(source="openkey_balance", unlimited=False, used=used, granted=remained + used,
                    available=remained)


def parse_pricing(body: Any) -> list[ModelPrice]:
    """New API's ``GET /api/pricing``: ``{success, data: [{model_name, model_ratio, …}], group_ratio}``."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        raise ServerError("The site's price list is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "prices"})
    prices = []
    for item in data:
        if not isinstance(item, dict) or not as_str(item.get("model_name")):
            continue
        fixed = as_int(item.get("quota_type")) == 1
        groups = item.get("enable_groups")
        prices.append(ModelPrice(
            name=as_str(item.get("model_name")),
            model_ratio=_number(item.get("model_ratio")),
            completion_ratio=_number(item.get("completion_ratio"), 1.0),
            fixed_price=_number(item.get("model_price")) if fixed else None,
            groups=tuple(as_str(g) for g in groups if as_str(g)) if isinstance(groups, list) else (),
        ))
    return prices


def parse_chat_answer(body: Any) -> int:
    """A chat completion's completion tokens (0 when not said): the proof the one-model try ran.

    A streamed answer (``text/event-stream``: ``data: {chunk}`` lines, the usage in the last chunk)
    is read too, although the try itself never asks for one.
    """
    if isinstance(body, str):
        return _streamed_tokens(body)
    if not isinstance(body, dict) or not isinstance(body.get("choices"), list):
        raise ServerError("The site's chat answer is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "chat answer"})
    usage = body.get("usage")
    return as_int(usage.get("completion_tokens")) if isinstance(usage, dict) else 0


def _streamed_tokens(text: str) -> int:
    tokens, chunks = 0, 0
    for line in text.splitlines():
        payload = line.removeprefix("data:").strip() if line.startswith("data:") else ""
        if not payload or payload == "[DONE]":
            continue
        try:
            chunk = json.loads(payload)
        except ValueError:
            continue
        chunks += 1
        usage = chunk.get("usage") if isinstance(chunk, dict) else None
        if isinstance(usage, dict):
            tokens = as_int(usage.get("completion_tokens"))
    if not chunks:
        raise ServerError("The site's chat answer is unreadable.",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": "chat answer"})
    return tokens


def _number(value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool):
        return default
    if isinstance(value, (int, float)) and value == value and abs(value) < 1e15:
        return float(value)
    return default
