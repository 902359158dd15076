"""The Analysis record: what newsbot found in one article, as plain JSON-serialisable data.

It is what the cache stores, what renderers read and what `newsbot analyze --json` prints,
so it carries a ``schema_version`` (the shape) and an ``analyzer_version`` (the logic that
filled it). A record of another schema version is refused on load rather than half-read.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

SCHEMA_VERSION = 2  # 2: Stance.confidence

StanceLabel = Literal["positive", "negative", "neutral"]
Kind = Literal["opinion", "analysis", "news"]


class RecordError(ValueError):
    """A stored record cannot be read as an Analysis of this schema version."""


@dataclass(frozen=True)
class Source:
    """Where the article came from and who made it, as the page told (any of it may be
    missing). Stated once: `analyzers.article.Article` extends it with the body text."""

    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Stance:
    label: StanceLabel
    score: float  # -1 critical .. +1 favourable
    evidence: list[str] = field(default_factory=list)
    # The model's probability of ``label`` for the entity (0..1); None from the lexicon scorer,
    # which has no calibrated confidence.
    confidence: float | None = None


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: list[str]
    mentions: int
    salience: float
    stance: Stance


@dataclass(frozen=True)
class Tone:
    label: StanceLabel
    score: float


@dataclass(frozen=True)
class Analysis:
    source: Source
    kind: Kind
    kind_signals: list[str]
    language: str
    word_count: int
    entities: list[Entity]
    tone: Tone
    warnings: list[str]
    analyzer_version: str
    analyzed_at: str
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        if data.get("schema_version") != SCHEMA_VERSION:
            found = data.get("schema_version")
            raise RecordError(f"schema version {found!r} is not {SCHEMA_VERSION}")
        try:
            return cls(
                source=Source(**data["source"]),
                kind=data["kind"],
                kind_signals=list(data["kind_signals"]),
                language=data["language"],
                word_count=int(data["word_count"]),
                entities=[_entity(item) for item in data["entities"]],
                tone=Tone(**data["tone"]),
                warnings=list(data["warnings"]),
                analyzer_version=data["analyzer_version"],
                analyzed_at=data["analyzed_at"],
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise RecordError(f"malformed analysis record: {exc!r}") from exc

    @classmethod
    def from_json(cls, text: str | bytes) -> Analysis:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise RecordError(f"not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise RecordError("not a JSON object")
        return cls.from_dict(data)

    def with_warning(self, warning: str) -> Analysis:
        """A copy carrying one more warning (records are immutable once built)."""
        return replace(self, warnings=[*self.warnings, warning])


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(
        name=data["name"],
        type=data["type"],
        aliases=list(data["aliases"]),
        mentions=int(data["mentions"]),
        salience=float(data["salience"]),
        stance=_stance(data["stance"]),
    )


def _stance(data: dict[str, Any]) -> Stance:
    confidence = data["confidence"]
    return Stance(
        label=data["label"],
        score=float(data["score"]),
        evidence=list(data["evidence"]),
        confidence=None if confidence is None else float(confidence),
    )
