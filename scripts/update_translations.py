#!/usr/bin/env python3
"""Refresh the Simplified Chinese translation: lupdate the sources into the .ts, then lrelease it into the .qm.

Why a script: the app loads ``resources/translations/openkey_zh_CN.qm`` at start-up, and that file is
only as good as the ``.ts`` it was built from, which in turn is only as good as the last time someone
re-extracted the strings. Running Qt's tools by hand means remembering which files to scan (the API
client and the demo server have no Qt strings), which flags to pass (``-no-obsolete`` so removed strings
do not linger) and where PySide6 hides the binaries. This script does both steps the same way every time.

``--check`` changes nothing and is what the test suite runs: it exits 1 when extracting the strings again
would change the ``.ts`` (a string was added, edited or removed in the code without re-running this
script), or when a message has no finished translation. Source-line references (``<location>``) are
ignored by the comparison, so moving code around does not make the check fail.

Usage::

    python scripts/update_translations.py          # update the .ts and rebuild the .qm
    python scripts/update_translations.py --check  # verify only; exit 1 and say why if out of date
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "openkey_gui"
# Sub-packages without any Qt strings: the HTTP client and the demo server.
EXCLUDED = (PACKAGE / "api", PACKAGE / "demo")
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGE = "zh_CN"
TS_FILE = TRANSLATIONS / f"openkey_{LANGUAGE}.ts"
QM_FILE = TRANSLATIONS / f"openkey_{LANGUAGE}.qm"

# <location .../> lines only record where a string sits in the code; they change whenever code moves.
_LOCATION_LINE = re.compile(r"^\s*<location\b[^>]*/>\s*$\n?", re.MULTILINE)


class ToolNotFoundError(RuntimeError):
    """lupdate or lrelease is not installed where we can find it."""


def find_tool(name: str) -> Path:
    """Locate Qt's ``lupdate``/``lrelease``: PySide6's console script on PATH, then the PySide6 package folder."""
    script = f"pyside6-{name}"
    found = shutil.which(script)
    if found:
        return Path(found)
    # The console script next to this interpreter, for a virtualenv that is not activated.
    scripts_dir = Path(sys.executable).parent
    for candidate in (scripts_dir / script, scripts_dir / f"{script}.exe"):
        if candidate.is_file():
            return candidate
    # The binaries themselves ship inside the PySide6 package (found without importing Qt).
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            for candidate in (Path(folder) / name, Path(folder) / f"{name}.exe"):
                if candidate.is_file() and os.access(candidate, os.X_OK):
                    return candidate
    raise ToolNotFoundError(f"cannot find {script} on PATH or {name} in the PySide6 package; "
                            "install PySide6 (the Essentials wheel includes the Linguist tools)")


def source_files() -> list[Path]:
    """Every Python file of the app that may hold Qt strings, in a stable order."""
    return sorted(path for path in PACKAGE.rglob("*.py")
                  if not any(path.is_relative_to(excluded) for excluded in EXCLUDED))


def run_lupdate(ts_file: Path) -> None:
    """Extract the strings of all sources into ``ts_file``, keeping its translations, dropping obsolete ones."""
    lupdate = find_tool("lupdate")
    sources = [os.path.relpath(path, ROOT) for path in source_files()]
    command = [str(lupdate), "-silent", "-no-obsolete", "-source-language", "en", "-target-language", LANGUAGE,
               *sources, "-ts", str(ts_file)]
    subprocess.run(command, cwd=ROOT, check=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` into the binary ``qm_file`` that QTranslator loads."""
    lrelease = find_tool("lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)], cwd=ROOT, check=True)


def _messages(ts_file: Path) -> Iterator[tuple[str, ET.Element]]:
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def _describe(context: str, message: ET.Element) -> str:
    source = message.findtext("source", "")
    comment = message.findtext("comment")
    return f"{context}: {source!r}" + (f" ({comment})" if comment else "")


def untranslated(ts_file: Path) -> list[str]:
    """A line for each message whose translation is unfinished, empty, or missing a plural form."""
    problems = []
    for context, message in _messages(ts_file):
        translation = message.find("translation")
        if translation is None:
            problems.append(f"missing translation: {_describe(context, message)}")
            continue
        kind = translation.get("type")
        if kind in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{kind}: {_describe(context, message)}")
        elif message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if not forms or not all(form.strip() for form in forms):
                problems.append(f"empty plural form: {_describe(context, message)}")
        elif not (translation.text or "").strip():
            problems.append(f"empty: {_describe(context, message)}")
    return problems


def _without_locations(ts_file: Path) -> list[str]:
    return _LOCATION_LINE.sub("", ts_file.read_text(encoding="utf-8")).splitlines(keepends=True)


def stale_changes(ts_file: Path) -> list[str]:
    """The unified diff (sans source-line references) that running lupdate would make to ``ts_file``."""
    with tempfile.TemporaryDirectory(prefix="openkey-ts-") as temp:
        copy = Path(temp) / ts_file.name
        if ts_file.exists():
            shutil.copy2(ts_file, copy)
        run_lupdate(copy)
        before = _without_locations(ts_file) if ts_file.exists() else []
        after = _without_locations(copy)
    return list(difflib.unified_diff(before, after, fromfile=f"{ts_file.name} (now)",
                                     tofile=f"{ts_file.name} (after lupdate)"))


def check() -> int:
    """Report, without changing anything, whether the .ts is current and fully translated."""
    status = 0
    try:
        diff = stale_changes(TS_FILE)
    except ToolNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if diff:
        status = 1
        print(f"{TS_FILE.relative_to(ROOT)} is out of date with the sources; "
              "run scripts/update_translations.py and translate the new strings:")
        sys.stdout.writelines(diff)
        print()
    if TS_FILE.exists():
        problems = untranslated(TS_FILE)
        if problems:
            status = 1
            print(f"{len(problems)} message(s) in {TS_FILE.relative_to(ROOT)} lack a translation:")
            for line in problems:
                print(f"  {line}")
    if not QM_FILE.exists():
        status = 1
        print(f"{QM_FILE.relative_to(ROOT)} is missing; run scripts/update_translations.py")
    if status == 0:
        print(f"{TS_FILE.relative_to(ROOT)} is up to date and fully translated.")
    return status


def update() -> int:
    """Refresh the .ts from the sources, then build the .qm; say how many strings still need translating."""
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    try:
        run_lupdate(TS_FILE)
        run_lrelease(TS_FILE, QM_FILE)
    except ToolNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problems = untranslated(TS_FILE)
    total = sum(1 for _ in _messages(TS_FILE))
    print(f"Updated {TS_FILE.relative_to(ROOT)} ({total} messages) and {QM_FILE.relative_to(ROOT)}.")
    if problems:
        print(f"{len(problems)} message(s) still need a translation:")
        for line in problems:
            print(f"  {line}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if the .ts is out of date or has untranslated messages")
    args = parser.parse_args(argv)
    return check() if args.check else update()


if __name__ == "__main__":
    sys.exit(main())
