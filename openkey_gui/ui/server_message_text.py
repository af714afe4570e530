"""The servers' known messages (``known_messages.Known``) in the UI's language, each saying what to do.

"Sign in again" appears only where a new sign-in can help (the session ended); a wrong password, a
banned account or a refused value say what to change instead.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from openkey_gui.ui.known_messages import Known, Recognised


class ServerMessageText(QObject):
    """Words one recognised server message for the user; ``host`` names the site."""

    def text(self, recognised: Recognised, host: str) -> str:
        values = list(recognised.values)
        value = values[0] if values else ""
        words = self._texts()
        template = words[recognised.known]
        if recognised.known is Known.KEY_SUBNET_ONLY:
            return template.format(host=host, ranges=value, address=values[1] if len(values) > 1 else "")
        return template.format(host=host, value=value)

    def _texts(self) -> dict[Known, str]:
        """Built per call (errors are rare): a language change is then picked up without any bookkeeping."""
        return {
            Known.NO_CREDENTIAL: self.tr("You are not signed in to {host} (it received no sign-in). Sign in again."),
            Known.ACCESS_TOKEN_INVALID: self.tr(
                "{host} did not accept the access token: it is wrong, or a newer one replaced it. Generate a "
                "new one on the site's personal settings page and paste it."),
            Known.USER_ID_MISSING: self.tr(
                "{host} also needs your numeric user ID with the access token. It is shown on the site's "
                "personal settings page."),
            Known.USER_ID_MALFORMED: self.tr("The user ID must be a number, as shown on the site's personal "
                                             "settings page."),
            Known.USER_ID_MISMATCH: self.tr(
                "The user ID does not belong to this access token. Check the ID on the site's personal "
                "settings page."),
            Known.NOT_PERMITTED: self.tr("Your account is not allowed to do this on {host}."),
            Known.WRONG_LOGIN: self.tr(
                "The user name or password is wrong, or the account is disabled. Check both and try again."),
            Known.USER_BANNED: self.tr("This account is disabled on {host}. Contact the site's administrator."),
            Known.UNAUTHORIZED: self.tr("{host} did not accept the sign-in. Sign in again."),
            Known.TWO_FACTOR_NEEDED: self.tr(
                "This account uses two-step verification. Enter the 6-digit code from your authenticator app, "
                "or a backup code."),
            Known.TWO_FACTOR_WRONG: self.tr(
                "The verification code is wrong. Enter the current code from your authenticator app, or a "
                "backup code."),
            Known.SIGN_IN_TIMED_OUT: self.tr("The sign-in took too long to finish. Sign in again."),
            Known.CAPTCHA_EMPTY: self.tr(
                "{host} asks for a captcha on password sign-in, which only a browser can show. Sign in with "
                "the system access token instead."),
            Known.SESSION_REQUIRED: self.tr(
                "This needs a password sign-in on {host}; an access token is not enough for it."),
            Known.ORIGIN_FORBIDDEN: self.tr(
                "{host} refused the request's origin (its secure-cookie setting). Sign in with the system "
                "access token, or ask the site's administrator."),
            Known.SESSION_NOT_FOUND: self.tr("That session no longer exists on {host}."),
            Known.SESSION_CONFLICT: self.tr("The sign-in changed while it was being renewed. Sign in again."),
            Known.SIGN_IN_EXPIRED: self.tr("Your sign-in on {host} has expired. Sign in again."),
            Known.SESSION_REVOKED: self.tr(
                "Your session on {host} was ended (signed out elsewhere, or revoked). Sign in again."),
            Known.AUTH_CHECK_FAILED: self.tr("{host} failed while checking the sign-in. Try again in a minute."),
            Known.NOT_FOUND: self.tr(
                "The token no longer exists on {host} (it may have been deleted elsewhere). Refresh the list."),
            Known.NAME_TOO_LONG: self.tr("{host} says the token name is too long. Shorten it."),
            Known.BAD_SUBNET: self.tr("{host} refused an allowed IP range as invalid: {value}. Correct it."),
            Known.QUOTA_NEGATIVE: self.tr("The quota cannot be negative."),
            Known.QUOTA_TOO_LARGE: self.tr("The quota is too large: at most {value} units."),
            Known.TOO_MANY_TOKENS: self.tr(
                "The account has reached the site's limit of {value} tokens. Delete tokens you no longer use."),
            Known.CANNOT_ENABLE_EXPIRED: self.tr(
                "The token has expired, so it cannot be enabled. Set a later expiry time (or Never) first."),
            Known.CANNOT_ENABLE_EXHAUSTED: self.tr(
                "The token's quota is used up, so it cannot be enabled. Raise its quota (or make it unlimited) "
                "first."),
            Known.INVALID_PARAMETERS: self.tr("{host} refused the request as invalid."),
            Known.ID_MISSING: self.tr("{host} refused the request: the token or user ID was missing."),
            Known.SEARCH_ADJACENT_WILDCARDS: self.tr("A search may not hold two % next to each other."),
            Known.SEARCH_TOO_MANY_WILDCARDS: self.tr("A search may hold at most two %."),
            Known.SEARCH_TOO_SHORT: self.tr("A search with % needs at least 2 other characters."),
            Known.SEARCH_EXACT_ONLY: self.tr(
                "This account has more tokens than the site allows wildcard searches for: search for an exact "
                "name, without %."),
            Known.CHECKED_IN_TODAY: self.tr("You have already checked in today."),
            Known.CHECK_IN_DISABLED: self.tr("Check-in is not enabled on {host}."),
            Known.REDEEM_CODE_INVALID: self.tr("The redemption code is not valid."),
            Known.REDEEM_CODE_USED: self.tr("The redemption code has already been used."),
            Known.KEY_EXPIRED: self.tr("This key has expired. Set a later expiry time to use it again."),
            Known.KEY_EXHAUSTED: self.tr("This key's quota is used up. Raise its quota to use it again."),
            Known.KEY_UNAVAILABLE: self.tr("This key is disabled, expired or used up on {host}."),
            Known.KEY_INVALID: self.tr("{host} does not know this key (it may have been deleted)."),
            Known.KEY_MISSING: self.tr("The request carried no key."),
            Known.KEY_MODEL_NOT_ALLOWED: self.tr("This key may not use the model {value}."),
            Known.KEY_SUBNET_ONLY: self.tr(
                "This key only works from {ranges}; this request came from {address}."),
            Known.KEY_IP_NOT_ALLOWED: self.tr("This key does not allow requests from this IP address."),
            Known.MODEL_PRICE_MISSING: self.tr(
                "{host} has no price set for the model {value}. Ask the site's administrator."),
            Known.SITE_OVERLOADED: self.tr("{host} is overloaded right now. Try again in a minute."),
            Known.NO_SUCH_ROUTE: self.tr("{host} does not offer {value}."),
        }
