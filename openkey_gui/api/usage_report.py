"""What the usage view shows: spend per day, the split by model and the request count, for the whole
account or one token, each within a small number of requests.

The cheapest exact source answers each question:

- **The whole account:** one per-model call (One API's dashboard, New API's hourly data) gives the
  spend per day, the split by model and the number of consume entries at once. One API's dashboard
  covers seven days only, so a 30-day view asks ``/api/log/self/stat`` once for each older day.
- **One token:** no server sums a token by day or model, so its log is read (filtered by its name) for
  at most ``max_pages`` pages. A log that ends within them gives every figure exactly; a longer one
  gives the newest days from the entries read, the older days from one stat call each, and the model
  split of the newest requests read, marked partial.

Days are UTC days, as the servers' own per-day sums are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from openkey_gui.api.models import Token
from openkey_gui.api.usage import DASHBOARD_DAYS, ModelUsage, UsageEntry, UsagePage, UsageReader

TOKEN_MAX_PAGES = 5
DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ModelRow:
    """One model's share of the period; prompt / completion are None where the site sums only both."""

    model: str
    requests: int
    prompt_tokens: int | None
    completion_tokens: int | None
    tokens: int
    quota: int


@dataclass
class UsageReport:
    """The figures of one scope (account or token) over ``days`` days ending today."""

    since: datetime
    days: int
    daily: list[int]  # quota spent per UTC day, oldest first
    daily_requests: list[int | None]  # requests per day, None where only the sum is known
    models: list[ModelRow] = field(default_factory=list)
    models_days: int = 0  # the days the model split covers (One API's dashboard: seven)
    models_partial: bool = False  # the split is of the newest requests only
    entries_in_week: int | None = None  # consume entries in the last seven days, when known
    first_page: UsagePage | None = None  # the newest requests, when they were read on the way
    requests: int = 0
    as_of: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def total(self) -> int:
        return sum(self.daily)


def period_start(now: datetime, days: int) -> datetime:
    """Midnight UTC ``days - 1`` days before ``now``: ``days`` whole days including today."""
    return (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)


def day_of(moment: datetime | None, since: datetime, days: int) -> int | None:
    """Which of the ``days`` days from ``since`` holds ``moment`` (0 = the first), or None."""
    if moment is None:
        return None
    index = (moment - since) // DAY
    return index if 0 <= index < days else None


def _sum_models(rows: Iterable[ModelUsage], *, with_parts: bool) -> list[ModelRow]:
    sums: dict[str, list[int]] = {}
    for row in rows:
        bucket = sums.setdefault(row.model, [0, 0, 0, 0, 0])
        bucket[0] += row.requests
        bucket[1] += row.prompt_tokens or 0
        bucket[2] += row.completion_tokens or 0
        bucket[3] += row.tokens
        bucket[4] += row.quota
    return sorted((ModelRow(model, b[0], b[1] if with_parts else None, b[2] if with_parts else None, b[3], b[4])
                   for model, b in sums.items()), key=lambda m: (-m.quota, m.model))


def models_of(entries: Iterable[UsageEntry]) -> list[ModelRow]:
    """The split by model of log entries, exact to the token and the quota unit."""
    return _sum_models((ModelUsage(e.created_at, e.model, 1, e.prompt_tokens + e.completion_tokens, e.quota,
                                   e.prompt_tokens, e.completion_tokens) for e in entries), with_parts=True)


def account_report(reader: UsageReader, *, days: int = 7, now: datetime | None = None) -> UsageReport:
    """The account's spend per day and per model: one request, plus one per day beyond the dashboard's
    seven on One API."""
    now = now or datetime.now(timezone.utc)
    since = period_start(now, days)
    rows = reader.by_model(start=since, end=now)
    report = UsageReport(since=since, days=days, daily=[0] * days, daily_requests=[0] * days, requests=1,
                         as_of=now)
    week_since = period_start(now, DASHBOARD_DAYS)
    in_window = [row for row in rows if day_of(row.period_start, since, days) is not None]
    for row in in_window:
        index = day_of(row.period_start, since, days)
        assert index is not None
        report.daily[index] += row.quota
        report.daily_requests[index] = (report.daily_requests[index] or 0) + row.requests
    dashboard = reader.dashboard_days()
    if dashboard is not None and days > dashboard:
        for index in range(days - dashboard):  # the days before the dashboard's: one sum each
            start = since + index * DAY
            report.daily[index] = reader.spent(start=start, end=start + DAY - timedelta(seconds=1))
            report.daily_requests[index] = None
            report.requests += 1
    report.models = _sum_models(in_window, with_parts=dashboard is not None)
    report.models_days = min(days, dashboard) if dashboard is not None else days
    report.entries_in_week = sum(row.requests for row in in_window
                                 if row.period_start is not None and row.period_start >= week_since)
    return report


def token_report(reader: UsageReader, token: Token, *, days: int = 7, now: datetime | None = None,
                 max_pages: int = TOKEN_MAX_PAGES) -> UsageReport:
    """One token's figures from its own log (``max_pages`` pages at most), else from daily sums."""
    now = now or datetime.now(timezone.utc)
    since = period_start(now, days)
    report = UsageReport(since=since, days=days, daily=[0] * days, daily_requests=[0] * days, as_of=now)
    entries: list[UsageEntry] = []
    finished = False
    for number in range(max_pages):
        page = reader.page(number, token_name=token.name, start=since)
        report.requests += 1
        if number == 0:
            report.first_page = page
        entries.extend(page.entries)
        if page.total is not None and number == 0 and page.total > max_pages * max(len(page.entries), 1):
            break  # New API said how long the log is: reading it would not finish
        if (page.total is not None and len(entries) >= page.total) or page.last \
                or (page.total is None and len(page.entries) < reader.page_size()):
            finished = True
            break
    own = [e for e in entries if e.token_id is None or e.token_id == token.id]
    report.models = models_of(own)
    report.models_days = days
    report.models_partial = not finished
    # When the log ended within the pages, every day is exact. Otherwise the log is newest first, so the
    # days after the oldest entry read are complete, and the days up to and including that entry's day
    # get one sum each from the server.
    complete_from = 0
    if not finished:
        oldest = min((e.created_at for e in entries if e.created_at is not None), default=None)
        oldest_day = day_of(oldest, since, days)
        complete_from = days if oldest_day is None else oldest_day + 1
    for entry in own:
        index = day_of(entry.created_at, since, days)
        if index is not None and index >= complete_from:
            report.daily[index] += entry.quota
            report.daily_requests[index] = (report.daily_requests[index] or 0) + 1
    for index in range(min(complete_from, days)):
        start = since + index * DAY
        report.daily[index] = reader.spent(token_name=token.name, start=start, end=start + DAY - timedelta(seconds=1))
        report.daily_requests[index] = None
        report.requests += 1
    return report
