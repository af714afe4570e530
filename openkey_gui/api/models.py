"""Typed values the client hands out.

They are frozen so that a token read on a worker thread can be passed to the GUI thread and kept in
a model without anyone changing it underneath; an edit is always a new value from the server.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

# A full key is 48 characters on both servers; anything shorter or with "*" is New API's mask.
FULL_KEY_LENGTH = 48
KEY_PREFIX = "sk-"


class Flavor(str, enum.Enum):
    """Which server family answers; the wire differs in paging, key masking and headers."""

    ONE_API = "one-api"
    NEW_API = "new-api"


class AuthScheme(str, enum.Enum):
    """How a signed-in client proves who it is; New API v1.0 (2026-07-20) changed it.

    COOKIE: One API and New API classic — a ``session`` cookie (or an access token) that lasts.
    BEARER: New API v1.0 — a 15-minute bearer JWT renewed with a rotating refresh cookie.
    """

    COOKIE = "cookie"
    BEARER = "bearer"


@dataclass(frozen=True)
class SessionGrant:
    """What resumes a New API v1.0 sign-in without the password or a 2FA code.

    The refresh cookie is as good as the password for the session's remaining life: it goes to the OS
    keyring or nowhere, and never into a repr.
    """

    refresh_cookie: str = field(repr=False)
    sid: str
    expires_at: datetime | None = None  # the session's absolute end (30 days after the login)


@dataclass(frozen=True)
class LoginSession:
    """One signed-in device of the account (New API v1.0 ``GET /api/user/sessions``)."""

    sid: str
    current: bool
    login_method: str = ""
    ip: str = ""
    user_agent: str = ""
    created_at: datetime | None = None
    last_active_at: datetime | None = None
    expires_at: datetime | None = None


class TokenStatus(enum.IntEnum):
    """The server's status codes (contract §3); UNKNOWN keeps a future code from crashing us."""

    UNKNOWN = 0
    ENABLED = 1
    DISABLED = 2
    EXPIRED = 3
    EXHAUSTED = 4

    @classmethod
    def from_code(cls, code: object) -> TokenStatus:
        try:
            return cls(int(code))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return cls.UNKNOWN


@dataclass(frozen=True)
class TokenDraft:
    """What the user can choose for a token; the same value serves create and full update."""

    name: str
    expires_at: datetime | None = None
    remain_quota: int = 0
    unlimited: bool = False
    models: tuple[str, ...] = ()
    allow_ips: tuple[str, ...] = ()
    group: str = ""

    def replace(self, **changes: object) -> TokenDraft:
        """Return a copy with ``changes``; unknown names raise ``TypeError`` (a typo must not pass)."""
        allowed = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - allowed)
        if unknown:
            raise TypeError(f"unknown token field(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TokenEdit:
    """What an edit changes: the fields that differ between the token's draft and the edited one.

    Typed, so the dialog, the controller and the client agree on it without passing loose dicts.
    """

    before: TokenDraft
    after: TokenDraft

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(TokenDraft)
                     if getattr(self.after, f.name) != getattr(self.before, f.name))

    @property
    def is_empty(self) -> bool:
        return not self.changed

    def changes(self) -> dict[str, object]:
        """``{field: new value}`` for ``OpenKeyClient.update_token``."""
        return {name: getattr(self.after, name) for name in self.changed}


@dataclass(frozen=True, slots=True)  # slots: 10,000 tokens cost a third less memory
class Token:
    """One API token of the account, as the server last described it."""

    id: int
    name: str
    key: str = field(repr=False)  # a logged or printed token must never show its key
    key_is_masked: bool
    status: TokenStatus
    created_at: datetime | None
    accessed_at: datetime | None
    expires_at: datetime | None
    remain_quota: int
    used_quota: int
    unlimited: bool
    models: tuple[str, ...] = ()
    allow_ips: tuple[str, ...] = ()
    group: str = ""

    @property
    def effective_status(self) -> TokenStatus:
        """The status a relay call would meet now.

        Servers flip a token to expired / exhausted only on its next use, so a listed "enabled" token
        may already be dead; the user must see that before pasting the key somewhere.
        """
        return self.status_at(datetime.now(timezone.utc))

    def status_at(self, now: datetime) -> TokenStatus:
        if self.status != TokenStatus.ENABLED:
            return self.status
        if self.expires_at is not None and self.expires_at <= now:
            return TokenStatus.EXPIRED
        if not self.unlimited and self.remain_quota <= 0:
            return TokenStatus.EXHAUSTED
        return self.status

    def with_key(self, full_key: str) -> Token:
        """The same token carrying its revealed key (always with the ``sk-`` prefix)."""
        return dataclasses.replace(self, key=with_prefix(full_key), key_is_masked=False)

    def to_draft(self) -> TokenDraft:
        return TokenDraft(
            name=self.name,
            expires_at=self.expires_at,
            remain_quota=self.remain_quota,
            unlimited=self.unlimited,
            models=self.models,
            allow_ips=self.allow_ips,
            group=self.group,
        )


@dataclass(frozen=True)
class Account:
    """The signed-in user; ``quota`` is the remaining balance in quota units."""

    id: int
    username: str
    display_name: str = ""
    group: str = ""
    quota: int = 0
    used_quota: int = 0
    request_count: int = 0


@dataclass(frozen=True)
class ChatLink:
    """A "copy / open in client" template from the site (``{key}`` and ``{address}`` placeholders)."""

    name: str
    template: str


@dataclass(frozen=True)
class SiteStatus:
    """The public ``/api/status`` facts the client and the UI need, plus the detected flavour."""

    system_name: str = ""
    version: str = ""
    quota_per_unit: int = 500_000
    display_in_currency: bool = True
    turnstile_check: bool = False
    server_address: str = ""
    flavor: Flavor = Flavor.ONE_API
    quota_display_type: str = "USD"
    usd_exchange_rate: float = 7.3
    chat_link: str = ""
    chats: tuple[ChatLink, ...] = field(default_factory=tuple)
    password_login_enabled: bool = True
    checkin_enabled: bool = False  # New API's daily check-in, when the site's administrator turned it on
    # A hint from /api/status; the sign-in answer itself is what settles it (see OpenKeyClient.auth_scheme).
    auth_scheme: AuthScheme = AuthScheme.COOKIE

    def currency(self) -> tuple[str, Decimal]:
        """The symbol and the rate per US dollar the site shows money in (contract §7)."""
        if self.quota_display_type == "CNY":
            return "¥", Decimal(str(self.usd_exchange_rate))
        return "$", Decimal(1)


def with_prefix(key: str) -> str:
    """Servers store keys without ``sk-``; users and SDKs always see it."""
    return key if key.startswith(KEY_PREFIX) else KEY_PREFIX + key


def is_masked_key(raw_key: str) -> bool:
    """New API masks keys as ``abcd**********wxyz`` (contract §9.4)."""
    bare = raw_key[len(KEY_PREFIX) :] if raw_key.startswith(KEY_PREFIX) else raw_key
    return "*" in bare or len(bare) < FULL_KEY_LENGTH
