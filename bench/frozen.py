"""Frozen app: bundle size, and ``--self-test`` start time of the frozen binary against the source start.

Run: ``python bench/frozen.py [--runs 3]``. Until packaging has produced ``dist/OpenKeyDesktop/OpenKeyDesktop``
(``pyinstaller build.spec``) only the source start is measured, and the frozen row says it was skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from benchlib import ROOT, Result, emit, gui_env

FROZEN = ROOT / "dist" / "OpenKeyDesktop" / "OpenKeyDesktop"


def timed_run(argv: list[str]) -> float:
    """Milliseconds until ``argv`` exits; a failing self-test is an error, not a fast run."""
    started = time.perf_counter()
    subprocess.run(argv, env=gui_env(), capture_output=True, timeout=120, check=True)
    return (time.perf_counter() - started) * 1000


def bundle_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def measure(runs: int) -> list[Result]:
    source = [sys.executable, str(ROOT / "main.py"), "--self-test"]
    try:
        timed_run(source)
        source_ms = [timed_run(source) for _ in range(runs)]
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        note = f"skipped: main.py --self-test failed ({type(exc).__name__})"
        return [Result("frozen app --self-test", float("nan"), note=note)]
    floor = Result.of("python main.py --self-test (floor: the source start)", source_ms)
    if not FROZEN.exists():
        return [Result("frozen app --self-test", float("nan"), note=f"skipped: {FROZEN.relative_to(ROOT)} not built"),
                floor]
    try:
        timed_run([str(FROZEN), "--self-test"])
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        return [Result("frozen app --self-test", float("nan"), note=f"skipped: {type(exc).__name__}"), floor]
    frozen_ms = [timed_run([str(FROZEN), "--self-test"]) for _ in range(runs)]
    return [
        Result.of("frozen app --self-test", frozen_ms, floor=floor.value),
        floor,
        Result("frozen bundle size", bundle_mb(FROZEN.parent), unit="MB"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    emit(measure(args.runs), args.json)


if __name__ == "__main__":
    main()
