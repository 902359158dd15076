"""`newsbot`: the command line. Bad input ends with one line on stderr and exit status 2,
never a traceback; everything else the bot does is reachable from here.

`analyze` and `extract` take several sources and go through them in one process (one Redis
connection, at most one model load): a source that fails is named in one line on stderr and
the others go on; the exit status is 2 if any failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from analyzers.errors import InputError, InvalidSource, NewsbotError
from analyzers.record import Analysis
from bot.cli_parser import build_parser, deferred
from bot.services import build_pipeline, build_services
from bot.sources import Source, source_from_argument
from bot.terminal.console import configure_logging, err, out
from bot.terminal.render_terminal import render_analysis, render_article
from config.settings import Settings, SettingsError, load_environment

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
STDIN_ARGUMENT = "-"
log = logging.getLogger("newsbot")

SAMPLE_ARTICLE = Path(__file__).with_name("samples") / "sample-article.txt"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(load_environment())
    except SettingsError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    configure_logging(settings.log_level, settings.log_format)
    try:
        status: int = args.command(args, settings)
    except (SettingsError, InputError) as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except NewsbotError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`newsbot analyze ... | head`)
        sys.stderr.close()
        return EXIT_OK
    return status


def run_start(args: argparse.Namespace, settings: Settings) -> int:
    """The main job: the Slack bot once credentials are configured, else a demonstration."""
    if args.source is None and settings.slack.configured:
        return deferred("bot.cli_slack", "run_serve")(args, settings)
    if args.source is None:
        args.source = str(SAMPLE_ARTICLE)
        err(f"(Slack is not configured: analysing {SAMPLE_ARTICLE.name})\n")
    args.sources = [args.source]
    return run_analyze(args, settings)


def run_analyze(args: argparse.Namespace, settings: Settings) -> int:
    """Each source in argument order; with ``--json`` one record per line, holding its
    ``input`` (the argument as given) so that a script can match answers to sources (a failed
    source's line holds its ``error`` instead)."""
    arguments: list[str] = args.sources
    _stdin_at_most_once(arguments)
    services = build_services(settings)
    status = EXIT_OK
    try:
        for number, argument in enumerate(arguments):
            try:
                analysis = services.pipeline.analyze(_source(argument, settings))
            except InputError as exc:
                status = _source_failed(argument, exc, named=len(arguments) > 1)
                if args.json:
                    out(_error_line("input", argument, exc))
                continue
            if args.json:
                out(_json_line(analysis, argument))
            else:
                out(_report(analysis, argument, number, several=len(arguments) > 1))
    finally:
        services.close()
    return status


def run_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Pages in any language (the analysis needs English, reading a page does not); with
    ``--json`` each line says which language the text is in."""
    arguments: list[str] = args.sources
    _stdin_at_most_once(arguments)
    pipeline = build_pipeline(settings, cache=None)
    status = EXIT_OK
    try:
        for argument in arguments:
            try:
                article = pipeline.extract(_source(argument, settings), english_only=False)
            except InputError as exc:
                status = _source_failed(argument, exc, named=True)
                if args.json:
                    out(_error_line("source", argument, exc))
                continue
            if args.json:
                record = {
                    "source": argument,
                    "title": article.title,
                    "site": article.site,
                    "published": article.published,
                    "language": article.language,
                    "text": article.text,
                }
                out(json.dumps(record, ensure_ascii=False))
            else:
                out(render_article(article))
    finally:
        pipeline.close()
    return status


def _stdin_at_most_once(arguments: list[str]) -> None:
    if arguments.count(STDIN_ARGUMENT) > 1:
        raise InvalidSource("Standard input (-) can be read only once: give - at most once.")


def _source(argument: str, settings: Settings) -> Source:
    return source_from_argument(argument, sys.stdin, settings.fetch.max_bytes)


def _json_line(analysis: Analysis, argument: str) -> str:
    """The record as cached, plus the argument it answers (never stored with the record)."""
    return json.dumps({"input": argument, **analysis.to_dict()}, ensure_ascii=False)


def _error_line(key: str, argument: str, exc: InputError) -> str:
    """In place of a failed source's record, so that line N still answers argument N: the
    error's stable ``code`` for scripts and its sentence for people."""
    error = {"code": exc.code, "message": str(exc)}
    return json.dumps({key: argument, "error": error}, ensure_ascii=False)


def _report(analysis: Analysis, argument: str, number: int, *, several: bool) -> str:
    """The readable report; among several, each headed by the source it is about."""
    if not several:
        return render_analysis(analysis)
    gap = "\n" if number else ""
    return f"{gap}==> {argument} <==\n{render_analysis(analysis)}"


def _source_failed(argument: str, exc: InputError, *, named: bool) -> int:
    """One line on stderr; among several sources it starts with the source (unless the
    message already does), so that a person can tell which one failed."""
    message = str(exc)
    if named and not message.startswith(argument):
        message = f"{argument}: {message}"
    return _fail(message, EXIT_BAD_INPUT)


def _fail(message: str, status: int) -> int:
    err(f"newsbot: {message}")
    return status


if __name__ == "__main__":
    sys.exit(main())
