"""The management API: a route table, the middleware chain and one small function per endpoint.

The chain runs in the servers' order: global rate limit → authentication (cookie session, then
access token, then New API's ``New-Api-User`` check) → critical / search rate limits → handler.
Endpoints are written once; whatever differs between One API and New API is asked of ``api.flavor``.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import openkey_gui.demo.checkin as checkin
import openkey_gui.demo.flavors as flavors
import openkey_gui.demo.usage_log as usage
import openkey_gui.demo.v1_routes as v1
from openkey_gui.demo.favicon import site_icon_png
from openkey_gui.demo.flavors import NEW_API, NEW_API_V1, ONE_API, TOTP_CODE, FlavorRules, SiteInfo, enable_refusal
from openkey_gui.demo.pricing import get_pricing
from openkey_gui.demo.relay import RELAY_ROUTES
from openkey_gui.demo.state import DemoState, Limit
from openkey_gui.demo.usage_log import UsageLog
from openkey_gui.demo.v1_sessions import Lifetimes, V1Sessions
from openkey_gui.demo.wire import (
    BodyError,
    Reply,
    Request,
    decode_struct,
    empty,
    fail,
    go_atoi,
    json_reply,
    ok,
)

__all__ = ["TOTP_CODE", "ApiConfig", "DemoApi"]

BACKUP_CODES = ("backup-0001",)
MAX_BATCH_IDS = 100
GROUPS = {"default": {"ratio": 1, "desc": "默认分组"}, "vip": {"ratio": 1.5, "desc": "VIP 分组"}}
INDEX_PAGE = b"<!doctype html><html><head><title>OpenKey Demo</title></head><body><div id=root></div></body></html>"


@dataclass(frozen=True)
class ApiConfig:
    """The knobs of one demo server; fixed for its lifetime."""

    quota_per_unit: int = 500_000
    require_2fa: bool = False
    turnstile: bool = False
    critical_rate_limit: Limit | None = (20, 1200)
    search_rate_limit: Limit | None = (10, 60)
    global_rate_limit: Limit | None = None
    max_tokens: int = 1000
    models: tuple[str, ...] = ()
    system_name: str = "OpenKey Demo"
    start_time: int = 0
    # New API v1.0 only: access / session lifetimes and the replay window (tests shorten them), and
    # SESSION_COOKIE_SECURE, under which refresh and logout demand the site's own Origin.
    lifetimes: Lifetimes = field(default_factory=Lifetimes)
    secure_cookies: bool = False
    checkin: bool = False  # New API only: the site offers the daily check-in (off by default, as on a real one)
    seed: int = 0  # the request log (demo.usage_log) is made from it, like the tokens


Handler = Callable[["DemoApi", Request], Reply]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool = True
    only: tuple[str, ...] | None = None  # the flavours that have this route (None: all)
    critical: bool = False  # New API's CriticalRateLimit
    search: bool = False  # New API's SearchRateLimit


class DemoApi:
    """Turns a ``Request`` into a ``Reply``; knows nothing about sockets."""

    def __init__(self, *, state: DemoState, flavor: FlavorRules, config: ApiConfig, url: Callable[[], str]) -> None:
        self.state = state
        self.flavor = flavor
        self.config = config
        self._url = url
        self.key_rng = random.SystemRandom()  # new keys must be as unguessable as the real ones
        self.routes = [route for route in ROUTES if route.only is None or flavor.name in route.only]
        self._v1 = V1Sessions(lifetimes=config.lifetimes) if flavor.name == NEW_API_V1 else None
        self.usage = UsageLog(state.snapshot, seed=config.seed, models=config.models)
        self.checkins = checkin.CheckinBook()

    def v1_sessions(self) -> V1Sessions:
        assert self._v1 is not None, "a New API v1.0 route on another flavour"
        return self._v1

    @property
    def site(self) -> SiteInfo:
        return SiteInfo(
            url=self._url(),
            system_name=self.config.system_name,
            quota_per_unit=self.config.quota_per_unit,
            start_time=self.config.start_time,
            turnstile=self.config.turnstile and self.flavor.has_2fa_and_turnstile,
            checkin=self.config.checkin and self.flavor.family == NEW_API,
        )

    def handle(self, request: Request) -> Reply:
        is_api = request.path.startswith("/api")
        if is_api and not self._allow("GW", request.client_ip, self.config.global_rate_limit):
            return empty(429)
        route = self._match(request)
        if route is None:
            return _not_found(request, is_api)
        if route.auth:
            refusal = self._authenticate(request)
            if refusal is not None:
                return refusal
        limit = self._na(self.config.critical_rate_limit)
        if route.critical and not self._allow("CR", request.client_ip, limit):
            reply = empty(429)
            if self._v1 is not None and limit is not None:  # v1.0 says how long (080: the window)
                reply.headers.append(("Retry-After", str(int(limit[1]))))
            return reply
        if route.search and not self._allow("SR", str(self.user_id(request)), self._na(self.config.search_rate_limit)):
            return empty(429)
        reply = route.handler(self, request)
        if self._v1 is not None and route.auth:
            reply.headers.append(("Auth-Version", v1.AUTH_VERSION))
        return reply

    def _match(self, request: Request) -> Route | None:
        for route in self.routes:
            if route.method != request.method:
                continue
            found = route.pattern.fullmatch(request.path)
            if found:
                request.params = found.groupdict()
                return route
        return None

    def _na(self, limit: Limit | None) -> Limit | None:
        """Critical and search limits are modelled for New API, whose key reveal and search meet them.

        One API's own login limit is not reproduced (the brief keeps the demo's One API unthrottled).
        """
        return limit if self.flavor.has_rate_limits else None

    def _allow(self, bucket: str, who: str, limit: Limit | None) -> bool:
        return self.state.limiter.allow(f"{bucket}:{who}", limit)

    def _authenticate(self, request: Request) -> Reply | None:
        """Session first, then the Authorization header (a leading "Bearer " is removed once).

        New API v1.0 has no session cookie: a bearer JWT or the personal access token (``v1_routes``).
        """
        if self._v1 is not None:
            return v1.authenticate(self, self._v1, request)
        user = self.state.user_for_session(request.cookies.get("session", ""))
        if user is None:
            header = request.header("Authorization")
            if not header:
                return fail(flavors.NO_CREDENTIAL, 401)
            user = self.state.user_for_access_token(header.replace("Bearer ", "", 1))
            if user is None:
                return fail(flavors.BAD_ACCESS_TOKEN)
        request.user = user
        return self.flavor.user_header_problem(request, user["id"])

    @staticmethod
    def user_id(request: Request) -> int:
        assert request.user is not None, "route needs authentication"
        return int(request.user["id"])

    def session_cookie(self, session_id: str) -> tuple[str, str]:
        return ("Set-Cookie", f"session={session_id}; {self.flavor.cookie_attributes}")

    def row_or_refusal(self, request: Request, token_id: int) -> dict[str, Any] | Reply:
        """The caller's row, or the servers' answer: id 0 is "empty", someone else's is "not found"."""
        if token_id == 0:
            return fail(flavors.ID_EMPTY)
        row = self.state.row(self.user_id(request), token_id)
        return fail(flavors.NOT_FOUND) if row is None else row


def get_favicon(api: DemoApi, _request: Request) -> Reply:
    return Reply(status=200, body=site_icon_png(api.config.system_name), content_type="image/png")


def _not_found(request: Request, is_api: bool) -> Reply:
    """Like both servers' NoRoute: the relay's JSON 404 under /api and /v1, else the web app."""
    if is_api or request.path.startswith("/v1"):
        error = {
            "message": f"Invalid URL ({request.method} {request.path})",
            "type": "invalid_request_error",
            "param": "",
            "code": "",
        }
        return json_reply({"error": error}, 404)
    return Reply(status=200, body=INDEX_PAGE, content_type="text/html; charset=utf-8")


def _now() -> int:
    return int(time.time())


# --- public and account endpoints -------------------------------------------------------------------


def get_status(api: DemoApi, request: Request) -> Reply:
    return ok(api.flavor.status_data(api.site))


def get_setup(api: DemoApi, request: Request) -> Reply:
    # New API's answer has no "message" key (fixture 02_setup_get).
    return json_reply({"success": True, "data": {"status": True, "root_init": True, "database_type": "sqlite"}})


def login(api: DemoApi, request: Request) -> Reply:
    form = flavors.read_login(request, turnstile=api.site.turnstile, invalid_params=api.flavor.invalid_params)
    if isinstance(form, Reply):
        return form
    username, password = form
    user = api.state.check_password(username, password)
    if user is None:
        return fail(flavors.WRONG_LOGIN)
    if api.config.require_2fa and api.flavor.has_2fa_and_turnstile:
        session_id = api.state.new_session(user["id"], pending_2fa=True)
        reply = ok({"require_2fa": True}, flavors.NEED_2FA)
    else:
        session_id = api.state.new_session(user["id"])
        reply = ok(api.flavor.login_data(user))
    reply.headers.append(api.session_cookie(session_id))
    return reply


def login_2fa(api: DemoApi, request: Request) -> Reply:
    session_id = request.cookies.get("session", "")
    session = api.state.session(session_id)
    if session is None or not session.pending_2fa:
        return fail(flavors.PENDING_2FA_GONE)
    try:
        code = decode_struct(request.body, flavors.TWO_FA_SCHEMA, "controller.Verify2FARequest").get("code", "")
    except BodyError:
        return fail(api.flavor.invalid_params)
    if not code or not api.state.use_second_factor(code.strip(), TOTP_CODE):
        return fail(flavors.WRONG_2FA)
    api.state.complete_session(session_id)
    reply = ok(api.flavor.login_data(api.state.user))
    reply.headers.append(api.session_cookie(session_id))
    return reply


def logout(api: DemoApi, request: Request) -> Reply:
    api.state.drop_session(request.cookies.get("session", ""))
    reply = ok()
    reply.headers.append(("Set-Cookie", "session=; Path=/; Max-Age=0; HttpOnly"))
    return reply


def get_self(api: DemoApi, request: Request) -> Reply:
    return ok(api.flavor.self_data(api.state.user))


def generate_access_token(api: DemoApi, request: Request) -> Reply:
    token = api.flavor.new_access_token()
    api.state.set_access_token(token)
    return ok(token)


def get_models(api: DemoApi, request: Request) -> Reply:
    return ok(list(api.config.models))


def get_groups(api: DemoApi, request: Request) -> Reply:
    return ok({name: dict(info) for name, info in GROUPS.items()})


# --- token endpoints -----------------------------------------------------------------------------------


def list_tokens(api: DemoApi, request: Request) -> Reply:
    with api.state.lock:
        return ok(api.flavor.list_data(api.state.rows(api.user_id(request)), request))


def search_tokens(api: DemoApi, request: Request) -> Reply:
    with api.state.lock:
        rows = api.state.rows(api.user_id(request))
        return api.flavor.search(rows, request, over_cap=len(rows) > api.config.max_tokens)


def get_token(api: DemoApi, request: Request) -> Reply:
    try:
        token_id = go_atoi(request.params["id"])
    except ValueError as exc:
        return fail(str(exc))
    with api.state.lock:
        row = api.row_or_refusal(request, token_id)
        return row if isinstance(row, Reply) else ok(api.flavor.render(row))


def _valid_token_fields(api: DemoApi, request: Request) -> dict[str, Any] | Reply:
    """The body of a create or full update, decoded and checked the way the flavour's server does."""
    try:
        fields = decode_struct(request.body, api.flavor.token_schema, "model.Token")
    except BodyError as exc:
        return fail(exc.message)
    problem = api.flavor.validate(fields, api.config.quota_per_unit)
    return fields if problem is None else fail(problem)


def create_token(api: DemoApi, request: Request) -> Reply:
    fields = _valid_token_fields(api, request)
    if isinstance(fields, Reply):
        return fields
    user_id = api.user_id(request)
    with api.state.lock:
        if api.flavor.has_token_cap and api.state.count(user_id) >= api.config.max_tokens:
            return fail(flavors.NA_TOO_MANY_TOKENS.format(api.config.max_tokens))
        key = api.flavor.new_key(api.key_rng)
        row = api.state.insert(api.flavor.new_row(fields, user_id=user_id, key=key, now=_now()))
        return api.flavor.created_reply(row)


def update_token(api: DemoApi, request: Request) -> Reply:
    """Full update, or ``?status_only=…`` (any non-empty value) which touches ``status`` alone."""
    fields = _valid_token_fields(api, request)
    if isinstance(fields, Reply):
        return fields
    with api.state.lock:
        row = api.row_or_refusal(request, fields.get("id", 0))
        if isinstance(row, Reply):
            return row
        # The guard reads the body's status even on a full update, exactly like the servers.
        refusal = enable_refusal(row, fields.get("status", 0), _now())
        if refusal is not None:
            return fail(refusal)
        if request.arg("status_only"):
            row["status"] = fields.get("status", 0)
        else:
            api.flavor.apply_full_update(row, fields)
        return ok(api.flavor.render(row))


def delete_token(api: DemoApi, request: Request) -> Reply:
    try:
        token_id = go_atoi(request.params["id"])
    except ValueError:
        token_id = 0  # DeleteToken ignores the Atoi error and so looks up id 0
    with api.state.lock:
        row = api.row_or_refusal(request, token_id)
        if isinstance(row, Reply):
            return row
        api.state.delete(api.user_id(request), [token_id])
        return ok()


def reveal_key(api: DemoApi, request: Request) -> Reply:
    try:
        token_id = go_atoi(request.params["id"])
    except ValueError as exc:
        return fail(str(exc))
    with api.state.lock:
        row = api.row_or_refusal(request, token_id)
        return row if isinstance(row, Reply) else ok({"key": row["key"]})


def reveal_keys(api: DemoApi, request: Request) -> Reply:
    ids = _batch_ids(api, request)
    if ids is None:
        return fail(api.flavor.invalid_params)
    user_id = api.user_id(request)
    with api.state.lock:
        rows = (api.state.row(user_id, token_id) for token_id in ids)
        return ok({"keys": {str(row["id"]): row["key"] for row in rows if row is not None}})


def delete_tokens(api: DemoApi, request: Request) -> Reply:
    ids = _batch_ids(api, request)
    if ids is None:
        return fail(api.flavor.invalid_params)
    return ok(api.state.delete(api.user_id(request), ids))


def _batch_ids(api: DemoApi, request: Request) -> list[int] | None:
    """The ``{"ids": [...]}`` body, or ``None`` when it is unreadable, empty or over 100 ids."""
    try:
        ids = decode_struct(request.body, flavors.BATCH_SCHEMA, "controller.TokenBatch").get("ids") or []
    except BodyError:
        return None
    return ids if 0 < len(ids) <= MAX_BATCH_IDS else None


def _route(method: str, path: str, handler: Handler, **options: Any) -> Route:
    # Both "/api/token" and "/api/token/" are accepted, as the brief's clients use either.
    return Route(method, re.compile(path.rstrip("/") + "/?"), handler, **options)


_ID = r"(?P<id>[^/]+)"
NEW_APIS = (NEW_API, NEW_API_V1)
CLASSIC = (ONE_API, NEW_API)  # the cookie-session servers

ROUTES: Sequence[Route] = (
    _route("GET", "/api/status", get_status, auth=False),
    _route("GET", r"/favicon\.ico", get_favicon, auth=False),  # the web app's icon, as both servers serve it
    _route("GET", "/api/setup", get_setup, auth=False, only=NEW_APIS),
    _route("POST", "/api/user/login", login, auth=False, critical=True, only=CLASSIC),
    _route("POST", "/api/user/login/2fa", login_2fa, auth=False, critical=True, only=(NEW_API,)),
    _route("GET", "/api/user/logout", logout, auth=False, only=CLASSIC),
    _route("POST", "/api/user/login", v1.login, auth=False, critical=True, only=(NEW_API_V1,)),
    _route("POST", "/api/user/login/2fa", v1.login_2fa, auth=False, critical=True, only=(NEW_API_V1,)),
    _route("POST", "/api/user/auth/refresh", v1.refresh, auth=False, critical=True, only=(NEW_API_V1,)),
    _route("POST", "/api/user/auth/logout", v1.logout, auth=False, critical=True, only=(NEW_API_V1,)),
    _route("GET", "/api/user/sessions", v1.list_sessions, only=(NEW_API_V1,)),
    _route("POST", "/api/user/sessions/revoke-others", v1.revoke_other_sessions, only=(NEW_API_V1,)),
    _route("DELETE", "/api/user/sessions/(?P<sid>[^/]+)", v1.delete_session, only=(NEW_API_V1,)),
    _route("GET", "/api/user/self", get_self),
    _route("GET", "/api/user/token", generate_access_token, only=CLASSIC),
    _route("GET", "/api/user/token", generate_access_token, critical=True, only=(NEW_API_V1,)),
    _route("GET", "/api/user/available_models", get_models, only=(ONE_API,)),
    _route("GET", "/api/user/models", get_models, only=NEW_APIS),
    _route("GET", "/api/user/self/groups", get_groups, only=NEW_APIS),
    _route("GET", "/api/token/", list_tokens),
    _route("GET", "/api/token/search", search_tokens, search=True),
    _route("GET", f"/api/token/{_ID}", get_token),
    _route("POST", "/api/token/", create_token),
    _route("PUT", "/api/token/", update_token),
    _route("DELETE", f"/api/token/{_ID}", delete_token),
    _route("POST", "/api/token/batch/keys", reveal_keys, critical=True, only=NEW_APIS),
    _route("POST", "/api/token/batch", delete_tokens, only=NEW_APIS),
    _route("POST", f"/api/token/{_ID}/key", reveal_key, critical=True, only=NEW_APIS),
    _route("GET", "/api/user/checkin", checkin.get_checkin, only=NEW_APIS),
    _route("POST", "/api/user/checkin", checkin.do_checkin, only=NEW_APIS),
    _route("GET", "/api/log/self", usage.get_logs),
    _route("GET", "/api/log/self/stat", usage.get_log_stat),
    _route("GET", "/api/user/dashboard", usage.get_dashboard, only=(ONE_API,)),
    _route("GET", "/api/data/self", usage.get_data_self, only=NEW_APIS),
    _route("GET", "/api/pricing", get_pricing, auth=False),  # New API's; One API answers its 404
    # Authenticated by the token's own key, not the user's sign-in (demo.relay).
    *(_route(method, path, handler, auth=False, only=only) for method, path, handler, only in RELAY_ROUTES),
)
