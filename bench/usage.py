"""Usage figures: the requests they cost (first load, background refresh, F5) and the GUI's longest stall
while the usage view pages through 10,000 log entries.

The issue's budget: the usage view's first load and the "7 days" column together send at most 30
requests for an account of 1,000 tokens, and a background refresh at most 10 a minute per site; the
window never stalls more than 50 ms while 10,000 log entries load.

Each case runs the real main window (offscreen) against a demo server in another process
(``benchlib.DemoProcess``), so the server's work is not the window's stall. Requests are counted on
the server, from its own log of what it received; only the usage routes are counted (sign-in and the
token list are the same as without the feature).

Run: ``python bench/usage.py`` (about a minute); ``--json`` for ``run_all.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from benchlib import DemoProcess, Result, emit, temp_settings_path

USAGE_PATHS = {"/api/log/self", "/api/log/self/stat", "/api/user/dashboard", "/api/data/self"}


def usage_requests(server: DemoProcess) -> int:
    return sum(1 for entry in server.requests() if entry[1] in USAGE_PATHS)


class Window:
    """The app's window, signed in to ``server``, with a way to wait on the event loop."""

    def __init__(self, server: DemoProcess) -> None:
        from PySide6.QtWidgets import QApplication

        from openkey_gui.app import keep_start_up_objects
        from openkey_gui.credentials import CredentialStore
        from openkey_gui.session import SignInRequest
        from openkey_gui.ui.main_window import MainWindow
        from openkey_gui.ui.settings import AppSettings

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.window = MainWindow(AppSettings(temp_settings_path()), CredentialStore())
        self.window.resize(1100, 760)
        self.window.show()
        keep_start_up_objects()  # as openkey_gui.app does
        request = SignInRequest(server_url=server.url, mode="password", username=server.username,
                                password=server.password)
        self.window.accounts.sign_in_with(request, demo=True)
        self.wait(lambda: self.window.model.rowCount() == server.tokens)

    def wait(self, condition: Callable[[], object], timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window did not get there in time")
            self.app.processEvents()
            time.sleep(0.005)

    def settled(self) -> bool:
        return self.window.runner.running == 0

    def close(self) -> None:
        self.window.runner.cancel_all()
        self.window.runner.wait_for_done(3000)
        self.window.quit_app()


def pause(app: Window, seconds: float) -> None:
    """Let the event loop run until nothing has been in flight for ``seconds``."""
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < seconds:
        if not app.settled():
            quiet_since = time.monotonic()
        app.app.processEvents()
        time.sleep(0.01)


def budget_case(flavor: str, tokens: int) -> dict[str, float]:
    """Requests of the first load (column + usage view), a background refresh and the user's F5."""
    with DemoProcess(flavor, tokens) as server:
        server.reset_requests()
        app = Window(server)
        window = app.window
        window.acts.usage.trigger()
        view = window.usage.usage_view
        assert view is not None
        app.wait(lambda: window.usage._room.week is not None and view.recent_model.rowCount() > 0 and app.settled())
        figures: dict[str, float] = {"first_load": usage_requests(server)}
        week = window.usage._room.week
        figures["swept"] = float(bool(week and week.complete))
        server.reset_requests()
        window.usage._room._last_background = float("-inf")  # as if a minute had passed
        window._background_refresh.timeout.emit()  # the preference's timer firing
        app.wait(lambda: server.requests())  # the list is asked first, then the usage catch-up
        pause(app, 1.0)
        figures["background"] = usage_requests(server)
        server.reset_requests()
        window.acts.refresh.trigger()
        app.wait(lambda: usage_requests(server) > 0)
        pause(app, 1.0)
        figures["refresh"] = usage_requests(server)
        app.close()
    return figures


def stall_case(flavor: str, tokens: int, entries: int) -> dict[str, float]:
    """The longest gap of a 5 ms timer while the Recent requests tab pages through ``entries`` rows."""
    from PySide6.QtCore import Qt, QTimer

    with DemoProcess(flavor, tokens) as server:
        app = Window(server)
        window = app.window
        window.acts.usage.trigger()
        view = window.usage.usage_view
        assert view is not None
        view.tabs.setCurrentIndex(1)
        app.wait(lambda: view.recent_model.rowCount() > 0 and app.settled())
        gaps: list[float] = []
        last = [time.perf_counter()]
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(5)

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer.timeout.connect(tick)
        last[0] = time.perf_counter()
        timer.start()
        idle_until = time.perf_counter() + 1.0  # the floor: the same timer while nothing happens
        while time.perf_counter() < idle_until:
            app.app.processEvents()
            time.sleep(0.002)
        floor = max(gaps) * 1000 if gaps else 0.0
        gaps.clear()
        started = time.perf_counter()
        shown = -1
        while view.recent_model.rowCount() < entries:
            if view.recent_model.rowCount() != shown:  # a page arrived: the user goes on to the end of it
                shown = view.recent_model.rowCount()
                view.recent.scrollToBottom()  # Qt then asks the model for more
            app.app.processEvents()
            time.sleep(0.002)
            if time.perf_counter() - started > 300:
                break
        timer.stop()
        rows = view.recent_model.rowCount()
        app.close()
    return {"max_gap_ms": max(gaps) * 1000 if gaps else float("nan"), "rows": rows, "floor_ms": floor,
            "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the stall case")
    args = parser.parse_args()
    results: list[Result] = []
    for flavor in ("one-api", "new-api"):
        for tokens in (1000, 100):
            figures = budget_case(flavor, tokens)
            mode = "one log sweep" if figures["swept"] else "stat calls for the rows on screen"
            note = f"{flavor}, {tokens:,} tokens: {mode}"
            results += [
                Result(f"usage: first load requests ({flavor}, {tokens:,} tokens)", figures["first_load"],
                       unit="calls", target_value=30, note=note),
                Result(f"usage: background refresh requests ({flavor}, {tokens:,} tokens)", figures["background"],
                       unit="calls", target_value=10, note=note + "; at most one a minute"),
                Result(f"usage: F5 requests ({flavor}, {tokens:,} tokens)", figures["refresh"], unit="calls",
                       target_value=30, note=note),
            ]
    stalls = [stall_case("new-api", 1000, args.entries) for _ in range(args.runs)]
    results.append(Result.of(f"usage: longest GUI stall, {int(stalls[0]['rows']):,} log entries paged in",
                             [s["max_gap_ms"] for s in stalls], floor=min(s["floor_ms"] for s in stalls),
                             target_value=50, judge="p95",
                             note=f"new-api, pages of 100, {stalls[0]['seconds']:.0f} s each"))
    emit(results, args.json)


if __name__ == "__main__":
    main()
