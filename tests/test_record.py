from __future__ import annotations

import json
from dataclasses import replace

import pytest

from analyzers.article import Article
from analyzers.record import SCHEMA_VERSION, Analysis, Entity, RecordError, Source, Stance, Tone


def make_analysis() -> Analysis:
    return Analysis(
        source=Source(url="https://example.com/a", title="A headline", site="Example"),
        kind="news",
        kind_signals=["attributed reporting (4 said/told/according to)"],
        language="en",
        word_count=420,
        entities=[
            Entity(
                name="Xi Jinping",
                type="PERSON",
                aliases=["President Xi Jinping", "Xi"],
                mentions=4,
                salience=0.8,
                stance=Stance("positive", 0.31, ["Xi praised the talks."], 0.72),
            )
        ],
        tone=Tone("neutral", 0.01),
        warnings=[],
        analyzer_version="test",
        analyzed_at="2026-11-28T12:00:00+00:00",
    )


def test_json_round_trip_keeps_every_field() -> None:
    analysis = make_analysis()
    data = json.loads(analysis.to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["entities"][0]["stance"] == {
        "label": "positive",
        "score": 0.31,
        "evidence": ["Xi praised the talks."],
        "confidence": 0.72,
    }
    assert Analysis.from_json(analysis.to_json()) == analysis


def test_an_analysis_kind_round_trips() -> None:
    analysis = replace(make_analysis(), kind="analysis", kind_signals=["the byline says so"])
    assert Analysis.from_json(analysis.to_json()).kind == "analysis"


def test_a_stance_without_confidence_round_trips() -> None:
    data = make_analysis().to_dict()
    data["entities"][0]["stance"]["confidence"] = None
    analysis = Analysis.from_dict(data)
    assert analysis.entities[0].stance.confidence is None
    assert analysis.to_dict() == data


def test_a_record_of_schema_1_is_refused() -> None:
    data = make_analysis().to_dict()
    data["schema_version"] = 1
    del data["entities"][0]["stance"]["confidence"]
    with pytest.raises(RecordError, match="schema version"):
        Analysis.from_dict(data)


def test_other_schema_versions_are_refused() -> None:
    data = make_analysis().to_dict()
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(RecordError, match="schema version"):
        Analysis.from_dict(data)


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", json.dumps({"schema_version": 1})])
def test_malformed_records_are_refused(payload: str) -> None:
    with pytest.raises(RecordError):
        Analysis.from_json(payload)


def test_with_warning_returns_a_new_record() -> None:
    analysis = make_analysis()
    warned = analysis.with_warning("text truncated")
    assert warned.warnings == ["text truncated"]
    assert analysis.warnings == []


def test_an_article_keeps_only_its_source_in_the_record() -> None:
    """The record's source is the article's page metadata, under the same six keys as ever:
    body text, language and page labels stay out of the stored JSON."""
    page = {
        "url": "https://example.com/a",
        "canonical_url": "https://example.com/a-canonical",
        "title": "A headline",
        "site": "Example",
        "author": "Jane Doe",
        "published": "2026-11-28",
    }
    article = Article(text="Body text.", language="en", labels=("Opinion",), **page)
    source = article.as_source()
    assert type(source) is Source
    assert source == Source(**page)
    data = json.loads(replace(make_analysis(), source=source).to_json())
    assert sorted(data["source"]) == [
        "author",
        "canonical_url",
        "published",
        "site",
        "title",
        "url",
    ]
