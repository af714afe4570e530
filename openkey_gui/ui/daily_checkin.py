"""The daily check-in: the shown account's by hand (Account menu, tray), or every signed-in account's
by itself once a day.

The once-a-day rule is ``checkin_days`` (no Qt); this room asks it, sends the check-in off the GUI
thread (the shown account's through the controller, which then shows the new balance; another's
through its own client, after which its row is refreshed), remembers the day per account in the
settings and says the outcome: the quota gained in the site's money and units, or why not, in the UI's
language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from openkey_gui.api.checkin import CheckinResult
from openkey_gui.api.errors import ApiError
from openkey_gui.api.quota import format_money, format_units
from openkey_gui.checkin_days import CheckinDay, CheckinDecision, automatic, by_hand
from openkey_gui.session import SignedIn
from openkey_gui.ui.error_text import describe
from openkey_gui.ui.known_messages import Known, recognise
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.token_controller import TokenController


class DailyCheckin(QObject):
    """``today`` is the user's calendar day (tests move it)."""

    # The outcome, said for the user: (text, whether quota was gained).
    said = Signal(str, bool)
    # A check-in is on its way (the status bar says so).
    sending = Signal()

    # Another signed-in account checked in by itself: its balance changed (its account key).
    others_changed = Signal(str)

    def __init__(self, controller: TokenController, settings: AppSettings, parent: QObject | None = None, *,
                 today: Callable[[], date] = date.today,
                 others: Callable[[], list[SignedIn]] = list) -> None:
        super().__init__(parent)
        self._controller = controller
        self._settings = settings
        self._others = others  # every signed-in account's session, the shown one included or not
        self.today = today
        self._tried: dict[str, date] = {}  # automatic tries that failed, per account, this run only
        self._in_flight: set[str] = set()

    def offered(self) -> bool:
        """Whether the signed-in account's site offers the check-in (the action is enabled only then)."""
        session = self._controller.session
        return session is not None and session.site.checkin_enabled

    def check_in(self) -> None:
        """The user asked: sent unless this account has checked in today already."""
        session = self._controller.session
        if session is None:
            return
        decision = by_hand(self._day_of(session), self.today())
        if decision is CheckinDecision.DONE_TODAY:
            self.said.emit(self._already_text(session), False)
        elif decision is CheckinDecision.NOT_OFFERED:
            self.said.emit(self.tr("{0} does not offer a daily check-in.").format(_site_name(session)), False)
        else:
            self._send(session, automatic=False)

    def check_in_if_due(self) -> None:
        """At sign-in and as the clock ticks: the automatic check-in of every signed-in account that
        offers it, when it is wanted and due (each account once a day)."""
        shown = self._controller.session
        sessions = ([shown] if shown is not None else []) + [s for s in self._others() if s is not shown]
        for session in sessions:
            decision = automatic(self._day_of(session), self.today(), wanted=self._settings.checkin_automatic(),
                                 tried_day=self._tried.get(session.keyring_key))
            if decision is CheckinDecision.SEND:
                self._send(session, automatic=True)

    def _day_of(self, session: SignedIn) -> CheckinDay:
        return CheckinDay(offered=session.site.checkin_enabled,
                          last_day=self._settings.last_checkin(session.keyring_key))

    def _send(self, session: SignedIn, *, automatic: bool) -> None:
        account = session.keyring_key
        if account in self._in_flight:
            return  # one check-in at a time: a second click while the first runs sends nothing
        self._in_flight.add(account)
        day = self.today()
        self.sending.emit()

        def done(result: CheckinResult) -> None:
            self._in_flight.discard(account)
            self._settings.set_last_checkin(account, day)
            self._settings.sync()
            self.said.emit(self._gained_text(session, result), True)
            if session is not self._controller.session:
                self.others_changed.emit(account)

        def failed(error: ApiError) -> None:
            self._in_flight.discard(account)
            recognised = recognise(error.server_message)
            if recognised is not None and recognised.known is Known.CHECKED_IN_TODAY:
                self._settings.set_last_checkin(account, day)  # done elsewhere (the site, another device)
                self._settings.sync()
                self.said.emit(self._already_text(session), False)
                return
            if automatic:
                self._tried[account] = day
            self.said.emit(self.tr("Check-in on {0} did not happen: {1}").format(
                _site_name(session), describe(error)), False)

        if session is not self._controller.session:  # another account: through its own client
            client = session.client

            def other_failed(exc: BaseException) -> None:
                if isinstance(exc, ApiError):
                    failed(exc)
                else:
                    self._in_flight.discard(account)

            self._controller.runner.run(client.checkin.check_in, on_success=done, on_error=other_failed,
                                        label="check-in")
            return
        try:
            self._controller.check_in(done, failed)
        except RuntimeError:  # signed out in the meantime
            self._in_flight.discard(account)

    def _already_text(self, session: SignedIn) -> str:
        return self.tr("You have already checked in on {0} today.").format(_site_name(session))

    def _gained_text(self, session: SignedIn, result: CheckinResult) -> str:
        site = session.site
        symbol, rate = site.currency()
        money = format_money(result.quota_awarded, site.quota_per_unit, symbol=symbol, rate=rate)
        return self.tr("Checked in on {0}: you gained {1} ({2} units).").format(
            _site_name(session), money, format_units(result.quota_awarded))


def _site_name(session: SignedIn) -> str:
    return session.site.system_name or session.client.host
