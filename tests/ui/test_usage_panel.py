"""The usage dock: its chart code loads only when it is first opened, it reopens where it was left, and
its scope is the one selected token or else the whole account."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from openkey_gui.demo import DemoServer
from openkey_gui.ui.settings import AppSettings
from openkey_gui.ui.usage_chart import Bar, BarChart
from tests.helpers.app import close_window, open_window
from tests.helpers.user import User

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from openkey_gui.credentials import CredentialStore
from openkey_gui.ui.main_window import MainWindow
from openkey_gui.ui.settings import AppSettings
from tests.support import MemoryKeyring
window = MainWindow(AppSettings(sys.argv[1]), CredentialStore(MemoryKeyring()))
window.show()
app.processEvents()
print("before", "openkey_gui.ui.usage_chart" in sys.modules, "openkey_gui.ui.usage_view" in sys.modules)
window.acts.usage.trigger()
app.processEvents()
print("after", "openkey_gui.ui.usage_chart" in sys.modules, window.usage.dock.isVisible())
"""


def test_start_up_loads_no_chart_code_until_the_view_opens(tmp_path: Path) -> None:
    answer = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "settings.ini")], cwd=ROOT, text=True,
                            capture_output=True, timeout=120, env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert answer.returncode == 0, answer.stderr
    assert "before False False" in answer.stdout and "after True True" in answer.stdout


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}


def test_the_view_reopens_where_it_was_left(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path)
    user = User(qtbot, window)
    user.trigger(user.action("usage"))  # View → Usage
    assert window.usage.dock is not None and window.usage.dock.isVisible()
    close_window(window)
    again = open_window(qtbot, settings=AppSettings(str(tmp_path / "settings.ini")))
    assert again.acts.usage.isChecked() and again.usage.dock is not None and again.usage.dock.isVisible()
    again.usage.dock.close()  # the dock's own close button
    assert not again.acts.usage.isChecked()
    close_window(again)


def test_one_selected_token_or_else_the_whole_account(qtbot: QtBot, tmp_path: Path) -> None:
    with DemoServer(flavor="new-api", tokens=12, seed=3, critical_rate_limit=None) as server:
        window = open_window(qtbot, tmp_path)
        user = User(qtbot, window)
        user.sign_in(server, expect_rows=12)
        user.press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
        scope = user.widget(QLabel, "usageScope")
        user.click_row(2)
        name = user.cell(2, 0)
        user.wait_until(lambda: name in scope.text())
        user.click_row(4, Qt.KeyboardModifier.ControlModifier)  # two rows: the account
        user.wait_until(lambda: "Whole account" in scope.text())
        close_window(window)


def test_the_chart_follows_the_palette_and_rounds_its_axis(qtbot: QtBot) -> None:
    chart = BarChart(lambda units: f"${units / 500_000:.2f}", lambda units: units / 500_000)
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_bars([Bar(value, f"d{value}", f"tip {value}") for value in (0, 700_000, 300_000)])
    palette = chart.palette()
    palette.setColor(palette.ColorRole.Highlight, QColor("#ff0000"))
    palette.setColor(palette.ColorRole.Base, QColor("#101010"))
    chart.setPalette(palette)
    image = chart.grab().toImage()
    bar = chart.bar_at(QPoint(int(64 + (400 - 72) * 0.5), 150))  # the middle bar's column
    assert bar == 1
    assert image.pixelColor(int(64 + (400 - 72) * 0.5), 170).name() == "#ff0000"
    assert image.pixelColor(395, 5).name() == "#101010"
    assert chart.axis_top() == 1_000_000  # a $1.40 peak: four round steps of $0.50, up to $2.00


def test_a_period_with_nothing_spent_has_no_money_scale(qtbot: QtBot) -> None:
    """All days at zero: only $0.00 at the foot of the axis, not steps of fractions of a cent."""
    chart = BarChart(lambda units: f"${units / 500_000:.6f}", lambda units: units / 500_000)
    qtbot.addWidget(chart)
    chart.resize(400, 200)
    chart.set_bars([Bar(0, f"d{day}", "") for day in range(7)], "Nothing spent in this period.")
    palette = chart.palette()
    palette.setColor(palette.ColorRole.Base, QColor("#101010"))
    chart.setPalette(palette)
    image = chart.grab().toImage()
    axis_above_foot = {image.pixelColor(x, y).name() for x in range(0, 60) for y in range(0, 150)}
    assert axis_above_foot == {"#101010"}  # no label drawn up the axis
