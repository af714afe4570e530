"""``OpenKeyClient``: the token-page operations of a One API / New API site, as plain Python calls.

It knows nothing of Qt or the keyring so that a script can use it as well as the app. One instance is
one site and one signed-in user. Calls may come from several worker threads: the underlying
``requests.Session`` is shared (its cookie jar and connection pool are thread-safe), and the only
mutable client state, the keys revealed during this sign-in, is guarded by a lock. Those keys live
in memory only, for as long as the sign-in: New API rate-limits reveals, and a key seen once must
copy again while the site is unreachable. ``logout`` forgets them.

The work is split by job: ``listing`` reads the token list per flavour, ``create_guard`` makes sure a
create whose answer was lost is never sent twice, ``encode`` turns drafts into wire bodies.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from urllib.parse import quote

from openkey_gui.api.bearer import LOGOUT_PATH, BearerSession, is_bundle
from openkey_gui.api.checkin import DailyCheckin
from openkey_gui.api.create_guard import CreateGuard, Scope, UnsettledCreates
from openkey_gui.api.encode import token_body, update_body
from openkey_gui.api.errors import (
    ApiError,
    AuthError,
    CaptchaRequired,
    ErrorKind,
    NetworkError,
    ServerError,
    TwoFactorRequired,
    ValidationError,
)
from openkey_gui.api.listing import TokenLister
from openkey_gui.api.models import (
    Account,
    AuthScheme,
    Flavor,
    LoginSession,
    SessionGrant,
    SiteStatus,
    Token,
    TokenDraft,
    with_prefix,
)
from openkey_gui.api.parse import (
    as_int,
    as_str,
    parse_account,
    parse_login_sessions,
    parse_model_names,
    parse_status,
    parse_token,
    require_object,
)
from openkey_gui.api.site_icon import read_site_icon
from openkey_gui.api.transport import DEFAULT_USER_AGENT, Transport
from openkey_gui.api.urls import normalize_site_url
from openkey_gui.api.usage import UsageReader
from openkey_gui.api.validation import check_draft

REVEAL_BATCH_SIZE = 100  # the most ids /api/token/batch/keys takes (contract §2.6)

log = logging.getLogger(__name__)


class OpenKeyClient:
    """Signs in to one site and manages the signed-in user's tokens."""

    def __init__(self, base_url: str, timeout: float = 15.0, *, unsettled: UnsettledCreates | None = None,
                 user_agent: str = DEFAULT_USER_AGENT, on_secret: Callable[[str], None] | None = None) -> None:
        """``on_secret`` is told each credential sent or received (see ``Transport``); the app passes
        its log scrubber."""
        self.base_url = normalize_site_url(base_url)
        self._http = Transport(self.base_url, timeout, user_agent=user_agent, on_secret=on_secret)
        self._status: SiteStatus | None = None
        self._user_id: int | None = None
        self._keys: dict[int, str] = {}
        self._keys_lock = threading.Lock()
        self._bearer: BearerSession | None = None
        self._cookie_session = False  # a classic password sign-in: a ``session`` cookie to log out
        # Told the renewed sign-in of a New API v1.0 password session after each rotation (or None once it
        # is over), to keep a remembered one current in the keyring; set before signing in.
        self.on_grant: Callable[[SessionGrant | None], None] | None = None
        self.lister = TokenLister(self._http, lambda: self.flavor)
        self.creates = CreateGuard(self._http, self.lister, unsettled or UnsettledCreates.shared(), self._scope)
        self.usage = UsageReader(self._http, lambda: self.flavor)
        self.checkin = DailyCheckin(self._http, lambda: self.flavor)

    # -- site -------------------------------------------------------------------------------------

    @property
    def request_count(self) -> int:
        """HTTP requests sent so far (each retry of a GET is not counted separately)."""
        return self._http.request_count

    @property
    def flavor(self) -> Flavor:
        return self.status().flavor

    @property
    def user_id(self) -> int | None:
        return self._user_id

    @property
    def host(self) -> str:
        """``host[:port]`` of the site, as messages name it."""
        return self._http.host

    @property
    def auth_scheme(self) -> AuthScheme:
        """BEARER once a v1.0 login answered with a token bundle; before that, what /api/status hints."""
        if self._bearer is not None:
            return AuthScheme.BEARER
        return self._status.auth_scheme if self._status is not None else AuthScheme.COOKIE

    @property
    def session_grant(self) -> SessionGrant | None:
        """The current v1.0 refresh session (to remember it), or None for other sign-ins."""
        return self._bearer.grant if self._bearer is not None else None

    @property
    def session_end(self) -> datetime | None:
        """When the site ends this v1.0 sign-in (30 days after the login); None when it does not say."""
        return self._bearer.session_end if self._bearer is not None else None

    @property
    def refresh_count(self) -> int:
        """v1.0 session refreshes sent by this client (each spends the site's critical rate limit)."""
        return self._bearer.refresh_count if self._bearer is not None else 0

    def site_icon(self) -> bytes | None:
        """The site's own icon (``site_icon``), or None; one request, never an error."""
        return read_site_icon(self._http)

    def status(self, *, refresh: bool = False) -> SiteStatus:
        """The site's public settings; cached, since paging and validation depend on its flavour."""
        if self._status is None or refresh:
            envelope = self._http.call("GET", "/api/status")
            self._status = parse_status(envelope.get("data"))
        return self._status

    # -- sign-in ----------------------------------------------------------------------------------

    def login(self, username: str, password: str, totp: str | None = None) -> Account:
        """Password sign-in; raises ``TwoFactorRequired`` when a code is needed and none was given."""
        if not username.strip() or not password:
            raise ValidationError("Enter your user name (or e-mail) and password.", field="username",
                                  kind=ErrorKind.LOGIN_MISSING)
        self._forget_sign_in()
        site = self.status(refresh=True)
        if site.flavor is Flavor.NEW_API and site.turnstile_check:
            raise _captcha_error(self._http.host)
        data = self._sign_in_step("/api/user/login", {"username": username.strip(), "password": password})
        if isinstance(data, dict) and data.get("require_2fa"):
            if not totp:
                raise TwoFactorRequired(
                    "This account uses two-step verification. Enter the 6-digit code from your "
                    "authenticator app, or a backup code.",
                    kind=ErrorKind.TWO_FACTOR_REQUIRED,
                )
            body: dict[str, Any] = {"code": totp.strip()}
            if data.get("flow_token"):
                body["flow_token"] = data["flow_token"]
            data = self._sign_in_step("/api/user/login/2fa", body)
        if is_bundle(data):  # New API v1.0: the answer holds the bearer token and the account
            return self._adopt_bundle(data)
        self._adopt_login_data(data)
        self._cookie_session = True
        return self.account()

    def resume_session(self, grant: SessionGrant) -> Account:
        """Sign in to a New API v1.0 site again from a remembered session: no password, no 2FA code.

        One refresh call. Raises ``SessionEnded`` when the site no longer knows the session (revoked,
        past its 30 days); the caller then falls back to the password.
        """
        self._forget_sign_in()
        self.status(refresh=True)
        bearer = BearerSession(self._http, self.base_url, self._tell_grant)
        user = bearer.resume(grant)
        self._install(bearer)
        return self._account_from(user)

    def use_access_token(self, token: str, user_id: int | None = None) -> Account:
        """Sign in with the site's "system access token" (no password, works with captchas and OAuth)."""
        value = token.strip()
        if value.lower().startswith("bearer "):
            value = value[7:].strip()
        if not value:
            raise ValidationError("Paste the system access token from the site.", field="access_token",
                                  kind=ErrorKind.ACCESS_TOKEN_MISSING)
        if value.startswith("sk-"):
            raise ValidationError(
                "That is an API key (sk-…), not the system access token. The access token is on the "
                "site's personal settings page, under “system access token”.",
                field="access_token",
                kind=ErrorKind.ACCESS_TOKEN_IS_API_KEY,
            )
        self._forget_sign_in()
        self._http.set_header("Authorization", f"Bearer {value}")
        if user_id is not None:
            self._set_user_id(user_id)
        try:
            return self.account()
        except AuthError as exc:
            if user_id is None and "New-Api-User" in (exc.server_message or ""):
                raise AuthError(
                    "This site also needs your numeric user ID with the access token. It is shown on "
                    "the site's personal settings page.",
                    **{**exc.facts(), "kind": ErrorKind.USER_ID_REQUIRED},
                ) from None
            raise

    def account(self) -> Account:
        envelope = self._http.call("GET", "/api/user/self")
        account = parse_account(envelope.get("data"))
        if self._user_id is None:
            self._set_user_id(account.id)
        return account

    def logout(self) -> None:
        """End the server session (best effort) and forget every credential and key in memory.

        v1.0 revokes the session with ``POST /api/user/auth/logout`` (cookie, bearer, session id and
        ``Origin``); the older servers end a password sign-in's cookie session with ``GET
        /api/user/logout``. An access-token sign-in has no session to end: nothing is sent, and the
        token keeps working for the user's other tools.
        """
        self.on_grant = None  # a refresh still in flight must not write the signed-out session back
        try:
            if self._bearer is not None:
                bearer = self._bearer
                grant = bearer.end()
                self._http.call("POST", LOGOUT_PATH, headers=bearer.logout_headers(grant), refreshable=False)
            elif self._cookie_session:
                self._http.call("GET", "/api/user/logout")
        except ApiError:
            pass  # the local sign-out must happen even if the site is unreachable
        finally:
            self._forget_sign_in()
            with self._keys_lock:
                self._keys.clear()

    # -- signed-in devices (New API v1.0) ---------------------------------------------------------

    def login_sessions(self) -> list[LoginSession]:
        """Every signed-in device of the account, this one first (needs a password sign-in on v1.0)."""
        envelope = self._http.call("GET", "/api/user/sessions")
        return parse_login_sessions(envelope.get("data"))

    def revoke_login_session(self, sid: str) -> None:
        """Sign one other device out."""
        if not sid:
            raise ValidationError("That is not a session of this account.", field="sid",
                                  kind=ErrorKind.UNREADABLE_ANSWER)
        self._http.call("DELETE", f"/api/user/sessions/{quote(sid, safe='')}")  # a hostile sid stays one segment

    def revoke_other_login_sessions(self) -> int:
        """Sign every other device out; returns how many were."""
        envelope = self._http.call("POST", "/api/user/sessions/revoke-others")
        data = envelope.get("data")
        return as_int(data.get("revoked_count"), 0) if isinstance(data, dict) else 0

    def close(self) -> None:
        self._http.close()

    # -- tokens -----------------------------------------------------------------------------------

    def list_tokens(self) -> list[Token]:
        """Every token of the account, newest first, with keys revealed earlier filled in."""
        return [self._with_cached_key(t) for t in self.lister.list_all()]

    def get_token(self, token_id: int) -> Token:
        return self._with_cached_key(parse_token(self._get_token_raw(token_id)))

    def create_token(self, draft: TokenDraft) -> Token:
        """Create a token and return it with its full key (New API needs a list and a reveal for that).

        Never twice by accident: see ``create_guard`` for how a lost answer is reconciled.
        """
        site = self.status()
        check_draft(draft, site.flavor, site.quota_per_unit)
        return self.creates.create(draft, token_body(draft, site.flavor), self._with_full_key)

    def update_token(self, token_id: int, **changes: Any) -> Token:
        """Change the named ``TokenDraft`` fields; everything else is sent back exactly as the server had it.

        Servers overwrite every field of a full update (missing ones become zero or null), so the
        current token is fetched first and only the named fields are replaced in it.
        """
        raw = self._get_token_raw(token_id)
        current = parse_token(raw)
        draft = current.to_draft().replace(**changes)
        site = self.status()
        check_draft(draft, site.flavor, site.quota_per_unit, require_future_expiry="expires_at" in changes)
        body = update_body(raw, draft, set(changes), site.flavor, token_id)
        envelope = self._http.call("PUT", "/api/token/", json_body=body)
        data = envelope.get("data")
        if isinstance(data, dict):
            return self._with_cached_key(parse_token(data))
        return self.get_token(token_id)

    def set_token_enabled(self, token_id: int, enabled: bool) -> None:
        self._http.call(
            "PUT",
            "/api/token/",
            params={"status_only": "true"},
            json_body={"id": token_id, "status": 1 if enabled else 2},
        )

    def delete_token(self, token_id: int) -> None:
        self._http.call("DELETE", f"/api/token/{int(token_id)}")
        with self._keys_lock:
            self._keys.pop(token_id, None)

    def known_key(self, token_id: int) -> str | None:
        """The full key if this sign-in has seen it, without any network call (``None`` otherwise)."""
        return self._cached_key(token_id)

    def reveal_key(self, token_id: int) -> str:
        """The full ``sk-…`` key; New API masks keys in lists and rate-limits reveals, so keys are cached."""
        cached = self._cached_key(token_id)
        if cached:
            return cached
        key = ""
        if self.flavor is Flavor.NEW_API:
            try:
                envelope = self._http.call("POST", f"/api/token/{int(token_id)}/key", raw_404=True)
                data = envelope.get("data")
                key = as_str(data.get("key")) if isinstance(data, dict) else ""
            except ApiError as exc:
                if exc.status_code != 404:
                    raise
        if not key:  # One API, or a New API from before key masking: the token itself has the key
            token = parse_token(self._get_token_raw(token_id))
            if token.key_is_masked:
                raise ServerError("The server did not reveal this token's key.", kind=ErrorKind.KEY_NOT_REVEALED)
            key = token.key
        if not key:
            raise ServerError("The server sent an empty key.", kind=ErrorKind.KEY_NOT_REVEALED)
        full = with_prefix(key)
        self._remember_key(token_id, full)
        return full

    def reveal_keys(self, token_ids: Iterable[int]) -> dict[int, str]:
        """Full keys for many tokens with as few (rate-limited) calls as possible."""
        wanted = list(dict.fromkeys(int(i) for i in token_ids))
        found = {i: k for i in wanted if (k := self._cached_key(i))}
        missing = [i for i in wanted if i not in found]
        if missing and self.flavor is Flavor.NEW_API:
            try:
                for start in range(0, len(missing), REVEAL_BATCH_SIZE):
                    chunk = missing[start : start + REVEAL_BATCH_SIZE]
                    envelope = self._http.call(
                        "POST", "/api/token/batch/keys", json_body={"ids": chunk}, raw_404=True
                    )
                    data = envelope.get("data")
                    keys = data.get("keys") if isinstance(data, dict) else None
                    if isinstance(keys, dict):
                        for raw_id, key in keys.items():
                            token_id = as_int(raw_id, -1)
                            if token_id in chunk and isinstance(key, str) and key:
                                found[token_id] = with_prefix(key)
                                self._remember_key(token_id, found[token_id])
            except ApiError as exc:
                if exc.status_code != 404:
                    raise
        for token_id in [i for i in wanted if i not in found]:
            found[token_id] = self.reveal_key(token_id)
        return found

    def available_models(self) -> list[str]:
        paths = ["/api/user/available_models", "/api/user/models"]
        if self.flavor is Flavor.NEW_API:
            paths.reverse()
        for path in paths:
            try:
                envelope = self._http.call("GET", path, raw_404=True)
            except ApiError as exc:
                if exc.status_code == 404:
                    continue
                raise
            return parse_model_names(envelope.get("data"))
        return []

    # -- internals --------------------------------------------------------------------------------

    def _sign_in_step(self, path: str, body: dict[str, Any]) -> Any:
        try:
            return self._http.call("POST", path, json_body=body).get("data")
        except (AuthError, NetworkError):
            raise
        except ApiError as exc:
            message = exc.server_message or str(exc)
            if "turnstile" in message.lower():
                raise _captcha_error(self._http.host) from None
            raise AuthError(
                f"Sign-in refused: {message}",
                **{**exc.facts(), "kind": ErrorKind.SIGN_IN_REFUSED if exc.kind is ErrorKind.REFUSED else exc.kind},
            ) from None

    def _adopt_login_data(self, data: Any) -> None:
        """Remember who signed in; New API after 2026-07 answers with a bearer token instead of a cookie."""
        info = require_object(data, "sign-in answer")
        if isinstance(info.get("access_token"), str) and info["access_token"]:
            self._http.set_header("Authorization", f"Bearer {info['access_token']}")
            info = info.get("user") if isinstance(info.get("user"), dict) else info
        user_id = as_int(info.get("id"), -1)
        if user_id >= 0:
            self._set_user_id(user_id)

    def _adopt_bundle(self, data: dict[str, Any]) -> Account:
        bearer = BearerSession(self._http, self.base_url, self._tell_grant)
        user = bearer.adopt(data)
        self._install(bearer)
        return self._account_from(user)

    def _install(self, bearer: BearerSession) -> None:
        self._bearer = bearer
        self._http.refresher = bearer

    def _account_from(self, user: dict[str, Any]) -> Account:
        """The account from a bundle's ``user``; v1.0 ignores ``New-Api-User``, so none is sent."""
        if not user:
            return self.account()
        account = parse_account(user)
        self._user_id = account.id
        return account

    def _tell_grant(self, grant: SessionGrant | None) -> None:
        callback = self.on_grant
        if callback is not None:
            callback(grant)

    def _forget_sign_in(self) -> None:
        """Back to signed out: no cookies, no headers, no refresher."""
        self._http.refresher = None
        self._bearer = None
        self._cookie_session = False
        self._http.reset_auth()
        self._user_id = None

    def _set_user_id(self, user_id: int) -> None:
        """New API (2024-07 … 2026-07) wants the user id on every call; the others ignore the header."""
        self._user_id = int(user_id)
        self._http.set_header("New-Api-User", str(self._user_id))

    def _get_token_raw(self, token_id: int) -> dict[str, Any]:
        envelope = self._http.call("GET", f"/api/token/{int(token_id)}")
        return require_object(envelope.get("data"), "token")

    def _scope(self) -> Scope:
        """Whose tokens a create touches: unconfirmed creates are remembered per site and user."""
        return (self.base_url, self._user_id)

    def _with_full_key(self, token: Token) -> Token:
        """A created token as the caller gets it: with its key, revealed if the server masked it."""
        if token.key_is_masked:
            token = token.with_key(self.reveal_key(token.id))
        self._remember_key(token.id, token.key)
        return token

    def _cached_key(self, token_id: int) -> str | None:
        with self._keys_lock:
            return self._keys.get(token_id)

    def _remember_key(self, token_id: int, key: str) -> None:
        with self._keys_lock:
            self._keys[token_id] = with_prefix(key)

    def _with_cached_key(self, token: Token) -> Token:
        if not token.key_is_masked:
            self._remember_key(token.id, token.key)
            return token
        cached = self._cached_key(token.id)
        return token.with_key(cached) if cached else token


def _captcha_error(host: str) -> CaptchaRequired:
    return CaptchaRequired(
        f"{host} asks for a captcha (Turnstile) on password sign-in, which only a browser can show. "
        "Sign in with the system access token instead: open the site in your browser, go to personal "
        "settings and generate a system access token, then paste it here with your user ID.",
        kind=ErrorKind.CAPTCHA_REQUIRED, params={"host": host},
    )
