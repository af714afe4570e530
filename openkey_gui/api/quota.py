"""Quota units and money.

Servers count in quota units (``quota_per_unit`` per US$1, 500,000 by default). Users think in dollars;
``Decimal`` keeps $2.50 exactly 1,250,000 units both ways, which float would not.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DEFAULT_QUOTA_PER_UNIT = 500_000
# New API refuses a token quota above 1e9 dollars' worth (contract §2.7); One API has no limit, so the
# same bound is used for both to keep the server's int64 safe.
MAX_TOKEN_DOLLARS = 1_000_000_000

_CENT = Decimal("0.01")


def max_token_quota(quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT) -> int:
    return MAX_TOKEN_DOLLARS * quota_per_unit


def quota_to_money(quota: int, quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT) -> Decimal:
    """Units to dollars, exact (not rounded): display code rounds."""
    if quota_per_unit <= 0:
        quota_per_unit = DEFAULT_QUOTA_PER_UNIT
    return Decimal(quota) / Decimal(quota_per_unit)


def money_to_quota(amount: Decimal | str | int | float, quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT) -> int:
    """Dollars to whole units, rounding half up like the sites' own forms.

    Accepts "$2.50", "2.5", "1,000" as typed by a user; raises ``ValueError`` for anything else.
    """
    value = parse_money(amount) if isinstance(amount, str) else Decimal(str(amount))
    if quota_per_unit <= 0:
        quota_per_unit = DEFAULT_QUOTA_PER_UNIT
    return int((value * quota_per_unit).to_integral_value(rounding=ROUND_HALF_UP))


def parse_money(text: str) -> Decimal:
    """Read a user-typed amount; currency signs, spaces and thousands separators are ignored."""
    cleaned = text.strip().replace(",", "").replace("$", "").replace("¥", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    return value


def parse_units(text: str) -> int:
    """Read a user-typed unit count such as "1,250,000"; raises ``ValueError`` if it is not whole."""
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    if not cleaned or not cleaned.lstrip("-").isdigit():
        raise ValueError(f"not a whole number: {text!r}")
    return int(cleaned)


def format_money(
    quota: int,
    quota_per_unit: int = DEFAULT_QUOTA_PER_UNIT,
    *,
    symbol: str = "$",
    rate: Decimal | float = 1,
) -> str:
    """``1250000`` → ``$2.50``; amounts under a cent keep enough digits not to read as zero."""
    value = quota_to_money(quota, quota_per_unit) * Decimal(str(rate))
    if value != 0 and abs(value) < _CENT:
        text = f"{value:.6f}".rstrip("0")
    else:
        text = f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):,}"
    if text.startswith("-"):
        return f"-{symbol}{text[1:]}"
    return f"{symbol}{text}"


def format_units(quota: int) -> str:
    """``1250000`` → ``1,250,000``."""
    return f"{quota:,}"


class ShortUnits(enum.Enum):
    """How large numbers are shortened: by thousands (K, M, B) or, in Chinese, by ten thousands (万, 亿)."""

    WESTERN = "western"
    CHINESE = "chinese"


_SHORT_STEPS = {
    ShortUnits.WESTERN: ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")),
    ShortUnits.CHINESE: ((1_000_000_000_000, "万亿"), (100_000_000, "亿"), (10_000, "万")),
}


def short_units_named(names: str) -> ShortUnits:
    """The style a translation names: the UI's "K, M" is translated as "万, 亿" in Chinese."""
    return ShortUnits.CHINESE if "万" in names else ShortUnits.WESTERN


def format_units_short(quota: int, units: ShortUnits = ShortUnits.WESTERN) -> str:
    """``1250000`` → ``1.25M`` (or ``125万``): compact form for tight table cells, like the sites' own lists."""
    sign = "-" if quota < 0 else ""
    value = abs(quota)
    for limit, suffix in _SHORT_STEPS[units]:
        if value >= limit:
            text = f"{value / limit:.2f}".rstrip("0").rstrip(".")
            return f"{sign}{text}{suffix}"
    return f"{sign}{value}"
