"""What a stance scorer is asked about: one mention of a target inside its sentence.

Scorers (the lexicon, the trained model) implement `MentionScorer`; the stance component
neither knows nor cares which one it was given. A scorer that also gives class probabilities
(`ProbabilisticScorer`, the model) lets the component aggregate those rather than polarities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from spacy.tokens import Span


@dataclass(frozen=True)
class TargetMention:
    sentence: Span
    target: Span

    @property
    def target_chars(self) -> tuple[int, int]:
        """The target's character offsets within the sentence text."""
        offset = self.sentence.start_char
        return self.target.start_char - offset, self.target.end_char - offset


@dataclass(frozen=True)
class Probabilities:
    """A scorer's class probabilities for one mention (they sum to 1)."""

    negative: float
    neutral: float
    positive: float

    @property
    def polarity(self) -> float:
        """P(positive) - P(negative), in [-1, 1]."""
        return self.positive - self.negative


class MentionScorer(Protocol):
    """Scores how each mention's sentence portrays its target: -1 critical .. +1 favourable."""

    name: str

    def score(self, mentions: Sequence[TargetMention]) -> list[float]: ...


@runtime_checkable
class ProbabilisticScorer(Protocol):
    """A `MentionScorer` that also tells P(negative), P(neutral), P(positive) per mention."""

    name: str

    def score(self, mentions: Sequence[TargetMention]) -> list[float]: ...

    def probabilities(self, mentions: Sequence[TargetMention]) -> list[Probabilities]: ...
