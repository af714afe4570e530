"""Listing: ``OpenKeyClient.list_tokens()`` for 1,000 and 10,000 tokens on each demo flavour, against its floor.

Run: ``python bench/listing.py [--sizes 1000 10000] [--runs 5]``.

The demo server runs in its own process (see ``benchlib.DemoProcess``: a real site is another process).
The client signs in once; every run then lists all tokens, and the HTTP requests it made are read back
from the server's request log.

Floors, all with the same signed-in ``requests.Session`` (warm connection, same cookie) plus
``json.loads`` of every body, and nothing else (no parsing into ``Token``, no ordering):

* One API: the client's own request, ``GET /api/token/search?keyword=``, which returns every token.
* New API, "one GET": ``GET /api/token/?p=1&page_size=N``. A real New API caps pages at 100, so the bench
  server lifts the cap for this request only: same handler, same row rendering, same bytes as the 100
  pages (minus 99 page envelopes). This is the floor the issue names, and the one the target is judged
  on: the client must come within 1.5x of fetching everything in one go.
* New API, "raw pages": the ⌈N/100⌉ pages the protocol forces, fetched one after another. What a
  straightforward client costs; shown for comparison (a concurrent client can beat it).

An informational New API run follows with every answer 20 ms late (``server.set_latency``, roughly a
site in the same region): that is where fetching pages four at a time pays off.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable

from benchlib import DemoProcess, Result, emit


def _timed_ms(action: Callable[[], object]) -> float:
    """Milliseconds for one call of ``action``."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench_flavor(flavor: str, size: int, runs: int, *, latency: float = 0.0, label: str = "") -> list[Result]:
    from openkey_gui.api import OpenKeyClient

    with DemoProcess(flavor, size) as server:
        client = OpenKeyClient(server.url, timeout=60)
        client.login(server.username, server.password)
        server.set_latency(latency)
        session = client._http.session  # the client's own session: same cookie, headers, pool
        base = server.url

        def one_get() -> None:
            if flavor == "one-api":
                body = session.get(base + "/api/token/search", params={"keyword": ""}, timeout=60).content
            else:
                body = session.get(base + "/api/token/", params={"p": 1, "page_size": size}, timeout=60).content
            assert len(json.loads(body)["data"]["items"] if flavor != "one-api" else json.loads(body)["data"]) == size

        def raw_pages() -> None:
            for page in range(1, math.ceil(size / 100) + 1):
                body = session.get(base + "/api/token/", params={"p": page, "page_size": 100}, timeout=60).content
                json.loads(body)

        listed: list[float] = []
        requests_made: list[float] = []
        floor: list[float] = []
        pages_floor: list[float] = []
        client.list_tokens()  # warm-up: connections in the pool, code paths
        one_get()
        for _ in range(runs):
            server.reset_requests()
            started = time.perf_counter()
            tokens = client.list_tokens()
            listed.append((time.perf_counter() - started) * 1000)
            requests_made.append(len(server.requests()))
            assert len(tokens) == size, (len(tokens), size)
            floor.append(_timed_ms(one_get))
            if flavor == "new-api":
                pages_floor.append(_timed_ms(raw_pages))
        client.close()

    most = 2 if flavor == "one-api" else math.ceil(size / 100)
    name = f"list_tokens, {size:,} tokens, {flavor}{label}"
    results = [
        Result.of(f"{name}: wall time", listed, floor=json_floor(floor).value, target_ratio=1.5,
                  note="floor: one raw GET of all tokens + json.loads"),
        Result.of(f"{name}: HTTP requests", requests_made, unit="requests", target_value=most),
    ]
    if pages_floor:
        results.append(Result.of(f"{name}: wall time vs raw pages", listed, floor=json_floor(pages_floor).value,
                                 note=f"floor: {math.ceil(size / 100)} raw page GETs in sequence + json.loads"))
    return results


def json_floor(samples: list[float]) -> Result:
    return Result.of("floor", samples)


def measure(sizes: list[int], runs: int, *, latency_rows: bool = True) -> list[Result]:
    results: list[Result] = []
    for flavor in ("one-api", "new-api"):
        for size in sizes:
            results += bench_flavor(flavor, size, runs if size < 5000 else max(3, runs - 2))
    if latency_rows:  # informational: what fetching pages four at a time buys once answers take time
        for r in bench_flavor("new-api", max(sizes), 2, latency=0.02, label=", every answer 20 ms late"):
            if "HTTP requests" not in r.metric:
                r.target_ratio = None
                results.append(r)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-latency", action="store_true", help="skip the rows with slow answers")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.sizes, args.runs, latency_rows=not args.no_latency), args.json)


if __name__ == "__main__":
    main()
