"""Everything the bot talks to, built once at start-up from the settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass

import redis

from analyzers.fetch import Fetcher
from analyzers.lexicon import LexiconScorer
from analyzers.nlp import build_nlp
from analyzers.version import analyzer_version
from bot.cache import AnalysisCache, connect
from bot.pipeline import Pipeline
from config.settings import Settings


@dataclass
class Services:
    settings: Settings
    redis: redis.Redis
    pipeline: Pipeline

    def close(self) -> None:
        self.pipeline.fetcher.close()
        self.redis.close()


def build_services(settings: Settings, redis_client: redis.Redis | None = None) -> Services:
    client = redis_client if redis_client is not None else connect(settings)
    version = current_analyzer_version(settings)
    cache = AnalysisCache(client, settings.redis_prefix, settings.cache_ttl_seconds, version)
    return Services(settings, client, build_pipeline(settings, cache))


def build_pipeline(settings: Settings, cache: AnalysisCache | None) -> Pipeline:
    """The analysis pipeline; without a cache for one-off work such as `newsbot extract`."""
    return Pipeline(
        fetcher=Fetcher(settings),
        cache=cache,
        load_nlp=lambda: build_nlp(settings.spacy_model),
        analyzer_version=current_analyzer_version(settings),
        max_chars=settings.max_text_chars,
    )


def current_analyzer_version(settings: Settings) -> str:
    return analyzer_version(settings.spacy_model, LexiconScorer.name)
