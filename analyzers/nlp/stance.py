"""spaCy component `newsbot_stance`: how the article portrays each actor, with the evidence.

The mentions of the most salient entities are scored in one batch by a swappable
`MentionScorer` (spaCy registry, ``newsbot.*_scorer.v1``): the trained model gives class
probabilities, the lexicon a polarity. Each mention's role in its sentence
(`analyzers.nlp.roles`: judged, speaker, critic, place...) decides how much of that tone is about
the entity, and `analyzers.nlp.portrayal` turns the mentions into one label per entity, neutral
unless the evidence leans clearly one way. The evidence shown carries the label given. The
article's overall tone comes from the lexicon's sentence polarities.

When the configured scorer is a stand-in (the model could not be loaded), the component says
so in ``doc._.newsbot_warnings``, which the Analysis record carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from analyzers.nlp.entities import EntityCluster
from analyzers.nlp.lexicon import LexiconScorer, load_valences
from analyzers.nlp.mention import MentionScorer, ProbabilisticScorer, Probabilities, TargetMention
from analyzers.nlp.portrayal import (
    UNSCORED_ROLES,
    Cutoffs,
    Portrayal,
    ScoredMention,
    carries,
    cutoffs_for,
    portray,
)
from analyzers.nlp.roles import Role, mention_role
from analyzers.record import Stance, StanceLabel, Tone

# Polarities within this band of zero are neutral; chosen on NewsMTSC dev-rw (0.03-0.05 score
# alike there), see benchmarks/stance.py.
DEFAULT_NEUTRAL_BAND = 0.04
# Evidence shows the sentence, or for a very long one this much of it either side of the
# target (Slack shows 300 characters of it).
EVIDENCE_CONTEXT_CHARS = 400

T = TypeVar("T")

if not Doc.has_extension("newsbot_tone"):
    Doc.set_extension("newsbot_tone", default=None)
if not Doc.has_extension("newsbot_warnings"):
    Doc.set_extension("newsbot_warnings", default=None)
if not Doc.has_extension("newsbot_kind"):
    Doc.set_extension("newsbot_kind", default=None)


@Language.factory(
    "newsbot_stance",
    default_config={
        "scorer": {"@misc": "newsbot.lexicon_scorer.v1"},
        "max_evidence": 2,
        "max_entities": 6,
        "max_mentions": 12,
        "max_mentions_per_entity": 6,
    },
    requires=["doc._.newsbot_entities"],  # and doc._.newsbot_kind when known
    assigns=["doc._.newsbot_tone", "doc._.newsbot_warnings"],
)
def make_stance_annotator(
    nlp: Language,
    name: str,
    *,
    scorer: MentionScorer,
    max_evidence: int,
    max_entities: int,
    max_mentions: int,
    max_mentions_per_entity: int,
) -> StanceAnnotator:
    budget = MentionBudget(max_entities, max_mentions, max_mentions_per_entity)
    return StanceAnnotator(scorer, max_evidence, budget)


@dataclass(frozen=True)
class MentionBudget:
    """Which mentions are scored: the model costs about 10 ms a mention, as much as spaCy's
    whole parse of a paragraph. Only the entities a reader is shown first (the reply shows 6;
    the rest are reported neutral, without evidence), and for each at most ``per_entity``
    mentions spread over the article: the portrayal is a mean, which a sample estimates about
    as well as the whole (PerSenT dev macro-F1 0.523 with 3 mentions, 0.516 with 12). Every
    entity gets a share before any gets more, so the main actor gets what the others leave.
    ``total`` bounds a text that names many people many times."""

    entities: int
    total: int
    per_entity: int

    def allowances(self, sizes: Sequence[int]) -> list[int]:
        """Mentions to score per entity (most salient first): one more to each entity in
        turn while any is left, so that every entity gets a share before any gets many."""
        allowed = [0] * len(sizes)
        left = self.total
        while left > 0:
            grew = False
            for i, size in enumerate(sizes[: self.entities]):
                if left > 0 and allowed[i] < min(size, self.per_entity):
                    allowed[i] += 1
                    left -= 1
                    grew = True
            if not grew:
                break
        return allowed


def spread(spans: Sequence[T], count: int) -> list[T]:
    """``count`` of ``spans`` evenly spaced from the first to the last (all when fewer)."""
    if count >= len(spans):
        return list(spans)
    if count <= 1:
        return list(spans[:count])
    return [spans[round(i * (len(spans) - 1) / (count - 1))] for i in range(count)]


class StanceAnnotator:
    def __init__(self, scorer: MentionScorer, max_evidence: int, budget: MentionBudget) -> None:
        self.scorer = scorer
        self.max_evidence = max_evidence
        self.budget = budget
        self._tone = LexiconScorer(load_valences())
        reason = getattr(scorer, "fallback_reason", None)
        self.warnings: list[str] = [reason] if isinstance(reason, str) else []

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[EntityCluster] = doc._.newsbot_entities or []
        cutoffs = cutoffs_for(doc._.newsbot_kind)
        found = self.scored_mentions(clusters, cutoffs.min_mentions)
        for cluster in clusters:
            own = [(s, m) for c, m, s in found if c is cluster]
            cluster.scored = [scored for scored, _ in own]
            cluster.stance = self.stance(own, cutoffs)
        doc._.newsbot_tone = self.tone(doc)
        if self.warnings:
            doc._.newsbot_warnings = [*(doc._.newsbot_warnings or []), *self.warnings]
        return doc

    def scored_mentions(
        self, clusters: Sequence[EntityCluster], min_mentions: int
    ) -> list[tuple[EntityCluster, TargetMention, ScoredMention]]:
        """Each cluster's mentions within the budget, in roles whose tone can be about it,
        scored in one batch. A cluster with fewer such mentions than a label needs is not
        scored: its label is neutral whatever they say. Roles are read only for the clusters
        the budget can score."""
        shown = clusters[: self.budget.entities]
        judged = [_judgeable(cluster) for cluster in shown]
        judged = [found if len(found) >= min_mentions else [] for found in judged]
        allowances = self.budget.allowances([len(found) for found in judged])
        chosen = [
            (cluster, TargetMention(span.sent, span), role)
            for cluster, found, allowed in zip(shown, judged, allowances, strict=True)
            for span, role in spread(found, allowed)
        ]
        probabilities = self.probabilities([mention for _, mention, _ in chosen])
        return [
            (cluster, mention, ScoredMention(p, role))
            for (cluster, mention, role), p in zip(chosen, probabilities, strict=True)
        ]

    def probabilities(self, mentions: Sequence[TargetMention]) -> list[Probabilities]:
        """The model's class probabilities; a lexicon polarity p read as P(positive) = p or
        P(negative) = -p, the rest neutral."""
        if isinstance(self.scorer, ProbabilisticScorer):
            return self.scorer.probabilities(mentions)
        return [
            Probabilities(max(0.0, -p), 1.0 - abs(p), max(0.0, p))
            for p in self.scorer.score(mentions)
        ]

    def stance(
        self, found: Sequence[tuple[ScoredMention, TargetMention]], cutoffs: Cutoffs
    ) -> Stance:
        """The entity's portrayal, with the sentences that carry its label for it (neutral,
        with no evidence and no confidence, when nothing about it was scored)."""
        if not found:
            return Stance("neutral", 0.0)
        portrayal = portray([scored for scored, _ in found], cutoffs)
        calibrated = isinstance(self.scorer, ProbabilisticScorer)
        return Stance(
            portrayal.label,
            portrayal.score,
            self.evidence(found, portrayal),
            portrayal.confidence if calibrated else None,
        )

    def evidence(
        self, found: Sequence[tuple[ScoredMention, TargetMention]], portrayal: Portrayal
    ) -> list[str]:
        """The distinct sentences that show the label best, among the mentions that lean
        that way for the entity (for a neutral label: the least polar ones)."""
        label = portrayal.label
        showing = [(s, m) for s, m in found if leans(s, label)]
        ranked = sorted(showing, key=lambda sm: -carries(sm[0], label))
        sentences: list[str] = []
        for _, mention in ranked:
            text = mention.excerpt(EVIDENCE_CONTEXT_CHARS)
            if text not in sentences:
                sentences.append(text)
            if len(sentences) == self.max_evidence:
                break
        return sentences

    def tone(self, doc: Doc) -> Tone:
        polarities = [self._tone.polarity(sentence) for sentence in doc.sents]
        score = fmean(polarities) if polarities else 0.0
        return Tone(polarity_label(score), round(score, 3))

    # spaCy serialisation hooks: the component holds no trained state of its own.
    def to_disk(self, path: Any, *, exclude: Sequence[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Sequence[str] = ()) -> StanceAnnotator:
        return self


def _judgeable(cluster: EntityCluster) -> list[tuple[Span, Role]]:
    """The cluster's mentions in roles whose tone can be about it, with the role."""
    return [
        (span, role)
        for span in cluster.mentions
        if (role := mention_role(span, cluster.type)) not in UNSCORED_ROLES
    ]


def leans(mention: ScoredMention, label: StanceLabel) -> bool:
    """Whether the mention, about the entity, shows ``label``: more of that side than of
    the other, or for neutral, neither side more than neutral."""
    view = mention.about_entity
    if label == "positive":
        return view.positive > view.negative
    if label == "negative":
        return view.negative > view.positive
    return view.neutral >= max(view.positive, view.negative)


def polarity_label(score: float, neutral_band: float = DEFAULT_NEUTRAL_BAND) -> StanceLabel:
    """A polarity (the article's tone, a lexicon score) as a label: neutral within the band."""
    if score > neutral_band:
        return "positive"
    if score < -neutral_band:
        return "negative"
    return "neutral"


def most_probable(probabilities: Probabilities) -> StanceLabel:
    """The label of highest probability (ties: neutral, then negative)."""
    order: tuple[StanceLabel, ...] = ("neutral", "negative", "positive")
    return max(order, key=probabilities.of)
