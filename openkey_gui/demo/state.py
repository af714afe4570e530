"""The demo server's memory: the user, their tokens, sessions, the access token, rate-limit counters.

Requests arrive on many threads at once; every method takes the one re-entrant lock, and a handler
that needs several steps to be atomic (look up, check, change) holds ``state.lock`` around them.
Token rows are kept in the flavour's wire shape (full keys), so rendering is a copy plus masking.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]
Limit = tuple[int, float]


@dataclass
class Session:
    """A cookie session; ``pending_2fa`` sessions only prove the password, not the login."""

    user_id: int
    pending_2fa: bool = False


class RateLimiter:
    """Sliding window per key, like the servers' in-memory limiter: a refused call is not counted.

    Counting refusals would let a client that backs off badly lock itself out for good, which the
    real servers do not do.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, limit: Limit | None) -> bool:
        if limit is None:
            return True
        count, seconds = limit
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= seconds:
                hits.popleft()
            if len(hits) >= count:
                return False
            hits.append(now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


class DemoState:
    """Everything the server remembers between requests."""

    def __init__(
        self,
        *,
        user: dict[str, Any],
        tokens: Iterable[Row],
        access_token: str,
        backup_codes: Iterable[str] = (),
    ) -> None:
        self.lock = threading.RLock()
        self.limiter = RateLimiter()
        self._user = user
        # Insertion order is id order, so reversing the values gives "id desc" without sorting.
        self._tokens: dict[int, Row] = {row["id"]: row for row in tokens}
        self._next_id = max(self._tokens, default=0) + 1
        self._access_token = access_token
        self._access_token_valid = True
        self._sessions: dict[str, Session] = {}
        self._backup_codes = set(backup_codes)

    # --- the user -------------------------------------------------------------------------------

    @property
    def user(self) -> dict[str, Any]:
        with self.lock:
            return dict(self._user)

    def set_user_field(self, name: str, value: Any) -> None:
        with self.lock:
            self._user[name] = value

    def check_password(self, login: str, password: str) -> dict[str, Any] | None:
        """Username first, then e-mail, like One API's ``ValidateAndFill``."""
        with self.lock:
            user = self._user
            if login not in (user["username"], user["email"]):
                return None
            if not secrets.compare_digest(password.encode(), user["password"].encode()):
                return None
            return dict(user)

    def use_second_factor(self, code: str, totp: str) -> bool:
        """The TOTP code always works; a backup code works once."""
        with self.lock:
            if secrets.compare_digest(code.encode(), totp.encode()):
                return True
            if code in self._backup_codes:
                self._backup_codes.discard(code)
                return True
            return False

    # --- credentials ----------------------------------------------------------------------------

    @property
    def access_token(self) -> str:
        with self.lock:
            return self._access_token

    def set_access_token(self, token: str) -> None:
        with self.lock:
            self._access_token = token
            self._access_token_valid = True

    def user_for_access_token(self, token: str) -> dict[str, Any] | None:
        with self.lock:
            if not token or not self._access_token_valid:
                return None
            if not secrets.compare_digest(token.encode(), self._access_token.encode()):
                return None
            return dict(self._user)

    def new_session(self, user_id: int, *, pending_2fa: bool = False) -> str:
        session_id = secrets.token_urlsafe(32)
        with self.lock:
            self._sessions[session_id] = Session(user_id=user_id, pending_2fa=pending_2fa)
        return session_id

    def session(self, session_id: str) -> Session | None:
        with self.lock:
            return self._sessions.get(session_id)

    def complete_session(self, session_id: str) -> None:
        with self.lock:
            session = self._sessions.get(session_id)
            if session is not None:
                session.pending_2fa = False

    def user_for_session(self, session_id: str) -> dict[str, Any] | None:
        with self.lock:
            session = self._sessions.get(session_id)
            if session is None or session.pending_2fa or session.user_id != self._user["id"]:
                return None
            return dict(self._user)

    def drop_session(self, session_id: str) -> None:
        with self.lock:
            self._sessions.pop(session_id, None)

    def expire_credentials(self) -> None:
        """Every session ends and the access token stops working until it is rotated."""
        with self.lock:
            self._sessions.clear()
            self._access_token_valid = False

    # --- tokens -----------------------------------------------------------------------------------

    def rows(self, user_id: int) -> list[Row]:
        """The user's live rows, newest first; hold ``lock`` while using them."""
        with self.lock:
            return [row for row in reversed(self._tokens.values()) if row["user_id"] == user_id]

    def count(self, user_id: int) -> int:
        with self.lock:
            return sum(1 for row in self._tokens.values() if row["user_id"] == user_id)

    def row(self, user_id: int, token_id: int) -> Row | None:
        """The live row, or ``None`` when it is missing or someone else's (both are "not found")."""
        with self.lock:
            row = self._tokens.get(token_id)
            if row is None or row["user_id"] != user_id:
                return None
            return row

    def row_with_key(self, key: str) -> Row | None:
        """The live row whose key is ``key`` (any user's: a relay call names no user); hold ``lock``."""
        wanted = key.encode()
        with self.lock:
            return next((row for row in self._tokens.values()
                         if secrets.compare_digest(row["key"].encode(), wanted)), None)

    def insert(self, row: Row) -> Row:
        with self.lock:
            row["id"] = self._next_id
            self._next_id += 1
            self._tokens[row["id"]] = row
            return row

    def delete(self, user_id: int, token_ids: Iterable[int]) -> int:
        with self.lock:
            deleted = 0
            for token_id in token_ids:
                if self.row(user_id, token_id) is not None:
                    del self._tokens[token_id]
                    deleted += 1
            return deleted

    def snapshot(self) -> list[Row]:
        """Copies of every row, newest first; values are immutable, so a shallow copy is deep."""
        with self.lock:
            return [dict(row) for row in reversed(self._tokens.values())]
