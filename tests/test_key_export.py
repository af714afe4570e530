"""Key export text and the private file write."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from openkey_gui.key_export import ExportFormat, ExportRow, csv_text, export_text, write_private_file

ROWS = [
    ExportRow("laptop", "sk-" + "a" * 48, 1_250_000, False, datetime(2027, 1, 2, 3, 4, 5, tzinfo=timezone.utc)),
    ExportRow('=HYPERLINK("x"), "quoted"', "sk-" + "b" * 48, 0, True, None),
    ExportRow("翻译, 助手\nline", "sk-" + "c" * 48, 5, False, None),
]


def test_csv_parses_back_and_disarms_formulas() -> None:
    records = list(csv.reader(io.StringIO(csv_text(ROWS, quota_per_unit=500_000))))
    assert records[0] == ["name", "key", "quota", "expiry"]
    assert records[1] == ["laptop", "sk-" + "a" * 48, "$2.50", "2027-01-02T03:04:05+00:00"]
    assert records[2][0] == "'" + ROWS[1].name and records[2][2:] == ["unlimited", "never"]
    assert records[3][0] == ROWS[2].name and records[3][2] == "$0.00001"


def test_env_export_is_name_key_lines() -> None:
    text = export_text(ROWS[:1], ExportFormat.ENV, quota_per_unit=500_000)
    assert text == "# laptop\nLAPTOP=sk-" + "a" * 48 + "\n"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_file_is_private_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "keys.env"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o644)
    write_private_file(target, "NEW=sk-x\n")
    assert target.read_text(encoding="utf-8") == "NEW=sk-x\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["keys.env"]  # no temporary file left behind
