"""Log files stay readable by their owner only, also after rotation, and a folder named by
OPENKEY_LOG_DIR is left as it is (the log goes into a private folder inside it)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from openkey_gui import logging_setup

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shared_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual umask: files 0644, folders 0755
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_openkey_handler", False)]:
        root.removeHandler(handler)
        handler.close()
    logging_setup.uninstall_redaction()
    root.setLevel(level)


def test_rotated_log_files_are_all_private(tmp_path: Path, shared_umask: None, restore_logging: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging_setup, "_MAX_LOG_BYTES", 2_000)
    path = logging_setup.configure_logging(level="INFO", log_dir=tmp_path, console=False)
    assert path is not None
    log = logging.getLogger("openkey_gui.test_rotation")
    for number in range(200):
        log.info("line %d of a log that rotates %s", number, "x" * 40)
    files = sorted(tmp_path.glob(logging_setup.LOG_FILE_NAME + "*"))
    assert len(files) >= 3, files  # rotated at least twice
    assert {f.name: oct(mode(f)) for f in files} == {f.name: oct(0o600) for f in files}


def test_openkey_log_dir_itself_is_not_changed(tmp_path: Path, shared_umask: None, restore_logging: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    monkeypatch.setenv("OPENKEY_LOG_DIR", str(shared))
    path = logging_setup.configure_logging(console=False)
    assert path is not None
    assert mode(shared) == 0o755, "the folder the user named was made private"
    assert path.parent.parent == shared and mode(path.parent) == 0o700 and mode(path) == 0o600


def test_a_private_folder_owned_by_someone_else_or_a_symlink_is_not_used(
    tmp_path: Path, shared_umask: None, restore_logging: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("OPENKEY_LOG_DIR", str(shared))
    private = logging_setup.default_log_dir()
    assert private is not None and private.parent == shared
    private.symlink_to(elsewhere, target_is_directory=True)  # planted before the app starts
    assert logging_setup.configure_logging(console=False) is None
    assert not any(elsewhere.iterdir())


def test_make_private(tmp_path: Path, shared_umask: None) -> None:
    settings = tmp_path / "OpenKey Desktop.conf"
    settings.write_text("[General]\n")
    folder = tmp_path / "OpenKey"
    folder.mkdir()
    logging_setup.make_private(settings)
    logging_setup.make_private(folder)
    assert mode(settings) == 0o600 and mode(folder) == 0o700
    logging_setup.make_private(tmp_path / "missing.conf")  # nothing to do, no error
