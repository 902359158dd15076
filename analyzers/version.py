"""Which logic produced a record. Part of every cache key: bump ANALYZER_RELEASE whenever a
change to extraction, entities, stance or kind would change what a record says."""

from __future__ import annotations

from collections.abc import Callable

ANALYZER_RELEASE = "2026.11.30.10"


def analyzer_version(spacy_model: str, stance_scorer: str) -> str:
    return f"{ANALYZER_RELEASE}/{spacy_model}/{stance_scorer}"


# A version known up front, or one asked for each time: before the models are loaded the
# stance scorer is only expected, and once loaded it may have fallen back to the lexicon.
VersionSource = str | Callable[[], str]


def current_version(version: VersionSource) -> str:
    return version if isinstance(version, str) else version()
