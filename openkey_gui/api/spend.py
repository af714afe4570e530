"""Seven days of spend per token within a request budget: one log sweep when the log is small, else sums.

These sites rate-limit by IP (One API: 480 requests per 3 minutes by default) and openkey.cloud bans IPs
that send many invalid requests, so an account of 1,000 tokens must not cost 1,000 stat calls. The plan:

1. Sweep the account's consume log for the window, newest first, page by page, for at most
   ``max_pages`` pages (New API: 100 entries a page, and the first page says how many there are, so a
   sweep that would not finish is not started; One API: ten a page, no total, so the sweep stops at the
   budget). A finished sweep gives every token its exact total and its daily figures.
2. Otherwise ask ``/api/log/self/stat`` per token only for the tokens the caller names (the rows on
   screen), one request each, and the daily figures stay unknown.

Entries name their token by name (and by id on New API); a name shared by two tokens on One API cannot
be split and is reported as shared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from openkey_gui.api.models import Token
from openkey_gui.api.usage import UsageEntry, UsageReader
from openkey_gui.api.usage_report import day_of, period_start

DAYS = 7
DEFAULT_MAX_PAGES = 20


@dataclass(frozen=True)
class TokenSpend:
    """A token's spend in the window: ``total`` in quota units, ``daily`` oldest day first (or empty)."""

    total: int
    daily: tuple[int, ...] = ()
    shared_name: bool = False  # One API logs only names: this total is of every token with the name


@dataclass
class WeekSpend:
    """What one plan found: per-token spend, and how many requests it took."""

    since: datetime
    by_token: dict[int, TokenSpend] = field(default_factory=dict)
    complete: bool = False  # every token is known (a finished sweep), not only the ones asked for
    requests: int = 0
    entries: list[UsageEntry] = field(default_factory=list)  # a finished sweep's entries, for a refresh


def week_start(now: datetime | None = None, days: int = DAYS) -> datetime:
    """Midnight UTC ``days - 1`` days ago: seven whole days including today (``period_start``)."""
    return period_start(now or datetime.now(timezone.utc), days)


def plan_week(reader: UsageReader, tokens: Iterable[Token], *, visible: Iterable[int] = (),
              max_pages: int = DEFAULT_MAX_PAGES, days: int = DAYS, now: datetime | None = None,
              expected_entries: int | None = None) -> WeekSpend:
    """The seven-day spend of ``tokens``: all of them from one sweep if it fits ``max_pages``, else the
    ``visible`` ones (ids) from one stat call each.

    ``expected_entries`` (the week's request count from the per-model sums, when the caller has it)
    skips a sweep that could not finish before it costs anything: One API's log says no total.
    """
    listed = list(tokens)
    since = week_start(now, days)
    result = WeekSpend(since=since)
    if expected_entries is not None and expected_entries > max_pages * reader.page_size():
        entries, finished = [], False
    else:
        entries, finished = _sweep(reader, since, max_pages, result)
    if finished:
        _from_entries(result, listed, entries, since, days)
        result.complete = True
        result.entries = entries
        return result
    _ask_stats(reader, result, listed, visible, limit=None)
    return result


def refresh_week(reader: UsageReader, previous: WeekSpend, tokens: Iterable[Token], *, visible: Iterable[int] = (),
                 budget: int, days: int = DAYS, now: datetime | None = None) -> WeekSpend:
    """``previous`` brought up to date within ``budget`` requests, for a background refresh.

    After a sweep only the entries newer than the newest one held are read (usually one page), and the
    window moves on at midnight; after stat calls the visible rows are asked again, at most ``budget``.
    """
    listed = list(tokens)
    since = week_start(now, days)
    result = WeekSpend(since=since, complete=previous.complete)
    if previous.complete:
        newest = max((e.created_at for e in previous.entries if e.created_at is not None), default=since)
        fresh, finished = _sweep(reader, max(newest, since), budget, result)
        if not finished:
            return previous  # too much happened since: the old figures stay until a full reload
        seen = {_identity(e) for e in previous.entries}
        merged = [e for e in fresh if _identity(e) not in seen] + previous.entries
        result.entries = [e for e in merged if e.created_at is None or e.created_at >= since]
        _from_entries(result, listed, result.entries, since, days)
        return result
    result.by_token = dict(previous.by_token)
    _ask_stats(reader, result, listed, visible, limit=budget)
    return result


def _identity(entry: UsageEntry) -> tuple[object, ...]:
    return (entry.created_at, entry.request_id, entry.token_name, entry.model, entry.quota)


def _ask_stats(reader: UsageReader, result: WeekSpend, tokens: list[Token], visible: Iterable[int],
               limit: int | None) -> None:
    wanted = set(visible)
    for token in tokens:
        if token.id in wanted and (limit is None or result.requests < limit):
            result.by_token[token.id] = TokenSpend(reader.spent(token_name=token.name, start=result.since),
                                                   shared_name=_shared(token, tokens))
            result.requests += 1


def _sweep(reader: UsageReader, since: datetime, max_pages: int, result: WeekSpend) -> tuple[list[UsageEntry], bool]:
    entries: list[UsageEntry] = []
    for page_number in range(max_pages):
        page = reader.page(page_number, start=since)
        result.requests += 1
        entries.extend(page.entries)
        if page.total is not None:
            if page_number == 0 and page.total > max_pages * max(len(page.entries), 1):
                return entries, False  # New API said how long the log is: the sweep would not finish
            if len(entries) >= page.total:
                return entries, True
        if page.last or (page.total is None and len(page.entries) < reader.page_size()):
            return entries, True
    return entries, False


def _shared(token: Token, tokens: list[Token]) -> bool:
    return sum(1 for t in tokens if t.name == token.name) > 1


def _from_entries(result: WeekSpend, tokens: list[Token], entries: list[UsageEntry], since: datetime,
                  days: int) -> None:
    by_id: dict[int, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    for entry in entries:
        index = day_of(entry.created_at, since, days)
        if index is None:
            continue
        if entry.token_id is not None:
            by_id.setdefault(entry.token_id, [0] * days)[index] += entry.quota
        by_name.setdefault(entry.token_name, [0] * days)[index] += entry.quota
    for token in tokens:
        if by_id or any(e.token_id is not None for e in entries):
            daily = by_id.get(token.id, [0] * days)
            shared = False
        else:
            daily = by_name.get(token.name, [0] * days)
            shared = _shared(token, tokens)
        result.by_token[token.id] = TokenSpend(sum(daily), tuple(daily), shared_name=shared)
