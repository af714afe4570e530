"""Soak: thousands of mixed operations with injected faults; afterwards the client's view is the server's.

The client (not the GUI, for speed) runs a seeded random mix of create / update / enable / disable /
delete / list against the demo server, and one operation in ten meets a fault on its request: HTTP 500,
a connection cut mid-answer, a proxy's 502 page, or a delay beyond the client's timeout (the server then
still carries the request out). After every failed write the driver reconciles the way the app does:
it reads the server's state before deciding whether to try again (a create reconciles inside
``create_token``). At the end the client's list must equal the server's state exactly, and the driver's
own record of what it did must too: nothing lost, nothing duplicated.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from openkey_gui.api import ApiError, NetworkError, OpenKeyClient, Token, TokenDraft, ValidationError
from openkey_gui.demo import DemoServer
from tests.reliability.report import note

# 2,000 operations in all, half per flavour; OPENKEY_SOAK_OPERATIONS makes a longer run by hand.
OPERATIONS = int(os.environ.get("OPENKEY_SOAK_OPERATIONS", "2000") or 2000)
FAULT_RATE = 0.10
TIMEOUT = 0.25  # the client's; a "delay" fault holds the answer longer than this
DELAY = 0.4
SETTLE = 2.0  # how long a write whose answer was lost is looked for before it is sent again
SEED = 20_240_607
MIX = [("create", 30), ("update", 20), ("enable", 10), ("disable", 10), ("delete", 15), ("list", 15)]
FAULT_KINDS = {
    "status 500": {"status": 500},
    "drop mid": {"drop": "mid"},
    "html 502": {"status": 502, "html": True},
    "delay beyond timeout": {"delay": DELAY},
}
WRITE_REQUEST = {"create": "POST", "update": "PUT", "enable": "PUT", "disable": "PUT", "delete": "DELETE",
                 "list": "GET"}


@dataclass
class Expected:
    name: str
    remain_quota: int
    unlimited: bool
    status: int


def view(token: Token) -> Expected:
    return Expected(token.name, token.remain_quota, token.unlimited, int(token.status))


def server_view(row: dict[str, Any]) -> Expected:
    return Expected(row["name"], row["remain_quota"], bool(row["unlimited_quota"]), row["status"])


class Driver:
    """Runs the operations, keeps its own record of the expected state, reconciles after failures."""

    def __init__(self, client: OpenKeyClient, server: DemoServer, rng: random.Random) -> None:
        self.client = client
        self.server = server
        self.rng = rng
        self.expected: dict[int, Expected] = {t.id: view(t) for t in client.list_tokens()}
        self.ops: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.created_names: set[str] = set()
        self.serial = 0
        self.fault: str | None = None

    # -- the operations ---------------------------------------------------------------------------

    def step(self, index: int) -> None:
        kind = self.rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        switchable = [i for i, e in self.expected.items() if e.status in (1, 2)]
        nothing_to_touch = not self.expected if kind in ("update", "delete") else not switchable
        if kind != "create" and kind != "list" and nothing_to_touch:
            kind = "create"
        self.ops[kind] += 1
        self.fault = None
        if self.rng.random() < FAULT_RATE:
            self.fault = self.rng.choice(sorted(FAULT_KINDS))
            self.faults[self.fault] += 1
            self.server.fail_next(1, path="/api/token", method=WRITE_REQUEST[kind], **FAULT_KINDS[self.fault])
        getattr(self, f"do_{kind}")(switchable)
        self.server.clear_faults()  # a fault its request never met (absorbed by a GET retry) must not linger

    def do_create(self, _switchable: list[int]) -> None:
        self.serial += 1
        name = f"soak-{self.serial}"
        unlimited = self.rng.random() < 0.1
        draft = TokenDraft(name=name, unlimited=unlimited,
                           remain_quota=0 if unlimited else self.rng.randrange(1, 50) * 100_000)
        token = self.until_done("create", lambda: self.client.create_token(draft), confirm=None)
        self.created_names.add(name)
        self.expected[token.id] = view(token)

    def do_update(self, _switchable: list[int]) -> None:
        token_id = self.rng.choice(sorted(self.expected))
        quota = self.rng.randrange(1, 90) * 50_000
        changes: dict[str, Any] = {"remain_quota": quota, "unlimited": False}
        if self.rng.random() < 0.3:
            changes["name"] = f"soak-u{token_id}-{self.rng.randrange(1000)}"

        def applied() -> bool:
            now = self.client.get_token(token_id)
            return now.remain_quota == quota and now.name == changes.get("name", now.name)

        updated = self.until_done("update", lambda: self.client.update_token(token_id, **changes), confirm=applied)
        current = self.client.get_token(token_id) if updated is None else updated
        self.expected[token_id] = view(current)

    def do_enable(self, switchable: list[int]) -> None:
        self._switch(switchable, True)

    def do_disable(self, switchable: list[int]) -> None:
        self._switch(switchable, False)

    def _switch(self, switchable: list[int], enabled: bool) -> None:
        token_id = self.rng.choice(sorted(switchable))
        wanted = 1 if enabled else 2
        self.until_done("enable" if enabled else "disable",
                        lambda: self.client.set_token_enabled(token_id, enabled),
                        confirm=lambda: int(self.client.get_token(token_id).status) == wanted)
        self.expected[token_id].status = wanted

    def do_delete(self, _switchable: list[int]) -> None:
        token_id = self.rng.choice(sorted(self.expected))

        def gone() -> bool:
            try:
                self.client.get_token(token_id)
            except ApiError as exc:
                if "not found" in str(exc):
                    return True
                raise
            return False

        def delete() -> None:
            try:
                self.client.delete_token(token_id)
            except ApiError as exc:
                if "not found" not in str(exc):  # a retry after a delete that did land: already gone
                    raise

        self.until_done("delete", delete, confirm=gone)
        del self.expected[token_id]

    def do_list(self, _switchable: list[int]) -> None:
        listed = self.until_done("list", self.client.list_tokens, confirm=None)
        assert {t.id: view(t) for t in listed} == self.expected, "a list in mid-run disagrees with the record"

    # -- failure handling: reconcile, then (only then) try again ---------------------------------------

    def until_done(self, what: str, call: Callable[[], Any], *, confirm: Callable[[], bool] | None) -> Any:
        for attempt in range(6):
            try:
                result = call()
                if attempt == 0 and self.fault is not None:  # the client absorbed it: GET retry, or a create
                    self.outcomes[f"{what}: {self.fault} absorbed by the client"] += 1  # found by listing
                return result
            except ValidationError:
                raise
            except ApiError as exc:
                self.errors[type(exc).__name__] += 1
                if confirm is None:  # create reconciles inside create_token; a list is simply read again
                    self.outcomes[f"{what}: error, tried again"] += 1
                    continue
                if self._reconcile(confirm, lost_answer=isinstance(exc, NetworkError)):
                    self.outcomes[f"{what}: error, but the server had done it"] += 1
                    return None
                self.outcomes[f"{what}: error, not done, tried again"] += 1
        raise AssertionError(f"{what} did not succeed in 6 attempts")

    def _reconcile(self, confirm: Callable[[], bool], *, lost_answer: bool) -> bool:
        """Read the server's state; after a lost answer keep looking a while (the request may still run)."""
        deadline = time.monotonic() + (SETTLE if lost_answer else 0.0)
        while True:
            try:
                if confirm():
                    return True
            except ApiError:
                pass  # the check itself failed: look again
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_soak(flavor: str) -> None:
    started = time.monotonic()
    operations = OPERATIONS // 2
    with DemoServer(flavor=flavor, tokens=40, seed=3, critical_rate_limit=None, search_rate_limit=None,
                    max_tokens=100_000) as server:
        client = OpenKeyClient(server.url, timeout=TIMEOUT)
        client.login(server.username, server.password)
        driver = Driver(client, server, random.Random(f"{SEED}-{flavor}"))
        for index in range(operations):
            driver.step(index)
        server.clear_faults()
        time.sleep(DELAY + 0.2)  # nothing can still be in flight on the server

        listed = client.list_tokens()
        rows = server.tokens()
        # the client's list equals the server's state exactly
        assert sorted(t.id for t in listed) == sorted(r["id"] for r in rows)
        by_id = {r["id"]: r for r in rows}
        for token in listed:
            row = by_id[token.id]
            assert view(token) == server_view(row), (token, row)
            assert token.key == "sk-" + row["key"] or token.key_is_masked
        # …and equals what the driver did: nothing lost, nothing duplicated
        assert {r["id"]: server_view(r) for r in rows} == driver.expected
        names = Counter(r["name"] for r in rows)
        assert not [n for n, count in names.items() if n.startswith("soak-") and count > 1], "duplicated"
        created_alive = {e.name for e in driver.expected.values() if e.name.startswith("soak-")
                         and not e.name.startswith("soak-u")}
        assert created_alive <= driver.created_names
        client.close()

    took = time.monotonic() - started
    faults = sum(driver.faults.values())
    note("soak", f"{flavor}: {sum(driver.ops.values())} operations ({dict(sorted(driver.ops.items()))}), "
                 f"{faults} faults injected ({dict(sorted(driver.faults.items()))}), "
                 f"{sum(driver.errors.values())} errors surfaced ({dict(sorted(driver.errors.items()))}); "
                 f"final: {len(rows)} tokens, client list == server state == driver record "
                 f"(ids, names, quotas, statuses), 0 lost, 0 duplicated; {took:.1f} s")
    note("soak", f"{flavor}: reconciliation outcomes {dict(sorted(driver.outcomes.items()))}")
    assert faults >= operations * FAULT_RATE * 0.6
