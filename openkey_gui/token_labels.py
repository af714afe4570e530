"""How a token is named to the user when its name alone may not say which one it is.

Servers allow any number of tokens with the same name, so a tray item, a notification or a "copied"
message naming "laptop" could mean either of two keys. Where a name is shared, the label adds the
last four characters of the key (``laptop …E464``): the part every mask shows, so the user can match
it with the table and with the key pasted elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from openkey_gui.api.models import Token

TAIL_LENGTH = 4


def key_tail(token: Token) -> str:
    """The key's last four characters; New API masks keep them, so it never needs a reveal."""
    key = token.key.rstrip("*")
    return key[-TAIL_LENGTH:] if len(key) > TAIL_LENGTH else ""


def tail_label(token: Token) -> str:
    """The name with the key's tail, whatever the other tokens are called (delete questions)."""
    tail = key_tail(token)
    return f"{token.name} …{tail}" if tail else token.name


def distinct_labels(tokens: Iterable[Token]) -> dict[int, str]:
    """Token id → the name, with the key's tail where another token has the same name."""
    tokens = list(tokens)
    shared = {name for name, count in Counter(t.name for t in tokens).items() if count > 1}
    return {t.id: tail_label(t) if t.name in shared else t.name for t in tokens}


def label_among(token: Token, tokens: Iterable[Token]) -> str:
    """One token's label among ``tokens`` (the name alone unless another token shares it)."""
    for other in tokens:
        if other.id != token.id and other.name == token.name:
            return tail_label(token)
    return token.name
