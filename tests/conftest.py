"""Test-wide set-up, done before any test module (or Qt) is imported.

- Widget tests run offscreen unless a test asks for a real display.
- The app's settings, keyring configuration and data go to a sandbox folder made for this session:
  the XDG folders point there, and every QSettings user and system path is set there before any
  QSettings exists (Qt reads its paths once, so a test that changes XDG_CONFIG_HOME later would
  otherwise send the default settings to the real ~/.config for the rest of the run).
- The session fails if anything was written to the real places the app uses (its settings folder,
  its log folder, a plaintext keyring file) while it ran.
- The in-memory test keyring counts as an OS keyring when keyring picks it by itself.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

# Set before any Qt import so that QApplication (created by pytest-qt) never needs a display.
# Tests that need a real X server (tray, screenshots) run in their own subprocess with DISPLAY set.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the developer's own settings and keyring out of the tests.
os.environ.setdefault("OPENKEY_TESTING", "1")

SANDBOX_VARIABLE = "OPENKEY_TEST_SANDBOX"


def real_app_locations(environ: os._Environ[str] | dict[str, str], home: Path) -> list[Path]:
    """Where the app (and keyring's file backends) write for a user with this environment and home."""
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    data = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    state = Path(environ.get("XDG_STATE_HOME") or home / ".local" / "state")
    places = [config / "OpenKey", config / "python_keyring", data / "python_keyring", data / "OpenKey",
              state / "openkey-desktop", home / ".qttest", Path("/etc/xdg/OpenKey")]
    if sys.platform == "darwin":
        places += [home / "Library" / "Preferences" / "com.openkey.OpenKey Desktop.plist",
                   home / "Library" / "Logs" / "OpenKey Desktop"]
    if sys.platform == "win32":
        places.append(Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "OpenKey")
    return places


class OutsideWrites:
    """Remembers the files under some paths, and later tells what was added, changed or removed."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.before = self._files()

    def _files(self) -> dict[Path, tuple[int, int]]:
        found: dict[Path, tuple[int, int]] = {}
        for root in self.paths:
            candidates = [root] if root.is_file() else (root.rglob("*") if root.is_dir() else [])
            for path in candidates:
                try:
                    info = path.lstat()
                except OSError:
                    continue
                if path.is_file() or path.is_symlink():
                    found[path] = (info.st_size, info.st_mtime_ns)
        return found

    def changes(self) -> list[str]:
        after = self._files()
        added = [f"written: {p}" for p in sorted(after.keys() - self.before.keys())]
        removed = [f"removed: {p}" for p in sorted(self.before.keys() - after.keys())]
        changed = [f"changed: {p}" for p in sorted(after.keys() & self.before.keys()) if after[p] != self.before[p]]
        return added + changed + removed


_outside = OutsideWrites(real_app_locations(os.environ, Path.home()))
SANDBOX = Path(tempfile.mkdtemp(prefix="openkey-tests-"))
os.environ[SANDBOX_VARIABLE] = str(SANDBOX)
for _variable, _name in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
    (SANDBOX / _name).mkdir()
    os.environ[_variable] = str(SANDBOX / _name)

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402  (the environment above must come first)

for _format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
    QSettings.setPath(_format, QSettings.Scope.UserScope, str(SANDBOX / "config"))
    QSettings.setPath(_format, QSettings.Scope.SystemScope, str(SANDBOX / "system"))

# "Remember me" accepts only the operating system's keyrings when keyring picks the backend itself. The
# in-memory test keyring (tests/support.py) is registered with keyring and may be what it picks here, or
# what a test patches keyring.get_keyring to return: it counts as an OS keyring in the tests only.
from openkey_gui.credentials import trust_backend_for_tests  # noqa: E402
from tests.support import MemoryKeyring  # noqa: E402

trust_backend_for_tests(MemoryKeyring)


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    """Fail the run when a test wrote to the real settings, log or keyring-file locations."""
    changes = _outside.changes()
    shutil.rmtree(SANDBOX, ignore_errors=True)
    if not changes:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = ["tests wrote outside their sandbox (to the developer's real files):", *changes]
    if reporter is not None:
        reporter.section("sandbox", red=True)
        for line in lines:
            reporter.write_line(line, red=True)
    else:
        print("\n".join(lines), file=sys.stderr)
    session.exitstatus = 1


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Every place the app could write to, inside tmp_path."""
    places = {name: tmp_path / name for name in ("home", "settings", "config", "cache", "data", "state", "logs")}
    for path in places.values():
        path.mkdir()
    monkeypatch.setenv("HOME", str(places["home"]))
    for variable, name in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                           ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(variable, str(places[name]))
    monkeypatch.setenv("OPENKEY_LOG_DIR", str(places["logs"]))
    return places
