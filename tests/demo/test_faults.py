"""Fault injection, latency, rate limits and a prompt shutdown, seen from a raw HTTP client."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest

from openkey_gui.demo import DemoServer, Fault
from tests.demo.http_client import Client


def test_status_fault_answers_json_with_the_reason(client: Client) -> None:
    client.server.fail_next(status=500)
    answer = client.get("/api/user/self")
    assert answer.status == 500
    assert answer.json() == {"success": False, "message": "Internal Server Error"}
    assert client.get("/api/user/self").status == 200  # consumed


def test_fault_count_path_and_method_filters(client: Client) -> None:
    server = client.server
    server.fail_next(2, status=503, path="/api/token", method="post")
    assert client.get("/api/token/").status == 200  # wrong method
    assert client.get("/api/user/self").status == 200  # wrong path
    assert [client.post("/api/token/", {"name": "x"}).status for _ in range(3)] == [503, 503, 200]
    assert len(server.tokens()) == 26  # the faulted creates never reached the store


def test_429_has_an_empty_body_and_optional_retry_after(client: Client) -> None:
    server = client.server
    server.fail_next(status=429)
    answer = client.get("/api/token/")
    assert (answer.status, answer.body, answer.headers["Retry-After"]) == (429, b"", None)
    assert answer.headers["Content-Length"] == "0"
    server.fail_next(status=429, retry_after=7)
    answer = client.get("/api/token/")
    assert (answer.status, answer.body, answer.headers["Retry-After"]) == (429, b"", "7")


def test_html_error_page(client: Client) -> None:
    client.server.fail_next(html=True)
    answer = client.get("/api/status")
    assert answer.status == 502 and answer.headers["Content-Type"].startswith("text/html")
    assert b"<center><h1>502 Bad Gateway</h1></center>" in answer.body and b"nginx" in answer.body
    client.server.fail_next(html=True, status=504)
    assert client.get("/api/status").status == 504


def test_garbage_body(client: Client) -> None:
    client.server.fail_next(body=b"{not json")
    answer = client.get("/api/token/")
    assert (answer.status, answer.body) == (200, b"{not json")
    assert answer.headers["Content-Type"].startswith("application/json")
    client.server.fail_next(body="", status=502)
    assert (client.get("/api/token/").status, client.get("/api/token/").status) == (502, 200)


def test_delay_then_a_normal_answer(client: Client) -> None:
    client.server.fail_next(delay=0.3)
    started = time.monotonic()
    answer = client.get("/api/user/self")
    assert time.monotonic() - started >= 0.3 and answer.json()["success"] is True


def test_delay_longer_than_the_client_timeout(client: Client) -> None:
    client.server.fail_next(delay=2.0)
    impatient = Client(client.server, token=client.token, timeout=0.2)
    with pytest.raises(TimeoutError):
        impatient.get("/api/user/self")


def test_drop_before_answering(client: Client) -> None:
    client.server.fail_next(drop="before")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        client.get("/api/token/")
    assert client.get("/api/token/").status == 200


def test_drop_in_the_middle_of_the_body_after_the_change_happened(client: Client) -> None:
    server = client.server
    server.fail_next(drop="mid", method="POST")
    with pytest.raises(http.client.IncompleteRead):
        client.post("/api/token/", {"name": "lost-answer"})
    assert server.tokens()[0]["name"] == "lost-answer"  # done on the server, answer lost on the way


def test_latency_slows_every_answer(client: Client) -> None:
    server = client.server
    server.set_latency(0.15)
    started = time.monotonic()
    client.get("/api/status")
    client.get("/api/user/self")
    assert time.monotonic() - started >= 0.3
    server.set_latency(0)
    started = time.monotonic()
    client.get("/api/status")
    assert time.monotonic() - started < 0.15


def test_fault_arguments_are_checked() -> None:
    with pytest.raises(ValueError):
        Fault(drop="sideways")
    with pytest.raises(ValueError):
        Fault(count=0)


def test_stop_is_prompt_with_a_delayed_request_in_flight() -> None:
    server = DemoServer(flavor="one-api", tokens=3).start()
    port = int(server.url.rsplit(":", 1)[1])
    server.fail_next(delay=30)
    outcome: list[object] = []

    def slow_call() -> None:
        try:
            outcome.append(Client(server, timeout=10).get("/api/status"))
        except Exception as error:  # the connection is closed under it; that is expected
            outcome.append(error)

    caller = threading.Thread(target=slow_call)
    caller.start()
    while not server.requests:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1.0
    caller.join(timeout=2)
    assert outcome and isinstance(outcome[0], Exception)
    with socket.socket() as probe:  # the port is free again
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def test_stop_closes_idle_keep_alive_connections() -> None:
    server = DemoServer(flavor="new-api", tokens=0).start()
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=2)
    connection.request("GET", "/api/status")
    connection.getresponse().read()
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1.0
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, OSError)):
        connection.request("GET", "/api/status")
        connection.getresponse()
    connection.close()
    server.stop()  # idempotent


def test_restart_after_stop() -> None:
    server = DemoServer(flavor="one-api", tokens=1)
    with pytest.raises(RuntimeError):
        _ = server.url
    with server:
        assert Client(server).get("/api/status").status == 200
    with server:
        assert Client(server).get("/api/status").status == 200


# --- rate limits ----------------------------------------------------------------------------------------------


def test_new_api_critical_rate_limit_is_shared_by_login_and_key_reveal() -> None:
    with DemoServer(flavor="new-api", tokens=3, critical_rate_limit=(2, 60)) as na:
        client = Client(na, token=na.access_token)
        assert client.login().json()["success"] is True
        assert client.post("/api/token/1/key").json()["success"] is True
        for path, body in (("/api/token/1/key", None), ("/api/token/batch/keys", {"ids": [1]})):
            answer = client.post(path, body)
            assert (answer.status, answer.body) == (429, b"")
        limited = client.login()
        assert (limited.status, limited.body) == (429, b"")
        assert client.get("/api/token/1").status == 200  # other routes are not limited


def test_one_api_has_no_critical_limit() -> None:
    with DemoServer(flavor="one-api", tokens=0, critical_rate_limit=(2, 60)) as oa:
        assert all(Client(oa).login().status == 200 for _ in range(4))


def test_rate_limits_can_be_turned_off() -> None:
    with DemoServer(flavor="new-api", tokens=1, critical_rate_limit=None, search_rate_limit=None) as na:
        client = Client(na, token=na.access_token)
        assert all(client.post("/api/token/1/key").status == 200 for _ in range(25))
        assert all(client.get("/api/token/search?keyword=a").status == 200 for _ in range(12))


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_global_rate_limit_covers_every_api_route(flavor: str) -> None:
    with DemoServer(flavor=flavor, tokens=0, global_rate_limit=(3, 60)) as server:
        client = Client(server, token=server.access_token)
        statuses = [client.get(path).status for path in ("/api/status", "/api/user/self", "/api/token/", "/api/status")]
        assert statuses == [200, 200, 200, 429]
        assert client.get("/").status == 200  # the web page is outside /api
