"""The usage view's figures against the demo's own log, in all three flavours, to the quota unit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.spend import plan_week, refresh_week
from openkey_gui.api.usage_report import account_report, period_start, token_report
from openkey_gui.demo import DemoServer
from tests.helpers.truth import ServerTruth

DAY = 86_400


def per_day(entries: list[dict], since: datetime, days: int) -> list[int]:
    daily = [0] * days
    for entry in entries:
        index = int((entry["created_at"] - since.timestamp()) // DAY)
        if 0 <= index < days:
            daily[index] += entry["quota"]
    return daily


def test_the_accounts_days_and_models_equal_the_servers_log(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    entries = ServerTruth(log_server).log_entries()
    for days in (7, 30):
        now = datetime.now(timezone.utc)
        log_server.reset_requests()
        report = account_report(log_client.usage, days=days, now=now)
        assert report.requests == len(log_server.requests)
        assert report.daily == per_day(entries, period_start(now, days), days)
        covered = period_start(now, report.models_days)
        assert sum(m.quota for m in report.models) == sum(per_day(entries, covered, report.models_days))
        week = period_start(now, 7).timestamp()
        assert report.entries_in_week == sum(1 for e in entries if e["created_at"] >= week)
    one_api = log_client.flavor.value == "one-api"
    assert report.requests == (1 + 23 if one_api else 1)
    assert all(m.prompt_tokens is not None for m in report.models) == one_api


def test_a_tokens_report_reads_its_own_log(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    entries = ServerTruth(log_server).log_entries()
    tokens = log_client.list_tokens()
    unique = [t for t in tokens if sum(1 for other in tokens if other.name == t.name) == 1]
    used = max(unique, key=lambda t: sum(1 for e in entries if e["token_name"] == t.name))
    now = datetime.now(timezone.utc)
    since = period_start(now, 30).timestamp()
    mine = [e for e in entries if e["token_name"] == used.name and e["created_at"] >= since]
    report = token_report(log_client.usage, used, days=30, now=now, max_pages=50)
    assert not report.models_partial
    assert report.daily == per_day(mine, period_start(now, 30), 30)
    assert sum(m.requests for m in report.models) == len(mine)
    assert sum(m.prompt_tokens or 0 for m in report.models) == sum(e["prompt_tokens"] for e in mine)
    short = token_report(log_client.usage, used, days=30, now=now, max_pages=1)
    if len(mine) > log_client.usage.page_size():  # one page cannot hold it: the days come from sums
        assert short.models_partial and short.daily == report.daily and short.requests <= 1 + 30


def test_the_week_count_skips_a_sweep_that_could_not_finish(log_client: OpenKeyClient,
                                                            log_server: DemoServer) -> None:
    tokens = log_client.list_tokens()
    report = account_report(log_client.usage)
    assert report.entries_in_week
    log_server.reset_requests()
    week = plan_week(log_client.usage, tokens, visible=[tokens[0].id], max_pages=1,
                     expected_entries=log_client.usage.page_size() + 1)
    assert not week.complete and week.requests == len(log_server.requests) == 1
    assert all(path == "/api/log/self/stat" for _m, path, _q in log_server.requests)


def test_a_refresh_reads_only_what_is_new(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    tokens = log_client.list_tokens()
    week = plan_week(log_client.usage, tokens, max_pages=200)
    assert week.complete
    log_server.reset_requests()
    again = refresh_week(log_client.usage, week, tokens, budget=10)
    assert again.requests == len(log_server.requests) <= 2
    assert {t: s.total for t, s in again.by_token.items()} == {t: s.total for t, s in week.by_token.items()}
    stats = plan_week(log_client.usage, tokens, visible=[t.id for t in tokens[:20]], max_pages=0)
    log_server.reset_requests()
    later = refresh_week(log_client.usage, stats, tokens, visible=[t.id for t in tokens[:20]], budget=10)
    assert later.requests == len(log_server.requests) == 10
    assert set(later.by_token) == set(stats.by_token)


def test_a_day_boundary_is_midnight_utc() -> None:
    now = datetime(2026, 12, 2, 0, 0, 1, tzinfo=timezone.utc)
    assert period_start(now, 30) == now.replace(second=0) - timedelta(days=29)
