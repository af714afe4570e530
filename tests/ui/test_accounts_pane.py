"""The sidebar's picture of a site: the site's own icon when Qt can read it safely, else its initial."""

from __future__ import annotations

import struct
import zlib

from pytestqt.qtbot import QtBot

from openkey_gui.demo.favicon import icon_colour, site_icon_png
from openkey_gui.ui.accounts_pane import ICON_SIZE, decoded_site_icon


def png_claiming(width: int, height: int, *, whole: bool = True) -> bytes:
    """A PNG of ``width`` × ``height`` transparent pixels; not ``whole``: only its header is true (a few
    bytes of data, however big it claims to be)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    pixels = (b"\x00" + b"\x00" * 4 * width) * height if whole else b"\x00" * 64
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels))
            + chunk(b"IEND", b""))


def test_the_site_s_icon_is_drawn_at_the_row_s_size(qtbot: QtBot) -> None:
    icon = decoded_site_icon(site_icon_png("Alpha Relay"))
    assert icon is not None
    image = icon.pixmap(ICON_SIZE, ICON_SIZE).toImage()
    assert image.pixelColor(4, 16).getRgb()[:3] == icon_colour("Alpha Relay")


def test_an_image_too_big_to_be_an_icon_is_not_decoded(qtbot: QtBot) -> None:
    assert decoded_site_icon(png_claiming(20_000, 20_000, whole=False)) is None  # 1.6 GB, had it been decoded
    assert decoded_site_icon(png_claiming(600, 16)) is None  # a whole, readable image, but no icon
    assert decoded_site_icon(png_claiming(256, 256)) is not None  # the largest favicon there is


def test_what_qt_cannot_read_is_no_icon(qtbot: QtBot) -> None:
    assert decoded_site_icon(b"\x89PNG\r\n\x1a\n" + b"broken" * 10) is None
    assert decoded_site_icon(b"") is None
