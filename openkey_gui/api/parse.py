"""Reads the servers' JSON into typed values, forgivingly but never silently wrong.

Servers differ (One API's ``models``/``subnet`` vs New API's ``model_limits``/``allow_ips``; nulls where
strings are expected; masked keys) and change over time. A field that is missing or of the wrong type
takes a harmless default; a record that is not an object at all is a ``ServerError``, so the only
exception that ever leaves the client is an ``ApiError``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from openkey_gui.api.errors import ErrorKind, ServerError
from openkey_gui.api.models import (
    Account,
    AuthScheme,
    ChatLink,
    Flavor,
    LoginSession,
    SiteStatus,
    Token,
    TokenStatus,
    is_masked_key,
    with_prefix,
)
from openkey_gui.api.quota import DEFAULT_QUOTA_PER_UNIT

# Keys that only New API's /api/status carries (contract §4); One API has none of them.
_NEW_API_STATUS_KEYS = frozenset(
    {"quota_display_type", "setup", "chats", "password_login_enabled", "price", "usd_exchange_rate"}
)
_MAX_INT64 = 2**63 - 1


def detect_flavor(status_data: dict[str, Any]) -> Flavor:
    """The one place that decides which server family answers."""
    return Flavor.NEW_API if _NEW_API_STATUS_KEYS & status_data.keys() else Flavor.ONE_API


def detect_auth_scheme(status_data: dict[str, Any]) -> AuthScheme:
    """New API v1.0 publishes ``register_enabled`` and ``password_register_enabled`` and no longer
    ``top_up_link`` (contract, third quick-facts block). Only a hint: the login answer decides."""
    if detect_flavor(status_data) is not Flavor.NEW_API:
        return AuthScheme.COOKIE
    keys = status_data.keys()
    if {"register_enabled", "password_register_enabled"} <= keys and "top_up_link" not in keys:
        return AuthScheme.BEARER
    return AuthScheme.COOKIE


def as_int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return max(-_MAX_INT64, min(value, _MAX_INT64))
    if isinstance(value, float) and value == value and abs(value) < 9e18:  # not NaN, not huge
        return int(value)
    if isinstance(value, str):
        try:
            return as_int(int(value.strip()))
        except ValueError:
            return default
    return default


def as_str(value: Any, default: str = "") -> str:
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, (dict, list)):
        return default
    try:
        return str(value)
    except (ValueError, OverflowError):  # an int beyond Python's 4,300-digit conversion limit
        return default


def as_bool(value: Any, default: bool = False) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "on"}
    return default


def as_time(value: Any) -> datetime | None:
    """Unix seconds to an aware datetime; -1, 0 and nonsense mean "none"."""
    seconds = as_int(value, -1)
    if seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def split_list(value: Any, separators: str = ",\n") -> tuple[str, ...]:
    """``"a,b"`` / ``"a\\nb"`` / ``["a","b"]`` / null → a tuple without blanks."""
    if isinstance(value, (list, tuple)):
        items = [as_str(v) for v in value]
    else:
        text = as_str(value)
        for sep in separators[1:]:
            text = text.replace(sep, separators[0])
        items = text.split(separators[0])
    return tuple(item.strip() for item in items if item.strip())


def require_object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ServerError(f"The server sent an unreadable {what} (expected an object).",
                          kind=ErrorKind.UNREADABLE_ANSWER, params={"what": what})
    return value


def parse_token(raw: Any) -> Token:
    data = require_object(raw, "token")
    token_id = as_int(data.get("id"), -1)
    if token_id < 0:
        raise ServerError("The server sent a token without an id.", kind=ErrorKind.UNREADABLE_ANSWER,
                          params={"what": "token"})
    key_text = as_str(data.get("key"))
    masked = is_masked_key(key_text)
    if "model_limits" in data or "model_limits_enabled" in data:
        limited = as_bool(data.get("model_limits_enabled"), True)
        models = split_list(data.get("model_limits")) if limited else ()
    else:
        models = split_list(data.get("models"))
    allow_ips = split_list(data.get("allow_ips") if "allow_ips" in data else data.get("subnet"))
    return Token(
        id=token_id,
        name=as_str(data.get("name")),
        key=with_prefix(key_text) if key_text else "",
        key_is_masked=masked,
        status=TokenStatus.from_code(as_int(data.get("status"))),  # as_int: "1", 1.0, Infinity, 10**40
        created_at=as_time(data.get("created_time")),
        accessed_at=as_time(data.get("accessed_time")),
        expires_at=as_time(data.get("expired_time")),
        remain_quota=as_int(data.get("remain_quota")),
        used_quota=as_int(data.get("used_quota")),
        unlimited=as_bool(data.get("unlimited_quota")),
        models=models,
        allow_ips=allow_ips,
        group=as_str(data.get("group")),
    )


def parse_token_page(data: Any) -> tuple[list[Token], int | None]:
    """A list answer in either shape: a plain list (One API, old New API) or ``{items,total,...}``.

    Returns the tokens and the server's total when it gave one. Unreadable rows are skipped rather
    than hiding every other token from the user.
    """
    total: int | None = None
    if isinstance(data, dict):
        items = data.get("items")
        total = as_int(data.get("total"), -1)
        total = None if total < 0 else total
    elif data is None:
        items = []
    else:
        items = data
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ServerError("The server sent an unreadable token list.", kind=ErrorKind.UNREADABLE_ANSWER,
                          params={"what": "token list"})
    tokens = []
    for item in items:
        try:
            tokens.append(parse_token(item))
        except ServerError:
            continue
    return tokens, total


def parse_account(raw: Any) -> Account:
    data = require_object(raw, "account")
    user_id = as_int(data.get("id"), -1)
    if user_id < 0:
        raise ServerError("The server sent an account without an id.", kind=ErrorKind.UNREADABLE_ANSWER,
                          params={"what": "account"})
    return Account(
        id=user_id,
        username=as_str(data.get("username")),
        display_name=as_str(data.get("display_name")),
        group=as_str(data.get("group")),
        quota=as_int(data.get("quota")),
        used_quota=as_int(data.get("used_quota")),
        request_count=as_int(data.get("request_count")),
    )


def parse_status(raw: Any) -> SiteStatus:
    data = require_object(raw, "site status")
    qpu = as_int(data.get("quota_per_unit"), DEFAULT_QUOTA_PER_UNIT)
    rate = data.get("usd_exchange_rate")
    return SiteStatus(
        system_name=as_str(data.get("system_name")),
        version=as_str(data.get("version")),
        quota_per_unit=qpu if qpu > 0 else DEFAULT_QUOTA_PER_UNIT,
        display_in_currency=as_bool(data.get("display_in_currency"), True),
        turnstile_check=as_bool(data.get("turnstile_check")),
        server_address=as_str(data.get("server_address")),
        flavor=detect_flavor(data),
        quota_display_type=as_str(data.get("quota_display_type"), "USD") or "USD",
        usd_exchange_rate=float(rate) if isinstance(rate, (int, float)) and 0 < rate < 1e6 else 7.3,
        chat_link=as_str(data.get("chat_link")),
        chats=_parse_chats(data.get("chats")),
        password_login_enabled=as_bool(data.get("password_login_enabled"), True),
        checkin_enabled=as_bool(data.get("checkin_enabled")),
        auth_scheme=detect_auth_scheme(data),
    )


def _parse_chats(value: Any) -> tuple[ChatLink, ...]:
    """New API sends ``[{"Name": "template"}, ...]``; entries that are not URL templates are skipped."""
    if not isinstance(value, list):
        return ()
    links = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        for name, template in entry.items():
            if isinstance(name, str) and isinstance(template, str) and "://" in template:
                links.append(ChatLink(name=name, template=template))
    return tuple(links)


def parse_model_names(data: Any) -> list[str]:
    if isinstance(data, list):
        return sorted({as_str(m) for m in data if as_str(m)})
    if isinstance(data, dict):  # some forks answer {group: [models]}
        names: set[str] = set()
        for value in data.values():
            if isinstance(value, list):
                names.update(as_str(m) for m in value if as_str(m))
        return sorted(names)
    return []


def parse_login_session(raw: Any) -> LoginSession:
    """One entry of New API v1.0's ``/api/user/sessions`` (also the ``session`` of a login answer)."""
    data = require_object(raw, "sign-in session")
    return LoginSession(
        sid=as_str(data.get("sid")),
        current=as_bool(data.get("current")),
        login_method=as_str(data.get("login_method")),
        ip=as_str(data.get("ip")),
        user_agent=as_str(data.get("user_agent")),
        created_at=as_time(data.get("created_at")),
        last_active_at=as_time(data.get("last_active_at")),
        expires_at=as_time(data.get("expires_at")),
    )


def parse_login_sessions(data: Any) -> list[LoginSession]:
    """The signed-in devices, current first as the server sends them; entries without an id are dropped."""
    if not isinstance(data, list):
        return []
    sessions = [parse_login_session(item) for item in data if isinstance(item, dict)]
    return [session for session in sessions if session.sid]
