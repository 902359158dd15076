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
  the list sits inside the article (see `analyzers.ingest.paste_lists`): not a menu copied with
  the page, not the links under a "Related" / "Read more" heading;
* the poster's own line above the article ("Worth a read before the 11am meeting:") is neither
  headline nor text (see `analyzers.ingest.poster_comment`).

Slack markup goes first (`analyzers.ingest.slack_markup`, the cleaner the Slack path uses too), so
text copied out of Slack reads the same here as it does when posted there.

A genre prefix on the headline ("Editorial | ...", "OPINION - ...") or a genre word standing
alone above it becomes a label: it tells opinion from news later (`analyzers.ingest.headline`).
The shape tests each line goes through are in `analyzers.ingest.paste_chrome`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from analyzers.article import Article
from analyzers.errors import EmptyInput, NotAnArticle, NotEnglish
from analyzers.ingest import paste_chrome as chrome
from analyzers.ingest.headline import genre_label, headline_of
from analyzers.ingest.language import detect_language, is_english
from analyzers.ingest.paste_lists import text_lists
from analyzers.ingest.poster_comment import is_poster_comment
from analyzers.ingest.safe_text import bounded_prose, clean_text
from analyzers.ingest.slack_markup import plain_text

# Fewer than ~25 words (two sentences) left after the chrome is gone is not an article: it is a
# headline, a tweet or a caption, and the entity/stance analysis needs a few sentences of context
# about someone to say anything. Pasted text gets a lower bar than a fetched page (40) because
# the person chose it on purpose, and it has already been cleaned line by line.
MIN_WORDS = 25
MAX_COMMENT_LINES = 3  # the poster's own lines above the article


@dataclass
class _Page:
    """What the lines turned out to be, filled in one pass."""

    title: str | None = None
    author: str | None = None
    labels: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def headline(self, line: str) -> bool:
        """Take ``line`` as the headline if the text has not begun and it looks like one."""
        headline = None if self.title is not None or self.body else headline_of(line)
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
        byline = chrome.BYLINE_RE.match(line)
        if byline and chrome.is_byline(line) and self.author is None:
            self.author = byline[1].strip(" ,")
            return True
        return False


def _without_poster_comment(lines: list[chrome.Line]) -> list[chrome.Line]:
    """``lines`` without the poster's own lines at the top (never the headline or a byline)."""
    start = 0
    while start < min(MAX_COMMENT_LINES, len(lines) - 1) and _is_comment(lines, start):
        start += 1
    return lines[start:]


def _is_comment(lines: list[chrome.Line], index: int) -> bool:
    line = lines[index].text
    if lines[index].item or genre_label(line) or chrome.is_byline(line):
        return False
    following = [later for later in lines[index + 1 : index + 3] if not genre_label(later.text)]
    headline_follows = bool(following) and not following[0].item
    return is_poster_comment(line, headline_follows and bool(headline_of(following[0].text)))


def _read(lines: list[chrome.Line]) -> _Page:
    page, kept = _Page(), set()
    counts = Counter(
        chrome.bare(line.text) for line in lines if chrome.words(line.text) <= chrome.SHORT_LINE
    )
    lines = _without_poster_comment(lines)
    listed = text_lists(lines, counts)
    for index, line in enumerate(lines):
        text = line.text
        if index in listed:  # a list above the article is the site's menu
            keep = page.title is not None or bool(page.body)
        elif line.item and not chrome.is_prose(text):
            keep = False
        else:
            skipped = page.front_matter(text) or page.headline(text)
            keep = not skipped and not chrome.is_chrome(text, counts) and chrome.is_prose(text)
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
    page = _read([line for line in map(chrome.normalise, text.splitlines()) if line])
    body = "\n".join(page.body)
    language = detect_language(body or text)
    if not is_english(body or text):
        raise NotEnglish(
            f"The text is not in English ({language or 'unknown language'}).", language
        )
    if chrome.words(body) < MIN_WORDS:
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
