"""The account list as a JSON file, to move to a new machine: sites, user names, labels, order, pins.

Never a secret: no password, access token, key or session goes into the file, and a file that holds
such a field (written by hand, or by another tool) has it ignored on import and named to the user, so
it is plain what was not taken. Pure Python so the format is tested without Qt.

    {"format": "openkey-desktop/accounts", "version": 1, "accounts": [
        {"server_url": "https://openkey.cloud", "username": "alice", "mode": "password",
         "user_id": 7, "label": "work", "pinned": [12, 40]}, ...]}

The list's order is the user's order. Entries whose site the app would refuse (a plain-http address
that is not this computer, a malformed one) are skipped and counted, like entries without a user name.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openkey_gui.api.errors import ValidationError
from openkey_gui.api.urls import normalize_site_url
from openkey_gui.credentials import SignInMode, account_key

FORMAT = "openkey-desktop/accounts"
VERSION = 1
MAX_FILE_BYTES = 1_000_000  # thousands of accounts; anything larger is not an account list
MAX_LABEL = 100
FIELDS = ("server_url", "username", "mode", "user_id", "label", "pinned")
# A field whose name holds one of these is a secret, whatever else it is called.
SECRET_WORDS = ("password", "passwd", "token", "secret", "key", "totp", "otp", "grant", "session", "cookie",
                "refresh", "credential", "auth")


class AccountFileProblem(str, enum.Enum):
    NOT_JSON = "not_json"  # params: line, column
    NOT_AN_ACCOUNT_LIST = "not_an_account_list"
    NEWER_VERSION = "newer_version"  # params: version
    TOO_LARGE = "too_large"
    NOT_TEXT = "not_text"


class AccountFileError(ValueError):
    def __init__(self, problem: AccountFileProblem, **params: Any) -> None:
        super().__init__(problem.value + (f" {params}" if params else ""))
        self.problem = problem
        self.params = params


@dataclass(frozen=True)
class ListedAccount:
    """One account of the file: no secret fields exist here, so none can be written."""

    server_url: str
    username: str
    mode: SignInMode = SignInMode.PASSWORD
    user_id: int | None = None
    label: str = ""
    pinned: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        return account_key(self.server_url, self.username)


@dataclass(frozen=True)
class ReadAccounts:
    """What an import found: the accounts in order, the secret fields left out, how many were skipped."""

    accounts: tuple[ListedAccount, ...]
    ignored_secrets: tuple[str, ...] = ()
    skipped: int = 0
    extra: tuple[str, ...] = field(default=())  # unknown, harmless fields (a newer app's), also left out


def dump(accounts: Iterable[ListedAccount]) -> str:
    entries = [{"server_url": a.server_url, "username": a.username, "mode": a.mode.value, "user_id": a.user_id,
                "label": a.label, "pinned": list(a.pinned)} for a in accounts]
    return json.dumps({"format": FORMAT, "version": VERSION, "accounts": entries}, ensure_ascii=False, indent=2) + "\n"


def load(data: bytes | str) -> ReadAccounts:
    """Read a file's content; raises ``AccountFileError`` when it is not an account list at all."""
    if len(data) > MAX_FILE_BYTES:
        raise AccountFileError(AccountFileProblem.TOO_LARGE)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise AccountFileError(AccountFileProblem.NOT_TEXT) from None
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise AccountFileError(AccountFileProblem.NOT_JSON, line=exc.lineno, column=exc.colno) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(
            document.get("accounts"), list):
        raise AccountFileError(AccountFileProblem.NOT_AN_ACCOUNT_LIST)
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AccountFileError(AccountFileProblem.NOT_AN_ACCOUNT_LIST)
    if version > VERSION:
        raise AccountFileError(AccountFileProblem.NEWER_VERSION, version=version)
    secrets = {name for name in document if _is_secret(name)}
    accounts: list[ListedAccount] = []
    seen: set[str] = set()
    skipped = 0
    extra: set[str] = set()
    for raw in document["accounts"]:
        if not isinstance(raw, dict):
            skipped += 1
            continue
        secrets |= {name for name in raw if isinstance(name, str) and _is_secret(name)}
        extra |= {name for name in raw if isinstance(name, str) and name not in FIELDS and not _is_secret(name)}
        account = _account(raw)
        if account is None or account.key in seen:
            skipped += account is None
            continue
        seen.add(account.key)
        accounts.append(account)
    return ReadAccounts(tuple(accounts), tuple(sorted(secrets)), skipped, tuple(sorted(extra)))


def _account(raw: dict[str, Any]) -> ListedAccount | None:
    url, username = raw.get("server_url"), raw.get("username")
    if not isinstance(url, str) or not isinstance(username, str) or not username.strip():
        return None
    try:
        url = normalize_site_url(url)
    except ValidationError:
        return None
    try:
        mode = SignInMode(raw.get("mode", SignInMode.PASSWORD.value))
    except ValueError:
        mode = SignInMode.PASSWORD
    user_id = raw.get("user_id")
    label = raw.get("label")
    pinned = raw.get("pinned")
    return ListedAccount(
        server_url=url,
        username=username.strip(),
        mode=mode,
        user_id=user_id if isinstance(user_id, int) and not isinstance(user_id, bool) and user_id >= 0 else None,
        label=label.strip()[:MAX_LABEL] if isinstance(label, str) else "",
        pinned=tuple(dict.fromkeys(i for i in pinned if isinstance(i, int) and not isinstance(i, bool) and i > 0))
        if isinstance(pinned, list) else (),
    )


def _is_secret(name: object) -> bool:
    lowered = str(name).lower()
    return any(word in lowered for word in SECRET_WORDS)
