"""Opinion, analysis or news, and why: the cues an editor would look at, each with a weight.

Three kinds because editors treat them differently: opinion argues a side (editorials,
columns, reviews, op-eds); analysis is a reporter explaining or weighing the news
(labelled analysis, explainers, fact checks); news reports it. What the page says about
itself decides first (its labels, the kicker over the headline, a columnist's byline or
disclaimer); the URL is a weak signal; otherwise the writing decides between opinion and
news (the writer's "I", "should", verdicts, against "said" and quotations). The writing alone
never makes a piece analysis: explanatory reporting reads like news unless it is labelled.
The cues come back with the verdict, those that decided it first, so a reader sees why.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from analyzers.article import Article
from analyzers.nlp.cue import STRONG, Cue
from analyzers.nlp.genre_cues import page_cues
from analyzers.nlp.writing_cues import writing_cues
from analyzers.record import Kind

THRESHOLD = 2.0
NOTHING_ELSE = "no opinion or analysis label, and too little argument in the writing"


@dataclass(frozen=True)
class KindVerdict:
    kind: Kind
    signals: list[str]


def classify_kind(article: Article, doc: Doc) -> KindVerdict:
    cues = [*page_cues(article), *writing_cues(doc)]
    kind = decide(cues)
    return KindVerdict(kind, explain(kind, cues))


def decide(cues: list[Cue]) -> Kind:
    """What the page declares (a label, a kicker, a columnist) decides: opinion over analysis
    when it declares both. Otherwise opinion when its cues, less the news cues, reach the
    threshold and outweigh analysis; else analysis when its cues reach it; else news. News
    cues count only against opinion: an analysis quotes and attributes as a news story does."""
    declared = [c for c in cues if c.weight >= STRONG and c.kind != "news"]
    if declared:
        return "opinion" if any(c.kind == "opinion" for c in declared) else "analysis"
    opinion = _total(cues, "opinion") - _total(cues, "news")
    analysis = _total(cues, "analysis")
    if opinion >= THRESHOLD and opinion >= analysis:
        return "opinion"
    if analysis >= THRESHOLD:
        return "analysis"
    return "news"


def explain(kind: Kind, cues: list[Cue]) -> list[str]:
    """The cues for ``kind`` first, strongest first; then those against it, marked as
    outweighed (reporting cues are not against analysis, which reports too)."""
    for_kind = sorted((c for c in cues if c.kind == kind), key=lambda c: -c.weight)
    against = [c for c in cues if c.kind != kind and (kind, c.kind) != ("analysis", "news")]
    others = sorted(against, key=lambda c: -c.weight)
    reasons = [c.reason for c in for_kind] or ([NOTHING_ELSE] if kind == "news" else [])
    return reasons + [f"outweighed: {c.reason}" for c in others]


def _total(cues: list[Cue], kind: Kind) -> float:
    return sum(c.weight for c in cues if c.kind == kind)
