"""dmgbuild settings: the classic drag-to-install window — the app on the left, an Applications link on the right.

Run from the repository root (on macOS, after ``pyinstaller build.spec``)::

    dmgbuild -s packaging/macos/dmgbuild_settings.py -D app="dist/OpenKey Desktop.app" \\
        "OpenKey Desktop" dist/OpenKeyDesktop-0.1.0-macos-arm64.dmg

dmgbuild executes this file with a ``defines`` dictionary (the ``-D name=value`` options) in its globals
and reads the module-level names below as its settings. Why a settings file rather than flags: icon
positions, the window size and the Applications symlink are the part users see, and they belong in
version control next to the Windows installer script.
"""

from __future__ import annotations

import os.path

defines: dict[str, str] = globals().get("defines", {})

# -- contents -------------------------------------------------------------------------------------------

application = defines.get("app", "dist/OpenKey Desktop.app")
appname = os.path.basename(application)

# UDZO (zlib) opens on every supported macOS; UDBZ/ULFO are smaller but slower to verify on first open.
format = defines.get("format", "UDZO")  # the name dmgbuild reads (it shadows the builtin here only)
size = None  # let dmgbuild compute the image size from the contents
files = [application]
symlinks = {"Applications": "/Applications"}
# The volume icon: the app's own icon, so the mounted disk looks like the app.
icon = defines.get("icon", "resources/icons/openkey.icns")

# -- the Finder window ----------------------------------------------------------------------------------

background = "builtin-arrow"  # dmgbuild's 640x240 white background with an arrow in the middle
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 120), (640, 280))  # 240 px of background plus the title bar
default_view = "icon-view"
show_icon_preview = False
arrange_by = None
icon_size = 128
text_size = 13
# Icon centres on either side of builtin-arrow's arrow (x 265-390, y ≈ 115), labels below them.
icon_locations = {
    appname: (140, 110),
    "Applications": (500, 110),
}
