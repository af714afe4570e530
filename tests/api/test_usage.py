"""The client's usage reads against the demo's request log, in all three flavours: sums to the quota unit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from openkey_gui.api import OpenKeyClient
from openkey_gui.demo import DemoServer
from tests.helpers.truth import ServerTruth


def all_entries(server: DemoServer) -> list[dict]:
    return ServerTruth(server).log_entries()




def test_a_tokens_week_equals_its_entries_on_the_server(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    entries = all_entries(log_server)  # the server's own answer, read over HTTP
    week = datetime.now(timezone.utc) - timedelta(days=7)
    names = sorted({e["token_name"] for e in entries})
    assert len(names) >= 5
    for name in names[:5]:
        expected = sum(e["quota"] for e in entries if e["token_name"] == name and e["created_at"] >= week.timestamp())
        assert log_client.usage.spent(token_name=name, start=week) == expected
    assert log_client.usage.spent() == sum(e["quota"] for e in entries)


def test_pages_of_the_log_hold_every_entry_once(log_client: OpenKeyClient, log_server: DemoServer) -> None:
    name = max({e["token_name"] for e in all_entries(log_server)},
               key=lambda n: sum(1 for e in all_entries(log_server) if e["token_name"] == n))
    expected = [e["request_id"] for e in all_entries(log_server) if e["token_name"] == name]
    seen, page = [], 0
    while not (answer := log_client.usage.page(page, token_name=name)).last:
        seen.extend(entry.request_id for entry in answer.entries)
        if answer.total is not None and len(seen) >= answer.total:
            break
        page += 1
    assert seen == expected
    first = log_client.usage.page(0, token_name=name).entries[0]
    assert first.token_name == name and first.model and first.quota > 0 and first.created_at is not None
    assert first.elapsed_ms is not None


def test_the_per_model_split_sums_to_the_account_total(log_client: OpenKeyClient) -> None:
    now = datetime.now(timezone.utc)
    start = now - timedelta(days=30)
    split = log_client.usage.by_model(start=start, end=now)
    assert len({u.model for u in split}) >= 2
    if log_client.flavor.value == "one-api":  # its dashboard is always the last seven days by day
        since = (now - timedelta(days=6)).replace(hour=0, minute=0, second=0, microsecond=0)
        assert sum(u.quota for u in split) == log_client.usage.spent(start=since)
    else:
        assert sum(u.quota for u in split) == log_client.usage.spent(start=start, end=now)
