"""Everything the bot talks to, built once at start-up from the settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass

from analyzers.fetch import Fetcher
from analyzers.nlp import build_nlp
from analyzers.onnx_scorer import stance_scorer_name
from analyzers.version import analyzer_version
from bot.breaker import CircuitBreaker
from bot.cache import AnalysisCache
from bot.channel_state import ChannelPrefs, EventLedger
from bot.history import ShareHistory
from bot.pipeline import Pipeline
from bot.replays import SignatureLedger
from bot.storage import Client, Store, connect
from config.settings import Settings


@dataclass
class Services:
    settings: Settings
    store: Store
    pipeline: Pipeline
    history: ShareHistory
    prefs: ChannelPrefs
    ledger: EventLedger
    signatures: SignatureLedger

    def close(self) -> None:
        self.pipeline.fetcher.close()
        self.store.close()


def build_services(
    settings: Settings, redis_client: Client | None = None, breaker: CircuitBreaker | None = None
) -> Services:
    """``breaker``: for tests that move the breaker's clock themselves."""
    breaker = breaker or CircuitBreaker(settings.redis_cooldown_seconds)
    store = Store(redis_client or connect(settings), settings.redis_prefix, breaker)
    version = current_analyzer_version(settings)
    cache = AnalysisCache(store, settings.cache_ttl_seconds, version)
    return Services(
        settings=settings,
        store=store,
        pipeline=build_pipeline(settings, cache),
        history=ShareHistory(store),
        prefs=ChannelPrefs(store, settings.digest),
        ledger=EventLedger(store),
        signatures=SignatureLedger(store),
    )


def build_pipeline(settings: Settings, cache: AnalysisCache | None) -> Pipeline:
    """The analysis pipeline; without a cache for one-off work such as `newsbot extract`."""
    return Pipeline(
        fetcher=Fetcher(settings),
        cache=cache,
        load_nlp=lambda: build_nlp(settings.spacy_model, settings.stance_model),
        analyzer_version=current_analyzer_version(settings),
        max_chars=settings.max_text_chars,
        time_budget=settings.analysis_timeout,
    )


def current_analyzer_version(settings: Settings) -> str:
    """Names the stance scorer actually used: the model, or the lexicon when it fell back."""
    return analyzer_version(settings.spacy_model, stance_scorer_name(settings.stance_model))
