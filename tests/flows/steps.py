"""Small steps the flow tests share: pick a token the way a user would, and check it against the server."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.helpers.truth import ServerTruth
from tests.helpers.user import CTRL, KEY_COLUMN, NAME_COLUMN, User


def unique_searchable_name(truth: ServerTruth, *, enabled: bool | None = None) -> str:
    """A name that a search finds alone: held by one token and not inside any other's name, group or models."""
    rows = truth.tokens()
    for row in rows:
        name = row["name"]
        if enabled is not None and (row["status"] == 1) != enabled:
            continue
        folded = name.casefold()
        others = [r for r in rows if r is not row]
        texts = [" ".join((r["name"], str(r.get("group") or ""), str(r.get("models") or r.get("model_limits") or "")))
                 for r in others]
        if len(name) >= 4 and not any(folded in text.casefold() for text in texts):
            return name
    raise AssertionError("the demo data has no uniquely searchable name")


def token_on_row(user: User, truth: ServerTruth, row: int) -> dict[str, Any]:
    """The server's token for what the user sees on ``row``: its name and the ends of its masked key."""
    name = user.cell(row, NAME_COLUMN)
    mask = user.cell(row, KEY_COLUMN)
    head, _, tail = mask.removeprefix("sk-").partition("…")
    matches = []
    for candidate in truth.named(name):
        key = truth.key(candidate["id"]).removeprefix("sk-")
        if key.startswith(head) and key.endswith(tail):
            matches.append(candidate)
    assert len(matches) == 1, f"row {row} ({name!r}, {mask!r}) matches {len(matches)} server tokens"
    return matches[0]


def row_of_name(user: User, name: str) -> int:
    names = user.visible_names()
    assert name in names, f"{name!r} is not shown: {names[:10]}…"
    return names.index(name)


def parse_env_lines(text: str) -> dict[str, str]:
    """``NAME=value`` lines (comments and blank lines skipped), as a shell or dotenv would read them."""
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep, f"not a NAME=value line: {line!r}"
        assert name.isidentifier() and name.isascii(), f"not a variable name: {name!r}"
        pairs[name] = value
    return pairs


def is_kind(row: dict[str, Any], kind: str, *, new_api: bool, now: float) -> bool:
    """Whether a server row is of ``kind``: ok, expired, exhausted, disabled, modellim (only gpt-4o) or
    iplim, judged from the token's own fields the way the relays judge them (contract §3), so a kind holds
    whatever the stored status says (servers flip it lazily)."""
    expired = row["expired_time"] != -1 and row["expired_time"] <= now
    exhausted = not row["unlimited_quota"] and row["remain_quota"] <= 0
    models = (row["model_limits"] if row["model_limits_enabled"] else "") if new_api else (row["models"] or "")
    ips = (row["allow_ips"] if new_api else row["subnet"]) or ""
    healthy = row["status"] == 1 and not expired and not exhausted
    return {
        "ok": healthy and not models and not ips,
        "expired": row["status"] in (1, 3) and expired and not ips,
        "exhausted": row["status"] in (1, 4) and exhausted and not expired and not ips,
        "disabled": row["status"] == 2 and not expired and not exhausted and not ips,
        "modellim": healthy and models == "gpt-4o" and not ips,
        "iplim": healthy and bool(ips) and not models,
    }[kind]


def token_of_kind(truth: ServerTruth, kind: str) -> dict[str, Any]:
    """A server token of ``kind`` (see :func:`is_kind`), as the server lists it."""
    now, new_api = time.time(), truth.flavor != "one-api"
    for row in truth.tokens():
        if is_kind(row, kind, new_api=new_api, now=now):
            return row
    raise AssertionError(f"the demo data has no {kind} token")


def select_token(user: User, truth: ServerTruth, token_id: int) -> None:
    """Click the row that shows the server's token ``token_id`` (names may repeat; the key decides)."""
    name = next(row["name"] for row in truth.tokens() if row["id"] == token_id)
    for row, shown in enumerate(user.visible_names()):
        if shown == name and token_on_row(user, truth, row)["id"] == token_id:
            user.click_row(row)
            return
    raise AssertionError(f"token {token_id} ({name!r}) is not shown")


def open_quick_access(user: User) -> QDialog:
    """Ctrl+K in the table: the quick-access palette, active and ready for typing."""
    user.press(Qt.Key.Key_K, CTRL, on=user.table)
    palette = user.wait_for_dialog()
    assert palette.objectName() == "quickAccess"
    user.activate(palette)
    return palette
