"""The account credential in the OS keyring, and nowhere else.

Only the secret goes to the keyring; which accounts exist (site, user name) is not secret and lives in
the app's settings. A machine without a keyring (a headless Linux) gets a clear ``KeyringUnavailable``
instead of keyring's own exceptions, and the app keeps working without "remember me".

"The OS keyring" is an allow-list, not "whatever keyring picked": keyring also loads backends from any
installed plugin (keyrings.alt stores the password base64 in ``~/.local/share/python_keyring/``), from
``PYTHON_KEYRING_BACKEND`` and from its config file. A backend keyring chose is used only when it is the
Windows Credential Manager, the macOS Keychain, a Secret Service or KWallet; a chainer counts for the
first such backend it wraps. A backend passed to :class:`CredentialStore` explicitly (tests, scripts)
is the caller's choice and is used as given.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import asdict, dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring itself is imported on first use: loading its backends takes ~40 ms that start-up need not pay.

SERVICE = "OpenKey Desktop"

# The operating systems' own credential stores, by keyring's class names (exact classes, not subclasses).
OS_KEYRINGS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Manager
        "keyring.backends.macOS.Keyring",  # macOS Keychain
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring, KeePassXC… over D-Bus
        "keyring.backends.libsecret.Keyring",  # the same Secret Service through libsecret
        "keyring.backends.kwallet.DBusKeyring",  # KWallet 5/6
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)
_trusted_for_tests: tuple[type, ...] = ()
_refusals_logged: set[str] = set()

log = logging.getLogger(__name__)


class SignInMode(str, enum.Enum):
    """How an account signs in; the value is what settings and the keyring entry store."""

    PASSWORD = "password"
    ACCESS_TOKEN = "access_token"


class KeyringProblem(enum.Enum):
    """Why the keyring could not be used, in the terms the user can act on."""

    MISSING = "missing"  # no OS keyring at all (install one)
    LOCKED = "locked"  # there, but locked (unlock it)
    REFUSED = "refused"  # there, but it failed the request (D-Bus, a dismissed prompt, a backend error)


class KeyringUnavailable(Exception):
    """No usable keyring: the credential cannot be remembered. The message is English, for the log;
    the UI words ``problem`` in its own language."""

    def __init__(self, message: str, problem: KeyringProblem = KeyringProblem.REFUSED) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class Credential:
    """What is needed to sign in again without asking; this whole value is the secret."""

    mode: SignInMode
    username: str = ""
    password: str = ""
    access_token: str = ""
    user_id: int | None = None
    # A New API v1.0 password sign-in's refresh session (``api.SessionGrant``): with it a restart within
    # the site's 30 days signs in without the password or a 2FA code. Rewritten at every rotation.
    session_cookie: str = ""
    session_sid: str = ""
    session_expires: int = 0  # unix seconds; 0 when the site did not say

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", SignInMode(self.mode))

    def __repr__(self) -> str:  # never let a secret reach a log line or a traceback
        return f"Credential(mode={self.mode!r}, username={self.username!r}, user_id={self.user_id!r})"

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Credential | None:
        try:
            data = json.loads(text)
            mode = SignInMode(data.get("mode"))
            user_id = data.get("user_id")
            return cls(
                mode=mode,
                username=str(data.get("username") or ""),
                password=str(data.get("password") or ""),
                access_token=str(data.get("access_token") or ""),
                user_id=int(user_id) if isinstance(user_id, int) else None,
                session_cookie=str(data.get("session_cookie") or ""),
                session_sid=str(data.get("session_sid") or ""),
                session_expires=int(data["session_expires"]) if isinstance(data.get("session_expires"), int) else 0,
            )
        except (ValueError, AttributeError, TypeError):
            return None


def account_key(server_url: str, username: str) -> str:
    """The keyring "user name" of one account: several sites and users each get their own entry."""
    return f"{server_url.rstrip('/')}|{username}"


class CredentialStore:
    """Save / load / forget credentials; pass a backend to use something other than the OS keyring."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        backend = self._resolve()
        if backend is None:
            raise KeyringUnavailable(
                "No system keyring is available, so the sign-in cannot be remembered. "
                "On Linux, install and unlock a Secret Service keyring (GNOME Keyring or KWallet).",
                KeyringProblem.MISSING,
            )
        return backend

    def _resolve(self) -> KeyringBackend | None:
        """The backend to use, or None: the injected one, else keyring's choice if it is an OS keyring."""
        if self._backend is not None:
            return None if _is_fail_backend(self._backend) else self._backend
        import keyring

        chosen = keyring.get_keyring()
        backend = os_keyring_of(chosen)
        if backend is None and not _is_fail_backend(chosen) and _class_name(chosen) not in _refusals_logged:
            _refusals_logged.add(_class_name(chosen))
            log.warning("not using the keyring backend %s: it is not the operating system's keyring",
                        _class_name(chosen))
        return backend

    def available(self) -> bool:
        try:
            self._keyring()
        except KeyringUnavailable:
            return False
        return True

    def backend_name(self) -> str:
        """The backend in use (e.g. ``keyring.backends.SecretService.Keyring``), else the one refused."""
        backend = self._resolve()
        if backend is None:
            import keyring

            backend = self._backend or keyring.get_keyring()
        return _class_name(backend)

    def save(self, key: str, credential: Credential) -> None:
        _register(credential)
        try:
            self._keyring().set_password(SERVICE, key, credential.to_json())
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus and backend errors come in many types; none may crash the app
            raise _unavailable(exc) from None

    def load(self, key: str) -> Credential | None:
        try:
            text = self._keyring().get_password(SERVICE, key)
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus and backend errors come in many types; none may crash the app
            raise _unavailable(exc) from None
        credential = Credential.from_json(text) if text else None
        if credential is not None:
            _register(credential)
        return credential

    def forget(self, key: str) -> None:
        try:
            self._keyring().delete_password(SERVICE, key)
        except _errors().PasswordDeleteError:
            pass  # nothing stored: forgetting is already done
        except KeyringUnavailable:
            raise
        except Exception as exc:  # D-Bus and backend errors come in many types; none may crash the app
            raise _unavailable(exc) from None


def _register(credential: Credential) -> None:
    """From now on the logs scrub this credential by its exact value (see ``logging_setup``)."""
    from openkey_gui.logging_setup import register_secret

    register_secret(credential.password)
    register_secret(credential.access_token)
    register_secret(credential.session_cookie)


def _errors() -> ModuleType:
    import keyring.errors

    return keyring.errors


def os_keyring_of(backend: KeyringBackend) -> KeyringBackend | None:
    """``backend`` if it is an OS keyring; for a chainer, the first OS keyring it wraps; else None."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        # The chainer would fall through to its other backends (a plaintext file) when the first fails.
        return next((member for member in backend.backends if _is_os_keyring(member)), None)
    return backend if _is_os_keyring(backend) else None


def trust_backend_for_tests(cls: type) -> None:
    """Let keyring's automatic choice of ``cls`` (an in-memory test keyring) count as an OS keyring.

    For test suites whose fake keyring is picked by keyring itself; the app never calls it.
    """
    global _trusted_for_tests
    if cls not in _trusted_for_tests:
        _trusted_for_tests = (*_trusted_for_tests, cls)


def _is_os_keyring(backend: KeyringBackend) -> bool:
    return _class_name(backend) in OS_KEYRINGS or isinstance(backend, _trusted_for_tests)


def _class_name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _is_fail_backend(backend: KeyringBackend) -> bool:
    from keyring.backends import fail

    if isinstance(backend, fail.Keyring):
        return True
    chained = getattr(backend, "backends", None)  # ChainerBackend with nothing behind it
    return chained is not None and not chained


def _unavailable(exc: Exception) -> KeyringUnavailable:
    errors = _errors()
    if isinstance(exc, errors.KeyringLocked):
        return KeyringUnavailable("The system keyring is locked. Unlock it and try again, or sign in without "
                                  "remembering.", KeyringProblem.LOCKED)
    if isinstance(exc, errors.NoKeyringError):
        return KeyringUnavailable("No system keyring is available, so the sign-in cannot be remembered.",
                                  KeyringProblem.MISSING)
    return KeyringUnavailable(f"The system keyring refused the request ({type(exc).__name__}). Sign in without "
                              "remembering.", KeyringProblem.REFUSED)
