"""New API v1.0's sign-in machinery for the demo: signed access JWTs, rotating refresh cookies, sessions.

What a client can observe, as recorded in ``shared/fixtures/new-api-2026-08`` (INDEX.md "Facts"):
- an HS256 access JWT with ``sid``, ``sub``, ``iat``, ``nbf`` (iat-5), ``exp``; valid until ``exp`` plus a
  leeway of 5 s; afterwards 401 ``AUTH_TOKEN_EXPIRED``; a bad signature is 401 ``AUTH_UNAUTHORIZED``;
- a refresh cookie ``<sid>.<secret>`` rotated by every refresh; the previous one, sent again within
  the replay window (30 s), yields the same successor, after it revokes the whole session;
- a session ends 30 days after its login (refreshing does not extend it), on logout, or when revoked.

Lifetimes are knobs here (the real ones are compile-time constants) so tests can live through several
expiries in seconds. The counters let tests prove what the client did: how many refreshes, and whether
it ever sent a rotated cookie again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FLOW_TTL = 300.0


class AuthRefusal(Exception):
    """A v1.0 auth failure: HTTP status, ``code`` and the server's (English) message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


UNAUTHORIZED_TOKEN = "Unauthorized, invalid access token"
NOT_LOGGED_IN = "Unauthorized, not logged in and no access token provided"  # also on expiry and revocation
UNAUTHORIZED = "Unauthorized"


@dataclass
class LoginSession:
    sid: str
    user_id: int
    login_method: str
    ip: str
    user_agent: str
    created_at: float
    expires_at: float
    secret: str
    last_active_at: float = 0.0
    previous: str | None = None
    rotated_at: float = 0.0
    revoked: bool = False

    def describe(self, current_sid: str) -> dict[str, Any]:
        return {
            "sid": self.sid,
            "current": self.sid == current_sid,
            "login_method": self.login_method,
            "ip": self.ip,
            "user_agent": self.user_agent,
            "created_at": int(self.created_at),
            "last_active_at": int(self.last_active_at or self.created_at),
            "expires_at": int(self.expires_at),
        }


@dataclass
class Counters:
    """What the client did, for tests: refreshes, and rotated cookies it sent again."""

    refreshes: int = 0
    replays_in_grace: int = 0
    replays_after_grace: int = 0
    logouts: int = 0
    # Every access token and refresh cookie handed out, so that the secrets scan can look for each.
    issued: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lifetimes:
    access: float = 900.0
    leeway: float = 5.0
    session: float = 30 * 86_400.0
    replay_window: float = 30.0


@dataclass
class V1Sessions:
    """Every login session of the demo user, and the 2FA flows waiting for a code."""

    lifetimes: Lifetimes = field(default_factory=Lifetimes)
    clock: Callable[[], float] = time.time
    counters: Counters = field(default_factory=Counters)

    def __post_init__(self) -> None:
        self._key = secrets.token_bytes(32)
        self._sessions: dict[str, LoginSession] = {}
        self._flows: dict[str, tuple[int, float]] = {}
        self._minted: list[str] = []  # the ``jti`` of every access token made
        self._expired: set[str] = set()  # tokens the tests declared expired ahead of their time
        self._lock = threading.RLock()

    # --- logins ---------------------------------------------------------------------------------

    def open(self, user_id: int, *, login_method: str, ip: str, user_agent: str) -> LoginSession:
        now = self.clock()
        session = LoginSession(
            sid=str(uuid.uuid4()), user_id=user_id, login_method=login_method, ip=ip, user_agent=user_agent,
            created_at=now, last_active_at=now, expires_at=now + self.lifetimes.session,
            secret=secrets.token_hex(32),
        )  # fmt: skip
        with self._lock:
            self._sessions[session.sid] = session
        return session

    def start_flow(self, user_id: int) -> tuple[str, float]:
        token = secrets.token_urlsafe(32)
        expires = self.clock() + FLOW_TTL
        with self._lock:
            self._flows[token] = (user_id, expires)
        return token, expires

    def flow_user(self, token: str) -> int | None:
        """The user a 2FA flow belongs to, while it is alive and unused."""
        with self._lock:
            found = self._flows.get(token)
        if found is None or found[1] < self.clock():
            return None
        return found[0]

    def finish_flow(self, token: str) -> None:
        with self._lock:
            self._flows.pop(token, None)

    def bundle(self, session: LoginSession, user: dict[str, Any]) -> dict[str, Any]:
        """The AuthBundle a login or refresh answers (``005_login``)."""
        token, expires = self._mint(session)
        return {
            "access_expires_at": expires,
            "access_token": token,
            "session": session.describe(session.sid),
            "token_type": "Bearer",
            "user": user,
        }

    @staticmethod
    def cookie_value(session: LoginSession) -> str:
        return f"{session.sid}.{session.secret}"

    # --- access tokens --------------------------------------------------------------------------

    def check_access_token(self, token: str) -> LoginSession:
        """The session a bearer JWT belongs to, or the refusal the server would answer."""
        parts = token.split(".")
        if len(parts) != 3:
            raise AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED_TOKEN)
        expected = _b64(hmac.new(self._key, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(expected, parts[2]):
            raise AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED_TOKEN)
        try:
            claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        except ValueError:
            raise AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED_TOKEN) from None
        if float(claims.get("exp", 0)) + self.lifetimes.leeway < self.clock() or claims.get("jti") in self._expired:
            raise AuthRefusal(401, "AUTH_TOKEN_EXPIRED", NOT_LOGGED_IN)
        with self._lock:
            session = self._sessions.get(str(claims.get("sid")))
            if session is None or session.revoked or session.expires_at < self.clock():
                raise AuthRefusal(401, "AUTH_SESSION_REVOKED", NOT_LOGGED_IN)
            session.last_active_at = self.clock()
            return session

    def _mint(self, session: LoginSession) -> tuple[str, int]:
        # Whole seconds, as the real server writes them, rounded up: the token lives at least its lifetime
        # (rounded down, a 2-second token could die after 1 s and tests of renewal would race the clock).
        iat = math.ceil(self.clock())
        exp = iat + max(round(self.lifetimes.access), 1)
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
        claims = {
            "token_use": "access", "sid": session.sid, "uv": 1, "sv": 1, "iss": "new-api",
            "sub": str(session.user_id), "aud": ["new-api-dashboard"], "exp": exp, "nbf": iat - 5, "iat": iat,
            "jti": str(uuid.uuid4()),
        }  # fmt: skip
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
        signature = _b64(hmac.new(self._key, f"{header}.{payload}".encode(), hashlib.sha256).digest())
        token = f"{header}.{payload}.{signature}"
        with self._lock:
            self._minted.append(claims["jti"])
        self.counters.issued.extend((token, self.cookie_value(session)))
        return token, exp

    # --- refresh and logout ---------------------------------------------------------------------

    def rotate(self, cookie: str, claimed_sid: str) -> LoginSession:
        """``POST /api/user/auth/refresh``: the session, with its cookie rotated (or the refusal)."""
        sid, _, secret = cookie.partition(".")
        now = self.clock()
        with self._lock:
            self.counters.refreshes += 1
            session = self._sessions.get(sid)
            if session is None or not secret:
                raise AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED)
            if claimed_sid and claimed_sid != sid:
                raise AuthRefusal(409, "AUTH_SESSION_MISMATCH", "Conflict")  # nothing rotated
            if session.revoked:
                raise AuthRefusal(401, "AUTH_SESSION_REVOKED", UNAUTHORIZED)
            if session.expires_at < now:
                # Not recorded; the conservative reading: the session is simply no longer accepted.
                raise AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED)
            if hmac.compare_digest(secret, session.secret):
                session.previous, session.rotated_at = session.secret, now
                session.secret = secrets.token_hex(32)
                session.last_active_at = now
                return session
            if session.previous is not None and hmac.compare_digest(secret, session.previous):
                if now - session.rotated_at <= self.lifetimes.replay_window:
                    self.counters.replays_in_grace += 1
                    return session  # the same successor (098)
                self.counters.replays_after_grace += 1
                session.revoked = True  # reuse after the grace window revokes everything (099–101)
                raise AuthRefusal(401, "AUTH_SESSION_REVOKED", UNAUTHORIZED)
            raise AuthRefusal(401, "AUTH_UNAUTHORIZED", UNAUTHORIZED)

    def session_of_cookie(self, cookie: str) -> LoginSession | None:
        sid, _, secret = cookie.partition(".")
        with self._lock:
            session = self._sessions.get(sid)
            if session is None or session.revoked:
                return None
            known = [session.secret, *([session.previous] if session.previous else [])]
            return session if any(hmac.compare_digest(secret, s) for s in known) else None

    def expire_access_tokens(self) -> None:
        """Every access token made so far answers ``AUTH_TOKEN_EXPIRED`` from now on (the next are fine):
        what a client meets when its clock and the site's disagree, or it slept past the expiry."""
        with self._lock:
            self._expired.update(self._minted)

    def revoke(self, sid: str) -> bool:
        with self._lock:
            session = self._sessions.get(sid)
            if session is None or session.revoked:
                return False
            session.revoked = True
            return True

    def revoke_all(self) -> None:
        with self._lock:
            for session in self._sessions.values():
                session.revoked = True

    def live(self, user_id: int) -> list[LoginSession]:
        now = self.clock()
        with self._lock:
            return [s for s in self._sessions.values()
                    if s.user_id == user_id and not s.revoked and s.expires_at >= now]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
