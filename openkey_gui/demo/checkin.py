"""New API's daily check-in, as the recorded exchanges show it (fixtures new-api-2026-04 u87–u93,
new-api-2026-08 039–044; contract "Check-in").

- ``GET /api/user/checkin``: 200 ``success:false`` "签到功能未启用" while the site has it off; else
  ``{enabled, min_quota, max_quota, stats: {checked_in_today, checkin_count, records, total_checkins,
  total_quota}}`` (no ``message`` key, like the recording).
- ``POST /api/user/checkin``: ``{checkin_date: "YYYY-MM-DD", quota_awarded}`` with "签到成功"; the quota is
  added to the user's balance. A second try the same day: ``success:false`` "今日已签到". With Turnstile
  on, the POST needs a ``turnstile`` token like the login does.

The shape of one ``records`` entry is *inferred* (every recording has an empty list): the date and the
quota of one check-in, the two fields the POST answers with. The day is the server's local date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from openkey_gui.demo.flavors import TURNSTILE_EMPTY
from openkey_gui.demo.wire import Reply, Request, fail, json_reply, ok

if TYPE_CHECKING:
    from openkey_gui.demo.routes import DemoApi

CHECKIN_DISABLED = "签到功能未启用"
CHECKED_IN_TODAY = "今日已签到"
CHECKIN_DONE = "签到成功"
MIN_QUOTA = 1000  # the server's defaults (042: min_quota 1000, max_quota 10000)
MAX_QUOTA = 10_000


@dataclass(frozen=True)
class Checkin:
    day: date
    quota: int


class CheckinBook:
    """Who checked in when, and what it brought; ``today`` is the server's clock (tests move it)."""

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        self.today = today
        self._records: dict[int, list[Checkin]] = {}
        self._lock = threading.Lock()

    def records(self, user_id: int) -> list[Checkin]:
        with self._lock:
            return list(self._records.get(user_id, ()))

    def checked_in_today(self, user_id: int) -> bool:
        day = self.today()
        return any(record.day == day for record in self.records(user_id))

    def add(self, user_id: int, quota: int) -> Checkin | None:
        """The day's check-in, or None when the user already has one today."""
        day = self.today()
        with self._lock:
            records = self._records.setdefault(user_id, [])
            if any(record.day == day for record in records):
                return None
            record = Checkin(day, quota)
            records.append(record)
            return record

    def stats(self, user_id: int) -> dict[str, Any]:
        records = self.records(user_id)
        day = self.today()
        month = [r for r in records if (r.day.year, r.day.month) == (day.year, day.month)]
        return {
            "checked_in_today": any(r.day == day for r in records),
            "checkin_count": len(month),
            "records": [{"checkin_date": r.day.isoformat(), "quota_awarded": r.quota} for r in month],
            "total_checkins": len(records),
            "total_quota": sum(r.quota for r in records),
        }


def get_checkin(api: DemoApi, request: Request) -> Reply:
    if not api.config.checkin:
        return fail(CHECKIN_DISABLED)
    data = {"enabled": True, "max_quota": MAX_QUOTA, "min_quota": MIN_QUOTA,
            "stats": api.checkins.stats(api.user_id(request))}
    return json_reply({"data": data, "success": True})


def do_checkin(api: DemoApi, request: Request) -> Reply:
    if not api.config.checkin:
        return fail(CHECKIN_DISABLED)
    if api.site.turnstile and not request.arg("turnstile"):
        return fail(TURNSTILE_EMPTY)
    user_id = api.user_id(request)
    with api.state.lock:  # the award and the balance change are one step
        record = api.checkins.add(user_id, api.key_rng.randint(MIN_QUOTA, MAX_QUOTA))
        if record is None:
            return fail(CHECKED_IN_TODAY)
        api.state.set_user_field("quota", api.state.user["quota"] + record.quota)
    return ok({"checkin_date": record.day.isoformat(), "quota_awarded": record.quota}, CHECKIN_DONE)
