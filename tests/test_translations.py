"""The Simplified Chinese translation: complete, compiled, placeholder-safe and current with the sources."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "openkey_zh_CN.ts"
QM_FILE = TRANSLATIONS / "openkey_zh_CN.qm"
SCRIPT = ROOT / "scripts" / "update_translations.py"

# str.format fields ({0}, {units}) and Qt's plural count; a missing one breaks .format() or loses the number.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n")
_TAG = re.compile(r"</?\w+[^>]*>")
_ENTITY = re.compile(r"&\w+;")
# A keyboard mnemonic: "&" before a character, but not "&&" (a literal ampersand) nor an entity like &nbsp;.
_MNEMONIC = re.compile(r"&(?!&)(?!\w+;)(\S)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    translation_type: str | None
    forms: tuple[str, ...]  # the translation, or each plural form

    @property
    def label(self) -> str:
        return f"{self.context}: {self.source!r}"


def _load_messages() -> list[Message]:
    messages = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name", "")
        for element in context.iter("message"):
            translation = element.find("translation")
            numerus = element.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
            elif numerus:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            messages.append(Message(
                context=name,
                source=element.findtext("source", ""),
                comment=element.findtext("comment"),
                numerus=numerus,
                translation_type=None if translation is None else translation.get("type"),
                forms=forms,
            ))
    return messages


MESSAGES = _load_messages() if TS_FILE.exists() else []


def _ids(messages: list[Message]) -> list[str]:
    return [f"{m.context}:{m.source[:40]}" for m in messages]


def test_ts_and_qm_exist() -> None:
    assert TS_FILE.is_file(), f"{TS_FILE} is missing; run scripts/update_translations.py"
    assert QM_FILE.is_file(), f"{QM_FILE} is missing; run scripts/update_translations.py"
    assert len(MESSAGES) > 100, "the .ts holds suspiciously few messages"


def test_qm_matches_ts() -> None:
    """The .qm was compiled from this .ts: every message translates to exactly its <translation> text."""
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"QTranslator cannot load {QM_FILE}"
    wrong = []
    for message in MESSAGES:
        if message.numerus:
            # Chinese has a single plural form, so any count selects it (%n is substituted by tr(), not here).
            got = translator.translate(message.context, message.source, message.comment, 2)
        else:
            got = translator.translate(message.context, message.source, message.comment)
        if got != message.forms[0]:
            wrong.append(f"{message.label}: .qm gives {got!r}, .ts says {message.forms[0]!r}")
    assert not wrong, "the .qm is stale; run scripts/update_translations.py:\n" + "\n".join(wrong)


def test_every_message_is_translated() -> None:
    problems = []
    for message in MESSAGES:
        if message.translation_type is not None:
            problems.append(f"{message.translation_type}: {message.label}")
        elif not message.forms or not all(form.strip() for form in message.forms):
            problems.append(f"empty: {message.label}")
        elif message.numerus and len(message.forms) != 1:
            problems.append(f"Chinese has one plural form, found {len(message.forms)}: {message.label}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("message", MESSAGES, ids=_ids(MESSAGES))
def test_placeholders_survive(message: Message) -> None:
    wanted = sorted(_PLACEHOLDER.findall(message.source))
    for form in message.forms:
        assert sorted(_PLACEHOLDER.findall(form)) == wanted, f"placeholders differ in {form!r}"


@pytest.mark.parametrize("message", MESSAGES, ids=_ids(MESSAGES))
def test_markup_and_mnemonics_survive(message: Message) -> None:
    for form in message.forms:
        assert sorted(_TAG.findall(form)) == sorted(_TAG.findall(message.source)), f"HTML tags differ in {form!r}"
        assert sorted(_ENTITY.findall(form)) == sorted(_ENTITY.findall(message.source)), f"entities differ in {form!r}"
        assert len(_MNEMONIC.findall(form)) == len(_MNEMONIC.findall(message.source)), f"mnemonic lost in {form!r}"


def _script_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ts_is_up_to_date_with_sources() -> None:
    """A string added or changed in the UI code without re-running the script (and translating it) fails here."""
    script = _script_module()
    try:
        script.find_tool("lupdate")
    except script.ToolNotFoundError as exc:
        pytest.skip(f"Qt's lupdate is not available: {exc}")
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], cwd=ROOT, capture_output=True, text=True,
                            timeout=90)
    assert result.returncode == 0, result.stdout + result.stderr
