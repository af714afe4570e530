"""The demo's request log and its routes, against the recorded usage answers of all three servers."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from openkey_gui.demo import DemoServer
from tests.helpers.truth import ServerTruth

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
RECORDED = {  # flavour -> (set, log page, stat, per-model dashboard or hourly data)
    "one-api": ("one-api-v0.6.11", "u55_log_self_p0", "u62_log_self_stat", "u65_user_dashboard"),
    "new-api": ("new-api-2026-04", "u68_log_self_p1", "u75_log_self_stat", "u94_data_self_after_flush"),
    "new-api-v1": ("new-api-2026-08", "u68_log_self_p1", "u75_log_self_stat", "u87_data_self_after_flush"),
}


def recorded(flavor: str, index: int) -> Any:
    folder, *names = RECORDED[flavor]
    return json.loads((SHARED / folder / "usage" / f"{names[index - 1]}.json").read_text(encoding="utf-8"))[
        "response"]["body"]["data"]


@pytest.fixture(params=list(RECORDED))
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=60, seed=5, critical_rate_limit=None) as demo:
        yield demo


def get(server: DemoServer, path: str) -> Any:
    headers = {"Authorization": f"Bearer {server.access_token}", "New-Api-User": str(server.user_id)}
    answer = requests.get(server.url + path, headers=headers, timeout=10)
    body = answer.json()
    assert answer.status_code == 200 and body["success"], body
    return body["data"]


def all_entries(server: DemoServer, query: str = "type=2") -> list[dict[str, Any]]:
    return ServerTruth(server).log_entries(query)


def test_entries_look_like_the_recorded_ones(server: DemoServer) -> None:
    page = get(server, "/api/log/self?type=2&p=1&page_size=10" if server.flavor != "one-api"
               else "/api/log/self?type=2&p=0")
    theirs = recorded(server.flavor, 1)
    if server.flavor == "one-api":
        assert isinstance(page, list) and len(page) == 10
        assert set(page[0]) == set(theirs[0])
    else:
        assert set(page) == set(theirs) and page["page"] == 1 and page["page_size"] == 10
        assert set(page["items"][0]) == set(theirs["items"][0])
        assert [item["id"] for item in page["items"]] == list(range(1, 11))  # positions, not database ids
        json.loads(page["items"][0]["other"])
    assert set(get(server, "/api/log/self/stat?type=2")) == set(recorded(server.flavor, 2))
    path = "/api/user/dashboard" if server.flavor == "one-api" else \
        f"/api/data/self?start_timestamp={int(time.time()) - 30 * 86_400}&end_timestamp={int(time.time())}"
    buckets = get(server, path)
    assert buckets and set(buckets[0]) == set(recorded(server.flavor, 3)[0])


def test_the_log_adds_up_and_never_beyond_a_tokens_used_quota(server: DemoServer) -> None:
    entries = all_entries(server)
    assert len(entries) > 100 and all(e["type"] == 2 for e in entries)
    assert [e["created_at"] for e in entries] == sorted((e["created_at"] for e in entries), reverse=True)
    assert get(server, "/api/log/self/stat?type=2")["quota"] == sum(e["quota"] for e in entries)
    spent = Counter()
    for entry in entries:
        spent[entry["token_name"]] += entry["quota"]
    used = Counter()
    for row in server.tokens():
        used[row["name"]] += row["used_quota"]
    assert all(spent[name] <= used[name] for name in spent)
    assert min(e["created_at"] for e in entries) >= int(time.time()) - 30 * 86_400 - 5
    assert {e["model_name"] for e in entries} >= {"gpt-4o", "gpt-4o-mini"}


def test_filters_by_token_and_window(server: DemoServer) -> None:
    entries = all_entries(server)
    name = Counter(e["token_name"] for e in entries).most_common(1)[0][0]
    mine = all_entries(server, f"type=2&token_name={requests.utils.quote(name)}")
    assert [e["request_id"] for e in mine] == [e["request_id"] for e in entries if e["token_name"] == name]
    week = int(time.time()) - 7 * 86_400
    recent = all_entries(server, f"type=2&token_name={requests.utils.quote(name)}&start_timestamp={week}")
    stat = get(server, f"/api/log/self/stat?type=2&token_name={requests.utils.quote(name)}&start_timestamp={week}")
    assert stat["quota"] == sum(e["quota"] for e in recent) == sum(
        e["quota"] for e in entries if e["token_name"] == name and e["created_at"] >= week)
    assert get(server, "/api/log/self/stat?type=3")["quota"] == 0  # not a consume entry: none here


def test_the_per_model_split_sums_to_the_total(server: DemoServer) -> None:
    now = int(time.time())
    if server.flavor == "one-api":
        buckets = get(server, "/api/user/dashboard")
        since = now - 6 * 86_400
        since -= since % 86_400
        total = get(server, f"/api/log/self/stat?type=2&start_timestamp={since}")["quota"]
        assert sum(b["Quota"] for b in buckets) == total
    else:
        start = now - 30 * 86_400
        buckets = get(server, f"/api/data/self?start_timestamp={start}&end_timestamp={now}")
        total = get(server, f"/api/log/self/stat?type=2&start_timestamp={start}&end_timestamp={now}")["quota"]
        assert sum(b["quota"] for b in buckets) == total
        assert all(b["created_at"] % 3600 == 0 for b in buckets)


def test_the_same_seed_gives_the_same_history() -> None:
    with DemoServer(flavor="new-api", tokens=30, seed=9) as first, DemoServer(flavor="new-api", tokens=30,
                                                                              seed=9) as second:
        a = [(e["token_name"], e["model_name"], e["quota"]) for e in all_entries(first)]
        b = [(e["token_name"], e["model_name"], e["quota"]) for e in all_entries(second)]
        assert a == b and a


def test_a_relay_call_is_logged(server: DemoServer) -> None:
    row = next(r for r in server.tokens() if r["status"] == 1 and r["unlimited_quota"] and not r.get("allow_ips")
               and not (r.get("models") or r.get("model_limits")))
    before = get(server, "/api/log/self/stat?type=2")["quota"]
    answer = requests.post(server.url + "/v1/chat/completions", json={"model": "gpt-4o-mini", "max_tokens": 1},
                           headers={"Authorization": f"Bearer sk-{row['key']}"}, timeout=10)
    assert answer.status_code == 200
    newest = all_entries(server)[0]
    assert newest["token_name"] == row["name"] and newest["model_name"] == "gpt-4o-mini"
    assert get(server, "/api/log/self/stat?type=2")["quota"] == before + newest["quota"]
