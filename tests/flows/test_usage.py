"""Usage and spend, as a user sees them: the "7 days" column, the account's week beside the header, and
the usage view's bars, models and newest requests, each against the demo server's own log (both flavours).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QTableView, QTableWidget, QTabWidget, QToolTip, QWidget

from openkey_gui.demo import DemoServer
from openkey_gui.ui.token_cells import Column
from tests.demo.http_client import Client
from tests.flows.steps import token_on_row
from tests.helpers.truth import ServerTruth
from tests.helpers.user import User

DAY = 86_400
USAGE_PATHS = {"/api/log/self", "/api/log/self/stat", "/api/user/dashboard", "/api/data/self"}
SPENT_MODEL = "gpt-4o-mini"
UNITS = re.compile(r"\(([\d,]+) units\)")


def day_start(days: int) -> float:
    now = datetime.now(timezone.utc)
    return (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def spent(entries: list[dict[str, Any]], since: float, **match: Any) -> int:
    return sum(e["quota"] for e in entries if e["created_at"] >= since and all(e[k] == v for k, v in match.items()))


def units_in(text: str) -> int:
    found = UNITS.search(text)
    assert found, text
    return int(found.group(1).replace(",", ""))


def expected_week(truth: ServerTruth, entries: list[dict[str, Any]], token: dict[str, Any]) -> int:
    """New API logs the token's id; One API its name only (two tokens of one name share a figure)."""
    if truth.flavor == "one-api":
        return spent(entries, day_start(7), token_name=token["name"])
    return spent(entries, day_start(7), token_id=token["id"])


def spendable(token: dict[str, Any]) -> bool:
    """A token any client may spend with right now: enabled, quota left, unexpired, no IP or model limit."""
    import time

    expires = token.get("expired_time", -1)
    return (token["status"] == 1 and (token["unlimited_quota"] or token["remain_quota"] > 0)
            and (expires in (-1, 0) or expires > time.time()) and not token.get("subnet")
            and not token.get("allow_ips") and not token.get("model_limits_enabled") and not token.get("models"))


def spend_elsewhere(server: DemoServer, truth: ServerTruth) -> dict[str, Any]:
    """Another tool makes one chat request with one of the account's keys; the token it spent with."""
    token = next(t for t in truth.tokens() if spendable(t))
    chat = {"model": SPENT_MODEL, "messages": [{"role": "user", "content": "hi"}]}
    answer = Client(server, token=truth.key(token["id"]), user_header=None).post("/v1/chat/completions", chat)
    assert answer.status == 200, answer.body
    return token


def chart_tooltips(user: User, chart: QWidget, bars: int) -> list[str]:
    """Hover over the middle of each bar in turn, as a user would, and read what the tooltip says."""
    plot_left, plot_right = 64, chart.width() - 8  # the chart's axis and margin
    slot = (plot_right - plot_left) / bars
    texts: list[str] = []
    for index in range(bars):
        QTest.mouseMove(chart, QPoint(int(plot_left + slot * (index + 0.5)), chart.height() // 2))
        user.wait_until(lambda: QToolTip.isVisible() and QToolTip.text() not in texts)  # each day its own date
        texts.append(QToolTip.text())
    QTest.mouseMove(chart, QPoint(2, 2))
    return texts


def test_the_week_column_and_the_usage_view_match_the_servers_log(signed_in: User, truth: ServerTruth,
                                                                    server: DemoServer) -> None:
    user = signed_in
    entries = truth.log_entries()
    user.wait_until(lambda: user.cell(0, Column.SPEND) not in ("", "—"))
    # The column: every row on screen, to the quota unit (the tooltip a hover shows has the units).
    for row in range(min(8, user.table.model().rowCount())):
        token = token_on_row(user, truth, row)
        tip = str(user.table.model().index(row, Column.SPEND).data(Qt.ItemDataRole.ToolTipRole))
        assert units_in(tip) == expected_week(truth, entries, token), (row, token["name"], tip)
        assert user.cell(row, Column.SPEND) in tip
    # Sorting by it puts the biggest spender on top.
    user.click_header(Column.SPEND)
    user.click_header(Column.SPEND)
    top = token_on_row(user, truth, 0)
    week = max(expected_week(truth, entries, token_on_row(user, truth, row)) for row in range(5))
    assert expected_week(truth, entries, top) == week
    # The account's week beside the header.
    assert user.widget(QLabel, "accountWeekSpend").isVisible()

    # Ctrl+U: the usage view, for the whole account (nothing selected).
    user.table.clearSelection()
    user.press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    view = user.widget(QWidget, "usageView")
    total = user.widget(QLabel, "usageTotal")
    user.wait_until(lambda: view.isVisible() and total.text())
    assert "Whole account" in user.widget(QLabel, "usageScope").text()
    requests = sum(1 for e in entries if e["created_at"] >= day_start(7))
    assert f"{requests:,} requests" in total.text()
    chart = user.widget(QWidget, "usageChart")
    tips = chart_tooltips(user, chart, 7)
    for index, tip in enumerate(tips):
        start = day_start(7) + index * DAY
        assert units_in(tip) == sum(e["quota"] for e in entries if start <= e["created_at"] < start + DAY), tip
    models = user.widget(QTableWidget, "usageModels")
    shown = {models.item(row, 0).text(): int(models.item(row, 1).text().replace(",", ""))
             for row in range(models.rowCount())}
    by_model: dict[str, int] = {}
    for entry in entries:
        if entry["created_at"] >= day_start(7):
            by_model[entry["model_name"]] = by_model.get(entry["model_name"], 0) + 1
    assert shown == by_model  # every request in the split, model by model
    # The newest requests, from the log's first page.
    user.click(user.widget(QTabWidget, "usageTabs").tabBar(), user.widget(QTabWidget, "usageTabs").tabBar()
               .tabRect(1).center())
    recent = user.widget(QTableView, "usageRecent")
    user.wait_until(lambda: recent.model().rowCount() > 0)
    newest = entries[0]
    assert recent.model().index(0, 1).data() == newest["token_name"]
    assert recent.model().index(0, 2).data() == newest["model_name"]

    # One token: click its row; the view follows.
    user.click_row(0)
    user.wait_until(lambda: top["name"] in user.widget(QLabel, "usageScope").text())
    user.wait_until(lambda: "$" in total.text() and recent.model().rowCount() > 0)
    tips = chart_tooltips(user, chart, 7)
    assert sum(units_in(tip) for tip in tips) == expected_week(truth, entries, top)
    assert all(recent.model().index(r, 1).data() == top["name"] for r in range(recent.model().rowCount()))

    # Thirty days, from the period list.
    period = user.widget(QComboBox, "usagePeriod")
    user.click(period)
    user.press(Qt.Key.Key_Down, on=period.view())
    user.press(Qt.Key.Key_Return, on=period.view())
    user.wait_until(lambda: period.currentData() == 30 and "in 30 days" in total.text())
    tips = chart_tooltips(user, chart, 30)
    if truth.flavor == "one-api":
        month = spent(entries, day_start(30), token_name=top["name"])
    else:
        month = spent(entries, day_start(30), token_id=top["id"])
    assert sum(units_in(tip) for tip in tips) == month


def test_the_first_load_stays_within_the_request_budget(user: User, server: DemoServer, truth: ServerTruth) -> None:
    """Signing in and opening the usage view: at most 30 usage requests (the issue's budget)."""
    server.reset_requests()
    user.sign_in(server, expect_rows=truth.count())
    user.press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    recent = user.widget(QTableView, "usageRecent")
    user.wait_until(lambda: recent.model().rowCount() > 0 and user.cell(0, Column.SPEND) not in ("", "—"))
    user.wait_until(lambda: not user.widget(QWidget, "usageBusy").isVisible())
    usage = [path for _m, path, _q in server.requests if path in USAGE_PATHS]
    assert 2 <= len(usage) <= 30, usage


def test_a_failing_log_is_said_in_the_view_and_refresh_recovers(signed_in: User, server: DemoServer,
                                                                truth: ServerTruth) -> None:
    user = signed_in
    user.wait_until(lambda: user.cell(0, Column.SPEND) not in ("", "—"))
    user.click_row(1)
    server.fail_next(10, status=500, path="/api/log/self")  # the page and its retries
    user.press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    error = user.widget(QLabel, "usageError")
    user.wait_until(error.isVisible)
    assert error.text().startswith("Could not read the usage:") and "Traceback" not in error.text()
    server.clear_faults()
    user.click(user.widget(QWidget, "usageRefresh"))
    total = user.widget(QLabel, "usageTotal")
    user.wait_until(lambda: not error.isVisible() and "in 7 days" in total.text())
    token = token_on_row(user, truth, 1)
    assert token["name"] in user.widget(QLabel, "usageScope").text()


def test_while_a_token_s_figures_load_the_account_s_are_not_shown_under_its_name(
        signed_in: User, server: DemoServer, truth: ServerTruth) -> None:
    """On a slow site the view says it is loading the token's figures, instead of leaving the whole
    account's chart and total under the token's name until they come."""
    user = signed_in
    user.wait_until(lambda: user.cell(0, Column.SPEND) not in ("", "—"))
    user.table.clearSelection()
    user.press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    total, scope = user.widget(QLabel, "usageTotal"), user.widget(QLabel, "usageScope")
    chart = user.widget(QWidget, "usageChart")
    user.wait_until(lambda: "requests" in total.text())
    account_figures = (total.text(), chart.accessibleDescription())
    server.set_latency(1.5)
    user.click_row(0)
    token = token_on_row(user, truth, 0)
    user.wait_until(lambda: token["name"] in scope.text())
    user.qtbot.wait(300)  # well within the site's delay
    assert total.text() == "Loading…" and chart.accessibleDescription() == "", (total.text(), account_figures)
    server.set_latency(0)
    user.wait_until(lambda: "in 7 days" in total.text(), timeout=15_000)
    assert sum(units_in(tip) for tip in chart_tooltips(user, chart, 7)) == expected_week(truth, truth.log_entries(),
                                                                                         token)


def test_refresh_shows_what_was_spent_since(signed_in: User, server: DemoServer, truth: ServerTruth) -> None:
    """Another tool spends with a key; F5 brings the new request into the view and the column."""
    user = signed_in
    user.wait_until(lambda: user.cell(0, Column.SPEND) not in ("", "—"))
    user.table.clearSelection()
    user.press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    total = user.widget(QLabel, "usageTotal")
    user.wait_until(lambda: "requests" in total.text())
    before = sum(1 for e in truth.log_entries() if e["created_at"] >= day_start(7))
    assert f"{before:,} requests" in total.text()
    enabled = spend_elsewhere(server, truth)
    after = sum(1 for e in truth.log_entries() if e["created_at"] >= day_start(7))
    assert after == before + 1  # the server logged it
    user.press(Qt.Key.Key_F5)
    user.wait_until(lambda: f"{after:,} requests" in total.text())
    recent = user.widget(QTableView, "usageRecent")
    user.wait_until(lambda: recent.model().rowCount() > 0)
    assert recent.model().index(0, 1).data() == enabled["name"] and recent.model().index(0, 2).data() == SPENT_MODEL


def test_each_site_shows_its_own_week_and_a_switch_back_asks_nothing(qtbot: Any, window: Any) -> None:
    """Two sites signed in together: the column is each site's own log, and switching back (Ctrl+1)
    shows the figures read before without a usage request."""
    with DemoServer(flavor="one-api", tokens=12, seed=21, critical_rate_limit=None) as alpha, \
            DemoServer(flavor="new-api", tokens=9, seed=22, critical_rate_limit=None) as beta:
        user = User(qtbot, window)
        truths = {alpha: ServerTruth(alpha), beta: ServerTruth(beta)}
        for server in (alpha, beta):
            user.sign_in(server, expect_rows=truths[server].count())
            user.wait_until(lambda: user.cell(0, Column.SPEND) not in ("", "—"))
        for key, server in ((Qt.Key.Key_1, alpha), (Qt.Key.Key_2, beta)):
            server_truth = truths[server]
            server.reset_requests()
            user.press(key, Qt.KeyboardModifier.ControlModifier)
            user.wait_until(lambda: user.table.model().rowCount() == server_truth.count()  # noqa: B023
                            and user.cell(0, Column.SPEND) not in ("", "—"))
            asked = [p for _m, p, _q in server.requests if p in USAGE_PATHS]  # before the truth reads the log
            entries = server_truth.log_entries()
            for row in range(min(5, user.table.model().rowCount())):
                token = token_on_row(user, server_truth, row)
                tip = str(user.table.model().index(row, Column.SPEND).data(Qt.ItemDataRole.ToolTipRole))
                assert units_in(tip) == expected_week(server_truth, entries, token)
            if server is alpha:  # read when it was signed in; the switch back asks again for nothing
                assert not asked, asked


def test_each_account_row_says_what_was_spent_today(qtbot: Any, window: Any) -> None:
    """The sidebar's rows: the shown account's and the other's spend since midnight UTC, each equal to
    the sum of that site's own log entries since then."""
    from PySide6.QtWidgets import QListWidget

    from openkey_gui.api.quota import format_money

    with DemoServer(flavor="one-api", tokens=12, seed=21, critical_rate_limit=None, system_name="Alpha") as alpha, \
            DemoServer(flavor="new-api", tokens=9, seed=22, critical_rate_limit=None, system_name="Beta") as beta:
        user = User(qtbot, window)
        user.sign_in(alpha, expect_rows=ServerTruth(alpha).count())
        spend_elsewhere(alpha, ServerTruth(alpha))  # so that Alpha's today is not nothing
        user.sign_in(beta, expect_rows=ServerTruth(beta).count())  # Beta shown, Alpha beside it
        listing = user.widget(QListWidget, "accountList")
        user.wait_until(lambda: listing.count() == 2
                        and all("today" in listing.item(i).text() for i in range(2)))
        for row, server in enumerate((alpha, beta)):
            today = spent(ServerTruth(server).log_entries(), day_start(1))
            assert f"today {format_money(today)}" in listing.item(row).text(), listing.item(row).text()
            assert today > 0 or server is beta
