"""Checks that scripts/ci_windows_wine.sh runs inside Wine, with the Windows Python it builds the app with.

Each command prints one line saying what it found and exits 1 (with the reason) when a check fails:

    python wine_checks.py CHECKOUT installed VERSION LANGUAGE   the installed app, Start menu, uninstall entry
    python wine_checks.py CHECKOUT removed                      ... and all of that gone again
    python wine_checks.py CHECKOUT write-user-data SECRET       settings, two remembered sign-ins, a log file
    python wine_checks.py CHECKOUT user-data-kept SECRET        ... still there, unchanged
    python wine_checks.py CHECKOUT user-data-gone               ... removed (another app's credential is not)
    python wine_checks.py CHECKOUT leftovers                    lists what OpenKey Desktop left on the machine
    python wine_checks.py CHECKOUT answer-uninstaller yes|no    answers the uninstaller's message boxes
    python wine_checks.py CHECKOUT hotkey                       the app's global shortcut (RegisterHotKey)

User data is written and read through the app's own code (AppSettings, CredentialStore) taken from the
checkout, so it lands where the installed app keeps it: HKCU\\Software\\OpenKey\\OpenKey Desktop and
Windows Credential Manager (keyring's WinVaultKeyring).
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time
import winreg
from collections.abc import Callable
from ctypes import wintypes
from pathlib import Path

APP_ID = "{20F29AFE-64BE-4773-B953-36D0ED63C2C6}"  # packaging/windows/openkey.iss
UNINSTALL_KEY = rf"Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"
SETTINGS_PARENT_KEY = r"Software\OpenKey"
LOCAL = Path(os.environ["LOCALAPPDATA"])
APP_DIR = LOCAL / "Programs" / "OpenKey Desktop"
EXE = APP_DIR / "OpenKeyDesktop.exe"
START_MENU_LINK = Path(os.environ["APPDATA"]) / "Microsoft/Windows/Start Menu/Programs/OpenKey Desktop.lnk"
DESKTOP_LINK = Path(os.environ["USERPROFILE"]) / "Desktop" / "OpenKey Desktop.lnk"
DATA_DIR = LOCAL / "OpenKey" / "OpenKey Desktop"  # openkey_gui.logging_setup.default_log_dir()'s parent
LOG_FILE = DATA_DIR / "logs" / "wine-ci.log"
UNRELATED_SERVICE = "OpenKey Desktop Helper"  # another app's credential, with a confusingly similar name


class CheckFailed(Exception):
    pass


def key_exists(root: int, path: str) -> bool:
    try:
        winreg.CloseKey(winreg.OpenKey(root, path))
    except FileNotFoundError:
        return False
    return True


def key_values(root: int, path: str) -> dict[str, object]:
    with winreg.OpenKey(root, path) as key:
        count = winreg.QueryInfoKey(key)[1]
        return {name: value for name, value, _ in (winreg.EnumValue(key, i) for i in range(count))}


def link_points_at(link: Path, target: Path) -> bool:
    """A .lnk names its target both as ANSI and UTF-16 text; either will do for this check."""
    data = link.read_bytes().lower()
    text = str(target).lower()
    return text.encode("utf-16-le") in data or text.encode("mbcs", "replace") in data


def check_installed(version: str, language: str) -> str:
    for path in (EXE, APP_DIR / "unins000.exe", APP_DIR / "_internal" / "PySide6" / "plugins" / "platforms"
                 / "qwindows.dll"):
        if not path.is_file():
            raise CheckFailed(f"missing after install: {path}")
    if not START_MENU_LINK.is_file():
        raise CheckFailed(f"no Start-menu entry: {START_MENU_LINK}")
    if not link_points_at(START_MENU_LINK, EXE):
        raise CheckFailed(f"the Start-menu entry does not point at {EXE}")
    if DESKTOP_LINK.exists():
        raise CheckFailed(f"a desktop shortcut was made although its task is unchecked by default: {DESKTOP_LINK}")
    if key_exists(winreg.HKEY_LOCAL_MACHINE, UNINSTALL_KEY):
        raise CheckFailed("a per-user install wrote a machine-wide uninstall entry (HKLM)")
    if not key_exists(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY):
        raise CheckFailed(f"no uninstall entry HKCU\\{UNINSTALL_KEY}")
    values = key_values(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY)
    expected = {"DisplayName": "OpenKey Desktop", "DisplayVersion": version,
                "Inno Setup: Language": language, "InstallLocation": f"{APP_DIR}\\"}
    wrong = {k: values.get(k) for k, v in expected.items() if str(values.get(k, "")).lower() != v.lower()}
    if wrong:
        raise CheckFailed(f"uninstall entry: expected {expected}, found {wrong}")
    return (f"installed {version} ({language}) in {APP_DIR}; Start-menu entry {START_MENU_LINK.name}; "
            f"uninstall entry HKCU\\...\\{APP_ID}_is1: {values['UninstallString']}")


def check_removed() -> str:
    left = [str(p) for p in (APP_DIR, START_MENU_LINK, DESKTOP_LINK) if p.exists()]
    if key_exists(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY):
        left.append(f"HKCU\\{UNINSTALL_KEY}")
    if left:
        raise CheckFailed(f"still there after uninstall: {', '.join(left)}")
    return "removed: app folder, Start-menu entry, uninstall entry"


# -- user data, through the app's own code ----------------------------------------------------------------


def app_user_data(secret: str):  # -> (AppSettings, CredentialStore, [(AccountEntry, Credential)])
    from openkey_gui.credentials import Credential, CredentialStore
    from openkey_gui.ui.settings import AccountEntry, AppSettings

    alice = AccountEntry(server_url="https://wine-ci.invalid", username="alice", mode="password")
    bob = AccountEntry(server_url="https://wine-ci.invalid", username="bob", mode="access_token")
    accounts = [(bob, Credential(mode="access_token", username="bob", access_token=secret[::-1])),
                (alice, Credential(mode="password", username="alice", password=secret))]
    return AppSettings(), CredentialStore(), accounts


def write_user_data(secret: str) -> str:
    import keyring

    settings, store, accounts = app_user_data(secret)
    for entry, credential in accounts:  # alice last: the account the app signs in to at start
        settings.remember_account(entry)
        store.save(entry.key, credential)  # keyring keeps one under the service name, the other as <key>@<service>
    settings.set_refresh_minutes(7)
    settings.sync()
    keyring.set_password(UNRELATED_SERVICE, "someone", "not ours")
    LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
    LOG_FILE.write_text("written by scripts/ci_windows_wine.sh\n", encoding="utf-8")
    return (f"user data written: settings {settings.file_name()}, {len(accounts)} sign-ins in "
            f"{store.backend_name()}, {LOG_FILE}")


def check_user_data_kept(secret: str) -> str:
    settings, store, accounts = app_user_data(secret)
    alice = accounts[-1][0]
    if settings.last_account() != alice or settings.refresh_minutes() != 7:
        raise CheckFailed(f"settings lost: last account {settings.last_account()}, refresh "
                          f"{settings.refresh_minutes()} min (expected {alice.label}, 7 min)")
    for entry, credential in accounts:
        if store.load(entry.key) != credential:  # compares the secret without showing it
            raise CheckFailed(f"the remembered sign-in of {entry.label} is gone from Credential Manager")
    if not LOG_FILE.is_file():
        raise CheckFailed(f"log folder lost: {LOG_FILE}")
    return f"user data kept: settings (last account {alice.label}), {len(accounts)} remembered sign-ins, log folder"


def check_user_data_gone() -> str:
    import keyring

    # Registry and folder first: opening AppSettings would create the settings key again.
    if key_exists(winreg.HKEY_CURRENT_USER, SETTINGS_PARENT_KEY):
        raise CheckFailed(f"settings still there: HKCU\\{SETTINGS_PARENT_KEY}")
    if DATA_DIR.exists() or DATA_DIR.parent.exists():
        raise CheckFailed(f"log folder still there: {DATA_DIR}")
    ours = [t for t in credential_targets() if t.lower() == "openkey desktop" or t.lower().endswith("@openkey desktop")]
    if ours:
        raise CheckFailed(f"remembered sign-ins still in Credential Manager: {ours}")
    if keyring.get_password(UNRELATED_SERVICE, "someone") != "not ours":
        raise CheckFailed(f"removing user data also removed another app's credential ({UNRELATED_SERVICE})")
    return (f"user data removed: HKCU\\{SETTINGS_PARENT_KEY}, {DATA_DIR}, remembered sign-ins "
            f"(another app's credential '{UNRELATED_SERVICE}' kept)")


def credential_targets() -> list[str]:
    from win32ctypes.pywin32 import win32cred

    return sorted(c["TargetName"] for c in win32cred.CredEnumerate())


def leftovers() -> str:
    found = []
    profile = Path(os.environ["USERPROFILE"])
    for path in sorted(profile.rglob("*")):
        if any("openkey" in part.lower() for part in path.relative_to(profile).parts) and path.is_file():
            found.append(str(path))
    if key_exists(winreg.HKEY_CURRENT_USER, SETTINGS_PARENT_KEY):
        found.append(f"HKCU\\{SETTINGS_PARENT_KEY} (settings)")
    if key_exists(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY):
        found.append(f"HKCU\\{UNINSTALL_KEY}")
    for target in credential_targets():
        if UNRELATED_SERVICE.lower() in target.lower():
            found.append(f"credential '{target}' (another app's, written by this check)")
        elif "openkey" in target.lower():
            found.append(f"credential '{target}'")
    return "left behind: " + ("; ".join(found) if found else "nothing")


# -- the interactive uninstaller -------------------------------------------------------------------------


def answer_uninstaller(answer: str, timeout: float = 90.0) -> str:
    """Click through the uninstaller's message boxes as a person would; answer the user-data question.

    Fails unless that question was asked with "No" as its default button, so that pressing Enter keeps
    the user's data.
    """
    user32 = ctypes.windll.user32
    user32.GetDlgItem.restype = wintypes.HWND
    user32.GetDlgItem.argtypes = [wintypes.HWND, ctypes.c_int]
    user32.GetWindowLongW.argtypes = [wintypes.HWND, ctypes.c_int]
    user32.PostMessageW.argtypes = [wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
    wm_command, gwl_style, bs_defpushbutton, id_ok, id_yes, id_no = 0x0111, -16, 0x1, 1, 6, 7
    enum_proc = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)

    def message_boxes() -> list[int]:
        found: list[int] = []

        def visit(hwnd: int, _: int) -> bool:
            name = ctypes.create_unicode_buffer(64)
            user32.GetClassNameW(hwnd, name, 64)
            if name.value == "#32770" and user32.IsWindowVisible(hwnd):
                found.append(hwnd)
            return True

        user32.EnumWindows(enum_proc(visit), 0)
        return found

    def press(hwnd: int, button: int) -> None:
        user32.PostMessageW(hwnd, wm_command, button, user32.GetDlgItem(hwnd, button) or 0)

    def default_button(hwnd: int) -> int | None:
        for button in (id_yes, id_no, id_ok):
            item = user32.GetDlgItem(hwnd, button)
            if item and user32.GetWindowLongW(item, gwl_style) & 0x0F == bs_defpushbutton:
                return button
        return None

    choice = id_yes if answer == "yes" else id_no
    handled: set[int] = set()
    said: list[str] = []
    question_default: int | None = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for hwnd in message_boxes():
            text = ctypes.create_unicode_buffer(4096)
            user32.GetDlgItemTextW(hwnd, 0xFFFF, text, 4096)  # a message box's text control
            if hwnd in handled or not text.value:
                continue
            handled.add(hwnd)
            first_line = text.value.splitlines()[0]
            if "OpenKey Desktop" in text.value and ("settings" in text.value or "设置" in text.value):
                question_default = default_button(hwnd)
                press(hwnd, choice)
                said.append(f"{first_line!r} (default {'No' if question_default == id_no else question_default})"
                            f" -> {answer}")
            elif user32.GetDlgItem(hwnd, id_yes):
                press(hwnd, id_yes)  # "Are you sure you want to completely remove ...?"
                said.append(f"{first_line!r} -> yes")
            else:
                press(hwnd, id_ok)  # "... was successfully removed from your computer."
                said.append(f"{first_line!r} -> OK")
                if question_default is None:
                    raise CheckFailed(f"the uninstaller never asked about user data: {said}")
                if question_default != id_no:
                    raise CheckFailed(f"the user-data question's default button is {question_default}, not No")
                return "uninstaller dialogs: " + "; ".join(said)
        time.sleep(0.2)
    raise CheckFailed(f"no final uninstaller message within {timeout:.0f} s; seen: {said}")


# -- the global shortcut ---------------------------------------------------------------------------------

VK_SHIFT, VK_CONTROL, VK_MENU, VK_F11, VK_F12 = 0x10, 0x11, 0x12, 0x7A, 0x7B
INPUT_KEYBOARD, KEYEVENTF_KEYUP = 1, 0x2


class _KeyboardInput(ctypes.Structure):
    _fields_ = [("wVk", wintypes.WORD), ("wScan", wintypes.WORD), ("dwFlags", wintypes.DWORD),
                ("time", wintypes.DWORD), ("dwExtraInfo", ctypes.c_size_t)]


class _MouseInput(ctypes.Structure):  # the union's largest member: it sets sizeof(INPUT), which SendInput checks
    _fields_ = [("dx", wintypes.LONG), ("dy", wintypes.LONG), ("mouseData", wintypes.DWORD),
                ("dwFlags", wintypes.DWORD), ("time", wintypes.DWORD), ("dwExtraInfo", ctypes.c_size_t)]


class _Input(ctypes.Structure):
    class _Union(ctypes.Union):
        _fields_ = [("ki", _KeyboardInput), ("mi", _MouseInput)]

    _anonymous_ = ("u",)
    _fields_ = [("type", wintypes.DWORD), ("u", _Union)]


def press_keys(*keys: int) -> None:
    """Hold ``keys`` down in order and let go in reverse, through SendInput: as a keyboard would type them."""
    strokes = [(key, 0) for key in keys] + [(key, KEYEVENTF_KEYUP) for key in reversed(keys)]
    inputs = (_Input * len(strokes))()
    for item, (key, flags) in zip(inputs, strokes, strict=True):
        item.type, item.ki.wVk, item.ki.dwFlags = INPUT_KEYBOARD, key, flags
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    user32.SendInput.argtypes = [wintypes.UINT, ctypes.POINTER(_Input), ctypes.c_int]
    sent = user32.SendInput(len(strokes), inputs, ctypes.sizeof(_Input))
    if sent != len(strokes):
        raise CheckFailed(f"SendInput sent {sent} of {len(strokes)} key strokes (error {ctypes.get_last_error()})")


def check_hotkey() -> str:
    """WindowsBackend, the app's own code: the one combination reaches it, once per press, nothing else
    does; a second holder is refused as TAKEN; given back by stop(), it can be taken again."""
    from openkey_gui.hotkeys import Unavailable, UnavailableError, parse_hotkey
    from openkey_gui.hotkeys.windows import WindowsBackend

    combination = parse_hotkey("Ctrl+Alt+Shift+F12")
    presses: list[str] = []
    heard = threading.Event()

    def hear(name: str) -> Callable[[], None]:
        def pressed() -> None:
            presses.append(name)
            heard.set()

        return pressed

    def expect(keys: tuple[int, ...], wanted: str | None, what: str) -> None:
        """Press ``keys``: ``wanted`` must hear it exactly once (or, for None, no callback at all)."""
        before = len(presses)
        heard.clear()
        press_keys(*keys)
        if wanted is None:
            if heard.wait(1.0):
                raise CheckFailed(f"{what}: reached the callback {presses[before:]}")
            return
        if not heard.wait(5.0):
            raise CheckFailed(f"{what}: no WM_HOTKEY within 5 s")
        time.sleep(0.3)  # a second, unwanted call would have arrived by now
        if presses[before:] != [wanted]:
            raise CheckFailed(f"{what}: one press, and the callbacks heard {presses[before:]}")

    first = WindowsBackend()
    first.start(combination, hear("first"))
    expect((VK_CONTROL, VK_MENU, VK_SHIFT, VK_F11), None, "Ctrl+Alt+Shift+F11 (another key)")
    expect((VK_CONTROL, VK_MENU, VK_F12), None, "Ctrl+Alt+F12 (Shift missing)")
    expect((VK_CONTROL, VK_MENU, VK_SHIFT, VK_F12), "first", "Ctrl+Alt+Shift+F12")
    try:
        WindowsBackend().start(combination, hear("second"))
    except UnavailableError as error:
        if error.reason is not Unavailable.TAKEN:
            raise CheckFailed(f"a second holder was refused as {error.reason.value}, not taken ({error})") from error
        refused = f"a second holder refused: {error.reason.value} ({error.detail})"
    else:
        raise CheckFailed("a second RegisterHotKey of the same combination was accepted")
    first.stop()
    expect((VK_CONTROL, VK_MENU, VK_SHIFT, VK_F12), None, "after stop()")
    again = WindowsBackend()
    again.start(combination, hear("again"))
    expect((VK_CONTROL, VK_MENU, VK_SHIFT, VK_F12), "again", "taken again after stop()")
    again.stop()
    return ("global shortcut Ctrl+Alt+Shift+F12 (RegisterHotKey): WM_HOTKEY once per press, "
            f"other keys ignored; {refused}; given back by stop() and taken again")


def main(argv: list[str]) -> int:
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]  # Chinese dialog texts
    sys.path.insert(0, argv[1])  # the checkout: openkey_gui's own settings and credential code
    command, args = argv[2], argv[3:]
    commands = {
        "installed": check_installed,
        "removed": check_removed,
        "write-user-data": write_user_data,
        "user-data-kept": check_user_data_kept,
        "user-data-gone": check_user_data_gone,
        "leftovers": leftovers,
        "answer-uninstaller": answer_uninstaller,
        "hotkey": check_hotkey,
    }
    try:
        print(commands[command](*args), flush=True)
    except CheckFailed as exc:
        print(f"FAILED: {exc}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
