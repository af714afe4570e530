"""The real main window starting with N remembered accounts, each on its own demo site, measured inside.

Used by ``accounts.py``; prints one ``accounts-probe: {json}`` line and exits. Each demo site runs in a
process of its own (``DemoProcess``), flavours alternating; every account's credential is in an
in-memory keyring and the accounts are in the settings, so ``resume_last()`` signs them all in as a
start-up does. Reported:

* ``shown_ms``: window built and shown (painted once), before any account is in;
* ``loaded_ms``: from then until every account's list is in memory (and its row says OK);
* ``max_gap_ms``: the longest gap of a 5 ms GUI timer from ``resume_last()`` until 200 ms after the
  last list arrived (what a user would feel as a frozen window); ``max_gap_after_shown_ms`` the same
  from 100 ms after the shown account's list was put in the table (the window in use, the other
  accounts still arriving);
* ``peak_in_flight``: the most accounts signing in at the same time (``LoadGate.peak``; on loopback a
  sign-in is over before the next one's spaced start, so only ``--latency`` shows the bound at work);
* ``rss_mb``: resident memory (VmRSS) once all lists are in, after a garbage collection;
* with ``--refresh``: once all are in, every account is refreshed in the background (as the refresh-all
  shortcut does); ``rss_loaded_mb`` is the memory before it, ``rss_mb`` after it, ``max_gap_ms`` the
  longest stall during it and ``refresh_ms`` its length.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

from _app_probe import _GapMeter
from benchlib import ROOT, DemoProcess, temp_settings_path

sys.path.insert(0, str(ROOT))  # the tests' in-memory keyring, as scripts/screenshots.py uses it
from tests.support import MemoryKeyring


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=0, help="what-if: another bound on sites in flight")
    parser.add_argument("--nice", type=int, default=19,
                        help="the demo servers' CPU niceness: remote sites never take the client's CPU")
    parser.add_argument("--refresh", action="store_true",
                        help="once all are in: refresh every account in the background, then measure memory")
    parser.add_argument("--latency", type=float, default=0.0,
                        help="seconds each demo answer waits: a site across the world rather than on loopback")
    args = parser.parse_args()
    servers = [DemoProcess(("one-api", "new-api")[i % 2], args.tokens, seed=i + 1, nice=args.nice)
               for i in range(args.accounts)]
    for server in servers:
        if args.latency:
            server.set_latency(args.latency)
    try:
        result = run(servers, args.limit, refresh=args.refresh)
    finally:
        for server in servers:
            server.stop()
    print("accounts-probe: " + json.dumps(result), flush=True)
    return 0


def run(servers: list[DemoProcess], limit: int = 0, *, refresh: bool = False) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from openkey_gui.accounts import AccountState
    from openkey_gui.app import keep_start_up_objects
    from openkey_gui.credentials import Credential, CredentialStore, SignInMode, account_key
    from openkey_gui.ui.main_window import MainWindow
    from openkey_gui.ui.settings import AccountEntry, AppSettings

    app = QApplication(sys.argv[:1])
    store = CredentialStore(MemoryKeyring())
    settings = AppSettings(temp_settings_path())
    for server in servers:
        store.save(account_key(server.url, server.username),
                   Credential(mode=SignInMode.PASSWORD, username=server.username, password=server.password))
        settings.remember_account(AccountEntry(server.url, server.username), last=False)
    result: dict[str, float] = {}
    gaps, after_shown = _GapMeter(), _GapMeter()
    started = time.perf_counter()
    window = MainWindow(settings, store)
    window.show()
    keep_start_up_objects()  # as openkey_gui.app does
    app.processEvents()
    shown = time.perf_counter()
    result["shown_ms"] = (shown - started) * 1000
    hub = window.accounts.hub
    if limit:
        hub.gate.limit = limit

    def finish() -> None:
        result["max_gap_ms"] = gaps.max_gap_ms()
        result["max_gap_after_shown_ms"] = after_shown.max_gap_ms()
        result["peak_in_flight"] = hub.gate.peak
        result["rows"] = window.model.rowCount()
        gc.collect()
        result["rss_mb"] = current_rss_mb()
        result.pop("shown", None)
        app.quit()

    def check(_key: str = "") -> None:
        slots = hub.set.accounts()
        if "loaded_ms" in result or len(slots) < len(servers):
            return
        if all(slot.state is AccountState.OK and slot.tokens is not None for slot in slots):
            result["loaded_ms"] = (time.perf_counter() - shown) * 1000
            QTimer.singleShot(200, refresh_all if refresh else finish)

    refreshing: dict[str, float] = {}

    def refresh_all() -> None:
        gc.collect()
        result["rss_loaded_mb"] = current_rss_mb()
        refreshing["started"] = time.perf_counter()
        gaps.reset()
        window.controller.tokens_loaded.connect(lambda _tokens: refreshing.setdefault("shown", 1))
        hub.refresh_all()
        QTimer.singleShot(20, refresh_done)

    def refresh_done() -> None:
        slots = hub.set.accounts()
        if any(hub.gate.busy(slot.key) for slot in slots) or "shown" not in refreshing:
            QTimer.singleShot(20, refresh_done)
            return
        result["refresh_ms"] = (time.perf_counter() - refreshing["started"]) * 1000
        QTimer.singleShot(200, finish)

    def shown_painted() -> None:
        after_shown.start()  # from here the window shows the last account's list: it is in use
        result["shown_list_ms"] = (time.perf_counter() - shown) * 1000
        result["arrived_after_shown"] = sum(1 for slot in hub.set.accounts() if slot.tokens is None)

    window.controller.tokens_loaded.connect(lambda _tokens: "shown" not in result and (
        result.__setitem__("shown", 1), QTimer.singleShot(100, shown_painted)))
    hub.changed.connect(check)
    gaps.start()
    window.accounts.resume_last()
    QTimer.singleShot(120_000, app.quit)  # never hang a benchmark run
    app.exec()
    window.runner.cancel_all()
    window.runner.wait_for_done(3000)
    return result


if __name__ == "__main__":
    sys.exit(main())
