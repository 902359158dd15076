"""analyze(): cache, fetch, extract and NLP together, over loopback pages and a real Redis."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from pydantic import SecretStr
from spacy.language import Language

from analyzers.errors import RefusedAddress
from bot.services import Services, build_services
from bot.sources import LinkSource, TextSource
from config.settings import Settings
from tests.fakes.articles import STORY_TEXT, STORY_TITLE, news_page
from tests.fakes.web_pages import PageServer

pytestmark = pytest.mark.model


@pytest.fixture
def services(settings: Settings, page_server: PageServer, nlp: Language) -> Iterator[Services]:
    allowed = settings.model_copy(update={"allow_hosts": frozenset({page_server.host_port})})
    built = build_services(allowed)
    built.pipeline.nlp = nlp  # the session's pipeline: loading it per test is slow
    yield built
    built.close()


def no_nlp() -> Language:
    raise AssertionError("the NLP pipeline was loaded for a cached answer")


def test_a_shared_link_is_fetched_analysed_and_then_served_from_cache(
    services: Services, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood-plan", news_page())
    first = services.pipeline.analyze(LinkSource(url + "?utm_source=slack"))
    assert first.source.title == STORY_TITLE
    names = [e.name for e in first.entities]
    assert {"Port Alder", "Tom Okafor", "Harbour Business Association"} <= set(names)

    fresh = build_services(services.settings)  # another process: no pipeline loaded
    fresh.pipeline._load_nlp = no_nlp
    again = fresh.pipeline.analyze(LinkSource(url + "#comments"))
    fresh.close()
    assert again == first
    assert len(page_server.requests_for("/news/flood-plan")) == 1


def test_another_link_to_the_same_article_reuses_the_analysis(
    services: Services, page_server: PageServer
) -> None:
    canonical = page_server.url("/news/flood-plan")
    page_server.add("/news/flood-plan", news_page(canonical=canonical))
    page_server.add("/amp/flood-plan", news_page(canonical=canonical))
    first = services.pipeline.analyze(LinkSource(canonical))
    services.pipeline._load_nlp = no_nlp
    del services.pipeline.nlp
    second = services.pipeline.analyze(LinkSource(page_server.url("/amp/flood-plan")))
    assert second == first
    assert len(page_server.requests_for("/amp/flood-plan")) == 1


def test_pasted_text_is_cached_by_its_words(services: Services) -> None:
    text = f"{STORY_TITLE}\n\n{STORY_TEXT}"
    first = services.pipeline.analyze(TextSource(text, "stdin"))
    services.pipeline._load_nlp = no_nlp
    del services.pipeline.nlp
    respaced = services.pipeline.analyze(TextSource(text.replace("\n", "\n\n  "), "stdin"))
    assert respaced == first


def test_a_long_text_is_truncated_with_a_warning(services: Services) -> None:
    services.pipeline.max_chars = 200
    analysis = services.pipeline.analyze(TextSource(f"{STORY_TITLE}\n\n{STORY_TEXT}", "stdin"))
    assert analysis.warnings and analysis.warnings[0].startswith("text truncated")


def test_analysis_works_while_redis_is_down(
    settings: Settings, nlp: Language, caplog: pytest.LogCaptureFixture
) -> None:
    nobody_listens = settings.model_copy(update={"redis_url": SecretStr("redis://127.0.0.1:1/0")})
    services = build_services(nobody_listens)
    services.pipeline.nlp = nlp
    with caplog.at_level(logging.WARNING, logger="bot.storage.redis_store"):
        analysis = services.pipeline.analyze(TextSource(f"{STORY_TITLE}\n\n{STORY_TEXT}", "-"))
    services.close()
    assert analysis.entities
    assert any("Redis unavailable" in r.message for r in caplog.records)


def test_a_link_to_an_internal_address_is_refused_before_any_request(
    settings: Settings, page_server: PageServer
) -> None:
    url = page_server.add("/internal", news_page())
    services = build_services(settings)  # no allow-list: loopback is internal
    with pytest.raises(RefusedAddress):
        services.pipeline.analyze(LinkSource(url))
    services.close()
    assert page_server.requests == ()
