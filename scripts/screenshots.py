"""Screenshots of every screen a user meets, in English and Chinese, light and dark, at 100 % and 150 %.

Run: ``python3 scripts/screenshots.py`` (needs Xvfb, trayer and ImageMagick's ``import``; .ci/run installs
them). Options narrow the set: ``--lang zh_CN --scheme dark --scale 150 --scene sign_in``.
Writes ``screenshots/<lang>-<scheme>-<scale>/<scene>.png`` (the folder is git-ignored) and, per variant,
``screenshots/<lang>-<scheme>-<scale>.png``, a contact sheet of all its scenes for a quick look.

Each variant runs in its own process on its own Xvfb (1366x800, the small laptop screen of issue 17;
150 % is ``QT_SCALE_FACTOR=1.5``, i.e. 911x533 logical pixels) with a tray host, against an in-process
demo server; nothing leaves the machine. The PNGs come from the X server (``import -window root``), so
they show what a user would see: fonts, popups and the tray menu included.

Scenes: the main window (with a selection, and with a search that matches nothing); the sign-in dialog
(empty, a bad address, a wrong password, an unreachable site); the token dialog (filled in, a name too
long, a bad IP list, the server refusing); Preferences; the tray menu with its "All tokens" submenu; the
key test (a working key, a refused one), the Copy-as menu, the model list; a New API v1.0 site in the
sign-in dialog (how long it keeps a sign-in) and its signed-in devices; the accounts sidebar with
three sites (two signed in, one down); the quick-access palette (Ctrl+K) with a search typed; a New API
site's daily check-in and the quota it brought; the usage view (the account, then one token).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openkey_gui.demo import DemoServer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "screenshots"
SCREEN = "1366x800x24"
LANGS = ("en", "zh_CN")
SCHEMES = ("light", "dark")
SCALES = ("100", "150")
SCENES = ("main", "main_no_matches", "sign_in", "sign_in_bad_address", "sign_in_wrong_password",
          "sign_in_unreachable", "token", "token_name_too_long", "token_bad_ip", "token_server_error",
          "preferences", "tray_menu", "key_test", "key_test_refused", "copy_as", "models", "quick_access",
          "sign_in_v1", "devices", "check_in", "usage", "usage_loading", "usage_token", "accounts")


class Scenes:
    """Inside the child process: one window against one demo server, photographed scene by scene."""

    def __init__(self, lang: str, scheme: str, folder: Path, display: str) -> None:
        from PySide6.QtWidgets import QApplication

        from openkey_gui.credentials import CredentialStore
        from openkey_gui.demo import DemoServer
        from openkey_gui.session import SignInRequest
        from openkey_gui.ui.appearance import apply_appearance
        from openkey_gui.ui.i18n import install_translators
        from openkey_gui.ui.main_window import MainWindow
        from openkey_gui.ui.settings import AppSettings
        from tests.support import MemoryKeyring

        self.app = QApplication([])
        self.translators = install_translators(self.app, lang)
        self.folder, self.display, self.lang = folder, display, lang
        self.v1: DemoServer | None = None  # a New API v1.0 site, for its scenes only
        settings = AppSettings(str(Path(tempfile.mkdtemp(prefix="openkey-shots-")) / "settings.ini"))
        settings.set_appearance(scheme)
        settings.set_close_to_tray(True)
        apply_appearance(settings.appearance())
        self.server = DemoServer(flavor="one-api", tokens=100, seed=7).start()
        self.window = MainWindow(settings, CredentialStore(MemoryKeyring()))
        self.window.show()
        self.window.enable_tray()
        self.window.accounts.sign_in_with(
            SignInRequest(self.server.url, username=self.server.username, password=self.server.password), demo=True)
        self.settle(15, lambda: self.window.model.rowCount() == 100)

    # -- helpers ----------------------------------------------------------------------------------

    def settle(self, seconds: float, until: Callable[[], object] | None = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            if until is not None and until():
                break
            time.sleep(0.02)
        for _ in range(25):
            self.app.processEvents()
            time.sleep(0.01)

    def capture(self, scene: str) -> None:
        path = self.folder / f"{scene}.png"
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)], check=True)
        print("wrote", path.relative_to(ROOT))

    def _child(self, parent: object, kind: type, name: str) -> object:
        found = parent.findChild(kind, name)  # type: ignore[attr-defined]
        if found is None:
            raise SystemExit(f"no {kind.__name__} named {name!r}: the screen changed, update the script")
        return found

    def _ok(self, dialog: object) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        box = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
        box.button(QDialogButtonBox.StandardButton.Ok).click()

    # -- scenes -----------------------------------------------------------------------------------

    def main(self) -> None:
        self.window.view.select(self.window.model.token_at(2).id)
        self.settle(0.5)
        self.capture("main")

    def main_no_matches(self) -> None:
        self.window.search.setText("找不到的令牌" if self.lang == "zh_CN" else "no-such-token")
        self.settle(1.0)
        self.capture("main_no_matches")
        self.window.search.clear()
        self.settle(0.5)

    def _sign_in_dialog(self) -> object:
        dialog = self.window.accounts.show_sign_in(None)
        self.settle(0.8)
        return dialog

    def _sign_in_attempt(self, scene: str, site: str, password: str) -> None:
        from PySide6.QtWidgets import QLineEdit

        dialog = self._sign_in_dialog()
        self._child(dialog, QLineEdit, "siteEdit").setText(site)  # type: ignore[attr-defined]
        self._child(dialog, QLineEdit, "usernameEdit").setText(self.server.username)  # type: ignore[attr-defined]
        self._child(dialog, QLineEdit, "passwordEdit").setText(password)  # type: ignore[attr-defined]
        self.settle(1.0)
        self._ok(dialog)
        self.settle(0.3)
        self.settle(8.0, lambda: self.window.runner.running == 0)
        self.capture(scene)
        dialog.reject()  # type: ignore[attr-defined]
        self.settle(0.3)

    def sign_in(self) -> None:
        dialog = self._sign_in_dialog()
        self.capture("sign_in")
        dialog.reject()  # type: ignore[attr-defined]

    def sign_in_bad_address(self) -> None:
        self._sign_in_attempt("sign_in_bad_address", "http://openkey.example:99999", "secret")

    def sign_in_wrong_password(self) -> None:
        self._sign_in_attempt("sign_in_wrong_password", self.server.url, "not-the-password")

    def sign_in_unreachable(self) -> None:
        self._sign_in_attempt("sign_in_unreachable", "http://127.0.0.1:9", "secret")  # loopback: nothing leaves

    def _token_dialog(self, name: str) -> object:
        from PySide6.QtWidgets import QLineEdit, QToolButton

        self.window.acts.add.trigger()
        self.settle(1.5)
        dialog = self.window.dialogs.token
        self._child(dialog, QLineEdit, "nameEdit").setText(name)  # type: ignore[attr-defined]
        self._child(dialog, QToolButton, "advancedToggle").click()  # type: ignore[attr-defined]
        self.settle(0.8)
        return dialog

    def token(self) -> None:
        dialog = self._token_dialog("翻译助手" if self.lang == "zh_CN" else "laptop")
        self.capture("token")
        dialog.reject()  # type: ignore[attr-defined]

    def token_name_too_long(self) -> None:
        dialog = self._token_dialog("翻译助手的很长很长的名字" if self.lang == "zh_CN" else "x" * 40)
        self.capture("token_name_too_long")
        dialog.reject()  # type: ignore[attr-defined]

    def token_bad_ip(self) -> None:
        from PySide6.QtWidgets import QPlainTextEdit

        dialog = self._token_dialog("laptop")
        self._child(dialog, QPlainTextEdit, "allowIpsEdit").setPlainText("10.0.0.1\n300.1.2.3")  # type: ignore
        self.settle(0.3)
        self._ok(dialog)
        self.settle(1.0)
        self.capture("token_bad_ip")
        dialog.reject()  # type: ignore[attr-defined]

    def token_server_error(self) -> None:
        dialog = self._token_dialog("laptop")
        self.server.fail_next(3, status=500, path="/api/token", method="POST")
        self._ok(dialog)
        self.settle(4.0)
        self.capture("token_server_error")
        self.server.clear_faults()
        dialog.reject()  # type: ignore[attr-defined]

    def preferences(self) -> None:
        self.window.acts.preferences.trigger()
        self.settle(1.0)
        self.capture("preferences")
        self.window.dialogs.preferences.reject()
        self.settle(0.3)

    def tray_menu(self) -> None:
        from PySide6.QtCore import QPoint

        tray = self.window.tray
        self.settle(10, lambda: tray.active and tray.token_actions())
        if not tray.active:
            print("no tray host: tray_menu skipped")
            return
        for token in tray.usable_tokens()[:2]:  # pinned entries, as a user would have
            self.window.settings.set_pinned(self.window.controller.session.keyring_key, token.id, True)
        tray.rebuild_menu()
        tray.menu.popup(tray.icon.geometry().bottomLeft())
        self.settle(1.0)
        all_tokens = next(a for a in tray.menu.actions() if a.menu() is not None)
        tray.menu.setActiveAction(all_tokens)
        submenu = all_tokens.menu()
        submenu.popup(tray.menu.geometry().topLeft() - QPoint(submenu.sizeHint().width(), 0))
        self.settle(1.0)
        self.capture("tray_menu")
        submenu.hide()
        tray.menu.hide()

    def _test_key(self, scene: str, status: str, done: Callable[[object], bool]) -> None:
        window = self.window
        token = next(t for t in window.model.tokens() if t.effective_status.name == status
                     and not t.models and not t.allow_ips)
        window.view.select(token.id)
        window.acts.test_key.trigger()
        self.settle(4, lambda: done(window.key_tester.dialog))
        window.key_tester.dialog.move(340, 80)
        self.settle(0.5)
        self.capture(scene)
        window.key_tester.dialog.close()

    def key_test(self) -> None:
        self._test_key("key_test", "ENABLED", lambda dialog: "…" not in dialog.balance.text())

    def key_test_refused(self) -> None:
        self._test_key("key_test_refused", "EXPIRED", lambda dialog: "…" not in dialog.result.text())

    def copy_as(self) -> None:
        window = self.window
        window.view.select(window.model.token_at(2).id)
        menu = window.acts.copy_as_menu
        menu.popup(window.mapToGlobal(window.rect().topLeft()) + window.rect().center() / 3)
        self.settle(0.8)
        self.capture("copy_as")
        menu.hide()

    def models(self) -> None:
        self.window.acts.models.trigger()
        self.settle(4, lambda: self.window.catalog.dialog.table.rowCount() > 0)
        self.window.catalog.dialog.move(200, 80)
        self.settle(0.5)
        self.capture("models")
        self.window.catalog.dialog.close()

    def quick_access(self) -> None:
        palette = self.window.quick_access
        self.window.acts.quick_access.trigger()
        self.settle(0.8)
        palette.search.setText("bot")
        self.settle(1.0)
        self.capture("quick_access")
        palette.reject()
        self.settle(0.3)

    def check_in(self) -> None:
        from openkey_gui.demo import DemoServer
        from openkey_gui.session import SignInRequest

        server = DemoServer(flavor="new-api", tokens=30, seed=7, critical_rate_limit=None, checkin=True,
                            system_name="New API 演示站" if self.lang == "zh_CN" else "New API Demo").start()
        try:
            self.window.accounts.sign_in_with(
                SignInRequest(server.url, username=server.username, password=server.password), demo=True)
            self.settle(10, lambda: self.window.model.rowCount() == 30)
            self.window.acts.check_in.trigger()
            self.settle(5, lambda: self.window.banner.isVisible())
            self.settle(0.5)
            self.capture("check_in")
        finally:
            server.stop()

    def _v1_server(self) -> DemoServer:
        from openkey_gui.demo import DemoServer

        if self.v1 is None:
            self.v1 = DemoServer(flavor="new-api-v1", tokens=40, seed=7, critical_rate_limit=None).start()
        return self.v1

    def sign_in_v1(self) -> None:
        from PySide6.QtWidgets import QLineEdit

        server = self._v1_server()
        dialog = self._sign_in_dialog()
        site = self._child(dialog, QLineEdit, "siteEdit")
        site.setText(server.url)  # type: ignore[attr-defined]
        site.editingFinished.emit()  # type: ignore[attr-defined]  # as when the user moves on to the user name
        self.settle(3.0, lambda: "30" in dialog.site_info.text())  # type: ignore[attr-defined]
        self.capture("sign_in_v1")
        dialog.reject()  # type: ignore[attr-defined]

    def devices(self) -> None:
        from openkey_gui.api import OpenKeyClient
        from openkey_gui.session import SignInRequest

        server = self._v1_server()
        for agent in ("Firefox 133 on Windows 11", "OpenKey Desktop/0.9 (old laptop)"):
            OpenKeyClient(server.url, user_agent=agent).login(server.username, server.password)
        self.window.accounts.sign_in_with(
            SignInRequest(server.url, username=server.username, password=server.password), demo=True)
        self.settle(10, lambda: self.window.model.rowCount() == 40)
        from PySide6.QtWidgets import QTableWidget

        from openkey_gui.ui.dialogs import DialogKind

        self.window.acts.devices.trigger()
        self.settle(1.0)
        dialog = self.window.dialogs.get(DialogKind.DEVICES)
        table = self._child(dialog, QTableWidget, "devicesTable")
        self.settle(4, lambda: table.rowCount() >= 3)  # type: ignore[attr-defined]
        self.settle(0.5)
        self.capture("devices")
        dialog.reject()  # type: ignore[union-attr]

    def accounts(self) -> None:
        """The sidebar with three sites: two of different flavours signed in, and one that is down (and
        serves no icon, so its row keeps the site's initial)."""
        from PySide6.QtWidgets import QListWidget

        self.window.acts.usage.setChecked(False)  # the sidebar's scene: the usage dock has its own

        from openkey_gui.demo import DemoServer
        from openkey_gui.session import SignInRequest

        extra = [DemoServer(flavor="new-api", tokens=24, seed=8, critical_rate_limit=None, system_name="Relay Hub",
                            user_quota=12 * 500_000).start(),
                 DemoServer(flavor="one-api", tokens=10, seed=9, critical_rate_limit=None, system_name="Backup API",
                            user_quota=3 * 500_000).start()]
        extra[1].fail_next(1, status=200, html=True, path="/favicon.ico")  # a site without an icon: its web page
        for server in extra:
            self.window.accounts.sign_in_with(
                SignInRequest(server.url, username=server.username, password=server.password), demo=True,
                show=False)
        listing = self._child(self.window, QListWidget, "accountList")
        hub = self.window.accounts.hub
        self.settle(10, lambda: all(slot.tokens is not None for slot in hub.set.accounts()))
        extra[1].stop()
        self.window.acts.refresh_all.trigger()
        self.settle(1.0)
        self.settle(10, lambda: self.window.runner.running == 0 and "…" not in listing.item(2).text())  # type: ignore[attr-defined]
        self.window.accounts.switch_to_key(hub.set.accounts()[0].key)
        self.settle(1.5)
        self.capture("accounts")
        extra[0].stop()

    def usage(self) -> None:
        window = self.window
        window.view.table.clearSelection()
        window.acts.usage.setChecked(True)
        view = window.usage.usage_view
        self.settle(10, lambda: view.chart.bars() and view.recent_model.rowCount() > 0)  # type: ignore[union-attr]
        self.settle(0.5)
        self.capture("usage")

    def usage_loading(self) -> None:
        """A token picked on a slow site: its figures are loading, the account's are gone."""
        window = self.window
        window.acts.usage.setChecked(True)
        view = window.usage.usage_view
        self.settle(10, lambda: view.chart.bars())  # type: ignore[union-attr]
        self.server.set_latency(3.0)
        window.view.select(window.model.token_at(1).id)
        self.settle(1.0)
        self.capture("usage_loading")
        self.server.set_latency(0)
        self.settle(10, lambda: view.chart.bars())  # type: ignore[union-attr]
        window.acts.usage.setChecked(False)

    def usage_token(self) -> None:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        from openkey_gui.ui.token_cells import Column

        window = self.window
        window.acts.usage.setChecked(True)
        window.view.table.sortByColumn(Column.SPEND, Qt.SortOrder.DescendingOrder)
        self.settle(0.5)
        window.view.select(window.model.token_at(0).id)
        view = window.usage.usage_view
        self.settle(10, lambda: view.scope_label.text().count("“") and view.recent_model.rowCount() > 0)  # type: ignore[union-attr]
        chart = view.chart  # type: ignore[union-attr]
        spot = QPoint(int(chart.width() * 0.9), chart.height() // 2)
        QTest.mouseMove(chart, spot)
        self.settle(1.5)
        self.capture("usage_token")
        window.acts.usage.setChecked(False)

    def run(self, scenes: list[str]) -> None:
        for scene in scenes:
            getattr(self, scene)()
        self.window.quit_app()
        self.server.stop()
        if self.v1 is not None:
            self.v1.stop()


def contact_sheet(folder: Path) -> None:
    """All of a variant's scenes on one page, labelled, for looking through them quickly."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter needs it for text
    shots = sorted(folder.glob("*.png"), key=lambda p: SCENES.index(p.stem) if p.stem in SCENES else 99)
    if not shots:
        return
    cell_w, cell_h, label_h, columns = 683, 400, 24, 4
    rows = (len(shots) + columns - 1) // columns
    sheet = QImage(columns * cell_w, rows * (cell_h + label_h), QImage.Format.Format_RGB32)
    sheet.fill(QColor("#808080"))
    painter = QPainter(sheet)
    for number, shot in enumerate(shots):
        x, y = (number % columns) * cell_w, (number // columns) * (cell_h + label_h)
        image = QImage(str(shot)).scaled(cell_w - 6, cell_h - 6, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(x + 3, y + label_h, image)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(QRect(x + 6, y, cell_w, label_h), int(Qt.AlignmentFlag.AlignVCenter), shot.stem)
    painter.end()
    path = folder.parent / f"{folder.name}.png"
    sheet.save(str(path))
    print("wrote", path.relative_to(ROOT))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        lang, scheme, folder, display, scenes = sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5], sys.argv[6]
        Scenes(lang, scheme, folder, display).run(scenes.split(","))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--scheme", nargs="+", choices=SCHEMES, default=list(SCHEMES))
    parser.add_argument("--scale", nargs="+", choices=SCALES, default=list(SCALES))
    parser.add_argument("--scene", nargs="+", choices=SCENES, default=list(SCENES))
    args = parser.parse_args()
    for tool in ("Xvfb", "import", "trayer"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install xvfb imagemagick trayer")
    from tests.xvfb import xvfb_display

    for lang in args.lang:
        for scheme in args.scheme:
            for scale in args.scale:
                folder = OUT / f"{lang}-{scheme}-{scale}"
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                home = Path(tempfile.mkdtemp(prefix="openkey-shots-home-"))
                with xvfb_display(with_tray=True, size=SCREEN) as display:
                    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8",
                           "QT_SCALE_FACTOR": str(int(scale) / 100), "HOME": str(home),
                           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
                           "XDG_DATA_HOME": str(home / "data"), "OPENKEY_TESTING": "1"}
                    subprocess.run([sys.executable, __file__, "--child", lang, scheme, str(folder), display,
                                    ",".join(args.scene)], env=env, check=True, timeout=300)
                shutil.rmtree(home, ignore_errors=True)
                contact_sheet(folder)


if __name__ == "__main__":
    main()
