"""`newsbot serve` as a process: the production WSGI server answering health and readiness
checks and Slack's signed requests; a missing credential stops it with one line naming the
setting."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from config.settings import Settings
from tests.fakes.redis_server import DisposableRedis
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender

pytestmark = pytest.mark.model

NEWSBOT = str(Path(sys.executable).with_name("newsbot"))
SECRET = "serve-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(settings: Settings, slack_api: FakeSlackApi, tmp_path: Path) -> Iterator[str]:
    assert settings.redis_url is not None
    process, base = start_serve(
        slack_api, tmp_path, settings.redis_url.get_secret_value(), settings.redis_prefix
    )
    try:
        _wait_until_healthy(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def start_serve(
    slack_api: FakeSlackApi, cwd: Path, redis_url: str, prefix: str, **extra: str
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-serve-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack_api.base_url,
        "PORT": str(port),
        "REDIS_URL": redis_url,
        "NEWSBOT_REDIS_PREFIX": prefix,
        **extra,
    }
    process = subprocess.Popen(
        [NEWSBOT, "serve"], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    return process, f"http://127.0.0.1:{port}"


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise AssertionError(f"newsbot serve exited {process.returncode}: {output}")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("newsbot serve did not become healthy within 60 s")


def test_serve_answers_health_checks_url_verification_and_runs_the_clock(
    server: str, slack_api: FakeSlackApi
) -> None:
    sender = SlackSender(server, SECRET)
    body = json.dumps({"token": "x", "challenge": "ch4llenge", "type": "url_verification"})
    response = sender.send(body, "application/json")
    sender.close()
    assert response.status_code == 200
    assert "ch4llenge" in response.text
    assert slack_api.calls_to("auth.test")[0].token == "xoxb-serve-test"
    slack_api.wait_for("users.conversations")  # the digest clock scheduling the channels
    assert httpx.get(server + "/elsewhere").status_code == 404


def get(url: str) -> tuple[int, str]:
    response = httpx.get(url, timeout=5)
    return response.status_code, response.text


def _wait_for_status(url: str, status: int, seconds: float = 10) -> str:
    """The body once ``url`` answers ``status`` (the breaker retries Redis by itself)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = httpx.get(url, timeout=5)
        if response.status_code == status:
            return response.text
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer {status} within {seconds} s")


def test_serve_is_ready_unready_while_redis_hangs_and_ready_again_by_itself(
    slack_api: FakeSlackApi, redis_prefix: str, tmp_path: Path
) -> None:
    password = "serve-redis-password"
    redis_server = DisposableRedis(tmp_path, password=password)
    redis_server.start()
    process, base = start_serve(
        slack_api, tmp_path, redis_server.url, redis_prefix, NEWSBOT_REDIS_COOLDOWN_SECONDS="0.2"
    )
    try:
        _wait_until_healthy(base, process)
        assert get(base + "/readyz") == (200, "ready\n")  # the models were loaded at start
        redis_server.pause()
        assert get(base + "/readyz") == (503, "redis: not answering\n")
        assert get(base + "/healthz") == (200, "ok\n")
        redis_server.resume()
        assert _wait_for_status(base + "/readyz", 200) == "ready\n"
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
        redis_server.stop()
    assert b"Redis unavailable" in output and b"Redis is back" in output
    assert password.encode() not in output


def test_serve_without_credentials_names_the_missing_setting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    result = subprocess.run(
        [NEWSBOT, "serve"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("newsbot: setting SLACK_BOT_TOKEN: missing")
    assert result.stderr.count("\n") == 1


def test_serve_with_the_oauth_credentials_sends_installers_to_slack(
    settings: Settings, slack_api: FakeSlackApi, tmp_path: Path
) -> None:
    assert settings.redis_url is not None
    process, base = start_serve(
        slack_api,
        tmp_path,
        settings.redis_url.get_secret_value(),
        settings.redis_prefix,
        SLACK_BOT_TOKEN="",  # blank: unset
        SLACK_CLIENT_ID="1111.2222",
        SLACK_CLIENT_SECRET="serve-client-secret",
    )
    try:
        _wait_until_healthy(base, process)
        started = httpx.get(base + "/slack/install")
        assert started.status_code == 302
        assert started.headers["Location"].startswith("https://slack.com/oauth/v2/authorize?")
        assert "client_id=1111.2222" in started.headers["Location"]
        assert "slack-app-oauth-state=" in started.headers["Set-Cookie"]
        assert slack_api.calls_to("users.conversations") == []  # no single-token clock
    finally:
        process.terminate()
        process.wait(timeout=10)
