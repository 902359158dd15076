"""spaCy component `newsbot_stance`: how the article portrays each actor, with the evidence.

Every mention of every clustered entity is scored in one batch by a swappable
`MentionScorer` (spaCy registry, ``newsbot.*_scorer.v1``); the mention polarities are averaged
into the entity's stance, and the sentences that pushed hardest towards that verdict are kept
as evidence an editor can check. The article's overall tone comes from the same scorer's
sentence polarities.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from analyzers.entities import EntityCluster
from analyzers.lexicon import LexiconScorer, load_valences
from analyzers.mention import MentionScorer, TargetMention
from analyzers.record import Stance, StanceLabel, Tone

# Polarities within this band of zero are neutral; chosen on NewsMTSC dev-rw (0.03-0.05 score
# alike there), see benchmarks/stance.py.
DEFAULT_NEUTRAL_BAND = 0.04

if not Doc.has_extension("newsbot_tone"):
    Doc.set_extension("newsbot_tone", default=None)


@Language.factory(
    "newsbot_stance",
    default_config={
        "scorer": {"@misc": "newsbot.lexicon_scorer.v1"},
        "neutral_band": DEFAULT_NEUTRAL_BAND,
        "max_evidence": 2,
    },
    requires=["doc._.newsbot_entities"],
    assigns=["doc._.newsbot_tone"],
)
def make_stance_annotator(
    nlp: Language, name: str, scorer: MentionScorer, neutral_band: float, max_evidence: int
) -> StanceAnnotator:
    return StanceAnnotator(scorer, neutral_band, max_evidence)


class StanceAnnotator:
    def __init__(self, scorer: MentionScorer, neutral_band: float, max_evidence: int) -> None:
        self.scorer = scorer
        self.neutral_band = neutral_band
        self.max_evidence = max_evidence
        self._tone = LexiconScorer(load_valences())

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[EntityCluster] = doc._.newsbot_entities or []
        mentions = [
            (cluster, TargetMention(span.sent, span))
            for cluster in clusters
            for span in cluster.mentions
        ]
        polarities = self.scorer.score([mention for _, mention in mentions])
        for cluster in clusters:
            scored = [
                (p, m) for (c, m), p in zip(mentions, polarities, strict=True) if c is cluster
            ]
            cluster.stance = self.entity_stance(scored)
        doc._.newsbot_tone = self.tone(doc)
        return doc

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
        sentences: list[str] = []
        for _, mention in ranked:
            text = " ".join(mention.sentence.text.split())
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


def decisive_mean(polarities: Sequence[float]) -> float:
    """Mean of mention polarities weighted by their strength: a reader remembers the sentences
    that take a side, not the passing mentions, so near-neutral mentions weigh little."""
    weight = sum(abs(p) for p in polarities)
    return sum(p * abs(p) for p in polarities) / weight if weight else 0.0
