"""New API v1.0 sign-ins: a 15-minute bearer token, renewed silently with a rotating refresh cookie.

Since 2026-07-20 a New API login answers ``{access_token, access_expires_at, session: {sid, …}}`` and a
``new_api_refresh`` cookie. Every call carries ``Authorization: Bearer <access_token>``; once it has
expired the server answers 401 ``AUTH_TOKEN_EXPIRED`` and ``POST /api/user/auth/refresh`` with the
cookie gives a new access token **and a new cookie**. Three rules shape this module:

- A rotated cookie is dead: sent again more than 30 s after its rotation it revokes the whole session.
  So exactly one refresh runs at a time per session (a lock and a generation number: the threads that
  queued behind a refresh reuse its result), the newest cookie is stored every time, and a cookie whose
  refresh answer was lost is retried only within that grace window.
- Refresh, login, logout and key reveals share one rate limit of 20 calls per 20 minutes per IP. A
  refresh happens only when a call needs it (just before the token expires, or after the server said it
  has), never on a timer.
- Sites with secure cookies check ``Origin`` on refresh and logout; the site's own origin is sent.

The cookie is kept here rather than in the ``requests`` jar, which would replay whatever it held last.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from openkey_gui.api.errors import ApiError, AuthError, ErrorKind, NetworkError, SessionEnd, SessionEnded
from openkey_gui.api.models import SessionGrant
from openkey_gui.api.parse import as_int, as_str, as_time
from openkey_gui.api.transport import ConnectFailed, Transport

REFRESH_PATH = "/api/user/auth/refresh"
LOGOUT_PATH = "/api/user/auth/logout"
REFRESH_COOKIE = "new_api_refresh"
# A rotated cookie may be sent again within this many seconds (the server's RefreshReplayWindow is 30).
REPLAY_GRACE_S = 25.0
# Renew this long before the token's end: a minute for the real 15 minutes, a fifth of shorter lives.
MAX_MARGIN_S = 60.0
MARGIN_SHARE = 0.2

log = logging.getLogger(__name__)


def is_bundle(data: Any) -> bool:
    """Whether a login answer is v1.0's token bundle rather than the classic user object."""
    return isinstance(data, dict) and isinstance(data.get("access_token"), str) and bool(data["access_token"])


def origin_of(base_url: str) -> str:
    """``https://host[:port]``, what a browser sends as ``Origin`` for the site's own pages."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


class BearerSession:
    """The renewing credential of one v1.0 sign-in; installed as the transport's ``refresher``.

    ``on_grant`` is told the new :class:`SessionGrant` after every login and rotation (and None when
    the session is over), so that a remembered sign-in can write it back to the keyring. It runs on
    the worker thread that refreshed, inside the refresh lock; it must not call the client.
    """

    def __init__(self, http: Transport, base_url: str,
                 on_grant: Callable[[SessionGrant | None], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._http = http
        self._origin = origin_of(base_url)
        self._on_grant = on_grant
        self._clock = clock
        self._lock = threading.Lock()
        # (generation, renew at): read and replaced as one tuple, so that a thread never pairs a new
        # generation with the old deadline (it would refresh a token that was just renewed).
        self._clock_state: tuple[int, float] = (0, float("inf"))
        self._cookie: str | None = None
        self._sid = ""
        self._session_end: datetime | None = None
        self._lost_since: float | None = None  # a refresh whose answer never came: the cookie may be dead
        self._ended = False
        self.refresh_count = 0  # refreshes sent; tests and the benchmark read it

    # -- what the client asks --------------------------------------------------------------------

    @property
    def grant(self) -> SessionGrant | None:
        with self._lock:
            return self._grant_locked()

    @property
    def session_end(self) -> datetime | None:
        """When the site ends this sign-in whatever happens (30 days after the login)."""
        return self._session_end

    def adopt(self, data: dict[str, Any]) -> dict[str, Any]:
        """Take a login or refresh answer: the bearer header, when to renew, the rotated cookie.

        Returns the answer's ``user`` object (the account), or {} when it has none.
        """
        token = as_str(data.get("access_token"))
        if not token:
            raise AuthError("The site's sign-in answer carried no access token.", kind=ErrorKind.UNREADABLE_ANSWER,
                            params={"host": self._http.host, "what": "sign-in answer"})
        self._http.set_header("Authorization", f"Bearer {token}")
        cookie = self._http.take_cookie(REFRESH_COOKIE)
        if cookie:
            self._cookie = cookie
            self._lost_since = None
        session = data.get("session") if isinstance(data.get("session"), dict) else {}
        self._sid = as_str(session.get("sid")) or self._sid
        self._session_end = as_time(session.get("expires_at")) or self._session_end
        lifetime = _lifetime(token, as_int(data.get("access_expires_at"), 0))
        margin = min(MAX_MARGIN_S, lifetime * MARGIN_SHARE)
        generation = self._clock_state[0] + 1
        self._clock_state = (generation, self._clock() + max(lifetime - margin, 0.0))
        self._ended = False
        self._tell(self._grant_locked())
        user = data.get("user")
        return user if isinstance(user, dict) else {}

    def resume(self, grant: SessionGrant) -> dict[str, Any]:
        """Sign in again from a remembered grant: one refresh, no password, no 2FA code."""
        with self._lock:
            self._cookie = grant.refresh_cookie
            self._sid = grant.sid
            self._session_end = grant.expires_at
            self._ended = False
            return self._refresh_locked()

    # -- what the transport asks -----------------------------------------------------------------

    def before_call(self) -> int:
        """Renew a token about to expire before the call is sent; the generation the call goes out with."""
        generation, renew_at = self._clock_state
        if self._clock() >= renew_at:
            self.refresh(generation)
            generation = self._clock_state[0]
        return generation

    def refresh(self, seen_generation: int) -> None:
        """Renew, unless another thread already did since ``seen_generation`` (then reuse its token)."""
        with self._lock:
            if self._clock_state[0] != seen_generation and not self._ended:
                return
            self._refresh_locked()

    def end(self) -> SessionGrant | None:
        """Forget the session locally (sign-out); returns what the logout call needs to revoke it."""
        with self._lock:
            grant = self._grant_locked()
            self._cookie = None
            self._ended = True
            self._clock_state = (self._clock_state[0], float("inf"))
        return grant

    def logout_headers(self, grant: SessionGrant | None) -> dict[str, str]:
        headers = {"Origin": self._origin}
        if grant is not None:
            headers["Cookie"] = f"{REFRESH_COOKIE}={grant.refresh_cookie}"
            if grant.sid:
                headers["X-Auth-Session"] = grant.sid
        return headers

    # -- internals -------------------------------------------------------------------------------

    def _grant_locked(self) -> SessionGrant | None:
        if self._cookie is None or self._ended:
            return None
        return SessionGrant(refresh_cookie=self._cookie, sid=self._sid, expires_at=self._session_end)

    def _refresh_locked(self) -> dict[str, Any]:
        if self._ended or not self._cookie:
            raise self._over("This sign-in has ended.", SessionEnd.REFUSED)
        if self._session_end is not None and self._session_end <= datetime.now(timezone.utc):
            self._finish()
            raise self._over("The site ends a sign-in after 30 days, and this one has reached that.",
                             SessionEnd.PAST_END)
        if self._lost_since is not None and self._clock() - self._lost_since > REPLAY_GRACE_S:
            # Its rotation may have happened on the server; sending it now could revoke the session.
            self._finish()
            raise self._over("The site's answer to the last session refresh was lost.", SessionEnd.ANSWER_LOST)
        headers = {"Cookie": f"{REFRESH_COOKIE}={self._cookie}", "Origin": self._origin}
        if self._sid:
            headers["X-Auth-Session"] = self._sid
        for attempt in (1, 2):
            self.refresh_count += 1
            try:
                envelope = self._http.call("POST", REFRESH_PATH, headers=headers, refreshable=False)
                break
            except ConnectFailed:
                raise  # never reached the server: the cookie is unchanged and still good
            except NetworkError:
                # Sent, answer lost: the server may have rotated. Within the grace window the same
                # cookie yields the same successor, so one immediate retry is safe; later ones are not.
                if self._lost_since is None:
                    self._lost_since = self._clock()
                if attempt == 2:
                    raise
            except AuthError as exc:
                self._http.take_cookie(REFRESH_COOKIE)  # a clearing Set-Cookie came with it
                self._finish()
                raise self._over("The site no longer accepts this sign-in.", SessionEnd.REFUSED, exc) from None
            except ApiError as exc:
                if exc.code:  # 409 AUTH_SESSION_MISMATCH, AUTH_REFRESH_RACE …: this session is unusable
                    self._finish()
                    raise self._over("The site refused to renew this sign-in.", SessionEnd.REFUSED, exc) from None
                raise
        data = envelope.get("data")
        if not is_bundle(data):
            raise AuthError("The site's session refresh carried no access token.",
                            kind=ErrorKind.UNREADABLE_ANSWER, params={"host": self._http.host, "what": "refresh"})
        return self.adopt(data)  # a new generation, published with its deadline

    def _finish(self) -> None:
        self._cookie = None
        self._ended = True
        self._clock_state = (self._clock_state[0], float("inf"))
        self._tell(None)

    def _tell(self, grant: SessionGrant | None) -> None:
        if self._on_grant is None:
            return
        try:
            self._on_grant(grant)
        except Exception:  # a keyring that fails must not break the sign-in it wanted to remember
            log.exception("could not pass on the renewed sign-in")

    def _over(self, reason: str, why: SessionEnd, cause: ApiError | None = None) -> SessionEnded:
        return SessionEnded(
            f"{reason} Sign in to {self._http.host} again; nothing you had open is lost.",
            kind=ErrorKind.SESSION_ENDED,
            params={"host": self._http.host, "why": why},
            status_code=cause.status_code if cause else None,
            server_message=cause.server_message if cause else None,
            code=cause.code if cause else None,
        )


def _lifetime(token: str, expires_at: int) -> float:
    """Seconds the access token lives, from its own ``iat`` and ``exp`` (immune to clock skew).

    The JWT's payload is read, not verified: it only decides when to renew, and a wrong guess costs
    one 401 and a refresh. Without a readable payload the local clock is used.
    """
    claims = _jwt_claims(token)
    exp = as_int(claims.get("exp"), 0) or expires_at
    iat = as_int(claims.get("iat"), 0)
    if exp and iat and exp > iat:
        return float(exp - iat)
    if expires_at:
        return max(float(expires_at) - time.time(), 0.0)
    return 0.0


def _jwt_claims(token: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        return {}
    return claims if isinstance(claims, dict) else {}
