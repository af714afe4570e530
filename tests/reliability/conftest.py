"""Reliability tests: their summary (fault matrix, fuzz count, secrets scan, soak) ends the pytest output."""

from __future__ import annotations

from typing import Any

from tests.reliability.report import sections


def pytest_terminal_summary(terminalreporter: Any) -> None:
    notes = sections()
    if not notes:
        return
    terminalreporter.section("reliability report (issue 7)")
    for name, lines in notes.items():
        terminalreporter.write_line(f"{name}:")
        for line in lines:
            terminalreporter.write_line(f"  {line}")
