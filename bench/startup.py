"""Start-up time: process start → window shown with the demo server's tokens listed, against its floor.

Run: ``python bench/startup.py [--runs 7] [--flavor one-api] [--tokens 100] [--importtime]``.

Each run launches ``main.py --demo`` in a fresh process (offscreen) and reads the moment the table was
filled from the app's own marker line (``OPENKEY_STARTUP_PROBE=1``). The floor is ``bare_window.py``: a
bare PySide6 ``QMainWindow`` shown in a fresh process, which is the least any PySide6 app can do. The two
are launched alternately, so that a noisy neighbour slows both alike, and compared by their medians.

``--importtime`` also runs the app once under ``python -X importtime`` and lists what start-up imports,
by cumulative time: the first place to look when the ratio grows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchlib import BENCH, ROOT, Result, emit, gui_env, run_until_marker, temp_settings_path

APP_MARKER = "openkey-startup-probe: listed"
BARE_MARKER = "bare-window-probe: shown"


def app_argv(flavor: str, tokens: int, *, importtime: bool = False) -> list[str]:
    # a throwaway INI: QSettings writes by renaming a temp file, which would replace /dev/null itself
    return [sys.executable, *(["-X", "importtime"] if importtime else []), str(ROOT / "main.py"),
            "--demo", flavor, "--demo-tokens", str(tokens), "--settings", temp_settings_path()]


def one_run(flavor: str, tokens: int) -> float:
    """Seconds from spawning ``main.py --demo`` to its "listed" marker."""
    elapsed, _ = run_until_marker(app_argv(flavor, tokens), APP_MARKER, env=gui_env(OPENKEY_STARTUP_PROBE="1"))
    return elapsed


def bare_run() -> float:
    elapsed, _ = run_until_marker([sys.executable, str(BENCH / "bare_window.py")], BARE_MARKER)
    return elapsed


def importtime_report(flavor: str, tokens: int, count: int = 12) -> dict[str, list[tuple[str, float, float]]]:
    """The slowest imports of one real start-up: (module, cumulative ms, self ms), two views.

    ``top``: imports made by the app's own start-up code, by cumulative time (``-X importtime`` indents
    what those pull in, so this reads as "what start-up chose to load"). ``packages``: every package
    that start-up loads at any depth (first dotted part only), by cumulative time, which is where a
    heavy third-party dependency (requests, keyring) shows up even when it is pulled in indirectly.
    """
    log = Path(tempfile.mkdtemp(prefix="openkey-importtime-")) / "importtime.txt"
    run_until_marker(app_argv(flavor, tokens, importtime=True), APP_MARKER,
                     env=gui_env(OPENKEY_STARTUP_PROBE="1"), stderr_path=str(log))
    top: list[tuple[str, float, float]] = []
    packages: dict[str, tuple[str, float, float]] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|", 2)
        row = (name.strip(), int(cumulative) / 1000, int(own) / 1000)
        if not name[1:].startswith(" "):  # not nested: imported by start-up code itself
            top.append(row)
        package = "." not in row[0] and row[0] not in {"openkey_gui", "site", "encodings"}
        if package and (row[0] not in packages or packages[row[0]][1] < row[1]):
            packages[row[0]] = row
    by_time = sorted(packages.values(), key=lambda r: r[1], reverse=True)
    return {"top": sorted(top, key=lambda r: r[1], reverse=True)[:count], "packages": by_time[:count]}


def measure(runs: int, flavor: str, tokens: int, *, importtime: bool = False) -> list[Result]:
    bare_run()  # warm the file cache for both, so the first sample is not an outlier
    one_run(flavor, tokens)
    app: list[float] = []
    bare: list[float] = []
    for _ in range(runs):
        bare.append(bare_run())
        app.append(one_run(flavor, tokens))
    bare_result = Result.of("bare PySide6 QMainWindow shown (floor)", [t * 1000 for t in bare])
    app_result = Result.of(
        f"start-up → {tokens} tokens listed ({flavor} demo)", [t * 1000 for t in app],
        floor=bare_result.value, target_ratio=1.5,
    )
    if importtime:
        app_result.extra["importtime"] = importtime_report(flavor, tokens)
    return [app_result, bare_result]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--flavor", default="one-api")
    parser.add_argument("--tokens", type=int, default=100)
    parser.add_argument("--importtime", action="store_true", help="also list the slowest start-up imports")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = measure(args.runs, args.flavor, args.tokens, importtime=args.importtime)
    emit(results, args.json)
    for view, rows in results[0].extra.get("importtime", {}).items():
        print(f"slowest imports ({view}):")
        for name, cumulative, own in rows:
            print(f"  {cumulative:7.1f} ms cumulative {own:6.1f} ms self  {name}")


if __name__ == "__main__":
    main()
