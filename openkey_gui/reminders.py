"""Which reminders are due: tokens about to expire or run dry, and a low account balance.

Pure Python so the rules are tested without a tray. Each reminder has a key naming the token and the
threshold it crossed; the caller remembers the keys it has shown (across restarts), so a reminder
fires once, and fires again only when a new threshold is crossed (say, after the expiry was extended
and approaches again).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from openkey_gui.api.models import Account, Token, TokenStatus
from openkey_gui.token_labels import distinct_labels

EXPIRY_WINDOW = timedelta(days=3)
LOW_QUOTA_FRACTION = 0.10


class ReminderKind(str, enum.Enum):
    """What a reminder is about; the value is part of the key remembered for it."""

    EXPIRY = "expiry"
    QUOTA = "quota"
    BALANCE = "balance"


@dataclass(frozen=True)
class Reminder:
    """One notification."""

    key: str
    kind: ReminderKind
    token_id: int | None
    token_name: str
    expires_at: datetime | None = None
    remaining_fraction: float | None = None
    balance: int | None = None


def due_reminders(
    tokens: Iterable[Token],
    account: Account | None,
    *,
    account_key: str,
    now: datetime,
    balance_threshold: int = 0,
) -> list[Reminder]:
    """Every reminder that applies now (already-shown ones included; the caller filters by key)."""
    found: list[Reminder] = []
    tokens = list(tokens)
    labels = distinct_labels(tokens)  # "laptop …E464" where two tokens are called "laptop"
    for token in tokens:
        if token.status_at(now) is not TokenStatus.ENABLED:
            continue  # disabled, expired or exhausted tokens are the user's choice or already visible
        if token.expires_at is not None and token.expires_at - now <= EXPIRY_WINDOW:
            found.append(Reminder(
                key=f"{account_key}|expiry|{token.id}|{int(token.expires_at.timestamp())}",
                kind=ReminderKind.EXPIRY, token_id=token.id, token_name=labels[token.id], expires_at=token.expires_at,
            ))
        total = token.remain_quota + token.used_quota
        if not token.unlimited and total > 0 and token.remain_quota < LOW_QUOTA_FRACTION * total:
            found.append(Reminder(
                key=f"{account_key}|quota|{token.id}|{total}",
                kind=ReminderKind.QUOTA, token_id=token.id, token_name=labels[token.id],
                remaining_fraction=token.remain_quota / total,
            ))
    if account is not None and balance_threshold > 0 and account.quota < balance_threshold:
        found.append(Reminder(
            key=f"{account_key}|balance|{balance_threshold}", kind=ReminderKind.BALANCE, token_id=None,
            token_name="", balance=account.quota,
        ))
    return found
