"""Request / reply values and the Go-flavoured JSON decoding the demo answers with.

The real servers are Go programs: a malformed body is refused with the message of Go's
``encoding/json``, a wrong field type names the Go struct field, and fields are matched
case-insensitively. A client that shows server messages verbatim should meet the same text here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

JSON_TYPE = "application/json; charset=utf-8"

# Go type names per field kind; the kind decides what JSON value is accepted.
GO_TYPES = {
    "int": "int",
    "int64": "int64",
    "string": "string",
    "*string": "string",
    "bool": "bool",
    "[]int": "int",
}
ZERO_VALUES: dict[str, Any] = {"int": 0, "int64": 0, "string": "", "*string": None, "bool": False, "[]int": None}


class _Missing:
    """Marks an envelope without ``data`` (delete, create on New API): absent, not null."""

    def __repr__(self) -> str:
        return "NO_DATA"


NO_DATA: Any = _Missing()


@dataclass
class Request:
    """What a route handler sees of an HTTP request; ``user`` is filled in by authentication."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    client_ip: str
    cookies: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    user: dict[str, Any] | None = None
    sid: str = ""  # New API v1.0: the login session of the bearer JWT ("" for a personal access token)

    def arg(self, name: str, default: str = "") -> str:
        """First value of a query parameter, like gin's ``c.Query``."""
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str) -> str:
        """Header lookup that ignores case, as HTTP (and gin) do."""
        value = self.headers.get(name)
        return "" if value is None else str(value)


@dataclass
class Reply:
    """A finished answer; the transport only serialises it.

    ``stream`` replaces ``body`` for answers too large (or endless) to build in memory: its chunks are
    sent as they come, with ``length`` as the Content-Length, or chunked when ``length`` is None.
    """

    status: int = 200
    body: bytes = b""
    content_type: str | None = JSON_TYPE
    headers: list[tuple[str, str]] = field(default_factory=list)
    stream: Iterator[bytes] | None = None
    length: int | None = None


def json_reply(payload: object, status: int = 200) -> Reply:
    # Go writes UTF-8 directly, not \u escapes; compact like gin's c.JSON.
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status=status, body=body)


def envelope(success: bool, message: str = "", data: Any = NO_DATA, status: int = 200) -> Reply:
    payload: dict[str, Any] = {"success": success, "message": message}
    if data is not NO_DATA:
        payload["data"] = data
    return json_reply(payload, status)


def ok(data: Any = NO_DATA, message: str = "") -> Reply:
    return envelope(True, message, data)


def fail(message: str, status: int = 200) -> Reply:
    """A business error: HTTP 200 unless told otherwise, exactly as the servers do it."""
    return envelope(False, message, status=status)


def empty(status: int) -> Reply:
    """The rate limiters' answer: a status and nothing else (contract §5)."""
    return Reply(status=status, body=b"", content_type=None)


class BodyError(Exception):
    """The body could not be read into the Go struct; ``message`` is Go's own wording."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decode_value(body: bytes) -> Any:
    """Read the first JSON value like Go's ``json.Decoder``: trailing bytes are ignored."""
    text = body.decode("utf-8", errors="replace")
    start = len(text) - len(text.lstrip(" \t\r\n"))
    if start == len(text):
        raise BodyError("EOF")
    try:
        value, _end = json.JSONDecoder(parse_constant=_refuse_constant).raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise BodyError(_go_syntax_message(exc, text)) from None
    except _GoSyntaxError as exc:
        raise BodyError(str(exc)) from None
    return value


class _GoSyntaxError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    # Python accepts NaN / Infinity; Go's decoder does not.
    raise _GoSyntaxError(f"invalid character {_go_quote(name[0])} looking for beginning of value")


_SYNTAX_CONTEXT = (
    ("Expecting property name", "looking for beginning of object key string"),
    ("Expecting ':' delimiter", "after object key"),
    ("Expecting ',' delimiter", "after object key:value pair"),
    ("Invalid control character", "in string literal"),
    ("Invalid \\escape", "in string escape code"),
)


def _go_syntax_message(exc: json.JSONDecodeError, text: str) -> str:
    if exc.pos >= len(text.rstrip(" \t\r\n")):
        return "unexpected EOF"
    context = next((go for py, go in _SYNTAX_CONTEXT if exc.msg.startswith(py)), None)
    return f"invalid character {_go_quote(text[exc.pos])} {context or 'looking for beginning of value'}"


def _go_quote(char: str) -> str:
    """Go's ``quoteChar``: the offending character in single quotes, escaped when unprintable."""
    if char == "'":
        return "'\\''"
    if char == '"':
        return "'\"'"
    if char.isprintable():
        return f"'{char}'"
    return "'" + json.dumps(char)[1:-1] + "'"


def decode_struct(body: bytes, schema: Mapping[str, str], struct: str) -> dict[str, Any]:
    """Decode a JSON object into the fields of ``schema`` (name → Go kind), Go-style.

    Returns only the fields present in the body (so the caller decides what "missing" means: a
    create and a full update treat it differently). ``null`` becomes the Go zero value.
    Unknown keys are ignored and names match case-insensitively, as ``encoding/json`` does.
    """
    value = decode_value(body)
    if not isinstance(value, dict):
        raise BodyError(f"json: cannot unmarshal {_json_kind(value)} into Go value of type {struct}")
    by_folded = {name.casefold(): name for name in schema}
    fields: dict[str, Any] = {}
    for key, item in value.items():
        name = key if key in schema else by_folded.get(key.casefold())
        if name is None:
            continue
        fields[name] = _convert(item, schema[name], f"{struct.rsplit('.', 1)[-1]}.{name}")
    return fields


def _convert(item: Any, kind: str, where: str) -> Any:
    if item is None:
        return ZERO_VALUES[kind]
    if kind == "[]int":
        if not isinstance(item, list):
            raise _type_error(item, where, "[]int")
        return [0 if element is None else _convert_int(element, where) for element in item]
    if kind in ("int", "int64"):
        return _convert_int(item, where, GO_TYPES[kind])
    if kind in ("string", "*string"):
        if not isinstance(item, str):
            raise _type_error(item, where, "string")
        return item
    if kind == "bool":
        if not isinstance(item, bool):
            raise _type_error(item, where, "bool")
        return item
    raise ValueError(f"unknown field kind {kind!r}")


def _convert_int(item: Any, where: str, go_type: str = "int") -> int:
    if isinstance(item, bool) or not isinstance(item, (int, float)):
        raise _type_error(item, where, go_type)
    if isinstance(item, float):
        literal = repr(item).replace("e+", "e")
        raise BodyError(f"json: cannot unmarshal number {literal} into Go struct field {where} of type {go_type}")
    return item


def _type_error(item: Any, where: str, go_type: str) -> BodyError:
    return BodyError(f"json: cannot unmarshal {_json_kind(item)} into Go struct field {where} of type {go_type}")


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if value is None:
        return "null"
    return "object"


_GO_INT = re.compile(r"[+-]?[0-9]+")


def go_atoi(text: str) -> int:
    """``strconv.Atoi``: digits with an optional sign, nothing else (Python's int() is laxer)."""
    if not _GO_INT.fullmatch(text):
        raise ValueError(f'strconv.Atoi: parsing "{text}": invalid syntax')
    return int(text)


def query_int(text: str, default: int = 0) -> int:
    """A query number the way the servers read it: anything unparsable is the default."""
    try:
        return go_atoi(text)
    except ValueError:
        return default
