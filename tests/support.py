"""Helpers shared by tests: an in-memory keyring and fake-key generation."""

from __future__ import annotations

import os
import secrets
import shutil
import string

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

# CI sets this so that a test which would be skipped for a missing tool fails instead.
REQUIRE_ALL = os.environ.get("OPENKEY_REQUIRE_ALL_TESTS") == "1"


def fake_key_body() -> str:
    """48 random characters, like a server's key (never a literal key in the repository)."""
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(48))


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict: the unit-test stand-in for the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise PasswordDeleteError("not found")
        del self.entries[(service, username)]


def require_tools(*names: str) -> None:
    """Skip (or, under CI's flag, fail) when a system tool the test needs is missing."""
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        message = f"needs {', '.join(missing)} (see .ci/run for the packages)"
        if REQUIRE_ALL:
            pytest.fail(message)
        pytest.skip(message)
