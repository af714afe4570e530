"""What the user reads when something fails: an ``ApiError``'s kind, in the UI's language.

The client (``openkey_gui.api``) names failures (``ErrorKind``, New API's auth ``code``) and keeps the
server's own words; only here do they become sentences, so that the Chinese UI never shows an English
network error and the English UI never shows Chinese inside an English sentence. The server's words go
on a last line of their own: "Details: …" when the app recognised them (and said them in the UI's
language above), "The site said: “…”" when it did not.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QObject

from openkey_gui.api.errors import ApiError, CreateOutcome, ErrorKind, SessionEnd
from openkey_gui.api.server_words import size_text
from openkey_gui.credentials import KeyringProblem, KeyringUnavailable
from openkey_gui.ui.known_messages import CODES, Known, Recognised, recognise_failure
from openkey_gui.ui.server_message_text import ServerMessageText

# Failures whose headline is the server's refusal itself: a recognised message replaces the generic one.
_REFUSALS = (ErrorKind.AUTH_REFUSED, ErrorKind.SIGN_IN_REFUSED, ErrorKind.REFUSED)
# Failures the client finds itself that a server can also say: worded once, by ServerMessageText.
_SAID_BY_SERVER_TEXT = {
    ErrorKind.TWO_FACTOR_REQUIRED: Known.TWO_FACTOR_NEEDED,
    ErrorKind.USER_ID_REQUIRED: Known.USER_ID_MISSING,
    ErrorKind.QUOTA_NEGATIVE: Known.QUOTA_NEGATIVE,
}


# Refusals that a new sign-in would only meet again: the account or the site must change instead.
_SIGN_IN_DOES_NOT_HELP = frozenset({Known.USER_BANNED, Known.NOT_PERMITTED, Known.SESSION_REQUIRED,
                                    Known.ORIGIN_FORBIDDEN, Known.AUTH_CHECK_FAILED})


def sign_in_helps(error: ApiError) -> bool:
    """Whether "sign in again" is advice worth giving for this auth failure."""
    recognised = recognise_failure(error.code, error.server_message)
    return recognised is None or recognised.known not in _SIGN_IN_DOES_NOT_HELP


def describe(error: BaseException, note: str = "") -> str:
    """The user's text for ``error`` in the current UI language (see ``ErrorText.describe``)."""
    return ErrorText().describe(error, note)


class ErrorText(QObject):
    """Turns a failure into translated, actionable text."""

    def describe(self, error: BaseException, note: str = "") -> str:
        """Headline, what became of the token, ``note`` (the caller's next step), then the server's words."""
        if isinstance(error, KeyringUnavailable):
            return self.keyring_text(error.problem)
        if not isinstance(error, ApiError):  # a bug: the caller logs it with its traceback
            return self.tr("Unexpected error ({0}). Please try again.").format(type(error).__name__)
        lines = [self.headline(error)]
        for more in (self.outcome_text(error), note):
            if more:
                lines[0] = f"{lines[0]} {more}"
        details = self.details(error)
        if details:
            lines.append(details)
        return "\n".join(lines)

    def keyring_text(self, problem: KeyringProblem) -> str:
        """What is wrong with the system keyring, in words a user can act on (no backend jargon)."""
        if problem is KeyringProblem.MISSING:
            return self.tr("No system keyring is available (on Linux, install GNOME Keyring or KWallet).")
        if problem is KeyringProblem.LOCKED:
            return self.tr("The system keyring is locked. Unlock it and try again.")
        return self.tr("The system keyring did not respond as expected just now.")

    def not_remembered(self, error: KeyringUnavailable) -> str:
        """Said after a sign-in whose "Remember me" could not be honoured."""
        return self.tr("This sign-in could not be remembered, so you will be asked again next time. {0}").format(
            self.keyring_text(error.problem))

    def headline(self, error: ApiError) -> str:
        """The sentence(s) saying what happened and what to do, without the server's own words."""
        host = str(error.params.get("host") or self.tr("the site"))
        recognised = recognise_failure(error.code, error.server_message)
        if recognised is not None and (error.code in CODES or error.kind in _REFUSALS):
            return ServerMessageText().text(recognised, host)
        if error.kind in _SAID_BY_SERVER_TEXT:  # the same failure as a server message: one wording
            return ServerMessageText().text(Recognised(_SAID_BY_SERVER_TEXT[error.kind]), host)
        if error.kind is ErrorKind.UNKNOWN:
            return error.message  # text the UI made itself (already translated), e.g. a field's check
        return self._kind_text(error.kind, host, error.params, bool(error.server_message))

    def details(self, error: ApiError) -> str:
        """The server's original words on a line of their own, labelled by whether they were understood."""
        words = error.server_message
        if not words or error.kind is ErrorKind.UNKNOWN:
            return ""
        if recognise_failure(error.code, words) is not None:
            return self.tr("Details: {0}").format(words)
        return self.tr("The site said: “{0}”").format(words)

    def outcome_text(self, error: ApiError) -> str:
        """What became of the token a failed create was for."""
        name = str(error.params.get("token_name", ""))
        texts = {
            CreateOutcome.NOT_CREATED_RETRY_SAFE: self.tr("The token “{0}” was not created; it is safe to try again."),
            CreateOutcome.NOT_CREATED: self.tr("The token “{0}” was not created."),
            CreateOutcome.EARLIER_UNCONFIRMED: self.tr(
                "The earlier attempt to create “{0}” is still unconfirmed, so nothing new was sent."),
            CreateOutcome.UNKNOWN_UNTIL_SIGN_IN: self.tr(
                "Whether the token “{0}” was created is not known yet: after you sign in, the list is checked "
                "before anything is sent again."),
            CreateOutcome.NOT_CHECKED: self.tr(
                "Whether the token “{0}” was created could not be checked. Refresh the list before creating it "
                "again (a new attempt checks first, so it will not make a second one)."),
            CreateOutcome.NOT_LISTED_RETRY_SAFE: self.tr(
                "The token “{0}” has not appeared in the list, so it was not created; it is safe to try again "
                "(a new attempt checks the list once more first)."),
        }
        return texts[error.outcome].format(name) if error.outcome in texts else ""

    def _kind_text(self, kind: ErrorKind, host: str, params: dict[str, Any], said: bool) -> str:
        """The generic sentence of ``kind``; ``said`` is whether the server gave words of its own."""
        seconds = _number(params.get("seconds"))
        if kind is ErrorKind.RATE_LIMITED:
            wait = params.get("retry_after")
            if isinstance(wait, (int, float)) and wait >= 90:  # New API's shared limit says 1200 s
                return self.tr("{host} says too many requests; wait {minutes} min and try again.").format(
                    host=host, minutes=math.ceil(wait / 60))
            if isinstance(wait, (int, float)) and wait >= 1:
                return self.tr("{host} says too many requests; wait {seconds} s and try again.").format(
                    host=host, seconds=math.ceil(wait))
            return self.tr("{host} says too many requests; wait a little and try again.").format(host=host)
        if kind is ErrorKind.AUTH_REFUSED:
            if said:
                return self.tr("{host} did not accept the sign-in.").format(host=host)
            return self.tr("{host} did not accept the sign-in. Your session may have expired; sign in again."
                           ).format(host=host)
        if kind is ErrorKind.SESSION_ENDED:
            return self._session_ended(params.get("why"), host)
        if kind is ErrorKind.REFUSED and not said:
            status = params.get("status")
            if status:
                return self.tr("{host} refused the request (HTTP {status}).").format(host=host, status=status)
            return self.tr("{host} refused the request without saying why.").format(host=host)
        texts = self._kind_texts()
        template = texts.get(kind)
        if template is None:
            return self.tr("The request to {host} failed.").format(host=host)
        values = _Blank({k: _shown(k, v) for k, v in params.items()})
        values.update(host=host, seconds=seconds)
        return template.format_map(values)

    def _session_ended(self, why: object, host: str) -> str:
        """A New API v1.0 sign-in that can no longer be renewed; what the user had open is kept."""
        if why is SessionEnd.PAST_END:
            return self.tr("{host} ends every sign-in 30 days after it was made, and this one has reached that. "
                           "Sign in again; nothing you had open is lost.").format(host=host)
        if why is SessionEnd.ANSWER_LOST:
            return self.tr("The answer to renewing your sign-in to {host} was lost, so the app will not try that "
                           "sign-in again. Sign in again; nothing you had open is lost.").format(host=host)
        return self.tr("Your sign-in to {host} has ended (signed out, revoked or expired on the site). Sign in "
                       "again; nothing you had open is lost.").format(host=host)

    def _kind_texts(self) -> dict[ErrorKind, str]:
        return {
            ErrorKind.CANNOT_REACH: self.tr(
                "Cannot reach {host}. Check your internet connection and the site address."),
            ErrorKind.CONNECT_TIMEOUT: self.tr(
                "Could not connect to {host} within {seconds} s. Check your internet connection and the site "
                "address."),
            ErrorKind.TLS_FAILED: self.tr(
                "The secure connection to {host} could not be verified (TLS certificate problem). Check the "
                "address, your clock and any proxy in between."),
            ErrorKind.PROXY_REFUSED: self.tr(
                "The proxy in front of {host} refused the connection. Check the proxy settings."),
            ErrorKind.NOT_SENT: self.tr("The request to {host} could not be sent ({detail})."),
            ErrorKind.REDIRECT_REFUSED: self.tr(
                "{host} redirected the request to {target}, which is not the same secure site. If that is the "
                "site's real address, sign in with that address instead."),
            ErrorKind.CONNECTION_BROKEN: self.tr(
                "The connection to {host} broke before the answer arrived. Refresh to see whether the change "
                "was made before trying again."),
            ErrorKind.ANSWER_BROKEN: self.tr(
                "The connection to {host} broke in the middle of the answer. Refresh to see whether the change "
                "was made before trying again."),
            ErrorKind.TIMEOUT: self.tr("{host} did not answer within {seconds} s. The site may be busy; try again."),
            ErrorKind.REQUEST_FAILED: self.tr("The request to {host} failed ({detail})."),
            ErrorKind.SIGN_IN_REFUSED: self.tr("{host} refused the sign-in."),
            ErrorKind.REFUSED: self.tr("{host} refused the request."),
            ErrorKind.NOT_SUPPORTED: self.tr("{host} does not support this."),
            ErrorKind.SERVER_UNAVAILABLE: self.tr(
                "{host} is temporarily unavailable (HTTP {status}). Try again in a minute."),
            ErrorKind.SERVER_FAILED: self.tr("{host} had an internal error (HTTP {status}). Try again later."),
            ErrorKind.WEB_PAGE_ANSWER: self.tr(
                "{host} answered with a web page instead of its API (HTTP {status}). Is this the address of a "
                "One API / New API site?"),
            ErrorKind.NOT_JSON_ANSWER: self.tr(
                "{host} answered with something that is not valid JSON instead of its API (HTTP {status}). Is this "
                "the address of a One API / New API site?"),
            ErrorKind.ANSWER_TOO_LARGE: self.tr(
                "{host} sent an answer larger than {size}, which no token page or list is. Is this the address "
                "of a One API / New API site?"),
            ErrorKind.ANSWER_TOO_DENSE: self.tr(
                "{host} sent {count} objects in {size}, far more than a token list has. Is this the address of "
                "a One API / New API site?"),
            ErrorKind.UNREADABLE_ANSWER: self.tr(
                "The site sent an answer the app cannot read. Is this the address of a One API / New API site?"),
            ErrorKind.LIST_RUNAWAY: self.tr(
                "{host} listed more than {limit} tokens and kept going, so the list was stopped there. Is this "
                "the address of a One API / New API site?"),
            ErrorKind.KEY_NOT_REVEALED: self.tr("{host} did not reveal this token's key. Try again later."),
            ErrorKind.CREATED_NOT_LISTED: self.tr(
                "The site said the token “{token_name}” was created, but it is not in the list. Refresh to "
                "check."),
            ErrorKind.CAPTCHA_REQUIRED: self.tr(
                "{host} asks for a captcha (Turnstile) on password sign-in, which only a browser can show. Sign "
                "in with the system access token instead: open the site in your browser, go to personal "
                "settings and generate a system access token, then paste it here with your user ID."),
            ErrorKind.LOGIN_MISSING: self.tr("Enter your user name (or e-mail) and password."),
            ErrorKind.ACCESS_TOKEN_MISSING: self.tr("Paste the system access token from the site."),
            ErrorKind.ACCESS_TOKEN_IS_API_KEY: self.tr(
                "That is an API key (sk-…), not the system access token. The access token is on the site's "
                "personal settings page, under “system access token”."),
            ErrorKind.SIGN_IN_MODE_UNKNOWN: self.tr("Choose how to sign in."),
            ErrorKind.NAME_MISSING: self.tr("Give the token a name."),
            ErrorKind.NAME_TOO_LONG: self.tr(
                "The name is {used} bytes long; this site allows at most {limit} bytes (a Chinese character "
                "counts as 3). Shorten it."),
            ErrorKind.QUOTA_TOO_LARGE: self.tr("The quota is too large: at most {highest} units."),
            ErrorKind.EXPIRY_WITHOUT_ZONE: self.tr("The expiry time needs a time zone."),
            ErrorKind.EXPIRY_IN_PAST: self.tr("The expiry time is in the past; pick a later time or Never."),
            ErrorKind.IP_INVALID: self.tr(
                "“{entry}” is not an IP address or CIDR range (for example 203.0.113.0/24)."),
            ErrorKind.URL_EMPTY: self.tr("Enter the site address, for example https://openkey.cloud."),
            ErrorKind.URL_TOO_LONG: self.tr("The address is too long to be a site address."),
            ErrorKind.URL_INVISIBLE: self.tr(
                "The address contains spaces or invisible characters; type it again without them."),
            ErrorKind.URL_BACKSLASH: self.tr("The address contains a backslash (\\); use forward slashes."),
            ErrorKind.URL_NEEDS_SLASHES: self.tr(
                "Write the address as https://host, for example https://openkey.cloud."),
            ErrorKind.URL_SCHEME: self.tr("“{scheme}:” addresses are not supported; use https://."),
            ErrorKind.URL_CREDENTIALS: self.tr(
                "Do not put a user name or password in the address; sign in with the form instead."),
            ErrorKind.URL_PORT: self.tr("The address has an invalid port."),
            ErrorKind.URL_PLAIN_HTTP: self.tr("Plain http:// would send your password unencrypted; use https://."),
            ErrorKind.URL_HOST: self.tr("The address has no valid host name."),
        }


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value or "")


def _shown(name: str, value: object) -> str:
    """A parameter as the sentence shows it: sizes in KB/MB, counts with separators."""
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    if name == "size":
        return size_text(value)
    return str(value) if name == "status" else f"{value:,}"


class _Blank(dict):  # type: ignore[type-arg]
    """``format_map`` values where a parameter the error lacks reads as empty instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""
