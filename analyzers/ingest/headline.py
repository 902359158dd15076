"""A headline's genre words: "Editorial | ...", "OPINION - ...", or "Analysis" standing alone.

Pasted text and fetched pages both put a genre word on or above the headline; it becomes a label
that later helps tell opinion from news, and the headline is kept without it. Which first line of
a paste is its headline at all is decided here too (`headline_of`), by its shape.
"""

from __future__ import annotations

import re
from collections import Counter

from analyzers.ingest import paste_chrome as chrome

TITLE_WORDS = (3, 20)

GENRES = (
    "editorial",
    "opinion",
    "analysis",
    "news analysis",
    "comment",
    "commentary",
    "op-ed",
    "op ed",
    "oped",
    "column",
    "columnist",
    "letters",
    "letter",
    "review",
    "explainer",
    "perspective",
    "viewpoint",
    "our view",
    "guest essay",
    "essay",
    "fact check",
    "interview",
    "obituary",
    "feature",
    "satire",
)
_GENRE = "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in GENRES)
_GENRE_PREFIX_RE = re.compile(rf"^\s*({_GENRE})(?:\s*[|:]|\s+[-–—])\s*(\S.*)$", re.IGNORECASE)


def split_genre_prefix(title: str) -> tuple[str, str | None]:
    """``"Editorial | Foo"`` -> ``("Foo", "Editorial")``; a title without a genre prefix as is."""
    match = _GENRE_PREFIX_RE.match(title)
    if not match:
        return title.strip(), None
    return match[2].strip(), _label(match[1])


def genre_label(line: str) -> str | None:
    """``"OPINION"`` -> ``"Opinion"``: the label when ``line`` is a genre word and nothing else."""
    bare = chrome.bare(line)
    return (
        _label(line.strip(" :|-–—")) if bare in GENRES and bare not in chrome.UI_PHRASES else None
    )


def _label(word: str) -> str:
    word = re.sub(r"\s+", " ", word.strip())
    return word.capitalize() if word.isupper() else word


def headline_of(line: str) -> tuple[str, str | None] | None:
    """The headline and genre label ``line`` would give as the first line of an article, or
    None when it does not look like a headline (a sentence, chrome, too short or too long)."""
    title, genre = split_genre_prefix(line)
    if genre is None and (chrome.ends_sentence(line) or chrome.is_furniture(line, Counter())):
        return None
    if (
        genre is None
        and chrome.LABEL_VALUE_RE.match(line)
        and chrome.words(line.split(":", 1)[1]) < 3
    ):
        return None  # "Reading time: 2 minutes", not "Ukraine war: Kyiv hit by drones"
    return (title, genre) if TITLE_WORDS[0] <= chrome.words(title) <= TITLE_WORDS[1] else None
