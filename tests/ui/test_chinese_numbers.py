"""Chinese shows 万 / 亿 where English shows K / M, and joins lists with "、"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from openkey_gui.ui.i18n import install_translators, join_list
from openkey_gui.ui.token_cells import Column
from openkey_gui.ui.token_model import TokenTableModel
from tests.ui.test_token_model import UNIT, FakeClock, make_token


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def _remaining(model: TokenTableModel) -> str:
    return model.index(0, Column.REMAINING).data()


def test_english_cells_use_k_and_m(qtbot: object) -> None:
    model = TokenTableModel(clock=FakeClock())
    model.set_tokens([make_token(1, remain_quota=25 * UNIT)])  # $25 = 12,500,000 units
    assert _remaining(model).endswith("· 12.5M")
    assert join_list(["a", "b", "c"]) == "a, b, c"


def test_chinese_cells_use_wan_and_yi(qtbot: object, chinese: None) -> None:
    model = TokenTableModel(clock=FakeClock())
    model.set_tokens([make_token(1, remain_quota=25 * UNIT)])
    assert _remaining(model).endswith("· 1250万")
    assert join_list(["“甲”", "“乙”", "“丙”"]) == "“甲”、“乙”、“丙”"


def test_a_language_change_rebuilds_the_units(qtbot: object, qapp: QApplication) -> None:
    model = TokenTableModel(clock=FakeClock())
    model.set_tokens([make_token(1, remain_quota=25 * UNIT)])
    assert "M" in _remaining(model)
    translators = install_translators(qapp, "zh_CN")
    try:
        model.retranslate()
        assert "万" in _remaining(model)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
