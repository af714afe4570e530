"""Several keys at once, as ``.env`` lines or CSV, for the clipboard or a file the user picked.

Pure text plus one careful file write: the file holds secrets, so it is created readable by its owner
only (0600 where the system has modes), written whole to a temporary file next to it and renamed over
the target, so a half-written file never exists. The app writes keys nowhere else.
"""

from __future__ import annotations

import contextlib
import csv
import enum
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openkey_gui.api.quota import format_money
from openkey_gui.snippets import env_lines

CSV_HEADER = ("name", "key", "quota", "expiry")


class ExportFormat(str, enum.Enum):
    ENV = "env"
    CSV = "csv"


@dataclass(frozen=True)
class ExportRow:
    name: str
    key: str = field(repr=False)
    remain_quota: int
    unlimited: bool
    expires_at: datetime | None


def csv_text(rows: list[ExportRow], *, quota_per_unit: int, symbol: str = "$", rate: Decimal = Decimal(1)) -> str:
    """name, key, quota left (in the site's money, or "unlimited"), expiry (ISO 8601, or "never")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        quota = "unlimited" if row.unlimited else format_money(row.remain_quota, quota_per_unit, symbol=symbol,
                                                                  rate=rate)
        expiry = row.expires_at.isoformat(timespec="seconds") if row.expires_at is not None else "never"
        writer.writerow((_no_formula(row.name), row.key, quota, expiry))
    return out.getvalue()


def _no_formula(text: str) -> str:
    """A name starting with = + - @ would run as a formula in a spreadsheet: it is quoted with a '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_text(rows: list[ExportRow], export_format: ExportFormat, *, quota_per_unit: int, symbol: str = "$",
                rate: Decimal = Decimal(1)) -> str:
    if export_format is ExportFormat.CSV:
        return csv_text(rows, quota_per_unit=quota_per_unit, symbol=symbol, rate=rate)
    return env_lines([(row.name, row.key) for row in rows])


def write_private_file(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` as a file only its owner can read; replaces an existing file whole."""
    target = Path(path).expanduser()
    descriptor, temporary = tempfile.mkstemp(prefix=".openkey-export-", dir=str(target.parent))
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target
