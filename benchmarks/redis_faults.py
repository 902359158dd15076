"""Time from a Slack event to the bot's thread reply with Redis healthy, hung and down.

Run ``python -m benchmarks.redis_faults [--shared PATH] [--runs N]`` from the repository root.
Each run starts a Redis of its own (the test fakes' disposable server) and a fresh bot on it
(the real app behind waitress, the fake Slack Web API, the production store settings and
breaker), shares one article page while Redis is healthy (warm connections, as in a running
bot), then breaks Redis: ``healthy`` leaves it, ``hung`` stops the process (SIGSTOP: the kernel
accepts connections, nothing answers), ``down`` kills it (SIGKILL: connections refused). Then
it shares a new page (cold: fetch, extract, analyse) and, once that is answered, another one.

Reported per fault: event to reply for the first share after the fault, the same counted from
the store's first failure (the "Redis unavailable" log line: for ``hung``, the first command
timeout), and event to reply for the next share while the breaker is open.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr
from spacy.language import Language

from analyzers.nlp.pipeline import build_nlp
from benchmarks.bench_bot import SECRET, bench_settings
from benchmarks.shared_data import DEFAULT_SHARED
from bot.compose import build_app
from bot.services import build_services
from config.settings import Settings
from tests.fakes.bot_server import RunningBot
from tests.fakes.redis_server import DisposableRedis
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.web_pages import PageServer

REPLY_METHODS = {"chat.postMessage", "chat.postEphemeral"}
FAULTS: dict[str, Callable[[DisposableRedis], None]] = {
    "healthy": lambda server: None,
    "hung": DisposableRedis.pause,
    "down": DisposableRedis.kill,
}


@dataclass(frozen=True)
class Run:
    reply: float  # event to reply, first share after the fault
    after_failure: float | None  # the same, from the store's first failure (None: no failure)
    while_open: float  # event to reply, the next share


class OutageMark(logging.Handler):
    """Notes when the store logs the start of an outage."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.at: float | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.at is None and record.getMessage().startswith("Redis unavailable"):
            self.at = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = sorted((args.shared / "articles" / "html").glob("*.html.gz"))[: 3 * args.runs]
    if len(pages) < 3 * args.runs:
        print(f"need {3 * args.runs} pages under {args.shared}/articles/html", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.ERROR)  # the bot's outage warnings are expected here
    mark = OutageMark()
    storage_log = logging.getLogger("bot.storage.redis_store")
    storage_log.addHandler(mark)
    storage_log.setLevel(logging.WARNING)
    storage_log.propagate = False

    started = time.perf_counter()
    nlp = build_nlp(Settings().spacy_model)
    print(f"model load: {time.perf_counter() - started:.2f} s; {args.runs} runs per fault")
    with PageServer() as site:
        urls = [
            site.add(f"/a/{p.name.split('.')[0]}", gzip.decompress(p.read_bytes())) for p in pages
        ]
        for fault, apply in FAULTS.items():
            runs = []
            for i in range(args.runs):
                mark.at = None
                runs.append(_run(site, nlp, apply, urls[3 * i : 3 * i + 3], mark))
            _report(fault, runs)
    return 0


def _run(
    site: PageServer,
    nlp: Language,
    fault: Callable[[DisposableRedis], None],
    urls: list[str],
    mark: OutageMark,
) -> Run:
    warm, first, second = urls
    with _bot(site, nlp) as (server, slack, api):
        _reply_seconds(slack, api, warm)
        fault(server)
        reply = _reply_seconds(slack, api, first)
        replied_at = time.perf_counter()
        while_open = _reply_seconds(slack, api, second)
    after = replied_at - mark.at if mark.at is not None else None
    return Run(reply, after, while_open)


@contextmanager
def _bot(
    site: PageServer, nlp: Language
) -> Iterator[tuple[DisposableRedis, SlackSender, FakeSlackApi]]:
    with tempfile.TemporaryDirectory() as directory:
        server = DisposableRedis(Path(directory))
        server.start()
        api = FakeSlackApi().start()
        bench = bench_settings(Settings(), site, api)
        settings = bench.model_copy(update={"redis_url": SecretStr(server.url)})
        services = build_services(settings)
        services.pipeline.nlp = nlp
        bot = RunningBot(build_app(services), services).start()
        slack = SlackSender(bot.base_url, SECRET)
        try:
            yield server, slack, api
        finally:
            slack.close()
            bot.stop()
            api.stop()
            services.close()
            server.stop()


def _reply_seconds(slack: SlackSender, api: FakeSlackApi, url: str) -> float:
    """Seconds from the event to the reply (an answer in the thread or a private failure)."""
    before = len(api.calls)
    started = time.perf_counter()
    slack.event(message_event(f"<{url}>"))
    while time.perf_counter() - started < 60:
        if any(c.method in REPLY_METHODS for c in api.calls[before:]):
            return time.perf_counter() - started
        time.sleep(0.002)
    raise RuntimeError(f"no reply to {url} within 60 s")


def _report(fault: str, runs: list[Run]) -> None:
    def summary(values: list[float]) -> str:
        return f"median {statistics.median(values):.2f} s, max {max(values):.2f} s"

    after = [r.after_failure for r in runs if r.after_failure is not None]
    print(f"{fault}: reply {summary([r.reply for r in runs])}")
    if after:
        print(f"  after the first Redis failure: {summary(after)}")
    print(f"  next share (after a fault: breaker open): {summary([r.while_open for r in runs])}")


if __name__ == "__main__":
    sys.exit(main())
