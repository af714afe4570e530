"""One API's side of the wire (v0.6.x): what ``FlavorRules`` leaves to each flavour."""

from __future__ import annotations

import ipaddress
import random
import uuid
from typing import Any, ClassVar

from openkey_gui.demo.flavors import (
    OA_BAD_SUBNET,
    OA_INVALID_PARAMS,
    OA_NAME_TOO_LONG,
    OA_PAGE_SIZE,
    ONE_API,
    FlavorRules,
    Row,
    SiteInfo,
    generate_one_api_key,
    like_matcher,
)
from openkey_gui.demo.wire import Reply, Request, ok, query_int


class OneApi(FlavorRules):
    name = ONE_API
    family = ONE_API
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
