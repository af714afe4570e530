"""When the daily check-in may be sent: never more than once a day per account.

Pure Python so the rule is tested without Qt. The day is the user's local calendar day; the last day
each account checked in (or the site said it already had) is remembered in the settings, by account,
so a restart, a second window or the automatic check-in cannot send a second one the same day. A site
that counts days in another time zone may still refuse ("今日已签到"); that answer is taken as "done
today" too. An automatic try that failed for another reason (the site was down) is not repeated the
same day either, so an unreachable site is not asked every minute; the user can still check in by hand.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class CheckinDecision(str, enum.Enum):
    """What to do about a check-in now."""

    SEND = "send"
    DONE_TODAY = "done_today"  # this account has checked in today already: nothing is sent
    NOT_OFFERED = "not_offered"  # the site has no check-in (One API, or New API with it off)
    AUTO_OFF = "auto_off"  # the automatic check-in is not wanted
    TRIED_TODAY = "tried_today"  # the automatic try failed today: wait for tomorrow (or the user)


@dataclass(frozen=True)
class CheckinDay:
    """One account's facts: whether its site offers check-in, and its last check-in day (None: never)."""

    offered: bool
    last_day: date | None


def by_hand(account: CheckinDay, today: date) -> CheckinDecision:
    """The user asked (the Check in action)."""
    if not account.offered:
        return CheckinDecision.NOT_OFFERED
    if account.last_day is not None and account.last_day >= today:
        return CheckinDecision.DONE_TODAY
    return CheckinDecision.SEND


def automatic(account: CheckinDay, today: date, *, wanted: bool, tried_day: date | None) -> CheckinDecision:
    """The preference "check in automatically once a day" asks (at sign-in and as the day turns)."""
    if not wanted:
        return CheckinDecision.AUTO_OFF
    decision = by_hand(account, today)
    if decision is CheckinDecision.SEND and tried_day is not None and tried_day >= today:
        return CheckinDecision.TRIED_TODAY
    return decision


def parse_day(text: object) -> date | None:
    """A remembered ``YYYY-MM-DD``; anything else (an older or hand-edited file) reads as never."""
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
