"""Signing in as one step, against the demo server, with an in-memory keyring."""

from __future__ import annotations

import time

import pytest

from openkey_gui.api import TwoFactorRequired
from openkey_gui.credentials import CredentialStore, SignInMode
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignInRequest, same_account, sign_in
from tests.support import MemoryKeyring


class CountingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writes += 1
        super().set_password(service, username, password)


def test_remember_saves_once_and_a_remembered_sign_in_does_not_rewrite() -> None:
    backend = CountingKeyring()
    store = CredentialStore(backend)
    with DemoServer(tokens=1) as server:
        first = sign_in(SignInRequest(server.url, username=server.username, password=server.password,
                                      remember=True), store)
        assert backend.writes == 1
        credential = store.load(first.keyring_key)
        assert credential is not None
        again = sign_in(SignInRequest.from_credential(first.client.base_url, credential), store)
        assert backend.writes == 1  # read from the keyring, not written back
        assert same_account(first, again)
        sign_in(SignInRequest(server.url, username=server.username, password=server.password), store)
        assert store.load(first.keyring_key) is None  # signing in without "remember me" forgets it


def test_one_status_request_per_password_sign_in() -> None:
    with DemoServer(tokens=1) as server:
        server.reset_requests()
        sign_in(SignInRequest(server.url, username=server.username, password=server.password))
        assert [r[1] for r in server.requests].count("/api/status") == 1


def test_a_remembered_v1_2fa_account_restarts_without_a_code() -> None:
    """New API v1.0: the refresh session goes to the keyring, is rewritten at each rotation, and a
    restart within the session's life signs in without the password or a code."""
    backend = CountingKeyring()
    store = CredentialStore(backend)
    with DemoServer(flavor="new-api-v1", tokens=3, require_2fa=True, critical_rate_limit=None,
                    access_ttl=1, access_leeway=0) as server:
        first = sign_in(SignInRequest(server.url, username=server.username, password=server.password,
                                      totp="123456", remember=True), store)
        assert backend.writes == 1
        stored = store.load(first.keyring_key)
        assert stored is not None and stored.mode is SignInMode.PASSWORD and stored.password == server.password
        assert stored.session_cookie and stored.session_sid and stored.session_expires > time.time() + 29 * 86_400
        time.sleep(1.3)
        first.client.list_tokens()  # the token expired: one refresh, the rotated cookie written back
        assert backend.writes == 2
        rotated = store.load(first.keyring_key)
        assert rotated is not None and rotated.session_cookie != stored.session_cookie
        first.client.close()  # "quit" without signing out

        server.reset_requests()
        again = sign_in(SignInRequest.from_credential(first.client.base_url, rotated), store)  # no totp
        assert [path for _m, path, _q in server.requests] == ["/api/status", "/api/user/auth/refresh"]
        assert len(again.client.list_tokens()) == 3
        assert backend.writes == 3  # the resume rotated it once more
        assert server.v1.counters.replays_in_grace == server.v1.counters.replays_after_grace == 0

        server.expire_sessions()  # revoked on the site: the remembered session no longer works …
        latest = store.load(first.keyring_key)
        assert latest is not None
        with pytest.raises(TwoFactorRequired):  # … so the password is tried, and the code is asked for
            sign_in(SignInRequest.from_credential(first.client.base_url, latest), store)
