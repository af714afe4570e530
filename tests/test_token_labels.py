"""Tokens told apart: the key's tail beside a shared name, only where the name is shared."""

from __future__ import annotations

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.token_labels import distinct_labels, key_tail, label_among, tail_label


def token(token_id: int, name: str, key: str, masked: bool = False) -> Token:
    return Token(id=token_id, name=name, key=key, key_is_masked=masked, status=TokenStatus.ENABLED,
                 created_at=None, accessed_at=None, expires_at=None, remain_quota=0, used_quota=0,
                 unlimited=True)


def test_shared_names_get_the_tail_and_unique_names_stay_plain() -> None:
    a = token(1, "laptop", "sk-" + "a" * 44 + "E464")
    b = token(2, "laptop", "sk-" + "b" * 44 + "9F0c")
    c = token(3, "ci", "sk-" + "c" * 48)
    labels = distinct_labels([a, b, c])
    assert labels == {1: "laptop …E464", 2: "laptop …9F0c", 3: "ci"}
    assert label_among(a, [a, b, c]) == "laptop …E464"
    assert label_among(c, [a, b, c]) == "ci"


def test_a_new_api_mask_gives_its_real_tail() -> None:
    masked = token(1, "x", "abcd**********wxyz", masked=True)
    assert key_tail(masked) == "wxyz"
    assert tail_label(masked) == "x …wxyz"


def test_a_key_too_short_to_have_a_tail_shows_the_name_only() -> None:
    assert tail_label(token(1, "odd", "sk-")) == "odd"
