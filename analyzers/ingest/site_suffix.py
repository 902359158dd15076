"""A headline without the site's name or section that pages append to it ("... | TheHill",
"... - Auto News", "... |  News | Al Jazeera") or put before it ("LinkNaija | ...: ...").

Only a trailing segment that names the site (any name the page gives itself, its host, a known
publisher) or a section (the page's own section labels, a desk or genre word) goes, so a
headline with a dash of its own stays whole: "Biden - Xi summit ends".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyzers.ingest.known_publishers import KNOWN_NAMES
from analyzers.ingest.publisher import SEPARATOR_RE, compact, is_generic, readable_host

_LEADING_SEPARATOR_RE = re.compile(r"^\s*[|:–—-]\s*")
_TRAILING_SEPARATOR_RE = re.compile(r"\s+[|–—·•:-]\s+$")
_LETTER_RE = re.compile(r"[^\W\d_]")
# Bounds on what one headline costs, whatever a page holds: real titles carry a site name and a
# section or two after the headline, each a few words.
MAX_SEGMENTS = 4
MAX_SEGMENT_WORDS = 8
MAX_TITLE_CHARS = 1000
_DOMAIN_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})


def without_site_name(
    title: str, names: Iterable[str], host: str | None, sections: Iterable[str]
) -> str:
    """``title`` less the site's name and section words around it; ``names`` are what the page
    calls itself (raw, taglines included), ``host`` where it is served from, ``sections`` its
    section labels."""
    names = [" ".join(name.split()) for name in names if name.strip()]
    site = _site_keys(names, host)
    desks = {compact(section) for section in sections}
    title = _without_prefix(" ".join(title.split()), names)
    if len(title) > MAX_TITLE_CHARS:
        return title  # not a headline anyone will read to its end
    for _ in range(MAX_SEGMENTS):
        shorter = _without_last(title, names, site, desks)
        if shorter == title:
            break
        title = shorter
    return title


def _without_prefix(title: str, names: list[str]) -> str:
    """ "LinkNaija | Nigeria's popular news platform: Headline" -> "Headline"."""
    for name in (name for name in names if not is_generic(name)):
        if title.casefold().startswith(name.casefold()):
            rest = title[len(name) :]
            separator = _LEADING_SEPARATOR_RE.match(rest)
            if separator and _LETTER_RE.search(rest[separator.end() :]):
                return rest[separator.end() :]
    return title


def _without_last(title: str, names: list[str], site: set[str], desks: set[str]) -> str:
    """``title`` less one trailing name or section: a whole name the page gives itself (which
    may hold separators of its own: "Remember 80/90 - Memorabilia anni 80/90"), else the last
    segment when it is a name of the site or a section word; ``title`` itself when neither."""
    for name in sorted(names, key=len, reverse=True):
        if title.casefold().endswith(name.casefold()):
            head = _TRAILING_SEPARATOR_RE.sub("", title[: -len(name)])
            if head != title[: -len(name)] and _LETTER_RE.search(head):
                return head
    found = list(SEPARATOR_RE.finditer(title))
    if not found:
        return title
    head, tail = title[: found[-1].start()], title[found[-1].end() :]
    if _LETTER_RE.search(head) and (_names_site(tail, site, desks) or is_generic(tail, desks)):
        return head
    return title


def _names_site(segment: str, site: set[str], desks: set[str]) -> bool:
    """The site's name, alone or before a section word ("RT World News", "Reuters UK")."""
    words = segment.split()
    if len(words) > MAX_SEGMENT_WORDS:
        return False
    return any(
        compact(" ".join(words[:cut])) in site
        and (cut == len(words) or is_generic(" ".join(words[cut:]), desks))
        for cut in range(1, len(words) + 1)
    )


def _site_keys(names: list[str], host: str | None) -> set[str]:
    """Every way the site may write its own name: each name and its segments, the host with
    and without "www." and its labels ("thehill" for thehill.com), the known publishers."""
    keys = {compact(name) for name in KNOWN_NAMES}
    for name in names:
        keys.update(compact(part) for part in [name, *SEPARATOR_RE.split(name)])
    readable = readable_host(host)
    if host and readable:
        labels = readable.split(".")[:-1]
        keys.update({compact(host), compact(readable), *labels})
    return keys - {"", *_DOMAIN_LABELS}
