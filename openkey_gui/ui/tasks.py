"""Runs client calls off the GUI thread and hands their outcome back on it.

Every network call goes through :class:`TaskRunner`: the window never waits on the network, and only
the GUI thread ever sees the result (queued signals), so models and widgets are touched from one thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it so slots run on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class Task:
    """One background call. ``cancel()`` drops its outcome (the call itself cannot be interrupted)."""

    __slots__ = ("cancelled", "done", "label")

    def __init__(self, label: str) -> None:
        self.label = label
        self.cancelled = False
        self.done = False

    def cancel(self) -> None:
        self.cancelled = True


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self._fn()
        except BaseException as exc:  # every failure must reach the GUI, never the void
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Submits callables to a thread pool and reports busy state for a progress indicator."""

    #: Emitted with the number of calls still running (0 means idle) and the latest call's label.
    busy_changed = Signal(int, str)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: dict[Task, _Relay] = {}

    @property
    def running(self) -> int:
        return len(self._running)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str = "",
    ) -> Task:
        """Call ``fn()`` on a pool thread; then ``on_success(result)`` or ``on_error(exc)`` on this thread."""
        task = Task(label)
        relay = _Relay(self)

        def finish() -> None:
            task.done = True
            self._running.pop(task, None)
            relay.deleteLater()
            self.busy_changed.emit(len(self._running), label)

        def succeeded(result: object) -> None:
            finish()
            if not task.cancelled and on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            finish()
            if task.cancelled:
                return
            if on_error is None:
                log.error("background task %r failed: %s", label, type(exc).__name__)
                return
            on_error(exc)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._running[task] = relay
        self.busy_changed.emit(len(self._running), label)
        self._pool.start(_Job(fn, relay))
        return task

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle; for shutdown and tests only, never from a GUI action."""
        return self._pool.waitForDone(msecs)
