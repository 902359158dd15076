"""What a stance scorer is asked about: one mention of a target inside its sentence.

Scorers (the lexicon now, a trained model later) implement `MentionScorer`; the stance
component neither knows nor cares which one it was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

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


class MentionScorer(Protocol):
    """Scores how each mention's sentence portrays its target: -1 critical .. +1 favourable."""

    name: str

    def score(self, mentions: Sequence[TargetMention]) -> list[float]: ...
