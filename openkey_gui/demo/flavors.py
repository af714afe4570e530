"""How One API and New API differ on the wire, each in one object, so routes stay flavour-blind.

Everything a client can observe lives here: field sets, messages, key format and masking, paging,
search semantics, validation limits, the ``New-Api-User`` rule. The wording of messages is copied
from the recorded answers in ``shared/fixtures`` and the servers' source (contract §1–§5).
"""

from __future__ import annotations

import abc
import ipaddress
import random
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from openkey_gui.demo.wire import ZERO_VALUES, Reply, Request, fail, go_atoi, ok, query_int

Row = dict[str, Any]

ONE_API = "one-api"
NEW_API = "new-api"
FLAVORS = (ONE_API, NEW_API)

ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

# --- messages (verbatim from the servers) -----------------------------------------------------------
NO_CREDENTIAL = "无权进行此操作，未登录且未提供 access token"
BAD_ACCESS_TOKEN = "无权进行此操作，access token 无效"
NO_USER_HEADER = "无权进行此操作，未提供 New-Api-User"
BAD_USER_HEADER = "无权进行此操作，New-Api-User 格式错误"
WRONG_USER_HEADER = "无权进行此操作，New-Api-User 与登录用户不匹配"
WRONG_LOGIN = "用户名或密码错误，或用户已被封禁"
NEED_2FA = "请输入两步验证码"
WRONG_2FA = "验证码或备用码错误，请重试"
PENDING_2FA_GONE = "会话已过期，请重新登录"
TURNSTILE_EMPTY = "Turnstile token 为空"
NOT_FOUND = "record not found"
ID_EMPTY = "id 或 userId 为空！"
CANNOT_ENABLE_EXPIRED = "令牌已过期，无法启用，请先修改令牌过期时间，或者设置为永不过期"
CANNOT_ENABLE_EXHAUSTED = "令牌可用额度已用尽，无法启用，请先修改令牌剩余额度，或者设置为无限额度"
OA_INVALID_PARAMS = "无效的参数"
NA_INVALID_PARAMS = "Invalid parameters"
OA_NAME_TOO_LONG = "参数错误：令牌名称过长"
OA_BAD_SUBNET = "参数错误：无效的网段："
NA_NAME_TOO_LONG = "Token name is too long"
NA_NEGATIVE_QUOTA = "Quota value cannot be negative"
NA_QUOTA_TOO_BIG = "Quota value exceeds valid range, maximum is {}"
NA_TOO_MANY_TOKENS = "已达到最大令牌数量限制 ({})"
NA_LIKE_ADJACENT = "搜索模式中不允许包含连续的 % 通配符"
NA_LIKE_TOO_MANY = "搜索模式中最多允许包含 2 个 % 通配符"
NA_LIKE_TOO_SHORT = "使用模糊搜索时，关键词长度至少为 2 个字符"
NA_LIKE_OVER_CAP = "令牌数量超过上限，仅允许精确搜索，请勿使用 % 通配符"

TOKEN_STATUS_ENABLED = 1
TOKEN_STATUS_EXPIRED = 3
TOKEN_STATUS_EXHAUSTED = 4
NA_PAGE_LIMIT = 100
OA_PAGE_SIZE = 10
NA_DEFAULT_PAGE_SIZE = 10
MAX_QUOTA_DOLLARS = 1_000_000_000
LOGIN_SCHEMA = {"username": "string", "password": "string"}
TWO_FA_SCHEMA = {"code": "string"}
BATCH_SCHEMA = {"ids": "[]int"}

NA_CHATS = (
    {"Cherry Studio": "cherrystudio://providers/api-keys?v=1&data={cherryConfig}"},
    {"AionUI": "aionui://provider/add?v=1&data={aionuiConfig}"},
    {"流畅阅读": "fluentread"},
    {"CC Switch": "ccswitch"},
    {
        "Lobe Chat 官方示例": "https://chat-preview.lobehub.com/?settings="
        '{"keyVaults":{"openai":{"apiKey":"{key}","baseURL":"{address}/v1"}}}'
    },
    {
        "AI as Workspace": "https://aiaw.app/set-provider?provider="
        '{"type":"openai","settings":{"apiKey":"{key}","baseURL":"{address}/v1","compatibility":"strict"}}'
    },
    {"AMA 问天": "ama://set-api-key?server={address}&key={key}"},
    {"OpenCat": "opencat://team/join?domain={address}&token={key}"},
)


def generate_one_api_key(rng: random.Random) -> str:
    """One API's generator (contract §2.2): 16 alphanumerics + UUIDv4 hex, even letters upper-cased."""
    prefix = "".join(rng.choices(ALNUM, k=16))
    bits = rng.getrandbits(128)
    bits = (bits & ~(0xF << 76)) | (0x4 << 76)  # version 4
    bits = (bits & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    hex32 = f"{bits:032x}"
    return prefix + "".join(c.upper() if i % 2 == 0 else c for i, c in enumerate(hex32))


def generate_new_api_key(rng: random.Random) -> str:
    """New API's generator since 2024-09: 48 random alphanumerics."""
    return "".join(rng.choices(ALNUM, k=48))


def mask_key(key: str) -> str:
    """New API's ``MaskTokenKey``: first 4 + ten stars + last 4."""
    if len(key) <= 8:
        return "*" * len(key)
    return key[:4] + "**********" + key[-4:]


def enable_refusal(stored: Row, requested_status: int, now: int) -> str | None:
    """Both servers refuse to enable a token whose *stored* status is 3 / 4 and still true.

    Only the stored status counts: a token stored as 1 whose expiry passed is let through, which is
    how the real servers behave (statuses are set lazily), so the demo does the same.
    """
    if requested_status != TOKEN_STATUS_ENABLED:
        return None
    expiry = stored["expired_time"]
    if stored["status"] == TOKEN_STATUS_EXPIRED and expiry != -1 and expiry <= now:
        return CANNOT_ENABLE_EXPIRED
    if stored["status"] == TOKEN_STATUS_EXHAUSTED and stored["remain_quota"] <= 0 and not stored["unlimited_quota"]:
        return CANNOT_ENABLE_EXHAUSTED
    return None


def like_matcher(pattern: str, escape: str | None = None) -> Callable[[str], bool]:
    """SQL ``LIKE`` as SQLite runs it (the recorded servers used SQLite): ASCII case-insensitive."""
    parts: list[str] = []
    chars = iter(pattern)
    for char in chars:
        if escape is not None and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    regex = re.compile("".join(parts), re.IGNORECASE | re.ASCII | re.DOTALL)
    return lambda value: regex.fullmatch(value) is not None


def new_api_like_pattern(text: str) -> tuple[str, str | None]:
    """New API's ``sanitizeLikePattern``: ``_`` is literal, ``%`` limited; returns (pattern, error)."""
    escaped = text.replace("!", "!!").replace("_", "!_")
    if "%%" in escaped:
        return "", NA_LIKE_ADJACENT
    wildcards = escaped.count("%")
    if wildcards > 2:
        return "", NA_LIKE_TOO_MANY
    if wildcards and len(escaped.replace("%", "").encode("utf-8")) < 2:
        return "", NA_LIKE_TOO_SHORT
    return escaped, None


@dataclass(frozen=True)
class SiteInfo:
    """The facts ``/api/status`` publishes that come from the server's configuration."""

    url: str
    system_name: str
    quota_per_unit: int
    start_time: int
    turnstile: bool = False


class Flavor(abc.ABC):
    """The common behaviour; subclasses fill in the class attributes and override the differences."""

    name: ClassVar[str]
    version: ClassVar[str]
    token_fields: ClassVar[tuple[str, ...]]
    token_schema: ClassVar[dict[str, str]]
    editable_fields: ClassVar[tuple[str, ...]]
    create_defaults: ClassVar[dict[str, Any]]
    invalid_params: ClassVar[str]
    # New API (classic era) features the demo models; One API has none of them.
    has_2fa_and_turnstile: ClassVar[bool] = False
    has_token_cap: ClassVar[bool] = False
    has_rate_limits: ClassVar[bool] = False
    # Column defaults GORM applies when a create leaves a pointer field nil (omitted or null).
    nil_defaults: ClassVar[dict[str, Any]] = {}
    cookie_attributes: ClassVar[str] = "Path=/; Max-Age=2592000; HttpOnly"

    @abc.abstractmethod
    def new_key(self, rng: random.Random) -> str: ...

    @abc.abstractmethod
    def new_access_token(self) -> str: ...

    @abc.abstractmethod
    def status_data(self, site: SiteInfo) -> dict[str, Any]: ...

    @abc.abstractmethod
    def login_data(self, user: dict[str, Any]) -> dict[str, Any]: ...

    @abc.abstractmethod
    def self_data(self, user: dict[str, Any]) -> dict[str, Any]: ...

    def render(self, row: Row) -> dict[str, Any]:
        """The token as the server prints it (the stored row is never handed out)."""
        return {name: row[name] for name in self.token_fields}

    @abc.abstractmethod
    def list_data(self, rows: list[Row], request: Request) -> Any: ...

    @abc.abstractmethod
    def search(self, rows: list[Row], request: Request, *, over_cap: bool) -> Reply: ...

    @abc.abstractmethod
    def validate(self, fields: dict[str, Any], quota_per_unit: int) -> str | None: ...

    @abc.abstractmethod
    def created_reply(self, row: Row) -> Reply: ...

    def user_header_problem(self, request: Request, user_id: int) -> Reply | None:
        """One API ignores ``New-Api-User``; New API insists on it."""
        return None

    def new_row(self, fields: dict[str, Any], *, user_id: int, key: str, now: int) -> Row:
        """A created row: only the editable fields are taken from the body (the rest is ignored)."""
        row: Row = {name: None for name in self.token_fields}
        row.update(id=0, user_id=user_id, key=key, status=TOKEN_STATUS_ENABLED, used_quota=0)
        row.update(created_time=now, accessed_time=now)
        for name in self.editable_fields:
            row[name] = fields.get(name, self.create_defaults[name])
        for name, default in self.nil_defaults.items():
            if row[name] is None:
                row[name] = default
        if not row["expired_time"]:
            row["expired_time"] = -1  # the column default: an omitted or zero expiry means "never"
        return row

    def apply_full_update(self, row: Row, fields: dict[str, Any]) -> None:
        """``Select(fields...).Updates``: a field missing from the body is written as its zero value."""
        for name in self.editable_fields:
            row[name] = fields.get(name, ZERO_VALUES[self.token_schema[name]])


class OneApi(Flavor):
    name = ONE_API
    version = "v0.6.11-demo"
    token_fields = (
        "id", "user_id", "key", "status", "name", "created_time", "accessed_time", "expired_time",
        "remain_quota", "unlimited_quota", "used_quota", "models", "subnet",
    )  # fmt: skip
    token_schema: ClassVar[dict[str, str]] = {
        "id": "int", "user_id": "int", "key": "string", "status": "int", "name": "string",
        "created_time": "int64", "accessed_time": "int64", "expired_time": "int64",
        "remain_quota": "int64", "unlimited_quota": "bool", "used_quota": "int64",
        "models": "*string", "subnet": "*string",
    }  # fmt: skip
    editable_fields = ("name", "expired_time", "remain_quota", "unlimited_quota", "models", "subnet")
    create_defaults: ClassVar[dict[str, Any]] = {
        "name": "", "expired_time": -1, "remain_quota": 0, "unlimited_quota": False, "models": None, "subnet": None,
    }  # fmt: skip
    invalid_params = OA_INVALID_PARAMS

    def new_key(self, rng: random.Random) -> str:
        return generate_one_api_key(rng)

    def new_access_token(self) -> str:
        return uuid.uuid4().hex

    def status_data(self, site: SiteInfo) -> dict[str, Any]:
        return {
            "chat_link": "",
            "display_in_currency": True,
            "email_verification": False,
            "footer_html": "",
            "github_client_id": "",
            "github_oauth": False,
            "lark_client_id": "",
            "logo": "",
            "oidc": False,
            "oidc_authorization_endpoint": "",
            "oidc_client_id": "",
            "oidc_token_endpoint": "",
            "oidc_userinfo_endpoint": "",
            "oidc_well_known": "",
            "quota_per_unit": site.quota_per_unit,
            "server_address": site.url,
            "start_time": site.start_time,
            "system_name": site.system_name,
            "top_up_link": "",
            "turnstile_check": False,
            "turnstile_site_key": "",
            "version": self.version,
            "wechat_login": False,
            "wechat_qrcode": "",
        }

    def self_data(self, user: dict[str, Any]) -> dict[str, Any]:
        # The whole User row; password and access_token are blanked by the server.
        return {
            "id": user["id"],
            "username": user["username"],
            "password": "",
            "display_name": user["display_name"],
            "role": user["role"],
            "status": user["status"],
            "email": user["email"],
            "github_id": "",
            "wechat_id": "",
            "lark_id": "",
            "oidc_id": "",
            "verification_code": "",
            "access_token": "",
            "quota": user["quota"],
            "used_quota": user["used_quota"],
            "request_count": user["request_count"],
            "group": user["group"],
            "aff_code": user["aff_code"],
            "inviter_id": 0,
        }

    def login_data(self, user: dict[str, Any]) -> dict[str, Any]:
        # One API answers with a User struct in which only the session fields are filled in.
        data = self.self_data(user)
        kept = {"id", "username", "display_name", "role", "status"}
        return {name: value if name in kept else _blank(value) for name, value in data.items()}

    def list_data(self, rows: list[Row], request: Request) -> Any:
        page = max(query_int(request.arg("p")), 0)
        ordered = _one_api_order(rows, request.arg("order"))
        start = page * OA_PAGE_SIZE
        return [self.render(row) for row in ordered[start : start + OA_PAGE_SIZE]]

    def search(self, rows: list[Row], request: Request, *, over_cap: bool) -> Reply:
        # ``name LIKE keyword%`` without ORDER BY: every match, in storage (id ascending) order.
        matches = like_matcher(request.arg("keyword") + "%")
        return ok([self.render(row) for row in reversed(rows) if matches(row["name"])])

    def validate(self, fields: dict[str, Any], quota_per_unit: int) -> str | None:
        if len(fields.get("name", "").encode("utf-8")) > 30:
            return OA_NAME_TOO_LONG
        problem = _subnet_problem(fields.get("subnet") or "") if fields.get("subnet") else None
        if problem is not None:
            return OA_BAD_SUBNET + problem
        return None

    def created_reply(self, row: Row) -> Reply:
        return ok(self.render(row))


class NewApi(Flavor):
    name = NEW_API
    version = "v0.0.0-demo"
    token_fields = (
        "id", "user_id", "key", "status", "name", "created_time", "accessed_time", "expired_time",
        "remain_quota", "unlimited_quota", "model_limits_enabled", "model_limits", "allow_ips",
        "used_quota", "group", "cross_group_retry", "DeletedAt",
    )  # fmt: skip
    token_schema: ClassVar[dict[str, str]] = {
        "id": "int", "user_id": "int", "key": "string", "status": "int", "name": "string",
        "created_time": "int64", "accessed_time": "int64", "expired_time": "int64",
        "remain_quota": "int", "unlimited_quota": "bool", "model_limits_enabled": "bool",
        "model_limits": "string", "allow_ips": "*string", "used_quota": "int", "group": "string",
        "cross_group_retry": "bool",
    }  # fmt: skip
    editable_fields = (
        "name", "expired_time", "remain_quota", "unlimited_quota", "model_limits_enabled",
        "model_limits", "allow_ips", "group", "cross_group_retry",
    )  # fmt: skip
    create_defaults: ClassVar[dict[str, Any]] = {
        "name": "", "expired_time": -1, "remain_quota": 0, "unlimited_quota": False,
        "model_limits_enabled": False, "model_limits": "", "allow_ips": None, "group": "",
        "cross_group_retry": False,
    }  # fmt: skip
    invalid_params = NA_INVALID_PARAMS
    has_2fa_and_turnstile = True
    has_token_cap = True
    has_rate_limits = True
    nil_defaults: ClassVar[dict[str, Any]] = {"allow_ips": ""}
    cookie_attributes = "Path=/; Max-Age=2592000; HttpOnly; SameSite=Strict"

    def new_key(self, rng: random.Random) -> str:
        return generate_new_api_key(rng)

    def new_access_token(self) -> str:
        return "".join(secrets.choice(ALNUM) for _ in range(32))

    def status_data(self, site: SiteInfo) -> dict[str, Any]:
        host = site.url.split("://", 1)[-1]
        return {
            "HeaderNavModules": "",
            "SidebarModulesAdmin": "",
            "announcements": [],
            "announcements_enabled": True,
            "api_info": [],
            "api_info_enabled": True,
            "chats": [dict(chat) for chat in NA_CHATS],
            "checkin_enabled": False,
            "custom_currency_exchange_rate": 1,
            "custom_currency_symbol": "¤",
            "data_export_default_time": "hour",
            "default_collapse_sidebar": False,
            "default_use_auto_group": False,
            "demo_site_enabled": False,
            "discord_client_id": "",
            "discord_oauth": False,
            "display_in_currency": True,
            "docs_link": "https://docs.newapi.pro",
            "email_verification": False,
            "enable_batch_update": False,
            "enable_data_export": True,
            "enable_drawing": True,
            "enable_task": True,
            "faq": [],
            "faq_enabled": True,
            "footer_html": "",
            "github_client_id": "",
            "github_oauth": False,
            "linuxdo_client_id": "",
            "linuxdo_minimum_trust_level": 0,
            "linuxdo_oauth": False,
            "logo": "",
            "mj_notify_enabled": False,
            "oidc_authorization_endpoint": "",
            "oidc_client_id": "",
            "oidc_enabled": False,
            "passkey_allow_insecure": False,
            "passkey_attachment": "",
            "passkey_display_name": site.system_name,
            "passkey_login": False,
            "passkey_origins": site.url,
            "passkey_rp_id": host,
            "passkey_user_verification": "preferred",
            "price": 7.3,
            "privacy_policy_enabled": False,
            "quota_display_type": "USD",
            "quota_per_unit": site.quota_per_unit,
            "self_use_mode_enabled": False,
            "server_address": site.url,
            "setup": True,
            "start_time": site.start_time,
            "stripe_unit_price": 8,
            "system_name": site.system_name,
            "telegram_bot_name": "",
            "telegram_oauth": False,
            "top_up_link": "",
            "turnstile_check": site.turnstile,
            # Cloudflare's public "always passes" test site key.
            "turnstile_site_key": "1x00000000000000000000AA" if site.turnstile else "",
            "uptime_kuma_enabled": True,
            "usd_exchange_rate": 7.3,
            "user_agreement_enabled": False,
            "version": self.version,
            "wechat_login": False,
            "wechat_qrcode": "",
        }

    def login_data(self, user: dict[str, Any]) -> dict[str, Any]:
        fields = ("id", "username", "display_name", "role", "status", "group")
        return {name: user[name] for name in fields}

    def self_data(self, user: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": user["id"],
            "username": user["username"],
            "display_name": user["display_name"],
            "role": user["role"],
            "status": user["status"],
            "email": user["email"],
            "github_id": "",
            "discord_id": "",
            "oidc_id": "",
            "wechat_id": "",
            "telegram_id": "",
            "linux_do_id": "",
            "group": user["group"],
            "quota": user["quota"],
            "used_quota": user["used_quota"],
            "request_count": user["request_count"],
            "aff_code": user["aff_code"],
            "aff_count": 0,
            "aff_quota": 0,
            "aff_history_quota": 0,
            "inviter_id": 0,
            "setting": "",
            "stripe_customer": "",
            "sidebar_modules": "",
            "permissions": {"sidebar_modules": {}, "sidebar_settings": False},
        }

    def render(self, row: Row) -> dict[str, Any]:
        rendered = super().render(row)
        rendered["key"] = mask_key(row["key"])
        return rendered

    def list_data(self, rows: list[Row], request: Request) -> Any:
        return self._page(rows, request)

    def search(self, rows: list[Row], request: Request, *, over_cap: bool) -> Reply:
        keyword = request.arg("keyword")
        token = request.arg("token").removeprefix("sk-")
        if over_cap and ("%" in keyword or "%" in token):
            return fail(NA_LIKE_OVER_CAP)
        tests: list[tuple[str, Callable[[str], bool]]] = []
        for column, text in (("name", keyword), ("key", token)):
            if not text:
                continue  # empty fields do not filter
            pattern, problem = new_api_like_pattern(text)
            if problem is not None:
                return fail(problem)
            tests.append((column, like_matcher(pattern, escape="!")))
        matched = [row for row in rows if all(test(row[column]) for column, test in tests)]
        return ok(self._page(matched, request))

    @staticmethod
    def page_query(request: Request) -> tuple[int, int]:
        """New API's ``GetPageQuery``: 1-based ``p``; size from page_size, ps, size; at most 100."""
        page = max(query_int(request.arg("p")), 1)
        size = query_int(request.arg("page_size"))
        if size == 0:
            size = query_int(request.arg("ps"))
        if size == 0:
            size = query_int(request.arg("size"))
        if size <= 0:
            size = NA_DEFAULT_PAGE_SIZE
        return page, min(size, NA_PAGE_LIMIT)

    def _page(self, rows: list[Row], request: Request) -> dict[str, Any]:
        page, size = self.page_query(request)
        start = (page - 1) * size
        items = [self.render(row) for row in rows[start : start + size]]
        return {"page": page, "page_size": size, "total": len(rows), "items": items}

    def validate(self, fields: dict[str, Any], quota_per_unit: int) -> str | None:
        if len(fields.get("name", "").encode("utf-8")) > 50:
            return NA_NAME_TOO_LONG
        if not fields.get("unlimited_quota", False):
            remain = fields.get("remain_quota", 0)
            if remain < 0:
                return NA_NEGATIVE_QUOTA
            maximum = MAX_QUOTA_DOLLARS * quota_per_unit
            if remain > maximum:
                return NA_QUOTA_TOO_BIG.format(maximum)
        return None

    def created_reply(self, row: Row) -> Reply:
        # New API answers a create with nothing: no id, no key (contract §2.7).
        return ok()

    def user_header_problem(self, request: Request, user_id: int) -> Reply | None:
        raw = request.header("New-Api-User")
        if not raw:
            return fail(NO_USER_HEADER, 401)
        try:
            claimed = go_atoi(raw)
        except ValueError:
            return fail(BAD_USER_HEADER, 401)
        if claimed != user_id:
            return fail(WRONG_USER_HEADER, 401)
        return None


def _blank(value: Any) -> Any:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0
    return ""


def _one_api_order(rows: list[Row], order: str) -> list[Row]:
    """``order`` as One API's ``GetAllUserTokens`` reads it; rows arrive newest first."""
    if order == "remain_quota":
        return sorted(rows, key=lambda row: (row["unlimited_quota"], row["remain_quota"]), reverse=True)
    if order == "used_quota":
        return sorted(rows, key=lambda row: row["used_quota"], reverse=True)
    return rows


def _subnet_problem(subnets: str) -> str | None:
    """One API's ``IsValidSubnets``: ``net.ParseCIDR`` on every comma-separated, trimmed part.

    Go refuses a bare address ("1.2.3.4"), a netmask prefix and an empty part ("10.0.0.0/8,"),
    so the demo does too; the text is Go's error wrapped as the server wraps it.
    """
    for part in (piece.strip() for piece in subnets.split(",")):
        address, slash, prefix = part.partition("/")
        valid = bool(slash) and prefix.isascii() and prefix.isdigit()
        if valid:
            try:
                ipaddress.ip_network(f"{address}/{int(prefix)}", strict=False)
            except ValueError:
                valid = False
        if not valid:
            return f"failed to parse subnet: invalid CIDR address: {part}"
    return None


FLAVOR_RULES: dict[str, Flavor] = {ONE_API: OneApi(), NEW_API: NewApi()}


def flavor_rules(name: str) -> Flavor:
    try:
        return FLAVOR_RULES[name]
    except KeyError:
        raise ValueError(f"unknown flavor {name!r}; expected one of {', '.join(FLAVORS)}") from None
