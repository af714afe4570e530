"""The account list file, without Qt: a round trip, secrets never taken, clear refusals."""

from __future__ import annotations

import json

import pytest

from openkey_gui.account_file import (
    FORMAT,
    AccountFileError,
    AccountFileProblem,
    ListedAccount,
    dump,
    load,
)
from openkey_gui.credentials import SignInMode

ACCOUNTS = (
    ListedAccount("https://openkey.cloud", "alice", SignInMode.PASSWORD, None, "work", (12, 40)),
    ListedAccount("https://api.example.com", "bob", SignInMode.ACCESS_TOKEN, 7, "", ()),
    ListedAccount("http://127.0.0.1:3000", "alice", SignInMode.PASSWORD, 1, "本地", (3,)),
)


def _file(*accounts: dict, **top: object) -> str:
    return json.dumps({"format": FORMAT, "version": 1, "accounts": list(accounts), **top})


def test_round_trip_keeps_order_labels_and_pins() -> None:
    text = dump(ACCOUNTS)
    read = load(text)
    assert read.accounts == ACCOUNTS and read.ignored_secrets == () and read.skipped == 0
    assert load(text.encode("utf-8")).accounts == ACCOUNTS


def test_the_written_file_holds_no_secret_field() -> None:
    for entry in json.loads(dump(ACCOUNTS))["accounts"]:
        assert set(entry) == {"server_url", "username", "mode", "user_id", "label", "pinned"}


def test_secret_fields_are_ignored_and_named() -> None:
    read = load(_file({"server_url": "https://openkey.cloud", "username": "alice", "password": "hunter2",
                       "access_token": "abc", "api_key": "sk-x", "pinned": [1]}, refresh_token="r"))
    assert read.accounts == (ListedAccount("https://openkey.cloud", "alice", pinned=(1,)),)
    assert read.ignored_secrets == ("access_token", "api_key", "password", "refresh_token")
    assert "hunter2" not in repr(read)


@pytest.mark.parametrize(("text", "problem"), [
    ("{not json", AccountFileProblem.NOT_JSON),
    ("[]", AccountFileProblem.NOT_AN_ACCOUNT_LIST),
    (json.dumps({"format": "something else", "version": 1, "accounts": []}), AccountFileProblem.NOT_AN_ACCOUNT_LIST),
    (json.dumps({"format": FORMAT, "version": 1, "accounts": {}}), AccountFileProblem.NOT_AN_ACCOUNT_LIST),
    (json.dumps({"format": FORMAT, "version": "1", "accounts": []}), AccountFileProblem.NOT_AN_ACCOUNT_LIST),
    (json.dumps({"format": FORMAT, "version": 2, "accounts": []}), AccountFileProblem.NEWER_VERSION),
    ("x" * 1_000_001, AccountFileProblem.TOO_LARGE),
])
def test_malformed_files_are_refused_with_a_reason(text: str, problem: AccountFileProblem) -> None:
    with pytest.raises(AccountFileError) as refused:
        load(text)
    assert refused.value.problem is problem


def test_bad_json_says_where() -> None:
    with pytest.raises(AccountFileError) as refused:
        load('{\n  "format": "openkey-desktop/accounts",\n  oops\n}')
    assert refused.value.params == {"line": 3, "column": 3}


def test_not_utf8_is_refused() -> None:
    with pytest.raises(AccountFileError) as refused:
        load(b"\xff\xfe\x00\x01")
    assert refused.value.problem is AccountFileProblem.NOT_TEXT


def test_unusable_entries_are_skipped_and_counted_duplicates_dropped() -> None:
    read = load(_file(
        {"server_url": "https://openkey.cloud", "username": "alice"},
        {"server_url": "https://openkey.cloud/", "username": "alice"},  # the same account again
        {"server_url": "http://example.com", "username": "eve"},  # plain http off this computer
        {"server_url": "https://openkey.cloud"},  # no user name
        "not an object",
        {"server_url": "https://openkey.cloud", "username": "carol", "mode": "magic", "user_id": True,
         "label": 5, "pinned": [0, -1, 2, 2, "3", True], "colour": "blue"},
    ))
    assert [a.username for a in read.accounts] == ["alice", "carol"]
    assert read.skipped == 3
    carol = read.accounts[1]
    assert (carol.mode, carol.user_id, carol.label, carol.pinned) == (SignInMode.PASSWORD, None, "", (2,))
    assert read.extra == ("colour",)
