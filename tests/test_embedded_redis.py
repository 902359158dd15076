"""The embedded Redis (no REDIS_URL): started by the first process, shared by the others on
the same data directory, saved and stopped by the last one out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bot.storage.embedded_redis import EmbeddedServer, start_or_join
from bot.storage.redis_store import RedisStore, connect


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    yield folder
    start_or_join(folder).release()  # whatever a failed test left running


def client_of(server: EmbeddedServer, name: str | None = None) -> redis.Redis:
    return redis.Redis(
        unix_socket_path=str(server.socket_path), client_name=name or server.client_name
    )


def answers(server: EmbeddedServer) -> bool:
    try:
        return bool(redis.Redis(unix_socket_path=str(server.socket_path)).ping())
    except redis.ConnectionError:
        return False


def test_the_data_outlives_the_server(data_dir: Path) -> None:
    server = start_or_join(data_dir)
    assert server.process is not None
    client = client_of(server)
    client.set("story", "analysed")
    server.release()
    assert server.process.poll() is not None
    assert not answers(server)

    again = start_or_join(data_dir)
    assert client_of(again).get("story") == b"analysed"
    again.release()


def test_a_second_process_joins_and_the_last_one_out_stops_the_server(data_dir: Path) -> None:
    first = start_or_join(data_dir)
    second = start_or_join(data_dir)
    assert second.process is None and second.socket_path == first.socket_path
    other = client_of(second, name="newsbot-another-process")
    other.ping()  # another process, still connected

    first.release()
    assert answers(first)
    other.close()
    first.release()
    assert first.process is not None and first.process.poll() is not None


def test_the_store_runs_on_it_without_redis_url(data_dir: Path) -> None:
    store = RedisStore(connect(None, data_dir), "newsbot-test:")
    store.set_many({"a": "1"})
    assert store.get("a") == "1"
    store.close()
