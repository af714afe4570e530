"""Turns what a user types as "the site" into one safe base URL.

Users paste ``openkey.cloud``, ``https://openkey.cloud/``, or the SDK base ``https://openkey.cloud/v1``;
all mean the same site. Plain http would send the account credential in clear, so it is accepted only
for this machine (the demo server).

The result is also an identity (accounts are remembered under it) and the prefix of every request, so
anything that could make two spellings of one site differ, or make a request go somewhere the user did
not read, is refused or folded here: credentials in the address, non-web schemes (``file:``,
``javascript:``), spaces and invisible characters, backslashes. International host names are stored in
their ASCII (punycode) form, the form DNS and TLS use, which also shows look-alike letters for what they are.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from openkey_gui.api.errors import ErrorKind, ValidationError

DEFAULT_SITE = "https://openkey.cloud"
_API_SUFFIXES = ("/v1", "/api")
_MAX_URL_LENGTH = 2048
# "name:" at the start, as in "javascript:…" or "file:/…"; "localhost:3000" is a host and a port instead.
_SCHEME_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(?!\d)")
_ASCII_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?$")


def is_loopback_host(host: str) -> bool:
    if host.lower().rstrip(".") in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _refuse(message: str, kind: ErrorKind, **params: str) -> ValidationError:
    return ValidationError(message, field="server_url", kind=kind, params=params)


def normalize_site_url(text: str) -> str:
    """Return ``scheme://host[:port][/prefix]`` or raise ``ValidationError`` saying what is wrong."""
    raw = text.strip()
    if not raw:
        raise _refuse("Enter the site address, for example https://openkey.cloud.", ErrorKind.URL_EMPTY)
    if len(raw) > _MAX_URL_LENGTH:
        raise _refuse("The address is too long to be a site address.", ErrorKind.URL_TOO_LONG)
    if any(_is_invisible(c) for c in raw):
        raise _refuse("The address contains spaces or invisible characters; type it again without them.",
                      ErrorKind.URL_INVISIBLE)
    if "\\" in raw:
        raise _refuse("The address contains a backslash (\\); use forward slashes.", ErrorKind.URL_BACKSLASH)
    if "://" not in raw:
        prefix = _SCHEME_PREFIX.match(raw)
        if prefix is not None:
            scheme = prefix.group(1).lower()
            if scheme in {"http", "https"}:
                raise _refuse("Write the address as https://host, for example https://openkey.cloud.",
                              ErrorKind.URL_NEEDS_SLASHES)
            raise _refuse(f"“{prefix.group(1)}:” addresses are not supported; use https://.", ErrorKind.URL_SCHEME,
                          scheme=prefix.group(1))
        raw = "https://" + raw
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise _refuse(f"“{parts.scheme}:” addresses are not supported; use https://.", ErrorKind.URL_SCHEME,
                      scheme=parts.scheme)
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise _refuse("Do not put a user name or password in the address; sign in with the form instead.",
                      ErrorKind.URL_CREDENTIALS)
    try:
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise _refuse("The address has an invalid port.", ErrorKind.URL_PORT) from None
    if port == 0:
        raise _refuse("The address has an invalid port.", ErrorKind.URL_PORT)
    host = _canonical_host(host)
    if scheme == "http" and not is_loopback_host(host):
        raise _refuse("Plain http:// would send your password unencrypted; use https://.", ErrorKind.URL_PLAIN_HTTP)
    path = _canonical_path(parts.path)
    for suffix in _API_SUFFIXES:
        if path.lower().endswith(suffix):
            path = path[: -len(suffix)]
            break
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, path, "", ""))


def _is_invisible(char: str) -> bool:
    """Whitespace, control and format characters (zero-width, bidi overrides): never part of a real address."""
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Zs"}


def _canonical_host(host: str) -> str:
    """A lower-case host name, IP address, or the ASCII form of an international name; else refuse."""
    no_host = _refuse("The address has no valid host name.", ErrorKind.URL_HOST)
    host = host.rstrip(".")
    if not host or "%" in host:
        raise no_host
    if ":" in host:  # only an IPv6 literal has colons here
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            raise no_host from None
    if not host.isascii():
        try:
            import idna  # requests' own dependency

            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError):
            raise no_host from None
    host = host.lower()
    labels = host.split(".")
    if len(host) > 253 or not all(_ASCII_LABEL.match(label) for label in labels):
        raise no_host
    return host


def _canonical_path(path: str) -> str:
    """The site's path prefix without a trailing slash or ``.``/``..`` segments ("" for the root)."""
    if not path or path == "/":
        return ""
    normal = posixpath.normpath("/" + path.lstrip("/"))
    return "" if normal == "/" else normal.rstrip("/")
