"""New API's side of the wire (classic, 2024-07 to 2026-07): what ``FlavorRules`` leaves to each flavour."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from openkey_gui.demo.flavors import (
    ALNUM,
    BAD_USER_HEADER,
    MAX_QUOTA_DOLLARS,
    NA_CHATS,
    NA_DEFAULT_PAGE_SIZE,
    NA_INVALID_PARAMS,
    NA_LIKE_OVER_CAP,
    NA_NAME_TOO_LONG,
    NA_NEGATIVE_QUOTA,
    NA_PAGE_LIMIT,
    NA_QUOTA_TOO_BIG,
    NEW_API,
    NO_USER_HEADER,
    WRONG_USER_HEADER,
    FlavorRules,
    Row,
    SiteInfo,
    generate_new_api_key,
    like_matcher,
    mask_like_new_api,
    new_api_like_pattern,
)
from openkey_gui.demo.wire import Reply, Request, fail, go_atoi, ok, query_int


class NewApi(FlavorRules):
    name = NEW_API
    family = NEW_API
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
            "checkin_enabled": site.checkin,
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
        rendered["key"] = mask_like_new_api(row["key"])
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
