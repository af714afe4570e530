"""The hostile demo server itself: it stays a working API while everything the site controls attacks."""

from __future__ import annotations

import json
import time

import pytest
import requests

from openkey_gui.api import OpenKeyClient
from openkey_gui.demo import DemoServer
from openkey_gui.demo import hostile as hostile_module
from openkey_gui.demo.__main__ import parse_args


def test_cli_has_a_hostile_mode() -> None:
    args = parse_args(["--hostile", "--hostile-pages", "endless-pages"])
    assert args.hostile is True and args.hostile_pages == "endless-pages"
    assert parse_args([]).hostile is False


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_hostile_site_still_signs_in_and_lists_hostile_names(flavor: str) -> None:
    with DemoServer(flavor=flavor, tokens=20, hostile=True) as server:
        client = OpenKeyClient(server.url, timeout=5)
        client.login(server.username, server.password)
        names = {t.name for t in client.list_tokens()}
        status = client.status()
    assert set(hostile_module.HOSTILE_NAMES) <= names
    assert status.chat_link.startswith("javascript:")
    assert any(chat.template.startswith("file:") for chat in status.chats)
    assert any(chat.template.lower().startswith("ms-msdt:") for chat in status.chats)


def test_messages_carry_markup_and_links() -> None:
    with DemoServer(flavor="one-api", tokens=1, hostile=True) as server:
        answer = requests.post(server.url + "/api/user/login", json={"username": "x", "password": "y"}, timeout=5)
    message = answer.json()["message"]
    assert message.startswith(hostile_module.HOSTILE_MESSAGE) and "javascript:" in message


def test_endless_pages_never_repeat_and_claim_a_billion() -> None:
    with DemoServer(flavor="new-api", tokens=3, hostile_pages="endless-pages") as server:
        pages = [requests.get(server.url + f"/api/token/?p={p}&page_size=100", timeout=5).json()["data"]
                 for p in (1, 2, 4000)]
    ids = [item["id"] for page in pages for item in page["items"]]
    assert len(ids) == len(set(ids)) == 300
    assert {page["total"] for page in pages} == {hostile_module.ENDLESS_TOTAL}


def test_sized_pages_are_valid_json_of_the_size_asked() -> None:
    with DemoServer(flavor="one-api", tokens=3) as server:
        for mode in ("oversized", "stream"):
            server.set_hostile_pages(mode, page_bytes=300_000, shape="tokens")
            answer = requests.get(server.url + "/api/token/search?keyword=", timeout=5)
            assert abs(len(answer.content) - 300_000) < 1_000
            assert ("Content-Length" in answer.headers) == (mode == "oversized")
            assert json.loads(answer.content)["success"] is True
        server.set_hostile_pages(None)
        normal = requests.get(server.url + "/api/token/search?keyword=", timeout=5,
                              headers={"Authorization": server.access_token})
        assert len(normal.json()["data"]) == 3


def test_an_endless_answer_stops_when_the_server_does() -> None:
    server = DemoServer(flavor="one-api", tokens=1, hostile_pages="endless").start()
    answer = requests.get(server.url + "/api/token/search?keyword=", stream=True, timeout=5)
    received = 0
    started = time.monotonic()
    with pytest.raises(requests.exceptions.RequestException):  # the stop happens mid-read
        for chunk in answer.iter_content(1 << 20):
            received += len(chunk)
            if received > 4_000_000:
                server.stop()  # idempotent: later chunks find it stopped
    assert received > 4_000_000 and time.monotonic() - started < 30
