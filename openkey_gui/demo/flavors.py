"""How One API and New API differ on the wire, each in one object, so routes stay flavour-blind.

Everything a client can observe lives here: field sets, messages, key format and masking, paging,
search semantics, validation limits, the ``New-Api-User`` rule. The wording of messages is copied
from the recorded answers in ``shared/fixtures`` and the servers' source (contract §1–§5).
"""

from __future__ import annotations

import abc
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from openkey_gui.demo.wire import ZERO_VALUES, BodyError, Reply, Request, decode_struct, fail

Row = dict[str, Any]

ONE_API = "one-api"
NEW_API = "new-api"
NEW_API_V1 = "new-api-v1"  # New API after the 2026-07-20 auth rewrite: bearer JWTs and refresh cookies
FLAVORS = (ONE_API, NEW_API, NEW_API_V1)

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

TOTP_CODE = "123456"  # the demo's authenticator code
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


def read_login(request: Request, *, turnstile: bool, invalid_params: str) -> tuple[str, str] | Reply:
    """(user name, password) of a login body, or the servers' refusal: a missing Turnstile token, an
    unreadable body, or an empty field. Shared by the classic and the v1.0 login routes."""
    if turnstile and not request.arg("turnstile"):
        return fail(TURNSTILE_EMPTY)
    try:
        fields = decode_struct(request.body, LOGIN_SCHEMA, "controller.LoginRequest")
    except BodyError:
        return fail(invalid_params)
    username, password = fields.get("username", ""), fields.get("password", "")
    if not username or not password:
        return fail(invalid_params)
    return username, password


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


def mask_like_new_api(key: str) -> str:
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
    checkin: bool = False  # New API's daily check-in (``checkin_setting.enabled``)


class FlavorRules(abc.ABC):
    """The common behaviour; subclasses fill in the class attributes and override the differences."""

    name: ClassVar[str]
    # The server family: routes and rules shared by New API classic and v1.0 are keyed by it.
    family: ClassVar[str]
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


_RULES: dict[str, FlavorRules] = {}


def flavor_rules(name: str) -> FlavorRules:
    """The rules of ``name``'s flavour (made on first use: the flavour modules import this one)."""
    if not _RULES:
        from openkey_gui.demo.new_api import NewApi
        from openkey_gui.demo.new_api_v1 import NewApiV1
        from openkey_gui.demo.one_api import OneApi

        _RULES.update({ONE_API: OneApi(), NEW_API: NewApi(), NEW_API_V1: NewApiV1()})
    try:
        return _RULES[name]
    except KeyError:
        raise ValueError(f"unknown flavor {name!r}; expected one of {', '.join(FLAVORS)}") from None
