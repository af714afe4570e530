from datetime import datetime, timedelta, timezone

from openkey_gui.api.models import Account, Token, TokenStatus
from openkey_gui.reminders import due_reminders

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)


def token(token_id: int, *, expires_in: timedelta | None = None, remain: int = 1000, used: int = 0,
          unlimited: bool = False, status: TokenStatus = TokenStatus.ENABLED) -> Token:
    return Token(id=token_id, name=f"t{token_id}", key="sk-x", key_is_masked=True, status=status,
                 created_at=NOW - timedelta(days=30), accessed_at=None,
                 expires_at=None if expires_in is None else NOW + expires_in,
                 remain_quota=remain, used_quota=used, unlimited=unlimited)


def kinds(reminders: list) -> set[tuple[str, int | None]]:
    return {(r.kind, r.token_id) for r in reminders}


def test_expiry_within_three_days_only_for_usable_tokens() -> None:
    tokens = [
        token(1, expires_in=timedelta(hours=20)),
        token(2, expires_in=timedelta(days=2, hours=23)),
        token(3, expires_in=timedelta(days=3, hours=1)),
        token(4, expires_in=timedelta(hours=5), status=TokenStatus.DISABLED),
        token(5, expires_in=timedelta(hours=-5)),  # already expired: the table shows it, no reminder
        token(6),
    ]
    assert kinds(due_reminders(tokens, None, account_key="a", now=NOW)) == {("expiry", 1), ("expiry", 2)}


def test_low_quota_under_ten_percent() -> None:
    tokens = [token(1, remain=99, used=901), token(2, remain=100, used=900), token(3, remain=0, used=5, unlimited=True),
              token(4, remain=5, used=0)]
    assert kinds(due_reminders(tokens, None, account_key="a", now=NOW)) == {("quota", 1)}


def test_balance_threshold() -> None:
    account = Account(id=1, username="u", quota=400_000)
    assert kinds(due_reminders([], account, account_key="a", now=NOW, balance_threshold=500_000)) == {
        ("balance", None)}
    assert due_reminders([], account, account_key="a", now=NOW, balance_threshold=0) == []
    assert due_reminders([], account, account_key="a", now=NOW, balance_threshold=300_000) == []


def test_keys_change_when_a_new_threshold_is_crossed() -> None:
    first = due_reminders([token(1, expires_in=timedelta(hours=3))], None, account_key="a", now=NOW)
    extended = due_reminders([token(1, expires_in=timedelta(days=1))], None, account_key="a", now=NOW)
    other_account = due_reminders([token(1, expires_in=timedelta(hours=3))], None, account_key="b", now=NOW)
    assert first[0].key != extended[0].key
    assert first[0].key != other_account[0].key
    assert first[0].key == due_reminders([token(1, expires_in=timedelta(hours=3))], None, account_key="a",
                                         now=NOW + timedelta(hours=1))[0].key
