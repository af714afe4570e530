"""Small steps the flow tests share: pick a token the way a user would, and check it against the server."""

from __future__ import annotations

from typing import Any

from tests.helpers.truth import ServerTruth
from tests.helpers.user import KEY_COLUMN, NAME_COLUMN, User


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
