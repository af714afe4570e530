"""The site's own icon, over real HTTP to the demo site: kept when it is an image, and otherwise (the
web page a site without one answers, something too big, an SVG, an error, a site that is down) none,
never an error."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import requests

from openkey_gui.api import OpenKeyClient
from openkey_gui.api.site_icon import ICON_MAX_BYTES, ICON_PATH, looks_like_image
from openkey_gui.demo import DemoServer


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(flavor="new-api", tokens=1, system_name="Beta Hub") as running:
        yield running


def icon_requests(server: DemoServer) -> int:
    return sum(1 for method, path, _ in server.requests if (method, path) == ("GET", ICON_PATH))


def test_the_site_s_icon_is_what_the_site_serves(server: DemoServer) -> None:
    served = requests.get(server.url + ICON_PATH, timeout=5)
    server.reset_requests()
    client = OpenKeyClient(server.url, timeout=5)
    try:
        assert client.site_icon() == served.content
    finally:
        client.close()
    assert looks_like_image(served.content) and icon_requests(server) == 1


@pytest.mark.parametrize(("what", "answer"), [
    ("the web page of a site without an icon", {"status": 200, "html": True}),
    ("not found", {"status": 404, "body": b"404 page not found"}),
    ("an SVG", {"status": 200, "body": b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>" * 3}),
    ("too big for an icon", {"status": 200, "body": b"\x89PNG\r\n\x1a\n" + b"\x00" * ICON_MAX_BYTES}),
    ("a server failure", {"status": 500, "body": b"internal error"}),
])
def test_no_usable_icon_is_no_icon(server: DemoServer, what: str, answer: dict[str, object]) -> None:
    server.fail_next(1, path=ICON_PATH, **answer)  # type: ignore[arg-type]
    client = OpenKeyClient(server.url, timeout=5)
    try:
        assert client.site_icon() is None, what
    finally:
        client.close()


def test_a_site_that_is_down_has_no_icon() -> None:
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    client = OpenKeyClient(f"http://127.0.0.1:{port}", timeout=2)
    try:
        assert client.site_icon() is None
    finally:
        client.close()
