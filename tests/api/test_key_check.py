"""``KeyChecker`` against the demo server over HTTP: reasons, balance routes, the cache, no retries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openkey_gui.api import Flavor, OpenKeyClient
from openkey_gui.api.key_check import BALANCE_TTL_S, KeyChecker, KeyProblem, KeyRefused
from openkey_gui.demo import DemoServer
from tests.flows.steps import token_of_kind
from tests.helpers.truth import ServerTruth


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=30, seed=11, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def truth(server: DemoServer) -> ServerTruth:
    return ServerTruth(server)


def checker_for(server: DemoServer, clock: Clock | None = None) -> KeyChecker:
    flavor = Flavor.ONE_API if server.flavor == "one-api" else Flavor.NEW_API
    return KeyChecker(server.url, 5.0, flavor=flavor, clock=clock or Clock())


@pytest.mark.parametrize(("kind", "problem"), [
    ("expired", KeyProblem.EXPIRED), ("exhausted", KeyProblem.EXHAUSTED), ("disabled", KeyProblem.DISABLED),
    ("iplim", KeyProblem.IP_NOT_ALLOWED),
])
def test_refusals_have_their_reason(server: DemoServer, truth: ServerTruth, kind: str, problem: KeyProblem) -> None:
    token = token_of_kind(truth, kind)
    check = checker_for(server).check(truth.key(token["id"]))
    assert check.refusal is not None and check.refusal.problem is problem and not check.refusal.inferred


def test_a_working_key_and_the_messages_route(server: DemoServer, truth: ServerTruth) -> None:
    token = token_of_kind(truth, "ok")
    checker = checker_for(server)
    check = checker.check(truth.key(token["id"]))
    assert check.ok and sorted(check.models) == truth.models_for_key(truth.key(token["id"]))
    assert check.serves_messages is (server.flavor == "new-api")  # New API serves /v1/messages, One API not
    assert check.latency_ms > 0


def test_a_one_api_site_is_asked_which_agent_routes_it_added(server: DemoServer, truth: ServerTruth) -> None:
    """One API lacks /v1/messages and /v1/responses unless the site added them; an empty POST tells,
    for free: its NoRoute 404 "Invalid URL", or any other answer (the route exists and refused the body)."""
    if server.flavor != "one-api":
        pytest.skip("New API serves both routes: nothing to ask")
    key = truth.key(token_of_kind(truth, "ok")["id"])
    server.reset_requests()
    check = checker_for(server).check(key)
    assert not check.serves_messages and not check.serves_responses
    assert [(m, p) for m, p, _q in server.requests] == [("GET", "/v1/models"), ("POST", "/v1/messages"),
                                                         ("POST", "/v1/responses")]
    server.fail_next(status=400, path="/v1/messages", body='{"error":{"message":"messages is required"}}')
    again = KeyChecker(server.url, 5, flavor=Flavor.ONE_API).check(key)
    assert again.serves_messages and not again.serves_responses


def test_an_unknown_key_is_invalid_and_not_asked_twice(server: DemoServer) -> None:
    checker = checker_for(server)
    server.reset_requests()
    check = checker.check("sk-" + "z" * 48)
    assert check.refusal is not None and check.refusal.problem is KeyProblem.INVALID
    assert [p for _, p, _ in server.requests] == ["/v1/models"], "a refusal is never retried"


def test_a_failing_site_is_not_retried(server: DemoServer, truth: ServerTruth) -> None:
    key = truth.key(token_of_kind(truth, "ok")["id"])
    server.fail_next(1, status=503, path="/v1/models")
    server.reset_requests()
    check = checker_for(server).check(key)
    assert check.refusal is not None and check.refusal.status == 503
    assert len(server.requests) == 1


def test_balance_is_read_once_per_minute(server: DemoServer, truth: ServerTruth) -> None:
    token = token_of_kind(truth, "ok")
    key = truth.key(token["id"])
    clock = Clock()
    checker = checker_for(server, clock)
    server.reset_requests()
    first = checker.balance(key)
    assert checker.balance(key) == first
    assert [p for _, p, _ in server.requests] == ["/v1/dashboard/billing/subscription", "/v1/dashboard/billing/usage"]
    clock.now += BALANCE_TTL_S + 1
    checker.balance(key)
    assert len(server.requests) == 4
    assert first.unlimited == token["unlimited_quota"]
    assert first.used == pytest.approx(token["used_quota"] / 500_000)


def test_balance_of_a_spent_key(server: DemoServer, truth: ServerTruth) -> None:
    """Billing refuses an exhausted key; New API's /api/usage/token/ still reads it, One API has nothing."""
    token = token_of_kind(truth, "exhausted")
    checker = checker_for(server)
    if server.flavor == "one-api":
        with pytest.raises(KeyRefused) as refused:
            checker.balance(truth.key(token["id"]))
        assert refused.value.refusal.problem is KeyProblem.EXHAUSTED
        return
    usage = checker.balance(truth.key(token["id"]))
    assert usage.source == "usage_token" and usage.in_quota_units and usage.available == token["remain_quota"]


def test_one_model_try_is_one_request(server: DemoServer, truth: ServerTruth) -> None:
    key = truth.key(token_of_kind(truth, "modellim")["id"])
    checker = checker_for(server)
    server.reset_requests()
    denied = checker.try_model(key, "gpt-4o-mini")
    assert denied.status == 403 and denied.refusal is not None
    assert denied.refusal.problem is KeyProblem.MODEL_NOT_ALLOWED and "gpt-4o-mini" in denied.error_body
    assert len(server.requests) == 1
    allowed = checker.try_model(key, "gpt-4o")
    assert allowed.ok and allowed.completion_tokens == 1 and allowed.first_byte_ms > 0


@pytest.mark.parametrize(("kind", "problem"), [("expired", KeyProblem.EXPIRED), ("exhausted", KeyProblem.EXHAUSTED),
                                               ("disabled", KeyProblem.DISABLED)])
def test_new_api_v1_hides_the_reason_and_the_token_tells_it(kind: str, problem: KeyProblem) -> None:
    """New API after 2026-07 answers every token-state refusal with a bare 401 "Invalid token" (u22–u35);
    the demo's v1.0 flavour does the same without any patching, and the token's own fields say why."""
    with DemoServer(flavor="new-api-v1", tokens=40, seed=3, critical_rate_limit=None) as server:
        truth = ServerTruth(server)
        row = token_of_kind(truth, kind)
        client = OpenKeyClient(server.url, timeout=5)
        client.use_access_token(server.access_token)
        token = client.get_token(row["id"])
        check = KeyChecker(server.url, 5, flavor=Flavor.NEW_API).check(truth.key(row["id"]), token)
        assert check.refusal is not None and check.refusal.status == 401
        assert "Invalid token" in check.refusal.server_message
        assert check.refusal.problem is problem and check.refusal.inferred
