"""``--self-test``: the one-line report every smoke test relies on, its failure path, and its keyring rules.

The full run happens in a subprocess (it owns a QApplication, installs translators and a message handler,
exactly as in a frozen app); the keyring decision logic is tested in-process with stand-in backends.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from openkey_gui import __version__, self_test
from openkey_gui.self_test import NO_SECRET_SERVICE, Report, SelfTestFailure
from tests.support import MemoryKeyring, require_tools

ROOT = Path(__file__).resolve().parent.parent
REPORT = re.compile(
    r"^self-test ok: version (?P<version>\S+), (?P<tokens>\d+) tokens listed in (?P<seconds>\d+\.\d\d) s, "
    r"keyring=(?P<keyring>.+), translations=(?P<translations>\S+), qt=(?P<qt>\d+\.\d+\.\d+)$"
)


def _env(**extra: str) -> dict[str, str]:
    """The test's environment, offscreen, without a round-trip request inherited from the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENKEY_SELF_TEST_")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **extra}


def _run(args: list[str], env: dict[str, str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_self_test_reports_ok_in_one_line() -> None:
    result = _run([sys.executable, "main.py", "--self-test"], _env())
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    match = REPORT.match(lines[0])
    assert match, lines[0]
    assert match["version"] == __version__
    assert match["tokens"] == "100"
    assert match["translations"] == "zh_CN"
    assert float(match["seconds"]) < 30
    # The offscreen plugin's harmless size-hint warning is filtered; nothing else is expected on stderr.
    assert "propagateSizeHints" not in result.stderr


def test_self_test_writes_the_report_file_too(tmp_path: Path) -> None:
    """A windowed Windows .exe has no stdout: the workflow reads the line from this file instead."""
    report = tmp_path / "report.txt"
    result = _run([sys.executable, "main.py", "--self-test"], _env(OPENKEY_SELF_TEST_REPORT=str(report)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert report.read_text(encoding="utf-8").strip() == result.stdout.strip()


def test_self_test_fails_with_a_reason_when_a_resource_is_missing(tmp_path: Path) -> None:
    """A bundle that lost its icons must fail loudly, with exit status 1 and the reason in the line."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        import openkey_gui.resources as resources
        resources.resource_dir = lambda: Path({str(tmp_path)!r})
        from openkey_gui.self_test import run_self_test
        sys.exit(run_self_test())
        """
    )
    result = _run([sys.executable, "-c", script], _env())
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("self-test FAILED: icon missing"), result.stdout


@pytest.mark.secret_service
def test_self_test_uses_a_real_secret_service(tmp_path: Path) -> None:
    """With a Secret Service on the bus the report names it, and a credential survives a round trip."""
    require_tools("dbus-run-session", "gnome-keyring-daemon")
    (tmp_path / "run").mkdir(mode=0o700)
    env = _env(
        HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(tmp_path / "run"),
        OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP="1", PYTHONPATH=str(ROOT),
    )
    command = ("echo -n unlock-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
               f"exec {sys.executable} main.py --self-test")
    result = _run(["dbus-run-session", "--", "sh", "-c", command], env)
    assert result.returncode == 0, result.stdout + result.stderr
    match = REPORT.match(result.stdout.strip().splitlines()[-1])
    assert match, result.stdout
    assert match["keyring"] == "SecretService.Keyring"


# -- the keyring rules, in-process ---------------------------------------------------------------------


def test_report_line_format() -> None:
    line = Report(version="0.1.0", tokens=100, seconds=0.414, keyring="SecretService.Keyring",
                  translations="zh_CN", qt="6.11.3").line()
    assert line == ("self-test ok: version 0.1.0, 100 tokens listed in 0.41 s, keyring=SecretService.Keyring, "
                    "translations=zh_CN, qt=6.11.3")
    assert REPORT.match(line)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_fail_backend_fails_where_the_os_always_has_a_keyring(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(SelfTestFailure, match="no usable keyring backend"):
        self_test.check_keyring()


def test_linux_without_a_session_bus_reports_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    assert self_test.check_keyring() == NO_SECRET_SERVICE


def test_linux_with_a_secret_service_requires_a_real_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(self_test, "secret_service_reachable", lambda: True)
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(SelfTestFailure, match="entry-point metadata"):
        self_test.check_keyring()


def test_roundtrip_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = MemoryKeyring()
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    monkeypatch.setenv("OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP", "1")
    assert self_test.check_keyring().endswith("MemoryKeyring")
    assert backend.entries == {}


def test_roundtrip_notices_a_keyring_that_mangles_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    class Mangling(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            stored = super().get_password(service, username)
            return stored.replace("access_token", "access_tokem") if stored else stored

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP", "1")
    backend = Mangling()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    with pytest.raises(SelfTestFailure, match="different credential"):
        self_test.check_keyring()
    assert backend.entries == {}
