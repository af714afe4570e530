"""Paged listing: bounded concurrency, order, de-duplication, stopping on errors."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from openkey_gui.api import ApiError, OpenKeyClient, ServerError
from openkey_gui.api.models import Token
from openkey_gui.demo import DemoServer


def signed_in(server: DemoServer) -> OpenKeyClient:
    client = OpenKeyClient(server.url, timeout=10)
    client.login(server.username, server.password)
    return client


def track_in_flight(client: OpenKeyClient, monkeypatch: pytest.MonkeyPatch, delay: float = 0.02) -> dict[str, int]:
    """Count the page requests running at once (each held ``delay`` s so that overlaps show)."""
    seen = {"now": 0, "most": 0}
    lock = threading.Lock()
    real = client.lister.fetch_page

    def fetch(page: int, params: dict[str, Any]) -> list[Token]:
        with lock:
            seen["now"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        try:
            time.sleep(delay)
            return real(page, params)
        finally:
            with lock:
                seen["now"] -= 1

    monkeypatch.setattr(client.lister, "fetch_page", fetch)
    return seen


def test_new_api_pages_come_concurrently_in_order_without_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    with DemoServer(flavor="new-api", tokens=1050, seed=4, critical_rate_limit=None) as server:
        client = signed_in(server)
        in_flight = track_in_flight(client, monkeypatch)
        server.reset_requests()
        tokens = client.list_tokens()
        assert [t.id for t in tokens] == sorted((row["id"] for row in server.tokens()), reverse=True)
        assert len(server.requests) == 11  # ⌈1050 / 100⌉
        assert 1 < in_flight["most"] <= 4
        assert client.request_count >= 11


def test_first_error_propagates_and_later_pages_are_not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    with DemoServer(flavor="new-api", tokens=3000, seed=4, critical_rate_limit=None) as server:
        client = signed_in(server)
        started: list[int] = []
        real = client.lister.fetch_page

        def fetch(page: int, params: dict[str, Any]) -> list[Token]:
            started.append(page)
            if page == 5:
                raise ServerError("page 5 broke")
            time.sleep(0.01)
            return real(page, params)

        monkeypatch.setattr(client.lister, "fetch_page", fetch)
        with pytest.raises(ApiError, match="page 5 broke"):
            client.list_tokens()
        assert max(started) <= 5 + 4  # at most the pages already in flight, never all 30


def test_a_stale_total_ends_the_list_at_the_first_empty_page(monkeypatch: pytest.MonkeyPatch) -> None:
    with DemoServer(flavor="new-api", tokens=1000, seed=4, critical_rate_limit=None) as server:
        client = signed_in(server)
        real = client.lister.fetch_page
        monkeypatch.setattr(client.lister, "fetch_page", lambda page, params: [] if page >= 7 else real(page, params))
        tokens = client.list_tokens()
        assert len(tokens) == 600 and len({t.id for t in tokens}) == 600


def test_plain_pages_overlap_but_stop_at_the_short_page() -> None:
    with DemoServer(flavor="one-api", tokens=95, seed=2) as server:
        client = signed_in(server)
        server.fail_next(1, status=200, body=b'{"success":false,"message":"search disabled"}',
                         path="/api/token/search")
        tokens = client.list_tokens()
        assert len(tokens) == 95 and len({t.id for t in tokens}) == 95
        pages = [r for r in server.requests if r[1].rstrip("/") == "/api/token"]
        assert 10 <= len(pages) <= 10 + 3  # pages 0..9, plus at most three fetched past the end


def test_a_server_that_ignores_paging_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    with DemoServer(flavor="one-api", tokens=40, seed=2) as server:
        client = signed_in(server)
        real = client.lister.fetch_page
        monkeypatch.setattr(client.lister, "fetch_page", lambda page, params: real(0, params))
        first = client.lister.list_plain_pages(first_page=0, params={})
        assert len(first) == 10
