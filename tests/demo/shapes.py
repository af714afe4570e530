"""The JSON key sets of the recorded real answers (``shared/fixtures``), as the tests expect them.

They are spelled out here so the tests run without the shared folder; ``test_shapes_match_fixtures``
checks them against the recordings whenever those are present.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ENVELOPE = {"success", "message", "data"}
ENVELOPE_NO_DATA = {"success", "message"}

OA_STATUS = {
    "chat_link", "display_in_currency", "email_verification", "footer_html", "github_client_id",
    "github_oauth", "lark_client_id", "logo", "oidc", "oidc_authorization_endpoint", "oidc_client_id",
    "oidc_token_endpoint", "oidc_userinfo_endpoint", "oidc_well_known", "quota_per_unit",
    "server_address", "start_time", "system_name", "top_up_link", "turnstile_check",
    "turnstile_site_key", "version", "wechat_login", "wechat_qrcode",
}  # fmt: skip
NA_STATUS = {
    "HeaderNavModules", "SidebarModulesAdmin", "announcements", "announcements_enabled", "api_info",
    "api_info_enabled", "chats", "checkin_enabled", "custom_currency_exchange_rate",
    "custom_currency_symbol", "data_export_default_time", "default_collapse_sidebar",
    "default_use_auto_group", "demo_site_enabled", "discord_client_id", "discord_oauth",
    "display_in_currency", "docs_link", "email_verification", "enable_batch_update",
    "enable_data_export", "enable_drawing", "enable_task", "faq", "faq_enabled", "footer_html",
    "github_client_id", "github_oauth", "linuxdo_client_id", "linuxdo_minimum_trust_level",
    "linuxdo_oauth", "logo", "mj_notify_enabled", "oidc_authorization_endpoint", "oidc_client_id",
    "oidc_enabled", "passkey_allow_insecure", "passkey_attachment", "passkey_display_name",
    "passkey_login", "passkey_origins", "passkey_rp_id", "passkey_user_verification", "price",
    "privacy_policy_enabled", "quota_display_type", "quota_per_unit", "self_use_mode_enabled",
    "server_address", "setup", "start_time", "stripe_unit_price", "system_name", "telegram_bot_name",
    "telegram_oauth", "top_up_link", "turnstile_check", "turnstile_site_key", "uptime_kuma_enabled",
    "usd_exchange_rate", "user_agreement_enabled", "version", "wechat_login", "wechat_qrcode",
}  # fmt: skip
OA_USER = {
    "id", "username", "password", "display_name", "role", "status", "email", "github_id",
    "wechat_id", "lark_id", "oidc_id", "verification_code", "access_token", "quota", "used_quota",
    "request_count", "group", "aff_code", "inviter_id",
}  # fmt: skip
NA_LOGIN = {"id", "username", "display_name", "role", "status", "group"}
NA_USER = {
    "aff_code", "aff_count", "aff_history_quota", "aff_quota", "discord_id", "display_name", "email",
    "github_id", "group", "id", "inviter_id", "linux_do_id", "oidc_id", "permissions", "quota",
    "request_count", "role", "setting", "sidebar_modules", "status", "stripe_customer", "telegram_id",
    "used_quota", "username", "wechat_id",
}  # fmt: skip
OA_TOKEN = {
    "id", "user_id", "key", "status", "name", "created_time", "accessed_time", "expired_time",
    "remain_quota", "unlimited_quota", "used_quota", "models", "subnet",
}  # fmt: skip
NA_TOKEN = {
    "id", "user_id", "key", "status", "name", "created_time", "accessed_time", "expired_time",
    "remain_quota", "unlimited_quota", "model_limits_enabled", "model_limits", "allow_ips",
    "used_quota", "group", "cross_group_retry", "DeletedAt",
}  # fmt: skip
NA_PAGE = {"page", "page_size", "total", "items"}

STATUS = {"one-api": OA_STATUS, "new-api": NA_STATUS}
USER = {"one-api": OA_USER, "new-api": NA_USER}
LOGIN = {"one-api": OA_USER, "new-api": NA_LOGIN}
TOKEN = {"one-api": OA_TOKEN, "new-api": NA_TOKEN}

FIXTURE_DIRS = {"one-api": "one-api-v0.6.11", "new-api": "new-api-2026-04"}


def fixtures_root() -> Path | None:
    """``../shared/fixtures`` next to the repository, or a copy in ``tests/fixtures``."""
    repo = Path(__file__).resolve().parents[2]
    for candidate in (repo / "tests" / "fixtures", repo.parent / "shared" / "fixtures"):
        if candidate.is_dir():
            return candidate
    return None


def load_fixture(flavor: str, name: str) -> Any:
    root = fixtures_root()
    assert root is not None
    return json.loads((root / FIXTURE_DIRS[flavor] / name).read_text(encoding="utf-8"))
