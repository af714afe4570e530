"""AppSettings on a private INI file: what is remembered, its limits, and that no secret is ever written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from pytestqt.qtbot import QtBot

from openkey_gui.api.urls import DEFAULT_SITE
from openkey_gui.credentials import SERVICE, CredentialStore, SignInMode
from openkey_gui.demo import DemoServer
from openkey_gui.session import SignInRequest, sign_in
from openkey_gui.ui.account_flow import entry_of
from openkey_gui.ui.reminder_notifier import ReminderNotifier
from openkey_gui.ui.settings import MAX_RECENT_SITES, AccountEntry, AppSettings
from tests.support import MemoryKeyring

SITE_A = "https://a.example"
SITE_B = "http://127.0.0.1:3000"


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "settings.ini")


@pytest.fixture
def settings(qtbot: QtBot, path: str) -> AppSettings:
    return AppSettings(path)


def reopened(settings: AppSettings) -> AppSettings:
    """What the next start reads back from the file."""
    settings.sync()
    return AppSettings(settings.file_name())


def raw(settings: AppSettings, name: str, value: object) -> None:
    """Write a value the way an older version or a hand edit might have left it."""
    settings.sync()
    qs = QSettings(settings.file_name(), QSettings.Format.IniFormat)
    qs.setValue(name, value)
    qs.sync()


# -- accounts ----------------------------------------------------------------------------------------------


def test_a_fresh_file_remembers_nothing(settings: AppSettings, path: str) -> None:
    assert settings.file_name() == path
    assert settings.accounts() == []
    assert settings.last_account() is None and settings.last_account_key() == ""
    assert settings.recent_sites() == [DEFAULT_SITE]


def test_accounts_are_remembered_in_the_users_order_with_the_last_one(settings: AppSettings) -> None:
    alice = AccountEntry(SITE_A, "alice")
    bob = AccountEntry(SITE_B, "bob", mode=SignInMode.ACCESS_TOKEN, user_id=7)
    settings.remember_account(alice)
    settings.remember_account(bob)
    again = reopened(settings)
    assert again.accounts() == [alice, bob]  # a new account goes at the end of the user's order
    assert again.last_account() == bob and again.last_account_key() == bob.key
    assert again.accounts()[1].mode is SignInMode.ACCESS_TOKEN and again.accounts()[1].user_id == 7
    settings.remember_account(alice)  # signed in again: keeps its place, listed once
    assert settings.accounts() == [alice, bob]
    assert settings.last_account() == alice
    settings.set_account_order([bob.key, alice.key])
    assert reopened(settings).accounts() == [bob, alice]


def test_account_labels_are_kept_per_account_and_go_with_it(settings: AppSettings) -> None:
    alice, bob = AccountEntry(SITE_A, "alice"), AccountEntry(SITE_A, "bob")
    settings.remember_account(alice)
    settings.remember_account(bob)
    settings.set_account_label(alice.key, "  Work  ")
    assert reopened(settings).account_label(alice.key) == "Work" and settings.account_label(bob.key) == ""
    settings.forget_account(alice.key)
    assert settings.account_label(alice.key) == ""


def test_forgetting_an_account(settings: AppSettings) -> None:
    alice, bob = AccountEntry(SITE_A, "alice"), AccountEntry(SITE_B, "bob")
    settings.remember_account(alice)
    settings.remember_account(bob)
    settings.forget_account(alice.key)  # not the last one: the last one stays
    assert settings.accounts() == [bob] and settings.last_account() == bob
    settings.forget_account(bob.key)
    again = reopened(settings)
    assert again.accounts() == [] and again.last_account() is None and again.last_account_key() == ""


def test_account_entry_key_and_label() -> None:
    entry = AccountEntry("https://openkey.cloud/", "me@example.com")
    assert entry.key == "https://openkey.cloud|me@example.com"
    assert entry.label == "me@example.com @ openkey.cloud/"
    assert AccountEntry(SITE_A, "x", mode="access_token").mode is SignInMode.ACCESS_TOKEN  # type: ignore[arg-type]
    assert AccountEntry(SITE_A, "x", mode="from-the-future").mode is SignInMode.PASSWORD  # type: ignore[arg-type]


def test_damaged_account_lists_are_read_as_far_as_they_make_sense(settings: AppSettings) -> None:
    raw(settings, "accounts/list", '[{"server_url": "https://a.example", "username": "ok", "mode": "sso", '
                                   '"user_id": "12"}, {"server_url": "https://b.example"}, 5, "x", '
                                   '{"server_url": "", "username": "no-site"}]')
    again = AppSettings(settings.file_name())
    assert again.accounts() == [AccountEntry(SITE_A, "ok", mode=SignInMode.PASSWORD, user_id=None)]
    raw(settings, "accounts/list", "{not json")
    assert AppSettings(settings.file_name()).accounts() == []


# -- recent sites ------------------------------------------------------------------------------------------


def test_recent_sites_are_deduplicated_newest_first(settings: AppSettings) -> None:
    settings.add_recent_site(SITE_A)
    settings.add_recent_site(SITE_B)
    settings.add_recent_site(SITE_A)
    sites = reopened(settings).recent_sites()
    assert sites[:2] == [SITE_A, SITE_B]
    assert len(sites) == len(set(sites))


def test_recent_sites_are_capped(settings: AppSettings) -> None:
    added = [f"https://site{i}.example" for i in range(MAX_RECENT_SITES + 4)]
    for site in added:
        settings.add_recent_site(site)
    assert MAX_RECENT_SITES == 8
    assert reopened(settings).recent_sites() == list(reversed(added))[:MAX_RECENT_SITES]


# -- per-account lists -------------------------------------------------------------------------------------


def test_pins_are_kept_per_account(settings: AppSettings) -> None:
    alice, bob = AccountEntry(SITE_A, "alice").key, AccountEntry(SITE_B, "bob").key  # keys hold "/" and ":"
    settings.set_pinned(alice, 5, True)
    settings.set_pinned(alice, 7, True)
    settings.set_pinned(alice, 5, True)  # pinned twice: listed once
    settings.set_pinned(bob, 9, True)
    again = reopened(settings)
    assert again.pinned_tokens(alice) == [7, 5]
    assert again.pinned_tokens(bob) == [9]
    assert again.pinned_tokens(AccountEntry(SITE_A, "carol").key) == []
    settings.set_pinned(alice, 7, False)
    settings.set_pinned(alice, 404, False)  # unpinning what is not pinned changes nothing
    assert settings.pinned_tokens(alice) == [5] and settings.pinned_tokens(bob) == [9]


def test_recent_copies_are_newest_first_capped_and_per_account(settings: AppSettings) -> None:
    alice, bob = AccountEntry(SITE_A, "alice").key, AccountEntry(SITE_B, "bob").key
    for token_id in (1, 2, 3, 2, 4, 5, 6):
        settings.note_copied(alice, token_id)
    settings.note_copied(bob, 1)
    again = reopened(settings)
    assert again.recent_copies(alice) == [6, 5, 4, 2, 3]  # 5 kept; the copy of 2 again moved it up
    assert again.recent_copies(bob) == [1]
    settings.note_copied(alice, 9, keep=2)
    assert settings.recent_copies(alice) == [9, 6]


def test_shown_reminders_keep_the_newest(settings: AppSettings) -> None:
    settings.add_shown_reminders({"k1", "k2"})
    settings.add_shown_reminders({"k2", "k3"})
    assert reopened(settings).shown_reminders() == {"k1", "k2", "k3"}
    settings.add_shown_reminders({"k4"}, keep=3)
    assert settings.shown_reminders() == {"k2", "k3", "k4"}  # the oldest went first


def test_shown_reminders_are_capped_at_5000(settings: AppSettings) -> None:
    settings.add_shown_reminders({f"old{i:05}" for i in range(4990)})
    settings.add_shown_reminders({f"new{i:02}" for i in range(20)})
    shown = reopened(settings).shown_reminders()
    assert len(shown) == 5000
    assert {f"new{i:02}" for i in range(20)} <= shown
    assert {f"old{i:05}" for i in range(10)}.isdisjoint(shown)


# -- preferences -------------------------------------------------------------------------------------------


def test_clipboard_seconds_default_and_bounds(settings: AppSettings) -> None:
    assert settings.clipboard_clear_seconds() == 30
    settings.set_clipboard_clear_seconds(0)
    assert reopened(settings).clipboard_clear_seconds() == 0  # never
    settings.set_clipboard_clear_seconds(90)
    assert reopened(settings).clipboard_clear_seconds() == 90
    settings.set_clipboard_clear_seconds(-5)
    assert reopened(settings).clipboard_clear_seconds() == 0
    raw(settings, "clipboard/clear_seconds", "soon")
    assert AppSettings(settings.file_name()).clipboard_clear_seconds() == 30


def test_refresh_minutes_default_and_bounds(settings: AppSettings) -> None:
    assert settings.refresh_minutes() == 10
    settings.set_refresh_minutes(0)
    assert reopened(settings).refresh_minutes() == 0  # off
    settings.set_refresh_minutes(60)
    assert reopened(settings).refresh_minutes() == 60
    settings.set_refresh_minutes(-1)
    assert reopened(settings).refresh_minutes() == 0
    raw(settings, "reminders/refresh_minutes", "")
    assert AppSettings(settings.file_name()).refresh_minutes() == 10


def test_tray_language_and_balance_preferences_round_trip(settings: AppSettings) -> None:
    assert settings.tray_enabled() is True and settings.minimise_to_tray() is False
    assert settings.close_to_tray() is None  # not asked yet
    assert settings.language() == "" and settings.balance_threshold_money() == "1"
    settings.set_tray_enabled(False)
    settings.set_close_to_tray(False)
    settings.set_minimise_to_tray(True)
    settings.set_language("zh_CN")
    settings.set_balance_threshold_money("2.50")
    again = reopened(settings)  # an INI file gives back "false"/"true" strings
    assert again.tray_enabled() is False and again.close_to_tray() is False and again.minimise_to_tray() is True
    assert again.language() == "zh_CN" and again.balance_threshold_money() == "2.50"
    settings.set_close_to_tray(True)
    assert reopened(settings).close_to_tray() is True


def test_window_state_round_trips(settings: AppSettings) -> None:
    geometry = QByteArray(bytes(range(256)))  # any bytes, NULs included
    settings.set_window_state("geometry", geometry)
    settings.set_window_state("empty", QByteArray())
    again = reopened(settings)
    assert again.window_state("geometry") == geometry
    assert again.window_state("empty") is None
    assert again.window_state("never-saved") is None


# -- no secret in the file ---------------------------------------------------------------------------------


def test_a_whole_session_writes_no_secret(qtbot: QtBot, settings: AppSettings) -> None:
    """Every setter the app calls, fed from real sign-ins (password and access token, remembered) and
    revealed keys; the file holds sites, names and ids, never a password, an access token or a key."""
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    secrets: list[str] = []
    notified: list[tuple[str, str]] = []
    with DemoServer(flavor="new-api", tokens=12, seed=5, critical_rate_limit=None) as new_api, \
            DemoServer(flavor="one-api", tokens=12, seed=6, critical_rate_limit=None) as one_api:
        sessions = [
            sign_in(SignInRequest(new_api.url, username=new_api.username, password=new_api.password,
                                  remember=True), store, timeout=5),
            sign_in(SignInRequest(one_api.url, mode=SignInMode.ACCESS_TOKEN, access_token=one_api.access_token,
                                  user_id=one_api.user_id, remember=True), store, timeout=5),
        ]
        for session, server in zip(sessions, (new_api, one_api), strict=True):
            tokens = session.client.list_tokens()
            keys = session.client.reveal_keys([t.id for t in tokens])
            tokens = [t.with_key(keys[t.id]) for t in tokens]
            settings.add_recent_site(session.client.base_url)
            settings.remember_account(entry_of(session))
            for token in tokens[:3]:
                settings.set_pinned(session.keyring_key, token.id, True)
                settings.note_copied(session.keyring_key, token.id)
            ReminderNotifier(settings, lambda title, message: notified.append((title, message))).check(
                session, session.account, tokens)
            secrets += [server.password, server.access_token, *keys.values(), *(r["key"] for r in server.tokens())]
        settings.set_window_state("geometry", QByteArray(b"\x01\xd9\xd0\xcb"))
        settings.set_clipboard_clear_seconds(45)
        settings.set_balance_threshold_money("1000")
        settings.sync()
    text = Path(settings.file_name()).read_text(encoding="utf-8")
    # the file did get the session: both accounts, their sites, pins and reminders
    assert [a.key for a in settings.accounts()] == [s.keyring_key for s in sessions]
    assert all(s.client.base_url in text for s in sessions)
    assert settings.shown_reminders() and notified
    assert settings.pinned_tokens(sessions[0].keyring_key)
    # …and the secrets went to the keyring, not here
    stored = "".join(backend.entries.values())
    assert {service for service, _ in backend.entries} == {SERVICE} and len(backend.entries) == 2
    assert new_api.password in stored and one_api.access_token in stored
    assert len(secrets) > 40
    assert [s for s in secrets if s in text] == []
    assert not re.search(r"sk-[A-Za-z0-9]{8,}", text)


def test_imported_accounts_go_after_the_others_and_sign_nobody_in(settings: AppSettings) -> None:
    first = AccountEntry(SITE_A, "alice")
    settings.remember_account(first)
    added = settings.add_accounts([AccountEntry(SITE_B, "bob"), AccountEntry(SITE_A, "alice"),
                                   AccountEntry(SITE_B, "carol"), AccountEntry(SITE_B, "bob")])
    assert [a.username for a in added] == ["bob", "carol"]
    assert [a.username for a in settings.accounts()] == ["alice", "bob", "carol"]
    assert settings.last_account_key() == first.key


def test_account_labels(settings: AppSettings) -> None:
    key = AccountEntry(SITE_A, "alice").key
    assert settings.account_label(key) == ""
    settings.set_account_label(key, "工作")
    assert settings.account_label(key) == "工作"
    settings.set_account_label(key, "")
    assert settings.account_label(key) == ""


def test_the_last_check_in_day_per_account(settings: AppSettings, path: str) -> None:
    from datetime import date

    alice, bob = AccountEntry(SITE_A, "alice").key, AccountEntry(SITE_B, "bob").key
    assert settings.last_checkin(alice) is None and not settings.checkin_automatic()
    settings.set_last_checkin(alice, date(2026, 12, 2))
    settings.set_checkin_automatic(True)
    settings.sync()
    again = AppSettings(path)
    assert again.last_checkin(alice) == date(2026, 12, 2) and again.last_checkin(bob) is None
    assert again.checkin_automatic()
