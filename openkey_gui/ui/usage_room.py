"""Loads what the account's keys cost, off the GUI thread and within the request budget.

Three things are loaded, each cached in memory with the time it was read (``as_of``):

- the week of every token for the table's "7 days" column (``api.spend``);
- the usage view's report for the account or one token over 7 or 30 days (``api.usage_report``);
- pages of the newest requests, as the view scrolls to them.

The budget (these sites rate-limit by IP, and openkey.cloud bans IPs that send many bad requests):

- **First load** after signing in: one per-model call gives the week's request count, which decides
  between one log sweep (≤ 20 pages) and one stat call per row on screen (≤ ``MAX_VISIBLE``); the
  account report of the usage view is that same per-model answer, and its first page of requests one
  more. At most 1 + 25 + 1 = 27 requests for an account of any size.
- **Background refresh** (the window's timer): at most ``BACKGROUND_BUDGET`` requests a minute: new log
  entries only after a sweep, else the rows on screen in turn.
- Everything else is on demand: the Refresh button, a 30-day view, another token, scrolling.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from openkey_gui.api import OpenKeyClient, Token
from openkey_gui.api.spend import WeekSpend, plan_week, refresh_week
from openkey_gui.api.usage import UsageEntry, UsagePage
from openkey_gui.api.usage_report import UsageReport, account_report, token_report
from openkey_gui.ui.tasks import TaskRunner

MAX_VISIBLE = 25  # stat calls for the rows on screen, at most
BACKGROUND_BUDGET = 10  # requests per minute per site in the background
BACKGROUND_GAP_S = 60.0

ReportKey = tuple[int | None, int]  # (token id or None for the account, days)


class UsageRoom(QObject):
    """The usage figures of the signed-in account; views listen to its signals."""

    week_loaded = Signal(object)  # WeekSpend
    report_loaded = Signal(object, object)  # ReportKey, UsageReport
    page_loaded = Signal(object, int, object, object)  # token id or None, page number, UsagePage, its rows
    failed = Signal(str, object)  # what failed ("week", "report", "page"), the exception
    loading = Signal(bool)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._runner = runner
        self._clock = clock
        self._client: OpenKeyClient | None = None
        self._generation = 0
        self._week: WeekSpend | None = None
        self._reports: dict[ReportKey, UsageReport] = {}
        self._pending = 0
        self._week_pending = False  # a first load is on its way, and brings the account's week with it
        self._last_background = float("-inf")
        self.requests = 0  # what this room has sent, for the benchmark and the tests

    # -- the account ------------------------------------------------------------------------------

    def attach(self, client: OpenKeyClient) -> None:
        self.detach()
        self._client = client

    def detach(self) -> None:
        """Forget every figure; answers still on their way are dropped."""
        self._generation += 1
        self._client, self._week, self._reports = None, None, {}
        self._pending = 0
        self._week_pending = False
        self._last_background = float("-inf")
        self.loading.emit(False)

    @property
    def week(self) -> WeekSpend | None:
        return self._week

    def cached_report(self, key: ReportKey) -> UsageReport | None:
        return self._reports.get(key)

    # -- loading ----------------------------------------------------------------------------------

    def load_week(self, tokens: Sequence[Token], visible: Sequence[int]) -> None:
        """The "7 days" column from scratch (first load, or the user's refresh)."""
        def work(client: OpenKeyClient) -> tuple[UsageReport, WeekSpend]:
            report = account_report(client.usage, days=7)
            week = plan_week(client.usage, tokens, visible=visible[:MAX_VISIBLE],
                             expected_entries=report.entries_in_week)
            return report, week

        def done(result: tuple[UsageReport, WeekSpend]) -> None:
            self._week_pending = False
            report, week = result
            self.requests += report.requests + week.requests
            self._reports[(None, 7)] = report
            self.report_loaded.emit((None, 7), report)
            self._set_week(week)

        self._week_pending = self._start("week", work, done)

    def load_rows(self, tokens: Sequence[Token], ids: Sequence[int]) -> None:
        """Stat calls for rows that came on screen and have no figure yet (after a scroll)."""
        week = self._week
        if week is None or week.complete:
            return
        known = set(week.by_token)
        wanted = [i for i in ids if i not in known][:MAX_VISIBLE]
        if not wanted:
            return

        def work(client: OpenKeyClient) -> WeekSpend:
            return plan_week(client.usage, tokens, visible=wanted, max_pages=0)

        def done(more: WeekSpend) -> None:
            self.requests += more.requests
            if self._week is not None and not self._week.complete and more.since == self._week.since:
                self._week.by_token.update(more.by_token)
                self.week_loaded.emit(self._week)

        self._start("week", work, done)

    def load_report(self, token: Token | None, days: int, *, force: bool = False) -> None:
        """The usage view's figures; a cached answer is given at once unless ``force``."""
        key: ReportKey = (token.id if token is not None else None, days)
        cached = self._reports.get(key)
        if cached is not None and not force:
            self.report_loaded.emit(key, cached)
            return
        if key == (None, 7) and self._week_pending and not force:
            return  # the first load on its way answers this too

        def work(client: OpenKeyClient) -> UsageReport:
            if token is None:
                return account_report(client.usage, days=days)
            return token_report(client.usage, token, days=days)

        def done(report: UsageReport) -> None:
            self.requests += report.requests
            self._reports[key] = report
            self.report_loaded.emit(key, report)

        self._start("report", work, done)

    def load_page(self, token: Token | None, page: int,
                  render: Callable[[Sequence[UsageEntry]], list[Any]] = list) -> None:
        """One page of the newest requests (all tokens, or one token's by its name), with the rows
        ``render`` makes of it on the worker thread."""
        def work(client: OpenKeyClient) -> tuple[UsagePage, list[Any]]:
            answer = client.usage.page(page, token_name=token.name if token is not None else None)
            return answer, render(answer.entries)

        def done(result: tuple[UsagePage, list[Any]]) -> None:
            self.requests += 1
            self.page_loaded.emit(token.id if token is not None else None, page, *result)

        self._start("page", work, done)

    def refresh_background(self, tokens: Sequence[Token], visible: Sequence[int]) -> bool:
        """Bring the column up to date within the background budget; False when it is too soon."""
        now = self._clock()
        previous = self._week
        if previous is None or now - self._last_background < BACKGROUND_GAP_S:
            return False
        self._last_background = now

        def work(client: OpenKeyClient) -> WeekSpend:
            return refresh_week(client.usage, previous, tokens, visible=visible[:MAX_VISIBLE],
                                budget=BACKGROUND_BUDGET)

        def done(week: WeekSpend) -> None:
            self.requests += week.requests if week is not previous else 0
            self._set_week(week)

        self._start("week", work, done)
        return True

    # -- plumbing ---------------------------------------------------------------------------------

    def _set_week(self, week: WeekSpend) -> None:
        self._week = week
        self.week_loaded.emit(week)

    def _start(self, what: str, work: Callable[[OpenKeyClient], Any], done: Callable[[Any], None]) -> bool:
        """Run ``work`` off the GUI thread; False when there is no account to ask."""
        client, generation = self._client, self._generation
        if client is None:
            return False
        self._pending += 1
        self.loading.emit(True)

        def settle() -> bool:
            if generation != self._generation:
                return False
            self._pending = max(self._pending - 1, 0)
            self.loading.emit(self._pending > 0)
            return True

        def succeeded(result: Any) -> None:
            if settle():
                done(result)

        def failed(exc: BaseException) -> None:
            if settle():
                if what == "week":
                    self._week_pending = False
                self.failed.emit(what, exc)

        self._runner.run(lambda: work(client), on_success=succeeded, on_error=failed, label="usage")
        return True

