"""Quick access: the entries of the type-to-find palette and how a typed text finds them.

Pure Python so finding is tested without Qt. The palette does not know where its entries come from: a
provider (any callable returning ``QuickEntry`` values) gives them each time it opens, so the window
can feed it the signed-in account's tokens today and every account's tokens later. Each entry names
its site and carries its ``CopyTarget``, the object that copies that account's keys (the window's
``KeyCopier``), so a key always goes to the clipboard the one way keys do: fetched or revealed when
the site lists a mask, and cleared from the clipboard after the user's delay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.token_labels import distinct_labels

MAX_RESULTS = 50  # a palette lists what fits on screen; typing more narrows it


class CopyTarget(Protocol):
    """Copies one account's key or base URL (``ui.key_copier.KeyCopier`` is one)."""

    def copy_key_for(self, token_id: int) -> None: ...

    def copy_base_url(self) -> None: ...


@dataclass(frozen=True)
class QuickEntry:
    """One token as the palette lists it: its label (with the key's tail where names repeat) and site."""

    label: str
    site: str
    token: Token
    target: CopyTarget

    @property
    def usable(self) -> bool:
        return self.token.effective_status is TokenStatus.ENABLED


Provider = Callable[[], Sequence[QuickEntry]]


def account_entries(tokens: Iterable[Token], site: str, target: CopyTarget, *,
                    first: Sequence[int] = ()) -> list[QuickEntry]:
    """One account's tokens: those named in ``first`` (pinned, recently copied) first, then by name."""
    listed = list(tokens)
    labels = distinct_labels(listed)
    order = {token_id: index for index, token_id in enumerate(first)}
    listed.sort(key=lambda t: (order.get(t.id, len(order)), t.name.casefold(), t.id))
    return [QuickEntry(labels.get(t.id, t.name), site, t, target) for t in listed]


def find(entries: Sequence[QuickEntry], text: str, limit: int = MAX_RESULTS) -> list[QuickEntry]:
    """The entries matching every word of ``text`` (in the label or the site), best first.

    A label that starts with the text comes first, then a word of the label that starts with it, then
    the text anywhere in the label, then matches on the site alone; usable keys before disabled,
    expired or used-up ones; otherwise the provider's order. Empty text keeps the provider's order.
    """
    words = text.casefold().split()
    if not words:
        return sorted(entries, key=lambda e: not e.usable)[:limit]
    whole = " ".join(words)
    scored = []
    for index, entry in enumerate(entries):
        label, site = entry.label.casefold(), entry.site.casefold()
        if not all(word in label or word in site for word in words):
            continue
        if label.startswith(whole):
            rank = 0
        elif any(part.startswith(whole) for part in _words(label)):
            rank = 1
        elif whole in label:
            rank = 2
        elif all(word in label for word in words):
            rank = 3
        else:
            rank = 4
        scored.append((rank, not entry.usable, index, entry))
    scored.sort(key=lambda item: item[:3])
    return [entry for *_, entry in scored[:limit]]


def _words(label: str) -> list[str]:
    for separator in "-_./:@()[]":
        label = label.replace(separator, " ")
    return label.split()
