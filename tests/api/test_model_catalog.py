"""Prices per million tokens from New API's /api/pricing (the recording and the demo), names on One API."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.key_parse import parse_pricing
from openkey_gui.api.model_catalog import entries_from_prices, group_ratio_of, load_catalog, tokens_for_model
from openkey_gui.api.models import Token, TokenStatus
from openkey_gui.demo import DemoServer

RECORDED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "new-api-2026-04" / "usage"


def test_recorded_pricing_in_dollars_per_million() -> None:
    body = json.loads((RECORDED / "u80_pricing_public.json").read_text(encoding="utf-8"))["response"]["body"]
    entries = {e.name: e for e in entries_from_prices(parse_pricing(body), group_ratio_of(body, "default"))}
    assert entries["gpt-4o"].input_per_million == Decimal("2.50")
    assert entries["gpt-4o"].output_per_million == Decimal("10.00")
    assert entries["gpt-4o-mini"].input_per_million == Decimal("0.150")
    assert group_ratio_of(body, "nope") == 1 and group_ratio_of(None, "default") == 1


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_catalog_from_the_demo(flavor: str) -> None:
    with DemoServer(flavor=flavor, tokens=12, seed=3, critical_rate_limit=None) as server:
        client = OpenKeyClient(server.url, timeout=5)
        client.login(server.username, server.password)
        catalog = load_catalog(client, "vip", timeout=5)
        names = sorted(e.name for e in catalog.entries)
        assert names == sorted(server._runtime.api.config.models)
        assert catalog.has_prices is (flavor == "new-api")
        if flavor == "new-api":  # the vip group's ratio 1.5 multiplies both prices
            mini = next(e for e in catalog.entries if e.name == "gpt-4o-mini")
            assert mini.input_per_million == Decimal("0.075") * 2 * Decimal("1.5")
        client.close()


def test_tokens_for_model() -> None:
    def token(i: int, models: tuple[str, ...]) -> Token:
        return Token(i, f"t{i}", "sk-" + "x" * 48, False, TokenStatus.ENABLED, None, None, None, 0, 0, True,
                     models=models)

    tokens = [token(1, ()), token(2, ("gpt-4o",)), token(3, ("deepseek-chat",))]
    assert [t.id for t in tokens_for_model("gpt-4o", tokens)] == [1, 2]
