"""What a page says about its own kind: labels, headline and byline kickers, disclaimers, URL.

An editor trusts the page's own markup and the label printed over the piece ("Analysis by
Jane Doe", "Editorial:", an OpinionNewsArticle type) far more than its address: sites file
news under /blogs/ and columns under /news/, so the URL is only a weak signal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analyzers.article import Article
from analyzers.ingest.genres import GENRE_PATTERN, genre_kind
from analyzers.ingest.links import link_or_none
from analyzers.nlp.cue import MEDIUM, STRONG, Cue
from analyzers.record import Kind

# "Analysis:", "OPINION |", "Review -", or the genre word alone.
_LABEL_RE = re.compile(rf"^\s*(?P<genre>{GENRE_PATTERN})\s*(?:[:|–—-]|$)", re.IGNORECASE)
# "Analysis by Jane Doe": a byline or kicker line only ("Review by Ofcom finds..." heads news).
_BYLINE_RE = re.compile(rf"^\s*(?P<genre>{GENRE_PATTERN})\s+by\s+(?-i:[A-Z])", re.IGNORECASE)
# "ANALYSIS Trump's week" : an upper-case genre word leading a headline, no punctuation.
_CAPS_KICKER_RE = re.compile(rf"^\s*(?P<genre>{GENRE_PATTERN})\s+\S", re.IGNORECASE)
# "The Guardian view on ...", "The Times view: ...": how British papers head their editorials.
_PAPERS_VIEW_RE = re.compile(r"^\s*The (?:[A-Z][\w'’&.-]* ){1,4}view(?: on\b|\s*:)")
_EXPLAINER_TITLE_RE = re.compile(
    r"\bexplained\b|\bwhat (?:it|this|that) means\b|\bwhat (?:we|you) (?:know|need to know)\b"
    r"|\bwhy (?:it|this|that) matters\b|\bhere[’']?s (?:why|what|how)\b|\bfact[- ]?check",
    re.IGNORECASE,
)
_DISCLAIMER_RE = re.compile(
    r"\b(?:views|opinions)(?: and (?:views|opinions))? expressed\b"
    r"|\bdo(?:es)? not necessarily (?:reflect|represent)\b"
    r"|\bthis is an? (?:opinion|commentary|op-ed|column|editorial)\b"
    r"|\bthis (?:opinion )?(?:column|op-ed)\b",
    re.IGNORECASE,
)
# "Jane Doe is a columnist for ...", "... is a contributing writer to ..." in a closing bio.
_COLUMNIST_BIO_RE = re.compile(
    r"^[A-Z][\w.'’ -]{1,60}? (?:is|was) (?:an? |the )(?:[\w-]+ ){0,5}?(?:columnist|"
    r"contributing (?:writer|editor|columnist)|opinion (?:writer|contributor)|commentator)\b"
)
_COLUMNIST_BYLINE_RE = re.compile(r"\bcolumn(?:ist)?s?\b|\bopinion\b|\bcommentator\b", re.I)
_URL_KINDS: dict[str, Kind] = {
    **dict.fromkeys(
        """opinion opinions editorial editorials op-ed oped comment commentisfree columns
        columnists column commentary views viewpoints""".split(),
        "opinion",
    ),
    **dict.fromkeys(
        "analysis explainer explainers explained fact-check factcheck fact-checks".split(),
        "analysis",
    ),
}
_WEAK_OPINION_PATH = frozenset({"blog", "blogs"})
# Weak: not enough alone, but with no reporting in the writing ("no attributed statements")
# it reaches the threshold; attributed reporting outweighs it.
URL_SECTION = 1.5
BLOG = 0.5  # news sites publish live blogs and news on blog platforms
KICKER_LINES = 3
KICKER_WORDS = 8  # a kicker or byline line, not a sentence that opens with "Background:"
BIO_LINES = 3


def page_cues(article: Article) -> list[Cue]:
    """Everything the page says of itself, strongest evidence first."""
    return [
        *_label_cues(article.labels),
        *_kicker_cues(article),
        *_columnist_cues(article),
        *_url_cues(article.canonical_url or article.url),
    ]


def _label_cues(labels: tuple[str, ...]) -> Iterator[Cue]:
    """A section, genre or schema type the page declares ("Opinion", "News Analysis")."""
    seen = set()
    for label in labels:
        kind = genre_kind(label)
        if kind and kind not in seen:
            seen.add(kind)
            yield Cue(kind, STRONG, f'the page labels itself "{label.strip()}"')
        elif label.strip().casefold() in _WEAK_OPINION_PATH:
            yield Cue("opinion", BLOG, "published as a blog post (blogs carry news too)")


def _kicker_cues(article: Article) -> Iterator[Cue]:
    """A genre label printed over the piece: in the headline, the byline or the first lines."""
    lines = [
        ("headline", article.title or ""),
        ("byline", article.author or ""),
        *(("kicker over the text", line) for line in article.text.splitlines()[:KICKER_LINES]),
    ]
    for where, line in lines:
        if where != "headline" and len(line.split()) > KICKER_WORDS:
            continue
        byline = None if where == "headline" else _BYLINE_RE.match(line)
        match = _LABEL_RE.match(line) or byline or _caps_kicker(line)
        kind = genre_kind(match["genre"]) if match else None
        if match and kind:
            said = match["genre"] if where == "headline" else line.strip()
            yield Cue(kind, STRONG, f'the {where} says "{said}"')
            return
    if article.title and _PAPERS_VIEW_RE.match(article.title):
        yield Cue("opinion", STRONG, "the headline is the paper's view (an editorial)")
    elif article.title and _EXPLAINER_TITLE_RE.search(article.title):
        yield Cue("analysis", MEDIUM, "the headline promises an explanation or a fact check")


def _caps_kicker(line: str) -> re.Match[str] | None:
    """A genre word in capitals leading the line without punctuation ("ANALYSIS Trump's week");
    in ordinary case that is a sentence ("Analysis shows ...")."""
    match = _CAPS_KICKER_RE.match(line)
    return match if match and match["genre"].isupper() else None


def _columnist_cues(article: Article) -> Iterator[Cue]:
    """A signed column: an opinion disclaimer, a columnist's closing bio or byline."""
    lines = article.text.splitlines()
    ends = [*lines[:KICKER_LINES], *lines[-BIO_LINES:]]
    if any(_DISCLAIMER_RE.search(line) for line in ends):
        yield Cue("opinion", STRONG, "an opinion disclaimer (views expressed are the author's)")
    elif any(_COLUMNIST_BIO_RE.match(line) for line in lines[-BIO_LINES:]):
        yield Cue("opinion", STRONG, "signed by a columnist (the closing bio says so)")
    elif article.author and _COLUMNIST_BYLINE_RE.search(article.author):
        yield Cue("opinion", STRONG, f'signed by a columnist ("{article.author}")')


def _url_cues(url: str | None) -> Iterator[Cue]:
    """A section in the address: weak, since sites file pieces under misleading sections."""
    link = link_or_none(url) if url else None
    if link is None:
        return
    parts = [p.lower() for p in link.path.split("/") if p]
    for part in parts[:-1] or parts:  # the last part is usually the slug, not a section
        kind = _URL_KINDS.get(part)
        if kind:
            yield Cue(kind, URL_SECTION, f"URL section /{part}/ (a weak signal)")
            return
    if _WEAK_OPINION_PATH & set(parts[:-1]):
        yield Cue("opinion", BLOG, "URL section /blogs/ (blogs carry news too)")
