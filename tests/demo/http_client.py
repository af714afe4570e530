"""A tiny stdlib HTTP client for the demo-server tests: status, headers and raw body, no magic.

``urllib`` raises on 4xx and hides bodies; ``http.client`` shows exactly what went over the wire,
which is what these tests are about (status codes, empty 429 bodies, cut-off answers).
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from openkey_gui.demo import DemoServer


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def message(self) -> str:
        return str(self.json()["message"])

    @property
    def data(self) -> Any:
        return self.json()["data"]


class Client:
    """One user agent against one demo server.

    ``token`` is sent as ``Authorization`` (with ``Bearer `` unless ``bearer=False``); the session
    cookie from a login is replayed; ``user_header`` is sent as ``New-Api-User`` (``None`` = omit).
    """

    def __init__(
        self,
        server: DemoServer,
        *,
        token: str | None = None,
        bearer: bool = True,
        user_header: str | None = "1",
        timeout: float = 5.0,
    ) -> None:
        self.server = server
        self.token = token
        self.bearer = bearer
        self.user_header = user_header
        self.timeout = timeout
        self.cookie: str | None = None

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Answer:
        parts = urlsplit(self.server.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=self._encode(body), headers=self._headers(body, headers))
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        self._remember_cookie(answer)
        return answer

    def get(self, path: str, **kwargs: Any) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return self.request("POST", path, body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return self.request("PUT", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Answer:
        return self.request("DELETE", path, **kwargs)

    def login(self, username: str | None = None, password: str | None = None, query: str = "") -> Answer:
        credentials = {
            "username": self.server.username if username is None else username,
            "password": self.server.password if password is None else password,
        }
        return self.post("/api/user/login" + query, credentials)

    @staticmethod
    def _encode(body: Any) -> bytes | None:
        if body is None or isinstance(body, bytes):
            return body
        return json.dumps(body).encode("utf-8")

    def _headers(self, body: Any, extra: dict[str, str] | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.token is not None:
            headers["Authorization"] = f"Bearer {self.token}" if self.bearer else self.token
        if self.user_header is not None:
            headers["New-Api-User"] = self.user_header
        if self.cookie is not None:
            headers["Cookie"] = f"session={self.cookie}"
        headers.update(extra or {})
        return headers

    def _remember_cookie(self, answer: Answer) -> None:
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "session":
                value = rest.split(";", 1)[0]
                self.cookie = value or None
