"""A TCP relay on a loopback port in front of a server, counting what clients send through it.

Put between the bot and a Redis the test breaks, it shows whether the bot tried Redis at all
(each command a client sends is one write, read here as one chunk), whatever code path tried:
the store, or a library on its connections. Client and server see an ordinary connection; a
hung server stays hung behind it (the relay connects, and nothing answers). `drop_next_write`
cuts a connection in the middle of a command, as a server restart or a network blip does.
"""

from __future__ import annotations

import socket
import threading
from contextlib import suppress


class CountingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._lock = threading.Lock()
        self._writes = 0
        self._drop_next = False
        self._open: list[socket.socket] = []
        self._closed = threading.Event()

    @property
    def port(self) -> int:
        port: int = self._listener.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def writes(self) -> int:
        """How many chunks clients have sent so far (one per command or pipeline)."""
        with self._lock:
            return self._writes

    def drop_next_write(self) -> None:
        """Close the connection that sends the next chunk, instead of passing the chunk on."""
        with self._lock:
            self._drop_next = True

    def start(self) -> CountingProxy:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._closed.set()
        self._listener.close()
        with self._lock:
            for sock in self._open:
                _close(sock)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                _close(client)  # the server is gone: the client sees a closed connection
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, count: bool) -> None:
        with suppress(OSError):
            while (chunk := source.recv(65536)) and not (count and self._counted_and_dropped()):
                target.sendall(chunk)
        _close(source)
        _close(target)

    def _counted_and_dropped(self) -> bool:
        with self._lock:
            self._writes += 1
            dropped, self._drop_next = self._drop_next, False
            return dropped


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
