"""The demo's daily check-in answers as the recorded New API servers do (2026-04 u87–u93, 2026-08 039–044)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from openkey_gui.demo import DemoServer
from openkey_gui.demo.checkin import MAX_QUOTA, MIN_QUOTA
from tests.demo.http_client import Client

RECORDED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "new-api-2026-08"


def _recorded(name: str) -> dict:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))["response"]


def _balance(client: Client) -> int:
    return int(client.get("/api/user/self").data["quota"])


@pytest.mark.parametrize("flavor", ["new-api", "new-api-v1"])
def test_off_by_default_like_a_fresh_site(flavor: str) -> None:
    with DemoServer(flavor=flavor, tokens=1) as server:
        client = Client(server, token=server.access_token)
        assert client.get("/api/status").data["checkin_enabled"] is False
        for method in ("GET", "POST"):
            answer = client.request(method, "/api/user/checkin")
            assert answer.status == 200
            assert answer.json() == {"message": "签到功能未启用", "success": False}


@pytest.mark.parametrize("flavor", ["new-api", "new-api-v1"])
def test_check_in_once_a_day_adds_the_award_to_the_balance(flavor: str) -> None:
    with DemoServer(flavor=flavor, tokens=1, checkin=True) as server:
        client = Client(server, token=server.access_token)
        assert client.get("/api/status").data["checkin_enabled"] is True
        status = client.get("/api/user/checkin").json()
        recorded = _recorded("042_checkin_status_enabled.json")["body"]
        assert status.keys() == recorded.keys()
        assert status["data"].keys() == recorded["data"].keys()
        assert status["data"]["stats"] == recorded["data"]["stats"]  # nobody has checked in yet
        assert (status["data"]["min_quota"], status["data"]["max_quota"]) == (MIN_QUOTA, MAX_QUOTA)

        before = _balance(client)
        done = client.post("/api/user/checkin")
        assert done.status == 200 and done.json()["success"] is True and done.message == "签到成功"
        assert done.data.keys() == _recorded("043_checkin_do.json")["body"]["data"].keys()
        awarded = done.data["quota_awarded"]
        assert MIN_QUOTA <= awarded <= MAX_QUOTA
        assert done.data["checkin_date"] == date.today().isoformat()
        assert _balance(client) == before + awarded

        again = client.post("/api/user/checkin")
        assert again.status == 200 and again.json() == _recorded("044_checkin_again.json")["body"]
        assert _balance(client) == before + awarded
        stats = client.get("/api/user/checkin").data["stats"]
        assert stats["checked_in_today"] is True and stats["total_checkins"] == 1 and stats["total_quota"] == awarded

        server.checkins.today = lambda: date.today() + timedelta(days=1)  # the next day
        assert client.get("/api/user/checkin").data["stats"]["checked_in_today"] is False
        assert client.post("/api/user/checkin").json()["success"] is True


def test_one_api_has_no_check_in_route() -> None:
    with DemoServer(flavor="one-api", tokens=1, checkin=True) as server:
        client = Client(server, token=server.access_token)
        assert "checkin_enabled" not in client.get("/api/status").data
        answer = client.post("/api/user/checkin")
        assert answer.status == 404 and "Invalid URL" in answer.body.decode()


def test_turnstile_sites_want_the_captcha_token_for_the_check_in() -> None:
    with DemoServer(flavor="new-api", tokens=1, checkin=True, turnstile=True) as server:
        client = Client(server, token=server.access_token)
        assert client.post("/api/user/checkin").message == "Turnstile token 为空"
        assert client.post("/api/user/checkin?turnstile=x").json()["success"] is True


def test_the_check_in_needs_a_sign_in() -> None:
    with DemoServer(flavor="new-api", tokens=1, checkin=True) as server:
        assert Client(server, user_header=None).post("/api/user/checkin").status == 401
