"""One piece of evidence about what kind of piece an article is, in words an editor reads."""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.record import Kind

# What the page says of itself (a section, a JSON-LD type, a headline or byline label, a
# columnist's bio or an opinion disclaimer): decisive, whatever the writing says.
STRONG = 4.0
# Enough alone to decide (the decision threshold is 2.0), but undone by one strong signal.
MEDIUM = 2.0
# One trait of the writing ("I", "should", verdicts): several together make an argument.
WEAK = 1.0


@dataclass(frozen=True)
class Cue:
    """``weight`` points towards ``kind``; a "news" cue counts against opinion."""

    kind: Kind
    weight: float
    reason: str
