"""Fixtures shared by the usage tests: a demo site of each flavour with a request log, and a client on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openkey_gui.api import OpenKeyClient
from openkey_gui.demo import DemoServer


@pytest.fixture(params=["one-api", "new-api", "new-api-v1"])
def log_server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=40, seed=8, critical_rate_limit=None) as demo:
        yield demo


@pytest.fixture
def log_client(log_server: DemoServer) -> Iterator[OpenKeyClient]:
    """Signed in with the personal access token, as a script would (no session to renew)."""
    api = OpenKeyClient(log_server.url, timeout=10)
    api.use_access_token(log_server.access_token, log_server.user_id)
    assert log_server.flavor.startswith(api.flavor.value)  # asked once here: tests count usage calls only
    yield api
    api.close()
