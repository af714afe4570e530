"""Shared helpers for the benchmarks: statistics, result rows, subprocess plumbing, demo servers.

Every benchmark script can run alone (``python bench/<name>.py``) and prints a readable summary; with
``--json`` it prints one machine-readable line (``BENCH-JSON: [...]``) that ``run_all.py`` collects.
Measurements that involve start-up or memory always run in fresh subprocesses, because a process
that has already imported Qt or allocated 10,000 tokens would flatter the next measurement.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
JSON_MARK = "BENCH-JSON: "


# -- statistics -----------------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """Linear-interpolated percentile; with few samples p95 leans on the slowest one, as it should."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 0.5)


def p95(values: Sequence[float]) -> float:
    return percentile(values, 0.95)


# -- result rows ----------------------------------------------------------------------------------


@dataclass
class Result:
    """One line of the summary table.

    ``value`` is the median and ``p95`` the 95th percentile of the samples (the same number when
    there is one sample), both in ``unit``; ``floor`` is the median of the floor measured in the same
    run, and ``ratio`` is value / floor. The target is one of: ``target_ratio`` (ratio ≤ it),
    ``target_value`` (a limit in ``unit``) or ``target_delta`` (value − floor ≤ it), and it is judged on
    the statistic named by ``judge`` ("median" or "p95"). ``met`` is None for informational rows.
    """

    metric: str
    value: float
    unit: str = "ms"
    p95: float | None = None
    floor: float | None = None
    target_ratio: float | None = None
    target_value: float | None = None
    target_delta: float | None = None
    judge: str = "median"
    samples: int = 1
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, metric: str, samples: Sequence[float], **kwargs: Any) -> Result:
        return cls(metric, median(samples), p95=p95(samples), samples=len(samples), **kwargs)

    @property
    def judged(self) -> float:
        return self.p95 if self.judge == "p95" and self.p95 is not None else self.value

    @property
    def ratio(self) -> float | None:
        if self.floor is None or not self.floor or math.isnan(self.value):
            return None
        return self.value / self.floor

    @property
    def met(self) -> bool | None:
        if math.isnan(self.judged):
            return None
        if self.target_ratio is not None:
            if self.floor is None or not self.floor:
                return None
            return self.judged / self.floor <= self.target_ratio
        if self.target_value is not None:
            return self.judged <= self.target_value
        if self.target_delta is not None and self.floor is not None:
            return self.judged - self.floor <= self.target_delta
        return None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["met"] = self.met
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})

    def target_text(self) -> str:
        on = " (p95)" if self.judge == "p95" else ""
        if self.target_ratio is not None:
            return f"≤ {self.target_ratio:g}× floor{on}"
        if self.target_value is not None:
            return f"≤ {fmt_value(self.target_value, self.unit)}{on}"
        if self.target_delta is not None:
            return f"≤ floor + {fmt_value(self.target_delta, self.unit)}{on}"
        return "—"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit in ("requests", "count"):
        return f"{value:g}"
    return f"{value:g} {unit}"


def table(results: Sequence[Result]) -> str:
    """A Markdown table: readable in a terminal and in RESULTS.md alike."""
    header = ("metric", "median", "p95", "n", "floor", "ratio", "target", "met?")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in results:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}"
        met = {True: "yes", False: "**NO**", None: "—"}[r.met]
        metric = r.metric + (f" ({r.note})" if r.note else "")
        p95_text = "—" if r.p95 is None or r.samples < 2 else fmt_value(r.p95, r.unit)
        cells = (metric, fmt_value(r.value, r.unit), p95_text, str(r.samples), fmt_value(r.floor, r.unit),
                 ratio, r.target_text(), met)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def emit(results: Sequence[Result], as_json: bool) -> None:
    """Print the table for a human, and the JSON line for ``run_all.py`` when asked."""
    print(table(results), flush=True)
    if as_json:
        print(JSON_MARK + json.dumps([r.to_json() for r in results], ensure_ascii=False), flush=True)


# -- processes ------------------------------------------------------------------------------------


PYCACHE = Path(tempfile.gettempdir()) / "openkey-bench-pycache"


def gui_env(**extra: str) -> dict[str, str]:
    """The environment of every child process: offscreen Qt, and bytecode caching on.

    Offscreen, so the benchmarks run on a headless machine and never depend on a compositor. Bytecode
    caching, because an installed app (pip, or the frozen bundle) always has its ``.pyc`` files, while
    this machine's shell sets ``PYTHONDONTWRITEBYTECODE=1``: without a cache every start recompiles
    every module of the app from source. The cache goes to a directory of its own
    (``PYTHONPYCACHEPREFIX``), so the source tree gets no ``__pycache__`` folders.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def temp_settings_path() -> str:
    """A fresh INI path. Never os.devnull: QSettings renames a temp file over its path on sync."""
    return str(Path(tempfile.mkdtemp(prefix="openkey-bench-")) / "settings.ini")


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident set size (VmHWM) of a live process, in MiB; Linux only (NaN elsewhere)."""
    path = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in path.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    if pid is None:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return math.nan


def run_until_marker(
    argv: Sequence[str], marker: str, *, env: dict[str, str] | None = None, timeout: float = 60.0,
    stderr_path: str | None = None,
) -> tuple[float, str]:
    """Start ``argv`` and return (seconds from spawn to the first stdout line starting with ``marker``, line).

    The child is terminated right after; its stderr goes to a file (or nowhere) so that a chatty child
    (``-X importtime``) can never block on a full pipe before reaching the marker.
    """
    err: Any = subprocess.DEVNULL
    if stderr_path is not None:
        err = open(stderr_path, "w", encoding="utf-8")  # noqa: SIM115 - closed below, after the child ends
    started = time.perf_counter()
    proc = subprocess.Popen(list(argv), env=env or gui_env(), stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        assert proc.stdout is not None
        deadline = started + timeout
        for line in proc.stdout:
            if line.startswith(marker):
                return time.perf_counter() - started, line.strip()
            if time.perf_counter() > deadline:
                break
        raise RuntimeError(f"{argv[1] if len(argv) > 1 else argv[0]} ended without printing {marker!r}")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if err is not subprocess.DEVNULL:
            err.close()


def run_bench_script(name: str, args: Sequence[str] = (), timeout: float = 240.0) -> list[Result]:
    """Run ``bench/<name>`` with ``--json`` in a fresh interpreter and return its rows."""
    proc = subprocess.run(
        [sys.executable, str(BENCH / name), "--json", *args],
        env=gui_env(), capture_output=True, text=True, timeout=timeout, check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(JSON_MARK):
            return [Result.from_json(item) for item in json.loads(line[len(JSON_MARK) :])]
    tail = (proc.stderr or proc.stdout)[-2000:]
    raise RuntimeError(f"{name} failed (exit {proc.returncode}):\n{tail}")


# -- the demo server in its own process -----------------------------------------------------------


class DemoProcess:
    """A :class:`openkey_gui.demo.DemoServer` running in a child process, steered over a pipe.

    A real site is another process (another machine, even): running the demo server in the client's
    own interpreter would make the client's threads and the server's handler threads take turns on
    one GIL, so concurrency would be measured against a server that slows down exactly when the
    client speeds up. ``requests()`` returns ``server.requests`` from the child.
    """

    def __init__(self, flavor: str, tokens: int, *, seed: int = 1, nice: int = 0) -> None:
        """``nice`` lowers the server's CPU priority: several sites served from this machine's two cores
        would otherwise take the CPU from the client under test, which a remote site never does."""
        argv = [sys.executable, str(BENCH / "_demo_process.py"), "--flavor", flavor, "--tokens", str(tokens),
                "--seed", str(seed)]
        self._proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        if nice and hasattr(os, "setpriority"):
            os.setpriority(os.PRIO_PROCESS, self._proc.pid, nice)
        first = self._read()
        self.url: str = first["url"]
        self.username: str = first["username"]
        self.password: str = first["password"]
        self.flavor = flavor
        self.tokens = tokens

    def _read(self) -> dict[str, Any]:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the demo server process ended unexpectedly")
        return json.loads(line)

    def _ask(self, command: str) -> dict[str, Any]:
        assert self._proc.stdin is not None
        self._proc.stdin.write(command + "\n")
        self._proc.stdin.flush()
        return self._read()

    def requests(self) -> list[list[str]]:
        return self._ask("requests")["requests"]

    def reset_requests(self) -> None:
        self._ask("reset")

    def set_latency(self, seconds: float) -> None:
        self._ask(f"latency {seconds}")

    def stop(self) -> None:
        if self._proc.poll() is None:
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                self._ask("quit")
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

    def __enter__(self) -> DemoProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def demo_process(flavor: str, tokens: int, **kwargs: Any) -> Iterator[DemoProcess]:
    server = DemoProcess(flavor, tokens, **kwargs)
    try:
        yield server
    finally:
        server.stop()


# -- tokens without a server ----------------------------------------------------------------------


def seeded_tokens(count: int, flavor: str = "one-api", seed: int = 1) -> list[Any]:
    """``count`` realistic tokens (the demo server's mix), parsed as the client would parse them."""
    from openkey_gui.api.parse import parse_token
    from openkey_gui.demo.seed import seed_tokens
    from openkey_gui.demo.server import DEFAULT_MODELS

    rows = seed_tokens(flavor, count, seed=seed, now=int(time.time()), models=DEFAULT_MODELS)
    return sorted((parse_token(row) for row in rows), key=lambda t: t.id, reverse=True)


# -- the machine ----------------------------------------------------------------------------------


def machine_description() -> str:
    """What RESULTS.md must say about where its figures came from."""
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except ImportError:  # pragma: no cover - the app cannot run without it either
        qt = "PySide6 missing"
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        total_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f", {total_kb / 1024 / 1024:.1f} GiB RAM"
    now = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (
        f"- date: {now}\n"
        f"- CPU: {cpu}; nproc {usable}{mem}\n"
        f"- OS: {platform.platform()}\n"
        f"- Python {platform.python_version()} ({platform.python_implementation()}); {qt}; "
        f"QT_QPA_PLATFORM=offscreen"
    )
