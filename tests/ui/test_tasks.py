"""TaskRunner: calls run on a pool thread, their outcome comes back on the GUI thread (or not at all)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from openkey_gui.ui.tasks import TaskRunner

WAIT_MS = 5_000


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.cancel_all()
    r.wait_for_done(WAIT_MS)
    qtbot.waitUntil(lambda: r.running == 0, timeout=WAIT_MS)


def test_the_call_runs_on_a_pool_thread_and_success_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = threading.current_thread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def succeeded(result: int) -> None:
        seen["result"], seen["callback"] = result, threading.current_thread()

    task = runner.run(work, on_success=succeeded, on_error=lambda exc: pytest.fail(repr(exc)), label="answer")
    assert task.label == "answer" and not task.done
    qtbot.waitUntil(lambda: "result" in seen, timeout=WAIT_MS)
    assert seen["result"] == 42
    assert seen["worker"] is not gui
    assert seen["callback"] is gui
    assert task.done and runner.running == 0


def test_a_failure_reaches_on_error_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = threading.current_thread()
    failures: list[tuple[BaseException, threading.Thread]] = []
    boom = ValueError("boom")

    def work() -> None:
        raise boom

    runner.run(work, on_success=lambda _: pytest.fail("no result expected"),
               on_error=lambda exc: failures.append((exc, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert failures == [(boom, gui)]


def test_even_a_base_exception_reaches_on_error(qtbot: QtBot, runner: TaskRunner) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise SystemExit(3)  # never lost in the pool, never ends the app from a worker

    runner.run(work, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert isinstance(failures[0], SystemExit) and failures[0].code == 3


def test_a_failure_without_on_error_is_logged(qtbot: QtBot, runner: TaskRunner,
                                              caplog: pytest.LogCaptureFixture) -> None:
    def work() -> None:
        raise KeyError("nobody listens")

    with caplog.at_level(logging.ERROR, logger="openkey_gui.ui.tasks"):
        task = runner.run(work, label="orphan")
        qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    messages = [r.getMessage() for r in caplog.records if r.name == "openkey_gui.ui.tasks"]
    assert messages == ["background task 'orphan' failed: KeyError"]


def test_cancel_drops_the_callbacks(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    finished = threading.Event()
    called: list[object] = []

    def work() -> str:
        release.wait(WAIT_MS / 1000)
        finished.set()
        return "late"

    def fail() -> None:
        release.wait(WAIT_MS / 1000)
        raise RuntimeError("late too")

    ok = runner.run(work, on_success=called.append, on_error=called.append)
    bad = runner.run(fail, on_success=called.append, on_error=called.append)
    kept = runner.run(lambda: "kept", on_success=called.append)
    ok.cancel()
    bad.cancel()
    release.set()
    qtbot.waitUntil(lambda: ok.done and bad.done and kept.done, timeout=WAIT_MS)
    qtbot.wait(50)  # anything still queued for the GUI thread is delivered now
    assert finished.is_set()  # the call itself ran: cancel() cannot interrupt it
    assert called == ["kept"]
    assert ok.cancelled and bad.cancelled and not kept.cancelled
    assert runner.running == 0


def test_cancel_all_drops_every_running_call(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    called: list[object] = []
    tasks = [runner.run(lambda: release.wait(WAIT_MS / 1000), on_success=called.append) for _ in range(3)]
    assert runner.running == 3
    runner.cancel_all()
    release.set()
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=WAIT_MS)
    assert called == [] and runner.running == 0
    after = runner.run(lambda: "after", on_success=called.append)  # the runner is still usable
    qtbot.waitUntil(lambda: after.done, timeout=WAIT_MS)
    assert called == ["after"]


def test_busy_changed_counts_the_calls_still_running(qtbot: QtBot, runner: TaskRunner) -> None:
    busy: list[tuple[int, str]] = []
    runner.busy_changed.connect(lambda count, label: busy.append((count, label)))
    first_go, second_go = threading.Event(), threading.Event()
    first = runner.run(lambda: first_go.wait(WAIT_MS / 1000), label="first")
    second = runner.run(lambda: second_go.wait(WAIT_MS / 1000), label="second")
    assert busy == [(1, "first"), (2, "second")]
    assert runner.running == 2
    second_go.set()
    qtbot.waitUntil(lambda: second.done, timeout=WAIT_MS)
    assert busy[-1] == (1, "second") and runner.running == 1
    first_go.set()
    qtbot.waitUntil(lambda: first.done, timeout=WAIT_MS)
    assert busy == [(1, "first"), (2, "second"), (1, "second"), (0, "first")]
    assert runner.running == 0


def test_busy_changed_counts_failures_and_cancelled_calls_too(qtbot: QtBot, runner: TaskRunner) -> None:
    busy: list[int] = []
    runner.busy_changed.connect(lambda count, _label: busy.append(count))

    def fail() -> None:
        raise OSError("down")

    failing = runner.run(fail, on_error=lambda _: None)
    cancelled = runner.run(lambda: None)
    cancelled.cancel()
    qtbot.waitUntil(lambda: failing.done and cancelled.done, timeout=WAIT_MS)
    assert busy[:2] == [1, 2] and busy[-1] == 0 and len(busy) == 4


def test_wait_for_done_blocks_until_the_pool_is_idle(qtbot: QtBot, runner: TaskRunner) -> None:
    finished = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        time.sleep(0.3)
        finished.set()
        return "done"

    task = runner.run(slow, on_success=delivered.append)
    assert runner.wait_for_done(WAIT_MS) is True
    assert finished.is_set()  # the call has returned…
    assert delivered == [] and not task.done  # …but its outcome waits for the GUI thread's event loop
    qtbot.waitUntil(lambda: delivered == ["done"], timeout=WAIT_MS)
    assert task.done


def test_wait_for_done_gives_up_after_its_timeout(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    runner.run(lambda: release.wait(WAIT_MS / 1000))
    started = time.monotonic()
    assert runner.wait_for_done(100) is False
    assert time.monotonic() - started < 2
    release.set()
    assert runner.wait_for_done(WAIT_MS) is True


def test_max_threads_limits_the_calls_running_at_once(qtbot: QtBot) -> None:
    runner = TaskRunner(max_threads=1)
    release = threading.Event()
    order: list[str] = []

    def first() -> None:
        order.append("first started")
        release.wait(WAIT_MS / 1000)
        order.append("first ended")

    runner.run(first)
    second = runner.run(lambda: order.append("second started"))
    qtbot.waitUntil(lambda: bool(order), timeout=WAIT_MS)
    time.sleep(0.1)
    assert order == ["first started"]  # the second waits for the only thread
    release.set()
    assert runner.wait_for_done(WAIT_MS)
    assert order == ["first started", "first ended", "second started"]
    qtbot.waitUntil(lambda: second.done, timeout=WAIT_MS)
