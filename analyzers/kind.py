"""Opinion or news, and why: the signals an editor would look at, each with a weight.

The strongest signal is what the page says about itself (an "Editorial |" label, an
/opinion/ section in the URL). Without it the writing decides: first-person argument and
prescriptive modals point to opinion; attributed reporting ("said", "according to") to news.
The signals are returned with the verdict so a reader can see what decided it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analyzers.article import Article
from analyzers.links import link_or_none
from analyzers.record import Kind

OPINION_LABELS = frozenset(
    """editorial editorials opinion opinions op-ed oped column columns columnist commentary
    comment analysis viewpoint viewpoints perspective perspectives letters essay review
    the big read our view""".split()
)
OPINION_PATH_PARTS = frozenset(
    {
        "opinion",
        "opinions",
        "editorial",
        "editorials",
        "op-ed",
        "oped",
        "comment",
        "commentisfree",
        "columns",
        "columnists",
        "column",
        "commentary",
        "blogs",
        "analysis",
    }
)
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "our", "ours", "us"})
PRESCRIPTIVE = frozenset({"should", "must", "ought", "need", "needs"})
ATTRIBUTION = frozenset({"say", "tell", "announce", "report", "confirm", "add", "state"})
OPINION_THRESHOLD = 2.0
# What the page says of itself outweighs any writing signal against it.
SELF_DESCRIPTION = 4.0
QUOTE_CHARS = '"“”'


@dataclass(frozen=True)
class KindVerdict:
    kind: Kind
    signals: list[str]


def classify_kind(article: Article, doc: Doc) -> KindVerdict:
    signals: list[tuple[float, str]] = [*_self_description(article), *_writing_signals(doc)]
    score = sum(weight for weight, _ in signals)
    kind: Kind = "opinion" if score >= OPINION_THRESHOLD else "news"
    ranked = sorted(signals, key=lambda ws: -abs(ws[0]))
    return KindVerdict(kind, [text for _, text in ranked])


def _self_description(article: Article) -> list[tuple[float, str]]:
    found = []
    for label in article.labels:
        if label.strip().lower() in OPINION_LABELS:
            found.append((SELF_DESCRIPTION, f'labelled "{label.strip()}"'))
    url = article.canonical_url or article.url
    if url:
        link = link_or_none(url)
        parts = {p.lower() for p in link.path.split("/") if p} if link else set()
        section = sorted(parts & OPINION_PATH_PARTS)
        if section:
            found.append((SELF_DESCRIPTION, f"URL section /{section[0]}/"))
    return found


def _writing_signals(doc: Doc) -> list[tuple[float, str]]:
    words = [t for t in doc if t.is_alpha]
    if not words:
        return []
    per_thousand = 1000 / len(words)
    outside = _outside_quotes(doc)
    first_person = sum(t.lower_ in FIRST_PERSON and t.text != "US" for t in outside) * per_thousand
    prescriptive = sum(t.lower_ in PRESCRIPTIVE for t in outside) * per_thousand
    attribution = sum(t.lemma_.lower() in ATTRIBUTION and t.pos_ == "VERB" for t in words)
    attribution += len(re.findall(r"\baccording to\b", doc.text, flags=re.IGNORECASE))
    signals: list[tuple[float, str]] = []
    if first_person >= 8:
        signals.append((1.0, f"first person outside quotes ({first_person:.0f} per 1,000 words)"))
    if prescriptive >= 4:
        signals.append((1.0, f"prescriptive modals ({prescriptive:.0f} per 1,000 words)"))
    if attribution * per_thousand >= 4:
        signals.append((-1.5, f"attributed reporting ({attribution} said/told/according to)"))
    elif attribution == 0:
        signals.append((0.5, "no attributed statements (said, told, according to)"))
    return signals


def _outside_quotes(doc: Doc) -> list[Token]:
    """The words not inside quotation marks: an even number of quote marks precede each in its
    sentence. One pass per sentence, so a sentence of any length costs time in proportion."""
    outside = []
    for sentence in doc.sents:
        quotes = 0
        for token in sentence:
            if token.is_alpha and quotes % 2 == 0:
                outside.append(token)
            quotes += sum(token.text.count(q) for q in QUOTE_CHARS)
    return outside
