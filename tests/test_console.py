"""What the command line prints or logs reaches the terminal without control sequences."""

from __future__ import annotations

import logging

import pytest

from bot.observability.log_format import TextFormatter
from bot.terminal.console import INPUT_REPORTING_LOGGERS, configure_logging, err, out


def test_printed_lines_are_cleaned(capsys: pytest.CaptureFixture[str]) -> None:
    out("title\x1b]0;PWNED\x07 \x1b[31mred\x1b[0m \ud83d")
    err("newsbot: http://ex\x1b[2Jample/ failed")
    printed = capsys.readouterr()
    assert printed.out == "title red \ufffd\n"
    assert printed.err == "newsbot: http://example/ failed\n"


def test_log_lines_are_cleaned_tracebacks_included() -> None:
    try:
        raise ValueError("bad \x1b[31mlink\x1b[0m")
    except ValueError as exc:
        record = logging.LogRecord(
            "newsbot", logging.ERROR, __file__, 1, "failed on %s", ("\x1b]0;x\x07page",), None
        )
        record.exc_info = (ValueError, exc, exc.__traceback__)
    line = TextFormatter("%(levelname)s %(message)s").format(record)
    assert line.startswith("ERROR failed on page")
    assert "ValueError: bad link" in line
    assert "\x1b" not in line and "\x07" not in line


@pytest.mark.parametrize(
    ("level", "quiet"), [("WARNING", logging.CRITICAL), ("DEBUG", logging.DEBUG)]
)
def test_libraries_that_report_on_pages_are_quiet_unless_debugging(level: str, quiet: int) -> None:
    try:
        configure_logging(level)
        assert {logging.getLogger(name).level for name in INPUT_REPORTING_LOGGERS} == {quiet}
    finally:
        for name in INPUT_REPORTING_LOGGERS:
            logging.getLogger(name).setLevel(logging.NOTSET)
