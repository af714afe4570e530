"""The debounce helper: a burst of requests runs the action once, after the quiet period."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from openkey_gui.ui.debounce import Debounce


def test_a_burst_runs_once(qtbot: QtBot) -> None:
    calls: list[int] = []
    debounce = Debounce(lambda: calls.append(1), 30)
    for _ in range(5):
        debounce.start("signal", "arguments")
    assert debounce.is_pending() and calls == []
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    qtbot.wait(80)
    assert calls == [1]


def test_flush_runs_now_and_stop_cancels(qtbot: QtBot) -> None:
    calls: list[int] = []
    debounce = Debounce(lambda: calls.append(1), 10_000)
    debounce.start()
    debounce.flush()
    assert calls == [1] and not debounce.is_pending()
    debounce.start()
    debounce.stop()
    debounce.flush()
    assert calls == [1]
