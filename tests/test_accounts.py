"""The accounts core without Qt: order, selection, the bounded load gate, expiry counts and the
background sign-in of a remembered account against real demo servers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from openkey_gui.accounts import (
    AccountSet,
    AccountSlot,
    AccountState,
    LoadGate,
    expiring_within,
    open_remembered,
)
from openkey_gui.api import Token, TokenStatus
from openkey_gui.api.errors import NetworkError
from openkey_gui.credentials import CredentialStore
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignInRequest, sign_in
from tests.support import MemoryKeyring

NOW = datetime(2026, 12, 2, 5, 0, tzinfo=timezone.utc)


def slot(key: str) -> AccountSlot:
    return AccountSlot(key=key, server_url=f"https://{key}.example", username="alice")


def token(token_id: int, expires: datetime | None, status: TokenStatus = TokenStatus.ENABLED) -> Token:
    return Token(id=token_id, name=f"t{token_id}", key="sk-x", key_is_masked=True, status=status, created_at=None,
                 accessed_at=None, expires_at=expires, remain_quota=1, used_quota=0, unlimited=True)


def test_accounts_keep_the_users_order_and_a_second_add_keeps_the_first() -> None:
    accounts = AccountSet()
    a, b, c = (accounts.add(slot(k)) for k in "abc")
    assert accounts.add(slot("a")) is a and accounts.keys() == ["a", "b", "c"]
    assert accounts.move("c", -1) and accounts.keys() == ["a", "c", "b"]
    assert not accounts.move("a", -1) and not accounts.move("b", +1)
    accounts.reorder(["b", "a"])
    assert accounts.keys() == ["b", "a", "c"] and accounts.at(2) is c and accounts.at(3) is None
    assert accounts.index_of("a") == 1 and accounts.get("zzz") is None and b.display_name == "b.example"


def test_removing_the_selected_account_selects_its_neighbour() -> None:
    accounts = AccountSet()
    for key in "abc":
        accounts.add(slot(key))
    accounts.selected_key = "c"
    accounts.remove("c")
    assert accounts.selected_key == "b"
    accounts.remove("a")
    assert accounts.selected_key == "b" and accounts.selected is accounts.get("b")
    accounts.remove("b")
    assert accounts.selected_key == "" and accounts.selected is None and accounts.remove("b") is None


def test_the_gate_runs_at_most_four_and_starts_the_rest_in_order() -> None:
    gate = LoadGate()
    started: list[str] = []
    for key in "abcdef":
        assert gate.submit(key, lambda key=key: started.append(key))
    assert started == list("abcd") and gate.running == frozenset("abcd")
    assert not gate.submit("a", lambda: started.append("again")) and not gate.submit("f", lambda: None)
    gate.finished("b")
    assert started == list("abcde")
    gate.cancel("f")
    gate.finished("a")
    assert started == list("abcde") and gate.peak == 4 and not gate.busy("f")


def test_the_gate_spaces_its_starts_and_still_bounds_them() -> None:
    """Each start waits ``spacing`` after the one before (scheduled once, however many are waiting);
    the bound of four holds when the earlier loads have not finished."""
    now = [100.0]
    scheduled: list[tuple[float, object]] = []
    gate = LoadGate(spacing=0.04, later=lambda seconds, pump: scheduled.append((seconds, pump)),
                    clock=lambda: now[0])
    started: list[str] = []
    for key in "abcdef":
        assert gate.submit(key, lambda key=key: started.append(key))
    assert started == ["a"] and len(scheduled) == 1 and scheduled[0][0] == pytest.approx(0.04)
    gate.finished("a")  # finishing early does not start the next one before its time
    assert started == ["a"] and len(scheduled) == 1
    for expected in ("ab", "abc", "abcd", "abcde"):
        now[0] += 0.04
        _, pump = scheduled.pop()
        pump()
        assert started == list(expected)
    assert gate.running == frozenset("bcde") and gate.peak == 4
    assert not scheduled  # four running: "f" waits for one of them, not for a timer
    now[0] += 1
    gate.finished("c")
    assert started == list("abcdef") and not scheduled


def test_background_loads_run_two_at_a_time_and_let_sign_ins_pass() -> None:
    gate = LoadGate()
    started: list[str] = []
    for key in "abc":
        assert gate.submit(key, lambda key=key: started.append(key), background=True)
    assert started == ["a", "b"]  # two refreshes at once, not four
    gate.submit("x", lambda: started.append("x"))  # a sign-in: room up to four, ahead of "c"
    assert started == ["a", "b", "x"]
    gate.finished("a")
    assert started == ["a", "b", "x"]  # two still run ("b" and "x"): "c" waits
    gate.finished("x")
    assert started == ["a", "b", "x", "c"] and gate.peak == 3


def test_expiring_counts_usable_tokens_ending_within_three_days() -> None:
    tokens = [token(1, NOW + timedelta(days=1)), token(2, NOW + timedelta(days=4)), token(3, None),
              token(4, NOW - timedelta(hours=1)), token(5, NOW + timedelta(days=2), TokenStatus.DISABLED),
              token(6, NOW + timedelta(days=3))]
    assert [t.id for t in expiring_within(tokens, now=NOW)] == [1, 6]


def test_a_slot_follows_edits_to_its_list() -> None:
    one = slot("a")
    one.tokens = [token(1, None), token(2, None)]
    one.put_token(token(3, None))
    one.put_token(token(1, NOW + timedelta(days=1)))
    one.drop_token(2)
    assert [t.id for t in one.tokens] == [3, 1] and one.token_count() == 2 and one.expiring_soon(NOW) == 1


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_a_remembered_account_opens_with_its_own_client_and_lists(flavor: str) -> None:
    store = CredentialStore(MemoryKeyring())
    with DemoServer(flavor=flavor, tokens=7, seed=3, critical_rate_limit=None) as first, \
            DemoServer(flavor=flavor, tokens=4, seed=4, critical_rate_limit=None, system_name="Second") as second:
        keys = []
        for server in (first, second):
            session = sign_in(SignInRequest(server.url, username=server.username, password=server.password,
                                            remember=True), store, timeout=5)
            keys.append(session.keyring_key)
            session.client.close()
        opened = [open_remembered(server.url, key, store, timeout=5) for server, key in zip((first, second), keys,
                                                                                              strict=True)]
        assert [len(o.tokens or []) for o in opened] == [7, 4]
        assert opened[0].session is not None and opened[1].session is not None
        assert opened[0].session.client is not opened[1].session.client
        assert opened[1].session.site.system_name == "Second"
        accounts = AccountSet()
        for key, server, o in zip(keys, (first, second), opened, strict=True):
            s = accounts.add(AccountSlot(key=key, server_url=server.url, username=server.username))
            s.signed_in(o.session, o.account, o.tokens, now=NOW)  # type: ignore[arg-type]
        assert [s.state for s in accounts.signed_in()] == [AccountState.OK, AccountState.OK]
        assert [s.display_name for s in accounts.accounts()] == ["OpenKey Demo", "Second"]
        assert len(accounts.tokens_of_all()) == 11
        for o in opened:
            o.session.client.close()  # type: ignore[union-attr]


def test_nothing_in_the_keyring_opens_nothing_and_a_dead_site_raises() -> None:
    store = CredentialStore(MemoryKeyring())
    assert open_remembered("https://nowhere.example", "https://nowhere.example|bob", store, timeout=1).session is None
    with DemoServer(flavor="one-api", tokens=2, critical_rate_limit=None) as server:
        session = sign_in(SignInRequest(server.url, username=server.username, password=server.password,
                                        remember=True), store, timeout=5)
        session.client.close()
        url = server.url
    with pytest.raises(NetworkError):
        open_remembered(url, session.keyring_key, store, timeout=2)


def test_the_same_site_with_two_users_is_two_accounts() -> None:
    from openkey_gui.credentials import account_key

    accounts = AccountSet()
    alice = accounts.add(AccountSlot(key=account_key("https://a.example", "alice"), server_url="https://a.example",
                                     username="alice"))
    bob = accounts.add(AccountSlot(key=account_key("https://a.example", "bob"), server_url="https://a.example",
                                   username="bob"))
    assert alice is not bob and len(accounts.accounts()) == 2 and alice.site_name == bob.site_name == "a.example"
