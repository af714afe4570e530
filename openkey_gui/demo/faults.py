"""Queued misbehaviour for tests: the network and proxy failures a client meets in the wild.

Real gateway sites sit behind nginx or Cloudflare, get rate limited, time out and drop
connections; a client is only as good as its handling of those, so the demo can produce each on
demand, for the next N requests that match a path prefix and a method.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus

from openkey_gui.demo.wire import JSON_TYPE, Reply, empty, fail

DROP_MODES = ("before", "mid")

_NGINX_PAGE = """<html>
<head><title>{code} {phrase}</title></head>
<body>
<center><h1>{code} {phrase}</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""


@dataclass
class Fault:
    """What to do to the next ``count`` requests matching ``path`` (a prefix) and ``method``.

    ``delay`` only slows the answer down unless another effect is given; ``drop="before"`` closes
    the connection without answering, ``drop="mid"`` runs the request and then cuts its answer short.
    """

    count: int = 1
    status: int | None = None
    html: bool = False
    body: bytes | None = None
    delay: float = 0.0
    drop: str | None = None
    retry_after: int | float | str | None = None
    path: str | None = None
    method: str | None = None

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError("count must be at least 1")
        if self.drop not in (None, *DROP_MODES):
            raise ValueError(f"drop must be one of {DROP_MODES} or None, not {self.drop!r}")
        if self.delay < 0:
            raise ValueError("delay cannot be negative")
        if self.method is not None:
            self.method = self.method.upper()

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        return self.path is None or path.startswith(self.path)

    @property
    def answers(self) -> bool:
        """True when the fault replaces the server's answer instead of only delaying it."""
        return self.html or self.body is not None or self.status is not None

    def reply(self) -> Reply:
        """The answer that stands in for the real one (only meaningful when ``answers``)."""
        if self.html:
            reply = _html_page(self.status or 502)
        elif self.body is not None:
            reply = Reply(status=self.status or 200, body=self.body, content_type=JSON_TYPE)
        elif self.status == 429:
            reply = empty(429)  # the servers' rate limiters send no body at all
        else:
            reply = fail(_phrase(self.status or 500), status=self.status or 500)
        if self.retry_after is not None:
            reply.headers.append(("Retry-After", str(self.retry_after)))
        return reply


@dataclass
class _Pending:
    fault: Fault
    remaining: int


class FaultQueue:
    """Thread-safe FIFO of faults; each request consumes one use of the first fault it matches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[_Pending] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._queue.append(_Pending(fault, fault.count))

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for pending in self._queue:
                if pending.fault.matches(method, path):
                    pending.remaining -= 1
                    if pending.remaining == 0:
                        self._queue.remove(pending)
                    return pending.fault
            return None

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._queue)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"


def _html_page(status: int) -> Reply:
    page = _NGINX_PAGE.format(code=status, phrase=_phrase(status))
    return Reply(status=status, body=page.encode("utf-8"), content_type="text/html")
