"""Everything the bot talks to, built once at start-up from the settings and passed down; in
multi-workspace mode, a view of them per workspace (`Services.for_team`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
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
from bot.storage.team_store import TeamStore, team_prefix
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
    team_id: str | None = None  # whose view this is; None: the shared services
    teams: TeamViews | None = field(default=None, repr=False, compare=False)

    def for_team(self, team_id: str | None) -> Services:
        """The services of one workspace: its share history, channel settings and ledgers
        under its own keys (`bot.storage.team_store`). Built once per team and kept.

        Single-workspace mode (no OAuth) keeps today's unscoped keys, so a newsroom's existing
        data stays readable: this returns the services themselves. So does a request without
        a team id (none of Slack's requests to a workspace app lacks one)."""
        if self.teams is None or not team_id:
            return self
        return self.teams.get(team_id)

    def forget_team(self, team_id: str) -> int:
        """Delete every key of the workspace (it uninstalled newsbot); how many went."""
        if self.teams is None:
            return 0
        return self.teams.forget(team_id)

    def close(self) -> None:
        """Close what these services own: a team's view owns nothing of its own."""
        if self.team_id is None:
            self.pipeline.close()
            self.store.close()


class TeamViews:
    """Each workspace's services, made on first use. What they share with the root services:
    the pipeline, and with it the analysis cache, since an analysis of a public page is the
    same whoever shares it, and sharing it spares a second workspace the fetch and the model
    (a pasted text's record is keyed by a hash of the whole text, so a workspace reaches it
    only by pasting that very text); the signature ledger, which checks a request before its
    team is known. What they never share: the history, the prefs and the event ledger."""

    def __init__(self, root: Services) -> None:
        self._root = root
        self._lock = threading.Lock()
        self._views: dict[str, Services] = {}

    def get(self, team_id: str) -> Services:
        with self._lock:
            view = self._views.get(team_id)
            if view is None:
                view = self._views[team_id] = self._build(team_id)
            return view

    def forget(self, team_id: str) -> int:
        with self._lock:
            self._views.pop(team_id, None)
        return self._root.store.delete_prefixed(team_prefix(team_id))

    def _build(self, team_id: str) -> Services:
        root = self._root
        store = TeamStore(root.store, team_id)
        return replace(
            root,
            store=store,
            history=ShareHistory(store),
            prefs=ChannelPrefs(store, root.settings.digest),
            ledger=EventLedger(store),
            team_id=team_id,
        )


def build_services(settings: Settings, store: Store | None = None) -> Services:
    """Everything on the Redis the settings name, or on ``store``: tests pass an in-memory
    store, or a Redis store whose breaker's clock they move themselves."""
    store = store or RedisStore.open(settings)
    cache = AnalysisCache(
        store, settings.cache_ttl_seconds, lambda: current_analyzer_version(settings)
    )
    services = Services(
        settings=settings,
        store=store,
        pipeline=build_pipeline(settings, cache),
        history=ShareHistory(store),
        prefs=ChannelPrefs(store, settings.digest),
        ledger=EventLedger(store),
        signatures=SignatureLedger(store),
    )
    if settings.slack.multi_workspace:
        services.teams = TeamViews(services)
    return services


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

    return build_nlp(settings.spacy_model, settings.stance_model, settings.model_threads)


def current_analyzer_version(settings: Settings) -> str:
    """Names the stance scorer actually used: the model, or the lexicon when it fell back.
    Before the models are loaded, the model the settings point to (read, not loaded)."""
    return analyzer_version(settings.spacy_model, scorer_name(settings.stance_model))
