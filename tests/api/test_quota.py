from decimal import Decimal

import pytest

from openkey_gui.api import quota


@pytest.mark.parametrize(
    ("money", "units"),
    [("$2.50", 1_250_000), ("2.5", 1_250_000), ("1", 500_000), ("0.0000009", 0), ("0.000001", 1),
     ("1,000", 500_000_000), (Decimal("0.01"), 5_000)],
)
def test_money_to_quota(money: object, units: int) -> None:
    assert quota.money_to_quota(money) == units  # type: ignore[arg-type]


def test_round_trip_is_exact() -> None:
    assert quota.quota_to_money(1_250_000) == Decimal("2.5")
    assert quota.money_to_quota(quota.quota_to_money(123_457)) == 123_457


def test_custom_quota_per_unit() -> None:
    assert quota.money_to_quota("2", 1000) == 2000
    assert quota.format_money(2500, 1000) == "$2.50"


@pytest.mark.parametrize(
    ("units", "text"),
    [(1_250_000, "$2.50"), (0, "$0.00"), (1, "$0.000002"), (500_000_000_000, "$1,000,000.00"), (-500_000, "-$1.00")],
)
def test_format_money(units: int, text: str) -> None:
    assert quota.format_money(units) == text


def test_format_money_other_currency() -> None:
    assert quota.format_money(500_000, symbol="¥", rate=Decimal("7.3")) == "¥7.30"


def test_format_units() -> None:
    assert quota.format_units(1_250_000) == "1,250,000"
    assert quota.format_units_short(1_250_000) == "1.25M"
    assert quota.format_units_short(999) == "999"
    assert quota.format_units_short(2_000_000_000) == "2B"
    assert quota.format_units_short(-1500) == "-1.5K"


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", "NaN", "inf"])
def test_parse_money_refuses_nonsense(bad: str) -> None:
    with pytest.raises(ValueError):
        quota.parse_money(bad)


def test_parse_units() -> None:
    assert quota.parse_units("1,250,000") == 1_250_000
    with pytest.raises(ValueError):
        quota.parse_units("1.5")


def test_max_token_quota() -> None:
    assert quota.max_token_quota() == 500_000_000_000_000


def test_short_units_in_chinese_group_by_ten_thousands() -> None:
    chinese = quota.ShortUnits.CHINESE
    assert quota.format_units_short(9_999, chinese) == "9999"
    assert quota.format_units_short(12_500, chinese) == "1.25万"
    assert quota.format_units_short(250_000, chinese) == "25万"
    assert quota.format_units_short(25_000_000, chinese) == "2500万"
    assert quota.format_units_short(123_456_789, chinese) == "1.23亿"
    assert quota.format_units_short(-1_500_000, chinese) == "-150万"
    assert quota.format_units_short(500_000_000_000_000, chinese) == "500万亿"
    assert quota.format_units_short(1_250_000, quota.ShortUnits.WESTERN) == "1.25M"


def test_the_translated_unit_names_pick_the_style() -> None:
    assert quota.short_units_named("K, M") is quota.ShortUnits.WESTERN
    assert quota.short_units_named("万, 亿") is quota.ShortUnits.CHINESE
    assert quota.short_units_named("") is quota.ShortUnits.WESTERN
