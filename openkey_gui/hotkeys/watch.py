"""The one way a backend starts the thread that holds its shortcut: wait until it says whether it got it.

The X11 and Windows backends register the combination on a thread of their own (X11 on its own
connection, Windows with its own message loop; macOS needs none) and report back once: ``None`` when
it is held, or the reason it is not. A thread that never reports (an X server or a Windows that does
not answer) is given up on after ``START_TIMEOUT_S``, so choosing a shortcut never hangs Preferences.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from openkey_gui.hotkeys.keys import Unavailable, UnavailableError

START_TIMEOUT_S = 5.0

Outcome = list[UnavailableError | None]


def start_watch(run: Callable[[threading.Event, Outcome], None], *, name: str, silence: str,
                give_up: Callable[[threading.Thread], None]) -> threading.Thread:
    """Run ``run(started, outcome)`` on a daemon thread; return the thread once it holds the shortcut.

    Raises the reason it reported, or ``UnavailableError`` (FAILED, ``silence``) when it said nothing in
    time, after ``give_up(thread)`` has asked it to end.
    """
    started = threading.Event()
    outcome: Outcome = []
    thread = threading.Thread(target=run, args=(started, outcome), name=name, daemon=True)
    thread.start()
    if not started.wait(START_TIMEOUT_S) or not outcome:
        give_up(thread)
        raise UnavailableError(Unavailable.FAILED, silence)
    if outcome[0] is not None:
        thread.join(1)
        raise outcome[0]
    return thread
