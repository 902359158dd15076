"""Opinion or news, and why: the signals an editor would look at, each with a weight.

The strongest signal is what the page says about itself (an "Editorial |" label, an
/opinion/ section in the URL). Without it the writing decides: first-person argument and
prescriptive modals point to opinion; attributed reporting ("said", "according to") to news.
The signals are returned with the verdict so a reader can see what decided it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from spacy.tokens import Doc, Token

from analyzers.article import Article
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
        parts = {p.lower() for p in urlsplit(url).path.split("/") if p}
        section = sorted(parts & OPINION_PATH_PARTS)
        if section:
            found.append((SELF_DESCRIPTION, f"URL section /{section[0]}/"))
    return found


def _writing_signals(doc: Doc) -> list[tuple[float, str]]:
    words = [t for t in doc if t.is_alpha]
    if not words:
        return []
    per_thousand = 1000 / len(words)
    outside = [t for t in words if not _inside_quotes(t)]
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


def _inside_quotes(token: Token) -> bool:
    """Whether an odd number of quote marks precede the token in its sentence."""
    before = token.sent.text[: token.idx - token.sent.start_char]
    return sum(before.count(q) for q in QUOTE_CHARS) % 2 == 1
