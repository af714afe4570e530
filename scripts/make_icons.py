#!/usr/bin/env python3
"""Render ``resources/icons/openkey.svg`` into the PNG sizes, the Windows ``.ico`` and the macOS ``.icns``.

Why a script: the installers need raster icons in three container formats, and hand-exported icons drift
from the SVG the app itself shows. Everything here is generated from the one SVG with QtSvg, so changing
the logo is "edit the SVG, run this, commit the output".

Why no Pillow / iconutil: both containers are simple (a directory of PNG blobs), Pillow would be a new
dependency, and ``iconutil`` exists only on macOS. Both containers store PNG-compressed images, which
Windows (Vista and later) and macOS (10.7 and later) read natively.

Usage::

    python scripts/make_icons.py            # write resources/icons/{png/*.png,openkey.ico,openkey.icns}
    python scripts/make_icons.py --check    # exit 1 if a generated file is missing or malformed
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "openkey.svg"
PNG_DIR = ICONS / "png"
ICO = ICONS / "openkey.ico"
ICNS = ICONS / "openkey.icns"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
# Windows picks from these for the taskbar, Explorer views, Start menu and the installer (at 100-200 % scale).
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# ICNS element types that hold PNG data, with their pixel size (the @2x types share a size with a 1x type).
ICNS_TYPES = (
    ("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
    ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512),
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """Render the SVG at each size with QtSvg; returns PNG bytes by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed, also in CI
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG for QtSvg")
    out: dict[int, bytes] = {}
    for size in sorted(set(sizes)):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG", 0):  # Qt maps PNG "quality" 0 to zlib level 9: smallest file
            raise SystemExit(f"could not encode the {size}px PNG")
        buffer.close()
        out[size] = bytes(data.data())
    del app
    return out


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (the first chunk, right after the signature)."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def build_ico(pngs: Mapping[int, bytes], sizes: Iterable[int] = ICO_SIZES) -> bytes:
    """An ICO container: ICONDIR, one ICONDIRENTRY per image, then the PNG blobs (PNG-compressed entries)."""
    chosen = sorted(set(sizes))
    header = struct.pack("<HHH", 0, 1, len(chosen))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(chosen)
    entries, blobs = [], []
    for size in chosen:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the one-byte width/height fields
        # width, height, palette colours, reserved, colour planes, bits per pixel, data size, data offset
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def read_ico(data: bytes) -> list[tuple[int, int]]:
    """(width, height) of each image in an ICO, taken from the PNG blobs themselves."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1 or count == 0:
        raise ValueError("not an icon file")
    sizes = []
    for i in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        blob = data[offset:offset + length]
        actual = png_size(blob)
        if actual != ((width or 256), (height or 256)):
            raise ValueError(f"ICO entry {i} says {width}x{height} but holds {actual}")
        sizes.append(actual)
    return sizes


def build_icns(pngs: Mapping[int, bytes], types: Iterable[tuple[str, int]] = ICNS_TYPES) -> bytes:
    """An ICNS container: 'icns' + total length, then (type, length incl. 8-byte header, PNG data) elements."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in types)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> dict[str, tuple[int, int]]:
    """Element type -> (width, height) for every PNG element of an ICNS."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an icns file (or truncated)")
    elements, pos = {}, 8
    while pos < len(data):
        kind = data[pos:pos + 4].decode("ascii")
        (length,) = struct.unpack(">I", data[pos + 4:pos + 8])
        if length < 8 or pos + length > len(data):
            raise ValueError(f"icns element {kind!r} has a bad length")
        elements[kind] = png_size(data[pos + 8:pos + length])
        pos += length
    return elements


def check() -> list[str]:
    """Problems with the generated files (empty when they are all there and well-formed)."""
    problems = []
    for size in PNG_SIZES:
        path = PNG_DIR / f"openkey-{size}.png"
        try:
            if png_size(path.read_bytes()) != (size, size):
                problems.append(f"{path.name} is not {size}x{size}")
        except (OSError, ValueError) as exc:
            problems.append(f"{path.name}: {exc}")
    try:
        if sorted(w for w, _ in read_ico(ICO.read_bytes())) != sorted(ICO_SIZES):
            problems.append(f"{ICO.name} does not hold the sizes {ICO_SIZES}")
    except (OSError, ValueError, struct.error) as exc:
        problems.append(f"{ICO.name}: {exc}")
    try:
        found = read_icns(ICNS.read_bytes())
        expected = {kind: (size, size) for kind, size in ICNS_TYPES}
        if found != expected:
            problems.append(f"{ICNS.name} holds {found}, expected {expected}")
    except (OSError, ValueError, struct.error) as exc:
        problems.append(f"{ICNS.name}: {exc}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the generated files; change nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(f"make_icons: {problem}", file=sys.stderr)
        return 1 if problems else 0

    pngs = render_pngs(SVG, set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        (PNG_DIR / f"openkey-{size}.png").write_bytes(pngs[size])
    ICO.write_bytes(build_ico(pngs))
    ICNS.write_bytes(build_icns(pngs))
    total = sum((PNG_DIR / f"openkey-{s}.png").stat().st_size for s in PNG_SIZES)
    print(f"wrote {len(PNG_SIZES)} PNGs ({total // 1024} KiB), {ICO.name} ({ICO.stat().st_size // 1024} KiB), "
          f"{ICNS.name} ({ICNS.stat().st_size // 1024} KiB) from {SVG.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
