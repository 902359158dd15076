"""What is not an actor: the publication, its credits and the page furniture around the story.

NER tags every capitalised run, so a page's own name ("LinkNaija", "the Post"), the wire agency
that filed it, its dateline ("HAYWARD, Calif. (AP) —"), its byline, photo credits, tweet
signatures and the text of related-story links all come out as "entities". An editor sees
them as noise. These rules find them from the page's metadata (site name, author: set on the
Doc by `set_page_identity` before the pipeline runs) and from the shape of the lines they sit
in; they are pure functions over strings plus `furniture_spans`, the one pass over a Doc.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

# News agencies whose name is a credit, not an actor, in the copy they file or are quoted from.
WIRE_AGENCIES = frozenset(
    """
    ap associatedpress reuters thomsonreutersfoundation afp agencefrancepresse upi dpa pti
    ians ani xinhua efe ansa kyodo kyodonews yonhap tass ria novosti bloombergnews cnnwire
    pressassociation pa aap canadianpress cp
    """.split()
)
MIN_MASTHEAD_CHARS = 4
NETWORK_PREFIX = "network:"  # a broadcaster's call letters, first word of the site's name
_NETWORK = re.compile(r"^[A-Z]{3,4}$")
MAX_DATELINE_CHARS = 70
MAX_FURNITURE_WORDS = 16
# An all-capitals place ("WASHINGTON", "BAAR, SWITZERLAND", "HAYWARD, Calif."), optionally a
# credit in brackets, then a dash or colon; or a place and a bracketed agency ("London (CNN) -").
_DATELINE = re.compile(
    r"""^\s*(?:
        [A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’ -]{1,30}?)?
            \s*(?:\([^()\n]{1,30}\))?\s*(?:—|–|--|-|:)\s
      | [A-Z][\w.'’ ,-]{1,40}?\s*\([A-Za-z. ]{2,25}\)\s*(?:—|–|--|-|:)\s
    )""",
    re.VERBOSE,
)
_PLACE_LINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?\s*$")
_CREDIT_LINE = re.compile(
    r"""^\s*[(\[]?\s*(?:by|photo|photos|photograph|image|images|picture|pictures|credit|
        credits|caption|source|video|graphic|illustration|main\ image|reporting|writing|
        editing|additional\ reporting|compiled|related|read\ more|read|also\ read|see\ also|
        more|watch|listen|click|follow|share|subscribe|sign\ up|advertisement)\b[^.!?]{0,80}
        (?::|\bby\b|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_TAIL = re.compile(
    r"(?:\(|\b)(?:photo|image|credit|source)s?\s*(?::|by)\s*[^.!?]{0,80}$"
    r"|\b(?:getty images|shutterstock|ap photo|afp via getty|reuters/)[^.!?]{0,60}$"
    r"|\b(?:contributed to|reporting by|writing by|editing by)\b.*$",
    re.IGNORECASE,
)
# An embedded tweet: its picture link, or its signature "— Name (@handle) November 18, 2019".
_TWEET = re.compile(
    r"pic\.twitter\.com|[—–-]\s*[^—–\n]{1,60}\(@\w{1,30}\)\s*[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}"
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_SMALL_WORDS = frozenset(
    "a an the and or but of in on at to for with by from as is are vs via nor".split()
)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_AGENCY_TAIL = re.compile(r"(?:newsagency|newswire|news|agency|wire|service)$")

if not Doc.has_extension("publication_names"):
    Doc.set_extension("publication_names", default=())
if not Doc.has_extension("byline_names"):
    Doc.set_extension("byline_names", default=())


def set_page_identity(doc: Doc, site: str | None, author: str | None, urls: Iterable[str]) -> None:
    """Tell the entity component who published the page and who wrote it (both are excluded)."""
    doc._.publication_names = tuple(publication_names(site, urls))
    doc._.byline_names = tuple(byline_names(author))


def normalise(name: str) -> str:
    """'The Hill', 'the hill.', 'TheHill' -> 'hill': the comparison form of an outlet's name."""
    lowered = name.lower().strip()
    lowered = re.sub(r"^(?:the|a|an)\s+", "", lowered)
    lowered = re.sub(r"^www\.|\.(?:com|org|net|co\.uk|co|info|in|ca|ph|io)\b.*$", "", lowered)
    return _NOT_ALNUM.sub("", lowered)


def publication_names(site: str | None, urls: Iterable[str]) -> list[str]:
    """Comparison forms of the site's name: each '|'-separated part of it, its last word
    ("the Ledger" of "The Daily Ledger"), the host's name ("rt.com" -> "rt") and a network's
    call letters ("CBS" of "CBS News", marked with `NETWORK_PREFIX`)."""
    parts = re.split(r"\s*[|–—:]\s*|\s+-\s+", site or "")
    hosts = [re.sub(r"^https?://(?:www\d?\.)?([^/:]+).*$", r"\1", url) for url in urls if url]
    mastheads = [part.split()[-1] for part in parts if len(part.split()) > 1]
    networks = [p.split()[0] for p in parts if len(p.split()) > 1 and _NETWORK.match(p.split()[0])]
    found = [normalise(p) for p in [*parts, *(h.rsplit(".", 1)[0] for h in hosts)]]
    found += [word for word in map(normalise, mastheads) if len(word) >= MIN_MASTHEAD_CHARS]
    found += [NETWORK_PREFIX + word.lower() for word in networks]
    return sorted({name for name in found if len(name) >= 2})


def byline_names(author: str | None) -> list[str]:
    """The writers' names as given in the page's metadata ("Tom Krisher; Ap Auto Writer")."""
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", author or "")
    return sorted({normalise(p) for p in parts if len(normalise(p)) >= 3})


def is_publication(surface: str, publications: Iterable[str]) -> bool:
    """The outlet itself (its site name, host name or masthead's last word: "the Post"); a
    wire agency anywhere."""
    name = normalise(surface)
    if not name:
        return False
    if name in WIRE_AGENCIES or re.sub(_AGENCY_TAIL, "", name) in WIRE_AGENCIES:
        return True
    first_word = surface.split(maxsplit=1)[0].lower() if surface.strip() else ""
    for publication in publications:
        if publication == NETWORK_PREFIX + first_word:
            return True  # "CBS DFW" on a CBS News page: the network's own station
        if name == publication or (len(name) >= 4 and publication.startswith(name + "com")):
            return True
    return False


def is_byline(surface: str, bylines: Iterable[str]) -> bool:
    return normalise(surface) in set(bylines)


def dateline_end(line: str) -> int:
    """Characters of ``line`` taken by a dateline ("LONDON (AP) — "), 0 when there is none."""
    if _PLACE_LINE.match(line) and len(line) <= MAX_DATELINE_CHARS:
        return len(line)
    match = _DATELINE.match(line)
    return match.end() if match and match.end() <= MAX_DATELINE_CHARS else 0


def furniture_range(line: str) -> tuple[int, int] | None:
    """The part of one paragraph that is credit or furniture: a byline, photo credit, related
    link, tweet signature or share prompt (the whole line), or a credit trailing a sentence."""
    if _TWEET.search(line):
        return 0, len(line)
    if len(line.split()) <= MAX_FURNITURE_WORDS and _CREDIT_LINE.match(line):
        return 0, len(line)
    tail = _CREDIT_TAIL.search(line)
    return (tail.start(), len(line)) if tail else None


def is_title_case_line(line: str) -> bool:
    """A headline-shaped paragraph: a subhead or the text of a link to another story. NER
    reads every capital in it as a name ("Scissor Keyboard Expected"), so what it finds there
    counts only if the story itself names it too."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", line)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(content) < 2 or _SENTENCE_END.search(line):
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised >= 0.75 * len(content)


def lines_of(doc: Doc) -> Iterator[tuple[int, str]]:
    """(start character, text) of each paragraph (newline-separated line) of the Doc."""
    start = 0
    for line in doc.text.split("\n"):
        yield start, line
        start += len(line) + 1


def furniture_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the Doc whose names are never actors: datelines and credits."""
    ranges = []
    for start, line in lines_of(doc):
        if end := dateline_end(line):
            ranges.append((start, start + end))
        if found := furniture_range(line):
            ranges.append((start + found[0], start + found[1]))
    return ranges


def headline_like_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the headline and of headline-shaped paragraphs."""
    headline_end = doc._.headline_chars
    ranges = [(0, headline_end)] if headline_end else []
    for start, line in lines_of(doc):
        if start >= headline_end and is_title_case_line(line):
            ranges.append((start, start + len(line)))
    return ranges


def common_nouns(doc: Doc) -> Counter[str]:
    """How often each word is written in lower case as a noun: "the moon", "meth", "honey"."""
    return Counter(t.lower_ for t in doc if t.is_lower and t.pos_ in {"NOUN", ""} and t.is_alpha)


def is_common_noun(words: Iterable[str], capitalised: int, nouns: Counter[str]) -> bool:
    """A one-word "name" the piece also writes in lower case at least as often ("Moon" and
    "the moon", "Meth" and "meth") is a thing, not an actor; all-capital acronyms are names."""
    unique = set(words)
    if len(unique) != 1:
        return False
    word = unique.pop()
    return " " not in word and not word.isupper() and nouns[word.lower()] >= capitalised


def is_common_use(span: Span) -> bool:
    """'an EV', 'an IPO', 'a Ford': a name after an indefinite article, heading its phrase,
    is used as a common noun (a kind of thing), not as the name of an actor."""
    if span.start == 0 or span.doc[span.start - 1].lower_ not in {"a", "an"}:
        return False
    return span.root.dep_ not in {"compound", "amod", "nmod", "poss"}
