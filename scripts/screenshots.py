"""Screenshots of the main window (100 demo tokens), the sign-in and add dialogs, the key test (working and
refused), the Copy-as menu and the model list, EN and ZH.

Run: ``python3 scripts/screenshots.py`` (needs Xvfb and ImageMagick's ``import``; .ci/run installs
them). Each language runs in its own process on its own Xvfb display, and the PNGs are taken from the
X server with ``import -window root`` so they show what a user would see, fonts and all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"


def capture(display: str, name: str) -> None:
    subprocess.run(["import", "-display", display, "-window", "root", str(OUT / f"{name}.png")], check=True)
    print("wrote", OUT / f"{name}.png")


def run_scenes(lang: str, display: str) -> None:
    """Inside the child process: drive the real window and photograph each scene."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from openkey_gui.credentials import CredentialStore
    from openkey_gui.demo import DemoServer
    from openkey_gui.session import SignInRequest
    from openkey_gui.ui.i18n import install_translators
    from openkey_gui.ui.main_window import MainWindow
    from openkey_gui.ui.settings import AppSettings
    from tests.support import MemoryKeyring

    app = QApplication([])
    translators = install_translators(app, lang)
    # a throwaway INI: QSettings writes by renaming a temp file, which would replace /dev/null itself
    settings = AppSettings(str(OUT / f".settings-{lang}.ini"))
    with DemoServer(flavor="one-api", tokens=100, seed=7) as server:
        window = MainWindow(settings, CredentialStore(MemoryKeyring()))
        window.resize(1220, 720)
        window.move(20, 20)
        window.show()
        window.accounts.sign_in_with(SignInRequest(server.url, username=server.username, password=server.password),
                            demo=True)

        def settle(seconds: float, until: object = None) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                if callable(until) and until():
                    break
                time.sleep(0.02)
            for _ in range(20):
                app.processEvents()
                time.sleep(0.01)

        settle(10, lambda: window.model.rowCount() == 100)
        window.view.select(window.model.token_at(2).id)
        settle(0.5)
        capture(display, f"main_window_{lang}")

        dialog = window.accounts.show_sign_in(None)
        dialog.move(300, 150)
        settle(0.8)
        capture(display, f"sign_in_{lang}")
        dialog.reject()

        window.acts.add.trigger()
        settle(1.5)
        token_dialog = window.dialogs.token
        token_dialog.move(360, 60)
        token_dialog._name_edit.setText("翻译助手" if lang == "zh_CN" else "laptop")
        token_dialog._advanced_button.click()
        settle(0.8)
        capture(display, f"add_token_{lang}")
        token_dialog.reject()

        ok = next(t for t in window.model.tokens() if t.effective_status.name == "ENABLED" and not t.models
                  and not t.allow_ips)
        window.view.select(ok.id)
        window.acts.test_key.trigger()
        settle(4, lambda: "…" not in window.key_tester.dialog.balance.text())
        window.key_tester.dialog.move(340, 80)
        settle(0.5)
        capture(display, f"key_test_{lang}")
        window.key_tester.dialog.close()

        expired = next(t for t in window.model.tokens() if t.effective_status.name == "EXPIRED" and not t.allow_ips)
        window.view.select(expired.id)
        window.acts.test_key.trigger()
        settle(4, lambda: "…" not in window.key_tester.dialog.result.text())
        window.key_tester.dialog.move(340, 80)
        settle(0.5)
        capture(display, f"key_test_refused_{lang}")
        window.key_tester.dialog.close()

        window.view.select(ok.id)
        menu = window.acts.copy_as_menu
        menu.popup(window.mapToGlobal(window.rect().topLeft()) + window.rect().center() / 3)
        settle(0.8)
        capture(display, f"copy_as_{lang}")
        menu.hide()

        window.acts.models.trigger()
        settle(4, lambda: window.catalog.dialog.table.rowCount() > 0)
        window.catalog.dialog.move(200, 80)
        settle(0.5)
        capture(display, f"models_{lang}")
        window.catalog.dialog.close()
        window.close()
    del translators


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        run_scenes(sys.argv[2], sys.argv[3])
        return
    for tool in ("Xvfb", "import"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install xvfb imagemagick")
    OUT.mkdir(exist_ok=True)
    for number, lang in enumerate(("en", "zh_CN")):
        display = f":{170 + number}"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
            subprocess.run([sys.executable, __file__, "--child", lang, display], env=env, check=True,
                           timeout=120)
        finally:
            xvfb.terminate()
            xvfb.wait(10)


if __name__ == "__main__":
    main()
