"""Reading a page's body: only HTML or plain text, inflated in small pieces, stopped at the
byte cap or the deadline, and decoded by BOM, declared charset, UTF-8 or detection."""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import charset_normalizer
import httpx

from analyzers.errors import FetchError, TooLarge, UnsupportedContent
from analyzers.ingest.deadline import Deadline, deadline_passed

ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<meta|<title)", re.I)


PIECE = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """A page as received: ``final_url`` names the host (never the IP) after redirects.

    ``encoding`` is the charset the page declared (Content-Type header, else an HTML ``<meta>``),
    or None when it declared none; ``text()`` copes either way.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    encoding: str | None

    def text(self) -> str:
        """The body as text: BOM, then declared charset, then UTF-8, then a detected charset."""
        for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
            if self.body.startswith(bom):
                return self.body.decode(name, errors="replace")
        if self.body.startswith(codecs.BOM_UTF16_BE):
            return self.body.decode("utf-16", errors="replace")
        if self.encoding and (codec := codec_name(self.encoding)):
            return self.body.decode(codec, errors="replace")
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(self.body).best()
            return str(best) if best is not None else self.body.decode("utf-8", errors="replace")


class Inflater:
    """gzip/deflate decoding that never produces more than ``PIECE`` bytes per step.

    httpx's decoders inflate each network chunk in full, so 64 KB of a gzip bomb can become
    64 MB in memory before any size check runs; here the caller sees small pieces and can stop.
    """

    def __init__(self, encoding: str) -> None:
        self._raw_fallback = encoding == "deflate"
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | (0 if self._raw_fallback else 32))
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self._started:
            self._started = True
            data = self._first(data)
        while data:
            piece = self._zlib.decompress(data, PIECE)
            data = self._zlib.unconsumed_tail
            yield piece

    def _first(self, data: bytes) -> bytes:
        """Some servers send raw deflate under ``deflate``; detect it as browsers do."""
        if not self._raw_fallback:
            return data
        try:
            zlib.decompressobj().decompress(data[:64], 1)
        except zlib.error:
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        return data

    def flush(self) -> bytes:
        return self._zlib.flush(PIECE)


class Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def flush(self) -> bytes:
        return b""


def content_type(response: httpx.Response) -> tuple[str, str | None]:
    """(media type, charset); an empty media type means the site did not say."""
    header = response.headers.get("content-type", "")
    media_type, _, params = header.partition(";")
    media_type = media_type.strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        raise UnsupportedContent(f"The link is not a web page (content type {media_type[:80]}).")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = codec_name(value.strip().strip("\"'"))
    return media_type, charset


def decoder_for(response: httpx.Response) -> Inflater | Identity:
    encodings = [
        part.strip().lower()
        for part in response.headers.get("content-encoding", "").split(",")
        if part.strip().lower() not in {"", "identity"}
    ]
    if not encodings:
        return Identity()
    if len(encodings) == 1 and encodings[0] in {"gzip", "x-gzip", "deflate"}:
        return Inflater(encodings[0])
    raise UnsupportedContent(
        f"The site sent the page compressed as {', '.join(encodings)[:60]}, "
        "which newsbot cannot read."
    )


def check_declared_length(response: httpx.Response, limit: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"The page is larger than {size_text(limit)}.")


def read_body(
    response: httpx.Response, decoder: Inflater | Identity, limit: int, deadline: Deadline
) -> bytes:
    """The decoded body, stopped as soon as it passes ``limit`` bytes or the deadline."""
    body = bytearray()
    chunks: Iterator[bytes] = response.iter_raw()
    if response.is_stream_consumed:
        # Some injected transports (httpx.MockTransport given ``content=``) hand over a body
        # already read and decoded by httpx; it can only be capped after the fact.
        chunks, decoder = iter([response.content]), Identity()
    try:
        for chunk in chunks:
            for piece in decoder.feed(chunk):
                body += piece
                if len(body) > limit:
                    raise TooLarge(f"The page is larger than {size_text(limit)}.")
            if deadline.expired:
                raise deadline_passed(deadline)
        body += decoder.flush()
    except zlib.error:
        raise FetchError("The site sent a damaged compressed page.") from None
    if len(body) > limit:
        raise TooLarge(f"The page is larger than {size_text(limit)}.")
    if deadline.expired:
        raise deadline_passed(deadline)
    return bytes(body)


def sniff(body: bytes) -> str:
    """An unlabelled body is accepted only if it plainly starts like HTML.

    Guessing "text" for anything without NUL bytes would let PDFs, archives and the like
    through to the extractor; a real article page without a Content-Type is rare and HTML.
    """
    if _HTML_START.match(body.removeprefix(codecs.BOM_UTF8)[:1024]):
        return "text/html"
    raise UnsupportedContent(
        "The site did not say what the link is, and it does not look like a web page."
    )


def meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:2048])
    return codec_name(match.group(1).decode("ascii")) if match else None


def codec_name(label: str) -> str | None:
    """Python's codec for a charset label, or None if unknown.

    As in browsers, Latin-1 and ASCII labels mean windows-1252: sites declaring them routinely
    send curly quotes and dashes in the 0x80-0x9F range.
    """
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if name in {"iso8859-1", "latin-1", "ascii"} else name


def size_text(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1_000:
        return f"{limit / 1_000:g} kB"
    return f"{limit} bytes"
