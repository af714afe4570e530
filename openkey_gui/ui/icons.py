"""Toolbar and menu icons: Material Design Icons (the ``mdi6`` font that qtawesome ships), one set for
every platform, drawn in the palette's text colour and drawn again when the scheme turns light or dark.

An icon font rather than the desktop's icon theme: Linux desktops without a full theme (and every
Windows before 11) have no icon for most of our commands, and a half-filled toolbar looks broken.
Only the one font is loaded (not qtawesome's dozen), so the frozen app keeps only that file
(build.spec).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QWidget

from openkey_gui.ui.actions import WindowActions

os.environ.setdefault("QT_API", "pyside6")  # qtawesome speaks Qt through QtPy: no probing for PyQt

FONT_PREFIX = "mdi6"
FONT_FILE_GLOB = "materialdesignicons6-webfont-*.ttf"

# Action attribute (``action_<name>``) -> icon name in the mdi6 font (https://pictogrammers.com/library/mdi/).
ACTION_ICONS: dict[str, str] = {
    "add": "plus", "edit": "pencil-outline", "enable": "play-circle-outline", "disable": "pause-circle-outline",
    "delete": "trash-can-outline", "copy": "content-copy", "reveal": "eye-outline", "copy_base": "link-variant",
    "copy_env": "file-code-outline", "copy_curl": "console", "copy_python": "language-python",
    "refresh": "refresh", "find": "magnify", "sign_out": "logout", "add_account": "account-plus-outline",
    "quit": "power", "about": "information-outline", "preferences": "cog-outline", "pin": "pin-outline",
    "toggle_window": "dock-window", "clear_clipboard": "clipboard-remove-outline",
    "test_key": "stethoscope", "rotate": "key-change", "export_keys": "file-export", "models": "currency-usd",
    "devices": "monitor-cellphone", "usage": "chart-bar", "refresh_all": "refresh-circle",
    "rename_account": "rename-box",
    "remove_account": "account-remove-outline", "move_account_up": "arrow-up-bold-outline",
    "move_account_down": "arrow-down-bold-outline",
    **{f"pick_account_{n}": f"numeric-{n}-box-outline" for n in range(1, 10)},
}
COPY_AS_ICON = "code-braces"


@cache
def _font() -> object:
    """The one qtawesome font the app uses, loaded on first use (it needs a QApplication)."""
    import qtawesome

    directory = Path(qtawesome.get_fonts_info()[0])
    ttf = sorted(directory.glob(FONT_FILE_GLOB))[-1]
    charmap = ttf.name.replace("-webfont-", "-webfont-charmap-").replace(".ttf", ".json")
    return qtawesome.IconicFont((FONT_PREFIX, ttf.name, charmap, str(directory)))


def themed_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """``name`` from the icon font, in ``palette``'s button-text colours (the application's by default)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if disabled == normal:  # some palettes leave the disabled group alone: fade it ourselves
        disabled = QColor(normal)
        disabled.setAlphaF(0.4)
    return _font().icon(f"{FONT_PREFIX}.{name}", color=normal, color_active=normal, color_selected=normal,
                        color_disabled=disabled)


class ActionIcons(QObject):
    """Gives the window's actions their icons, and new ones whenever the application palette changes."""

    def __init__(self, window: QWidget, actions: WindowActions) -> None:
        super().__init__(window)
        self._actions = actions
        self.apply()
        window.installEventFilter(self)

    def apply(self) -> None:
        for action in self._actions.all():
            name = ACTION_ICONS.get(action.objectName().removeprefix("action_"))
            if name:
                action.setIcon(themed_icon(name))
        self._actions.copy_as_menu.setIcon(themed_icon(COPY_AS_ICON))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.apply()
        return False
