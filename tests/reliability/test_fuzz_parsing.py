"""Fuzzing: generated server answers into every parser and into the transport: only ``ApiError`` escapes.

Real servers send nulls where strings belong, strings where numbers belong, masked keys, and forks add
fields of their own; a proxy in front may answer anything at all. Hypothesis generates such answers:
wrong types, missing fields, huge numbers, NaN and infinities, nulls, unicode (lone surrogates included),
very long strings, nested garbage, invalid UTF-8, thousands-deep nesting. They go to each ``parse_*``
function directly, to the envelope decoding, and over real HTTP from a tiny local server to the transport
and the client. The number of cases run is printed in the reliability report.

``OPENKEY_FUZZ_SCALE`` multiplies the example counts (for a longer run by hand); the default keeps the
file under a minute. Runs are derandomized so CI is reproducible; ``OPENKEY_FUZZ_RANDOM=1`` explores.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openkey_gui.api import ApiError, OpenKeyClient, TokenDraft
from openkey_gui.api import parse as p
from openkey_gui.api.transport import Transport
from tests.reliability.report import note

SCALE = max(1, int(os.environ.get("OPENKEY_FUZZ_SCALE", "1") or 1))


def fuzz(examples: int) -> settings:
    """Hypothesis settings for one target: ``examples`` cases (times the scale), no deadline, no database."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        database=None,  # nothing written into the work tree
        derandomize=os.environ.get("OPENKEY_FUZZ_RANDOM") != "1",
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


CASES: Counter[str] = Counter()

# -- generated JSON ------------------------------------------------------------------------------------

HUGE_INTS = st.one_of(st.integers(), st.integers(min_value=-(2**200), max_value=2**200),
                      st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30, -1, 0, 9_007_199_254_740_993]))
FLOATS = st.floats(allow_nan=True, allow_infinity=True)
ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),  # lone surrogates
    st.sampled_from(["", " ", "null", "true", "1", "-1", "1e309", "NaN", "0x10", "١٢٣", "sk-", "*" * 20,
                     "abcd**********wxyz", "\u202e\u0000\n", "令牌", "\ufeff", "9" * 5000]),
    st.builds(lambda n: "x" * n, st.integers(min_value=1_000, max_value=30_000)),  # very long strings
)
SCALARS = st.one_of(st.none(), st.booleans(), HUGE_INTS, FLOATS, ODD_TEXT)
JSON = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=6),
                               st.dictionaries(st.one_of(ODD_TEXT, st.sampled_from(["id", "key", "name"])),
                                               children, max_size=6)),
    max_leaves=25,
)

TOKEN_FIELDS = ["id", "user_id", "key", "status", "name", "created_time", "accessed_time", "expired_time",
                "remain_quota", "unlimited_quota", "used_quota", "models", "subnet", "model_limits_enabled",
                "model_limits", "allow_ips", "group", "cross_group_retry", "DeletedAt", "auto_groups"]
ACCOUNT_FIELDS = ["id", "username", "display_name", "group", "quota", "used_quota", "request_count"]
STATUS_FIELDS = ["system_name", "version", "quota_per_unit", "display_in_currency", "turnstile_check",
                 "server_address", "quota_display_type", "usd_exchange_rate", "chat_link", "chats", "setup",
                 "password_login_enabled", "price"]


# Values that broke (or would break) naive parsing, offered often rather than left to chance.
EDGE_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2**31, 2**63, -(2**63) - 1, 2**64, 10**30, -(10**30), 10**400,
    float("inf"), float("-inf"), float("nan"), 1e308, -1e308, 0.5, 1.7e19, -9.3e18,
    "", " ", "1", "-1", "1.5", "inf", "NaN", "1e999", "true", "null", "9" * 5000, "\x00", "😀" * 50,
    [], {}, [None], ["a", 1, None], {"a": 1}, {"id": {"id": None}}, [[[]]],
]
EDGE = st.sampled_from(EDGE_VALUES)
FIELD_VALUES = st.one_of(EDGE, SCALARS, JSON)


def record_like(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """An object with the real field names (any subset) holding any values: the likeliest kind of drift."""
    return st.fixed_dictionaries({}, optional={name: FIELD_VALUES for name in fields})


def edge_record(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Every field present, each holding one of the edge values."""
    return st.fixed_dictionaries({name: EDGE for name in fields})


TOKENS = st.one_of(record_like(TOKEN_FIELDS), edge_record(TOKEN_FIELDS))
PAGES = st.one_of(
    JSON,
    st.lists(st.one_of(TOKENS, JSON), max_size=8),
    st.fixed_dictionaries({}, optional={"items": st.one_of(st.lists(st.one_of(TOKENS, JSON), max_size=8), JSON),
                                        "total": JSON, "page": JSON, "page_size": JSON}),
)
ENVELOPES = st.one_of(
    JSON,
    st.fixed_dictionaries({"success": st.one_of(st.just(True), JSON)},
                          optional={"message": JSON, "data": st.one_of(PAGES, TOKENS, record_like(STATUS_FIELDS),
                                                                       record_like(ACCOUNT_FIELDS), JSON)}),
)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


BODIES = st.one_of(
    ENVELOPES.map(_dumps),
    st.binary(max_size=300),  # not JSON, not even UTF-8
    st.sampled_from([b"", b"{", b"null", b'{"success": tru', b"<!DOCTYPE html><html></html>",
                     b'{"success": true, "data": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",  # deep nesting
                     b'{"success": true, "data": ' + b"1" * 5000 + b"}",  # an int json refuses to build
                     b'{"success": true, "data": NaN}', b'{"success": true}' * 3,
                     b'\xef\xbb\xbf{"success": true, "data": []}']),
)

# -- 1. every parse function ---------------------------------------------------------------------------

PARSERS: list[tuple[str, Callable[[Any], Any]]] = [
    ("parse_token", p.parse_token),
    ("parse_token_page", p.parse_token_page),
    ("parse_account", p.parse_account),
    ("parse_status", p.parse_status),
    ("parse_model_names", p.parse_model_names),
    ("require_object", lambda v: p.require_object(v, "thing")),
    ("detect_flavor", lambda v: p.detect_flavor(v) if isinstance(v, dict) else None),
    ("as_int", p.as_int),
    ("as_str", p.as_str),
    ("as_bool", p.as_bool),
    ("as_time", p.as_time),
    ("split_list", p.split_list),
]


def _only_api_errors(fn: Callable[[Any], Any], value: Any) -> None:
    try:
        result = fn(value)
    except ApiError:
        return
    if isinstance(result, p.Token):  # a parsed token is usable: every field has its declared type
        assert isinstance(result.id, int) and isinstance(result.name, str) and isinstance(result.key, str)
        assert isinstance(result.remain_quota, int) and isinstance(result.models, tuple)
        result.effective_status  # noqa: B018 - must not raise either


@fuzz(500)
@given(value=st.one_of(TOKENS, PAGES, record_like(ACCOUNT_FIELDS), edge_record(ACCOUNT_FIELDS),
                       record_like(STATUS_FIELDS), edge_record(STATUS_FIELDS), JSON))
def test_parsers_raise_nothing_but_api_error(value: Any) -> None:
    CASES["parse: generated answers"] += 1
    for _name, fn in PARSERS:
        _only_api_errors(fn, value)


@pytest.mark.parametrize(("record", "fields"), [("token", TOKEN_FIELDS), ("account", ACCOUNT_FIELDS),
                                                ("status", STATUS_FIELDS)])
def test_every_field_with_every_edge_value(record: str, fields: list[str]) -> None:
    """Not left to chance: each field of each record holds each edge value once (the rest valid)."""
    valid = {"token": {"id": 5, "name": "t", "key": "k" * 48, "status": 1},
             "account": {"id": 1, "username": "u"},
             "status": {"system_name": "s", "quota_per_unit": 500000}}[record]
    for name in fields:
        for value in EDGE_VALUES:
            candidate = {**valid, name: value}
            CASES["parse: edge-value records"] += 1
            for _parser_name, fn in PARSERS:
                _only_api_errors(fn, candidate)
                _only_api_errors(fn, [candidate, value])


# -- 2. envelope decoding (status, headers and body of a fabricated response) ---------------------------

STATUSES = st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 504, 520])
RETRY_AFTER = st.one_of(st.none(), ODD_TEXT.filter(lambda t: "\n" not in t and "\r" not in t and len(t) < 500),
                        st.sampled_from(["5", "-3", "1e9", "inf", "nan", "Wed, 21 Oct 2015 07:28:00 GMT",
                                         "Fri, 31 Dec 9999 23:59:59 GMT"]))


@fuzz(500)
@given(status=STATUSES, body=BODIES, retry_after=RETRY_AFTER, raw_404=st.booleans())
def test_envelope_decoding_raises_nothing_but_api_error(status: int, body: bytes, retry_after: str | None,
                                                        raw_404: bool) -> None:
    CASES["envelope decoding"] += 1
    response = requests.Response()
    response.status_code = status
    response._content = body
    response._content_consumed = True
    if retry_after is not None:
        response.headers["Retry-After"] = retry_after
    transport = Transport("https://fuzz.example", 1)
    try:
        envelope = transport._decode(response, raw_404=raw_404)
    except ApiError:
        return
    assert isinstance(envelope, dict) and envelope.get("success") is True


# -- 3. over HTTP: a local server answers the generated bytes --------------------------------------------

HTTP_STATUSES = st.sampled_from([200, 200, 200, 201, 400, 401, 403, 404, 409, 500, 501])  # no 429/5xx retry waits


class _FuzzHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        status, body, content_type = self.server.next_answer(self.path)  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FuzzServer:
    """Answers the first request after ``load`` with the generated bytes, later ones with an empty page.

    (Later pages empty: a client looping over pages ends; every first answer is still fully fuzzed.)
    """

    EMPTY = (200, b'{"success":true,"message":"","data":[]}', "application/json")

    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FuzzHandler)
        self.httpd.daemon_threads = True
        self.httpd.next_answer = self._next  # type: ignore[attr-defined]
        self._lock = threading.Lock()
        self._queue: list[tuple[int, bytes, str]] = []
        self._status: tuple[int, bytes, str] = self.EMPTY
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def load(self, status_answer: tuple[int, bytes, str], *answers: tuple[int, bytes, str]) -> None:
        with self._lock:
            self._status = status_answer
            self._queue = list(answers)

    def _next(self, path: str) -> tuple[int, bytes, str]:
        with self._lock:
            if path.startswith("/api/status"):
                return self._status
            return self._queue.pop(0) if self._queue else self.EMPTY

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[FuzzServer]:
    server = FuzzServer()
    yield server
    server.stop()


def _status_body(flavor: str) -> bytes:
    data: dict[str, Any] = {"system_name": "fuzz", "quota_per_unit": 500000}
    if flavor == "new-api":
        data["quota_display_type"] = "USD"
    return json.dumps({"success": True, "message": "", "data": data}).encode()


CONTENT_TYPES = st.sampled_from(["application/json", "text/html", "application/octet-stream",
                                 "application/json; charset=gbk"])


def test_transport_over_http_raises_nothing_but_api_error(fuzz_server: FuzzServer) -> None:
    @fuzz(250)
    @given(status=HTTP_STATUSES, body=BODIES, content_type=CONTENT_TYPES,
           method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]))
    def run(status: int, body: bytes, content_type: str, method: str) -> None:
        CASES["transport over HTTP"] += 1
        fuzz_server.load(FuzzServer.EMPTY, (status, body, content_type))
        transport = Transport(fuzz_server.url, 2)
        try:
            transport.call(method, "/api/anything", json_body={"x": 1} if method != "GET" else None)
        except ApiError:
            pass
        finally:
            transport.close()

    run()


CLIENT_CALLS: dict[str, Callable[[OpenKeyClient], Any]] = {
    "account": lambda c: c.account(),
    "list_tokens": lambda c: c.list_tokens(),
    "get_token": lambda c: c.get_token(7),
    "reveal_key": lambda c: c.reveal_key(7),
    "reveal_keys": lambda c: c.reveal_keys([1, 2, 3]),
    "available_models": lambda c: c.available_models(),
    "update_token": lambda c: c.update_token(7, name="renamed"),
    "create_token": lambda c: c.create_token(TokenDraft(name="fuzz")),
    "delete_token": lambda c: c.delete_token(7),
    "login": lambda c: c.login("someone", "secret-pw"),
}


def test_client_over_http_raises_nothing_but_api_error(fuzz_server: FuzzServer) -> None:
    """Every client call against fuzzed answers (and fuzzed /api/status): an ApiError or a typed result."""

    @fuzz(300)
    @given(call=st.sampled_from(sorted(CLIENT_CALLS)), flavor=st.sampled_from(["one-api", "new-api"]),
           fuzz_status=st.booleans(),
           answers=st.lists(st.tuples(HTTP_STATUSES, BODIES, CONTENT_TYPES), min_size=1, max_size=4))
    def run(call: str, flavor: str, fuzz_status: bool, answers: list[tuple[int, bytes, str]]) -> None:
        CASES[f"client:{call}"] += 1
        status_answer = answers[0] if fuzz_status else (200, _status_body(flavor), "application/json")
        fuzz_server.load(status_answer, *(answers[1:] if fuzz_status else answers))
        client = OpenKeyClient(fuzz_server.url, timeout=2)
        try:
            CLIENT_CALLS[call](client)
        except ApiError:
            pass
        finally:
            client.close()

    run()


@pytest.fixture(scope="module", autouse=True)
def _report_fuzz_counts() -> Iterator[None]:
    """After the module's tests (however many were selected): the number of generated cases, by target."""
    yield
    total = sum(CASES.values())
    if not total:
        return
    client_total = sum(v for k, v in CASES.items() if k.startswith("client:"))
    note("fuzzing (hypothesis)", f"{total} cases, no exception but ApiError escaped: "
                                 f"{CASES['parse: generated answers']} generated answers and "
                                 f"{CASES['parse: edge-value records']} edge-value records, each into all "
                                 f"{len(PARSERS)} parse functions; "
                                 f"{CASES['envelope decoding']} envelope decodings, "
                                 f"{CASES['transport over HTTP']} transport calls over HTTP, "
                                 f"{client_total} client calls over HTTP ({len(CLIENT_CALLS)} methods)")
