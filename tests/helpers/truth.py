"""The demo server's own answer, read over its HTTP API exactly as a second client would see it.

Flow tests compare what the user got (the clipboard, the table) with this, never with what the app
believes: an app that copies the wrong token's key would agree with itself.
"""

from __future__ import annotations

from typing import Any

from openkey_gui.demo import DemoServer
from tests.demo.http_client import Client

KEY_PREFIX = "sk-"


class ServerTruth:
    """Signs in to the demo server with the account's password and reads tokens and keys."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.flavor = server.flavor
        if server.flavor == "new-api-v1":
            # The personal access token never expires: the truth must not depend on the session machinery
            # under test (tests give the app's access tokens a life of seconds).
            self._http = Client(server, token=server.access_token, user_header=None)
            return
        self._http = Client(server)
        answer = self._http.login()
        assert answer.status == 200 and answer.json()["success"], answer.body
        user = answer.data
        if isinstance(user, dict) and "id" in user:
            self._http.user_header = str(user["id"])

    def tokens(self) -> list[dict[str, Any]]:
        """Every token row the server lists for the account, newest first (keys as the list shows them)."""
        if self.flavor == "one-api":
            rows: list[dict[str, Any]] = []
            page = 0
            while True:
                answer = self._http.get(f"/api/token/?p={page}")
                data = answer.data
                if not data:
                    return rows
                rows.extend(data)
                page += 1
        rows = []
        page = 1
        while True:
            data = self._http.get(f"/api/token/?p={page}&page_size=100").data
            rows.extend(data["items"])
            if len(rows) >= data["total"] or not data["items"]:
                return rows
            page += 1

    def token(self, token_id: int) -> dict[str, Any] | None:
        return next((row for row in self.tokens() if row["id"] == token_id), None)

    def named(self, name: str) -> list[dict[str, Any]]:
        return [row for row in self.tokens() if row["name"] == name]

    def key(self, token_id: int) -> str:
        """The full ``sk-…`` key, as a user would paste it (New API lists masks, so ask for it)."""
        if self.flavor == "one-api":
            row = self.token(token_id)
            assert row is not None, f"token {token_id} is not on the server"
            key = row["key"]
        else:
            answer = self._http.post(f"/api/token/{token_id}/key")
            assert answer.json()["success"], answer.body
            key = answer.data["key"]
        return key if key.startswith(KEY_PREFIX) else KEY_PREFIX + key

    def models_for_key(self, key: str) -> list[str]:
        """What ``GET /v1/models`` lists for ``key`` (the relay's own answer), sorted."""
        answer = Client(self.server, token=key, user_header=None).get("/v1/models")
        assert answer.status == 200, answer.body
        return sorted(model["id"] for model in answer.json()["data"])

    def relay_requests(self, method: str, path: str) -> int:
        """How many ``method path`` requests the server has received (since its last reset)."""
        return sum(1 for m, p, _ in self.server.requests if m == method and p == path)

    def balance(self) -> int:
        """The account's quota (balance) in units, as the site's own /api/user/self says it."""
        return int(self._http.get("/api/user/self").data["quota"])

    def check_in(self) -> dict[str, Any]:
        """What ``POST /api/user/checkin`` answers (as the site's web page would send it)."""
        return self._http.post("/api/user/checkin").json()

    def count(self) -> int:
        return len(self.tokens())

    def log_entries(self, query: str = "type=2") -> list[dict[str, Any]]:
        """Every request-log entry the server lists under ``query``, newest first, page by page as its
        flavour pages (One API: 0-based, ten a page; New API: 1-based, up to 100)."""
        if self.flavor == "one-api":
            found: list[dict[str, Any]] = []
            page = 0
            while batch := self._http.get(f"/api/log/self?{query}&p={page}").data:
                assert len(batch) <= 10
                found.extend(batch)
                page += 1
            return found
        found, page = [], 1
        while True:
            data = self._http.get(f"/api/log/self?{query}&p={page}&page_size=100").data
            found.extend(data["items"])
            if not data["items"] or len(found) >= data["total"]:
                return found
            page += 1
