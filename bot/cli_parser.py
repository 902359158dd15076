"""The grammar of `newsbot`: every subcommand and its arguments.

Each command's code is named by module and imported only when that command runs: the Slack
commands pull in slack_bolt, waitress, APScheduler and matplotlib, `eval-stance` spaCy and
ONNX Runtime, and none of that may slow `newsbot analyze` of a cached article.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from bot.observability.metrics import RETENTION_SECONDS
from config.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]
MAX_METRICS_MINUTES = RETENTION_SECONDS // 60  # older counters have expired


def deferred(module: str, function: str) -> Command:
    """The command ``module.function``, imported when it is called."""

    def command(args: argparse.Namespace, settings: Settings) -> int:
        run: Command = getattr(importlib.import_module(module), function)
        return run(args, settings)

    return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Who a news article is about, and how it portrays them."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    _add_source_commands(commands)
    _add_eval_stance(commands)
    _add_slack_commands(commands)
    return parser


def _add_source_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = commands.add_parser(
        "analyze", help="analyse links, .html/.txt files or stdin, with one model load"
    )
    analyze.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="http(s) URL, .html or .txt file, or -"
    )
    analyze.add_argument(
        "--json", action="store_true", help="one Analysis record per line, with its input"
    )
    analyze.set_defaults(command=deferred("bot.cli", "run_analyze"))

    extract = commands.add_parser("extract", help="print the article text the analysis runs on")
    extract.add_argument("sources", nargs="+", metavar="SOURCE")
    extract.add_argument("--json", action="store_true", help="one JSON object per line")
    extract.set_defaults(command=deferred("bot.cli", "run_extract"))

    start = commands.add_parser(
        "start", help="serve Slack when it is configured, else analyse SOURCE or the sample"
    )
    start.add_argument("source", nargs="?", help="what to analyse instead of the sample")
    start.set_defaults(command=deferred("bot.cli", "run_start"), json=False)


def _add_eval_stance(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "eval-stance", help="stance precision/recall/F1 on a NewsMTSC-format JSONL file"
    )
    parser.add_argument("file", type=Path, metavar="FILE.jsonl")
    parser.add_argument(
        "--scorer",
        choices=("model", "lexicon"),
        default="model",
        help="the trained model (default; the lexicon if it cannot load) or the lexicon",
    )
    parser.set_defaults(command=deferred("bot.cli_stance", "run_eval_stance"))


def _add_slack_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser("serve", help="run the Slack bot (HTTP, or Socket Mode)")
    serve.set_defaults(command=deferred("bot.cli_slack", "run_serve"))
    worker = commands.add_parser(
        "worker", help="run a job worker (queue mode): fetch, analyse and reply, person first"
    )
    worker.add_argument(
        "--burst", action="store_true", help="stop once the queues are empty (tests, benchmarks)"
    )
    worker.set_defaults(command=deferred("bot.cli_worker", "run_worker"))
    clock = commands.add_parser("clock", help="run only the daily digest scheduler")
    clock.set_defaults(command=deferred("bot.cli_slack", "run_clock"))
    digest = commands.add_parser("digest", help="post (or --dry-run: print) a channel's digest")
    digest.add_argument("channel", help="Slack channel ID, e.g. C0123456789")
    digest.add_argument("--dry-run", action="store_true", help="print it instead of posting")
    digest.set_defaults(command=deferred("bot.cli_slack", "run_digest"))
    metrics = commands.add_parser(
        "metrics", help="the digest clock's holder, replies, failures and job latency"
    )
    metrics.add_argument(
        "--minutes", type=_minutes, default=15, help="how far back to count (default 15)"
    )
    metrics.add_argument("--json", action="store_true", help="one JSON object")
    metrics.set_defaults(command=deferred("bot.cli_metrics", "run_metrics"))


def _minutes(text: str) -> int:
    """A window the counters still cover: they expire after a day."""
    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a whole number of minutes") from None
    if not 1 <= minutes <= MAX_METRICS_MINUTES:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_METRICS_MINUTES} minutes")
    return minutes
