"""Cache keys for what people share: the same article must hit the same key however it was
shared (with a #fragment, utm_* tags, an upper-case host) or pasted (other line breaks)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.sources import HtmlSource, LinkSource, Source, TextSource

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "smid",
        "smtyp",
        "ref",
        "ref_src",
        "ref_url",
        "_ga",
        "yclid",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "at_medium",
        "at_campaign",
        "ito",
        "__twitter_impression",
        "s_cid",
        "wt_mc",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no default port, fragment or tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(("utm_", "pk_", "mtm_")) or lowered in TRACKING_PARAMS


def url_key(url: str) -> str:
    return "url:" + normalise_url(url)


def text_key(text: str, kind: str = "text") -> str:
    """Pasted text (or a saved page), keyed by a hash of its words: spacing and Unicode forms
    do not matter."""
    words = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return f"{kind}:" + hashlib.sha256(words.encode("utf-8")).hexdigest()


def source_key(source: Source) -> str:
    """The key a source is looked up by before anything is fetched or parsed."""
    match source:
        case LinkSource(url):
            return url_key(url)
        case HtmlSource(html, _):
            return text_key(html, "html")
        case TextSource(text, _):
            return text_key(text)
