"""The analysis cache: records by source key, as JSON, under the analyzer version.

A new release never serves a record made by older logic, because the version is part of every
key. Redis is a speed-up here, not a dependency: while it is down, lookups miss and writes are
skipped (the store logs the outage), and caching resumes by itself when it is back.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from analyzers.record import Analysis, RecordError
from analyzers.version import VersionSource, current_version
from bot.storage.store import Store, StoreUnavailable

log = logging.getLogger(__name__)


class AnalysisCache:
    """Analysis records by source key ("url:<normalised url>", "text:<hash>"...)."""

    def __init__(self, store: Store, ttl_seconds: int, analyzer_version: VersionSource) -> None:
        self._store = store
        self._version = analyzer_version
        self._ttl = ttl_seconds

    def get(self, keys: Sequence[str]) -> Analysis | None:
        """The first cached record under any of ``keys``; None on a miss or when Redis is down."""
        try:
            stored = self._store.get_many([self._key(k) for k in keys])
        except StoreUnavailable:
            return None
        for raw in stored:
            if raw is None:
                continue
            try:
                return Analysis.from_json(raw)
            except RecordError as exc:
                log.warning("ignoring unreadable cached analysis: %s", exc)
        return None

    def put(self, keys: Sequence[str], analysis: Analysis) -> bool:
        """Store ``analysis`` under every key with the TTL; False when Redis is down."""
        payload = analysis.to_json()
        try:
            self._store.set_many({self._key(k): payload for k in keys}, self._ttl)
        except StoreUnavailable:
            return False
        return True

    def _key(self, source_key: str) -> str:
        """The version is read at each call: once the models are loaded, records go under the
        scorer actually used (the lexicon, if the stance model failed to load)."""
        digest = hashlib.sha256(source_key.encode("utf-8")).hexdigest()[:32]
        return f"analysis:{current_version(self._version)}:{digest}"
