"""Checks made before a token is sent, so the user hears about a bad value at once and in plain words.

The limits mirror the servers' (contract §2.7): a name that the server would refuse costs a round trip
and, on New API, returns an English message on a Chinese site; here it never leaves the machine.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timezone

from openkey_gui.api.errors import ErrorKind, ValidationError
from openkey_gui.api.models import Flavor, TokenDraft
from openkey_gui.api.quota import DEFAULT_QUOTA_PER_UNIT, max_token_quota

NAME_LIMIT_BYTES = {Flavor.ONE_API: 30, Flavor.NEW_API: 50}


def name_limit(flavor: Flavor) -> int:
    return NAME_LIMIT_BYTES[flavor]


def name_bytes(name: str) -> int:
    """Servers count UTF-8 bytes, so one Chinese character uses 3 of the limit."""
    return len(name.encode("utf-8"))


def check_name(name: str, flavor: Flavor) -> None:
    limit = name_limit(flavor)
    used = name_bytes(name)
    if not name.strip():
        raise ValidationError("Give the token a name.", field="name", kind=ErrorKind.NAME_MISSING)
    if used > limit:
        raise ValidationError(
            f"The name is {used} bytes long; this site allows at most {limit} bytes "
            f"(a Chinese character counts as 3). Shorten it.",
            field="name", kind=ErrorKind.NAME_TOO_LONG, params={"used": used, "limit": limit},
        )


def check_quota(remain_quota: int, unlimited: bool, quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT) -> None:
    if unlimited:
        return
    if remain_quota < 0:
        raise ValidationError("The quota cannot be negative.", field="remain_quota", kind=ErrorKind.QUOTA_NEGATIVE)
    highest = max_token_quota(quota_per_unit)
    if remain_quota > highest:
        raise ValidationError(
            f"The quota is too large: at most {highest:,} units.", field="remain_quota",
            kind=ErrorKind.QUOTA_TOO_LARGE, params={"highest": highest},
        )


def check_expiry(expires_at: datetime | None, now: datetime | None = None) -> None:
    if expires_at is None:
        return
    if expires_at.tzinfo is None:
        raise ValidationError("The expiry time needs a time zone.", field="expires_at",
                              kind=ErrorKind.EXPIRY_WITHOUT_ZONE)
    now = now or datetime.now(timezone.utc)
    if expires_at <= now:
        raise ValidationError("The expiry time is in the past; pick a later time or Never.", field="expires_at",
                              kind=ErrorKind.EXPIRY_IN_PAST)


def check_allow_ips(entries: tuple[str, ...]) -> None:
    for entry in entries:
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            raise ValidationError(
                f"“{entry}” is not an IP address or CIDR range (for example 203.0.113.0/24).",
                field="allow_ips", kind=ErrorKind.IP_INVALID, params={"entry": entry},
            ) from None


def check_draft(
    draft: TokenDraft,
    flavor: Flavor,
    quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT,
    *,
    now: datetime | None = None,
    require_future_expiry: bool = True,
) -> None:
    """Raise ``ValidationError`` for the first field the server would refuse or that makes no sense.

    ``require_future_expiry`` is off when editing a token that has already expired and is only being
    renamed: refusing that edit would trap the user.
    """
    check_name(draft.name, flavor)
    check_quota(draft.remain_quota, draft.unlimited, quota_per_unit)
    if require_future_expiry:
        check_expiry(draft.expires_at, now)
    check_allow_ips(draft.allow_ips)
