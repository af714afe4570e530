"""The real main window, signed in to a demo server in another process, measured from inside.

Used by ``memory.py`` and ``responsiveness.py``; prints one ``app-probe: {json}`` line and exits.
The window is built exactly as ``openkey_gui.app`` builds it (``MainWindow(AppSettings, CredentialStore)``,
shown, ``sign_in_with(..., demo=True)``), but the demo server runs in its own process so that neither
its memory nor its threads are counted against the app.

Modes:

* ``memory``: sign in, wait until the tokens are listed and painted, report peak RSS (VmHWM).
``--without-tray-menu`` is a what-if for the report: the same run with the tray menu's rebuild left
out, to show how much of a figure that rebuild is.

* ``stall``: sign in and list once; then, with a 5 ms ``QTimer`` recording the largest gap between its
  ticks, refresh again (``--latency`` makes every server answer that slow first) and report the
  largest gap from the refresh until the refreshed table has been painted. The idle gap measured
  just before is the floor: what the timer shows when the app does nothing at all.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from benchlib import DemoProcess, peak_rss_mb, temp_settings_path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("memory", "stall"))
    parser.add_argument("--flavor", default="one-api")
    parser.add_argument("--tokens", type=int, default=10_000)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--idle", type=float, default=1.0, help="seconds of idle timer before refreshing")
    parser.add_argument("--without-tray-menu", action="store_true",
                        help="what-if: skip the tray menu rebuild (see RESULTS.md), to show its share")
    args = parser.parse_args()
    if args.without_tray_menu:
        without_tray_menu()

    server = DemoProcess(args.flavor, args.tokens)
    try:
        result = run(args, server)
    finally:
        server.stop()
    print("app-probe: " + json.dumps(result), flush=True)
    return 0


def run(args: argparse.Namespace, server: DemoProcess) -> dict[str, float]:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from openkey_gui.app import keep_start_up_objects
    from openkey_gui.credentials import CredentialStore
    from openkey_gui.session import SignInRequest
    from openkey_gui.ui.main_window import MainWindow
    from openkey_gui.ui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    window = MainWindow(AppSettings(temp_settings_path()), CredentialStore())
    window.show()
    keep_start_up_objects()  # as openkey_gui.app does
    result: dict[str, float] = {}
    listings = 0
    gaps = _GapMeter()

    def painted_after_listing() -> None:
        nonlocal listings
        listings += 1
        if args.mode == "memory":
            result["rss_mb"] = peak_rss_mb()
            result["rows"] = window.model.rowCount()
            app.quit()
        elif listings == 1:  # signed in and listed: measure idle, then the refresh under test
            gaps.start()
            QTimer.singleShot(int(args.idle * 1000), start_refresh)
        else:
            result["max_gap_ms"] = gaps.max_gap_ms()
            result["rows"] = window.model.rowCount()
            app.quit()

    def start_refresh() -> None:
        result["idle_max_gap_ms"] = gaps.max_gap_ms()
        result["idle_ticks"] = gaps.ticks
        if args.latency:
            server.set_latency(args.latency)
        gaps.reset()
        result["refresh_started"] = time.perf_counter()
        window.refresh()

    def listed(_tokens: object) -> None:
        # The window's own slot has filled the table by now (it was connected first); let the event
        # loop paint it, and keep the timer running through that paint.
        QTimer.singleShot(200, painted_after_listing)

    window.controller.tokens_loaded.connect(listed, Qt.ConnectionType.QueuedConnection)
    request = SignInRequest(server_url=server.url, mode="password", username=server.username,
                            password=server.password)
    window.accounts.sign_in_with(request, demo=True)
    QTimer.singleShot(120_000, app.quit)  # never hang a benchmark run
    app.exec()
    window.runner.cancel_all()
    window.runner.wait_for_done(3000)
    result.pop("refresh_started", None)
    return result


def without_tray_menu() -> None:
    """Replace the tray's menu rebuild with nothing: a what-if, never the default measurement."""
    try:
        from openkey_gui.ui import tray
    except ImportError:  # no tray in this version of the app: nothing to leave out
        return
    tray.Tray.rebuild_menu = lambda self: None  # type: ignore[method-assign]


class _GapMeter:
    """A 5 ms timer on the GUI thread; a long gap between ticks is a frozen window."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._max = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self._max = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        self._max = max(self._max, now - self._last)
        self._last = now
        self.ticks += 1

    def max_gap_ms(self) -> float:
        return self._max * 1000


if __name__ == "__main__":
    sys.exit(main())
