"""The demo's ``new-api-v1`` flavour answers like the recorded New API v1.0 (``fixtures/new-api-2026-08``).

Each case replays what the recorder did, against the demo over HTTP, and compares what a client can
see: HTTP status, ``code``, message, the key sets of the body, its ``data`` and nested objects, the
refresh cookie's attributes and ``Retry-After``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from openkey_gui.demo import DemoServer

V1 = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "new-api-2026-08"
COOKIE = "new_api_refresh"


def recorded(name: str) -> dict[str, Any]:
    return json.loads(next(V1.glob(f"{name}_*.json")).read_text(encoding="utf-8"))["response"]


class Browserless:
    """A plain HTTP user of the demo: remembers the refresh cookie and the bearer by hand."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.http = requests.Session()
        self.http.trust_env = False
        self.token = ""
        self.cookie = ""
        self.sid = ""

    def send(self, method: str, path: str, *, body: Any = None, bearer: str | None = None,
             cookie: str | None = None, headers: dict[str, str] | None = None) -> requests.Response:
        sent = dict(headers or {})
        token = self.token if bearer is None else bearer
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if cookie:
            sent["Cookie"] = f"{COOKIE}={cookie}"
        self.http.cookies.clear()
        answer = self.http.request(method, self.server.url + path, json=body, headers=sent, timeout=5)
        data = _data(answer)
        if isinstance(data, dict) and data.get("access_token"):
            self.token = data["access_token"]
            self.sid = data["session"]["sid"]
            self.cookie = answer.cookies.get(COOKIE) or self.cookie
        return answer

    def login(self) -> requests.Response:
        return self.send("POST", "/api/user/login", body={"username": self.server.username,
                                                          "password": self.server.password}, bearer="")


def _data(answer: requests.Response) -> Any:
    try:
        body = answer.json()
    except ValueError:
        return None
    return body.get("data") if isinstance(body, dict) else None


def same_shape(ours: requests.Response, theirs: dict[str, Any], *, message: bool = True) -> None:
    assert ours.status_code == theirs["status"]
    body = theirs["body"]
    if body is None:
        assert ours.content == b""
        return
    mine = ours.json()
    assert set(mine) == set(body)
    assert mine.get("code") == body.get("code")
    if message:
        assert mine.get("message") == body.get("message")
    _same_keys(mine.get("data"), body.get("data"))
    theirs_cookie = theirs["headers"].get("Set-Cookie")
    if theirs_cookie is not None:
        mine_cookie = ours.headers.get("Set-Cookie", "")
        assert _attributes(mine_cookie) == _attributes(theirs_cookie)
        assert (mine_cookie.split(";", 1)[0] == f"{COOKIE}=") == (theirs_cookie.split(";", 1)[0] == f"{COOKIE}=")


def _same_keys(mine: Any, theirs: Any) -> None:
    assert type(mine) is type(theirs)
    if isinstance(theirs, dict):
        assert set(mine) == set(theirs) - {"setting", "sidebar_modules"} | (set(mine) & {"setting", "sidebar_modules"})
        for key in ("session", "user"):
            if isinstance(theirs.get(key), dict):
                assert set(mine[key]) == set(theirs[key])
    elif isinstance(theirs, list) and theirs and mine:
        _same_keys(mine[0], theirs[0])


def _attributes(cookie: str) -> set[str]:
    """The attribute names of a Set-Cookie (Path, Max-Age, HttpOnly…), without the values that change."""
    return {part.split("=", 1)[0].strip().lower() for part in cookie.split(";")[1:]}


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(flavor="new-api-v1", tokens=2, seed=1, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def user(server: DemoServer) -> Browserless:
    return Browserless(server)


def test_status(user: Browserless) -> None:
    ours = user.send("GET", "/api/status")
    theirs = recorded("001")
    assert ours.status_code == 200
    assert set(ours.json()["data"]) == set(theirs["body"]["data"])


def test_login_and_wrong_password(user: Browserless) -> None:
    same_shape(user.login(), recorded("005"), message=True)
    wrong = user.send("POST", "/api/user/login", body={"username": "demo", "password": "nope"}, bearer="")
    same_shape(wrong, recorded("006"))


CASES: dict[str, Callable[[Browserless], requests.Response]] = {
    "007": lambda u: u.send("GET", "/api/user/self"),
    "009": lambda u: u.send("GET", "/api/user/self", headers={"New-Api-User": "999"}),
    "010": lambda u: u.send("GET", "/api/user/sessions"),
    "014": lambda u: u.send("GET", "/api/token/?p=1&page_size=100"),
    "018": lambda u: u.send("POST", "/api/token/1/key"),
    "019": lambda u: u.send("POST", "/api/token/batch/keys", body={"ids": [1, 2, 999]}),
    "045": lambda u: u.send("GET", "/api/token/?p=1&page_size=100", bearer=""),
    "047": lambda u: u.send("GET", "/api/token/?p=1&page_size=100", bearer="wrong-token"),
    "048": lambda u: u.send("GET", "/api/token/?p=1&page_size=100", bearer=u.token[:-3] + "abc"),
    "049": lambda u: u.send("GET", "/api/user/self", bearer="", cookie=u.cookie),
    "060": lambda u: u.send("POST", "/api/user/auth/refresh", bearer="", cookie=u.cookie),
    "062": lambda u: u.send("POST", "/api/user/auth/refresh", bearer="", cookie=u.cookie,
                            headers={"X-Auth-Session": u.sid}),
    "063": lambda u: u.send("POST", "/api/user/auth/refresh", bearer="", cookie=u.cookie,
                            headers={"X-Auth-Session": "00000000-0000-4000-8000-000000000000"}),
    "064": lambda u: u.send("POST", "/api/user/auth/refresh", bearer=""),
    "072": lambda u: u.send("POST", "/api/user/auth/logout", cookie=u.cookie, headers={"X-Auth-Session": u.sid}),
    "095": lambda u: u.send("DELETE", "/api/user/sessions/00000000-0000-4000-8000-000000000000"),
    "096": lambda u: u.send("POST", "/api/user/sessions/revoke-others"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_signed_in_exchanges(name: str, user: Browserless) -> None:
    user.login()
    answer = CASES[name](user)
    # Messages of token routes and sessions are the recorded ones; 009/010/014 differ only in data.
    same_shape(answer, recorded(name))


def test_after_logout_and_rotation(user: Browserless) -> None:
    user.login()
    first_cookie = user.cookie
    user.send("POST", "/api/user/auth/refresh", bearer="", cookie=first_cookie)
    token = user.token
    user.send("POST", "/api/user/auth/logout", cookie=user.cookie)
    same_shape(user.send("GET", "/api/user/self", bearer=token), recorded("073"))
    same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie), recorded("074"))


def test_replay_of_a_rotated_cookie(server: DemoServer) -> None:
    with DemoServer(flavor="new-api-v1", tokens=1, critical_rate_limit=None, replay_window=1.0) as demo:
        user = Browserless(demo)
        user.login()
        old = user.cookie
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=old), recorded("097"))
        token, successor = user.token, user.cookie
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=old), recorded("098"))
        assert user.cookie == successor  # the same successor within the window
        time.sleep(1.2)
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=old), recorded("099"))
        same_shape(user.send("GET", "/api/user/self", bearer=token), recorded("100"))
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=successor), recorded("101"))
        assert demo.v1.counters.replays_in_grace == 1 and demo.v1.counters.replays_after_grace == 1


def test_expired_access_token() -> None:
    with DemoServer(flavor="new-api-v1", tokens=1, critical_rate_limit=None, access_ttl=1, access_leeway=0) as demo:
        user = Browserless(demo)
        user.login()
        time.sleep(2.1)
        same_shape(user.send("GET", "/api/user/self"), recorded("076"))
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie), recorded("077"))


def test_two_factor(server: DemoServer) -> None:
    with DemoServer(flavor="new-api-v1", tokens=1, critical_rate_limit=None, require_2fa=True) as demo:
        user = Browserless(demo)
        first = user.login()
        same_shape(first, recorded("089"))
        flow = first.json()["data"]["flow_token"]
        same_shape(user.send("POST", "/api/user/login/2fa", body={"flow_token": flow, "code": "000000"}, bearer=""),
                   recorded("090"))
        same_shape(user.send("POST", "/api/user/login/2fa", body={"flow_token": flow, "code": "123456"}, bearer=""),
                   recorded("091"))
        same_shape(user.send("POST", "/api/user/login/2fa", body={"flow_token": flow, "code": "123456"}, bearer=""),
                   recorded("092"))


def test_personal_access_token_and_sessions(server: DemoServer, user: Browserless) -> None:
    user.login()
    same_shape(user.send("GET", "/api/user/self", bearer=server.access_token), recorded("051"))
    same_shape(user.send("GET", "/api/user/sessions", bearer=server.access_token), recorded("054"))
    other = Browserless(server)
    other.login()
    same_shape(user.send("DELETE", f"/api/user/sessions/{other.sid}"), recorded("094"))


def test_secure_cookie_origin_guard() -> None:
    with DemoServer(flavor="new-api-v1", tokens=1, critical_rate_limit=None, secure_cookies=True) as demo:
        user = Browserless(demo)
        same_shape(user.login(), recorded("103"))
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie), recorded("104"))
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie,
                             headers={"Origin": "http://evil.example"}), recorded("105"))
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie,
                             headers={"Origin": demo.url}), recorded("106"))
        same_shape(user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie,
                             headers={"Referer": demo.url + "/console"}), recorded("108"))
        same_shape(user.send("POST", "/api/user/auth/logout", cookie=user.cookie), recorded("109"))
        same_shape(user.send("POST", "/api/user/auth/logout", cookie=user.cookie, headers={"Origin": demo.url}),
                   recorded("110"))


def test_the_shared_critical_limit_says_retry_after() -> None:
    with DemoServer(flavor="new-api-v1", tokens=1, critical_rate_limit=(2, 1200)) as demo:
        user = Browserless(demo)
        user.login()
        user.send("POST", "/api/user/auth/refresh", bearer="", cookie=user.cookie)
        limited = user.login()
        same_shape(limited, recorded("080"))
        assert limited.headers["Retry-After"] == "1200"
