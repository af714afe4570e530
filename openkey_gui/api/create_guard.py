"""A create that never happens twice: reconciling a POST whose answer was lost.

A second POST makes a second token, and the user pays for two keys they did not ask for. So the ids of
the tokens that already carry the name are noted first (a cheap query), and when the answer to the POST
is lost (timeout, broken connection, gateway error) the list is checked for a token of that name that
was not there before and was created after the request started. Found: it is returned as if the answer
had arrived. Not found: the error says that nothing was created. Still unknown (the check failed, or the
server may yet act on a late request): the attempt is kept in an ``UnsettledCreates`` registry, and the
next create of the same name on this site, by this client or a new one after a re-sign-in, checks again
before it sends anything.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from openkey_gui.api.errors import (
    ApiError,
    AuthError,
    CreateOutcome,
    ErrorKind,
    NetworkError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from openkey_gui.api.listing import TokenLister
from openkey_gui.api.models import Token, TokenDraft
from openkey_gui.api.parse import as_int, parse_token
from openkey_gui.api.transport import ConnectFailed, Transport

CLOCK_SKEW_SECONDS = 300.0  # the server's created_time may run this far behind our clock
SETTLE_MIN_SECONDS = 3.0
SETTLE_MAX_EXTRA_SECONDS = 15.0
UNSETTLED_TTL_SECONDS = 3600.0

log = logging.getLogger(__name__)

#: Whose tokens a create touches: (site address, user id).
Scope = tuple[str, int | None]


@dataclass(frozen=True)
class CreateAttempt:
    """One POST of a create: what is needed to recognise its token in a later list."""

    scope: Scope
    name: str
    started: float  # wall clock, compared with the server's created_time
    started_mono: float
    before: frozenset[int] | None


class UnsettledCreates:
    """Creates whose outcome is still unknown, per (site, user) and name.

    One registry is shared by every client of a process (``UnsettledCreates.shared()``): after a session
    expires the app signs in with a new client, and that one must still check before it repeats a create
    the old one could not confirm. Tests pass their own.
    """

    _shared: UnsettledCreates | None = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[tuple[Scope, str], CreateAttempt] = {}

    @classmethod
    def shared(cls) -> UnsettledCreates:
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def add(self, attempt: CreateAttempt) -> None:
        with self._lock:
            self._prune()
            self._items[(attempt.scope, attempt.name)] = attempt

    def get(self, scope: Scope, name: str) -> CreateAttempt | None:
        with self._lock:
            self._prune()
            return self._items.get((scope, name))

    def discard(self, attempt: CreateAttempt) -> None:
        with self._lock:
            if self._items.get((attempt.scope, attempt.name)) is attempt:
                del self._items[(attempt.scope, attempt.name)]

    def _prune(self) -> None:
        oldest = time.monotonic() - UNSETTLED_TTL_SECONDS
        for key in [k for k, a in self._items.items() if a.started_mono < oldest]:
            del self._items[key]


class CreateGuard:
    """Sends one create and settles what became of it; see the module docstring."""

    def __init__(self, http: Transport, lister: TokenLister, registry: UnsettledCreates,
                 scope: Callable[[], Scope]) -> None:
        self._http = http
        self._lister = lister
        self._registry = registry
        self._scope = scope

    def create(self, draft: TokenDraft, body: dict[str, Any], finish: Callable[[Token], Token]) -> Token:
        """POST ``body`` for ``draft`` and return the token made, passed through ``finish`` (the reveal)."""
        scope = self._scope()
        earlier = self._registry.get(scope, draft.name)
        if earlier is not None:  # an earlier create of this name ended unknown: it may have landed since
            try:  # (and while that request may still be running on the server, keep looking)
                found = self._poll_created(earlier, earlier.started_mono + self.settle_seconds())
            except ApiError as exc:
                raise annotated(exc, f"The earlier attempt to create “{draft.name}” is still unconfirmed, "
                                     "so nothing new was sent.",
                                CreateOutcome.EARLIER_UNCONFIRMED, draft.name) from None
            self._registry.discard(earlier)
            if found is not None:
                log.info("create: an earlier unconfirmed create turned out to have worked (token %d)", found.id)
                return finish(found)
        before = self._name_snapshot(draft.name)
        attempt = CreateAttempt(scope=scope, name=draft.name, started=time.time(),
                                started_mono=time.monotonic(), before=before)
        try:
            envelope = self._http.call("POST", "/api/token/", json_body=body)
        except ConnectFailed as exc:  # the request never reached the server: nothing to reconcile
            raise annotated(exc, f"The token “{draft.name}” was not created; it is safe to try again.",
                            CreateOutcome.NOT_CREATED_RETRY_SAFE, draft.name) from None
        except RateLimitError as exc:  # turned away at the door: the server did not act on it
            raise annotated(exc, f"The token “{draft.name}” was not created.", CreateOutcome.NOT_CREATED,
                            draft.name) from None
        except (NetworkError, ServerError) as exc:
            return self._settle(attempt, exc, finish)
        data = envelope.get("data")
        if isinstance(data, dict) and as_int(data.get("id"), -1) >= 0:
            token = parse_token(data)
        else:
            token = self._find_created(draft, before)
        return finish(token)

    def settle_seconds(self) -> float:
        """How long after the POST started a late create is still looked for: the timeout, then some more."""
        timeout = float(self._http.timeout)
        return timeout + min(max(timeout, SETTLE_MIN_SECONDS), SETTLE_MAX_EXTRA_SECONDS)

    def _find_created(self, draft: TokenDraft, before: frozenset[int] | None = None) -> Token:
        """New API's create answer has no id: the token of that name that was not there before is the new one.

        ``before`` holds the ids that carried the name just before the POST; without it (the snapshot
        failed) the newest token of that name is taken, which is right unless another device made one of
        the same name in the same second.
        """
        def fresh(tokens: Iterable[Token]) -> list[Token]:
            return [t for t in tokens if t.name == draft.name and (before is None or t.id not in before)]

        candidates = fresh(self._lister.recent_with_name(draft.name))
        if not candidates:
            candidates = fresh(self._lister.list_all())
        if not candidates:
            raise ServerError(
                "The site said the token was created, but it is not in the list. Refresh to check.",
                kind=ErrorKind.CREATED_NOT_LISTED, params={"token_name": draft.name},
            )
        return max(candidates, key=lambda t: t.id)

    def _name_snapshot(self, name: str) -> frozenset[int]:
        """Ids that already carry ``name``, so that a later check can tell our token from older ones.

        Taken before the POST; if it cannot be taken, nothing is sent: a create whose answer might then
        be lost could not be told apart from an older token of the same name.
        """
        try:
            return frozenset(t.id for t in self._lister.recent_with_name(name))
        except AuthError as exc:  # the sign-in comes first; "try again" would only fail the same way
            raise annotated(exc, f"The token “{name}” was not created.", CreateOutcome.NOT_CREATED, name) from None
        except ApiError as exc:
            raise annotated(exc, f"The token “{name}” was not created; it is safe to try again.",
                            CreateOutcome.NOT_CREATED_RETRY_SAFE, name) from None

    def _created_by(self, attempt: CreateAttempt) -> Token | None:
        """The token ``attempt`` made, if the list shows one: right name, new id, created after it started."""
        earliest = attempt.started - CLOCK_SKEW_SECONDS
        candidates = [
            t for t in self._lister.recent_with_name(attempt.name)
            if (attempt.before is None or t.id not in attempt.before)
            and (t.created_at.timestamp() >= earliest if t.created_at is not None else attempt.before is not None)
        ]
        return min(candidates, key=lambda t: t.id) if candidates else None

    def _settle(self, attempt: CreateAttempt, error: ApiError, finish: Callable[[Token], Token]) -> Token:
        """After a create whose answer was lost: return the token if the list shows it, else say what is known.

        A lost answer (``NetworkError``) may belong to a request the server is still working on, so the list
        is checked a few times over a short window before "not created" is said; a server that answered
        with an error (5xx, a proxy's page) is done with the request, and one check is enough.
        """
        still_running = isinstance(error, NetworkError)
        self._registry.add(attempt)
        deadline = attempt.started_mono + (self.settle_seconds() if still_running else 0.0)
        reason = first_sentence(error.message)
        try:
            found = self._poll_created(attempt, deadline)
        except AuthError as exc:
            raise AuthError(
                f"{exc.message} Whether the token “{attempt.name}” was created is not known yet: after you "
                "sign in, the list is checked before anything is sent again.",
                **_with_outcome(exc, CreateOutcome.UNKNOWN_UNTIL_SIGN_IN, attempt.name),
            ) from None
        except ApiError:
            raise NetworkError(
                f"{reason}. Whether the token “{attempt.name}” was created could not be checked. Refresh the "
                "list before creating it again (a new attempt checks first, so it will not make a second one).",
                **_with_outcome(error, CreateOutcome.NOT_CHECKED, attempt.name),
            ) from None
        if found is not None:
            self._registry.discard(attempt)
            log.info("create: the answer was lost (%s) but the list shows the new token %d",
                     type(error).__name__, found.id)
            return finish(found)
        if not still_running:
            self._registry.discard(attempt)
            raise annotated(error, f"The token “{attempt.name}” was not created; it is safe to try again.",
                            CreateOutcome.NOT_CREATED_RETRY_SAFE, attempt.name)
        # Kept in the registry: should the server still act on the request, the next attempt finds its token.
        raise NetworkError(
            f"{reason}. The token “{attempt.name}” has not appeared in the list, so it was not created; "
            "it is safe to try again (a new attempt checks the list once more first).",
            **_with_outcome(error, CreateOutcome.NOT_LISTED_RETRY_SAFE, attempt.name),
        )

    def _poll_created(self, attempt: CreateAttempt, deadline: float) -> Token | None:
        """``_created_by``, asked again with growing pauses until found or ``deadline`` (monotonic) passes."""
        pause = 0.2
        while True:
            found = self._created_by(attempt)
            remaining = deadline - time.monotonic()
            if found is not None or remaining <= 0:
                return found
            time.sleep(min(pause, remaining))
            pause = min(pause * 1.5, 1.0)


def first_sentence(message: str) -> str:
    """ "x did not answer within 1 s" out of a longer message, to lead a more specific one."""
    head = message.split(". ", 1)[0].strip()
    return head[:-1] if head.endswith(".") else head


def _with_outcome(error: ApiError, outcome: CreateOutcome, name: str) -> dict[str, Any]:
    """``error``'s facts with what became of the token named ``name``, for a new error to carry."""
    facts = error.facts()
    facts["params"] = {**error.params, "token_name": name}
    facts["outcome"] = outcome
    return facts


def annotated(error: ApiError, note: str, outcome: CreateOutcome, name: str) -> ApiError:
    """The same kind of failure with one more sentence telling the user what became of their token."""
    text = error.message.rstrip()
    text = f"{text}{'' if text.endswith(('.', '!', '?', '…', '。', '！', '？')) else '.'} {note}"
    facts = _with_outcome(error, outcome, name)
    if isinstance(error, RateLimitError):
        return RateLimitError(text, retry_after=error.retry_after, **facts)
    if isinstance(error, ValidationError):
        return error
    try:
        return type(error)(text, **facts)
    except TypeError:  # a subclass with another constructor: the base class says the same
        return ApiError(text, **facts)
