"""Recognising bytes that are not text, whatever they are labelled.

Sites mislabel files (a PDF served as ``text/html``) and people give the command line a file
with the wrong suffix. Read as text, such bytes make the extractor log library errors and
answer "no article found", which hides the real reason; recognised here, the person is told
what the link or file actually is.
"""

from __future__ import annotations

import codecs

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"\x89PNG", "an image"),
    (b"GIF8", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"RIFF", "a media file"),
    (b"OggS", "a media file"),
    (b"ID3", "an audio file"),
    (b"\x1f\x8b", "a compressed file"),
    (b"\xd0\xcf\x11\xe0", "an office document"),
)
_SNIFFED_BYTES = 1024


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is ("a PDF document", "binary data"...) when it is not text, else None.

    Text never holds NUL bytes, except UTF-16, which announces itself with a byte order mark.
    """
    head = data[:_SNIFFED_BYTES]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return "binary data" if b"\x00" in head and not utf16 else None
