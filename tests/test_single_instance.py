"""One instance per user: real app processes, a second launch, and a first instance killed with -9.

The app's INFO log lines (``OPENKEY_LOG_LEVEL=INFO`` sends them to stderr) are how the test sees what
each process did; every process gets a throwaway home, so the user's own app is never involved.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from openkey_gui.single_instance import instance_name

ROOT = Path(__file__).resolve().parent.parent
LISTENING = "single instance: listening"
HANDED_OVER = "another instance is running; asked it to show its window"
RAISED = "a second launch asked for the window"
START_S = 60


@pytest.fixture
def run_dir() -> Iterator[Path]:
    """The runtime folder: short, as the real one is (/run/user/N), so the socket lives in it."""
    path = Path(tempfile.mkdtemp(prefix="okrun-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def env(tmp_path: Path, run_dir: Path) -> dict[str, str]:
    run = run_dir
    home = tmp_path / "home"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "OPENKEY_"))}
    return {**base, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data"),
            "XDG_RUNTIME_DIR": str(run), "QT_QPA_PLATFORM": "offscreen", "OPENKEY_LOG_LEVEL": "INFO",
            "OPENKEY_TESTING": "1", "PYTHONPATH": str(ROOT)}


class App:
    """One app process whose stderr goes to a file the test reads."""

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.log = log
        with log.open("wb") as err:
            self.process = subprocess.Popen([sys.executable, "main.py", "--demo", "--demo-tokens", "5", *args],
                                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, line: str, timeout: float = START_S) -> None:
        deadline = time.monotonic() + timeout
        while line not in self.text():
            assert self.process.poll() is None, f"the app ended ({self.process.returncode}):\n{self.text()}"
            assert time.monotonic() < deadline, f"no {line!r} within {timeout} s:\n{self.text()}"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)


@pytest.fixture
def apps() -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        app.stop()


def _start(apps: list[App], env: dict[str, str], tmp_path: Path, *args: str) -> App:
    app = App(env, tmp_path / f"app{len(apps)}.log", *args)
    apps.append(app)
    return app


def test_a_second_launch_raises_the_first_window_and_exits(apps: list[App], env: dict[str, str],
                                                           tmp_path: Path) -> None:
    first = _start(apps, env, tmp_path)
    first.wait_for(LISTENING)
    second = _start(apps, env, tmp_path)
    assert second.process.wait(START_S) == 0, second.text()
    assert HANDED_OVER in second.text()
    assert LISTENING not in second.text()
    first.wait_for(RAISED, timeout=10)
    assert first.process.poll() is None  # the first one keeps running


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and Unix sockets are the POSIX case")
def test_a_killed_first_instance_does_not_block_the_next_start(apps: list[App], env: dict[str, str],
                                                               tmp_path: Path, run_dir: Path) -> None:
    first = _start(apps, env, tmp_path)
    first.wait_for(LISTENING)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(10)
    leftovers = sorted(p.name for p in run_dir.iterdir())
    assert any(name.endswith(".lock") for name in leftovers)  # the crash left its lock and socket behind
    assert any(name.endswith(".sock") for name in leftovers)
    second = _start(apps, env, tmp_path)
    second.wait_for(LISTENING)  # it took over
    third = _start(apps, env, tmp_path)
    assert third.process.wait(START_S) == 0, third.text()
    second.wait_for(RAISED, timeout=10)


def test_other_settings_or_the_demo_are_other_instances(apps: list[App], env: dict[str, str],
                                                        tmp_path: Path) -> None:
    first = _start(apps, env, tmp_path)
    first.wait_for(LISTENING)
    sandboxed = _start(apps, env, tmp_path, "--settings", str(tmp_path / "other.ini"))
    sandboxed.wait_for(LISTENING)
    assert RAISED not in first.text()


def test_the_instance_name_depends_on_the_settings_file_and_the_demo() -> None:
    name = instance_name("/home/a/settings.ini")
    assert name == instance_name("/home/a/settings.ini")
    assert name != instance_name("/home/b/settings.ini")
    assert name != instance_name("/home/a/settings.ini", "one-api")
    assert instance_name("x", "one-api") != instance_name("x", "new-api")
    assert name.startswith("openkey-desktop-") and len(name) < 60  # fits a Unix socket path


@pytest.mark.skipif(sys.platform == "win32", reason="Windows pipes have names, not paths")
def test_a_deep_runtime_folder_falls_back_to_a_bare_socket_name(tmp_path: Path) -> None:
    from openkey_gui.single_instance import _server_name

    assert _server_name(Path("/run/user/1000"), "openkey-desktop-x") == "/run/user/1000/openkey-desktop-x.sock"
    assert _server_name(tmp_path / ("d" * 120), "openkey-desktop-x") == "openkey-desktop-x"
