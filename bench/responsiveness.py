"""Responsiveness: the longest GUI event-loop stall during a slow answer and while 10,000 tokens arrive.

Run: ``python bench/responsiveness.py [--runs 3]``.

A ``QTimer`` ticking every 5 ms on the GUI thread of the real main window records the largest gap
between two ticks (``_app_probe.py stall``): from a refresh (F5) until the refreshed table has been
painted. Scenarios:

* slow server: every answer takes 3 s (``server.set_latency(3)``): the window must not wait with it;
* 10,000 tokens arrive, on each flavour: the list is fetched and parsed on worker threads, then the
  table is replaced (``set_tokens``) and repainted on the GUI thread.

The floor is the same timer's largest gap while the window is idle (1 s just before the refresh):
timer jitter plus whatever the machine's scheduler adds.
"""

from __future__ import annotations

import argparse

from benchlib import Result, emit
from memory import app_probe

SCENARIOS = (
    ("slow server (every answer 3 s), 100 tokens", ("--tokens", "100", "--latency", "3")),
    ("10,000 tokens arrive (one-api)", ("--tokens", "10000", "--flavor", "one-api")),
    ("10,000 tokens arrive (new-api)", ("--tokens", "10000", "--flavor", "new-api")),
)


def measure(runs: int) -> list[Result]:
    results = []
    idle: list[float] = []
    for name, args in SCENARIOS:
        gaps = []
        for _ in range(runs if "slow" not in name else 1):
            probe = app_probe("stall", *args)
            gaps.append(probe["max_gap_ms"])
            idle.append(probe["idle_max_gap_ms"])
        results.append(Result.of(f"longest GUI stall: {name}", gaps, target_value=50, judge="p95"))
    what_if = [app_probe("stall", "--tokens", "10000", "--flavor", flavor, "--without-tray-menu")["max_gap_ms"]
               for flavor in ("one-api", "new-api") for _ in range(runs)]
    results.append(Result.of("longest GUI stall: 10,000 tokens arrive, what-if: no tray menu rebuild", what_if,
                             note="both flavours"))
    floor = Result.of("longest GUI timer gap while idle (floor)", idle)
    for result in results:
        result.floor = floor.value
    return [*results, floor]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.runs), args.json)


if __name__ == "__main__":
    main()
