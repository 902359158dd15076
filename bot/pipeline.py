"""analyze(source) -> Analysis: the cache first, then fetch, extract and the NLP pipeline.

The spaCy pipeline is loaded on first use, so a cached answer costs neither a fetch nor a
model load. spaCy, trafilatura, the analyzers and the HTTP client are imported on first use
too, because their imports alone take longer than a whole cached answer should
(`newsbot analyze` from a cold process). A link is cached under the link as shared and, once
fetched, under its final and canonical URLs too, so the same article shared through another
link is not analysed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from analyzers.article import Article
from analyzers.budget import TimeBudget
from analyzers.record import Analysis
from analyzers.version import VersionSource, current_version
from bot.sources import HtmlSource, LinkSource, Source, TextSource
from bot.storage.cache import AnalysisCache
from bot.storage.source_keys import source_key, url_key

if TYPE_CHECKING:
    from spacy.language import Language

    from analyzers.ingest.fetch import Fetcher

PASTE_CHARS_PER_ANALYSED_CHAR = 4


class Pipeline:
    def __init__(
        self,
        *,
        make_fetcher: Callable[[], Fetcher],
        cache: AnalysisCache | None,
        load_nlp: Callable[[], Language],
        analyzer_version: VersionSource,
        max_chars: int,
        time_budget: float,
    ) -> None:
        self._make_fetcher = make_fetcher
        self.cache = cache
        self._load_nlp = load_nlp
        self.analyzer_version = analyzer_version
        self.max_chars = max_chars
        self.time_budget = time_budget

    @cached_property
    def fetcher(self) -> Fetcher:
        return self._make_fetcher()

    def close(self) -> None:
        """Close the fetcher, if one was made."""
        if "fetcher" in self.__dict__:
            self.fetcher.close()

    @cached_property
    def nlp(self) -> Language:
        return self._load_nlp()

    @property
    def nlp_loaded(self) -> bool:
        """Whether the models are in memory (readiness), without loading them."""
        return "nlp" in self.__dict__

    def analyze(self, source: Source) -> Analysis:
        keys = [source_key(source)]
        if cached := self._cached(keys):
            return cached
        article = self.extract(source)
        if isinstance(source, LinkSource):
            later = [url_key(u) for u in (article.url, article.canonical_url) if u]
            if cached := self._cached(later):
                self._store([*keys, *later], cached)
                return cached
            keys += later
        from analyzers.nlp.analysis import analyze_article  # noqa: PLC0415 (spaCy: module doc)

        nlp = self.nlp  # first, so that the version names the scorer actually loaded
        analysis = analyze_article(
            nlp,
            article,
            max_chars=self.max_chars,
            analyzer_version=current_version(self.analyzer_version),
            budget=TimeBudget(self.time_budget),
        )
        self._store(keys, analysis)
        return analysis

    def extract(self, source: Source, *, english_only: bool = True) -> Article:
        """The article text and metadata the analysis runs on (also `newsbot extract`, which
        reads pages in any language: ``english_only=False``; pasted text must be English).
        For a link, ``url`` is the address after redirects."""
        from analyzers.ingest.extract import extract_html  # noqa: PLC0415 (trafilatura: module doc)
        from analyzers.ingest.pasted import extract_pasted  # noqa: PLC0415

        match source:
            case LinkSource(url):
                page = self.fetcher.fetch(url)
                return extract_html(page.text(), page.final_url, english_only=english_only)
            case HtmlSource(html, _):
                return extract_html(html, english_only=english_only)
            case TextSource(text, _):
                # Only the first max_chars of the article are analysed; the paste is cut well
                # beyond that, before the line-by-line cleaning, which is linear but not free.
                return extract_pasted(text[: PASTE_CHARS_PER_ANALYSED_CHAR * self.max_chars])

    def _cached(self, keys: list[str]) -> Analysis | None:
        return self.cache.get(keys) if self.cache else None

    def _store(self, keys: list[str], analysis: Analysis) -> None:
        if self.cache:
            self.cache.put(keys, analysis)
