"""The replacement's name: the old name plus "-new", shortened to the server's byte limit."""

from __future__ import annotations

from openkey_gui.api.validation import name_bytes
from openkey_gui.ui.key_rotation import rotated_name


def test_suffix_and_byte_limit() -> None:
    assert rotated_name("laptop", 30, same_name=False) == "laptop-new"
    assert rotated_name("laptop", 30, same_name=True) == "laptop"
    long_cjk = "翻译助手翻译助手翻译"  # 30 bytes: exactly One API's limit
    shortened = rotated_name(long_cjk, 30, same_name=False)
    assert shortened.endswith("-new") and name_bytes(shortened) <= 30 and shortened.startswith("翻译助手翻译助手")
    assert rotated_name("x" * 50, 50, same_name=False) == "x" * 46 + "-new"
