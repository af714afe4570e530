"""The demo site's ``/favicon.ico``: a small PNG of its own colour, so two demo sites look different.

Real One API and New API sites serve their web app's icon there. The picture is drawn here, pixel by
pixel (no Qt in the demo server): a rounded square in a colour taken from the site's name, with a
white ring, the head of a key.
"""

from __future__ import annotations

import colorsys
import struct
import zlib

SIZE = 32


def icon_colour(name: str) -> tuple[int, int, int]:
    """A saturated, mid-dark colour that the name picks (the same name, the same colour)."""
    hue = (zlib.crc32(name.encode("utf-8")) % 360) / 360
    red, green, blue = colorsys.hls_to_rgb(hue, 0.42, 0.65)
    return round(red * 255), round(green * 255), round(blue * 255)


def site_icon_png(name: str) -> bytes:
    colour = icon_colour(name)
    rows = []
    for y in range(SIZE):
        row = bytearray(b"\x00")  # PNG filter: none
        for x in range(SIZE):
            row += bytes(_pixel(x + 0.5, y + 0.5, colour))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + _chunk(b"IEND", b""))


def _pixel(x: float, y: float, colour: tuple[int, int, int]) -> tuple[int, int, int, int]:
    corner, edge = 7.0, SIZE - 7.0
    dx, dy = max(corner - x, 0.0, x - edge), max(corner - y, 0.0, y - edge)
    if dx * dx + dy * dy > 7.0 * 7.0:
        return (0, 0, 0, 0)  # outside the rounded square
    ring = ((x - SIZE / 2) ** 2 + (y - SIZE / 2) ** 2) ** 0.5
    if 5.0 <= ring <= 9.0:
        return (255, 255, 255, 255)
    return (*colour, 255)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
