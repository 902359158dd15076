"""Which list items of a paste are article text (a key-points box) and which are the page's
menus and links to other stories, copied along with it.

A list item is short and ends without a full stop, so line by line it reads as chrome; here a
whole run of items is judged by where it sits (see `text_lists`).
"""

from __future__ import annotations

from collections import Counter

from analyzers.ingest import paste_chrome as chrome
from analyzers.ingest.headline import headline_of

MIN_LIST_ITEM_WORDS = 2  # "• Rates held at 5.25%" is a key point; "• Politics" a menu entry
_MINOR_WORDS = frozenset("a an and as at by for from in of on or the to with".split())


def text_lists(lines: list[chrome.Line], counts: Counter[str]) -> set[int]:
    """The indices of the short list items that are article text, key points, and of the
    lines introducing them ("The plan covers three groups:"); an item that reads as prose on
    its own is judged as any other line.

    A list copied with a page is more often navigation ("World News", "Sign in") or links to
    other stories than part of the article, so a run of items is text only when it sits inside
    the article: article text right after it, and right before it article text, a line that
    introduces it ("The plan includes:"), the headline, or a short heading ("Key points")
    under either; no "Related" / "Read more" heading; and most items read like points rather
    than menu entries. Then each item that is not furniture is kept.
    """
    kept: set[int] = set()
    for start, end in _runs(lines):
        items = range(start, end)
        menu = sum(_is_menu_entry(lines[i].text) for i in items) * 2 >= len(items)
        if not menu and _opens_list(lines, start, counts) and _resumes(lines, end, counts):
            kept.update(i for i in items if not chrome.is_furniture(lines[i].text, counts))
            kept.update(i for i in [start - 1] if _introduces(lines[i].text, counts))
    return kept


def _introduces(text: str, counts: Counter[str]) -> bool:
    """A clause that opens a list ("The new rules cover three groups:"), not a heading."""
    return text.endswith(":") and chrome.words(text) >= 3 and not chrome.is_furniture(text, counts)


def _opens_list(lines: list[chrome.Line], start: int, counts: Counter[str]) -> bool:
    """Whether the line before a list (and the one before a short heading) is in the article."""
    for index in range(start - 1, max(start - 3, -1), -1):
        text = lines[index].text
        if chrome.is_ui(text) or lines[index].item:
            return False
        if text.endswith(":") or _is_text(text, counts) or headline_of(text):
            return True
        if chrome.words(text) > chrome.SHORT_LINE // 2:
            return False
    return False


def _resumes(lines: list[chrome.Line], end: int, counts: Counter[str]) -> bool:
    """Whether article text follows a list (past one interface line, an "Advertisement")."""
    following = [line for line in lines[end : end + 2] if not line.item][:2]
    if following and chrome.is_ui(following[0].text):
        following = following[1:]
    return bool(following) and _is_text(following[0].text, counts)


def _is_text(text: str, counts: Counter[str]) -> bool:
    return chrome.is_prose(text) and not chrome.is_chrome(text, counts)


def _runs(lines: list[chrome.Line]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of consecutive list items."""
    runs: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if not line.item:
            continue
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def _is_menu_entry(text: str) -> bool:
    """A navigation entry or a name: a word or two, or a short line in title case."""
    words = [w for w in text.split() if chrome.LETTER_RE.search(w)]
    if len(words) < MIN_LIST_ITEM_WORDS:
        return True
    capitalised = all(w[0].isupper() or w.casefold() in _MINOR_WORDS for w in words)
    return capitalised and len(words) <= chrome.SHORT_LINE // 2 and not chrome.ends_sentence(text)
