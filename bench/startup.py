"""Start-up time: process start → window shown with the demo server's tokens listed.

Run: ``python bench/startup.py [--runs 5] [--flavor one-api]``. It launches ``main.py --demo`` in a fresh
process each run (offscreen) and reads the moment the table was filled from the app's own marker line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(flavor: str, tokens: int) -> float:
    # a throwaway INI: QSettings writes by renaming a temp file, which would replace /dev/null itself
    settings = Path(tempfile.mkdtemp()) / "settings.ini"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPENKEY_STARTUP_PROBE": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--demo", flavor, "--demo-tokens", str(tokens),
         "--settings", str(settings)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("openkey-startup-probe: listed"):
            elapsed = time.perf_counter() - started
            proc.terminate()
            proc.wait(10)
            return elapsed
    proc.wait(10)
    raise RuntimeError("the app exited before listing tokens")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--flavor", default="one-api")
    parser.add_argument("--tokens", type=int, default=100)
    args = parser.parse_args()
    times = [one_run(args.flavor, args.tokens) for _ in range(args.runs)]
    print(f"start-up to {args.tokens} listed tokens ({args.flavor}, {args.runs} runs): "
          f"median {statistics.median(times):.3f} s, max {max(times):.3f} s")


if __name__ == "__main__":
    main()
