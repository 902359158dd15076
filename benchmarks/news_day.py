"""A simulated news day: every real page of ../shared/data/articles shared in one channel by
twenty people (some links shared again by others, one page only in another channel), then the
channel's digest posted, and the digest checked and printed the way an editor would read it.

Everything is real but Slack: signed events go over HTTP into the Bolt app, pages come from a
loopback server, Redis is the one the settings name (or an embedded one), and the digest lands
in the fake Slack Web API, where it is read back from the recorded calls.

    .venv/bin/python -m benchmarks.news_day [--shared ../shared/data] [--quiet]

Exit status 1 when a bar of issue #13 is missed: a top message over 25 lines, a shared link
(analysed or not) the digest does not reach, fewer than 6 people or organisations among the
top 8 names, a repeat not shown as "shared N times", or the other channel's page in the digest.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_bot import SECRET, bench_settings
from benchmarks.shared_data import DEFAULT_SHARED, article_pages
from bot.compose import build_app
from bot.digest.runner import DigestRunner
from bot.services import build_services
from bot.slack.app import build_web_client
from config.settings import Settings, load_environment
from tests.fakes.bot_server import RunningBot
from tests.fakes.slack_api import ApiCall, FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.web_pages import PageServer

CHANNEL, OTHER = "C0000001", "C0000002"
PEOPLE = 20
REPEATED = 3  # pages shared again, by someone else, later in the day
TOP_LINES, TOP_NAMES, ACTORS_AMONG_TOP = 25, 8, 6
REPLY_SECONDS = 60


@dataclass(frozen=True)
class Day:
    shared: list[str]  # links shared in the channel, in order (repeats included)
    analysed: set[str]  # links newsbot answered with an analysis (the others were refused)
    other_channel: str  # the link shared only in the other channel


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--quiet", action="store_true", help="print the checks only")
    args = parser.parse_args()
    pages = article_pages(args.shared)
    if len(pages) < 2:
        return 2
    with PageServer() as site:
        api = FakeSlackApi().start()
        services = build_services(bench_settings(Settings.from_env(load_environment()), site, api))
        bot = RunningBot(build_app(services)).start()
        slack = SlackSender(bot.base_url, SECRET)
        try:
            day = _share_the_day(site, slack, api, pages)
            before = len(api.calls)
            runner = DigestRunner(services, build_web_client(services.settings.slack))
            outcome = runner.post_now(CHANNEL)
            posts = [c for c in api.calls[before:] if c.method == "chat.postMessage"]
            uploads = [c for c in api.calls[before:] if c.method == "files.getUploadURLExternal"]
            failures = _check(runner, day, posts, uploads, posted=outcome, quiet=args.quiet)
        finally:
            slack.close()
            bot.stop()
            api.stop()
            services.close()
    for failure in failures:
        print(f"MISSED: {failure}")
    print("all bars met" if not failures else f"{len(failures)} bar(s) missed")
    return 1 if failures else 0


def _share_the_day(
    site: PageServer, slack: SlackSender, api: FakeSlackApi, pages: list[Path]
) -> Day:
    """Share each page once (the last in the other channel), then repeat a few."""
    urls = [site.add(f"/a/{p.name.split('.')[0]}", gzip.decompress(p.read_bytes())) for p in pages]
    *ours, theirs = urls
    analysed: set[str] = set()
    for n, url in enumerate(ours):
        if _share(slack, api, url, CHANNEL, f"U{n % PEOPLE:07d}") == "analysis":
            analysed.add(url)
    _share(slack, api, theirs, OTHER, "U0000001")
    repeats = sorted(analysed)[:REPEATED]
    for n, url in enumerate(repeats):
        _share(slack, api, url, CHANNEL, f"U{(n + 7) % PEOPLE:07d}")
    return Day([*ours, *repeats], analysed, theirs)


def _share(slack: SlackSender, api: FakeSlackApi, url: str, channel: str, user: str) -> str:
    """Post the link as ``user``; what newsbot answered: "analysis", "pointer" or "refusal"."""
    before = len(api.calls)
    slack.event(message_event(f"<{url}>", channel=channel, user=user))
    deadline = time.monotonic() + REPLY_SECONDS
    while time.monotonic() < deadline:
        for call in api.calls[before:]:
            if call.method == "chat.postEphemeral":
                return "refusal"
            if call.method == "chat.postMessage":
                return "pointer" if "Already shared" in call.args["text"] else "analysis"
        time.sleep(0.01)
    return "no answer"


def _check(
    runner: DigestRunner,
    day: Day,
    posts: list[ApiCall],
    uploads: list[ApiCall],
    *,
    posted: str,
    quiet: bool,
) -> list[str]:
    """The bars, checked on what Slack received; the digest printed as an editor sees it."""
    if posted != "posted" or not posts:
        return [f"no digest posted ({posted})"]
    top, *thread = posts
    top_text = "\n".join(_texts(top.args["blocks"]))
    thread_text = "\n".join(t for post in thread for t in _texts(post.args["blocks"]))
    if not quiet:
        print(top_text, "\n\n--- thread ---\n" + thread_text, "\n")
    digest = runner.preview(CHANNEL)
    top8 = digest.entities[:TOP_NAMES]
    reachable = set(re.findall(r"<([^|>]+)\|", top_text + "\n" + thread_text))
    unreached = sorted(u for u in set(day.shared) if u not in reachable)
    repeats = len(day.shared) - len(set(day.shared))
    lines = top_text.count("\n") + 1
    print(
        f"shared {len(day.shared)} links ({repeats} repeats), analysed {len(day.analysed)}; "
        f"top message {lines} lines, thread {len(thread)} message(s); "
        f"top {TOP_NAMES}: {', '.join(f'{e.name} ({e.type})' for e in top8)}"
    )
    failures = []
    if lines > TOP_LINES:
        failures.append(f"top message has {lines} lines (at most {TOP_LINES})")
    if unreached:
        failures.append(f"{len(unreached)} shared link(s) not reachable: {unreached[:3]}")
    actors = sum(e.type in {"PERSON", "ORG"} for e in top8)
    if actors < min(ACTORS_AMONG_TOP, len(top8)):
        failures.append(f"only {actors} of the top {len(top8)} names are people or organisations")
    if thread_text.count("shared 2 times") < repeats:
        failures.append("a repeated share is not shown as shared 2 times")
    if day.other_channel in top_text + thread_text:
        failures.append("the other channel's link appears in this channel's digest")
    if not uploads or not uploads[0].args.get("alt_txt"):
        failures.append("the chart was not uploaded with alt text")
    return failures


def _texts(blocks: Any) -> list[str]:
    parsed = json.loads(blocks) if isinstance(blocks, str) else blocks
    found = []
    for block in parsed:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [e["text"] for e in block.get("elements", []) if "text" in e]
    return found


if __name__ == "__main__":
    sys.exit(main())
