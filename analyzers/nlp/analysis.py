"""From an extracted article to the Analysis record: compose the text spaCy reads, run the
pipeline, and copy what the components found into plain, versioned data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from spacy.language import Language
from spacy.tokens import Doc

from analyzers.article import Article
from analyzers.budget import TimeBudget
from analyzers.nlp.entities import EntityCluster
from analyzers.nlp.furniture import set_page_identity
from analyzers.nlp.kind import KindVerdict, classify_kind
from analyzers.record import Analysis, Entity, Stance, Tone

STANCE_COMPONENT = "newsbot_stance"
HEADLINE_SEPARATOR = "\n\n"


def analyze_article(
    nlp: Language,
    article: Article,
    *,
    max_chars: int,
    analyzer_version: str,
    budget: TimeBudget | None = None,
) -> Analysis:
    """Run the pipeline over headline and body; a body over ``max_chars`` is cut, with a
    warning. With a ``budget``, AnalysisTimeout ends the run once it is spent."""
    body, warnings = _bounded(article.text, max_chars)
    doc, verdict = analysed_doc(nlp, article, body, budget)
    tone: Tone = doc._.newsbot_tone
    return Analysis(
        source=article.as_source(),
        kind=verdict.kind,
        kind_signals=verdict.signals,
        language=article.language or "en",
        word_count=len(article.text.split()),
        entities=[_entity(cluster) for cluster in doc._.newsbot_entities],
        tone=tone,
        warnings=[*warnings, *(doc._.newsbot_warnings or [])],
        analyzer_version=analyzer_version,
        analyzed_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def analysed_doc(
    nlp: Language, article: Article, body: str, budget: TimeBudget | None = None
) -> tuple[Doc, KindVerdict]:
    """The Doc after the whole pipeline, and the article's kind, decided before stance: the
    stance component reads whose voice the text is from ``doc._.newsbot_kind``."""
    before_stance, from_stance = _split(nlp, STANCE_COMPONENT)
    doc = _run(before_stance, article_doc(nlp, article, body), budget)
    verdict = classify_kind(article, doc)
    doc._.newsbot_kind = verdict.kind
    return _run(from_stance, doc, budget), verdict


Components = list[tuple[str, Callable[[Doc], Doc]]]


def _split(nlp: Language, name: str) -> tuple[Components, Components]:
    """The pipeline before component ``name`` and from it on (all before when absent)."""
    names = nlp.pipe_names
    at = names.index(name) if name in names else len(names)
    return nlp.pipeline[:at], nlp.pipeline[at:]


def _run(components: Components, doc: Doc, budget: TimeBudget | None) -> Doc:
    """The pipeline's ``components`` over ``doc`` one at a time, checking the budget after
    each."""
    for _, component in components:
        doc = component(doc)
        if budget is not None:
            budget.check()
    return doc


def _bounded(text: str, max_chars: int) -> tuple[str, list[str]]:
    if len(text) <= max_chars:
        return text, []
    cut = text.rfind(" ", 0, max_chars)
    kept = text[: cut if cut > 0 else max_chars]
    return kept, [f"text truncated: analysed the first {len(kept):,} of {len(text):,} characters"]


def article_doc(nlp: Language, article: Article, body: str) -> Doc:
    """The tokenised Doc the pipeline runs over. The headline leads it (salience counts
    headline mentions); the entity component is told where it ends through
    ``doc._.headline_chars``, and who published and wrote the piece (names it must not
    report as actors) through `set_page_identity`."""
    headline = (article.title or "").strip()
    text = f"{headline}{HEADLINE_SEPARATOR}{body}" if headline else body
    doc = nlp.make_doc(text)
    doc._.headline_chars = len(headline)
    urls = [url for url in (article.url, article.canonical_url) if url]
    set_page_identity(doc, article.site, article.author, urls)
    return doc


def _entity(cluster: EntityCluster) -> Entity:
    return Entity(
        name=cluster.name,
        type=cluster.type,
        aliases=cluster.aliases,
        mentions=len(cluster.mentions),
        salience=cluster.salience,
        stance=cluster.stance or Stance("neutral", 0.0),
    )
