"""Everything the app remembers that is not secret: accounts (site + name), recent sites, layout.

Secrets never come here: the credential is in the keyring and keys stay in memory. Tests point
``AppSettings`` at their own INI file so they never touch the developer's settings.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from openkey_gui.api.urls import DEFAULT_SITE
from openkey_gui.credentials import SignInMode, account_key
from openkey_gui.logging_setup import make_private
from openkey_gui.ui.appearance import Appearance

MAX_RECENT_SITES = 8


@dataclass(frozen=True)
class AccountEntry:
    """One remembered account, as shown in the account switcher."""

    server_url: str
    username: str
    mode: SignInMode = SignInMode.PASSWORD
    user_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", _mode(self.mode))

    @property
    def key(self) -> str:
        return account_key(self.server_url, self.username)  # the keyring entry's name too

    @property
    def label(self) -> str:
        host = self.server_url.split("://", 1)[-1]
        return f"{self.username} @ {host}"


class AppSettings:
    """Typed access to QSettings; one instance per app (or per test)."""

    def __init__(self, path: str | None = None) -> None:
        self._default_location = path is None
        if path is None:
            self._qs = QSettings("OpenKey", "OpenKey Desktop")
        else:
            self._qs = QSettings(path, QSettings.Format.IniFormat)
        _create_private(self._qs.fileName(), own_folder=self._default_location)

    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        """Write to disk; the file names the user's sites and accounts, so it is the user's alone (0600)."""
        self._qs.sync()
        make_private(self._qs.fileName())
        if self._default_location:
            make_private(os.path.dirname(self._qs.fileName()))

    # -- sites and accounts -----------------------------------------------------------------------

    def recent_sites(self) -> list[str]:
        sites = self._json("sites/recent", [])
        sites = [s for s in sites if isinstance(s, str) and s]
        return sites or [DEFAULT_SITE]

    def add_recent_site(self, url: str) -> None:
        sites = [url] + [s for s in self.recent_sites() if s != url]
        self._set_json("sites/recent", sites[:MAX_RECENT_SITES])

    def accounts(self) -> list[AccountEntry]:
        entries = []
        for raw in self._json("accounts/list", []):
            if isinstance(raw, dict) and raw.get("server_url") and raw.get("username"):
                user_id = raw.get("user_id")
                entries.append(
                    AccountEntry(
                        server_url=str(raw["server_url"]),
                        username=str(raw["username"]),
                        mode=_mode(raw.get("mode")),
                        user_id=user_id if isinstance(user_id, int) else None,
                    )
                )
        return entries

    def remember_account(self, entry: AccountEntry, *, last: bool = True) -> None:
        """Keep ``entry`` where the user put it (a new account goes at the end of their order).

        ``last`` makes it the account shown first at the next start."""
        known = self.accounts()
        if any(a.key == entry.key for a in known):
            known = [entry if a.key == entry.key else a for a in known]
        else:
            known.append(entry)
        self._set_json("accounts/list", [asdict(a) for a in known])
        if last:
            self._qs.setValue("accounts/last", entry.key)

    def set_last_account(self, key: str) -> None:
        self._qs.setValue("accounts/last", key)

    def set_account_order(self, keys: list[str]) -> None:
        """The user's order of the accounts (move up / down in the sidebar); unnamed ones follow."""
        rank = {key: i for i, key in enumerate(keys)}
        ordered = sorted(self.accounts(), key=lambda a: rank.get(a.key, len(rank)))
        self._set_json("accounts/list", [asdict(a) for a in ordered])

    def account_label(self, key: str) -> str:
        """The user's own name for an account ("" when they gave none)."""
        labels = self._json("accounts/labels", {})
        value = labels.get(key, "") if isinstance(labels, dict) else ""
        return value if isinstance(value, str) else ""

    def set_account_label(self, key: str, label: str) -> None:
        labels = self._json("accounts/labels", {})
        labels = labels if isinstance(labels, dict) else {}
        if label.strip():
            labels[key] = label.strip()
        else:
            labels.pop(key, None)
        self._set_json("accounts/labels", labels)

    def forget_account(self, key: str) -> None:
        self._set_json("accounts/list", [asdict(a) for a in self.accounts() if a.key != key])
        self.set_account_label(key, "")
        if self.last_account_key() == key:
            self._qs.remove("accounts/last")

    def last_account_key(self) -> str:
        return str(self._qs.value("accounts/last", "") or "")

    def last_account(self) -> AccountEntry | None:
        key = self.last_account_key()
        return next((a for a in self.accounts() if a.key == key), None)

    # -- preferences ------------------------------------------------------------------------------

    def language(self) -> str:
        """"" means follow the system; otherwise a locale name such as "zh_CN" or "en"."""
        return str(self._qs.value("ui/language", "") or "")

    def set_language(self, name: str) -> None:
        self._qs.setValue("ui/language", name)

    def appearance(self) -> Appearance:
        """Light, dark, or (the default, and for anything unknown) following the system."""
        try:
            return Appearance(str(self._qs.value("ui/appearance", "") or Appearance.SYSTEM.value))
        except ValueError:
            return Appearance.SYSTEM

    def set_appearance(self, choice: Appearance) -> None:
        self._qs.setValue("ui/appearance", Appearance(choice).value)

    # -- tray, clipboard and reminders ------------------------------------------------------------

    def tray_enabled(self) -> bool:
        return self._bool("tray/enabled", True)

    def set_tray_enabled(self, on: bool) -> None:
        self._qs.setValue("tray/enabled", on)

    def close_to_tray(self) -> bool | None:
        """None until the user has answered the first-close question."""
        value = self._qs.value("tray/close_to_tray", "")
        return None if value in ("", None) else _as_bool(value)

    def set_close_to_tray(self, on: bool) -> None:
        self._qs.setValue("tray/close_to_tray", on)

    def minimise_to_tray(self) -> bool:
        return self._bool("tray/minimise_to_tray", False)

    def set_minimise_to_tray(self, on: bool) -> None:
        self._qs.setValue("tray/minimise_to_tray", on)

    def clipboard_clear_seconds(self) -> int:
        """0 means never."""
        return max(0, self._int("clipboard/clear_seconds", 30))

    def set_clipboard_clear_seconds(self, seconds: int) -> None:
        self._qs.setValue("clipboard/clear_seconds", int(seconds))

    def refresh_minutes(self) -> int:
        """Background refresh period; 0 turns it off."""
        return max(0, self._int("reminders/refresh_minutes", 10))

    def set_refresh_minutes(self, minutes: int) -> None:
        self._qs.setValue("reminders/refresh_minutes", int(minutes))

    def balance_threshold_money(self) -> str:
        """The balance (in the site's money) under which a reminder fires; "" or "0" means off."""
        return str(self._qs.value("reminders/balance_threshold", "1") or "")

    def set_balance_threshold_money(self, amount: str) -> None:
        self._qs.setValue("reminders/balance_threshold", amount)

    def pinned_tokens(self, account_key: str) -> list[int]:
        return self._id_list(f"pinned/{_section(account_key)}")

    def set_pinned(self, account_key: str, token_id: int, pinned: bool) -> None:
        ids = [i for i in self.pinned_tokens(account_key) if i != token_id]
        if pinned:
            ids.append(token_id)
        self._set_json(f"pinned/{_section(account_key)}", ids)

    def recent_copies(self, account_key: str) -> list[int]:
        return self._id_list(f"recent/{_section(account_key)}")

    def note_copied(self, account_key: str, token_id: int, keep: int = 5) -> None:
        ids = [token_id] + [i for i in self.recent_copies(account_key) if i != token_id]
        self._set_json(f"recent/{_section(account_key)}", ids[:keep])

    def shown_reminders(self) -> set[str]:
        return {k for k in self._json("reminders/shown", []) if isinstance(k, str)}

    def add_shown_reminders(self, keys: set[str], keep: int = 5000) -> None:
        """Newest last; the oldest keys go first once there are more than ``keep``."""
        known = [k for k in self._json("reminders/shown", []) if isinstance(k, str)]
        merged = known + sorted(keys - set(known))
        self._set_json("reminders/shown", merged[-keep:])

    # -- window layout ----------------------------------------------------------------------------

    def usage_open(self) -> bool:
        """Whether the usage view was open when the window last closed."""
        return self._bool("ui/usage_open", False)

    def set_usage_open(self, on: bool) -> None:
        self._qs.setValue("ui/usage_open", on)

    def window_state(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(f"window/{name}", value)

    # -- helpers ----------------------------------------------------------------------------------

    def _bool(self, name: str, default: bool) -> bool:
        value = self._qs.value(name, default)
        return _as_bool(value)

    def _int(self, name: str, default: int) -> int:
        try:
            return int(self._qs.value(name, default))
        except (TypeError, ValueError):
            return default

    def _id_list(self, name: str) -> list[int]:
        return [i for i in self._json(name, []) if isinstance(i, int)]

    def _json(self, name: str, default: Any) -> Any:
        text = self._qs.value(name, "")
        if not isinstance(text, str) or not text:
            return default
        try:
            return json.loads(text)
        except ValueError:
            return default

    def _set_json(self, name: str, value: Any) -> None:
        self._qs.setValue(name, json.dumps(value, ensure_ascii=False))


def _create_private(file_name: str, *, own_folder: bool) -> None:
    """Create the settings file 0600 before Qt first writes it: QSettings also writes by itself (when
    the event loop is idle), through a save file that keeps an existing file's mode but would create a
    new one world-readable. INI files on Linux and BSD only; macOS keeps settings through cfprefsd, and
    Windows in the registry.
    """
    if os.name != "posix" or sys.platform == "darwin" or not file_name:
        return
    folder = os.path.dirname(file_name)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if own_folder:
            make_private(folder)
        fd = os.open(file_name, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        os.close(fd)
        make_private(file_name)  # an older version's file may be 0644
    except OSError:
        pass  # a read-only home: QSettings reports its own errors, the app still runs


def _as_bool(value: object) -> bool:
    """INI files give back "true"/"false" strings; native stores give back bools."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _section(account_key: str) -> str:
    """QSettings treats "/" as a group separator; account keys contain URLs."""
    return account_key.encode("utf-8").hex()


def _mode(value: object) -> SignInMode:
    """A stored mode; anything unknown (an older or hand-edited file) reads as a password sign-in."""
    try:
        return SignInMode(value)
    except ValueError:
        return SignInMode.PASSWORD
