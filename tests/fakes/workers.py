"""`newsbot worker` (or `serve`) processes for tests and benchmarks: real processes (a worker
loads the models once and takes jobs from the test's queues), each in a session of its own so
that killing one kills it whole, mid-job if it is in one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from config.settings import Settings


def worker_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The variables a worker reads for these settings (those the tests change)."""
    assert settings.redis_url is not None
    slack, work = settings.slack, settings.work
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "REDIS_URL": settings.redis_url.get_secret_value(),
        "NEWSBOT_REDIS_PREFIX": settings.redis_prefix,
        "NEWSBOT_ALLOW_HOSTS": ",".join(sorted(settings.allow_hosts)),
        "NEWSBOT_WORK_MODE": "queue",
        "NEWSBOT_JOB_TIMEOUT": str(work.job_timeout),
        "NEWSBOT_JOB_RETRY_SECONDS": str(work.job_retry_seconds),
        "NEWSBOT_FETCH_TOTAL_TIMEOUT": str(settings.fetch.total_timeout),
        "SLACK_API_URL": slack.api_url or "",
        "NEWSBOT_LOG_LEVEL": "INFO",
    }
    if slack.bot_token is not None:
        env["SLACK_BOT_TOKEN"] = slack.bot_token.get_secret_value()
    return {**env, **extra}


class WorkerProcess:
    def __init__(
        self,
        env: Mapping[str, str],
        folder: Path,
        name: str = "worker",
        command: str = "worker",
    ) -> None:
        """``folder``: its working directory (no stray .env) and where its log goes;
        ``command``: the newsbot command it runs."""
        self._command = command
        self._env = dict(env)
        self._folder = folder
        self.log_path = folder / f"{name}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", self._command],
            cwd=self._folder,
            env=self._env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory so far (Linux's VmHWM), in MB."""
        status = Path(f"/proc/{self.pid}/status").read_text(encoding="utf-8")
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1]
        user, system = fields.split()[11:13]
        return (int(user) + int(system)) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        """SIGKILL to its whole session: no chance to finish or hand back its job."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM (RQ's warm shutdown), then SIGKILL if it does not end."""
        if self._process is None or self._process.poll() is not None:
            return
        os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
