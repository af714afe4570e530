"""New API v1.0's sign-in endpoints for the demo: login (+2FA), refresh, logout, signed-in devices.

Shapes, statuses, codes and messages follow ``shared/fixtures/new-api-2026-08`` (005–110): auth
failures are HTTP 401/403/404/409 ``{success:false, code, message}``; business errors (wrong password,
wrong 2FA code) stay HTTP 200 without a code.
"""

from __future__ import annotations

from email.utils import formatdate
from typing import TYPE_CHECKING

import openkey_gui.demo.flavors as flavors
from openkey_gui.demo.new_api_v1 import NEED_2FA_EN, WRONG_2FA_V1, WRONG_LOGIN_EN
from openkey_gui.demo.v1_sessions import UNAUTHORIZED_TOKEN, AuthRefusal, LoginSession, V1Sessions
from openkey_gui.demo.wire import BodyError, Reply, Request, decode_struct, fail, json_reply, ok

if TYPE_CHECKING:
    from openkey_gui.demo.routes import DemoApi

REFRESH_COOKIE = "new_api_refresh"
CLEAR_COOKIE = f"{REFRESH_COOKIE}=; Path=/api/user/auth; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; HttpOnly"
TWO_FA_SCHEMA = {"code": "string", "flow_token": "string"}
SESSION_REQUIRED = "a dashboard login session is required"
ORIGIN_FORBIDDEN = "request origin is not allowed"
ZH_UNAUTHORIZED = "无权进行此操作，access token 无效"  # 046: the same refusal under Accept-Language: zh-CN
AUTH_VERSION = "864b7076dbcd0a3c01b5520316720ebf"


def clearing_cookie(api: DemoApi) -> tuple[str, str]:
    secure = "; Secure" if api.config.secure_cookies else ""
    return ("Set-Cookie", f"{CLEAR_COOKIE}{secure}; SameSite=Strict")


def refusal(error: AuthRefusal, request: Request | None = None, *, clear: DemoApi | None = None) -> Reply:
    message = error.message
    if request is not None and error.message == UNAUTHORIZED_TOKEN and _wants_chinese(request):
        message = ZH_UNAUTHORIZED
    reply = json_reply({"code": error.code, "message": message, "success": False}, error.status)
    if clear is not None:
        reply.headers.append(clearing_cookie(clear))
    return reply


def _wants_chinese(request: Request) -> bool:
    first = request.header("Accept-Language").split(",", 1)[0].strip().lower()
    return first.startswith("zh")


def authenticate(api: DemoApi, sessions: V1Sessions, request: Request) -> Reply | None:
    """Bearer JWT or personal access token, bare or after "Bearer "; ``New-Api-User`` is ignored."""
    header = request.header("Authorization").strip()
    value = header[7:].strip() if header.lower().startswith("bearer ") else header
    if not value:
        return refusal(AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED_TOKEN), request)
    if value.count(".") == 2:  # a dashboard JWT never falls through to the PAT check (048)
        try:
            session = sessions.check_access_token(value)
        except AuthRefusal as error:
            return refusal(error, request)
        request.user = api.state.user
        request.sid = session.sid
        return None
    user = api.state.user_for_access_token(value)
    if user is None:
        return refusal(AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED_TOKEN), request)
    request.user = user
    request.sid = ""
    return None


def _origin_problem(api: DemoApi, request: Request) -> Reply | None:
    """With secure cookies, refresh and logout need the site's own Origin (or one such Referer)."""
    if not api.config.secure_cookies:
        return None
    own = api.site.url.rstrip("/")
    origin = request.header("Origin").rstrip("/")
    if origin:
        allowed = origin == own
    else:
        referers = request.headers.get_all("Referer") if hasattr(request.headers, "get_all") else None
        referers = referers or ([request.header("Referer")] if request.header("Referer") else [])
        allowed = len(referers) == 1 and (referers[0] == own or referers[0].startswith(own + "/"))
    if allowed:
        return None
    return refusal(AuthRefusal(403, "AUTH_ORIGIN_FORBIDDEN", ORIGIN_FORBIDDEN))


def _signed_in(api: DemoApi, session: LoginSession, *, rotated: bool = True) -> Reply:
    sessions = api.v1_sessions()
    reply = ok(sessions.bundle(session, api.flavor.self_data(api.state.user)))
    if rotated:
        # The cookie lives as long as the session, which refreshing does not extend (Max-Age counts down).
        left = max(int(session.expires_at - sessions.clock()), 0)
        expires = formatdate(session.expires_at, usegmt=True)
        cookie = (f"{REFRESH_COOKIE}={sessions.cookie_value(session)}; Path=/api/user/auth; Expires={expires}; "
                  f"Max-Age={left}; HttpOnly")
        cookie += "; Secure; SameSite=Strict" if api.config.secure_cookies else "; SameSite=Strict"
        reply.headers.append(("Set-Cookie", cookie))
    return reply


def login(api: DemoApi, request: Request) -> Reply:
    form = flavors.read_login(request, turnstile=api.site.turnstile, invalid_params=api.flavor.invalid_params)
    if isinstance(form, Reply):
        return form
    username, password = form
    user = api.state.check_password(username, password)
    if user is None:  # English by default; the zh text is the classic one (inferred: same i18n entry)
        return fail(flavors.WRONG_LOGIN if _wants_chinese(request) else WRONG_LOGIN_EN)
    sessions = api.v1_sessions()
    if api.config.require_2fa:
        token, expires = sessions.start_flow(user["id"])
        return ok({"expires_at": int(expires), "flow_token": token, "require_2fa": True}, NEED_2FA_EN)
    session = sessions.open(user["id"], login_method="password", ip=request.client_ip,
                            user_agent=request.header("User-Agent"))
    return _signed_in(api, session)


def login_2fa(api: DemoApi, request: Request) -> Reply:
    try:
        fields = decode_struct(request.body, TWO_FA_SCHEMA, "controller.Verify2FARequest")
    except BodyError:
        return fail(api.flavor.invalid_params)
    sessions = api.v1_sessions()
    flow = fields.get("flow_token", "")
    user_id = sessions.flow_user(flow) if flow else None
    if user_id is None:
        return fail(flavors.PENDING_2FA_GONE)  # unknown, expired or already used (092)
    code = fields.get("code", "").strip()
    if not code or not api.state.use_second_factor(code, flavors.TOTP_CODE):
        return fail(WRONG_2FA_V1)  # the flow is kept (090)
    sessions.finish_flow(flow)
    session = sessions.open(user_id, login_method="2fa", ip=request.client_ip,
                            user_agent=request.header("User-Agent"))
    return _signed_in(api, session)


def refresh(api: DemoApi, request: Request) -> Reply:
    problem = _origin_problem(api, request)
    if problem is not None:
        return problem
    cookie = request.cookies.get(REFRESH_COOKIE, "")
    if not cookie:
        return refusal(AuthRefusal(401, "AUTH_UNAUTHORIZED", "Unauthorized"), clear=api)
    try:
        session = api.v1_sessions().rotate(cookie, request.header("X-Auth-Session"))
    except AuthRefusal as error:
        return refusal(error, clear=api if error.status == 401 else None)
    return _signed_in(api, session)


def logout(api: DemoApi, request: Request) -> Reply:
    problem = _origin_problem(api, request)
    if problem is not None:
        return problem
    sessions = api.v1_sessions()
    sessions.counters.logouts += 1
    revoked = ""
    cookie_session = sessions.session_of_cookie(request.cookies.get(REFRESH_COOKIE, ""))
    bearer_sid = ""
    if request.header("Authorization") and authenticate(api, sessions, request) is None:
        bearer_sid = request.sid
    for sid in {bearer_sid, cookie_session.sid if cookie_session else ""} - {""}:
        if sessions.revoke(sid):
            revoked = sid
    reply = ok({"cookie_cleared": True, "revoked_sid": revoked}) if bearer_sid else ok()
    reply.headers.append(clearing_cookie(api))
    return reply


def _needs_session(request: Request) -> Reply | None:
    if not request.sid:
        return refusal(AuthRefusal(403, "AUTH_SESSION_REQUIRED", SESSION_REQUIRED))
    return None


def list_sessions(api: DemoApi, request: Request) -> Reply:
    problem = _needs_session(request)
    if problem is not None:
        return problem
    live = api.v1_sessions().live(api.user_id(request))
    live.sort(key=lambda s: (s.sid != request.sid, -s.created_at))
    return ok([s.describe(request.sid) for s in live])


def delete_session(api: DemoApi, request: Request) -> Reply:
    problem = _needs_session(request)
    if problem is not None:
        return problem
    sid = request.params["sid"]
    owned = {s.sid for s in api.v1_sessions().live(api.user_id(request))}
    if sid not in owned or not api.v1_sessions().revoke(sid):
        return refusal(AuthRefusal(404, "AUTH_SESSION_NOT_FOUND", "session not found"))
    return ok({"current": sid == request.sid, "revoked_sid": sid})


def revoke_other_sessions(api: DemoApi, request: Request) -> Reply:
    problem = _needs_session(request)
    if problem is not None:
        return problem
    sessions = api.v1_sessions()
    others = [s.sid for s in sessions.live(api.user_id(request)) if s.sid != request.sid]
    count = sum(1 for sid in others if sessions.revoke(sid))
    return ok({"revoked_count": count})
