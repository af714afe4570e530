"""The once-a-day rule of the check-in, without Qt."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from openkey_gui.checkin_days import CheckinDay, CheckinDecision, automatic, by_hand, parse_day

TODAY = date(2026, 12, 2)
YESTERDAY = TODAY - timedelta(days=1)


def test_by_hand_once_a_day() -> None:
    assert by_hand(CheckinDay(True, None), TODAY) is CheckinDecision.SEND
    assert by_hand(CheckinDay(True, YESTERDAY), TODAY) is CheckinDecision.SEND
    assert by_hand(CheckinDay(True, TODAY), TODAY) is CheckinDecision.DONE_TODAY


def test_a_clock_set_back_does_not_allow_a_second_one() -> None:
    assert by_hand(CheckinDay(True, TODAY), YESTERDAY) is CheckinDecision.DONE_TODAY


def test_a_site_without_check_in_is_never_asked() -> None:
    assert by_hand(CheckinDay(False, None), TODAY) is CheckinDecision.NOT_OFFERED
    assert automatic(CheckinDay(False, None), TODAY, wanted=True, tried_day=None) is CheckinDecision.NOT_OFFERED


@pytest.mark.parametrize(("last", "tried", "expected"), [
    (None, None, CheckinDecision.SEND),
    (YESTERDAY, YESTERDAY, CheckinDecision.SEND),
    (TODAY, None, CheckinDecision.DONE_TODAY),
    (YESTERDAY, TODAY, CheckinDecision.TRIED_TODAY),
])
def test_automatic(last: date | None, tried: date | None, expected: CheckinDecision) -> None:
    assert automatic(CheckinDay(True, last), TODAY, wanted=True, tried_day=tried) is expected


def test_automatic_only_when_wanted() -> None:
    assert automatic(CheckinDay(True, None), TODAY, wanted=False, tried_day=None) is CheckinDecision.AUTO_OFF


@pytest.mark.parametrize(("text", "day"), [
    ("2026-12-02", TODAY), (" 2026-12-01 ", YESTERDAY), ("", None), ("yesterday", None), (None, None), (20261202, None),
])
def test_parse_day(text: object, day: date | None) -> None:
    assert parse_day(text) == day
