"""A site that lists tokens without end is stopped at 50,000, with a message, not read until memory runs out."""

from __future__ import annotations

import pytest

from openkey_gui.api import OpenKeyClient, ServerError
from openkey_gui.api import listing as listing_module
from openkey_gui.demo import DemoServer


@pytest.mark.parametrize("flavor", ["one-api", "new-api"])
def test_endless_pages_stop_at_the_token_cap(flavor: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_module, "MAX_TOKENS", 300)  # the same rule, reached in a second
    with DemoServer(flavor=flavor, tokens=5, hostile_pages="endless-pages", critical_rate_limit=None,
                    search_rate_limit=None) as server:
        client = OpenKeyClient(server.url, timeout=10)
        client.use_access_token(server.access_token, user_id=1)
        with pytest.raises(ServerError, match="listed more than 300 tokens"):
            client.list_tokens()
        requests = len(server.requests)
        client.close()
    assert requests < 300 // 10 + 10  # stopped near the cap, not after thousands of pages
