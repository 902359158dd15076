"""A bounded burst of shared links into `newsbot serve`, inline and in queue mode with N workers.

Run ``python -m benchmarks.load [--rate 50] [--seconds 20] [--fresh 100] [--modes 0,1,2]``
from the repository root (mode 0: one inline process; N > 0: one queue-mode web process and N
`newsbot worker` processes). Every process is a real `newsbot` process on loopback, against
Redis (REDIS_URL, else 127.0.0.1:6379) under a fresh key prefix, the fake Slack Web API of the
tests and the real pages of ../shared/data served from a loopback site (their canonical links
removed, so each of the ``--fresh`` links is analysed once). Event i shares link i % fresh in
one of two channels: the first share of a link needs an analysis; a later one in the other
channel is a cached answer, one in the same channel an "already shared" pointer.

It reports: the ack time (p50/p99, non-200 answers), replies lost and duplicated (each event
must get one thread reply), the time until every link had its first answer and the analyses
per second, the answers that needed no analysis when sent (cached or already shared, p50/p95),
"busy" notes, and each process's peak resident memory (VmHWM), web and workers apart.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import redis
from rq import Queue, SimpleWorker

from benchmarks.shared_data import DEFAULT_SHARED, article_pages
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.web_pages import PageServer
from tests.fakes.workers import WorkerProcess

SECRET = "load-secret"
CHANNELS = ("C0LOAD001", "C0LOAD002")
DRAIN_LIMIT_SECONDS = 600
CANONICAL = re.compile(
    r"<(?:link[^>]*\bcanonical\b|meta[^>]*og:url)[^>]*>", re.IGNORECASE | re.DOTALL
)


@dataclass
class Sent:
    url: str
    ts: str
    at: float
    ack_seconds: float = 0.0
    status: int = 0


@dataclass
class Run:
    label: str
    sent: list[Sent] = field(default_factory=list)
    rss_mb: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # during the burst and drain


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--rate", type=float, default=50.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the burst")
    parser.add_argument("--fresh", type=int, default=100, help="distinct links in the burst")
    parser.add_argument("--modes", default="0,1,2", help="0: inline; N: queue with N workers")
    parser.add_argument(
        "--model-threads",
        type=int,
        default=0,
        help="NEWSBOT_MODEL_THREADS of every process (0: one per core; 1: one worker per core)",
    )
    args = parser.parse_args()
    pages = english_articles(article_pages(args.shared))
    if not pages:
        return 2
    with PageServer() as site:
        urls = [
            site.add(f"/a/{k // len(pages)}/{pages[k % len(pages)][0]}", pages[k % len(pages)][1])
            for k in range(args.fresh)
        ]
        for workers in (int(m) for m in args.modes.split(",")):
            api = FakeSlackApi().start()
            run = burst(
                site,
                api,
                urls,
                workers,
                rate=args.rate,
                seconds=args.seconds,
                model_threads=args.model_threads,
            )
            report(run, api, len(urls), workers)
            api.stop()
    return 0


def english_articles(paths: list[Path]) -> list[tuple[str, bytes]]:
    """The pages newsbot answers with an analysis (not "not English"/"not an article"),
    without their canonical links."""
    from analyzers.errors import InputError  # noqa: PLC0415
    from analyzers.ingest.extract import extract_html  # noqa: PLC0415

    kept = []
    for path in paths:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        html = CANONICAL.sub("", html)
        try:
            extract_html(html, "https://example.com/a")
        except InputError:
            continue
        kept.append((path.name.split(".")[0], html.encode()))
    return kept


def burst(
    site: PageServer,
    api: FakeSlackApi,
    urls: list[str],
    workers: int,
    *,
    rate: float,
    seconds: float,
    model_threads: int = 0,
) -> Run:
    folder = Path(tempfile.mkdtemp(prefix="newsbot-load-"))
    port = free_port()
    env = environment(site, api, port, queued=workers > 0)
    env["NEWSBOT_MODEL_THREADS"] = str(model_threads)
    label = f"queue, {workers} worker(s)" if workers else "inline"
    web = WorkerProcess(env, folder, "web", command="serve").start()
    crew = [WorkerProcess(env, folder, f"worker{n}").start() for n in range(workers)]
    run = Run(label)
    try:
        wait_ready(f"http://127.0.0.1:{port}", env, workers)
        cpu_before = {p.log_path.stem: p.cpu_seconds() for p in [web, *crew]}
        run.sent = send(SlackSender(f"http://127.0.0.1:{port}", SECRET), urls, rate, seconds)
        drain(api, run.sent)
        run.rss_mb = {p.log_path.stem: p.peak_rss_mb() for p in [web, *crew]}
        run.cpu_seconds = {
            p.log_path.stem: p.cpu_seconds() - cpu_before[p.log_path.stem] for p in [web, *crew]
        }
    finally:
        for process in [web, *crew]:
            process.stop()
    return run


def environment(site: PageServer, api: FakeSlackApi, port: int, *, queued: bool) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "NEWSBOT_REDIS_PREFIX": f"newsbot-load:{uuid.uuid4().hex}:",
        "NEWSBOT_ALLOW_HOSTS": site.host_port,
        "NEWSBOT_WORK_MODE": "queue" if queued else "inline",
        "NEWSBOT_RUN_SCHEDULER": "false",
        "SLACK_BOT_TOKEN": "xoxb-load",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api.base_url,
        "PORT": str(port),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(base: str, env: dict[str, str], workers: int) -> None:
    """/readyz answers 200 (inline: once the models are loaded) and the workers have
    registered with RQ (which they do once their models are loaded)."""
    connection = redis.Redis.from_url(env["REDIS_URL"])
    queue = Queue(env["NEWSBOT_REDIS_PREFIX"] + "automatic", connection=connection)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            web_ready = httpx.get(f"{base}/readyz", timeout=1).status_code == 200
        except httpx.HTTPError:
            web_ready = False
        if web_ready and SimpleWorker.count(connection=connection, queue=queue) >= workers:
            connection.close()
            return
        time.sleep(0.2)
    raise SystemExit(f"newsbot at {base} never became ready")


def send(slack: SlackSender, urls: list[str], rate: float, seconds: float) -> list[Sent]:
    """``rate`` signed message events per second for ``seconds``, each on time whatever the
    acks take (a pool of senders)."""
    count = int(rate * seconds)
    start = time.monotonic() + 0.5
    sent = [Sent(urls[i % len(urls)], "", start + i / rate) for i in range(count)]

    def one(i: int) -> None:
        item = sent[i]
        time.sleep(max(0.0, item.at - time.monotonic()))
        channel = CHANNELS[(i // len(urls)) % len(CHANNELS)]
        event = message_event(f"<{item.url}>", channel=channel)
        item.ts, item.at = event["ts"], time.monotonic()
        response = slack.event(event)
        item.ack_seconds, item.status = time.monotonic() - item.at, response.status_code

    with ThreadPoolExecutor(max_workers=64) as pool:
        list(pool.map(one, range(count)))
    slack.close()
    return sent


def drain(api: FakeSlackApi, sent: list[Sent]) -> None:
    """Until every event has its thread reply (or the limit)."""
    wanted = {s.ts for s in sent}
    deadline = time.monotonic() + DRAIN_LIMIT_SECONDS
    while time.monotonic() < deadline:
        answered = {c.args.get("thread_ts") for c in api.answered("chat.postMessage")}
        if wanted <= answered:
            time.sleep(1.0)  # a duplicate would come now
            return
        time.sleep(0.2)


def report(run: Run, api: FakeSlackApi, fresh: int, workers: int) -> None:
    replies: dict[str, list[float]] = defaultdict(list)
    started = {s.ts: s.at for s in run.sent}
    for call in api.answered("chat.postMessage"):
        replies[str(call.args.get("thread_ts"))].append(call.received_at)
    first_answer: dict[str, float] = {}
    for item in sorted(run.sent, key=lambda s: s.at):
        if replies.get(item.ts):
            first_answer.setdefault(item.url, min(replies[item.ts]))
    acks = sorted(s.ack_seconds for s in run.sent)
    lost = sum(1 for s in run.sent if not replies.get(s.ts))
    duplicated = sum(1 for s in run.sent if len(replies.get(s.ts, [])) > 1)
    t0 = min(started.values())
    drained = max(first_answer.values(), default=t0) - t0
    no_analysis = [
        min(replies[s.ts]) - s.at
        for s in run.sent
        if replies.get(s.ts) and first_answer.get(s.url, float("inf")) < s.at
    ]
    busy = sum(1 for c in api.answered("chat.postEphemeral") if "busy" in str(c.args.get("text")))
    statuses = Counter(s.status for s in run.sent)
    print(f"\n== {run.label}: {len(run.sent)} events, {fresh} distinct links ==")
    print(f"ack: p50 {pct(acks, 50):.0f} ms, p99 {pct(acks, 99):.0f} ms; statuses {dict(statuses)}")
    print(f"replies: lost {lost}, duplicated {duplicated}; 'busy' notes {busy}")
    last = max((max(r) for r in replies.values()), default=t0) - t0
    print(f"drain: last reply {last:.1f} s after the first event ({len(replies)} replied)")
    rate = fresh / drained if drained else 0.0
    per_worker = f", {rate / workers:.2f}/s per worker" if workers else ""
    print(f"every link answered after {drained:.1f} s: {rate:.2f} analyses/s{per_worker}")
    print(
        f"answers needing no analysis when sent ({len(no_analysis)}): "
        f"p50 {pct(sorted(no_analysis), 50):.0f} ms, p95 {pct(sorted(no_analysis), 95):.0f} ms"
    )
    print("peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in run.rss_mb.items()))
    print("CPU s: " + ", ".join(f"{k} {v:.1f}" for k, v in run.cpu_seconds.items()))
    print(json.dumps({"mode": run.label, "analyses_per_s": round(rate, 3), "lost": lost}))


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


if __name__ == "__main__":
    sys.exit(main())
