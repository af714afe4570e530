"""On a Mac (the release workflow's macOS job): copy a key with the app's Clipboard, then read the
general pasteboard through JavaScript for Automation and check what clipboard managers will see.

Run from the repository root: ``python tests/security/macos_pasteboard_check.py``. Prints one line and
exits 0 when the concealed and transient types are there with the key as plain text, Qt reads the key
back, and clearing removes it; exits 1 saying what is wrong otherwise. Needs the Cocoa platform plugin
(not offscreen), which a GitHub macOS runner has.
"""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout's openkey_gui, installed or not

READ_PASTEBOARD = """
ObjC.import("AppKit");
var board = $.NSPasteboard.generalPasteboard;
var types = board.types;
var names = [];
for (var i = 0; i < types.count; i++) { names.push(ObjC.unwrap(types.objectAtIndex(i))); }
var text = ObjC.unwrap(board.stringForType("public.utf8-plain-text"));
JSON.stringify({types: names, text: text === undefined ? null : text});
"""


def pasteboard() -> dict[str, object]:
    import json

    result = subprocess.run(["osascript", "-l", "JavaScript", "-e", READ_PASTEBOARD],
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout.strip())


def main() -> int:
    if sys.platform != "darwin":
        print("pasteboard check: skipped (not macOS)")
        return 0
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        del os.environ["QT_QPA_PLATFORM"]  # the offscreen plugin has no real pasteboard
    from PySide6.QtGui import QGuiApplication

    from openkey_gui.ui.clipboard import CONCEALED_TYPE, TEXT_TYPE, TRANSIENT_TYPE, Clipboard, native_pasteboard

    app = QGuiApplication([])
    if native_pasteboard() is None:
        print("pasteboard check FAILED: the Objective-C runtime could not be loaded")
        return 1
    key = "sk-" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(48))
    guard = Clipboard(clear_seconds=0)
    guard.copy_secret(key, "the check key")
    app.processEvents()
    seen = pasteboard()
    problems = [f"{kind} missing" for kind in (CONCEALED_TYPE, TRANSIENT_TYPE, TEXT_TYPE)
                if kind not in seen["types"]]  # type: ignore[operator]
    if seen["text"] != key:
        problems.append("the pasteboard text is not the key")
    if QGuiApplication.clipboard().text() != key:
        problems.append("Qt does not read the key back")
    if not guard.clear_if_ours():
        problems.append("clear_if_ours did not see its own copy")
    app.processEvents()
    after = pasteboard()
    if after["text"] == key:
        problems.append("the key is still there after clearing")
    if problems:
        print("pasteboard check FAILED: " + "; ".join(problems) + f" (types: {seen['types']})")
        return 1
    print(f"pasteboard check ok: {', '.join(map(str, seen['types']))}; Qt reads it; cleared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
