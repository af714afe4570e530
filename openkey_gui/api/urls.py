"""Turns what a user types as "the site" into one safe base URL.

Users paste ``openkey.cloud``, ``https://openkey.cloud/``, or the SDK base ``https://openkey.cloud/v1``;
all mean the same site. Plain http would send the account credential in clear, so it is accepted only
for this machine (the demo server).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from openkey_gui.api.errors import ValidationError

DEFAULT_SITE = "https://openkey.cloud"
_API_SUFFIXES = ("/v1", "/api")


def is_loopback_host(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_site_url(text: str) -> str:
    """Return ``scheme://host[:port][/prefix]`` or raise ``ValidationError`` saying what is wrong."""
    raw = text.strip()
    if not raw:
        raise ValidationError("Enter the site address, for example https://openkey.cloud.", field="server_url")
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise ValidationError(
            f"“{parts.scheme}:” addresses are not supported; use https://.", field="server_url"
        )
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            "Do not put a user name or password in the address; sign in with the form instead.",
            field="server_url",
        )
    try:
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise ValidationError("The address has an invalid port.", field="server_url") from None
    if not host or any(c.isspace() for c in host):
        raise ValidationError("The address has no valid host name.", field="server_url")
    if scheme == "http" and not is_loopback_host(host):
        raise ValidationError(
            "Plain http:// would send your password unencrypted; use https://.", field="server_url"
        )
    path = parts.path.rstrip("/")
    for suffix in _API_SUFFIXES:
        if path.lower().endswith(suffix):
            path = path[: -len(suffix)]
            break
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc.lower(), path, "", ""))
