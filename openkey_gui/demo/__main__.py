"""``python -m openkey_gui.demo``: run a demo server in the foreground for a human or a script.

It prints the access token on purpose: the point is to paste it into the app (or a curl line).
The first line is the URL alone, so a parent process can read it without parsing.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from openkey_gui.demo.flavors import FLAVORS, ONE_API
from openkey_gui.demo.hostile import PAGE_MODES
from openkey_gui.demo.server import DEFAULT_PASSWORD, DEFAULT_USERNAME, DemoServer


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m openkey_gui.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--flavor", choices=FLAVORS, default=ONE_API)
    parser.add_argument("--tokens", type=int, default=100, help="how many seeded tokens (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for the token mix")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--username", default=DEFAULT_USERNAME)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds every answer waits")
    parser.add_argument("--require-2fa", action="store_true", help="New API: ask for a 2FA code (123456)")
    parser.add_argument("--access-ttl", type=float, default=900.0,
                        help="new-api-v1: seconds a bearer access token lives (default 900)")
    parser.add_argument("--turnstile", action="store_true", help="New API: demand a Turnstile token on login")
    parser.add_argument("--checkin", action="store_true", help="New API: offer the daily check-in")
    parser.add_argument("--no-rate-limits", action="store_true", help="turn off the critical and search limits")
    parser.add_argument("--hostile", action="store_true",
                        help="a malicious site: markup and javascript:/file: links in names, messages and chat links")
    parser.add_argument("--hostile-pages", choices=PAGE_MODES, default=None,
                        help="token lists that are oversized, streamed, endless, or endless pages of new tokens")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    limits = {"critical_rate_limit": None, "search_rate_limit": None} if args.no_rate_limits else {}
    server = DemoServer(
        flavor=args.flavor,
        tokens=args.tokens,
        seed=args.seed,
        host=args.host,
        port=args.port,
        username=args.username,
        password=args.password,
        require_2fa=args.require_2fa,
        turnstile=args.turnstile,
        checkin=args.checkin,
        hostile=args.hostile,
        hostile_pages=args.hostile_pages,
        access_ttl=args.access_ttl,
        **limits,  # type: ignore[arg-type]
    )
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    with server:
        server.set_latency(args.latency)
        print(f"url:          {server.url}")
        print(f"flavor:       {server.flavor} ({args.tokens} tokens, seed {args.seed})"
              + (" HOSTILE" if args.hostile or args.hostile_pages else ""))
        print(f"username:     {server.username}")
        print(f"password:     {server.password}")
        print(f"access token: {server.access_token}")
        print(f"user id:      {server.user_id}")
        print("Press Ctrl+C to stop.", flush=True)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
