"""One app per user: a second launch hands over to the first (which shows its window) and exits.

Two instances would mean two tray icons, two clipboard timers and two sets of reminders. The first
instance listens on a local socket (a Unix socket in the user's runtime folder, a named pipe on
Windows); a later launch connects, says ``raise`` and ends with exit code 0.

Who is first is decided under a ``QLockFile`` held for the first instance's whole life. Qt's lock
records the owner's process id, so a crashed (``kill -9``) first instance leaves a lock the next
launch sees as stale and takes over; the socket file it left behind is removed with
``QLocalServer.removeServer`` before listening, which is safe because only the lock holder does it.

The name comes from the user, the settings file and the demo flavour: tests, ``--settings`` sandboxes
and a ``--demo`` run each get their own instance and never raise the user's real window.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"
CONNECT_MS = 500
# A first instance that holds the lock but is not listening yet (it is starting) gets this long.
HANDOVER_SECONDS = 5.0
MAX_SOCKET_PATH = 100


def instance_name(settings_file: str, demo: str | None = None) -> str:
    """A short name, the same for every launch of this user with these settings (and demo flavour)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    seed = "\0".join((user, os.path.abspath(settings_file) if settings_file else "", demo or ""))
    return "openkey-desktop-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]


def _runtime_dir() -> Path:
    """The user's private folder for sockets and locks (Qt makes it 0700 where it creates it)."""
    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    path = Path(where) if where else Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.TempLocation))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _server_name(folder: Path, name: str) -> str:
    """A Unix socket by full path stays in the user's own folder; Windows pipes have names only.

    Unix socket paths are limited to ~104 bytes: a deep runtime folder falls back to the bare name, which
    Qt places in the temporary folder (the socket is still the user's only, by UserAccessOption).
    """
    path = str(folder / f"{name}.sock")
    return name if sys.platform == "win32" or len(os.fsencode(path)) > MAX_SOCKET_PATH else path


class SingleInstance(QObject):
    """Call :meth:`claim` once at start-up; keep the object alive as long as the app runs."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = _runtime_dir()
        self.server_name = _server_name(folder, name)
        self._lock = QLockFile(str(folder / f"{name}.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this process is the first instance (now listening); False when it handed over.

        False means another instance was told to show its window, and this one should exit.
        """
        deadline = time.monotonic() + HANDOVER_SECONDS
        while True:
            if self._lock.tryLock(0):
                return self._listen()
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                if send_raise(self.server_name):
                    log.info("single instance: another instance is running; asked it to show its window")
                    return False
            else:  # the lock cannot be written at all (a read-only folder): run without the guard
                log.warning("single instance: cannot take the lock (%s); not checking for another instance",
                            self._lock.error().name)
                return True
            if time.monotonic() > deadline:
                log.warning("single instance: another instance holds the lock but does not answer; starting anyway")
                return True
            time.sleep(0.1)

    def _listen(self) -> bool:
        QLocalServer.removeServer(self.server_name)  # a socket left by a crashed instance
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if not server.listen(self.server_name):
            log.warning("single instance: cannot listen (%s); a second launch will start a second window",
                        server.errorString())
            return True
        self._server = server
        log.info("single instance: listening")
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            if line == RAISE_MESSAGE:
                log.info("single instance: a second launch asked for the window")
                self.raise_requested.emit()

    def release(self) -> None:
        """Stop listening and let go of the lock (at quit; a crash leaves both, which is handled)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def send_raise(server_name: str) -> bool:
    """Tell the instance listening on ``server_name`` to show its window; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE_MESSAGE)
    sent = socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_MS)
    return sent
