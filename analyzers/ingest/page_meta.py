"""What a page says about itself in its markup: ``<meta>`` values and JSON-LD objects.

Several readers want these (the headline, the section labels, the publisher's name), so they
are read here once, the same way: JSON-LD is parsed script by script, and walked iteratively
and within `MAX_SCHEMA_NODES` however deep or wide a page nests it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# An lxml HtmlElement; lxml ships no type information, so it is typed loosely here.
HtmlTree = Any

MAX_SCHEMA_NODES = 1000


def meta_values(tree: HtmlTree, key: str) -> list[str]:
    """The ``content`` of every ``<meta>`` whose ``property`` or ``name`` is ``key`` (any
    case), in page order, stripped; empty ones left out."""
    found = []
    for meta in tree.iterfind(".//meta[@content]"):
        if (meta.get("property") or meta.get("name") or "").lower() == key:
            content = meta.get("content", "").strip()
            if content:
                found.append(content)
    return found


def schema_objects(tree: HtmlTree) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of the page, through their lists and ``@graph``s; a script that is
    not valid JSON is skipped."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(str(script))
        except (ValueError, RecursionError):  # RecursionError: nested thousands deep
            continue
        yield from _walk(data)


def _walk(root: object) -> Iterator[dict[str, Any]]:
    pending = [root]
    for _ in range(MAX_SCHEMA_NODES):
        if not pending:
            return
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            pending.append(node.get("@graph"))
