"""Run every benchmark and print one table (metric, median, p95, floor, ratio, target, met?).

Run: ``python bench/run_all.py`` (about two minutes; ``--quick`` for fewer runs). ``--write`` also puts
the output into ``bench/RESULTS.md`` between its ``run_all`` markers, leaving the hand-written analysis
around them untouched.

Each benchmark runs in its own fresh interpreter (see ``benchlib.run_bench_script``), one after the
other, so that no benchmark inherits another's imports, caches or heap.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchlib import BENCH, Result, machine_description, run_bench_script, table

BEGIN = "<!-- run_all:begin -->"
END = "<!-- run_all:end -->"

#: (section, script, arguments, arguments with --quick)
BENCHMARKS = (
    ("1. Start-up", "startup.py", ["--runs", "9", "--importtime"], ["--runs", "3", "--importtime"]),
    ("2. Listing", "listing.py", ["--runs", "7"], ["--runs", "3", "--no-latency"]),
    ("3. Search", "search.py", ["--rounds", "3"], ["--rounds", "1"]),
    ("4. Model load and sort", "model_view.py", ["--runs", "7"], ["--runs", "3"]),
    ("5. Memory", "memory.py", ["--runs", "3"], ["--runs", "1"]),
    ("6. Responsiveness", "responsiveness.py", ["--runs", "3"], ["--runs", "1"]),
    ("7. Frozen app", "frozen.py", ["--runs", "3"], ["--runs", "1"]),
    ("8. New API v1.0 sessions", "v1_sessions.py", ["--hours", "8"], ["--hours", "2"]),
    ("9. Usage figures", "usage.py", ["--runs", "3"], ["--runs", "1"]),
    ("10. Several accounts", "accounts.py", ["--runs", "3"], ["--runs", "1"]),
)


def run(quick: bool) -> str:
    started = time.perf_counter()
    results: list[Result] = []
    failures: list[str] = []
    for section, script, args, quick_args in BENCHMARKS:
        print(f"running {section} ({script})…", file=sys.stderr, flush=True)
        try:
            results += run_bench_script(script, quick_args if quick else args)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            failures.append(f"- {section} ({script}) failed: {exc}")
    lines = [
        "Machine:",
        "",
        machine_description(),
        "",
        table(results),
        "",
    ]
    imports = next((r.extra["importtime"] for r in results if "importtime" in r.extra), None)
    if imports:
        for view, title in (("top", "imported by start-up code itself"), ("packages", "packages at any depth")):
            lines += [f"Slowest start-up imports, {title} (`python -X importtime`, one start):", "",
                      "| module | cumulative | self |", "|---|---|---|"]
            lines += [f"| {name} | {cumulative:.1f} ms | {own:.1f} ms |" for name, cumulative, own in imports[view]]
            lines.append("")
    met = [r.met for r in results if r.met is not None]
    lines.append(f"Targets met: {sum(met)} of {len(met)}. Total benchmark time: {time.perf_counter() - started:.0f} s.")
    lines += ["", *failures] if failures else []
    return "\n".join(lines)


def write_results(output: str, path: Path) -> None:
    """Replace the generated block of RESULTS.md, or create the file with just that block."""
    block = f"{BEGIN}\n{output}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmark results\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(head + block + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer runs: a smoke test of the benchmarks")
    parser.add_argument("--write", action="store_true", help="also update bench/RESULTS.md")
    args = parser.parse_args()
    output = run(args.quick)
    print(output)
    if args.write:
        write_results(output, BENCH / "RESULTS.md")


if __name__ == "__main__":
    main()
