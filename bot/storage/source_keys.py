"""Cache keys for what people share: the same article must hit the same key however it was
shared (with a #fragment, utm_* tags, an upper-case host) or pasted (other line breaks)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from analyzers.ingest.links import parse_link
from bot.sources import HtmlSource, LinkSource, Source, TextSource


def url_key(url: str) -> str:
    """The key of a link; InvalidSource (a sentence for the person) when it is not one."""
    return "url:" + parse_link(url).normalised


def text_key(text: str, kind: str = "text") -> str:
    """Pasted text (or a saved page), keyed by a hash of its words: spacing and Unicode forms
    do not matter."""
    words = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    # surrogatepass: Slack's JSON can carry lone surrogates, which strict UTF-8 cannot encode
    return f"{kind}:" + hashlib.sha256(words.encode("utf-8", "surrogatepass")).hexdigest()


def source_key(source: Source) -> str:
    """The key a source is looked up by before anything is fetched or parsed."""
    match source:
        case LinkSource(url):
            return url_key(url)
        case HtmlSource(html, _):
            return text_key(html, "html")
        case TextSource(text, _):
            return text_key(text)
