"""The parser against every answer recorded from real One API v0.6.11 and New API (2026-04) servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openkey_gui.api import Flavor, TokenStatus
from openkey_gui.api.parse import (
    detect_flavor,
    parse_account,
    parse_model_names,
    parse_status,
    parse_token,
    parse_token_page,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
ONE_API = SHARED / "one-api-v0.6.11"
NEW_API = SHARED / "new-api-2026-04"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def all_fixtures() -> list[Path]:
    return sorted([*ONE_API.glob("*.json"), *NEW_API.glob("*.json")])


def test_fixtures_are_present() -> None:
    # A missing shared/ folder would silently turn every parametrised test below into nothing.
    assert len(list(ONE_API.glob("*.json"))) == 19
    assert len(list(NEW_API.glob("*.json"))) == 41


@pytest.mark.parametrize("path", all_fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_parses(path: Path) -> None:
    """Whatever the answer, the matching parser reads it without an exception."""
    envelope = load(path)
    assert isinstance(envelope["success"], bool)
    data = envelope.get("data")
    name = path.name
    if "status" in name and "token_status" not in name and isinstance(data, dict):
        parse_status(data)
    elif ("user_self" in name or "login" in name or "new_access_token" in name) and isinstance(data, dict):
        if "require_2fa" not in data:
            parse_account(data)
    elif isinstance(data, list) or (isinstance(data, dict) and "items" in data):
        if "models" in name:
            parse_model_names(data)
        else:
            parse_token_page(data)
    elif isinstance(data, dict) and "key" in data and "id" in data:
        parse_token(data)


def test_one_api_status() -> None:
    status = parse_status(load(ONE_API / "01_status_GET_api_status.json")["data"])
    assert status.flavor is Flavor.ONE_API
    assert status.quota_per_unit == 500_000
    assert status.display_in_currency is True
    assert status.system_name == "One API"
    assert status.chats == ()


def test_new_api_status_and_chat_links() -> None:
    data = load(NEW_API / "01_status.json")["data"]
    status = parse_status(data)
    assert detect_flavor(data) is Flavor.NEW_API
    assert status.flavor is Flavor.NEW_API
    assert status.quota_display_type == "USD"
    assert status.usd_exchange_rate == pytest.approx(7.3)
    names = [c.name for c in status.chats]
    # URL templates are kept; the plain markers "fluentread" and "ccswitch" are not links.
    assert "Cherry Studio" in names and "OpenCat" in names
    assert "CC Switch" not in names


def test_one_api_token_list_has_full_keys() -> None:
    tokens, total = parse_token_page(load(ONE_API / "07_tokens_list_GET_api_token_p0.json")["data"])
    assert total is None
    assert [t.id for t in tokens] == [2, 1]
    unlimited, limited = tokens
    assert unlimited.unlimited and unlimited.models == ()
    assert limited.remain_quota == 500_000 and not limited.unlimited
    for token in tokens:
        assert token.key.startswith("sk-") and len(token.key) == 51
        assert not token.key_is_masked
        assert token.expires_at is None
        assert token.status is TokenStatus.ENABLED
        assert token.created_at is not None and token.created_at.tzinfo is not None


def test_one_api_disabled_after_update() -> None:
    tokens, _ = parse_token_page(load(ONE_API / "12_tokens_list_after_update_GET_api_token_p0.json")["data"])
    renamed = next(t for t in tokens if t.id == 1)
    assert renamed.name == "desktop-test-renamed"
    assert renamed.status is TokenStatus.DISABLED
    assert renamed.remain_quota == 123456
    assert renamed.models == () and renamed.allow_ips == ()  # nulls read as empty


def test_new_api_list_is_paged_and_masked() -> None:
    tokens, total = parse_token_page(load(NEW_API / "13_tokens_list_p0_size100.json")["data"])
    assert total == 2
    for token in tokens:
        assert token.key_is_masked
        assert token.key.startswith("sk-") and "*" in token.key
        assert token.group == ""


def test_new_api_created_token_reveal_matches_mask() -> None:
    token = parse_token(load(NEW_API / "14_token_get.json")["data"])
    revealed = load(NEW_API / "15_token_key_reveal.json")["data"]["key"]
    full = token.with_key(revealed)
    assert not full.key_is_masked
    assert full.key == "sk-" + revealed
    masked_body = token.key[3:]
    assert revealed.startswith(masked_body[:4]) and revealed.endswith(masked_body[-4:])


def test_new_api_account() -> None:
    account = parse_account(load(NEW_API / "06_user_self.json")["data"])
    assert account.id == 1 and account.username == "root"
    assert account.quota == 100_000_000 and account.group == "default"


def test_one_api_account_and_models() -> None:
    account = parse_account(load(ONE_API / "04_user_self_GET_api_user_self.json")["data"])
    assert account.quota == 500_000_000_000_000
    assert parse_model_names(load(ONE_API / "18_models_GET_api_user_available_models.json")["data"]) == []


def test_new_api_empty_list() -> None:
    tokens, total = parse_token_page(load(NEW_API / "09_tokens_list_empty.json")["data"])
    assert tokens == [] and total == 0


def test_token_repr_never_shows_the_key() -> None:
    token = parse_token(load(ONE_API / "08_token_get_GET_api_token_id.json")["data"])
    assert token.key[3:] in token.key and token.key[3:] not in repr(token)
