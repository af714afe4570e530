"""The seeded token mix: fast, deterministic, realistic, and covering every state a UI must show."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request

import pytest

from openkey_gui.demo import DemoServer
from openkey_gui.demo.seed import seed_tokens
from tests.demo import shapes

NOW = 1_795_900_000
OA_KEY = re.compile(r"[0-9A-Za-z]{16}[0-9A-F][0-9a-f]([0-9A-F][0-9a-f]){5}4[0-9a-f]([0-9A-F][0-9a-f]){9}")
UUID_VARIANT_AT = 16 + 16  # first hex digit of the UUID's 4th group


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_ten_thousand_tokens_seed_quickly(flavor: str) -> None:
    started = time.perf_counter()
    server = DemoServer(flavor=flavor, tokens=10_000, seed=3)
    assert time.perf_counter() - started < 1.0
    rows = server.tokens()
    assert [row["id"] for row in rows] == list(range(10_000, 0, -1))
    assert len({row["key"] for row in rows}) == 10_000
    assert all(set(row) == shapes.TOKEN[flavor] for row in rows)


def test_big_account_lists_fast() -> None:
    with DemoServer(flavor="new-api", tokens=10_000, seed=3) as na:
        request = urllib.request.Request(
            na.url + "/api/token/?p=100&page_size=100",
            headers={"Authorization": na.access_token, "New-Api-User": "1"},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        assert time.perf_counter() - started < 1.0
        assert b'"total":10000' in body


def test_seed_is_deterministic() -> None:
    first = seed_tokens("one-api", 200, seed=5, now=NOW, models=("a", "b"))
    assert first == seed_tokens("one-api", 200, seed=5, now=NOW, models=("a", "b"))
    assert first != seed_tokens("one-api", 200, seed=6, now=NOW, models=("a", "b"))


def test_key_formats() -> None:
    for row in seed_tokens("one-api", 300, now=NOW):
        assert OA_KEY.fullmatch(row["key"]), row["key"]
        assert row["key"][UUID_VARIANT_AT] in "89AB"
    for row in seed_tokens("new-api", 300, now=NOW):
        assert re.fullmatch(r"[0-9A-Za-z]{48}", row["key"])


@pytest.mark.parametrize("count", [10, 11, 100])
def test_every_state_is_present(count: int) -> None:
    rows = seed_tokens("one-api", count, seed=count, now=NOW)

    def has(predicate: object) -> bool:
        return any(predicate(row) for row in rows)  # type: ignore[operator]

    assert has(lambda r: r["status"] == 1 and 0 < r["expired_time"] <= NOW)  # lazily expired
    assert has(lambda r: r["status"] == 1 and r["remain_quota"] == 0 and not r["unlimited_quota"])  # lazily spent
    assert has(lambda r: r["status"] == 2)
    assert has(lambda r: r["status"] == 3 and 0 < r["expired_time"] <= NOW)
    assert has(lambda r: r["status"] == 4 and r["remain_quota"] == 0 and not r["unlimited_quota"])
    assert has(lambda r: r["status"] == 1 and NOW < r["expired_time"] <= NOW + 86_400)
    assert has(lambda r: r["status"] == 1 and NOW < r["expired_time"] <= NOW + 3 * 86_400)


def test_the_mix_is_realistic() -> None:
    rows = seed_tokens("one-api", 2_000, seed=11, now=NOW, models=("gpt-4o", "deepseek-chat"))
    unlimited = sum(row["unlimited_quota"] for row in rows) / len(rows)
    assert 0.12 < unlimited < 0.28
    never = sum(row["expired_time"] == -1 for row in rows) / len(rows)
    assert never > 0.5
    assert sum(row["status"] == 1 for row in rows) / len(rows) > 0.7
    assert all(len(row["name"].encode("utf-8")) <= 30 for row in rows)
    assert any(re.search(r"[\u4e00-\u9fff]", row["name"]) for row in rows)
    limited = [row for row in rows if not row["unlimited_quota"]]
    assert all(0 <= row["remain_quota"] <= 500 * 500_000 for row in limited)
    assert all(row["remain_quota"] + row["used_quota"] >= 250_000 for row in limited)
    assert all(NOW - 400 * 86_400 <= row["created_time"] <= row["accessed_time"] <= NOW for row in rows)
    assert [row["created_time"] for row in rows] == sorted(row["created_time"] for row in rows)
    assert any(row["models"] for row in rows) and any(row["models"] is None for row in rows)
    assert any(row["subnet"] for row in rows)


def test_new_api_extras() -> None:
    rows = seed_tokens("new-api", 500, seed=2, now=NOW, models=("gpt-4o", "deepseek-chat"))
    assert {row["group"] for row in rows} == {"", "default", "vip"}
    assert any(row["model_limits_enabled"] and row["model_limits"] for row in rows)
    assert any(row["allow_ips"] and "\n" in row["allow_ips"] for row in rows)
    assert all(row["DeletedAt"] is None for row in rows)


def test_module_runs_in_the_foreground() -> None:
    command = [sys.executable, "-m", "openkey_gui.demo", "--flavor", "new-api", "--tokens", "5", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = {}
        while "user id" not in lines:
            label, _, value = process.stdout.readline().partition(":")
            lines[label.strip()] = value.strip()
        assert lines["username"] == "demo" and lines["password"] == "demo-pass-123" and lines["user id"] == "1"
        assert re.fullmatch(r"[0-9A-Za-z]{32}", lines["access token"])
        request = urllib.request.Request(
            lines["url"] + "/api/user/self",
            headers={"Authorization": lines["access token"], "New-Api-User": "1"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert b'"username":"demo"' in response.read()
    finally:
        process.terminate()
        assert process.wait(timeout=5) == 0
