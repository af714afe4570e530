""""Remember me" uses only the operating system's keyring: a backend keyring picked by itself (from a
plugin such as keyrings.alt, from ``PYTHON_KEYRING_BACKEND`` or its config file) is refused unless it is
the Windows Credential Manager, the macOS Keychain, a Secret Service or KWallet.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail

from openkey_gui.credentials import Credential, CredentialStore, KeyringUnavailable, account_key
from tests.support import REQUIRE_ALL, MemoryKeyring

SECRET = "pw-" + "Zq9" * 10


class PlaintextFileKeyring(KeyringBackend):
    """Like keyrings.alt.file.PlaintextKeyring: base64 in a file in the user's home."""

    priority = 0.5  # type: ignore[assignment]
    viable = False  # never picked by keyring's own detection in other tests; set explicitly here
    path: Path = Path("/nonexistent")

    def get_password(self, service: str, username: str) -> str | None:
        if not self.path.exists():
            return None
        return base64.b64decode(self.path.read_bytes()).decode()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.path.write_bytes(base64.b64encode(password.encode()))

    def delete_password(self, service: str, username: str) -> None:
        self.path.unlink(missing_ok=True)


class _Chain(chainer.ChainerBackend):
    """A chainer whose members the test chooses (keyring's own discovers them from the plugins)."""

    members: tuple[KeyringBackend, ...] = ()
    priority = -1  # type: ignore[assignment]
    viable = False  # type: ignore[assignment]

    @property
    def backends(self) -> list[KeyringBackend]:  # type: ignore[override]
        return list(self.members)


@pytest.fixture
def plaintext_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "python_keyring" / "keyring_pass.cfg"
    path.parent.mkdir()
    monkeypatch.setattr(PlaintextFileKeyring, "path", path)
    return path


@pytest.fixture
def keyring_choice() -> Iterator[None]:
    """Whatever a test makes keyring choose is undone afterwards."""
    previous = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def _assert_refused(store: CredentialStore, plaintext_file: Path) -> None:
    assert store.available() is False
    with pytest.raises(KeyringUnavailable, match="No system keyring is available"):
        store.save(account_key("https://openkey.cloud", "alice"),
                   Credential(mode="password", username="alice", password=SECRET))
    with pytest.raises(KeyringUnavailable):
        store.load(account_key("https://openkey.cloud", "alice"))
    assert not plaintext_file.exists(), "the password was written to a file"


def test_a_plaintext_backend_chosen_by_keyring_is_refused(plaintext_file: Path, keyring_choice: None) -> None:
    keyring.set_keyring(PlaintextFileKeyring())
    _assert_refused(CredentialStore(), plaintext_file)
    assert CredentialStore().backend_name().endswith("PlaintextFileKeyring")  # the self-test names it


def test_python_keyring_backend_cannot_pick_a_file(plaintext_file: Path, keyring_choice: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{__name__}.PlaintextFileKeyring")
    keyring.core.init_backend()
    assert type(keyring.get_keyring()) is PlaintextFileKeyring
    _assert_refused(CredentialStore(), plaintext_file)


def test_a_chainer_counts_only_for_the_os_keyring_it_wraps(plaintext_file: Path, keyring_choice: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Chain, "members", (PlaintextFileKeyring(),))
    keyring.set_keyring(_Chain())
    _assert_refused(CredentialStore(), plaintext_file)

    secret_service = SecretService.Keyring()
    monkeypatch.setattr(_Chain, "members", (secret_service, PlaintextFileKeyring()))
    store = CredentialStore()
    assert store.available() is True
    assert store.backend_name() == "keyring.backends.SecretService.Keyring"  # the chained plaintext is never used


def test_keyrings_alt_backends_are_refused(keyring_choice: None, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # keyrings.alt is not a dependency (it must never be one): .ci/run puts it in a folder of its own.
    alt = os.environ.get("OPENKEY_KEYRINGS_ALT")
    if alt:
        monkeypatch.syspath_prepend(alt)
    elif REQUIRE_ALL:
        pytest.fail("OPENKEY_KEYRINGS_ALT is not set (see .ci/run)")
    file_backends = pytest.importorskip("keyrings.alt.file")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    keyring.set_keyring(file_backends.PlaintextKeyring())
    store = CredentialStore()
    assert store.available() is False
    with pytest.raises(KeyringUnavailable):
        store.save("k", Credential(mode="password", username="u", password=SECRET))
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_the_fail_backend_still_gives_the_clear_message(keyring_choice: None, plaintext_file: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    _assert_refused(CredentialStore(), plaintext_file)


def test_an_explicitly_injected_backend_is_used_as_given() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.save("k", Credential(mode="password", username="u", password=SECRET))
    assert store.load("k") == Credential(mode="password", username="u", password=SECRET)
