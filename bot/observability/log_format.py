"""Log lines as a log collector reads them: JSON (one object per line) or logfmt
(``key=value`` pairs), each with the record's context fields (`bot.observability.log_context`),
chosen by NEWSBOT_LOG_FORMAT. The default, text, is for a person at a terminal and shows the
context fields at the end of the line.

Every line is cleaned of control sequences like all the command line prints (`clean_text`);
JSON escapes them in any case. A traceback goes in an ``exception`` field, still one line.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from analyzers.ingest.safe_text import clean_text
from bot.observability.log_context import Value, current_fields

TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"
_BARE = re.compile(r"[A-Za-z0-9_.:/@+-]+")  # a logfmt value that needs no quotes


class ContextFilter(logging.Filter):
    """Copies the context fields onto each record, in the thread that logs it (a handler may
    format it later, or elsewhere)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.context = current_fields()
        return True


def _context(record: logging.LogRecord) -> Mapping[str, Value]:
    found = getattr(record, "context", None)
    return found if isinstance(found, Mapping) else current_fields()


class TextFormatter(logging.Formatter):
    """The terminal's lines: level, logger, message, then the context as ``[key=value ...]``."""

    def __init__(self, fmt: str = TEXT_FORMAT) -> None:
        super().__init__(fmt)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = _context(record)
        if context:
            pairs = " ".join(f"{k}={_logfmt_value(v)}" for k, v in context.items())
            head, newline, rest = line.partition("\n")
            line = f"{head} [{pairs}]{newline}{rest}"
        return clean_text(line)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_fields_of(self, record), ensure_ascii=False, default=str)


class LogfmtFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = _fields_of(self, record)
        return " ".join(f"{k}={_logfmt_value(v)}" for k, v in fields.items())


def formatter_for(log_format: str) -> logging.Formatter:
    """The formatter NEWSBOT_LOG_FORMAT names: text, json or logfmt."""
    formats: dict[str, type[logging.Formatter]] = {
        "json": JsonFormatter,
        "logfmt": LogfmtFormatter,
    }
    return formats[log_format]() if log_format in formats else TextFormatter()


def _fields_of(formatter: logging.Formatter, record: logging.LogRecord) -> dict[str, Value]:
    """time, level, logger, message, the context fields, and the traceback if any."""
    fields: dict[str, Value] = {
        "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
        "level": record.levelname.lower(),
        "logger": record.name,
        "message": clean_text(record.getMessage()),
        **_context(record),
    }
    if record.exc_info:
        fields["exception"] = clean_text(formatter.formatException(record.exc_info))
    return fields


def _logfmt_value(value: Value) -> str:
    text = str(value)
    if _BARE.fullmatch(text):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
