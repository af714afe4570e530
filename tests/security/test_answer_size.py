"""Answers are read only as far as they can be real: a page is capped at 8 MB, One API's one-answer
list at 64 MB, and a flood of empty objects is refused before Python turns each into a dict.

Every test talks to the hostile demo server over real HTTP on 127.0.0.1. The memory test runs the
client in a child process (with an address-space limit, so a regression fails instead of swapping)
and measures its peak resident memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest

from openkey_gui.api import ServerError
from openkey_gui.api import transport as transport_module
from openkey_gui.api.transport import Transport
from openkey_gui.demo import DemoServer

MB = 1024 * 1024


@pytest.fixture
def one_api() -> Iterator[DemoServer]:
    with DemoServer(flavor="one-api", tokens=5, hostile=True) as server:
        yield server


def _search(server: DemoServer, **options: int) -> dict[str, object]:
    transport = Transport(server.url, 30)
    transport.set_header("Authorization", server.access_token)
    try:
        return transport.call("GET", "/api/token/search", params={"keyword": ""}, **options)  # type: ignore[arg-type]
    finally:
        transport.close()


def test_a_page_is_capped_at_8_mb_by_default(one_api: DemoServer) -> None:
    one_api.set_hostile_pages("stream", page_bytes=9 * MB, shape="tokens")  # chunked: no length to trust
    with pytest.raises(ServerError, match=r"larger than 8 MB"):
        _search(one_api)


def test_a_declared_oversized_page_is_refused_before_it_is_read(one_api: DemoServer) -> None:
    one_api.set_hostile_pages("oversized", page_bytes=9 * MB, shape="tokens")
    with pytest.raises(ServerError, match=r"larger than 8 MB"):
        _search(one_api)


def test_one_api_search_may_bring_a_large_plausible_list(one_api: DemoServer) -> None:
    one_api.set_hostile_pages("oversized", page_bytes=12 * MB, shape="tokens")
    envelope = _search(one_api, max_bytes=transport_module.MAX_BODY_BYTES)
    assert isinstance(envelope["data"], list) and len(envelope["data"]) > 40_000


def test_no_caller_can_raise_the_cap_past_64_mb(one_api: DemoServer) -> None:
    one_api.set_hostile_pages("endless", shape="tokens")
    with pytest.raises(ServerError, match=r"larger than 64 MB"):
        _search(one_api, max_bytes=10 * transport_module.MAX_BODY_BYTES)


def test_a_flood_of_empty_objects_is_refused_even_under_the_cap(one_api: DemoServer) -> None:
    one_api.set_hostile_pages("oversized", page_bytes=6 * MB, shape="empty")
    with pytest.raises(ServerError, match=r"objects"):
        _search(one_api, max_bytes=transport_module.MAX_BODY_BYTES)


CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))  # fail, never swap
    from openkey_gui.api import ApiError, OpenKeyClient
    client = OpenKeyClient(sys.argv[1], timeout=30)
    client.use_access_token(sys.argv[2], 1)
    client.status()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = {}
    try:
        tokens = client.list_tokens()
        outcome["tokens"] = len(tokens)
    except ApiError as exc:
        outcome["error"] = f"{type(exc).__name__}: {exc}"
    except MemoryError:
        outcome["error"] = "MemoryError"
    outcome["growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(json.dumps(outcome))
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux only")
@pytest.mark.timeout(300)
def test_oversized_new_api_pages_cost_little_memory() -> None:
    """New API pages of 24 MB of ``[{},{},…]``, four fetched at once: each is refused after 8 MB."""
    with DemoServer(flavor="new-api", tokens=5, hostile=True, hostile_pages="stream") as server:
        server.set_hostile_pages("stream", page_bytes=24 * MB, shape="empty")
        result = subprocess.run([sys.executable, "-c", CHILD, server.url, server.access_token],
                                capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome.get("error", "").startswith("ServerError:"), outcome
    assert "larger than 8 MB" in outcome["error"], outcome
    assert outcome["growth_mb"] < 100, outcome
