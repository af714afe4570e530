"""New API v1.0 sign-ins: how much of the site's critical rate limit a working day costs, in fast motion.

Run: ``python bench/v1_sessions.py [--hours 8] [--scale 300]``.

A v1.0 site shares one counter of 20 calls per 20 minutes per IP between login, refresh, logout, key
reveals and batch keys. The demo server (``new-api-v1``) runs with every duration divided by ``scale``:
the 15-minute access token lives 3 s at the default 300, the app's background list refresh (every
10 minutes by default) comes every 2 s, and the user copies a key they have not copied before every
simulated 7 minutes and a known one in between. Eight threads list at once at every refresh, as the
window does when it fetches pages. Counted on the server: critical calls, refreshes, rotated cookies
sent again (must be 0), and the worst 20-minute window against the limit of 20.
"""

from __future__ import annotations

import argparse
import threading
import time
from collections import deque

from benchlib import Result, emit

from openkey_gui.api import OpenKeyClient
from openkey_gui.demo import DemoServer

CRITICAL = ("/api/user/login", "/api/user/login/2fa", "/api/user/auth/refresh", "/api/user/auth/logout",
            "/api/token/batch/keys")


def is_critical(path: str) -> bool:
    return path in CRITICAL or (path.startswith("/api/token/") and path.endswith("/key"))


def simulate(hours: float, scale: float) -> dict[str, float]:
    ttl = 900 / scale
    background = 600 / scale
    new_copy = 420 / scale
    stamps: list[tuple[float, str]] = []
    with DemoServer(flavor="new-api-v1", tokens=300, seed=5, critical_rate_limit=None, access_ttl=ttl,
                    access_leeway=0) as server:
        client = OpenKeyClient(server.url, timeout=10)
        start = time.monotonic()
        client.login(server.username, server.password)
        ids = [t.id for t in client.list_tokens()]
        end = start + hours * 3600 / scale
        next_list, next_copy, copied = start, start, 0
        seen = len(server.requests)
        while time.monotonic() < end:
            now = time.monotonic()
            if now >= next_list:
                threads = [threading.Thread(target=client.list_tokens) for _ in range(8)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                next_list = now + background
            if now >= next_copy:
                client.reveal_key(ids[copied % len(ids)])  # a key not seen before: one reveal
                client.reveal_key(ids[0])  # a key seen before: from memory, no call
                copied += 1
                next_copy = now + new_copy
            requests = server.requests
            stamps.extend((time.monotonic() - start, path) for _m, path, _q in requests[seen:])
            seen = len(requests)
            time.sleep(0.05)
        client.logout()
        stamps.extend((time.monotonic() - start, path) for _m, path, _q in server.requests[seen:])
        counters = server.v1.counters
    critical = [t * scale for t, path in stamps if is_critical(path)]
    window, worst = deque[float](), 0
    for moment in critical:
        window.append(moment)
        while moment - window[0] >= 1200:
            window.popleft()
        worst = max(worst, len(window))
    return {
        "critical_per_hour": len(critical) / hours,
        "refreshes_per_hour": counters.refreshes / hours,
        "worst_window": float(worst),
        "replays": float(counters.replays_in_grace + counters.replays_after_grace),
        "requests_per_hour": len(stamps) / hours,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--scale", type=float, default=300.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = simulate(args.hours, args.scale)
    note = f"{args.hours:g} h simulated at ×{args.scale:g}"
    emit([
        Result("v1.0: critical calls in the worst 20-minute window (site limit 20)", figures["worst_window"],
               unit="calls", target_value=10, note=note),
        Result("v1.0: session refreshes per hour (15-min tokens, list every 10 min)", figures["refreshes_per_hour"],
               unit="calls", target_value=6, note=note),
        Result("v1.0: critical calls per hour (refresh + reveals + login/logout)", figures["critical_per_hour"],
               unit="calls", note=note),
        Result("v1.0: rotated refresh cookies sent again", figures["replays"], unit="calls", target_value=0,
               note=note),
        Result("v1.0: all requests per hour", figures["requests_per_hour"], unit="calls", note=note),
    ], args.json)


if __name__ == "__main__":
    main()
