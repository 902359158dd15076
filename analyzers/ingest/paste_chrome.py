"""Which lines of a paste are page chrome and which are article text, by their shape alone.

Copying an article from a browser brings its furniture too: "Advertisement", share buttons,
"Reading Time: 2 minutes", audio-player controls ("Select Speed", "1.00x"), bylines,
timestamps, counters. No two sites word these alike, so the tests here are about the shape of a
line (its length, its last character, its words), not about any one site; `analyzers.ingest.pasted`
decides with them what to keep.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from analyzers.ingest.boilerplate import is_boilerplate

SHORT_LINE = 12  # longer lines are prose even without a final full stop

_UI_WORDS = """advertisement advertising ad sponsored promoted share tweet email e-mail print save
    saved bookmark comment comments subscribe login register menu search close home next previous
    more listen play pause mute unmute audio watch follow related recommended trending latest
    topics tags newsletter facebook twitter x linkedin whatsapp reddit pinterest telegram
    flipboard copied loading"""
UI_PHRASES = frozenset(_UI_WORDS.split()) | {
    "sponsored content",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "copy link",
    "link copied",
    "save article",
    "gift article",
    "gift this article",
    "view comments",
    "show comments",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "back to top",
    "read more",
    "see more",
    "show more",
    "load more",
    "read full article",
    "continue reading",
    "continue reading below",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "listen to this article",
    "listen to article",
    "select voice",
    "select speed",
    "select language",
    "watch video",
    "follow us",
    "related articles",
    "related stories",
    "related topics",
    "more on this story",
    "recommended for you",
    "most read",
    "most popular",
    "top stories",
    "latest news",
    "explore more",
    "you may also like",
    "download the app",
    "open in app",
    "skip to content",
    "skip to main content",
    "accept cookies",
    "manage cookies",
    "cookie settings",
}
_UI_PREFIX_RE = re.compile(  # specific enough not to catch a real sentence
    r"^(?:sign up|subscribe to|follow us|follow (?:him|her|them|me) on|download (?:the|our)|"
    r"read more|read also|also read|see also|related\s*[:|]|related (?:stories|articles|"
    r"topics|coverage|content|links|reading|news)\b|more (?:from|on)\b[^.!?]*$|click here|"
    r"tap here|join our (?:newsletter|mailing list|community|channel)|support our "
    r"(?:journalism|work|newsroom)|become a (?:member|subscriber)|listen to (?:this|the) "
    r"(?:article|story|podcast|episode)|why you can trust|reading time|copyright\s*(?:©|\(c\)|"
    r"\d{4})|©|all rights reserved|(?:file )?(?:photo|image|picture|illustration|video|graphic|"
    r"credit|source)s?\s*[:|/])",
    re.IGNORECASE,
)
_SPEED_RE = re.compile(r"^\d+(?:[.,]\d+)?\s*[x×]$", re.IGNORECASE)
_MIN_READ_RE = re.compile(r"^\d+\s*(?:min|mins|minutes?)\.?\s*(?:read|listen)$", re.IGNORECASE)
LABEL_VALUE_RE = re.compile(r"^[^\W\d][\w '’/&.-]{0,30}:\s*\S")
BYLINE_RE = re.compile(r"^(?i:by|words by|written by|reporting by)\s+([A-Z].*)$")
_BREADCRUMB_RE = re.compile(r"[›»>|•]")
_DATE_WORDS_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    r"june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|am|pm|gmt|utc|bst|est|edt|et|pt|hkt|"
    r"cet|published|updated|posted|last|modified|on|at|ago|hours?|minutes?|mins?|days?|"
    r"yesterday|today)\b|\d+(?:[:.]\d+)?(?:am|pm|st|nd|rd|th)?",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_BULLET_RE = re.compile(r"^(?:[-–—•·*▪►◦‣]|\d{1,2}[.)])\s+")
LETTER_RE = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the paste, its list marker ("•", "-", "1.") removed."""

    text: str
    item: bool  # it was a list item


def normalise(line: str) -> Line | None:
    line = unicodedata.normalize("NFC", line).replace("\u200b", "").replace("\ufeff", "")
    line = re.sub(r"\s+", " ", line).strip()
    text = _BULLET_RE.sub("", line)
    return Line(text, text != line) if text else None


def words(line: str) -> int:
    return sum(1 for token in line.split() if LETTER_RE.search(token))


def bare(line: str) -> str:
    """Case-folded letters and spaces only: "Share:" and "SHARE" compare equal."""
    return " ".join(re.sub(r"[^\w\s-]|\d", " ", line.casefold()).split())


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END_RE.search(line))


def is_date_line(line: str) -> bool:
    """Only dates, times and words like "Updated"/"Published": a timestamp."""
    rest = _DATE_WORDS_RE.sub(" ", line)
    return words(line) <= 10 and bool(_DATE_WORDS_RE.search(line)) and words(rest) == 0


def is_byline(line: str) -> bool:
    return bool(BYLINE_RE.match(line)) and words(line) <= 8 and not ends_sentence(line)


def is_ui(line: str) -> bool:
    short = words(line) <= SHORT_LINE
    return (
        bare(line) in UI_PHRASES
        or bool(_SPEED_RE.match(line) or _MIN_READ_RE.match(line))
        or (short and bool(_UI_PREFIX_RE.match(line)))
        or is_boilerplate(line)
    )


def is_furniture(line: str, counts: Counter[str]) -> bool:
    """Chrome whatever its shape: interface text, a line with no letters, a short line seen
    twice, a byline, a timestamp, a breadcrumb."""
    if not LETTER_RE.search(line) or is_ui(line):
        return True
    return words(line) <= SHORT_LINE and (
        counts[bare(line)] > 1
        or is_byline(line)
        or is_date_line(line)
        or len(_BREADCRUMB_RE.findall(line)) >= 2
    )


def is_chrome(line: str, counts: Counter[str]) -> bool:
    """Page furniture, whatever else the line looks like (the headline is tested first)."""
    return is_furniture(line, counts) or (
        words(line) <= SHORT_LINE and bool(LABEL_VALUE_RE.match(line)) and not ends_sentence(line)
    )


def is_prose(line: str) -> bool:
    """A sentence, or a line too long to be a button or a heading."""
    return words(line) > SHORT_LINE or ends_sentence(line)
