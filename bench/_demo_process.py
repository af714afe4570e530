"""Child process for :class:`benchlib.DemoProcess`: one demo server, steered by lines on stdin.

Protocol: the first stdout line is JSON with the URL and credentials; then each stdin command gets one
JSON line back. Commands: ``requests``, ``reset``, ``latency <seconds>``, ``quit``.

Two adjustments make the demo server behave like a real site for measuring (see bench/RESULTS.md):

* ``TCP_NODELAY`` on accepted sockets, whichever demo server version runs. The handler writes headers
  and body in separate ``send()`` calls; with Nagle's algorithm on, every keep-alive answer waits ~40 ms
  for the client's delayed ACK. Real One API / New API servers (Go's ``net/http``) disable Nagle.
* New API's 100-row page limit is lifted *only for requests that ask for more than 100 rows*: that is
  how the listing benchmark builds its floor, one GET of every token, through the same handler, the
  same row rendering and the same JSON encoder. The client always asks for 100, so it sees no change.

No rate limits: the benchmarks list repeatedly, which a real user does not do within a minute.
"""

from __future__ import annotations

import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--flavor", default="one-api")
    parser.add_argument("--tokens", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from openkey_gui.demo import new_api, server

    server._Handler.disable_nagle_algorithm = True  # socketserver sets TCP_NODELAY in setup()
    new_api.NA_PAGE_LIMIT = 10**9  # only requests asking for more than 100 rows notice (see above)

    demo = server.DemoServer(
        flavor=args.flavor, tokens=args.tokens, seed=args.seed,
        critical_rate_limit=None, search_rate_limit=None, global_rate_limit=None,
    )
    demo.start()
    print(json.dumps({"url": demo.url, "username": demo.username, "password": demo.password}), flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "requests":
            answer: dict[str, object] = {"requests": demo.requests}
        elif command == "reset":
            demo.reset_requests()
            answer = {"ok": True}
        elif command == "latency":
            demo.set_latency(float(argument))
            answer = {"ok": True}
        elif command == "quit":
            print(json.dumps({"ok": True}), flush=True)
            break
        else:
            answer = {"error": f"unknown command {command!r}"}
        print(json.dumps(answer), flush=True)
    demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
