"""The names a page gives itself, best first, for `analyzers.ingest.publisher` to choose from.

``og:site_name`` is the site's own word for itself; ``application-name`` and a ``publisher``
meta tag come next, then JSON-LD's ``publisher.name`` (after the page's own names because on
syndicated stories it names the wire: a Connecticut Post page's publisher is "Associated
Press"). trafilatura's ``sitename`` comes last, and only when it is not a social-media handle
or app name ("SputnikInt", "NYTimes") or a recasing of a name already given ("Cleveland" for
"cleveland"): it falls back on those when a page names itself nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

from trafilatura.settings import Document

from analyzers.ingest.page_meta import HtmlTree, meta_values, schema_objects

_NAME_META = ("og:site_name", "application-name", "publisher")
MAX_NAMES = 8  # a page names itself a few times; more is noise, and costs each headline
MAX_RAW_NAME_CHARS = 200  # a name with its tagline; longer is a description, not a name


def page_site_names(doc: Document, tree: HtmlTree) -> list[str]:
    """What the page calls itself, best first, without repeats."""
    names = [name for key in _NAME_META for name in meta_values(tree, key)]
    names += [name for name in _schema_publishers(tree) if name.strip()]
    handles = {handle.lstrip("@").casefold() for handle in _app_and_handle_names(tree)}
    known = {name.casefold() for name in names}
    sitename = (doc.sitename or "").strip()
    if sitename and sitename.casefold() not in known | handles:
        names.append(sitename)
    clean = (" ".join(name.split()) for name in names if len(name) <= MAX_RAW_NAME_CHARS)
    return list(dict.fromkeys(clean))[:MAX_NAMES]


def _schema_publishers(tree: HtmlTree) -> Iterator[str]:
    """``publisher.name`` of the JSON-LD objects (one publisher or a list of them)."""
    for node in schema_objects(tree):
        publisher = node.get("publisher")
        for one in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(one, dict) and isinstance(one.get("name"), str):
                yield one["name"]


def _app_and_handle_names(tree: HtmlTree) -> Iterator[str]:
    """Social-media handles and app-store names (``twitter:site``, ``twitter:app:name:*``,
    ``al:ios:app_name``...), which trafilatura takes for a site name when it finds no other."""
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key.startswith(("twitter:", "al:")):
            yield meta.get("content", "").strip()
