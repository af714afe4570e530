"""Screenshot of the open tray menu under Xvfb with a tray host (writes screenshots/tray_menu.png).

Run: ``python3 scripts/screenshot_tray.py`` (needs Xvfb, trayer and ImageMagick's ``import``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.xvfb import xvfb_display  # noqa: E402

OUT = ROOT / "screenshots"


def child(display: str) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from openkey_gui.credentials import CredentialStore
    from openkey_gui.demo import DemoServer
    from openkey_gui.session import SignInRequest
    from openkey_gui.ui.main_window import MainWindow
    from openkey_gui.ui.settings import AppSettings
    from tests.support import MemoryKeyring

    app = QApplication([])
    settings = AppSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"))
    with DemoServer(flavor="one-api", tokens=100, seed=7) as server:
        window = MainWindow(settings, CredentialStore(MemoryKeyring()))
        window.enable_tray()
        window.accounts.sign_in_with(SignInRequest(server.url, username=server.username, password=server.password),
                            demo=True)
        end = time.monotonic() + 15
        while time.monotonic() < end and not (window.tray.active and window.tray.token_actions()):
            app.processEvents()
            time.sleep(0.02)
        first = window.tray.usable_tokens()[:2]
        for token in first:  # a pinned and a recently copied entry, as a user would have
            window.settings.set_pinned(window.controller.session.keyring_key, token.id, True)
        window.tray.rebuild_menu()
        icon = window.tray.icon.geometry()
        window.tray.menu.popup(icon.bottomLeft())
        for _ in range(60):
            app.processEvents()
            time.sleep(0.02)
        all_tokens = next(a for a in window.tray.menu.actions() if a.menu() is not None)
        window.tray.menu.setActiveAction(all_tokens)
        submenu = all_tokens.menu()
        submenu.popup(window.tray.menu.geometry().topLeft() - QPoint(submenu.sizeHint().width(), 0))
        for _ in range(60):
            app.processEvents()
            time.sleep(0.02)
        subprocess.run(["import", "-display", display, "-window", "root", str(OUT / "tray_menu.png")], check=True)
        print("wrote", OUT / "tray_menu.png")
        window.quit_app()


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    OUT.mkdir(exist_ok=True)
    with xvfb_display(with_tray=True) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        subprocess.run([sys.executable, __file__, "--child", display], env=env, check=True, timeout=120)


if __name__ == "__main__":
    main()
