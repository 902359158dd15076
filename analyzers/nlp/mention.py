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

from analyzers.nlp.furniture import dateline_end
from analyzers.record import StanceLabel


@dataclass(frozen=True)
class TargetMention:
    sentence: Span
    target: Span

    @property
    def target_chars(self) -> tuple[int, int]:
        """The target's character offsets within the sentence text."""
        offset = self.sentence.start_char
        return self.target.start_char - offset, self.target.end_char - offset

    def context(self, max_chars: int) -> tuple[str, int, int]:
        """The sentence cut at spaces to at most ``max_chars`` either side of the target, and
        the target's offsets in it. A "sentence" can run to thousands of words (a list, a
        page without full stops): scorers and readers need only the part around the target."""
        text = self.sentence.text
        start, end = self.target_chars
        low, high = _cut_points(text, start, end, max_chars)
        return text[low:high], start - low, end - low

    def excerpt(self, max_chars: int) -> str:
        """`context` as evidence for a reader: one line, "…" where the sentence was cut, and
        without the dateline a wire story's first sentence opens with ("LONDON (AP) — "):
        a quote is what the piece says, not where it was filed."""
        text, target_start, _ = self.context(max_chars)
        full = self.sentence.text
        opening = full.startswith(text)
        filed = dateline_end(text) if opening else 0
        shown = " ".join(text[filed if filed <= target_start else 0 :].split())
        before = "…" if not opening else ""
        after = "…" if not full.endswith(text) else ""
        return f"{before}{shown}{after}"

    def token_window(self, max_tokens: int) -> Span:
        """The sentence's tokens at most ``max_tokens`` either side of the target."""
        sentence, target = self.sentence, self.target
        start = max(sentence.start, target.start - max_tokens)
        end = min(sentence.end, target.end + max_tokens)
        return sentence.doc[start:end]


def _cut_points(text: str, start: int, end: int, max_chars: int) -> tuple[int, int]:
    """[low, high) holding text[start:end] and at most ``max_chars`` either side, moved
    inwards to the nearest spaces when there are any."""
    low = max(0, start - max_chars)
    if low > 0 and (space := text.find(" ", low, start)) != -1:
        low = space + 1
    high = min(len(text), end + max_chars)
    if high < len(text) and (space := text.rfind(" ", end, high)) != -1:
        high = space
    return low, high


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

    def of(self, label: StanceLabel) -> float:
        """P(``label``)."""
        return float(getattr(self, label))


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
