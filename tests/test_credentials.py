"""The keyring wrapper with an in-memory backend, the fail backend, and a real Secret Service."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from keyring.backends import fail

from openkey_gui.credentials import Credential, CredentialStore, KeyringUnavailable, account_key
from tests.support import MemoryKeyring, require_tools


def test_round_trip_in_memory() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    key = account_key("https://openkey.cloud", "alice")
    credential = Credential(mode="password", username="alice", password="s3cret-pw")
    assert store.available()
    store.save(key, credential)
    assert store.load(key) == credential
    store.forget(key)
    assert store.load(key) is None
    store.forget(key)  # forgetting twice is fine


def test_accounts_are_separate_entries() -> None:
    store = CredentialStore(MemoryKeyring())
    a = account_key("https://a.example", "u")
    b = account_key("https://b.example", "u")
    store.save(a, Credential(mode="password", username="u", password="pa"))
    store.save(b, Credential(mode="access_token", access_token="tok", user_id=7))
    assert store.load(a).password == "pa"  # type: ignore[union-attr]
    assert store.load(b).access_token == "tok"  # type: ignore[union-attr]


def test_repr_hides_secrets() -> None:
    text = repr(Credential(mode="password", username="u", password="pw-123", access_token="at-456"))
    assert "pw-123" not in text and "at-456" not in text


def test_no_keyring_gives_a_clear_message() -> None:
    store = CredentialStore(fail.Keyring())
    assert not store.available()
    with pytest.raises(KeyringUnavailable, match="No system keyring"):
        store.save("k", Credential(mode="password", password="x"))
    with pytest.raises(KeyringUnavailable):
        store.load("k")


def test_garbage_in_keyring_is_ignored() -> None:
    backend = MemoryKeyring()
    backend.set_password("OpenKey Desktop", "k", "not json")
    assert CredentialStore(backend).load("k") is None


SECRET_SERVICE_SCRIPT = textwrap.dedent(
    """
    import os, pathlib, sys
    import keyring
    from openkey_gui.credentials import Credential, CredentialStore, account_key

    backend = keyring.get_keyring()
    print("backend:", type(backend).__module__, type(backend).__name__)
    store = CredentialStore()
    assert store.available(), store.backend_name()
    key = account_key("https://openkey.cloud", "alice")
    secret = sys.argv[1]
    store.save(key, Credential(mode="password", username="alice", password=secret))
    # a fresh store (as after a restart) reads it back through D-Bus
    loaded = CredentialStore().load(key)
    assert loaded is not None and loaded.password == secret, loaded
    # the app's own settings are written next to it; none of its files may contain the secret
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from openkey_gui.ui.settings import AppSettings, AccountEntry
    settings = AppSettings()
    settings.remember_account(AccountEntry("https://openkey.cloud", "alice"))
    settings.sync()
    print("settings:", settings.file_name())
    for folder in (os.environ["XDG_CONFIG_HOME"], os.environ["XDG_CACHE_HOME"]):
        for path in pathlib.Path(folder).rglob("*"):
            if path.is_file() and secret.encode() in path.read_bytes():
                raise SystemExit(f"secret found in {path}")
    CredentialStore().forget(key)
    assert CredentialStore().load(key) is None
    print("ok")
    """
)


@pytest.mark.secret_service
def test_real_secret_service_round_trip(tmp_path: Path) -> None:
    require_tools("dbus-run-session", "gnome-keyring-daemon")
    script = tmp_path / "probe.py"
    script.write_text(SECRET_SERVICE_SCRIPT)
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "QT_QPA_PLATFORM": "offscreen",
    }
    (tmp_path / "run").mkdir(mode=0o700)
    secret = "pw-" + os.urandom(8).hex()
    command = (
        "echo -n unlock-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f"{sys.executable} {script} {secret}"
    )
    result = subprocess.run(["dbus-run-session", "--", "sh", "-c", command], env=env,
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SecretService" in result.stdout
    assert result.stdout.strip().endswith("ok")
    assert secret not in result.stderr
