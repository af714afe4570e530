"""The key's own routes answer like the recorded servers: same status, shape and words for each refusal.

Each case names the recorded answer (``shared/fixtures/<set>/usage/``) it must match; the request id the
servers append is the only part that differs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openkey_gui.demo import DemoServer
from tests.demo.http_client import Answer, Client
from tests.flows.steps import is_kind

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
RECORDED = {"one-api": FIXTURES / "one-api-v0.6.11" / "usage", "new-api": FIXTURES / "new-api-2026-04" / "usage"}
REQUEST_ID = re.compile(r" \(request id: [0-9A-Za-z]+\)$")


def recorded(flavor: str, name: str) -> dict[str, Any]:
    path = RECORDED[flavor] / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))["response"]


def error_of(body: dict[str, Any]) -> tuple[str, str, str | None]:
    error = body["error"]
    return REQUEST_ID.sub("", error["message"]), error["type"], error.get("code")


@pytest.fixture(params=["one-api", "new-api"])
def demo(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=30, seed=11, critical_rate_limit=None) as server:
        yield server


def key_of(row: dict[str, Any]) -> str:
    return "sk-" + row["key"]


def find(server: DemoServer, kind: str) -> dict[str, Any]:
    """A stored row (full key) of ``kind``, judged as the flow tests judge it."""
    now, new_api = time.time(), server.flavor != "one-api"
    row = next((r for r in server.tokens() if is_kind(r, kind, new_api=new_api, now=now)), None)
    assert row is not None, f"no {kind} token in the seed"
    return row


def call(server: DemoServer, method: str, path: str, key: str | None, body: Any = None) -> Answer:
    return Client(server, token=key, user_header=None).request(method, path, body)


CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1}


@pytest.mark.parametrize(("kind", "first", "again"), [
    ("expired", "u27_models_expired_first", "u27_models_expired_first"),
    ("exhausted", "u22_models_exhausted_first", "u24_models_exhausted_again"),
    ("disabled", "u31_models_disabled", "u31_models_disabled"),
])
def test_token_state_refusals_match_the_recordings(demo: DemoServer, kind: str, first: str, again: str) -> None:
    row = find(demo, kind)
    names = (first, again) if row["status"] in (1, 2) else (again, again)
    for name in names:  # the first refusal flips the stored status, the next one says so
        answer = call(demo, "GET", "/v1/models", key_of(row))
        want = recorded(demo.flavor, name)
        assert answer.status == want["status"]
        message, kind_of_error, code = error_of(answer.json())
        want_message, want_type, want_code = error_of(want["body"])
        # New API names the key (masked) and the quota left; the words around them must be the same.
        pattern = re.escape(want_message)
        pattern = re.sub(r"sk\\-[^*]+\\\*\\\*\\\*\S{3}", r"sk-\\S+", pattern)
        pattern = re.sub(r"= \\-?\d+", r"= -?\\d+", pattern).replace("small\\-quota", ".+").replace("\\#2", "\\#\\d+")
        assert re.fullmatch(pattern, message), (message, want_message)
        assert (kind_of_error, code) == (want_type, want_code)


def test_exhausted_and_expired_tokens_are_flipped_lazily(demo: DemoServer) -> None:
    row = find(demo, "expired")
    call(demo, "GET", "/v1/models", key_of(row))
    assert next(r for r in demo.tokens() if r["id"] == row["id"])["status"] == 3


@pytest.mark.parametrize("path", ["/v1/models", "/v1/dashboard/billing/subscription"])
def test_invalid_and_missing_keys(demo: DemoServer, path: str) -> None:
    for key, name in (("sk-" + "x" * 48, "u33_models_invalid"), (None, "u35_models_no_key")):
        answer = call(demo, "GET", path, key)
        want = recorded(demo.flavor, name)
        assert answer.status == want["status"] == 401
        assert error_of(answer.json())[0] == error_of(want["body"])[0]


def test_ip_limited_key(demo: DemoServer) -> None:
    row = find(demo, "iplim")
    for path, body, name in (("/v1/models", None, "u36_models_iplimited"),
                             ("/v1/chat/completions", CHAT, "u37_chat_iplimited")):
        answer = call(demo, "POST" if body else "GET", path, key_of(row), body)
        want = recorded(demo.flavor, name)
        assert answer.status == want["status"] == 403
        message, kind, code = error_of(answer.json())
        want_message, want_kind, want_code = error_of(want["body"])
        assert (kind, code) == (want_kind, want_code)
        if demo.flavor == "one-api":  # names the allowed subnet and the caller's address
            assert message == f"该令牌只能在指定网段使用：{row['subnet']}，当前 ip：127.0.0.1"
        else:
            assert message == want_message


def test_model_limited_key_lists_its_model_and_refuses_another(demo: DemoServer) -> None:
    row = find(demo, "modellim")
    listed = call(demo, "GET", "/v1/models", key_of(row))
    assert listed.status == 200 and [m["id"] for m in listed.json()["data"]] == ["gpt-4o"]
    assert ("success" in listed.json()) == (demo.flavor == "new-api")  # as the recordings u38
    denied = call(demo, "POST", "/v1/chat/completions", key_of(row), CHAT)
    want = recorded(demo.flavor, "u39_chat_modellimited_denied")
    assert denied.status == want["status"] == 403
    assert error_of(denied.json()) == error_of(want["body"])
    allowed = call(demo, "POST", "/v1/chat/completions", key_of(row), {**CHAT, "model": "gpt-4o"})
    assert allowed.status == 200 and allowed.json()["usage"]["completion_tokens"] == 1


def test_a_working_key_lists_every_model_and_is_charged_for_a_chat(demo: DemoServer) -> None:
    row = find(demo, "ok")
    listed = call(demo, "GET", "/v1/models", key_of(row))
    assert listed.status == 200
    assert sorted(m["id"] for m in listed.json()["data"]) == sorted(demo._runtime.api.config.models)
    before = next(r for r in demo.tokens() if r["id"] == row["id"])["used_quota"]
    answer = call(demo, "POST", "/v1/chat/completions", key_of(row), CHAT)
    assert answer.status == 200 and answer.json()["object"] == "chat.completion"
    assert next(r for r in demo.tokens() if r["id"] == row["id"])["used_quota"] > before


@pytest.mark.parametrize("prefix", ["/v1", ""])
def test_billing_routes_describe_the_token(demo: DemoServer, prefix: str) -> None:
    row = find(demo, "ok")
    subscription = call(demo, "GET", prefix + "/dashboard/billing/subscription", key_of(row))
    usage = call(demo, "GET", prefix + "/dashboard/billing/usage", key_of(row))
    assert subscription.status == usage.status == 200
    assert set(subscription.json()) == set(recorded(demo.flavor, "u41_billing_subscription_ok")["body"])
    per_unit = 500_000
    if row["unlimited_quota"]:
        assert subscription.json()["hard_limit_usd"] == 100_000_000
    else:
        limit = (row["remain_quota"] + row["used_quota"]) / per_unit
        assert subscription.json()["hard_limit_usd"] == pytest.approx(limit)
    assert usage.json()["total_usage"] == pytest.approx(row["used_quota"] / per_unit * 100)


def test_usage_token_route_is_new_api_only_and_reads_spent_keys(demo: DemoServer) -> None:
    row = find(demo, "expired")
    answer = call(demo, "GET", "/api/usage/token/", key_of(row))
    if demo.flavor == "one-api":
        assert answer.status == 404
        return
    want = recorded(demo.flavor, "u58_usage_token_expired")["body"]
    assert answer.status == 200
    body = answer.json()
    assert set(body) == set(want) and set(body["data"]) == set(want["data"])
    assert body["data"]["expires_at"] == row["expired_time"]
    assert body["data"]["total_granted"] == row["remain_quota"] + row["used_quota"]
    invalid = call(demo, "GET", "/api/usage/token/", "sk-" + "y" * 48)
    assert invalid.status == 401 and invalid.json() == recorded(demo.flavor, "u61_usage_token_invalid")["body"]


def test_a_collapsing_flavour_answers_like_new_api_2026_08(demo: DemoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the 2026-07 rewrite every token-state refusal is 401 "Invalid token"; IP and model refusals stay."""
    from openkey_gui.demo import relay

    monkeypatch.setattr(relay, "COLLAPSING_FLAVORS", frozenset({demo.flavor}))
    later = FIXTURES / "new-api-2026-08" / "usage"
    want = json.loads((later / "u27_models_expired_first.json").read_text(encoding="utf-8"))["response"]
    for kind in ("expired", "exhausted", "disabled"):
        answer = call(demo, "GET", "/v1/models", key_of(find(demo, kind)))
        assert answer.status == want["status"] == 401
        assert error_of(answer.json())[0] == error_of(want["body"])[0] == "Invalid token"
    assert call(demo, "GET", "/v1/models", key_of(find(demo, "iplim"))).status == 403
