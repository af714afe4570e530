"""The floor for start-up and memory: a bare PySide6 ``QMainWindow``, shown, and nothing else.

Prints ``bare-window-probe: shown`` once the window has been shown and the event loop has turned once
(the same moment the app's ``openkey-startup-probe`` line marks: window up, table filled, events
processed). With ``--rss`` it also prints its peak resident set size, ``bare-window-probe: rss <MiB>``.
It imports exactly what any PySide6 window must (``QtWidgets``), so the start-up ratio measures what
OpenKey Desktop adds on top of Qt itself.
"""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 680)  # the main window's size
    window.show()

    def shown() -> None:
        print("bare-window-probe: shown", flush=True)
        if "--rss" in sys.argv:
            from benchlib import peak_rss_mb

            print(f"bare-window-probe: rss {peak_rss_mb():.2f}", flush=True)
        if "--stay" not in sys.argv:
            app.quit()

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
