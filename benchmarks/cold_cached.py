"""Wall time of `newsbot analyze FILE` from a cold process when FILE's analysis is cached.

Run ``python -m benchmarks.cold_cached [FILE] [--runs N] [--redis server|embedded|both]`` from
the repository root. It runs ``newsbot analyze FILE`` once to fill the cache, then N more
times, each a new process (interpreter start, imports, Redis connection, the cache lookup, the
report), and prints the median, fastest and slowest wall times, and the median CPU time (user
and system, the process and its children: steadier than wall time on a busy machine). The bar:
a median wall time of at most 1.5 s. ``server`` uses REDIS_URL (else the server on
127.0.0.1:6379) under a key prefix of its
own, deleted afterwards; ``embedded`` unsets REDIS_URL and gives newsbot a fresh data
directory, so each process starts (or joins) and stops the embedded Redis. Children run in an
empty folder (no stray .env) through env(1), which sets their variables.

``--newsbot`` names another command to time, e.g. an older checkout:
``--newsbot "env PYTHONPATH=/tmp/old .venv/bin/python -m bot.cli"``.
"""

from __future__ import annotations

import argparse
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis

from config.settings import Settings, load_environment

BAR_SECONDS = 1.5
SAMPLE = Path(__file__).resolve().parents[1] / "bot" / "samples" / "sample-article.txt"
DEFAULT_SERVER = "redis://127.0.0.1:6379/0"


def main() -> None:
    args = parse_args()
    newsbot = shlex.split(args.newsbot) if args.newsbot else [str(default_newsbot())]
    modes = ("server", "embedded") if args.redis == "both" else (args.redis,)
    medians = [bench(mode, newsbot, args.file.resolve(), args.runs) for mode in modes]
    verdict = "within" if max(medians) <= BAR_SECONDS else "OVER"
    print(f"bar {BAR_SECONDS} s: {verdict}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", default=SAMPLE)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--redis", choices=("server", "embedded", "both"), default="both")
    parser.add_argument("--newsbot", help="command to run instead of .venv/bin/newsbot")
    return parser.parse_args()


def default_newsbot() -> Path:
    return Path(sys.executable).with_name("newsbot")


def bench(mode: str, newsbot: list[str], file: Path, runs: int) -> float:
    with tempfile.TemporaryDirectory(prefix="newsbot-cold-") as folder:
        env = environment(mode, Path(folder))
        command = ["env", *env, *newsbot, "analyze", str(file)]
        fill, _ = timed(command, Path(folder))
        measured = [timed(command, Path(folder)) for _ in range(runs)]
        if mode == "server":
            delete_keys(server_url(), env_value(env, "NEWSBOT_REDIS_PREFIX"))
    walls = [wall for wall, _ in measured]
    median = statistics.median(walls)
    cpu = statistics.median(cpu for _, cpu in measured)
    print(
        f"{mode:>8}: first run (fills the cache) {fill:.2f} s; {runs} cold cached runs:"
        f" median {median:.2f} s (fastest {min(walls):.2f}, slowest {max(walls):.2f}),"
        f" CPU median {cpu:.2f} s"
    )
    return median


def environment(mode: str, folder: Path) -> list[str]:
    """env(1) arguments: variables to unset (-u NAME) and to set (NAME=value)."""
    if mode == "embedded":
        return ["-u", "REDIS_URL", f"NEWSBOT_DATA_DIR={folder / 'data'}"]
    prefix = f"newsbot-bench:{uuid.uuid4().hex}:"
    return [f"REDIS_URL={server_url()}", f"NEWSBOT_REDIS_PREFIX={prefix}"]


def env_value(env: list[str], name: str) -> str:
    return next(item.split("=", 1)[1] for item in env if item.startswith(f"{name}="))


def server_url() -> str:
    configured = Settings.from_env(load_environment()).redis_url
    return configured.get_secret_value() if configured else DEFAULT_SERVER


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{shlex.join(command)} failed: {result.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def delete_keys(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=prefix + "*"))
    if keys:
        client.delete(*keys)
    client.close()


if __name__ == "__main__":
    main()
