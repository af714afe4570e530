"""Signing in as one step: client, site facts, account and (optionally) remembering the credential.

The GUI runs :func:`sign_in` on a worker thread; everything it needs afterwards comes back in one
``SignedIn`` value. Kept free of Qt so that the whole sign-in rule set is testable as plain Python.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone

from openkey_gui import __version__
from openkey_gui.api import Account, OpenKeyClient, SessionGrant, SiteStatus
from openkey_gui.api.errors import AuthError, ErrorKind, ValidationError
from openkey_gui.credentials import Credential, CredentialStore, KeyringUnavailable, SignInMode, account_key
from openkey_gui.logging_setup import register_secret

log = logging.getLogger(__name__)

#: What the app sends as User-Agent: the library's name plus the app's version.
APP_USER_AGENT = f"OpenKeyDesktop/{__version__}"


@dataclass(frozen=True)
class SignInRequest:
    """What the sign-in form (or a remembered account) provides."""

    server_url: str
    mode: SignInMode = SignInMode.PASSWORD
    username: str = ""
    password: str = field(default="", repr=False)
    totp: str | None = field(default=None, repr=False)
    access_token: str = field(default="", repr=False)
    user_id: int | None = None
    remember: bool = False
    #: The credential came from the keyring: signing in with it neither saves nor forgets it again.
    stored: bool = False
    #: A remembered New API v1.0 session to resume before trying the password (no 2FA code needed).
    grant: SessionGrant | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", SignInMode(self.mode))  # "password" from a caller is fine too

    def credential(self) -> Credential:
        return Credential(
            mode=self.mode,
            username=self.username,
            password=self.password if self.mode is SignInMode.PASSWORD else "",
            access_token=self.access_token if self.mode is SignInMode.ACCESS_TOKEN else "",
            user_id=self.user_id,
        )

    @classmethod
    def from_credential(cls, server_url: str, credential: Credential) -> SignInRequest:
        return cls(
            server_url=server_url,
            mode=credential.mode,
            username=credential.username,
            password=credential.password,
            access_token=credential.access_token,
            user_id=credential.user_id,
            remember=True,
            stored=True,
            grant=grant_of(credential),
        )


@dataclass
class SignedIn:
    """A live session: the client to use from now on and what the UI shows about the account."""

    client: OpenKeyClient
    site: SiteStatus
    account: Account
    account_label: str
    keyring_key: str
    keyring_warning: str = ""
    #: Why the credential asked to be remembered was not (the UI words it); None when nothing failed.
    keyring_error: KeyringUnavailable | None = None
    #: The credential is in the keyring now (saved by this sign-in).
    remembered: bool = False
    mode: SignInMode = SignInMode.PASSWORD
    #: True for the built-in demo server: nothing about it is remembered.
    demo: bool = False

    @property
    def session_end(self) -> datetime | None:
        """When the site ends this sign-in whatever happens (New API v1.0: 30 days after the login)."""
        return self.client.session_end


def grant_of(credential: Credential) -> SessionGrant | None:
    """The remembered v1.0 session in a keyring credential, if it has one that has not ended."""
    if not credential.session_cookie:
        return None
    seconds = credential.session_expires
    expires = datetime.fromtimestamp(seconds, tz=timezone.utc) if seconds else None
    if expires is not None and expires <= datetime.now(timezone.utc):
        return None
    return SessionGrant(refresh_cookie=credential.session_cookie, sid=credential.session_sid, expires_at=expires)


def with_grant(credential: Credential, grant: SessionGrant | None) -> Credential:
    """``credential`` carrying ``grant`` (or none: the password stays, the ended session goes)."""
    if grant is None:
        return dataclasses.replace(credential, session_cookie="", session_sid="", session_expires=0)
    expires = int(grant.expires_at.timestamp()) if grant.expires_at is not None else 0
    return dataclasses.replace(credential, session_cookie=grant.refresh_cookie, session_sid=grant.sid,
                               session_expires=expires)


class SessionKeeper:
    """Writes a remembered v1.0 session back to the keyring every time the site rotates it.

    The old refresh cookie is dead after a rotation, so a keyring entry left behind would not sign in
    after a restart (and sent after 30 s would revoke the session). Called on the worker thread that
    refreshed; a keyring failure is logged and the sign-in carries on.
    """

    def __init__(self, store: CredentialStore, key: str, credential: Credential) -> None:
        self._store = store
        self._key = key
        self._credential = credential
        self._lock = threading.Lock()

    def __call__(self, grant: SessionGrant | None) -> None:
        with self._lock:
            self._credential = with_grant(self._credential, grant)
            try:
                self._store.save(self._key, self._credential)
            except KeyringUnavailable as exc:
                log.warning("the renewed sign-in was not remembered: %s", exc)


def _update_keyring(store: CredentialStore, request: SignInRequest, key: str, label: str, account_id: int,
                    client_grant: SessionGrant | None = None) -> KeyringUnavailable | None:
    """Save the credential when asked to remember it, forget it otherwise; returns why a save failed."""
    if not request.remember:
        with contextlib.suppress(KeyringUnavailable):  # no keyring: nothing was left there to forget
            store.forget(key)
        return None
    remembered = request.credential()
    if request.mode is SignInMode.PASSWORD:
        remembered = with_grant(remembered, client_grant)
    if request.mode is SignInMode.ACCESS_TOKEN:
        remembered = Credential(mode=SignInMode.ACCESS_TOKEN, access_token=request.access_token,
                                username=label, user_id=request.user_id or account_id)
    try:
        store.save(key, remembered)
    except KeyringUnavailable as exc:
        log.warning("credential not remembered: %s", exc)
        return exc
    return None


def _keeper_for(request: SignInRequest, base_url: str, store: CredentialStore | None) -> SessionKeeper | None:
    """A keeper for a remembered password sign-in (its key is known before signing in), else None."""
    if store is None or not request.remember or request.mode is not SignInMode.PASSWORD:
        return None
    return SessionKeeper(store, account_key(base_url, request.username.strip()), request.credential())


def _resume(client: OpenKeyClient, grant: SessionGrant | None) -> Account | None:
    """Sign in from a remembered v1.0 session; None (then the password is used) if the site refuses it."""
    if grant is None:
        return None
    try:
        return client.resume_session(grant)
    except AuthError as exc:  # revoked, past its 30 days, signed out elsewhere: fall back to the password
        log.info("the remembered session was not accepted (%s); signing in with the password", exc.code or "auth")
        return None


def same_account(a: SignedIn, b: SignedIn) -> bool:
    """The same user on the same site (a re-sign-in), as opposed to switching to another account."""
    return a.client.base_url == b.client.base_url and a.account.id == b.account.id


def display_name_for(request: SignInRequest, account: Account) -> str:
    """The user name under which the account is listed (access-token sign-ins have no typed name)."""
    return request.username.strip() if request.mode is SignInMode.PASSWORD else (account.username or f"#{account.id}")


def sign_in(
    request: SignInRequest,
    store: CredentialStore | None = None,
    *,
    timeout: float = 15.0,
) -> SignedIn:
    """Sign in, then remember the credential if asked; a keyring failure is a warning, not a failure."""
    register_secret(request.password if request.mode is SignInMode.PASSWORD else request.access_token)
    client = OpenKeyClient(request.server_url, timeout=timeout, user_agent=APP_USER_AGENT,
                           on_secret=register_secret)
    keeper = _keeper_for(request, client.base_url, store)
    try:
        if request.mode is SignInMode.PASSWORD:
            account = _resume(client, request.grant) or client.login(request.username, request.password, request.totp)
        elif request.mode is SignInMode.ACCESS_TOKEN:
            account = client.use_access_token(request.access_token, request.user_id)
        else:
            raise ValidationError(f"Unknown sign-in mode {request.mode!r}.", field="mode",
                                  kind=ErrorKind.SIGN_IN_MODE_UNKNOWN)
        site = client.status()  # cached by login(); one request for an access-token sign-in
    except BaseException:
        client.close()
        raise
    label = display_name_for(request, account)
    key = account_key(client.base_url, label)
    saved = store is not None and not request.stored
    error = _update_keyring(store, request, key, label, account.id, client.session_grant) \
        if store is not None and saved else None
    if keeper is not None and error is None:
        if request.stored and client.session_grant != request.grant:
            keeper(client.session_grant)  # resumed (and so rotated), or the password replaced an ended session
        client.on_grant = keeper  # from now on every rotation is written back
    return SignedIn(client=client, site=site, account=account, account_label=label, keyring_key=key,
                    keyring_warning=str(error or ""), keyring_error=error, mode=request.mode,
                    remembered=saved and request.remember and error is None)
