"""Everything the bot talks to, built once at start-up from the settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from analyzers.nlp.scorer_names import scorer_name
from analyzers.version import analyzer_version
from bot.pipeline import Pipeline
from bot.storage.cache import AnalysisCache
from bot.storage.channel_state import ChannelPrefs, EventLedger
from bot.storage.history import ShareHistory
from bot.storage.redis_store import RedisStore
from bot.storage.replays import SignatureLedger
from bot.storage.store import Store
from config.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from analyzers.ingest.fetch import Fetcher


@dataclass
class Services:
    settings: Settings
    store: Store
    pipeline: Pipeline
    history: ShareHistory
    prefs: ChannelPrefs
    ledger: EventLedger
    signatures: SignatureLedger

    def for_team(self, team_id: str) -> Services:
        """The services of one workspace; one workspace's token mode has only these. (Jobs
        carry their team, so that a multi-workspace install can scope what they touch.)"""
        return self

    def close(self) -> None:
        self.pipeline.close()
        self.store.close()


def build_services(settings: Settings, store: Store | None = None) -> Services:
    """Everything on the Redis the settings name, or on ``store``: tests pass an in-memory
    store, or a Redis store whose breaker's clock they move themselves."""
    store = store or RedisStore.open(settings)
    cache = AnalysisCache(
        store, settings.cache_ttl_seconds, lambda: current_analyzer_version(settings)
    )
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
        make_fetcher=lambda: make_fetcher(settings),
        cache=cache,
        load_nlp=lambda: load_nlp(settings),
        analyzer_version=lambda: current_analyzer_version(settings),
        max_chars=settings.max_text_chars,
        time_budget=settings.analysis_timeout,
    )


def make_fetcher(settings: Settings) -> Fetcher:
    """The HTTP client, imported and built only when a link is fetched: importing httpx alone
    costs a cached answer a third of its time."""
    from analyzers.ingest.fetch import Fetcher  # noqa: PLC0415

    return Fetcher(settings.fetch, user_agent=settings.user_agent, allow_hosts=settings.allow_hosts)


def load_nlp(settings: Settings) -> Language:
    """spaCy and the stance model, imported and loaded only when an analysis needs them."""
    from analyzers.nlp.pipeline import build_nlp  # noqa: PLC0415

    return build_nlp(settings.spacy_model, settings.stance_model)


def current_analyzer_version(settings: Settings) -> str:
    """Names the stance scorer actually used: the model, or the lexicon when it fell back.
    Before the models are loaded, the model the settings point to (read, not loaded)."""
    return analyzer_version(settings.spacy_model, scorer_name(settings.stance_model))
