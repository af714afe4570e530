"""Memory: peak RSS of the app with 10,000 tokens listed, against a bare PySide6 window.

Run: ``python bench/memory.py [--runs 3]``.

Every figure comes from a fresh process, read from its own ``/proc/self/status`` (VmHWM, the peak
resident set) once its window is shown and, for the app, its table listed and painted:

* floor: ``bare_window.py --rss``;
* the app: ``_app_probe.py memory``, the real ``MainWindow`` signed in to a demo server that runs in
  another process (so the server's 10,000 rows are not counted), for 10,000 tokens of each flavour, and
  for 100 tokens to show the app's fixed cost apart from what the tokens add.

No third-party dependency: Linux's /proc only (macOS and Windows print n/a).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from benchlib import BENCH, Result, emit, gui_env


def bare_rss() -> float:
    out = subprocess.run([sys.executable, str(BENCH / "bare_window.py"), "--rss"], env=gui_env(),
                         capture_output=True, text=True, timeout=60, check=True).stdout
    return float(out.split("bare-window-probe: rss", 1)[1].split()[0])


def app_probe(mode: str, *args: str, timeout: float = 180) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(BENCH / "_app_probe.py"), mode, *args], env=gui_env(),
                         capture_output=True, text=True, timeout=timeout, check=True).stdout
    return json.loads(out.split("app-probe: ", 1)[1].splitlines()[0])


def measure(runs: int, tokens: int) -> list[Result]:
    bare = [bare_rss() for _ in range(runs)]
    floor = Result.of("peak RSS, bare PySide6 window (floor)", bare, unit="MB")
    results = []
    for flavor in ("one-api", "new-api"):
        samples = [app_probe("memory", "--flavor", flavor, "--tokens", str(tokens))["rss_mb"] for _ in range(runs)]
        results.append(Result.of(f"peak RSS, app with {tokens:,} tokens listed ({flavor})", samples, unit="MB",
                                 floor=floor.value, target_delta=40))
    without = [app_probe("memory", "--tokens", str(tokens), "--without-tray-menu")["rss_mb"] for _ in range(runs)]
    results.append(Result.of(f"peak RSS, app with {tokens:,} tokens, what-if: no tray menu rebuild", without,
                             unit="MB", floor=floor.value, note="one-api"))
    small = [app_probe("memory", "--tokens", "100")["rss_mb"] for _ in range(runs)]
    results.append(Result.of("peak RSS, app with 100 tokens (its fixed cost)", small, unit="MB", floor=floor.value))
    results.append(floor)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.runs, args.tokens), args.json)


if __name__ == "__main__":
    main()
