"""New API v1.0 (after the 2026-07-20 auth rewrite): what differs from the classic New API's wire.

Token routes, paging, limits and messages are the classic ones (``NewApi``); the status page gains
the register / password-login flags and loses ``top_up_link``; tokens gain ``auto_groups``; the
``New-Api-User`` header is ignored; messages default to English. The sign-in itself is in
``v1_sessions`` (state) and ``v1_routes`` (endpoints).
"""

from __future__ import annotations

from typing import Any

from openkey_gui.demo.flavors import NEW_API, NEW_API_V1, Row, SiteInfo
from openkey_gui.demo.new_api import NewApi
from openkey_gui.demo.wire import Reply, Request

WRONG_LOGIN_EN = "Username or password is incorrect, or user has been banned"
NEED_2FA_EN = "Please enter two-factor authentication code"
WRONG_2FA_V1 = "验证码或备用码不正确"  # still Chinese in this build (090)
DEEPCHAT = {"DeepChat": "deepchat://provider/install?v=1&data={deepchatConfig}"}


class NewApiV1(NewApi):
    name = NEW_API_V1
    family = NEW_API
    version = "v1.0.0-demo"

    def status_data(self, site: SiteInfo) -> dict[str, Any]:
        data = super().status_data(site)
        del data["top_up_link"]
        chats = data["chats"]
        chats.insert(4, dict(DEEPCHAT))
        data.update(
            oidc_display_name="OIDC",
            password_login_enabled=True,
            password_register_enabled=True,
            register_enabled=True,
            theme="default",
        )
        return dict(sorted(data.items()))  # Go marshals map keys in order (001_status)

    def self_data(self, user: dict[str, Any]) -> dict[str, Any]:
        data = super().self_data(user)
        data["permissions"] = {
            "admin_permissions": {"channel": dict.fromkeys(
                ("operate", "read", "secret_view", "sensitive_write", "write"), False)},
            "sidebar_modules": {"admin": False},
            "sidebar_settings": True,
        }
        return data

    def render(self, row: Row) -> dict[str, Any]:
        rendered = super().render(row)
        rendered["auto_groups"] = row.get("auto_groups")
        return rendered

    def user_header_problem(self, request: Request, user_id: int) -> Reply | None:
        return None  # v1.0 ignores New-Api-User (009)
