from datetime import datetime, timedelta, timezone

import pytest

from openkey_gui.api import Flavor, TokenDraft, ValidationError
from openkey_gui.api.urls import normalize_site_url
from openkey_gui.api.validation import check_draft, name_bytes


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("openkey.cloud", "https://openkey.cloud"),
        ("https://openkey.cloud/", "https://openkey.cloud"),
        ("https://OpenKey.cloud/v1", "https://openkey.cloud"),
        ("https://openkey.cloud/v1/", "https://openkey.cloud"),
        ("  https://example.com/oneapi/api  ", "https://example.com/oneapi"),
        ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
        ("http://localhost:3000/", "http://localhost:3000"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("https://example.com:8443", "https://example.com:8443"),
    ],
)
def test_site_url_is_normalised(typed: str, normal: str) -> None:
    assert normalize_site_url(typed) == normal


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("http://openkey.cloud", "unencrypted"),
        ("http://192.168.1.5:3000", "unencrypted"),
        ("file:///etc/passwd", "not supported"),
        ("ftp://example.com", "not supported"),
        ("https://user:pw@example.com", "user name or password"),
        ("", "Enter the site address"),
        ("https://", "no valid host"),
        ("https://example.com:99999", "invalid port"),
    ],
)
def test_unsafe_or_broken_urls_are_refused(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        normalize_site_url(typed)


def future(days: int = 7) -> datetime:
    return datetime.now(timezone.utc) + timedelta(days=days)


def test_name_limit_counts_bytes_per_flavor() -> None:
    ten_cjk, eleven_cjk = "翻" * 10, "翻" * 11
    assert name_bytes(ten_cjk) == 30
    check_draft(TokenDraft(ten_cjk), Flavor.ONE_API)
    with pytest.raises(ValidationError, match=r"33 bytes.*at most 30") as error:
        check_draft(TokenDraft(eleven_cjk), Flavor.ONE_API)
    assert error.value.field == "name"
    check_draft(TokenDraft("翻" * 16), Flavor.NEW_API)
    with pytest.raises(ValidationError, match=r"51 bytes.*at most 50"):
        check_draft(TokenDraft("翻" * 17), Flavor.NEW_API)


def test_blank_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="name"):
        check_draft(TokenDraft("   "), Flavor.ONE_API)


def test_quota_range() -> None:
    with pytest.raises(ValidationError, match="negative"):
        check_draft(TokenDraft("a", remain_quota=-1), Flavor.ONE_API)
    with pytest.raises(ValidationError, match="too large"):
        check_draft(TokenDraft("a", remain_quota=500_000_000_000_001), Flavor.NEW_API)
    check_draft(TokenDraft("a", remain_quota=-1, unlimited=True), Flavor.ONE_API)  # ignored when unlimited


def test_expiry_must_be_future_and_aware() -> None:
    check_draft(TokenDraft("a", expires_at=future()), Flavor.ONE_API)
    with pytest.raises(ValidationError, match="past"):
        check_draft(TokenDraft("a", expires_at=future(-1)), Flavor.ONE_API)
    with pytest.raises(ValidationError, match="time zone"):
        check_draft(TokenDraft("a", expires_at=datetime(2030, 1, 1)), Flavor.ONE_API)
    # Renaming an already expired token must stay possible.
    check_draft(TokenDraft("a", expires_at=future(-1)), Flavor.ONE_API, require_future_expiry=False)


def test_allow_ips() -> None:
    check_draft(TokenDraft("a", allow_ips=("203.0.113.0/24", "10.0.0.1", "2001:db8::/32")), Flavor.NEW_API)
    with pytest.raises(ValidationError, match="not an IP") as error:
        check_draft(TokenDraft("a", allow_ips=("300.1.1.1",)), Flavor.ONE_API)
    assert error.value.field == "allow_ips"


def test_draft_replace_refuses_unknown_fields() -> None:
    draft = TokenDraft("a")
    assert draft.replace(name="b").name == "b"
    with pytest.raises(TypeError, match="nmae"):
        draft.replace(nmae="b")
