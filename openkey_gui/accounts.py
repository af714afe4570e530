"""Every remembered account at once: their order, their live sessions and their token lists, in memory.

The window shows one account's tokens at a time, but all of them stay signed in: each ``AccountSlot``
holds its own ``SignedIn`` (client, session, keyring entry), the account as last loaded and its token
list, so switching shows that list at once without asking the network. ``LoadGate`` keeps the number
of sites being signed in or listed at the same time bounded (start-up with ten accounts must not open
ten connections at once, nor starve the pool the user's own clicks run on).

No Qt here: ``ui/account_hub.py`` runs the network calls in the background and tells the widgets;
other rooms (the quick-access palette, the daily check-in) read ``AccountSet.accounts()``.
"""

from __future__ import annotations

import enum
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from openkey_gui.api import Account, OpenKeyClient, Token, TokenStatus
from openkey_gui.api.errors import ApiError
from openkey_gui.credentials import CredentialStore
from openkey_gui.session import SignedIn, SignInRequest, sign_in

MAX_IN_FLIGHT = 4
# Between two loads' starts. Python threads share one interpreter lock: four sign-ins started in the same
# instant parse their answers in the same instant too, and the GUI thread waits its turn for every call
# into Python while it paints (bench/accounts.py: a 30-50 ms freeze, against 10-20 ms with the starts
# spaced). A real site answers in far more than this, so four are still in flight at once.
START_SPACING_S = 0.04
# A background refresh (nobody waits for it) shares the bound, but no more than this many run at once:
# four parsing lists together take the interpreter lock from the GUI thread (bench/accounts.py: the
# longest stall while 10 accounts refresh, about 110 ms with four, about 30 ms with one or two).
BACKGROUND_IN_FLIGHT = 2
EXPIRY_SOON = timedelta(days=3)


class AccountState(enum.Enum):
    """What an account's row says about it."""

    SIGNING_IN = "signing_in"  # a sign-in or the first listing is under way
    OK = "ok"  # signed in; its list is as last loaded
    ERROR = "error"  # the last sign-in or refresh failed (``AccountSlot.error`` says why)
    SIGNED_OUT = "signed_out"  # remembered, but no credential to sign in with (the user must type it)


@dataclass
class AccountSlot:
    """One account: who it is, its live session (once signed in) and what was last loaded from it."""

    key: str  # the keyring entry's name: site URL + user name
    server_url: str
    username: str
    label: str = ""  # the user's own name for the account ("" means: the site's name)
    session: SignedIn | None = None
    account: Account | None = None
    tokens: list[Token] | None = None  # None until the first listing arrived
    state: AccountState = AccountState.SIGNING_IN
    error: BaseException | None = None
    refreshed_at: datetime | None = None
    demo: bool = False
    spent_today: int | None = None  # quota spent since midnight UTC, when the site's log can tell

    @property
    def client(self) -> OpenKeyClient | None:
        return self.session.client if self.session is not None else None

    @property
    def site_name(self) -> str:
        """The site's own name once signed in, else its host."""
        if self.session is not None and self.session.site.system_name:
            return self.session.site.system_name
        return self.server_url.split("://", 1)[-1].rstrip("/")

    @property
    def display_name(self) -> str:
        """What rows, menus and notifications call the account: the user's label, else the site's name."""
        return self.label or self.site_name

    @property
    def loaded(self) -> bool:
        return self.session is not None and self.tokens is not None

    def signed_in(self, session: SignedIn, account: Account | None, tokens: list[Token] | None,
                  now: datetime | None = None) -> None:
        self.session = session
        if account is not None:
            self.account = account
        if tokens is not None:
            self.tokens = list(tokens)
            self.refreshed_at = now or datetime.now(timezone.utc)
        self.state = AccountState.OK
        self.error = None

    def failed(self, error: BaseException) -> None:
        self.state = AccountState.ERROR
        self.error = error

    def token_count(self) -> int:
        return len(self.tokens or [])

    def expiring_soon(self, now: datetime | None = None) -> int:
        return len(expiring_within(self.tokens or [], now=now))

    # -- the token list follows what the window did to it -------------------------------------------

    def put_token(self, token: Token) -> None:
        if self.tokens is None:
            return
        for index, old in enumerate(self.tokens):
            if old.id == token.id:
                self.tokens[index] = token
                return
        self.tokens.insert(0, token)

    def drop_token(self, token_id: int) -> None:
        if self.tokens is not None:
            self.tokens = [t for t in self.tokens if t.id != token_id]


def expiring_within(tokens: Iterable[Token], *, now: datetime | None = None,
                    within: timedelta = EXPIRY_SOON) -> list[Token]:
    """Usable tokens whose expiry falls within ``within`` from now (already expired ones do not count)."""
    now = now or datetime.now(timezone.utc)
    return [t for t in tokens if t.expires_at is not None and now < t.expires_at <= now + within
            and t.effective_status is TokenStatus.ENABLED]


class AccountSet:
    """The accounts in the user's order, and which one the window shows."""

    def __init__(self) -> None:
        self._slots: list[AccountSlot] = []
        self.selected_key: str = ""

    def accounts(self) -> list[AccountSlot]:
        """Every account in the user's order (signed in or not; see ``signed_in``)."""
        return list(self._slots)

    def signed_in(self) -> list[AccountSlot]:
        """The accounts with a live session: what the palette and the check-in work on."""
        return [slot for slot in self._slots if slot.session is not None]

    def keys(self) -> list[str]:
        return [slot.key for slot in self._slots]

    def get(self, key: str) -> AccountSlot | None:
        return next((slot for slot in self._slots if slot.key == key), None)

    def at(self, index: int) -> AccountSlot | None:
        return self._slots[index] if 0 <= index < len(self._slots) else None

    def index_of(self, key: str) -> int:
        return next((i for i, slot in enumerate(self._slots) if slot.key == key), -1)

    @property
    def selected(self) -> AccountSlot | None:
        return self.get(self.selected_key) if self.selected_key else None

    def add(self, slot: AccountSlot) -> AccountSlot:
        """Add at the end; an account already there keeps its place (and is returned)."""
        existing = self.get(slot.key)
        if existing is not None:
            return existing
        self._slots.append(slot)
        return slot

    def remove(self, key: str) -> AccountSlot | None:
        slot = self.get(key)
        if slot is None:
            return None
        index = self._slots.index(slot)
        self._slots.remove(slot)
        if self.selected_key == key:
            neighbour = self.at(min(index, len(self._slots) - 1))
            self.selected_key = neighbour.key if neighbour is not None else ""
        return slot

    def move(self, key: str, step: int) -> bool:
        """Move one place up (-1) or down (+1); False when it is already at that end."""
        index = self.index_of(key)
        target = index + step
        if index < 0 or not 0 <= target < len(self._slots):
            return False
        self._slots[index], self._slots[target] = self._slots[target], self._slots[index]
        return True

    def reorder(self, keys: Sequence[str]) -> None:
        """Put the accounts in ``keys``' order; accounts not named keep their order after them."""
        rank = {key: i for i, key in enumerate(keys)}
        self._slots.sort(key=lambda slot: rank.get(slot.key, len(rank)))

    def distinct_names(self) -> dict[str, str]:
        """Account key → "name — user", with the site's address where two accounts would read the same
        (two demo sites, or two sites that kept the software's default name)."""
        names = {slot.key: f"{slot.display_name} — {slot.username}" for slot in self._slots}
        counts = Counter(names.values())
        return {slot.key: names[slot.key] if counts[names[slot.key]] == 1
                else f"{names[slot.key]} ({slot.server_url.split('://', 1)[-1].rstrip('/')})" for slot in self._slots}

    def tokens_of_all(self) -> list[tuple[AccountSlot, Token]]:
        """Every loaded token of every signed-in account, account by account in the user's order."""
        return [(slot, token) for slot in self._slots for token in (slot.tokens or [])]


@dataclass
class LoadGate:
    """At most ``limit`` loads at once, each started ``spacing`` seconds after the one before; the rest
    wait in order. Not thread-safe: the GUI thread drives it.

    ``later(seconds, pump)`` is how a spaced start is scheduled (a Qt timer in ``AccountHub``); without
    it, loads start at once, as many as there is room for."""

    limit: int = MAX_IN_FLIGHT
    background_limit: int = BACKGROUND_IN_FLIGHT
    spacing: float = 0.0
    later: Callable[[float, Callable[[], None]], None] | None = None
    clock: Callable[[], float] = time.monotonic
    _waiting: deque[tuple[str, Callable[[], None], int]] = field(default_factory=deque)  # key, start, bound
    _running: set[str] = field(default_factory=set)
    _last_start: float | None = None
    _pump_due: bool = False
    #: The most loads that were ever running together (the bench reports it).
    peak: int = 0

    @property
    def running(self) -> frozenset[str]:
        return frozenset(self._running)

    def busy(self, key: str) -> bool:
        return key in self._running or any(k == key for k, _, _ in self._waiting)

    def submit(self, key: str, start: Callable[[], None], *, background: bool = False) -> bool:
        """Run ``start()`` now if there is room, else when a running load finishes; False if ``key`` is
        already running or waiting (a second refresh of the same account adds nothing). A ``background``
        load starts only while fewer than ``background_limit`` loads run; others may pass it."""
        if self.busy(key):
            return False
        self._waiting.append((key, start, min(self.background_limit, self.limit) if background else self.limit))
        self._pump()
        return True

    def finished(self, key: str) -> None:
        self._running.discard(key)
        self._pump()

    def cancel(self, key: str) -> None:
        """Forget a waiting load (the account was removed); a running one ends by itself."""
        self._waiting = deque(entry for entry in self._waiting if entry[0] != key)

    def _pump(self) -> None:
        while (index := self._next_startable()) is not None:
            wait = self._wait_before_next()
            if wait > 0:
                if not self._pump_due and self.later is not None:
                    self._pump_due = True
                    self.later(wait, self._scheduled_pump)
                return
            key, start, _ = self._waiting[index]
            del self._waiting[index]
            self._running.add(key)
            self.peak = max(self.peak, len(self._running))
            self._last_start = self.clock()
            start()

    def _next_startable(self) -> int | None:
        """The first waiting load whose bound leaves room for it now."""
        return next((i for i, (_, _, bound) in enumerate(self._waiting) if len(self._running) < bound), None)

    def _scheduled_pump(self) -> None:
        self._pump_due = False
        self._pump()

    def _wait_before_next(self) -> float:
        if self.later is None or self.spacing <= 0 or self._last_start is None:
            return 0.0
        return self._last_start + self.spacing - self.clock()


@dataclass(frozen=True)
class Opened:
    """What signing a remembered account in (on a worker thread) gave: ``session`` is None when the
    keyring holds nothing for it, so only the user can sign it in."""

    session: SignedIn | None
    account: Account | None = None
    tokens: list[Token] | None = None


def spent_today(client: OpenKeyClient, now: datetime | None = None) -> int | None:
    """Quota spent since midnight UTC (one ``/api/log/self/stat`` call), or None when the site cannot
    tell (no such route, logs turned off). Network: worker threads only."""
    midnight = (now or datetime.now(timezone.utc)).replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        return client.usage.spent(start=midnight)
    except ApiError:
        return None


def load_lists(client: OpenKeyClient) -> tuple[Account, list[Token]]:
    """The account (balance) and every token: one refresh of one account. Network: worker threads only."""
    return client.account(), client.list_tokens()


def open_remembered(server_url: str, key: str, store: CredentialStore, *, timeout: float) -> Opened:
    """Keyring, sign-in and the first listing as one background step (each account its own client).

    A listing that fails after the sign-in closes the new client and raises: the row says why, and its
    retry signs in afresh.
    """
    credential = store.load(key)
    if credential is None:
        return Opened(None)
    session = sign_in(SignInRequest.from_credential(server_url, credential), store, timeout=timeout)
    try:
        account, tokens = load_lists(session.client)
    except BaseException:
        session.client.close()
        raise
    return Opened(session, account, tokens)
