"""The test session's sandbox: default settings never reach the developer's real ~/.config, even after
a test changed XDG_CONFIG_HOME, and the guard that fails the session sees any write outside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openkey_gui.ui.settings import AppSettings
from tests import conftest


def _sandbox() -> Path:
    return Path(os.environ["OPENKEY_TEST_SANDBOX"])


def test_default_settings_live_in_the_session_sandbox() -> None:
    settings = AppSettings()
    settings.add_recent_site("https://sandbox.example")
    settings.sync()
    path = Path(settings.file_name())
    assert path.is_relative_to(_sandbox()), path
    assert path.is_file() and not path.is_relative_to(Path.home())


def test_a_test_that_moves_xdg_config_home_cannot_move_the_default_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert Path(AppSettings().file_name()).is_relative_to(_sandbox())


def test_the_guard_sees_writes_changes_and_removals(tmp_path: Path) -> None:
    home = tmp_path / "home"
    places = conftest.real_app_locations({}, home)
    settings = home / ".config" / "OpenKey" / "OpenKey Desktop.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[General]\n")
    guard = conftest.OutsideWrites(places)
    assert guard.changes() == []
    keyring_file = home / ".local" / "share" / "python_keyring" / "keyring_pass.cfg"
    keyring_file.parent.mkdir(parents=True)
    keyring_file.write_text("x")
    settings.write_text("[General]\nsites=1\n")
    os.utime(settings, ns=(1, 1))
    assert guard.changes() == [f"written: {keyring_file}", f"changed: {settings}"]
    settings.unlink()
    assert f"removed: {settings}" in guard.changes()
