"""The site's own icon for its row in the sidebar: ``/favicon.ico`` from the site's address, once.

One API and New API serve their web app's icon there (a site that rebrands replaces it). Only that
address is asked, never the ``logo`` of ``/api/status``, which may point anywhere on the internet.
What comes back is kept only when it is a small image of a format Qt reads without plugins beyond
the usual (PNG, ICO, GIF, JPEG, BMP): a site without an icon answers its web page, and a broken or
hostile one anything at all. Any failure means no icon; the row keeps its initial.
"""

from __future__ import annotations

import logging

from openkey_gui.api.errors import ApiError
from openkey_gui.api.transport import Transport

log = logging.getLogger(__name__)

ICON_PATH = "/favicon.ico"
ICON_MAX_BYTES = 64 * 1024  # a favicon is a few KB; more is not an icon
_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\x00\x00\x01\x00",  # ICO
    b"GIF87a", b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"BM",  # BMP
)


def looks_like_image(body: bytes) -> bool:
    """The first bytes of one of the image formats above (SVG, text that can carry anything, is not one)."""
    return len(body) > 16 and body.startswith(_SIGNATURES)


def read_site_icon(transport: Transport) -> bytes | None:
    """The icon's bytes, or None when the site has none that is usable (never raises for the site)."""
    try:
        status, body = transport.fetch_file(ICON_PATH, limit=ICON_MAX_BYTES)
    except ApiError as exc:
        log.debug("no site icon from %s: %s", transport.host, type(exc).__name__)
        return None
    if status != 200 or not looks_like_image(body):
        log.debug("no site icon from %s: status %s, %d bytes", transport.host, status, len(body))
        return None
    return body
