"""Everything the app remembers that is not secret: accounts (site + name), recent sites, layout.

Secrets never come here: the credential is in the keyring and keys stay in memory. Tests point
``AppSettings`` at their own INI file so they never touch the developer's settings.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from openkey_gui.api.urls import DEFAULT_SITE

MAX_RECENT_SITES = 8


@dataclass(frozen=True)
class AccountEntry:
    """One remembered account, as shown in the account switcher."""

    server_url: str
    username: str
    mode: str = "password"
    user_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.server_url.rstrip('/')}|{self.username}"

    @property
    def label(self) -> str:
        host = self.server_url.split("://", 1)[-1]
        return f"{self.username} @ {host}"


class AppSettings:
    """Typed access to QSettings; one instance per app (or per test)."""

    def __init__(self, path: str | None = None) -> None:
        if path is None:
            self._qs = QSettings("OpenKey", "OpenKey Desktop")
        else:
            self._qs = QSettings(path, QSettings.Format.IniFormat)

    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

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
                        mode=str(raw.get("mode") or "password"),
                        user_id=user_id if isinstance(user_id, int) else None,
                    )
                )
        return entries

    def remember_account(self, entry: AccountEntry) -> None:
        others = [a for a in self.accounts() if a.key != entry.key]
        self._set_json("accounts/list", [asdict(entry)] + [asdict(a) for a in others])
        self._qs.setValue("accounts/last", entry.key)

    def forget_account(self, key: str) -> None:
        self._set_json("accounts/list", [asdict(a) for a in self.accounts() if a.key != key])
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

    # -- window layout ----------------------------------------------------------------------------

    def window_state(self, name: str) -> QByteArray | None:
        value = self._qs.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(f"window/{name}", value)

    # -- helpers ----------------------------------------------------------------------------------

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
