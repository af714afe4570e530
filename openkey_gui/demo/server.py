"""``DemoServer``: a One API / New API look-alike on 127.0.0.1 for ``--demo`` mode and for tests.

The HTTP side is deliberately thin: it records the request, applies latency and queued faults,
hands a ``Request`` to ``DemoApi`` and writes the ``Reply``. Stopping must be quick even while a
handler sleeps in an injected delay or a client holds a keep-alive connection, so handler threads
are daemons, sleeps wait on a stop event, and open connections are shut down on ``stop()``.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import SplitResult, parse_qs, urlsplit

import openkey_gui.demo.hostile as hostile
from openkey_gui.demo.checkin import CheckinBook
from openkey_gui.demo.faults import Fault, FaultQueue
from openkey_gui.demo.flavors import NEW_API_V1, ONE_API, flavor_rules
from openkey_gui.demo.hostile import hostile_names
from openkey_gui.demo.routes import BACKUP_CODES, ApiConfig, DemoApi
from openkey_gui.demo.seed import seed_tokens
from openkey_gui.demo.state import DemoState, Limit
from openkey_gui.demo.v1_sessions import Lifetimes, V1Sessions
from openkey_gui.demo.wire import Reply, Request, fail

DEFAULT_MODELS = ("gpt-4o", "gpt-4o-mini", "claude-3-7-sonnet-20250219", "deepseek-chat", "text-embedding-3-small")
DEFAULT_USERNAME = "demo"
DEFAULT_PASSWORD = "demo-pass-123"
DEFAULT_BALANCE_DOLLARS = 50

log = logging.getLogger(__name__)

RequestRecord = tuple[str, str, str]


class _Runtime:
    """What the HTTP handler may touch: the API, faults, latency, the request log, the stop flag."""

    def __init__(self, api: DemoApi) -> None:
        self.api = api
        self.faults = FaultQueue()
        self.latency = 0.0
        self.stopping = threading.Event()
        self.hostile = False
        self.page_attack: hostile.PageAttack | None = None
        self._requests: list[RequestRecord] = []
        self._lock = threading.Lock()

    def record(self, method: str, path: str, query: str) -> None:
        with self._lock:
            self._requests.append((method, path, query))

    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._requests)

    def reset_requests(self) -> None:
        with self._lock:
            self._requests.clear()


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for a handler sleeping in an injected delay
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's default of 5 resets bursts of parallel connections

    def __init__(self, address: tuple[str, int], runtime: _Runtime) -> None:
        self.runtime = runtime
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._stop_requested = threading.Event()
        self._wake_reader, self._wake_writer = socket.socketpair()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can take seconds.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def serve_until_stopped(self) -> None:
        """``serve_forever`` without its polling: ``stop_serving`` wakes the loop at once."""
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while not self._stop_requested.is_set():
                for key, _events in selector.select():
                    if key.fileobj is self and not self._stop_requested.is_set():
                        self._handle_request_noblock()

    def stop_serving(self) -> None:
        self._stop_requested.set()
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"!")

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake handler threads blocked on idle keep-alive sockets so they end now."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return  # the client went away (or a fault hung up on it): nothing to report
        log.exception("demo server: unexpected error while serving a request")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a requests.Session expects
    server_version = "OpenKeyDemo/1.0"
    sys_version = ""
    timeout = 60  # an idle keep-alive connection does not pin a thread forever
    # Headers and body go out in separate writes; with Nagle on, each answer waits ~40 ms for an ACK.
    disable_nagle_algorithm = True
    server: _HttpServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Silent on purpose: no request lines in test output, and nothing that might carry a key."""

    def _serve(self) -> None:
        runtime = self.server.runtime
        stopping = runtime.stopping
        split = urlsplit(self.path)
        runtime.record(self.command, split.path, split.query)
        body = self._read_body()
        fault = runtime.faults.take(self.command, split.path)
        delay = runtime.latency + (fault.delay if fault is not None else 0.0)
        if delay > 0 and stopping.wait(delay):
            self._hang_up()  # the server is stopping: nobody is waiting for this answer any more
            return
        if fault is not None and fault.drop == "before":
            self._hang_up()
            return
        if fault is not None and fault.answers:
            self._send(fault.reply())
            return
        reply = self._dispatch(runtime, split, body)
        self._send(reply, cut=fault is not None and fault.drop == "mid")

    def _dispatch(self, runtime: _Runtime, split: SplitResult, body: bytes) -> Reply:
        request = Request(
            method=self.command,
            path=split.path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers=self.headers,
            body=body,
            client_ip=str(self.client_address[0]),
            cookies=_cookies(self.headers.get_all("Cookie") or []),
        )
        attack = runtime.page_attack
        try:
            if attack is not None and hostile.is_token_listing(request):
                rows = runtime.api.state.snapshot()
                return hostile.page_reply(attack, runtime.api.flavor, request, rows[0] if rows else None)
            reply = runtime.api.handle(request)
        except Exception as error:  # a demo bug must not look like a network failure
            log.exception("demo server: handler failed for %s %s", self.command, split.path)
            return fail(f"demo server error: {type(error).__name__}", status=500)
        return hostile.hostile_reply(request, reply) if runtime.hostile else reply

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, reply: Reply, *, cut: bool = False) -> None:
        """Write ``reply``; with ``cut`` promise the whole body but send half and hang up."""
        if reply.stream is not None:
            self._send_stream(reply)
            return
        body = reply.body
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(max(len(body), 1) if cut else len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if cut else body)
        if cut:
            self.wfile.flush()
            self._hang_up()

    def _send_stream(self, reply: Reply) -> None:
        """Send a streamed answer chunk by chunk; a client that hangs up (an OSError here) ends it."""
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        chunked = reply.length is None
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(reply.length))
        self.end_headers()
        stopping = self.server.runtime.stopping
        assert reply.stream is not None
        for chunk in reply.stream:
            if stopping.is_set():
                self._hang_up()
                return
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _cookies(headers: Iterable[str]) -> dict[str, str]:
    """``Cookie`` headers to a dict; the first of a repeated name wins, as in Go's ``Request.Cookie``."""
    cookies: dict[str, str] = {}
    for header in headers:
        for part in header.split(";"):
            name, sep, value = part.strip().partition("=")
            if sep and name:
                cookies.setdefault(name, value.strip('"'))
    return cookies


class DemoServer:
    """A stateful One API / New API management server with fault injection.

    Use as a context manager; everything it answers follows ``shared/oneapi-contract.md`` and the
    recorded fixtures. See the module docstrings of ``routes`` and ``faults`` for the details.
    """

    def __init__(
        self,
        *,
        flavor: str = ONE_API,
        tokens: int = 100,
        seed: int = 0,
        username: str = DEFAULT_USERNAME,
        password: str = DEFAULT_PASSWORD,
        host: str = "127.0.0.1",
        port: int = 0,
        quota_per_unit: int = 500_000,
        user_quota: int | None = None,
        require_2fa: bool = False,
        turnstile: bool = False,
        critical_rate_limit: Limit | None = (20, 1200),
        search_rate_limit: Limit | None = (10, 60),
        global_rate_limit: Limit | None = None,
        max_tokens: int | None = None,
        models: Sequence[str] = DEFAULT_MODELS,
        system_name: str = "OpenKey Demo",
        user_id: int = 1,
        hostile: bool = False,
        hostile_pages: str | None = None,
        access_ttl: float = 900.0,
        access_leeway: float = 5.0,
        session_ttl: float = 30 * 86_400.0,
        replay_window: float = 30.0,
        secure_cookies: bool = False,
        checkin: bool = False,
    ) -> None:
        """``hostile`` makes every text the site controls an attack; ``hostile_pages`` one of
        ``hostile.PAGE_MODES`` makes the token lists oversized or endless (see ``demo.hostile``).

        The ``new-api-v1`` flavour only: ``access_ttl`` (the bearer JWT's life; tests use seconds),
        ``access_leeway``, ``session_ttl`` (a login's absolute life), ``replay_window`` (how long a
        rotated refresh cookie may be sent again) and ``secure_cookies`` (refresh and logout check
        ``Origin``). ``checkin`` turns New API's daily check-in on (``demo.checkin``)."""
        if tokens < 0:
            raise ValueError("tokens cannot be negative")
        self._rules = flavor_rules(flavor)
        self.flavor = flavor
        self.username = username
        self.password = password
        self.user_id = user_id
        self._address = (host, port)
        now = int(time.time())
        rows = seed_tokens(
            flavor, tokens, seed=seed, user_id=user_id, now=now, quota_per_unit=quota_per_unit, models=models
        )
        if hostile:
            hostile_names(rows)
        balance = DEFAULT_BALANCE_DOLLARS * quota_per_unit if user_quota is None else user_quota
        self._state = DemoState(
            user=_demo_user(user_id, username, password, balance, rows),
            tokens=rows,
            access_token=self._rules.new_access_token(),
            backup_codes=BACKUP_CODES,
        )
        config = ApiConfig(
            quota_per_unit=quota_per_unit,
            require_2fa=require_2fa,
            turnstile=turnstile,
            critical_rate_limit=critical_rate_limit,
            search_rate_limit=search_rate_limit,
            global_rate_limit=global_rate_limit,
            max_tokens=max(1000, tokens + 1000) if max_tokens is None else max_tokens,
            models=tuple(models),
            system_name=system_name,
            start_time=now,
            lifetimes=Lifetimes(access=access_ttl, leeway=access_leeway, session=session_ttl,
                                replay_window=replay_window),
            secure_cookies=secure_cookies,
            checkin=checkin,
            seed=seed,
        )
        api = DemoApi(state=self._state, flavor=self._rules, config=config, url=lambda: self.url)
        self._runtime = _Runtime(api)
        self._runtime.hostile = hostile
        if hostile_pages is not None:
            self.set_hostile_pages(hostile_pages)
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._httpd is not None else "stopped"
        return f"<DemoServer {self.flavor} {where}>"

    # --- lifecycle ----------------------------------------------------------------------------------

    def start(self) -> DemoServer:
        if self._httpd is not None:
            raise RuntimeError("the demo server is already running")
        self._runtime.stopping = threading.Event()
        httpd = _HttpServer(self._address, self._runtime)  # binds now, so url is valid at once
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_until_stopped, name="openkey-demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port; in-flight requests are abandoned, not awaited."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._httpd = self._thread = None
        self._runtime.stopping.set()
        httpd.stop_serving()
        if thread is not None:
            thread.join(timeout=5)
        httpd.server_close()
        httpd.close_connections()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # --- what tests and the --demo mode read --------------------------------------------------------

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the demo server is not running; call start() first")
        host, port = self._httpd.server_address[:2]
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(str(host), str(host))  # a wildcard is no address
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def access_token(self) -> str:
        return self._state.access_token

    @property
    def requests(self) -> list[RequestRecord]:
        """A snapshot of (method, path, query string) for every request received so far."""
        return self._runtime.requests()

    def reset_requests(self) -> None:
        self._runtime.reset_requests()

    def tokens(self) -> list[dict[str, Any]]:
        """Copies of the stored rows (full keys, wire field names), newest first."""
        return self._state.snapshot()

    # --- steering -----------------------------------------------------------------------------------

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int | None = None,
        html: bool = False,
        body: bytes | str | None = None,
        delay: float = 0.0,
        drop: str | None = None,
        retry_after: int | float | str | None = None,
        path: str | None = None,
        method: str | None = None,
    ) -> Fault:
        """Queue a fault for the next ``count`` matching requests (see ``faults.Fault``)."""
        raw = body.encode("utf-8") if isinstance(body, str) else body
        fault = Fault(
            count=count, status=status, html=html, body=raw, delay=delay, drop=drop,
            retry_after=retry_after, path=path, method=method,
        )  # fmt: skip
        self._runtime.faults.add(fault)
        return fault

    def clear_faults(self) -> None:
        self._runtime.faults.clear()

    def set_latency(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("latency cannot be negative")
        self._runtime.latency = float(seconds)

    def expire_sessions(self) -> None:
        """Every cookie session ends and the access token stops working until it is rotated.

        On ``new-api-v1`` every login session is revoked too (as a logout elsewhere would)."""
        self._state.expire_credentials()
        if self._runtime.api.flavor.name == NEW_API_V1:
            self._runtime.api.v1_sessions().revoke_all()

    @property
    def v1(self) -> V1Sessions:
        """The ``new-api-v1`` sign-in state: sessions and what the client did (refreshes, replays)."""
        return self._runtime.api.v1_sessions()

    def rotate_access_token(self) -> str:
        """Exactly what ``GET /api/user/token`` does: a new token; the old one stops working."""
        token = self._rules.new_access_token()
        self._state.set_access_token(token)
        return token

    def set_hostile_pages(
        self, mode: str | None, *, page_bytes: int = hostile.DEFAULT_PAGE_BYTES, shape: str = "empty"
    ) -> None:
        """Make every token list / search answer ``mode`` (``hostile.PAGE_MODES``), or normal again (None)."""
        self._runtime.page_attack = None if mode is None else hostile.PageAttack(mode, page_bytes, shape)

    @property
    def hostile(self) -> bool:
        return self._runtime.hostile

    @property
    def checkins(self) -> CheckinBook:
        """Who checked in when; tests move its ``today`` to start another day."""
        return self._runtime.api.checkins

    def set_user_quota(self, quota: int) -> None:
        self._state.set_user_field("quota", int(quota))


def _demo_user(user_id: int, username: str, password: str, quota: int, rows: list[dict[str, Any]]) -> dict[str, Any]:
    used = sum(row["used_quota"] for row in rows)
    return {
        "id": user_id,
        "username": username,
        "password": password,
        "display_name": "Demo User",
        "role": 1,  # a common user, like a customer of a gateway site
        "status": 1,
        "email": f"{username}@example.com",
        "group": "default",
        "quota": quota,
        "used_quota": used,
        "request_count": used // 2_000,
        "aff_code": "dEmO",
    }
