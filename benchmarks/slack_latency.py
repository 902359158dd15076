"""Time from a Slack event to the bot's thread reply, for real article pages on loopback.

Run ``python -m benchmarks.slack_latency [--shared PATH] [--pages N]`` from the repository
root. It serves N pages of ``<shared>/articles`` from a loopback server, runs the real app
behind waitress with a fake Slack Web API (the test fakes), and for each page sends a signed
message event with its link: first in one channel (cold: fetch, extract, analyse), then in
another (cached: the record comes from Redis). The time is from sending the event to the fake
Slack receiving chat.postMessage. Redis: REDIS_URL, else the embedded one; keys go under a
fresh prefix.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

from benchmarks.bench_bot import SECRET, bench_settings
from benchmarks.shared_data import DEFAULT_SHARED, article_pages
from bot.compose import build_app
from bot.services import build_services
from config.settings import Settings, load_environment
from tests.fakes.bot_server import RunningBot
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.web_pages import PageServer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--pages", type=int, default=12)
    args = parser.parse_args()
    pages = article_pages(args.shared)[: args.pages]
    if not pages:
        return 2

    with PageServer() as site:
        api = FakeSlackApi().start()
        settings = bench_settings(Settings.from_env(load_environment()), site, api)
        services = build_services(settings)
        started = time.perf_counter()
        services.pipeline.nlp  # noqa: B018  (as `newsbot serve` does at start-up)
        print(f"model load at start-up: {time.perf_counter() - started:.2f} s")
        bot = RunningBot(build_app(services)).start()
        slack = SlackSender(bot.base_url, SECRET)
        urls = [
            site.add(f"/a/{p.name.split('.')[0]}", gzip.decompress(p.read_bytes())) for p in pages
        ]
        cold = [_reply_seconds(slack, api, url, "C0000001") for url in urls]
        cached = [_reply_seconds(slack, api, url, "C0000002") for url in urls]
        slack.close()
        bot.stop()
        api.stop()
        services.close()

    for name, times in (("cold (fetch+extract+analyse)", cold), ("cached", cached)):
        answered = [t for t in times if t is not None]
        print(
            f"{name}: {len(answered)}/{len(times)} replied; median "
            f"{statistics.median(answered) * 1000:.0f} ms, max {max(answered) * 1000:.0f} ms"
        )
    return 0


def _reply_seconds(slack: SlackSender, api: FakeSlackApi, url: str, channel: str) -> float | None:
    """Seconds from the event to the reply (an answer in the thread or a private failure)."""
    before = len(api.calls)
    started = time.perf_counter()
    slack.event(message_event(f"<{url}>", channel=channel))
    while time.perf_counter() - started < 30:
        if any(c.method in {"chat.postMessage", "chat.postEphemeral"} for c in api.calls[before:]):
            return time.perf_counter() - started
        time.sleep(0.002)
    return None


if __name__ == "__main__":
    sys.exit(main())
