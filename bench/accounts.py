"""Several accounts at once: start-up with 5 remembered accounts × 1,000 tokens, and memory per account.

Run: ``python bench/accounts.py [--runs 3] [--accounts 5] [--tokens 1000]``.

Each run starts the real main window in a fresh process (``_accounts_probe.py``) with N remembered
accounts, each on its own demo site in a process of its own (flavours alternating), and lets
``resume_last()`` sign them all in as a start-up does. Compared with the same start-up with one
account (the floor of each row):

* the window shown (built and painted once): it must not wait for the accounts;
* every list in memory, with at most four sites in flight at once (``LoadGate.peak``);
* the longest GUI stall (5 ms timer) while the lists arrive: target ≤ 50 ms (p95); the same once the
  shown account's list is in the table; and, as a what-if, with the demo sites at the app's own CPU
  priority (by default they run at nice 19: a real site's CPU is never the client's, but five server
  processes on this machine's cores would take it from the window);
* the same start-up with every answer 150 ms late (sites far away): four sites in flight, not more;
* a background refresh of all of 10 accounts once they are in: the longest stall, and the memory per
  extra account after it (10 vs 1), ≤ 5 MB;
* resident memory once all are in: (RSS with N − RSS with one) / (N − 1) per extra account, ≤ 5 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from benchlib import BENCH, Result, emit, gui_env

REFRESHED_ACCOUNTS = 10  # the background-refresh case
FAR_LATENCY_S = 0.15  # a site on another continent: sign-ins overlap, and the gate's bound shows


def probe(accounts: int, tokens: int, *, nice: int = 19, latency: float = 0.0, refresh: bool = False,
          timeout: float = 240) -> dict[str, float]:
    argv = [sys.executable, str(BENCH / "_accounts_probe.py"), "--accounts", str(accounts), "--tokens", str(tokens),
            "--nice", str(nice), "--latency", str(latency)] + (["--refresh"] if refresh else [])
    out = subprocess.run(argv, env=gui_env(), capture_output=True, text=True, timeout=timeout, check=True).stdout
    return json.loads(out.split("accounts-probe: ", 1)[1].splitlines()[0])


def measure(runs: int, accounts: int, tokens: int) -> list[Result]:
    probe(1, tokens)  # warm the bytecode cache and the file cache, so the first sample is not an outlier
    one, many, local, far, refreshed_one, refreshed = [], [], [], [], [], []
    for _ in range(runs):
        refreshed_one.append(probe(1, tokens, refresh=True))
        refreshed.append(probe(REFRESHED_ACCOUNTS, tokens, refresh=True))
        one.append(probe(1, tokens))
        many.append(probe(accounts, tokens))
        local.append(probe(accounts, tokens, nice=0))
        far.append(probe(accounts, tokens, latency=FAR_LATENCY_S))
    what = f"{accounts} accounts × {tokens:,} tokens"
    shown_one = Result.of(f"window shown, 1 account × {tokens:,} tokens (floor)", [p["shown_ms"] for p in one])
    loaded_one = Result.of(f"list in memory, 1 account × {tokens:,} tokens (floor)", [p["loaded_ms"] for p in one])
    stall_one = Result.of("longest GUI stall, 1 account's list arrives (floor)", [p["max_gap_ms"] for p in one])
    rss_one = [p["rss_mb"] for p in one]
    per_account = [(p["rss_mb"] - min(rss_one)) / (accounts - 1) for p in many]
    refreshed_floor = min(p["rss_mb"] for p in refreshed_one)
    per_refreshed = [(p["rss_mb"] - refreshed_floor) / (REFRESHED_ACCOUNTS - 1) for p in refreshed]
    ten = f"background refresh of {REFRESHED_ACCOUNTS} accounts × {tokens:,} tokens"
    return [
        Result.of(f"start-up, {what}: window shown", [p["shown_ms"] for p in many], floor=shown_one.value,
                  target_ratio=1.2),
        Result.of(f"start-up, {what}: every list in memory", [p["loaded_ms"] for p in many],
                  floor=loaded_one.value),
        Result.of(f"start-up, {what}: most sites in flight at once", [p["peak_in_flight"] for p in many],
                  unit="", target_value=4),
        Result.of(f"start-up, {what}, every answer {FAR_LATENCY_S * 1000:.0f} ms late: most sites in flight at once",
                  [p["peak_in_flight"] for p in far], unit="", target_value=4),
        Result.of(f"start-up, {what}, every answer {FAR_LATENCY_S * 1000:.0f} ms late: longest GUI stall",
                  [p["max_gap_ms"] for p in far], target_value=50, judge="p95"),
        Result.of(f"start-up, {what}, every answer {FAR_LATENCY_S * 1000:.0f} ms late: every list in memory",
                  [p["loaded_ms"] for p in far]),
        Result.of(f"start-up, {what}: longest GUI stall while the lists arrive", [p["max_gap_ms"] for p in many],
                  floor=stall_one.value, target_value=50, judge="p95"),
        Result.of(f"start-up, {what}: longest GUI stall once the shown account's list is in",
                  [p["max_gap_after_shown_ms"] for p in many], target_value=50, judge="p95"),
        Result.of(f"start-up, {what}: longest GUI stall, what-if: the {accounts} demo sites at the app's CPU "
                  "priority", [p["max_gap_ms"] for p in local], floor=stall_one.value,
                  note="five server processes on this machine's cores"),
        Result.of(f"memory per extra account at {tokens:,} tokens (RSS, {accounts} vs 1)", per_account, unit="MB",
                  target_value=5),
        Result.of(f"{ten}: memory per extra account (RSS after it, {REFRESHED_ACCOUNTS} vs 1)", per_refreshed,
                  unit="MB", target_value=5),
        Result.of(f"{ten}: longest GUI stall", [p["max_gap_ms"] for p in refreshed], target_value=50, judge="p95"),
        Result.of(f"{ten}: all refreshed", [p["refresh_ms"] for p in refreshed]),
        shown_one, loaded_one, stall_one,
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--accounts", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.runs, max(2, args.accounts), args.tokens), args.json)


if __name__ == "__main__":
    main()
