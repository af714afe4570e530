"""New API's daily check-in: ask whether the site offers it and whether today's is done, then check in.

Only New API has it, and only when the site's administrator turns it on (``/api/status``
``checkin_enabled``; contract "Check-in", fixtures new-api-2026-04 u87–u93 and new-api-2026-08
039–044). ``GET /api/user/checkin`` tells the range of the award and whether today's check-in is done;
``POST /api/user/checkin`` checks in and answers the day and the quota awarded. A refusal (check-in
off, already checked in today, a captcha needed) arrives as the transport's ``REFUSED`` error with the
site's own words, which the UI recognises and says in its language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openkey_gui.api.errors import ApiError, ErrorKind, ServerError
from openkey_gui.api.models import Flavor
from openkey_gui.api.parse import as_bool, as_int, as_str
from openkey_gui.api.transport import Transport

CHECKIN_PATH = "/api/user/checkin"


@dataclass(frozen=True)
class CheckinStatus:
    """What ``GET /api/user/checkin`` says: the award's range and the account's record."""

    enabled: bool
    min_quota: int
    max_quota: int
    checked_in_today: bool
    total_checkins: int
    total_quota: int


@dataclass(frozen=True)
class CheckinResult:
    """One check-in done: the site's day (``None`` if it did not say a readable one) and the quota gained."""

    day: date | None
    quota_awarded: int


def parse_checkin_status(data: object) -> CheckinStatus:
    if not isinstance(data, dict):
        raise ServerError("The site's check-in answer could not be read.", kind=ErrorKind.UNREADABLE_ANSWER,
                          params={"what": "check-in"})
    stats = data.get("stats") if isinstance(data.get("stats"), dict) else {}
    return CheckinStatus(
        enabled=as_bool(data.get("enabled")),
        min_quota=max(as_int(data.get("min_quota")), 0),
        max_quota=max(as_int(data.get("max_quota")), 0),
        checked_in_today=as_bool(stats.get("checked_in_today")),
        total_checkins=max(as_int(stats.get("total_checkins")), 0),
        total_quota=max(as_int(stats.get("total_quota")), 0),
    )


def parse_checkin_result(data: object) -> CheckinResult:
    """``{checkin_date, quota_awarded}``; an answer without a readable award is refused, since the user is
    told the quota gained and a made-up 0 would be a wrong fact."""
    quota = as_int(data.get("quota_awarded"), -1) if isinstance(data, dict) else -1
    if quota < 0:
        raise ServerError("The site did not say what the check-in brought.", kind=ErrorKind.UNREADABLE_ANSWER,
                          params={"what": "check-in"})
    assert isinstance(data, dict)
    try:
        day: date | None = date.fromisoformat(as_str(data.get("checkin_date")))
    except ValueError:
        day = None
    return CheckinResult(day=day, quota_awarded=quota)


class DailyCheckin:
    """The two check-in calls of one signed-in client."""

    def __init__(self, http: Transport, flavor: Callable[[], Flavor]) -> None:
        self._http = http
        self._flavor = flavor

    def status(self) -> CheckinStatus:
        self._require_new_api()
        return parse_checkin_status(self._http.call("GET", CHECKIN_PATH).get("data"))

    def check_in(self) -> CheckinResult:
        """One POST, never retried: a second one the same day is refused, and a lost answer is settled by
        asking ``status`` (``checked_in_today``), not by sending again."""
        self._require_new_api()
        return parse_checkin_result(self._http.call("POST", CHECKIN_PATH).get("data"))

    def _require_new_api(self) -> None:
        if self._flavor() is not Flavor.NEW_API:
            raise ApiError("This site has no daily check-in.", kind=ErrorKind.NOT_SUPPORTED,
                           params={"host": self._http.host})
