"""Which logic produced a record. Part of every cache key: bump ANALYZER_RELEASE whenever a
change to extraction, entities, stance or kind would change what a record says."""

from __future__ import annotations

ANALYZER_RELEASE = "2026.11.30.2"


def analyzer_version(spacy_model: str, stance_scorer: str) -> str:
    return f"{ANALYZER_RELEASE}/{spacy_model}/{stance_scorer}"
