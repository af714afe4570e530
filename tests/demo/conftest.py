"""Fixtures: a fresh small demo server per test (starting one costs a few milliseconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openkey_gui.demo import DemoServer
from tests.demo.http_client import Client


@pytest.fixture(params=["one-api", "new-api"])
def server(request: pytest.FixtureRequest) -> Iterator[DemoServer]:
    with DemoServer(flavor=request.param, tokens=25, seed=7) as demo:
        yield demo


@pytest.fixture
def oa() -> Iterator[DemoServer]:
    with DemoServer(flavor="one-api", tokens=25, seed=7) as demo:
        yield demo


@pytest.fixture
def na() -> Iterator[DemoServer]:
    with DemoServer(flavor="new-api", tokens=25, seed=7) as demo:
        yield demo


@pytest.fixture
def client(server: DemoServer) -> Client:
    """Signed in with the access token (and New-Api-User: 1), as the app does."""
    return Client(server, token=server.access_token)


@pytest.fixture
def oa_client(oa: DemoServer) -> Client:
    return Client(oa, token=oa.access_token)


@pytest.fixture
def na_client(na: DemoServer) -> Client:
    return Client(na, token=na.access_token)
