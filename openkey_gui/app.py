"""Start-up: command line, QApplication, language, the demo server, and the first sign-in.

``main()`` is what ``main.py``, ``python -m openkey_gui`` and the ``openkey-gui`` launcher call.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from openkey_gui import __version__

if TYPE_CHECKING:
    from openkey_gui.demo import DemoServer
    from openkey_gui.ui.main_window import MainWindow

DEMO_FLAVORS = ("one-api", "new-api", "new-api-v1")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="openkey-gui",
        description="Manage the API tokens of a One API / New API site (such as openkey.cloud).",
    )
    parser.add_argument(
        "--demo",
        nargs="?",
        const="one-api",
        choices=DEMO_FLAVORS,
        help="run against the built-in demo server, offline (default flavour: one-api)",
    )
    parser.add_argument("--demo-tokens", type=int, default=100, metavar="N",
                        help="how many tokens the demo server starts with (default 100)")
    parser.add_argument("--lang", choices=("en", "zh_CN"), help="interface language for this run")
    parser.add_argument("--settings", metavar="FILE", help="use this INI file for settings (for tests)")
    parser.add_argument("--self-test", action="store_true",
                        help="build the window offscreen against an in-process demo server, print a report, exit")
    parser.add_argument("--version", action="version", version=f"OpenKey Desktop {__version__}")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Logs are redacted (keys, tokens, passwords) and go to a private rotating file as well.
    from openkey_gui.logging_setup import configure_logging

    log_file = configure_logging()
    logging.getLogger(__name__).info("OpenKey Desktop %s starting (log file: %s)", __version__, log_file)
    if args.self_test:
        from openkey_gui.self_test import run_self_test

        return run_self_test()

    # Qt is imported only now, so that --help and --version answer instantly.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from openkey_gui.credentials import CredentialStore
    from openkey_gui.resources import resource_path
    from openkey_gui.ui.i18n import choose_language, install_translators
    from openkey_gui.ui.main_window import MainWindow
    from openkey_gui.ui.settings import AppSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OpenKey Desktop")
    app.setOrganizationName("OpenKey")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "openkey.svg"))))
    # An unhandled exception shows a redacted report; the app (and its tray) keeps running.
    from openkey_gui.ui.crash_dialog import install_crash_handler

    install_crash_handler(app)
    settings = AppSettings(args.settings)
    from openkey_gui.single_instance import SingleInstance, instance_name

    instance = SingleInstance(instance_name(settings.file_name(), args.demo), app)
    if not instance.claim():
        return 0  # the first instance shows its window instead
    from openkey_gui.ui.appearance import apply_appearance

    apply_appearance(settings.appearance())  # before the first widget, so nothing paints in the wrong scheme
    translators = install_translators(app, choose_language(args.lang or settings.language()))

    window = MainWindow(settings, CredentialStore())
    # The one shutdown path, however the app ends (menu, tray, last window, the OS logging out).
    app.aboutToQuit.connect(window.shutdown)
    app.aboutToQuit.connect(instance.release)
    instance.raise_requested.connect(window.show_window)
    window.show()
    window.enable_tray()
    keep_start_up_objects()
    demo: list[DemoServer] = []
    if args.demo:
        demo = start_demo(window, args.demo, args.demo_tokens)
    else:
        window.accounts.resume_last()
    try:
        return app.exec()
    finally:
        window.shutdown()  # already done by aboutToQuit, unless exec() ended by an exception
        window.runner.wait_for_done(3000)
        for server in demo:
            server.stop()
        del translators


#: The demo's second site: the other flavour, its own name and balance, so the accounts sidebar shows two.
SECOND_DEMO = {"one-api": "new-api", "new-api": "one-api", "new-api-v1": "one-api"}
SECOND_DEMO_NAME = "Relay Demo"
SECOND_DEMO_DOLLARS = 12


def keep_start_up_objects() -> None:
    """Take what start-up built (Qt bindings, modules, the window) out of the garbage collector's walks.

    These objects live as long as the app does, yet every full collection walks all of them: 37–62 ms
    on the GUI thread, at a moment nobody chooses (measured while the usage view paged in 10,000 log
    entries; with the freeze the longest stall there went from 21–87 ms to 22–24 ms). ``gc.freeze()``
    moves them to a generation that is never collected; what is made later is collected as before.
    """
    gc.freeze()


def start_demo(window: MainWindow, flavor: str, tokens: int) -> list[DemoServer]:
    """Serve two demo sites on 127.0.0.1 in this process (``flavor`` and the other one) and sign the
    window into both: the first is shown, the second loads in the background beside it."""
    from openkey_gui.credentials import SignInMode
    from openkey_gui.demo import DemoServer
    from openkey_gui.session import SignInRequest

    servers = [DemoServer(flavor=flavor, tokens=tokens, critical_rate_limit=None, checkin=True),
               DemoServer(flavor=SECOND_DEMO[flavor], tokens=max(1, tokens // 3), seed=1, critical_rate_limit=None,
                          system_name=SECOND_DEMO_NAME, user_quota=SECOND_DEMO_DOLLARS * 500_000, checkin=True)]
    for index, server in enumerate(servers):
        server.start()
        request = SignInRequest(server_url=server.url, mode=SignInMode.PASSWORD, username=server.username,
                                password=server.password)
        window.accounts.sign_in_with(request, demo=True, show=index == 0)
    return servers
