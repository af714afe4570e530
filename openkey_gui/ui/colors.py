"""The few colours the app draws text in (token status, expiry, error messages), one set per scheme.

Mid-tones readable on both white and near-black do not exist at 4.5:1 (the WCAG AA level for text), so
each hue has a light-scheme and a dark-scheme shade, picked by the palette the text is drawn on.
tests/ui/test_contrast.py checks every shade against the base and window colours of both schemes.
"""

from __future__ import annotations

import enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Hue(enum.Enum):
    """What a coloured text means; the shade depends on the scheme."""

    GOOD = "good"  # an enabled token
    MUTED = "muted"  # a disabled token, a hint
    BAD = "bad"  # expired, errors
    WARNING = "warning"  # quota exhausted
    SOON = "soon"  # expires within days


_LIGHT = {Hue.GOOD: "#176f2c", Hue.MUTED: "#5f6368", Hue.BAD: "#c0262d", Hue.WARNING: "#a64b00",
          Hue.SOON: "#8a5a00"}
_DARK = {Hue.GOOD: "#56d364", Hue.MUTED: "#a0a4a9", Hue.BAD: "#ff7b72", Hue.WARNING: "#ffa657",
         Hue.SOON: "#e3b341"}
_COLORS = {False: {h: QColor(c) for h, c in _LIGHT.items()}, True: {h: QColor(c) for h, c in _DARK.items()}}


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark scheme is one whose window colour is dark (the table's base follows it in every scheme we
    know of); the app's palette by default."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def hue_color(hue: Hue, palette: QPalette | None = None) -> QColor:
    """The shade of ``hue`` for ``palette`` (the application's when None)."""
    return _COLORS[is_dark(palette)][hue]


def shades(dark: bool) -> dict[Hue, QColor]:
    """Every hue's shade for one scheme (for tests and screenshots)."""
    return dict(_COLORS[dark])
