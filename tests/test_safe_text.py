"""Safe text: valid Unicode, no control sequences, and a tokenizer cost linear in the length."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzers.ingest.binary import binary_kind
from analyzers.ingest.safe_text import MAX_REPEAT, MAX_WORD_CHARS, bounded_prose, clean_text

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\ud83db", "a\ufffdb"),  # a lone surrogate, as Slack's JSON can carry
        ("\ud83d\ude00 ok", "\U0001f600 ok"),  # a surrogate pair is one character
        ("x\x1b[31mred\x1b[0m y", "xred y"),
        ("t\x1b]0;PWNED\x07itle", "title"),
        ("link\x1b]8;;http://evil.example\x1b\\text", "linktext"),
        ("a\x00b\x7fc\x9f d", "abc d"),
        ("8-bit \x9b31mCSI", "8-bit CSI"),
        ("one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour"),
        ("\u202eevil\u202c \ufeffok\tfine", "evil ok\tfine"),
        ("Ordinary prose, “quoted” — and café.", "Ordinary prose, “quoted” — and café."),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "bounded"),
    [
        ("What?!" + "!" * 20_000, "What?!!!"),
        ('"' * 50 + "quoted", '"""quoted'),
        ("\U0001f600" * 9 + " smile", "\U0001f600" * 3 + " smile"),
        ("____ ----- .....", "___ --- ..."),
        ("Wow!!! Ellipsis... fine.", "Wow!!! Ellipsis... fine."),
        ("x" * 5000 + " next", "x" * MAX_WORD_CHARS + " next"),
    ],
)
def test_bounded_prose(raw: str, bounded: str) -> None:
    assert bounded_prose(raw) == bounded


@given(st.text())
def test_clean_text_is_encodable_free_of_controls_and_idempotent(text: str) -> None:
    clean = clean_text(text)
    clean.encode("utf-8")  # no lone surrogates left
    assert not CONTROL.search(clean)
    assert clean_text(clean) == clean


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000))
def test_bounded_prose_has_no_long_runs_or_words_and_is_idempotent(text: str) -> None:
    bounded = bounded_prose(text)
    assert all(len(word) <= MAX_WORD_CHARS for word in bounded.split())
    assert not re.search(rf"([^\w\s]|_)\1{{{MAX_REPEAT}}}", bounded)
    assert bounded_prose(bounded) == bounded


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
        (b"PK\x03\x04rest", "a ZIP archive or an office document"),
        (b"\x89PNG\r\n\x1a\n", "an image"),
        (b"<html>\x00\x00", "binary data"),
        (b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", None),  # UTF-16 with its byte order mark
        (b"<!doctype html><p>caf\xc3\xa9</p>", None),
    ],
)
def test_binary_kind(data: bytes, kind: str | None) -> None:
    assert binary_kind(data) == kind
