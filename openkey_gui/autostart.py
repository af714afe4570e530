"""Start at login, the way each desktop expects it: no settings of our own, the OS entry is the truth.

- Windows: a value named "OpenKey Desktop" under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run
  (what Task Manager's Startup tab lists and can disable).
- macOS: a LaunchAgent plist in ~/Library/LaunchAgents, RunAtLoad and no KeepAlive (quitting stays quit).
- Linux and other XDG desktops: $XDG_CONFIG_HOME/autostart/openkey-desktop.desktop; GNOME and KDE turn
  an entry off by adding ``Hidden=true``, which reads as off here.

Each writer has ``is_enabled``, ``enable(command)`` and ``disable``; they raise OSError when the OS refuses.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path
from typing import Protocol

APP_NAME = "OpenKey Desktop"
BUNDLE_ID = "cloud.openkey.desktop"  # build.spec's bundle identifier
DESKTOP_FILE = "openkey-desktop.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Characters the Desktop Entry spec reserves in Exec arguments (the argument is then double-quoted).
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launch_command() -> list[str]:
    """How to start this app again: the frozen executable itself, or this Python running the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "openkey_gui"]


class Autostart(Protocol):
    def is_enabled(self) -> bool: ...
    def enable(self, command: list[str]) -> None: ...
    def disable(self) -> None: ...


# -- XDG ---------------------------------------------------------------------------------------------


def _exec_argument(arg: str) -> str:
    """One Exec argument, quoted and escaped as the Desktop Entry spec says (then escaped as a string)."""
    arg = arg.replace("%", "%%")
    if any(c in _RESERVED for c in arg):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{inner}"'
    return arg.replace("\\", "\\\\")  # the value is a "string": its own backslashes are escaped too


class XdgAutostart:
    """$XDG_CONFIG_HOME/autostart/openkey-desktop.desktop."""

    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = Path(base) / "autostart" / DESKTOP_FILE

    def is_enabled(self) -> bool:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return False
        return not any(line.replace(" ", "").lower() == "hidden=true" for line in lines)

    def enable(self, command: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join([
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Manage the API tokens of One API / New API sites",
            f"Exec={' '.join(_exec_argument(a) for a in command)}",
            "Icon=openkey-desktop",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ])
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


# -- macOS -------------------------------------------------------------------------------------------


class LaunchAgent:
    """~/Library/LaunchAgents/cloud.openkey.desktop.plist, loaded by launchd at the next login."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or Path.home() / "Library" / "LaunchAgents") / f"{BUNDLE_ID}.plist"

    def is_enabled(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(agent, dict) and not agent.get("Disabled", False)

    def enable(self, command: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        agent = {"Label": BUNDLE_ID, "ProgramArguments": list(command), "RunAtLoad": True,
                 "ProcessType": "Interactive"}
        self.path.write_bytes(plistlib.dumps(agent))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


# -- Windows -----------------------------------------------------------------------------------------


class Registry(Protocol):
    """The Run key's values: what RunKey needs of the registry (a dict-like stand-in in tests)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WindowsRegistry:
    """HKEY_CURRENT_USER's Run key through winreg (Windows only)."""

    def get(self, name: str) -> str | None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_QUERY_VALUE) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, name: str, value: str) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


class RunKey:
    """A value named after the app in the Run key, holding the quoted command line."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry or WindowsRegistry()

    def is_enabled(self) -> bool:
        return bool(self.registry.get(APP_NAME))

    def enable(self, command: list[str]) -> None:
        # The program always in quotes, as installers write it (an unquoted path with spaces is ambiguous).
        line = f'"{command[0]}"' + "".join(" " + subprocess.list2cmdline([a]) for a in command[1:])
        self.registry.set(APP_NAME, line)

    def disable(self) -> None:
        self.registry.delete(APP_NAME)


def for_platform(platform: str = sys.platform, *, registry: Registry | None = None) -> Autostart:
    """The writer for ``platform`` (``sys.platform`` by default)."""
    if platform == "win32":
        return RunKey(registry)
    if platform == "darwin":
        return LaunchAgent()
    return XdgAutostart()
