"""The routes a key itself opens: ``/v1/models``, a 1-token chat, the billing routes, ``/api/usage/token/``.

A client tests a key here, so every refusal must be the real servers' answer: the same HTTP status, the
same ``{"error": {...}}`` shape and the same words, in the servers' order of checks (contract §2.10, §3;
recorded in ``shared/fixtures/*/usage/``). One API (``model/token.go`` ValidateUserToken): a stored
exhausted / expired status first, then any status but enabled, then the expiry and the quota, which flip
the stored status lazily (the first refusal and the next one are worded differently); then the subnet
(403), and on a relay call the model allow-list (403). New API (classic) words them its own way; New API
after the 2026-07 rewrite collapses every token-state refusal into 401 "Invalid token" and keeps only the
IP and model refusals apart, so a client must infer the reason from the token's own fields.

Handlers get the ``DemoApi`` as ``api`` (``state``, ``flavor``, ``config``) without importing ``routes``,
which lists them.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import time
from collections.abc import Callable
from typing import Any

from openkey_gui.demo.flavors import ONE_API
from openkey_gui.demo.usage_log import LogEntry
from openkey_gui.demo.wire import Reply, Request, json_reply

TOKEN_STATUS_ENABLED = 1
TOKEN_STATUS_EXPIRED = 3
TOKEN_STATUS_EXHAUSTED = 4
UNLIMITED_USD = 100_000_000
# What a 1-token answer costs in the demo (a few quota units, as gpt-4o-mini costs on the recorded servers).
CHAT_COST = 6
MODEL_CREATED = 1626777600

OA_NO_KEY = "未提供令牌"
OA_INVALID = "无效的令牌"
OA_EXPIRED = "该令牌已过期"
OA_DISABLED = "该令牌状态不可用"
OA_EXHAUSTED_FIRST = "该令牌额度已用尽"
OA_EXHAUSTED_AGAIN = "令牌 {name}（#{id}）额度已用尽"
OA_SUBNET = "该令牌只能在指定网段使用：{subnet}，当前 ip：{ip}"
OA_MODEL = "该令牌无权使用模型：{model}"
NA_EXHAUSTED_FIRST = "[{masked}] 该令牌额度已用尽 !token.UnlimitedQuota && token.RemainQuota = {remain}"
NA_EXHAUSTED_AGAIN = "该令牌额度已用尽 TokenStatusExhausted[{masked}]"
NA_IP = "您的 IP 不在令牌允许访问的列表中"
NA_MODEL = "This token has no access to model {model}"
NA_V1_INVALID = "Invalid token"
NA_V1_USAGE_DISABLED = "This token status is unavailable"
# The flavours whose relay hides why a token was refused (New API after the 2026-07-20 auth rewrite).
COLLAPSING_FLAVORS = frozenset({"new-api-v1"})

Row = dict[str, Any]
Refusal = tuple[int, str, str]  # HTTP status, message, error code


# --- answers ---------------------------------------------------------------------------------------------


def _is_new_api(api: Any) -> bool:
    return api.flavor.name != ONE_API


def _request_id() -> str:
    return time.strftime("%Y%m%d%H%M%S") + "".join(secrets.choice("0123456789") for _ in range(16))


def relay_error(api: Any, status: int, message: str, code: str = "") -> Reply:
    """``{"error": {...}}`` with the request id appended, as both relays answer."""
    request_id = _request_id()
    error: dict[str, Any] = {"message": f"{message} (request id: {request_id})",
                             "type": "new_api_error" if _is_new_api(api) else "one_api_error"}
    if _is_new_api(api):
        error = {"code": code, **error}
    reply = json_reply({"error": error}, status)
    reply.headers.append(("X-Oneapi-Request-Id", request_id))
    return reply


def _masked(key: str) -> str:
    """New API's log form of a key in its refusals: ``sk-`` + first 3 + ``***`` + last 3."""
    return f"sk-{key[:3]}***{key[-3:]}"


# --- the checks ------------------------------------------------------------------------------------------


def bearer_key(request: Request) -> str:
    """TokenAuth: strip ``Bearer ``, then ``sk-``, then anything after the first ``-`` (a channel)."""
    value = request.header("Authorization").replace("Bearer ", "", 1).strip()
    value = value.removeprefix("sk-")
    return value.split("-", 1)[0]


def find_row(api: Any, key: str) -> Row | None:
    if not key:
        return None
    return api.state.row_with_key(key)


def state_refusal(api: Any, row: Row | None, *, has_key: bool, now: int) -> Refusal | None:
    """The token-state checks (exists, status, expiry, quota), flipping the stored status like the servers."""
    na = _is_new_api(api)
    collapse = api.flavor.name in COLLAPSING_FLAVORS
    if not has_key:
        return 401, NA_V1_INVALID if collapse else OA_NO_KEY, ""
    if row is None:
        return 401, NA_V1_INVALID if collapse else OA_INVALID, ""
    refusal = _status_problem(row, na=na, now=now)
    if refusal is not None and collapse:
        return 401, NA_V1_INVALID, ""
    return refusal


def _status_problem(row: Row, *, na: bool, now: int) -> Refusal | None:
    masked = _masked(row["key"])
    if row["status"] == TOKEN_STATUS_EXHAUSTED:
        text = NA_EXHAUSTED_AGAIN.format(masked=masked) if na else OA_EXHAUSTED_AGAIN.format(
            name=row["name"], id=row["id"])
        return 401, text, ""
    if row["status"] == TOKEN_STATUS_EXPIRED:
        return 401, OA_EXPIRED, ""
    if row["status"] != TOKEN_STATUS_ENABLED:
        return 401, OA_DISABLED, ""
    if row["expired_time"] != -1 and row["expired_time"] < now:
        row["status"] = TOKEN_STATUS_EXPIRED
        return 401, OA_EXPIRED, ""
    if not row["unlimited_quota"] and row["remain_quota"] <= 0:
        row["status"] = TOKEN_STATUS_EXHAUSTED
        text = NA_EXHAUSTED_FIRST.format(masked=masked, remain=row["remain_quota"]) if na else OA_EXHAUSTED_FIRST
        return 401, text, ""
    return None


def ip_refusal(api: Any, row: Row, client_ip: str) -> Refusal | None:
    """One API's ``subnet`` (comma-separated CIDRs) or New API's ``allow_ips`` (one IP or CIDR a line)."""
    if _is_new_api(api):
        allowed = [line.strip() for line in (row.get("allow_ips") or "").splitlines() if line.strip()]
        if allowed and not _ip_in(client_ip, allowed):
            return 403, NA_IP, "access_denied"
        return None
    subnet = (row.get("subnet") or "").strip()
    if subnet and not _ip_in(client_ip, [part.strip() for part in subnet.split(",") if part.strip()]):
        return 403, OA_SUBNET.format(subnet=subnet, ip=client_ip), ""
    return None


def _ip_in(ip: str, networks: list[str]) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for network in networks:
        try:
            if address in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def allowed_models(api: Any, row: Row) -> list[str]:
    """The site's models this token may use, in the site's order."""
    if _is_new_api(api):
        limits = (row.get("model_limits") or "") if row.get("model_limits_enabled") else ""
    else:
        limits = row.get("models") or ""
    only = {name.strip() for name in limits.split(",") if name.strip()}
    models = list(api.config.models)
    return [m for m in models if m in only] if only else models


def _authorised(api: Any, request: Request, *, check_ip: bool = True) -> Row | Reply:
    key = bearer_key(request)
    with api.state.lock:
        row = find_row(api, key)
        refusal = state_refusal(api, row, has_key=bool(key), now=int(time.time()))
        if refusal is None and row is not None and check_ip:
            refusal = ip_refusal(api, row, request.client_ip)
    if refusal is not None:
        return relay_error(api, *refusal)
    assert row is not None
    return row


# --- handlers --------------------------------------------------------------------------------------------


def list_models(api: Any, request: Request) -> Reply:
    row = _authorised(api, request)
    if isinstance(row, Reply):
        return row
    names = allowed_models(api, row)
    if _is_new_api(api):
        data = [{"id": m, "object": "model", "created": MODEL_CREATED, "owned_by": _owner(m),
                 "supported_endpoint_types": []} for m in sorted(names)]
        return json_reply({"data": data, "object": "list", "success": True})
    data = [{"id": m, "object": "model", "created": MODEL_CREATED, "owned_by": _owner(m),
             "permission": [{"id": "modelperm-LwHkVFn8AcMItP432fKKDIKJ", "object": "model_permission",
                             "created": MODEL_CREATED, "allow_create_engine": True, "allow_sampling": True,
                             "allow_logprobs": True, "allow_search_indices": False, "allow_view": True,
                             "allow_fine_tuning": False, "organization": "*", "group": None,
                             "is_blocking": False}],
             "root": m, "parent": None} for m in names]
    return json_reply({"object": "list", "data": data})


def _owner(model: str) -> str:
    for prefix, owner in (("claude", "anthropic"), ("deepseek", "deepseek")):
        if model.startswith(prefix):
            return owner
    return "openai"


def chat_completion(api: Any, request: Request) -> Reply:
    """A canned 1-token answer after the same checks as a real relay, charged to the token."""
    row = _authorised(api, request)
    if isinstance(row, Reply):
        return row
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    model = body.get("model") if isinstance(body, dict) else None
    if not isinstance(model, str) or not model:
        return relay_error(api, 400, "field model is required", "invalid_request")
    if model not in allowed_models(api, row):
        if model in api.config.models:
            template = NA_MODEL if _is_new_api(api) else OA_MODEL
            return relay_error(api, 403, template.format(model=model))
        return relay_error(api, 503, f"当前分组 default 下对于模型 {model} 无可用渠道", "model_not_found")
    with api.state.lock:
        if not row["unlimited_quota"]:
            row["remain_quota"] -= CHAT_COST
        row["used_quota"] += CHAT_COST
        row["accessed_time"] = int(time.time())
    # Logged like every relay call, so the usage routes (demo.usage_log) add up to what was charged.
    api.usage.record(LogEntry(created_at=int(time.time()), token_id=int(row["id"]), token_name=str(row["name"]),
                              model=model, prompt_tokens=9, completion_tokens=1, quota=CHAT_COST, elapsed_ms=40,
                              stream=False, request_id="demo-chat-" + secrets.token_hex(8)))
    answer = {
        "id": "chatcmpl-" + secrets.token_hex(12), "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"}, "finish_reason": "length"}],
        "usage": {"prompt_tokens": 9, "completion_tokens": 1, "total_tokens": 10},
    }
    return json_reply(answer)


def billing_subscription(api: Any, request: Request) -> Reply:
    row = _authorised(api, request)
    if isinstance(row, Reply):
        return row
    if row["unlimited_quota"]:
        limit: float = UNLIMITED_USD
    else:
        limit = _number((row["remain_quota"] + row["used_quota"]) / api.config.quota_per_unit)
    expiry = row["expired_time"]
    return json_reply({"object": "billing_subscription", "has_payment_method": True, "soft_limit_usd": limit,
                       "hard_limit_usd": limit, "system_hard_limit_usd": limit,
                       "access_until": 0 if expiry == -1 else expiry})


def billing_usage(api: Any, request: Request) -> Reply:
    row = _authorised(api, request)
    if isinstance(row, Reply):
        return row
    return json_reply({"object": "list", "total_usage": _number(row["used_quota"] / api.config.quota_per_unit * 100)})


def _number(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def no_such_route(request: Request) -> Reply:
    """One API's NoRoute answer for a New API-only route (both servers' ``controller.RelayNotFound``)."""
    error = {"message": f"Invalid URL ({request.method} {request.path})", "type": "invalid_request_error",
             "param": "", "code": ""}
    return json_reply({"error": error}, 404)


def token_usage(api: Any, request: Request) -> Reply:
    """New API's ``GET /api/usage/token/`` (TokenAuthReadOnly): expired and spent keys still read.

    Every New API flavour has it (classic and after the 2026-07 rewrite); One API answers its NoRoute 404.
    """
    if api.flavor.name == ONE_API:
        return no_such_route(request)
    key = bearer_key(request)
    with api.state.lock:
        row = find_row(api, key)
        if row is None:
            message = NA_V1_INVALID if api.flavor.name in COLLAPSING_FLAVORS else OA_INVALID
            return json_reply({"message": message, "success": False}, 401)
        if api.flavor.name in COLLAPSING_FLAVORS and row["status"] not in (
                TOKEN_STATUS_ENABLED, TOKEN_STATUS_EXPIRED, TOKEN_STATUS_EXHAUSTED):
            return json_reply({"message": NA_V1_USAGE_DISABLED, "success": False}, 401)
        limits = row.get("model_limits") or ""
        expiry = row["expired_time"]
        data = {
            "expires_at": 0 if expiry == -1 else expiry,
            "model_limits": {name: True for name in limits.split(",") if name},
            "model_limits_enabled": bool(row.get("model_limits_enabled")),
            "name": row["name"],
            "object": "token_usage",
            "total_available": row["remain_quota"],
            "total_granted": row["remain_quota"] + row["used_quota"],
            "total_used": row["used_quota"],
            "unlimited_quota": row["unlimited_quota"],
        }
    return json_reply({"code": True, "data": data, "message": "ok"})


Handler = Callable[[Any, Request], Reply]

# (method, path, handler, the one flavour family that has it or None); routes.py adds them without auth.
RELAY_ROUTES: tuple[tuple[str, str, Handler, str | None], ...] = (
    ("GET", "/v1/models", list_models, None),
    ("POST", "/v1/chat/completions", chat_completion, None),
    ("GET", "/v1/dashboard/billing/subscription", billing_subscription, None),
    ("GET", "/dashboard/billing/subscription", billing_subscription, None),
    ("GET", "/v1/dashboard/billing/usage", billing_usage, None),
    ("GET", "/dashboard/billing/usage", billing_usage, None),
    ("GET", "/api/usage/token/", token_usage, None),
)
