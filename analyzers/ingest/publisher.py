"""The publisher's name as editors know it, for `Article.site`.

What a page calls itself is often not that: AP's hosted pages say "Hosted", Reuters pages name
their desk ("U.S."), some give a URL, a bare host label ("cleveland"), or a name with a
tagline ("LinkNaija | Nigeria's popular news platform"). So the page's own names are tried in
order (the first helpful segment of each); a name that is only a host ("livescience.com") is
kept for later, as a page's readable names are better and a known publisher's name for the
host (`analyzers.ingest.known_publishers`) is better still; last comes the host itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set

from analyzers.ingest.genres import ANALYSIS_GENRES, OPINION_GENRES
from analyzers.ingest.headline import GENRES
from analyzers.ingest.known_publishers import known_publisher

MAX_NAME_CHARS = 60
MAX_SEGMENTS = 4  # of a name and its tagline: "Autoracing | F1 | Indy | MotoGP | StockCar"
# Spaced separators between a name and its tagline, or a headline and the site's name.
SEPARATOR_RE = re.compile(r"\s+[|–—·•:-]\s+")
_HOST_LIKE_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_HOST_PREFIX_RE = re.compile(r"^(?:www\d*|m|amp|mobile)\.")

# What a page or section calls itself that names no publisher: desks, page types, platforms.
_GENERIC = """hosted, home, homepage, home page, index, main, default, untitled, site, website,
    page, article, articles, story, stories, news, latest, latest news, breaking news, top news,
    top stories, headlines, world, world news, us, u.s., us news, uk, uk news, politics,
    business, business news, markets, money, economy, finance, sport, sports, technology, tech,
    science, health, entertainment, lifestyle, life, culture, arts, travel, food, local,
    local news, national, international, video, videos, photos, podcasts, blog, blogs, blogger,
    wordpress, all"""


def compact(name: str) -> str:
    """Letters and digits only, case-folded: "The Hill", "TheHill" and "thehill" compare equal."""
    return re.sub(r"[\W_]+", "", name.casefold())


GENERIC_NAMES = frozenset(
    compact(word) for word in [*_GENERIC.split(","), *GENRES, *OPINION_GENRES, *ANALYSIS_GENRES]
)


def publisher_name(names: Sequence[str], host: str | None, sections: Iterable[str]) -> str | None:
    """The name to show for the publisher of a page that calls itself ``names`` (best first:
    og:site_name, application-name, JSON-LD publisher...), served from ``host``, whose section
    labels are ``sections``; None when there is neither a name nor a host.

    A known publisher's name for the host wins over a page's shorthand for it ("WSJ",
    "TheHill") but not over another name (a sub-brand such as "BBC Sport" on bbc.co.uk).
    """
    desks = {compact(section) for section in sections}
    readable: list[str] = []
    hosts: list[str] = []
    for raw in names:
        name = _helpful_segment(raw, host, desks)
        if name:
            (hosts if _HOST_LIKE_RE.match(name) else readable).append(name)
    known = known_publisher(host)
    if known and (not readable or _is_shorthand(readable[0], known)):
        return known
    return next(iter(readable), None) or next(iter(hosts), None) or readable_host(host)


def _is_shorthand(name: str, known: str) -> bool:
    """ "WSJ", "Wall Street Journal" or "TheHill" for "The Wall Street Journal" / "The Hill"."""
    words = [w for w in known.split() if w.casefold() != "the"]
    initials = "".join(w[0] for w in words)
    return compact(name) in {compact(known), compact(" ".join(words)), initials.casefold()}


def readable_host(host: str | None) -> str | None:
    """``"www.Cleveland.com"`` -> ``"cleveland.com"``: the host as people write it."""
    if not host or not host.strip():
        return None
    return _HOST_PREFIX_RE.sub("", host.strip().lower().rstrip("."))


def is_generic(name: str, desks: Set[str] = frozenset()) -> bool:
    """Whether ``name`` is a section, desk, genre or page word rather than a publisher's name
    (``desks``: the page's own section labels, compacted)."""
    key = compact(name)
    return not key or key in GENERIC_NAMES or key in desks


def _helpful_segment(raw: str, host: str | None, desks: set[str]) -> str | None:
    """The first part of ``raw`` (split at " | ", " - "...) that names a publisher."""
    for part in SEPARATOR_RE.split(" ".join(raw.split()), maxsplit=MAX_SEGMENTS)[:MAX_SEGMENTS]:
        name = part.strip()
        if _is_helpful(name, host, desks):
            return name
    return None


def _is_helpful(name: str, host: str | None, desks: set[str]) -> bool:
    if not re.search(r"[^\W\d_]", name) or len(name) > MAX_NAME_CHARS:
        return False
    if "://" in name or name.lower().startswith("www.") or name.startswith("@"):
        return False
    if _spells_host(name, host):  # "POLYGRAPH.info", even where a tag says the same
        return not name.islower() or bool(_HOST_LIKE_RE.match(name))
    return not is_generic(name, desks)


def _spells_host(name: str, host: str | None) -> bool:
    """Whether ``name`` is the host's main label, with or without the rest of the host:
    "cleveland" or "cleveland.com" on www.cleveland.com."""
    labels = (readable_host(host) or "").split(".")
    return len(labels) >= 2 and compact(name) in {compact(labels[-2]), compact(".".join(labels))}
