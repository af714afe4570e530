"""The daily check-in: every recorded check-in answer parses, and the client checks in against the demo site."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.checkin import CHECKIN_PATH, CheckinResult, parse_checkin_result, parse_checkin_status
from openkey_gui.api.errors import ApiError, ErrorKind, ServerError
from openkey_gui.api.parse import parse_status
from openkey_gui.demo import DemoServer
from openkey_gui.ui.known_messages import Known, recognise

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures"


def _recordings(path: str) -> list[Path]:
    found = []
    for file in sorted(SHARED.rglob("*.json")):
        recording = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(recording, dict) and isinstance(recording.get("request"), dict) \
                and recording["request"].get("path") == path:
            found.append(file)
    return found


CHECKINS = _recordings(CHECKIN_PATH)


def test_every_set_with_check_in_was_found() -> None:
    # 2026-04 (usage/u87, u90–u92) and 2026-08 (039, 042–044): four answers each.
    assert len(CHECKINS) == 8


@pytest.mark.parametrize("path", CHECKINS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_recorded_check_in_answer_is_read(path: Path) -> None:
    recording = json.loads(path.read_text(encoding="utf-8"))
    method, body = recording["request"]["method"], recording["response"]["body"]
    if not body["success"]:  # off, or already done today: words the UI knows and translates
        assert recognise(body["message"]).known in (Known.CHECK_IN_DISABLED, Known.CHECKED_IN_TODAY)
    elif method == "GET":
        status = parse_checkin_status(body["data"])
        assert status.enabled and (status.min_quota, status.max_quota) == (1000, 10000)
        assert not status.checked_in_today and status.total_checkins == 0
    else:
        result = parse_checkin_result(body["data"])
        assert result.day == date(2026, 12, 1) and 1000 <= result.quota_awarded <= 10000


def test_the_status_page_says_whether_the_site_offers_check_in() -> None:
    for path in _recordings("/api/status"):
        data = json.loads(path.read_text(encoding="utf-8"))["response"]["body"]["data"]
        assert parse_status(data).checkin_enabled is bool(data.get("checkin_enabled")), path


def test_an_answer_without_the_award_is_not_read_as_zero() -> None:
    for data in (None, {}, {"checkin_date": "2026-12-01"}, {"quota_awarded": "lots"}):
        with pytest.raises(ServerError) as caught:
            parse_checkin_result(data)
        assert caught.value.kind is ErrorKind.UNREADABLE_ANSWER
    assert parse_checkin_result({"quota_awarded": 5, "checkin_date": "?"}) == CheckinResult(None, 5)


@pytest.mark.parametrize("flavor", ["new-api", "new-api-v1"])
def test_check_in_once_then_the_site_says_already_done(flavor: str) -> None:
    with DemoServer(flavor=flavor, tokens=1, checkin=True) as server:
        client = OpenKeyClient(server.url, timeout=10)
        client.login(server.username, server.password)
        assert client.status().checkin_enabled
        before = client.account().quota
        assert not client.checkin.status().checked_in_today
        result = client.checkin.check_in()
        assert result.day == date.today() and client.account().quota == before + result.quota_awarded
        assert client.checkin.status().checked_in_today
        with pytest.raises(ApiError) as caught:
            client.checkin.check_in()
        assert caught.value.kind is ErrorKind.REFUSED
        assert recognise(caught.value.server_message).known is Known.CHECKED_IN_TODAY
        client.close()


def test_one_api_has_no_check_in_and_nothing_is_sent() -> None:
    with DemoServer(flavor="one-api", tokens=1) as server:
        client = OpenKeyClient(server.url, timeout=10)
        client.use_access_token(server.access_token, server.user_id)
        assert not client.status().checkin_enabled
        server.reset_requests()
        with pytest.raises(ApiError) as caught:
            client.checkin.check_in()
        assert caught.value.kind is ErrorKind.NOT_SUPPORTED
        assert not [r for r in server.requests if r[1] == CHECKIN_PATH]
        client.close()
