"""The parser against every answer recorded from real One API v0.6.11 and New API (2026-04) servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openkey_gui.api import Flavor, TokenStatus
from openkey_gui.api.key_check import KeyProblem, classify
from openkey_gui.api.key_http import KeyAnswer
from openkey_gui.api.key_parse import (
    RelayError,
    parse_billing,
    parse_chat_answer,
    parse_model_list,
    parse_pricing,
    parse_relay_error,
    parse_token_usage,
)
from openkey_gui.api.parse import (
    detect_flavor,
    parse_account,
    parse_model_names,
    parse_status,
    parse_token,
    parse_token_page,
)
from openkey_gui.api.usage import parse_model_usage, parse_usage_page

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


# -- the per-key routes (every usage/ set: One API v0.6.11, New API 2026-04 and 2026-08) --------------

USAGE_SETS = {name: SHARED / name / "usage" for name in ("one-api-v0.6.11", "new-api-2026-04", "new-api-2026-08")}


def usage_fixtures() -> list[Path]:
    """Every usage/ recording, and the per-key exchanges among New API 2026-08's own (032–035)."""
    own = [path for path in (SHARED / "new-api-2026-08").glob("*.json")
           if load(path)["request"]["auth"].startswith("Bearer sk-")]
    return sorted(path for folder in USAGE_SETS.values() for path in folder.glob("*.json")) + sorted(own)


def test_usage_fixtures_are_present() -> None:
    assert {name: len(list(folder.glob("*.json"))) for name, folder in USAGE_SETS.items()} == {
        "one-api-v0.6.11": 70, "new-api-2026-04": 95, "new-api-2026-08": 88}


def _parse_usage_answer(path: str, status: int, body: object) -> object:
    """The api parser for whatever route the recording is of; returns what it read."""
    refusal = parse_relay_error(body)
    if path == "/v1/models":
        return refusal if status != 200 else parse_model_list(body)
    if path == "/v1/chat/completions":
        return refusal if status != 200 else parse_chat_answer(body)
    if path.endswith("/dashboard/billing/subscription"):
        return refusal if status != 200 else parse_billing(body, {"total_usage": 0})
    if path.endswith("/dashboard/billing/usage"):
        return refusal if status != 200 else parse_billing({"hard_limit_usd": 1}, body)
    if path == "/api/usage/token/":
        return refusal if status != 200 else parse_token_usage(body)
    if path == "/api/pricing":
        return parse_pricing(body)
    assert isinstance(body, dict) and isinstance(body.get("success"), bool), path
    data = body.get("data")
    if path.startswith("/api/token") and isinstance(data, dict) and "key" in data:
        return parse_token(data)
    if path.startswith("/api/token") and (isinstance(data, list) or (isinstance(data, dict) and "items" in data)):
        return parse_token_page(data)
    if path == "/api/user/self" and isinstance(data, dict):
        return parse_account(data)
    if path in ("/api/user/available_models", "/api/user/models"):
        return parse_model_names(data)
    if path == "/api/log/self":
        page = parse_usage_page(data, 0)
        assert len(page.entries) == len(data if isinstance(data, list) else data["items"])
        return page
    if path in ("/api/user/dashboard", "/api/data/self"):
        usage = parse_model_usage(data)
        assert len(usage) == len(data) and all(u.model and u.requests > 0 for u in usage)
        return usage
    return body  # options, check-in, the key's own log: the envelope is all the app reads of them


@pytest.mark.parametrize("path", usage_fixtures(), ids=lambda p: f"{p.parents[1].name}/{p.name}")
def test_every_usage_fixture_parses(path: Path) -> None:
    recording = load(path)
    response = recording["response"]
    parsed = _parse_usage_answer(recording["request"]["path"], response["status"], response["body"])
    if response["status"] >= 400 and recording["request"]["path"].startswith(("/v1", "/dashboard")):
        assert isinstance(parsed, RelayError) and parsed.message and "request id" not in parsed.message


@pytest.mark.parametrize("folder", list(USAGE_SETS), ids=str)
def test_usage_refusals_are_classified(folder: str) -> None:
    """Each recorded refusal of /v1/models gets its reason; New API 2026-08 hides it behind "Invalid token"."""
    collapsed = folder == "new-api-2026-08"
    expected = {
        "u22_models_exhausted_first": KeyProblem.EXHAUSTED, "u24_models_exhausted_again": KeyProblem.EXHAUSTED,
        "u27_models_expired_first": KeyProblem.EXPIRED, "u31_models_disabled": KeyProblem.DISABLED,
        "u33_models_invalid": KeyProblem.INVALID, "u35_models_no_key": KeyProblem.INVALID,
        "u36_models_iplimited": KeyProblem.IP_NOT_ALLOWED, "u39_chat_modellimited_denied": KeyProblem.MODEL_NOT_ALLOWED,
    }
    for name, problem in expected.items():
        response = load(USAGE_SETS[folder] / f"{name}.json")["response"]
        answer = KeyAnswer(response["status"], response["body"], 1.0, 1.0)
        refusal = classify(answer)
        hidden = collapsed and problem not in (KeyProblem.IP_NOT_ALLOWED, KeyProblem.MODEL_NOT_ALLOWED)
        assert refusal.problem is (KeyProblem.INVALID if hidden else problem), (folder, name, refusal)


def test_new_api_hidden_reason_is_inferred_from_the_token() -> None:
    """2026-08 says only "Invalid token" for an expired key; the token's own expiry tells the reason."""
    response = load(USAGE_SETS["new-api-2026-08"] / "u27_models_expired_first.json")["response"]
    token = parse_token(load(USAGE_SETS["new-api-2026-08"] / "u26_token_get_expired_before.json")["response"]["body"]
                        ["data"])
    refusal = classify(KeyAnswer(response["status"], response["body"], 1.0, 1.0), token)
    assert refusal.problem is KeyProblem.EXPIRED and refusal.inferred


def test_usage_token_and_billing_values() -> None:
    na = USAGE_SETS["new-api-2026-04"]
    limited = parse_token_usage(load(na / "u56_usage_token_limited.json")["response"]["body"])
    assert (limited.granted, limited.used, limited.available) == (1_000_000, 60, 999_940)
    assert limited.in_quota_units and not limited.unlimited
    modellim = parse_token_usage(load(na / "u60_usage_token_modellim.json")["response"]["body"])
    assert modellim.models == ("gpt-4o",)
    oa = USAGE_SETS["one-api-v0.6.11"]
    billing = parse_billing(load(oa / "u43_billing_subscription_limited.json")["response"]["body"],
                            load(oa / "u44_billing_usage_limited.json")["response"]["body"])
    assert billing.granted == 2 and not billing.unlimited
    prices = parse_pricing(load(na / "u80_pricing_public.json")["response"]["body"])
    assert {p.name for p in prices} >= {"gpt-4o", "gpt-4o-mini"}
