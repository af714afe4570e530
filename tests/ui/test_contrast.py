"""Every coloured text is readable (WCAG contrast >= 4.5:1) in the light and the dark scheme.

The scheme is forced the way Preferences forces it (``apply_appearance``); the colours are read where the
user sees them: the table model's ForegroundRole, the banner's background behind its text, the message
labels' tones.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from openkey_gui.api.models import TokenStatus
from openkey_gui.ui.appearance import Appearance, apply_appearance
from openkey_gui.ui.banner import Banner, BannerKind
from openkey_gui.ui.colors import is_dark
from openkey_gui.ui.message_labels import Tone, Toner
from openkey_gui.ui.token_cells import Column
from openkey_gui.ui.token_model import TokenTableModel
from tests.ui.test_token_model import NOW, FakeClock, make_token

AA_TEXT = 4.5
BACKGROUNDS = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window)


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def over(top: QColor, below: QColor) -> QColor:
    """``top`` as drawn on ``below``: a half-transparent text colour is only as dark as the blend."""
    alpha = top.alphaF()
    pairs = zip(top.getRgbF()[:3], below.getRgbF()[:3], strict=True)
    return QColor.fromRgbF(*(alpha * t + (1 - alpha) * b for t, b in pairs))


def contrast(text: QColor, background: QColor) -> float:
    a, b = over(text, background), background
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.fixture(params=[Appearance.LIGHT, Appearance.DARK])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Appearance]:
    apply_appearance(request.param)
    yield request.param
    apply_appearance(Appearance.SYSTEM)


def test_the_forced_scheme_shows(scheme: Appearance) -> None:
    assert is_dark() == (scheme is Appearance.DARK)


def _table_colours(qtbot: Any) -> dict[str, QColor]:
    model = TokenTableModel(clock=FakeClock())
    statuses = {TokenStatus.ENABLED: {}, TokenStatus.DISABLED: {"status": TokenStatus.DISABLED},
                TokenStatus.EXPIRED: {"expires_at": NOW - timedelta(days=1)},
                TokenStatus.EXHAUSTED: {"remain_quota": 0}}
    tokens = [make_token(i + 1, **changes) for i, changes in enumerate(statuses.values())]
    tokens.append(make_token(10, expires_at=NOW + timedelta(days=1)))  # expires soon
    model.set_tokens(tokens)
    found: dict[str, QColor] = {}
    for row in range(model.rowCount()):
        for column in (Column.STATUS, Column.EXPIRES):
            colour = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
            if colour is not None:
                found[f"{model.index(row, column).data()} ({column.name})"] = colour
    assert len(found) >= 5, found  # enabled, disabled, expired, exhausted, soon (and past)
    return found


def test_table_status_and_expiry_colours(qtbot: Any, scheme: Appearance) -> None:
    palette = QGuiApplication.palette()
    for what, colour in _table_colours(qtbot).items():
        for role in BACKGROUNDS:
            ratio = contrast(colour, palette.color(role))
            assert ratio >= AA_TEXT, f"{what} {colour.name()} on {role.name} {palette.color(role).name()}: {ratio:.2f}"


def test_banner_text_on_each_tint(qtbot: Any, scheme: Appearance) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    for kind in BannerKind:
        banner.show_message("text", kind=kind)
        palette = banner.palette()
        ratio = contrast(banner.label.palette().color(QPalette.ColorRole.WindowText),
                         palette.color(QPalette.ColorRole.Window))
        assert ratio >= AA_TEXT, f"{kind}: {ratio:.2f}"


def test_message_label_tones(qtbot: Any, scheme: Appearance) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    toner = Toner(owner)
    window = owner.palette().color(QPalette.ColorRole.Window)
    for tone in Tone:
        label = toner.message_label(owner, f"label_{tone.value}", tone)
        colour = label.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(colour, window) >= AA_TEXT, f"{tone}: {colour.name()} on {window.name()}"


def _most_distinct(widget: QWidget, background: QColor) -> float:
    image = widget.grab().toImage()
    return max(contrast(image.pixelColor(x, y), background)
               for x in range(0, image.width()) for y in range(0, image.height()))


def test_check_boxes_show_in_the_dark(qtbot: Any, qapp: QApplication) -> None:
    """An empty check box is only its outline: at least 3:1 (WCAG's level for controls) on its background.

    Dark only: that palette (and the style tweak) is the app's own; the light look is the platform's.
    """
    apply_appearance(Appearance.DARK)
    try:
        _check_boxes_show(qtbot)
    finally:
        apply_appearance(Appearance.SYSTEM)


def _check_boxes_show(qtbot: Any) -> None:
    from PySide6.QtWidgets import QCheckBox, QListWidget, QListWidgetItem

    box = QCheckBox()
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    assert _most_distinct(box, box.palette().color(QPalette.ColorRole.Window)) >= 3.0
    models = QListWidget()
    qtbot.addWidget(models)
    item = QListWidgetItem("")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    models.addItem(item)
    models.resize(60, 30)
    assert _most_distinct(models.viewport(), models.palette().color(QPalette.ColorRole.Base)) >= 3.0
