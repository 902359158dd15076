"""`newsbot`: the command line. Bad input ends with one line on stderr and exit status 2,
never a traceback; everything else the bot does is reachable from here."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from analyzers.errors import InputError, NewsbotError
from bot.cli_slack import add_slack_parsers, run_serve
from bot.cli_stance import add_eval_stance_parser
from bot.console import configure_logging, err, out
from bot.render_terminal import render_analysis, render_article
from bot.services import build_pipeline, build_services
from bot.sources import source_from_argument
from config.settings import Settings, SettingsError, load_environment

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("newsbot")

Command = Callable[[argparse.Namespace, Settings], int]
SAMPLE_ARTICLE = Path(__file__).with_name("samples") / "sample-article.txt"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(load_environment())
    except SettingsError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    configure_logging(settings.log_level)
    command: Command = args.command
    try:
        return command(args, settings)
    except (SettingsError, InputError) as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except NewsbotError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`newsbot analyze ... | head`)
        sys.stderr.close()
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Who a news article is about, and how it portrays them."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="analyse a link, an .html/.txt file or stdin")
    analyze.add_argument("source", help="http(s) URL, path to an .html or .txt file, or -")
    analyze.add_argument("--json", action="store_true", help="print the Analysis record as JSON")
    analyze.set_defaults(command=run_analyze)

    extract = commands.add_parser("extract", help="print the article text the analysis runs on")
    extract.add_argument("sources", nargs="+", metavar="SOURCE")
    extract.add_argument("--json", action="store_true", help="one JSON object per line")
    extract.set_defaults(command=run_extract)

    start = commands.add_parser(
        "start", help="serve Slack when it is configured, else analyse SOURCE or the sample"
    )
    start.add_argument("source", nargs="?", help="what to analyse instead of the sample")
    start.set_defaults(command=run_start, json=False)
    add_eval_stance_parser(commands)
    add_slack_parsers(commands)
    return parser


def run_start(args: argparse.Namespace, settings: Settings) -> int:
    """The main job: the Slack bot once credentials are configured, else a demonstration."""
    if args.source is None and settings.slack.configured:
        return run_serve(args, settings)
    if args.source is None:
        args.source = str(SAMPLE_ARTICLE)
        err(f"(Slack is not configured: analysing {SAMPLE_ARTICLE.name})\n")
    return run_analyze(args, settings)


def run_analyze(args: argparse.Namespace, settings: Settings) -> int:
    source = source_from_argument(args.source, sys.stdin, settings.fetch.max_bytes)
    services = build_services(settings)
    try:
        analysis = services.pipeline.analyze(source)
    finally:
        services.close()
    out(analysis.to_json() if args.json else render_analysis(analysis))
    return EXIT_OK


def run_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Several sources are processed independently: one failure does not stop the rest."""
    pipeline = build_pipeline(settings, cache=None)
    status = EXIT_OK
    try:
        for argument in args.sources:
            try:
                source = source_from_argument(argument, sys.stdin, settings.fetch.max_bytes)
                article = pipeline.extract(source)
            except InputError as exc:
                _fail(f"{argument}: {exc}", EXIT_BAD_INPUT)
                status = EXIT_BAD_INPUT
                continue
            if args.json:
                record = {
                    "source": argument,
                    "title": article.title,
                    "site": article.site,
                    "published": article.published,
                    "text": article.text,
                }
                out(json.dumps(record, ensure_ascii=False))
            else:
                out(render_article(article))
    finally:
        pipeline.fetcher.close()
    return status


def _fail(message: str, status: int) -> int:
    err(f"newsbot: {message}")
    return status


if __name__ == "__main__":
    sys.exit(main())
