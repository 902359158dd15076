"""What a person handed us: a link, pasted text, or a saved page. Classified once at the edge
so the pipeline never guesses from a bare string."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from analyzers.errors import EmptyInput, InvalidSource, TooLarge
from analyzers.ingest.binary import binary_kind

STDIN = "standard input"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})


@dataclass(frozen=True)
class LinkSource:
    url: str


@dataclass(frozen=True)
class TextSource:
    text: str
    origin: str


@dataclass(frozen=True)
class HtmlSource:
    html: str
    origin: str


Source = LinkSource | TextSource | HtmlSource


def is_web_link(value: str) -> bool:
    """Whether ``value`` is meant as a web link (http:// or https://), sound or not: a
    malformed one is still a link, refused with a reason when it is read."""
    return value.strip().lower().startswith(("http://", "https://"))


def source_from_argument(argument: str, stdin: TextIO, max_bytes: int) -> Source:
    """`newsbot analyze SOURCE`: an http(s) URL, a path to an .html/.txt file, or '-' for stdin."""
    if argument == "-":
        return TextSource(_stdin_text(stdin, max_bytes), "stdin")
    if is_web_link(argument):
        return LinkSource(argument.strip())
    if "://" in argument:
        raise InvalidSource(f"Only http and https links can be analysed, not {argument!r}.")
    return _file_source(Path(argument), max_bytes)


def _file_source(path: Path, max_bytes: int) -> Source:
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise InvalidSource(
            f"{path}: not a link or an .html/.txt file (give a URL, a file, or - for stdin)."
        )
    if not path.is_file():
        raise InvalidSource(f"{path}: no such file.")
    if path.stat().st_size > max_bytes:
        raise TooLarge(f"{path} is larger than {max_bytes / 1e6:g} MB.")
    data = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        _refuse_binary(data, str(path))
        return HtmlSource(data.decode("utf-8", errors="replace"), str(path))
    return TextSource(_bounded(_utf8_text(data, str(path)), max_bytes, str(path)), str(path))


def _stdin_text(stdin: TextIO, max_bytes: int) -> str:
    """Standard input read as bytes where there are any (a pipe can carry anything, and the
    terminal's encoding may not be UTF-8), then checked like a file."""
    buffer: BinaryIO | None = getattr(stdin, "buffer", None)
    if buffer is None:  # already text (an embedding caller, tests)
        return _bounded(stdin.read(max_bytes + 1), max_bytes, STDIN)
    data = buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(STDIN, max_bytes)
    return _bounded(_utf8_text(data, STDIN), max_bytes, STDIN)


def _utf8_text(data: bytes, origin: str) -> str:
    _refuse_binary(data, origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidSource(f"{origin}: not UTF-8 text.") from None


def _refuse_binary(data: bytes, origin: str) -> None:
    if kind := binary_kind(data):
        raise InvalidSource(f"{origin} is {kind}, not a web page or text.")


def _bounded(text: str, max_bytes: int, origin: str) -> str:
    if len(text) > max_bytes:
        raise _too_large(origin, max_bytes)
    if not text.strip():
        raise EmptyInput(f"There is no text to analyse in {origin}.")
    return text


def _too_large(origin: str, max_bytes: int) -> TooLarge:
    return TooLarge(f"The text from {origin} is larger than {max_bytes / 1e6:g} MB.")
