"""Turns due reminders into notifications: once per token and threshold, one pop-up per kind.

The rules of what is due live in :mod:`openkey_gui.reminders`; this module remembers what was shown
(settings hold only the reminder keys, never a key or a secret) and words the notifications.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from PySide6.QtCore import QObject, Signal

from openkey_gui.api import Account, SiteStatus, Token
from openkey_gui.api.quota import format_money, money_to_quota, parse_money
from openkey_gui.reminders import Reminder, ReminderKind, due_reminders
from openkey_gui.session import SignedIn
from openkey_gui.ui.i18n import join_list
from openkey_gui.ui.settings import AppSettings


class ReminderNotifier(QObject):
    """Checks after every refresh and calls ``notify(title, message)`` for what is new."""

    #: The reminders just notified (list[Reminder]).
    shown = Signal(list)

    def __init__(self, settings: AppSettings, notify: Callable[[str, str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._notify = notify

    def check(self, session: SignedIn, account: Account | None, tokens: Sequence[Token],
              site_name: str = "") -> list[Reminder]:
        """``site_name`` (the account's name in the sidebar) goes into every title: with several accounts
        signed in, "Balance running low" must say where."""
        site = session.site
        where = site_name or site.system_name or session.client.base_url
        _, rate = site.currency()
        try:  # the threshold is typed in the money the site shows (¥ on a CNY site), units are per US$
            threshold = money_to_quota(parse_money(self._settings.balance_threshold_money() or "0") / rate,
                                       site.quota_per_unit)
        except (ValueError, ArithmeticError):
            threshold = 0
        due = due_reminders(tokens, account, account_key=session.keyring_key,
                            now=datetime.now(timezone.utc), balance_threshold=threshold)
        already = self._settings.shown_reminders()
        fresh = [r for r in due if r.key not in already]
        if not fresh:
            return []
        by_kind: dict[ReminderKind, list[Reminder]] = {}
        for reminder in fresh:
            by_kind.setdefault(reminder.kind, []).append(reminder)
        for group in by_kind.values():  # many tokens must not mean many pop-ups
            title, message = self._single(group[0], site) if len(group) == 1 else self._summary(group)
            self._notify(self.tr("{0} — {1}").format(title, where), message)
        self._settings.add_shown_reminders({r.key for r in fresh})
        self.shown.emit(fresh)
        return fresh

    def _summary(self, group: list[Reminder]) -> tuple[str, str]:
        names = join_list(f"“{r.token_name}”" for r in group[:4]) + ("…" if len(group) > 4 else "")
        if group[0].kind is ReminderKind.EXPIRY:
            return self.tr("%n tokens expire soon", "", len(group)), self.tr("Within 3 days: {0}").format(names)
        return self.tr("%n tokens are running low", "", len(group)), self.tr("Under 10 % left: {0}").format(names)

    def _single(self, reminder: Reminder, site: SiteStatus) -> tuple[str, str]:
        if reminder.kind is ReminderKind.EXPIRY and reminder.expires_at is not None:
            when = reminder.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
            return (self.tr("Token expires soon"),
                    self.tr("“{0}” expires on {1}.").format(reminder.token_name, when))
        if reminder.kind is ReminderKind.QUOTA:
            percent = f"{(reminder.remaining_fraction or 0) * 100:.0f}"
            return (self.tr("Token quota running low"),
                    self.tr("“{0}” has {1} % of its quota left.").format(reminder.token_name, percent))
        symbol, rate = site.currency()
        balance = format_money(reminder.balance or 0, site.quota_per_unit, symbol=symbol, rate=rate)
        return self.tr("Balance running low"), self.tr("Your account balance is {0}.").format(balance)
