"""Light or dark: follow the system (Windows 10/11, macOS, GNOME / KDE), or a scheme the user forced.

Qt 6.8+ asks the platform for a scheme with ``QStyleHints.setColorScheme``; the platform answers with
its own palette (Windows 11 style, macOS Aqua dark, the desktop portal's or KDE's colour scheme on
Linux). Where it cannot (an older Windows style, a Linux session without a platform theme, offscreen),
the app switches to the Fusion style with a palette of its own, so a forced choice always shows.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

from openkey_gui.ui.colors import is_dark

log = logging.getLogger(__name__)


class Appearance(str, enum.Enum):
    """The choice in Preferences."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


_SCHEMES = {Appearance.SYSTEM: Qt.ColorScheme.Unknown, Appearance.LIGHT: Qt.ColorScheme.Light,
            Appearance.DARK: Qt.ColorScheme.Dark}

_DARK_ROLES = {
    "Window": "#1e1f22", "WindowText": "#e6e6e6", "Base": "#27292d", "AlternateBase": "#2e3034",
    "ToolTipBase": "#2b2d30", "ToolTipText": "#e6e6e6", "PlaceholderText": "#9a9a9a", "Text": "#e6e6e6",
    "Button": "#2b2d30", "ButtonText": "#e6e6e6", "BrightText": "#ffffff", "Light": "#3c3f44",
    "Midlight": "#33363a", "Mid": "#26282b", "Dark": "#141517", "Shadow": "#000000", "Highlight": "#3574f0",
    "HighlightedText": "#ffffff", "Link": "#6ea8ff", "LinkVisited": "#b38cff",
}
_DARK_DISABLED = {"WindowText": "#7d8084", "Text": "#7d8084", "ButtonText": "#7d8084", "Highlight": "#3a3d42",
                  "HighlightedText": "#a0a4a9"}


def dark_palette() -> QPalette:
    """The app's own dark palette, for platforms that cannot give one."""
    palette = QPalette()
    for role, color in _DARK_ROLES.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    for role, color in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor(color))
    return palette


class _DarkFusion(QProxyStyle):
    """Fusion with check boxes and radio buttons that show on a dark base.

    Fusion outlines them in the window colour made darker, which is invisible on a dark list or form;
    they are drawn as if on a mid-grey window instead (the outline then is a visible grey).
    """

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton,
                   QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element in self._INDICATORS:
            option = type(option)(option)
            palette = QPalette(option.palette)
            palette.setColor(QPalette.ColorRole.Window, QColor(_INDICATOR_WINDOW))
            option.palette = palette
        super().drawPrimitive(element, option, painter, widget)


_INDICATOR_WINDOW = "#a0a4a9"


def _light_palette() -> QPalette:
    palette = QStyleFactory.create("Fusion").standardPalette()
    # Fusion's placeholder is half-transparent black (about 4:1 on its window grey): make it solid.
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f6368"))
    return palette


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() is Qt.ColorScheme.Dark


class AppearanceKeeper(QObject):
    """Applies the choice to the application, and again when the system's scheme changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._native_style = app.style().name()
        self._choice = Appearance.SYSTEM
        self._own_palette = False
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply(self._choice))

    @property
    def choice(self) -> Appearance:
        return self._choice

    def apply(self, choice: Appearance | str) -> None:
        choice = _appearance(choice)
        self._choice = choice
        hints = self._app.styleHints()
        if hints.colorScheme() is not _SCHEMES[choice] and choice is not Appearance.SYSTEM:
            hints.setColorScheme(_SCHEMES[choice])
        elif choice is Appearance.SYSTEM:
            hints.unsetColorScheme()
        want_dark = choice is Appearance.DARK or (choice is Appearance.SYSTEM and system_is_dark(self._app))
        if self._own_palette:  # back to what the platform gives, then see whether that will do
            self._app.setPalette(QPalette())
            self._own_palette = False
            if isinstance(self._app.style(), _DarkFusion) or self._app.style().name() != self._native_style:
                self._app.setStyle(self._native_style)
        if is_dark(self._app.palette()) == want_dark:
            return
        log.info("appearance: the platform gave no %s palette; using the app's own", "dark" if want_dark else "light")
        if want_dark:
            self._app.setStyle(_DarkFusion(QStyleFactory.create("Fusion")))
        elif self._app.style().name().lower() != "fusion":
            self._app.setStyle("Fusion")
        self._app.setPalette(dark_palette() if want_dark else _light_palette())
        self._own_palette = True


def _appearance(value: Appearance | str) -> Appearance:
    try:
        return Appearance(value)
    except ValueError:
        return Appearance.SYSTEM


_keeper: AppearanceKeeper | None = None


def apply_appearance(choice: Appearance | str) -> AppearanceKeeper | None:
    """Apply ``choice`` to the running application (one keeper per application)."""
    global _keeper
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if _keeper is None or _keeper.parent() is not app:
        _keeper = AppearanceKeeper(app)
    _keeper.apply(choice)
    return _keeper
