"""Guards the PySide6 pin in pyproject.toml.

PySide6 6.12.0 on Python < 3.12 drops a reference to True on every ``Signal.emit()`` (and to None on
void calls); a few thousand emits later the interpreter aborts. A long-running desktop app emits that
many within minutes, so the installed binding must survive it.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Probe(QObject):
    ping = Signal()
probe = Probe()
for _ in range(20000):
    probe.ping.emit()
    probe.setObjectName("x")
print("survived")
"""


def test_many_signal_emits_do_not_abort_the_interpreter() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
