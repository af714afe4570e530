"""Signing in as one step, against the demo server, with an in-memory keyring."""

from __future__ import annotations

from openkey_gui.credentials import CredentialStore
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
