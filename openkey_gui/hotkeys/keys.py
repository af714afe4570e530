"""The key combination of the global shortcut: read from Qt's portable text ("Ctrl+Alt+K") and checked.

Only what every backend can name is accepted: letters, digits, F1–F24 and Space, with Ctrl, Alt,
Shift or Meta (the Windows / Super key). A letter or digit needs Ctrl, Alt or Meta, since a
system-wide "K" or "Shift+K" would take that key from every app; a function key may stand alone.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass


class Modifier(enum.Flag):
    NONE = 0
    CTRL = enum.auto()
    ALT = enum.auto()
    SHIFT = enum.auto()
    META = enum.auto()


_MODIFIERS = {"ctrl": Modifier.CTRL, "alt": Modifier.ALT, "shift": Modifier.SHIFT, "meta": Modifier.META}
_FUNCTION_KEY = re.compile(r"^F([1-9]|1[0-9]|2[0-4])$")


class HotkeyProblem(str, enum.Enum):
    """Why a combination cannot be a global shortcut."""

    SEVERAL_KEYS = "several_keys"  # a sequence such as "Ctrl+K, Ctrl+L"
    KEY_NOT_SUPPORTED = "key_not_supported"
    NEEDS_MODIFIER = "needs_modifier"


class Unavailable(str, enum.Enum):
    """Why the system cannot give the app a global shortcut (the app works on without one)."""

    WAYLAND = "wayland"
    NO_DISPLAY = "no_display"
    TAKEN = "taken"  # another app holds the combination
    FAILED = "failed"  # the system refused for another reason


class UnavailableError(Exception):
    def __init__(self, reason: Unavailable, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


class HotkeyRefused(ValueError):
    def __init__(self, problem: HotkeyProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Hotkey:
    """``key`` is "A"–"Z", "0"–"9", "F1"–"F24" or "Space"."""

    modifiers: Modifier
    key: str

    @property
    def function_key(self) -> int | None:
        match = _FUNCTION_KEY.match(self.key)
        return int(match.group(1)) if match else None


def parse_hotkey(text: str) -> Hotkey:
    """``QKeySequence.toString(PortableText)`` of one combination; raises ``HotkeyRefused``."""
    text = text.strip()
    if ", " in text:
        raise HotkeyRefused(HotkeyProblem.SEVERAL_KEYS)
    *names, key = text.split("+") if text else [""]
    modifiers = Modifier.NONE
    for name in names:
        modifier = _MODIFIERS.get(name.strip().lower())
        if modifier is None:
            raise HotkeyRefused(HotkeyProblem.KEY_NOT_SUPPORTED)
        modifiers |= modifier
    key = key.strip()
    if len(key) == 1 and key.isascii() and key.isalnum():
        key = key.upper()
        if not modifiers & (Modifier.CTRL | Modifier.ALT | Modifier.META):
            raise HotkeyRefused(HotkeyProblem.NEEDS_MODIFIER)
    elif key.lower() == "space":
        key = "Space"
        if not modifiers & (Modifier.CTRL | Modifier.ALT | Modifier.META):
            raise HotkeyRefused(HotkeyProblem.NEEDS_MODIFIER)
    elif not _FUNCTION_KEY.match(key):
        raise HotkeyRefused(HotkeyProblem.KEY_NOT_SUPPORTED)
    return Hotkey(modifiers, key)


def modifier_bits(modifiers: Modifier, bits: Mapping[Modifier, int]) -> int:
    """The system's bit mask for ``modifiers``, each backend giving its own bit per modifier."""
    mask = 0
    for modifier, bit in bits.items():
        if modifiers & modifier:
            mask |= bit
    return mask
