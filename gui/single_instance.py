"""One app per user and desktop: a second `contract-walk MAP` (a double-click on a map in the
file manager) hands the map to the window that is already open and stops, instead of starting
a second app that would fight the first over settings, autosaves and the map's lock.

A QLocalServer whose name is keyed by the user, the data folder (CONTRACTWALK_DATA_DIR: a
portable install or a test is an app of its own) and the display (an app on another screen
is no help). The socket is the user's only; one JSON line per request, answered "ok".
"""
from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

TIMEOUT_MS = 2000  # a running app answers at once; a hung one must not stop a new start for long


def server_name() -> str:
    """The same for every start by this user, with this data folder, on this display."""
    from model.storage.recovery import data_dir

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): the number does as well
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    env = os.environ.get
    where = env("WAYLAND_DISPLAY") or env("DISPLAY") or env("QT_QPA_PLATFORM", "")
    key = "\0".join((user, str(data_dir()), where))
    return "contract-walk-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _request(path: str | None) -> bytes:
    target = os.path.abspath(path) if path else None  # the running app has another current folder
    return (json.dumps({"open": target}) + "\n").encode("utf-8")


class SingleInstance(QObject):
    """Either hands a request to the running app (`hand_over`), or becomes the running app
    (`listen`) and announces every request it receives with `received` ("" = just come forward)."""

    received = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}
        # two starts at the same moment (a double double-click) must not both become the server
        self._lock = QLockFile(QDir.temp().filePath(self.name + ".lock"))
        self._lock.setStaleLockTime(10_000)

    def claim(self, path: str | None) -> bool:
        """True when a running app took the request (this start should stop); otherwise this
        one now listens for later starts. Never fails: without a server, the app still runs."""
        locked = self._lock.tryLock(TIMEOUT_MS)
        try:
            if self.hand_over(path):
                return True
            self.listen()
            return False
        finally:
            if locked:
                self._lock.unlock()

    def hand_over(self, path: str | None) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(_request(path))
        answered = socket.waitForBytesWritten(TIMEOUT_MS) and socket.waitForReadyRead(TIMEOUT_MS)
        reply = bytes(socket.readAll().data()) if answered else b""
        socket.disconnectFromServer()
        return reply.startswith(b"ok")

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # nobody answered, so the name is a crashed app's leftover socket: clear it, try again
            if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
                QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("no single-instance server (%s): a second start opens a second window",
                            server.errorString())
                return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > 65536:  # not one of ours
                socket.abort()
            self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            request = json.loads(line.decode("utf-8"))
            target = request.get("open") if isinstance(request, dict) else None
        except (UnicodeDecodeError, ValueError):
            log.warning("ignored a request that is not Contract Walk's")
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        with contextlib.suppress(RuntimeError):  # the socket may be gone already
            socket.disconnectFromServer()
        self.received.emit(target if isinstance(target, str) else "")
