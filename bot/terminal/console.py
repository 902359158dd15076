"""The operator's terminal: everything the command line prints or logs goes through here.

Article text, titles, links and error messages all come from outside, and a terminal obeys
the control sequences in what it is shown (``ESC[31m`` recolours it, ``ESC]0;…BEL`` retitles
the window, others can rewrite what is on screen). So every line is cleaned first, by the same
`clean_text` that makes input safe; ``newsbot analyze --json`` is cleaned the same way. Log
lines are text for a person, or JSON / logfmt for a collector (NEWSBOT_LOG_FORMAT), each with
its context fields (`bot.observability.log_format`).
"""

from __future__ import annotations

import logging
import sys

from analyzers.ingest.safe_text import clean_text
from bot.observability.log_format import ContextFilter, formatter_for

# Libraries that log about the pages they are given ("parsed tree length: 0, wrong data type
# or not valid HTML"): newsbot reports the outcome itself, in one line, so they are quiet
# unless the log level is DEBUG.
INPUT_REPORTING_LOGGERS = ("trafilatura", "htmldate", "courlan", "readability", "justext")


def out(text: str) -> None:
    print(clean_text(text))


def err(text: str) -> None:
    print(clean_text(text), file=sys.stderr)


def configure_logging(level: str, log_format: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(formatter_for(log_format))
    handler.addFilter(ContextFilter())
    logging.basicConfig(level=level, handlers=[handler])
    quiet = logging.DEBUG if level == "DEBUG" else logging.CRITICAL
    for name in INPUT_REPORTING_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
