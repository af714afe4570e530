"""The models a user may call and what they cost, where the site publishes it.

New API publishes ``GET /api/pricing`` (public, no sign-in needed): per model a ratio, a completion
ratio or a fixed price per call, and the groups that may use it, plus each group's ratio. New API's
unit is fixed: a model ratio of 1 is $0.002 per thousand prompt tokens, so $2 per million; the answer
costs the completion ratio times that; the user's group multiplies both. One API publishes no prices:
its users get the model names of their group (``/api/user/available_models``) and no price column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from openkey_gui.api.client import OpenKeyClient
from openkey_gui.api.errors import ApiError
from openkey_gui.api.key_parse import ModelPrice, parse_pricing
from openkey_gui.api.models import Flavor, Token
from openkey_gui.api.parse import as_str
from openkey_gui.api.transport import DEFAULT_USER_AGENT, Transport

USD_PER_MILLION_AT_RATIO_1 = Decimal(2)


@dataclass(frozen=True)
class CatalogEntry:
    """One model; prices are US dollars per million tokens (or per call), ``None`` where unpublished."""

    name: str
    input_per_million: Decimal | None = None
    output_per_million: Decimal | None = None
    per_call: Decimal | None = None
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]
    # False on One API: there are names only.
    has_prices: bool
    group: str = ""


def entries_from_prices(prices: Iterable[ModelPrice], group_ratio: Decimal = Decimal(1)) -> list[CatalogEntry]:
    entries = []
    for price in prices:
        if price.fixed_price is not None:
            entries.append(CatalogEntry(price.name, per_call=_dec(price.fixed_price) * group_ratio,
                                        groups=price.groups))
            continue
        prompt = _dec(price.model_ratio) * USD_PER_MILLION_AT_RATIO_1 * group_ratio
        entries.append(CatalogEntry(price.name, input_per_million=prompt,
                                    output_per_million=prompt * _dec(price.completion_ratio), groups=price.groups))
    return sorted(entries, key=lambda e: e.name.casefold())


def group_ratio_of(body: object, group: str) -> Decimal:
    """The user's group ratio from the pricing answer (1 when the group or the map is missing)."""
    ratios = body.get("group_ratio") if isinstance(body, dict) else None
    value = ratios.get(group or "default") if isinstance(ratios, dict) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 1e6:
        return _dec(value)
    return Decimal(1)


def load_catalog(client: OpenKeyClient, group: str = "", *, timeout: float = 15.0,
                 user_agent: str = DEFAULT_USER_AGENT, on_secret: Callable[[str], None] | None = None) -> Catalog:
    """New API's price list, or the user's model names where the site has no price list (One API)."""
    if client.flavor is Flavor.NEW_API:
        public = Transport(client.base_url, timeout, user_agent=user_agent, on_secret=on_secret)
        try:
            body = public.call("GET", "/api/pricing", raw_404=True)
        except ApiError as exc:
            if exc.status_code != 404:
                raise
        else:
            prices = parse_pricing(body)
            ratio = group_ratio_of(body, group)
            return Catalog(tuple(entries_from_prices(prices, ratio)), has_prices=True, group=group)
        finally:
            public.close()
    names = client.available_models()
    return Catalog(tuple(CatalogEntry(as_str(name)) for name in names), has_prices=False, group=group)


def tokens_for_model(model: str, tokens: Iterable[Token]) -> list[Token]:
    """The tokens whose allow-list lets them call ``model`` (an empty list allows every model)."""
    return [t for t in tokens if not t.models or model in t.models]


def _dec(value: float) -> Decimal:
    return Decimal(str(value))
