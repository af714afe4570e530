"""Numbers the reliability tests produce, printed at the end of the run (the issue asks to see them).

Tests call :func:`note`; ``conftest.py`` prints every note in pytest's terminal summary, so the fault
matrix, the fuzz count, the secrets scan and the soak result appear in the output of a plain ``pytest``.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_notes: dict[str, list[str]] = {}


def note(section: str, line: str) -> None:
    with _lock:
        _notes.setdefault(section, []).append(line)


def sections() -> dict[str, list[str]]:
    with _lock:
        return {name: list(lines) for name, lines in _notes.items()}
