"""spaCy component `newsbot_stance`: how the article portrays each actor, with the evidence.

Every mention of every clustered entity is scored in one batch by a swappable
`MentionScorer` (spaCy registry, ``newsbot.*_scorer.v1``). With the trained model
(`ProbabilisticScorer`), the mention probabilities are aggregated into the entity's stance
(label, score in [-1, 1], confidence) and the evidence sentences are the most decisive
mentions for that label; with the lexicon, the mention polarities are averaged and the
sentences that pushed hardest towards the verdict are kept. The article's overall tone comes
from the lexicon's sentence polarities.

When the configured scorer is a stand-in (the model could not be loaded), the component says
so in ``doc._.newsbot_warnings``, which the Analysis record carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from analyzers.entities import EntityCluster
from analyzers.lexicon import LexiconScorer, load_valences
from analyzers.mention import MentionScorer, ProbabilisticScorer, Probabilities, TargetMention
from analyzers.record import Stance, StanceLabel, Tone

# Polarities within this band of zero are neutral; chosen on NewsMTSC dev-rw (0.03-0.05 score
# alike there), see benchmarks/stance.py.
DEFAULT_NEUTRAL_BAND = 0.04
# A mention's weight in the entity's stance is its decisiveness |P(pos) - P(neg)| plus this
# floor, so that an entity mentioned only in passing still gets the average of its mentions.
DECISIVENESS_FLOOR = 0.05
# Evidence shows the sentence, or for a very long one this much of it either side of the
# target (Slack shows 300 characters of it).
EVIDENCE_CONTEXT_CHARS = 400

T = TypeVar("T")

if not Doc.has_extension("newsbot_tone"):
    Doc.set_extension("newsbot_tone", default=None)
if not Doc.has_extension("newsbot_warnings"):
    Doc.set_extension("newsbot_warnings", default=None)


@Language.factory(
    "newsbot_stance",
    default_config={
        "scorer": {"@misc": "newsbot.lexicon_scorer.v1"},
        "neutral_band": DEFAULT_NEUTRAL_BAND,
        "max_evidence": 2,
        "max_mentions": 200,
        "max_mentions_per_entity": 32,
    },
    requires=["doc._.newsbot_entities"],
    assigns=["doc._.newsbot_tone", "doc._.newsbot_warnings"],
)
def make_stance_annotator(
    nlp: Language,
    name: str,
    *,
    scorer: MentionScorer,
    neutral_band: float,
    max_evidence: int,
    max_mentions: int,
    max_mentions_per_entity: int,
) -> StanceAnnotator:
    return StanceAnnotator(
        scorer,
        neutral_band,
        max_evidence,
        MentionBudget(max_mentions, max_mentions_per_entity),
    )


@dataclass(frozen=True)
class MentionBudget:
    """How many mentions are scored: every one in an ordinary article (the longest of the
    benchmark pages has 121 in all, 26 for one entity), a representative sample in a text
    that names someone thousands of times, so that scoring costs a bounded time."""

    total: int
    per_entity: int

    def allowances(self, sizes: Sequence[int]) -> list[int]:
        """Mentions to score per entity (most salient first): one more to each entity in
        turn while any is left, so that every entity gets a share before any gets many."""
        allowed = [0] * len(sizes)
        left = self.total
        while left > 0:
            grew = False
            for i, size in enumerate(sizes):
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
    def __init__(
        self,
        scorer: MentionScorer,
        neutral_band: float,
        max_evidence: int,
        budget: MentionBudget,
    ) -> None:
        self.scorer = scorer
        self.neutral_band = neutral_band
        self.max_evidence = max_evidence
        self.budget = budget
        self._tone = LexiconScorer(load_valences())
        reason = getattr(scorer, "fallback_reason", None)
        self.warnings: list[str] = [reason] if isinstance(reason, str) else []

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[EntityCluster] = doc._.newsbot_entities or []
        allowances = self.budget.allowances([len(cluster.mentions) for cluster in clusters])
        mentions = [
            (cluster, TargetMention(span.sent, span))
            for cluster, allowed in zip(clusters, allowances, strict=True)
            for span in spread(cluster.mentions, allowed)
        ]
        targets = [mention for _, mention in mentions]
        if isinstance(self.scorer, ProbabilisticScorer):
            probabilities = self.scorer.probabilities(targets)
            for cluster in clusters:
                cluster.stance = self.model_stance(_of(cluster, mentions, probabilities))
        else:
            polarities = self.scorer.score(targets)
            for cluster in clusters:
                cluster.stance = self.entity_stance(_of(cluster, mentions, polarities))
        doc._.newsbot_tone = self.tone(doc)
        if self.warnings:
            doc._.newsbot_warnings = [*(doc._.newsbot_warnings or []), *self.warnings]
        return doc

    def model_stance(self, found: Sequence[tuple[Probabilities, TargetMention]]) -> Stance:
        """Label, score and confidence from the mentions' aggregated class probabilities;
        evidence: the mentions most probably of that label."""
        overall = aggregate([p for p, _ in found])
        label = most_probable(overall)
        confidence = class_probability(overall, label)
        ranked = sorted(found, key=lambda pm: -class_probability(pm[0], label))
        return Stance(
            label,
            round(overall.polarity, 3),
            self.distinct_sentences([m for _, m in ranked]),
            round(confidence, 3),
        )

    def entity_stance(self, scored: Sequence[tuple[float, TargetMention]]) -> Stance:
        score = decisive_mean([p for p, _ in scored])
        label = self.label(score)
        return Stance(label, round(score, 3), self.evidence(scored, label))

    def evidence(
        self, scored: Sequence[tuple[float, TargetMention]], label: StanceLabel
    ) -> list[str]:
        """The distinct sentences that show the verdict best: the strongest in its direction,
        or for a neutral verdict the first and most even-handed mentions."""
        direction = {"positive": -1.0, "negative": 1.0, "neutral": 0.0}[label]
        if direction:
            ranked = sorted(scored, key=lambda pm: direction * pm[0])
        else:
            ranked = sorted(scored, key=lambda pm: abs(pm[0]))
        return self.distinct_sentences([m for _, m in ranked])

    def distinct_sentences(self, ranked: Sequence[TargetMention]) -> list[str]:
        sentences: list[str] = []
        for mention in ranked:
            text = mention.excerpt(EVIDENCE_CONTEXT_CHARS)
            if text not in sentences:
                sentences.append(text)
            if len(sentences) == self.max_evidence:
                break
        return sentences

    def tone(self, doc: Doc) -> Tone:
        polarities = [self._tone.polarity(sentence) for sentence in doc.sents]
        score = fmean(polarities) if polarities else 0.0
        return Tone(self.label(score), round(score, 3))

    def label(self, score: float) -> StanceLabel:
        if score > self.neutral_band:
            return "positive"
        if score < -self.neutral_band:
            return "negative"
        return "neutral"

    # spaCy serialisation hooks: the component holds no trained state of its own.
    def to_disk(self, path: Any, *, exclude: Sequence[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Sequence[str] = ()) -> StanceAnnotator:
        return self


def _of(
    cluster: EntityCluster,
    mentions: Sequence[tuple[EntityCluster, TargetMention]],
    values: Sequence[T],
) -> list[tuple[T, TargetMention]]:
    """The scorer's values for one cluster's mentions (values are in mention order)."""
    return [(v, m) for (c, m), v in zip(mentions, values, strict=True) if c is cluster]


def decisive_mean(polarities: Sequence[float]) -> float:
    """Mean of mention polarities weighted by their strength: a reader remembers the sentences
    that take a side, not the passing mentions, so near-neutral mentions weigh little."""
    weight = sum(abs(p) for p in polarities)
    return sum(p * abs(p) for p in polarities) / weight if weight else 0.0


def aggregate(probabilities: Sequence[Probabilities]) -> Probabilities:
    """Mean of the mention probabilities weighted by decisiveness: as with `decisive_mean`, the
    sentences that take a side count, not the passing mentions."""
    if not probabilities:
        return Probabilities(0.0, 1.0, 0.0)
    weights = [abs(p.polarity) + DECISIVENESS_FLOOR for p in probabilities]
    total = sum(weights)
    return Probabilities(
        sum(w * p.negative for w, p in zip(weights, probabilities, strict=True)) / total,
        sum(w * p.neutral for w, p in zip(weights, probabilities, strict=True)) / total,
        sum(w * p.positive for w, p in zip(weights, probabilities, strict=True)) / total,
    )


def class_probability(probabilities: Probabilities, label: StanceLabel) -> float:
    return float(getattr(probabilities, label))


def most_probable(probabilities: Probabilities) -> StanceLabel:
    """The label of highest probability (ties: neutral, then negative)."""
    order: tuple[StanceLabel, ...] = ("neutral", "negative", "positive")
    return max(order, key=lambda label: class_probability(probabilities, label))
