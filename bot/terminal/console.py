"""The operator's terminal: everything the command line prints or logs goes through here.

Article text, titles, links and error messages all come from outside, and a terminal obeys
the control sequences in what it is shown (``ESC[31m`` recolours it, ``ESC]0;…BEL`` retitles
the window, others can rewrite what is on screen). So every line is cleaned first, by the same
`clean_text` that makes input safe; ``newsbot analyze --json`` is cleaned the same way.
"""

from __future__ import annotations

import logging
import sys

from analyzers.ingest.safe_text import clean_text

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"
# Libraries that log about the pages they are given ("parsed tree length: 0, wrong data type
# or not valid HTML"): newsbot reports the outcome itself, in one line, so they are quiet
# unless the log level is DEBUG.
INPUT_REPORTING_LOGGERS = ("trafilatura", "htmldate", "courlan", "readability", "justext")


def out(text: str) -> None:
    print(clean_text(text))


def err(text: str) -> None:
    print(clean_text(text), file=sys.stderr)


class SafeFormatter(logging.Formatter):
    """Log lines (tracebacks included) cleaned like everything else printed."""

    def format(self, record: logging.LogRecord) -> str:
        return clean_text(super().format(record))


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter(LOG_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
    quiet = logging.DEBUG if level == "DEBUG" else logging.CRITICAL
    for name in INPUT_REPORTING_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
