"""Start at login: each platform's writer, run for real where it can be (XDG here, plist content by
plistlib) and against a stand-in registry for Windows' Run key."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys
from pathlib import Path

import pytest

from openkey_gui import autostart
from openkey_gui.autostart import LaunchAgent, RunKey, XdgAutostart

COMMAND = ["/opt/Open Key/OpenKeyDesktop", "--lang", "zh_CN"]


def test_xdg_entry_is_written_read_and_removed(tmp_path: Path) -> None:
    writer = XdgAutostart(tmp_path / "config")
    assert not writer.is_enabled()
    writer.enable(COMMAND)
    path = tmp_path / "config" / "autostart" / "openkey-desktop.desktop"
    assert writer.is_enabled() and path.is_file()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "OpenKey Desktop"
    assert shlex.split(desktop["Exec"]) == COMMAND  # quoted as the Desktop Entry spec asks
    assert desktop.get("Hidden", "false") == "false"
    writer.disable()
    assert not writer.is_enabled() and not path.exists()
    writer.disable()  # removing what is not there is fine


def test_xdg_entry_hidden_by_the_desktop_counts_as_off(tmp_path: Path) -> None:
    """GNOME Tweaks / KDE turn an autostart entry off by adding Hidden=true."""
    writer = XdgAutostart(tmp_path)
    writer.enable(COMMAND)
    path = tmp_path / "autostart" / "openkey-desktop.desktop"
    path.write_text(path.read_text(encoding="utf-8") + "Hidden=true\n", encoding="utf-8")
    assert not writer.is_enabled()
    writer.enable(COMMAND)
    assert writer.is_enabled()


def test_xdg_exec_escapes_what_the_spec_reserves(tmp_path: Path) -> None:
    writer = XdgAutostart(tmp_path)
    writer.enable(["/a/b", "100%", 'say "hi"', "$HOME"])
    text = (tmp_path / "autostart" / "openkey-desktop.desktop").read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "100%%" in exec_line
    assert '"say \\\\"hi\\\\""' in exec_line or '"say \\"hi\\""' in exec_line
    assert '"\\$HOME"' in exec_line or '"\\\\$HOME"' in exec_line


def test_launch_agent_plist(tmp_path: Path) -> None:
    writer = LaunchAgent(tmp_path / "Library" / "LaunchAgents")
    assert not writer.is_enabled()
    writer.enable(COMMAND)
    path = tmp_path / "Library" / "LaunchAgents" / "cloud.openkey.desktop.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "cloud.openkey.desktop"
    assert agent["ProgramArguments"] == COMMAND
    assert agent["RunAtLoad"] is True
    assert agent.get("KeepAlive", False) is False  # quitting the app must not relaunch it
    assert writer.is_enabled()
    writer.disable()
    assert not path.exists() and not writer.is_enabled()


class FakeRegistry:
    """The Run key as a dict: what RunKey reads and writes through its registry interface."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_run_key_value() -> None:
    registry = FakeRegistry()
    writer = RunKey(registry)
    assert not writer.is_enabled()
    writer.enable([r"C:\Program Files\OpenKey Desktop\OpenKeyDesktop.exe"])
    assert registry.values == {"OpenKey Desktop": r'"C:\Program Files\OpenKey Desktop\OpenKeyDesktop.exe"'}
    assert writer.is_enabled()
    writer.disable()
    assert registry.values == {} and not writer.is_enabled()


@pytest.mark.skipif(sys.platform != "win32", reason="the real winreg exists on Windows only")
def test_the_real_registry_interface_names_the_run_key() -> None:
    assert autostart.RUN_KEY == r"Software\Microsoft\Windows\CurrentVersion\Run"
    assert autostart.WindowsRegistry().get("OpenKey Desktop (no such value)") is None


def test_the_platform_picks_its_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert isinstance(autostart.for_platform("linux"), XdgAutostart)
    assert isinstance(autostart.for_platform("darwin"), LaunchAgent)
    assert isinstance(autostart.for_platform("win32", registry=FakeRegistry()), RunKey)


def test_the_command_starts_this_app() -> None:
    command = autostart.launch_command()
    assert command[0] == sys.executable
    assert command[1:] == ["-m", "openkey_gui"]  # from source; a frozen app is its own executable
