"""Seven days of spend per token, planned within a request budget, against the demo's own log."""

from __future__ import annotations

from datetime import datetime, timezone

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.spend import plan_week, week_start
from openkey_gui.demo import DemoServer
from tests.helpers.truth import ServerTruth


def server_week(truth: ServerTruth) -> dict[str, int]:
    since = week_start().timestamp()
    spent: dict[str, int] = {}
    for entry in truth.log_entries():
        if entry["created_at"] >= since:
            spent[entry["token_name"]] = spent.get(entry["token_name"], 0) + entry["quota"]
    return spent


def test_a_small_log_is_swept_once_for_every_token(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    truth = ServerTruth(log_server)
    expected = server_week(truth)
    tokens = log_client.list_tokens()
    log_server.reset_requests()
    week = plan_week(log_client.usage, tokens, max_pages=60)
    assert week.complete and week.requests == len(log_server.requests)
    assert all(path == "/api/log/self" for _m, path, _q in log_server.requests)
    names = {t.id: t.name for t in tokens}
    for token_id, spend in week.by_token.items():
        name = names[token_id]
        if spend.shared_name or sum(1 for t in tokens if t.name == name) > 1:
            continue
        assert spend.total == expected.get(name, 0) and len(spend.daily) == 7 and sum(spend.daily) == spend.total
    assert sum(s.total for s in week.by_token.values() if not s.shared_name) <= sum(expected.values())


def test_a_long_log_costs_one_stat_call_per_visible_row(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    truth = ServerTruth(log_server)
    expected = server_week(truth)
    tokens = log_client.list_tokens()
    visible = [t.id for t in tokens[:5]]
    log_server.reset_requests()
    week = plan_week(log_client.usage, tokens, visible=visible, max_pages=1)
    assert not week.complete and set(week.by_token) == set(visible)
    assert len(log_server.requests) == week.requests <= 1 + len(visible)
    for token in tokens[:5]:
        assert week.by_token[token.id].total == expected.get(token.name, 0)
        assert week.by_token[token.id].daily == ()


def test_seven_whole_days_include_today() -> None:
    now = datetime(2026, 12, 2, 15, 30, tzinfo=timezone.utc)
    assert week_start(now) == datetime(2026, 11, 26, tzinfo=timezone.utc)
