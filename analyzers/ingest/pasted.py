"""Article text out of what a journalist pasted: the page chrome that came along is dropped.

Copying an article from a browser brings its furniture too: "Advertisement", share buttons,
"Reading Time: 2 minutes", "Listen to this article", audio-player controls ("Select Speed",
"1.00x"), bylines, timestamps, "Related:" links, counters. No two sites word these alike, so the
rules here are about the shape of a line, not about any one site:

* a line that ends like a sentence (or runs longer than ``SHORT_LINE`` words) is article text
  and is kept, unless it is a known interface phrase; a long line repeated (a pull quote) is
  kept once;
* a short line that does not end like a sentence is chrome (a button, a section name, a
  cross-head), except the headline: the first substantive line before the text begins;
* lines with no letters, "label: value" lines, bylines, date/time lines, playback speeds,
  "N min read" and short lines that occur more than once are chrome wherever they are; so are
  captions, credits, "READ MORE: ..." lines, newsletter, cookie and copyright notices at any
  length (see `analyzers.ingest.boilerplate`);
* list items ("•", "-", "*", "1.") are article text however short (a key-points box) when
  the list sits inside the article (see `_text_lists`): not a menu copied with the page, not
  the links under a "Related" / "Read more" heading;
* the poster's own line above the article ("Worth a read before the 11am meeting:") is neither
  headline nor text (see `analyzers.ingest.poster_comment`).

Slack markup goes first (`analyzers.ingest.slack_markup`, the cleaner the Slack path uses too), so
text copied out of Slack reads the same here as it does when posted there.

A genre prefix on the headline ("Editorial | ...", "OPINION - ...") or a genre word standing
alone above it becomes a label: it tells opinion from news later.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from analyzers.article import Article
from analyzers.errors import EmptyInput, NotAnArticle, NotEnglish
from analyzers.ingest.boilerplate import is_boilerplate
from analyzers.ingest.language import detect_language, is_english
from analyzers.ingest.poster_comment import is_poster_comment
from analyzers.ingest.safe_text import bounded_prose, clean_text
from analyzers.ingest.slack_markup import plain_text

# Fewer than ~25 words (two sentences) left after the chrome is gone is not an article: it is a
# headline, a tweet or a caption, and the entity/stance analysis needs a few sentences of context
# about someone to say anything. Pasted text gets a lower bar than a fetched page (40) because
# the person chose it on purpose, and it has already been cleaned line by line.
MIN_WORDS = 25
SHORT_LINE = 12  # longer lines are prose even without a final full stop
TITLE_WORDS = (3, 20)
MIN_LIST_ITEM_WORDS = 2  # "• Rates held at 5.25%" is a key point; "• Politics" a menu entry
MAX_COMMENT_LINES = 3  # the poster's own lines above the article
_MINOR_WORDS = frozenset("a an and as at by for from in of on or the to with".split())

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
_LABEL_VALUE_RE = re.compile(r"^[^\W\d][\w '’/&.-]{0,30}:\s*\S")
_BYLINE_RE = re.compile(r"^(?i:by|words by|written by|reporting by)\s+([A-Z].*)$")
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
# A heading over a list of links to other stories: the list items under it are not the article.
_LINK_LIST_RE = re.compile(
    r"^(?:related|read more|read also|also read|see also|more (?:on|from|in|stories)\b|"
    r"recommended|most (?:read|popular|viewed)|top stories|latest|trending|you may also like|"
    r"explore more|further reading)",
    re.IGNORECASE,
)
_LETTER_RE = re.compile(r"[^\W\d_]")


def split_genre_prefix(title: str) -> tuple[str, str | None]:
    """``"Editorial | Foo"`` -> ``("Foo", "Editorial")``; a title without a genre prefix as is."""
    match = _GENRE_PREFIX_RE.match(title)
    if not match:
        return title.strip(), None
    return match[2].strip(), _label(match[1])


def genre_label(line: str) -> str | None:
    """``"OPINION"`` -> ``"Opinion"``: the label when ``line`` is a genre word and nothing else."""
    bare = _bare(line)
    return _label(line.strip(" :|-–—")) if bare in GENRES and bare not in UI_PHRASES else None


def _label(word: str) -> str:
    word = re.sub(r"\s+", " ", word.strip())
    return word.capitalize() if word.isupper() else word


@dataclass(frozen=True)
class _Line:
    """One non-blank line of the paste, its list marker ("•", "-", "1.") removed."""

    text: str
    item: bool  # it was a list item


def _normalise(line: str) -> _Line | None:
    line = unicodedata.normalize("NFC", line).replace("\u200b", "").replace("\ufeff", "")
    line = re.sub(r"\s+", " ", line).strip()
    text = _BULLET_RE.sub("", line)
    return _Line(text, text != line) if text else None


def _words(line: str) -> int:
    return sum(1 for token in line.split() if _LETTER_RE.search(token))


def _bare(line: str) -> str:
    """Case-folded letters and spaces only: "Share:" and "SHARE" compare equal."""
    return " ".join(re.sub(r"[^\w\s-]|\d", " ", line.casefold()).split())


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END_RE.search(line))


def _is_date_line(line: str) -> bool:
    """Only dates, times and words like "Updated"/"Published": a timestamp."""
    rest = _DATE_WORDS_RE.sub(" ", line)
    return _words(line) <= 10 and bool(_DATE_WORDS_RE.search(line)) and _words(rest) == 0


def _is_byline(line: str) -> bool:
    return bool(_BYLINE_RE.match(line)) and _words(line) <= 8 and not _ends_sentence(line)


def _is_ui(line: str) -> bool:
    short = _words(line) <= SHORT_LINE
    return (
        _bare(line) in UI_PHRASES
        or bool(_SPEED_RE.match(line) or _MIN_READ_RE.match(line))
        or (short and bool(_UI_PREFIX_RE.match(line)))
        or is_boilerplate(line)
    )


def _is_furniture(line: str, counts: Counter[str]) -> bool:
    """Chrome whatever its shape: interface text, a line with no letters, a short line seen
    twice, a byline, a timestamp, a breadcrumb."""
    if not _LETTER_RE.search(line) or _is_ui(line):
        return True
    return _words(line) <= SHORT_LINE and (
        counts[_bare(line)] > 1
        or _is_byline(line)
        or _is_date_line(line)
        or len(_BREADCRUMB_RE.findall(line)) >= 2
    )


def _is_chrome(line: str, counts: Counter[str]) -> bool:
    """Page furniture, whatever else the line looks like (the headline is tested first)."""
    return _is_furniture(line, counts) or (
        _words(line) <= SHORT_LINE
        and bool(_LABEL_VALUE_RE.match(line))
        and not _ends_sentence(line)
    )


def _text_lists(lines: list[_Line], counts: Counter[str]) -> set[int]:
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
            kept.update(i for i in items if not _is_furniture(lines[i].text, counts))
            kept.update(i for i in [start - 1] if _introduces(lines[i].text, counts))
    return kept


def _introduces(text: str, counts: Counter[str]) -> bool:
    """A clause that opens a list ("The new rules cover three groups:"), not a heading."""
    return text.endswith(":") and _words(text) >= 3 and not _is_furniture(text, counts)


def _opens_list(lines: list[_Line], start: int, counts: Counter[str]) -> bool:
    """Whether the line before a list (and the one before a short heading) is in the article."""
    for index in range(start - 1, max(start - 3, -1), -1):
        text = lines[index].text
        if _is_ui(text) or lines[index].item:
            return False
        if text.endswith(":") or _is_text(text, counts) or _headline_of(text):
            return True
        if _words(text) > SHORT_LINE // 2:
            return False
    return False


def _resumes(lines: list[_Line], end: int, counts: Counter[str]) -> bool:
    """Whether article text follows a list (past one interface line, an "Advertisement")."""
    following = [line for line in lines[end : end + 2] if not line.item][:2]
    if following and _is_ui(following[0].text):
        following = following[1:]
    return bool(following) and _is_text(following[0].text, counts)


def _is_text(text: str, counts: Counter[str]) -> bool:
    return _is_prose(text) and not _is_chrome(text, counts)


def _runs(lines: list[_Line]) -> list[tuple[int, int]]:
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
    words = [w for w in text.split() if _LETTER_RE.search(w)]
    if len(words) < MIN_LIST_ITEM_WORDS:
        return True
    capitalised = all(w[0].isupper() or w.casefold() in _MINOR_WORDS for w in words)
    return capitalised and len(words) <= SHORT_LINE // 2 and not _ends_sentence(text)


def _headline_of(line: str) -> tuple[str, str | None] | None:
    """The headline and genre label ``line`` would give as the first line of an article, or
    None when it does not look like a headline (a sentence, chrome, too short or too long)."""
    title, genre = split_genre_prefix(line)
    if genre is None and (_ends_sentence(line) or _is_furniture(line, Counter())):
        return None
    if genre is None and _LABEL_VALUE_RE.match(line) and _words(line.split(":", 1)[1]) < 3:
        return None  # "Reading time: 2 minutes", not "Ukraine war: Kyiv hit by drones"
    return (title, genre) if TITLE_WORDS[0] <= _words(title) <= TITLE_WORDS[1] else None


def _is_prose(line: str) -> bool:
    """A sentence, or a line too long to be a button or a heading."""
    return _words(line) > SHORT_LINE or _ends_sentence(line)


@dataclass
class _Page:
    """What the lines turned out to be, filled in one pass."""

    title: str | None = None
    author: str | None = None
    labels: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def headline(self, line: str) -> bool:
        """Take ``line`` as the headline if the text has not begun and it looks like one."""
        headline = None if self.title is not None or self.body else _headline_of(line)
        if headline is None:
            return False
        title, genre = headline
        self.title = title
        self.labels += [genre] if genre else []
        return True

    def front_matter(self, line: str) -> bool:
        """A genre word alone above the text ("OPINION") or a byline ("By Jane Doe")."""
        if self.body:
            return False
        genre = genre_label(line)
        if genre:
            self.labels.append(genre)
            return True
        byline = _BYLINE_RE.match(line)
        if byline and _is_byline(line) and self.author is None:
            self.author = byline[1].strip(" ,")
            return True
        return False


def _without_poster_comment(lines: list[_Line]) -> list[_Line]:
    """``lines`` without the poster's own lines at the top (never the headline or a byline)."""
    start = 0
    while start < min(MAX_COMMENT_LINES, len(lines) - 1) and _is_comment(lines, start):
        start += 1
    return lines[start:]


def _is_comment(lines: list[_Line], index: int) -> bool:
    line = lines[index].text
    if lines[index].item or genre_label(line) or _is_byline(line):
        return False
    following = [later for later in lines[index + 1 : index + 3] if not genre_label(later.text)]
    headline_follows = bool(following) and not following[0].item
    return is_poster_comment(line, headline_follows and bool(_headline_of(following[0].text)))


def _read(lines: list[_Line]) -> _Page:
    page, kept = _Page(), set()
    counts = Counter(_bare(line.text) for line in lines if _words(line.text) <= SHORT_LINE)
    lines = _without_poster_comment(lines)
    listed = _text_lists(lines, counts)
    for index, line in enumerate(lines):
        text = line.text
        if index in listed:  # a list above the article is the site's menu
            keep = page.title is not None or bool(page.body)
        elif line.item and not _is_prose(text):
            keep = False
        else:
            skipped = page.front_matter(text) or page.headline(text)
            keep = not skipped and not _is_chrome(text, counts) and _is_prose(text)
        if keep and text not in kept:
            page.body.append(text)
            kept.add(text)
    return page


def extract_pasted(text: str) -> Article:
    """The article in pasted ``text``: headline, genre labels and body, chrome removed (the
    text is made safe first, see `analyzers.ingest.safe_text`).

    Raises EmptyInput for blank text, NotEnglish when the text is in another language and
    NotAnArticle when fewer than ``MIN_WORDS`` words of article text remain.
    """
    text = bounded_prose(plain_text(clean_text(text)))
    if not text.strip():
        raise EmptyInput("There is no text to analyse.")
    page = _read([line for line in map(_normalise, text.splitlines()) if line])
    body = "\n".join(page.body)
    language = detect_language(body or text)
    if not is_english(body or text):
        raise NotEnglish(
            f"The text is not in English ({language or 'unknown language'}).", language
        )
    if _words(body) < MIN_WORDS:
        raise NotAnArticle(
            f"Too little article text is left to analyse (under {MIN_WORDS} words once page "
            "clutter is removed)."
        )
    return Article(
        text=body,
        title=page.title,
        author=page.author,
        language=language,
        labels=tuple(page.labels),
    )
