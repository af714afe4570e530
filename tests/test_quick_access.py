"""Finding tokens in the quick-access palette, without Qt."""

from __future__ import annotations

from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.quick_access import MAX_RESULTS, QuickEntry, account_entries, find


class Target:
    def __init__(self) -> None:
        self.copied: list[object] = []

    def copy_key_for(self, token_id: int) -> None:
        self.copied.append(token_id)

    def copy_base_url(self) -> None:
        self.copied.append("base")


def token(token_id: int, name: str, status: TokenStatus = TokenStatus.ENABLED, key: str = "") -> Token:
    return Token(id=token_id, name=name, key=key or f"sk-{token_id:04d}" + "x" * 44, key_is_masked=False,
                 status=status, created_at=None, accessed_at=None, expires_at=None, remain_quota=1,
                 used_quota=0, unlimited=True)


TARGET = Target()


def entries(*names: str, site: str = "Site A") -> list[QuickEntry]:
    return account_entries([token(i + 1, name) for i, name in enumerate(names)], site, TARGET)


def labels(found: list[QuickEntry]) -> list[str]:
    return [entry.label for entry in found]


def test_empty_text_keeps_the_providers_order_usable_first() -> None:
    listed = account_entries([token(1, "b"), token(2, "a", TokenStatus.DISABLED), token(3, "c")], "S", TARGET,
                             first=[3])
    assert labels(find(listed, "")) == ["c", "b", "a"]  # pinned / recent first, then by name; disabled last


def test_every_word_must_match_the_label_or_the_site() -> None:
    listed = entries("laptop", "desktop", "ci runner") + entries("laptop", site="Other site")
    assert labels(find(listed, "top")) == ["desktop", "laptop", "laptop"]  # by name: the provider's order
    assert [(e.label, e.site) for e in find(listed, "laptop other")] == [("laptop", "Other site")]
    assert find(listed, "nothing") == []


def test_a_start_beats_a_word_start_beats_anywhere() -> None:
    listed = entries("my-run", "xrunx", "runner", "ci runner")
    assert labels(find(listed, "run")) == ["runner", "ci runner", "my-run", "xrunx"]
    assert labels(find(listed, "RUN")) == labels(find(listed, "run"))


def test_a_site_only_match_comes_after_label_matches() -> None:
    listed = entries("alpha", site="Beta site") + entries("beta key", site="Gamma")
    assert [(e.label, e.site) for e in find(listed, "beta")] == [("beta key", "Gamma"), ("alpha", "Beta site")]


def test_shared_names_carry_the_keys_tail_and_the_target_is_kept() -> None:
    listed = account_entries([token(1, "dup", key="sk-" + "a" * 44 + "AAAA"),
                              token(2, "dup", key="sk-" + "b" * 44 + "BBBB")], "S", TARGET)
    assert sorted(labels(listed)) == ["dup …AAAA", "dup …BBBB"]
    found = find(listed, "bbbb")
    assert [e.token.id for e in found] == [2]
    found[0].target.copy_key_for(found[0].token.id)
    assert TARGET.copied[-1] == 2


def test_results_are_capped() -> None:
    listed = entries(*[f"key {i}" for i in range(MAX_RESULTS * 2)])
    assert len(find(listed, "key")) == MAX_RESULTS
