"""Block Kit rendering stays within Slack's limits whatever the article holds."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from analyzers.record import Analysis, Entity, Kind, Source, Stance
from bot.share import Share
from bot.slack.render_blocks import (
    MAX_BLOCKS,
    MAX_SECTION_CHARS,
    analysis_message,
    home_view,
    trim,
    unfurl_attachment,
)
from bot.slack.render_entity import entity_report
from bot.terminal.render_terminal import render_analysis
from tests.test_record import make_analysis

LONG_SENTENCE = " ".join(["Officials said the <plan> & its costs were unclear"] * 60)


def crowded_analysis() -> Analysis:
    entities = [
        Entity(
            f"Person {i}",
            "PERSON",
            [f"P{i}"],
            60 - i,
            1 - i / 100,
            Stance("negative", -0.5, [LONG_SENTENCE]),
        )
        for i in range(60)
    ]
    return replace(
        make_analysis(),
        entities=entities,
        source=Source(url="https://x.example/a", title="T" * 5000, site="X"),
    )


def section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [str(b["text"]["text"]) for b in blocks if b["type"] == "section"]


def test_a_crowded_analysis_fits_slacks_limits() -> None:
    analysis = replace(make_analysis(), entities=crowded_analysis().entities)
    message = analysis_message(analysis, "https://x.example/a")
    assert len(message.blocks) <= MAX_BLOCKS
    assert all(len(text) <= MAX_SECTION_CHARS for text in section_texts(message.blocks))
    assert message.text.startswith("A headline: news")


def test_evidence_is_trimmed_at_a_word_boundary_and_escaped() -> None:
    message = analysis_message(crowded_analysis(), None)
    quoted = [t for t in section_texts(message.blocks) if "\n> " in t]
    assert quoted
    evidence = quoted[0].split("\n> ", 1)[1]
    assert evidence.endswith("…") and not evidence.endswith(" …")
    assert "&lt;plan&gt; &amp;" in evidence and "<plan>" not in evidence
    assert all(len(t) <= MAX_SECTION_CHARS for t in section_texts(message.blocks))


def test_trim_keeps_short_text_and_cuts_long_text_between_words() -> None:
    assert trim("short", 10) == "short"
    assert trim("one two three four", 12) == "one two…"


def test_unfurl_and_entity_report_and_home_are_valid_json_within_limits() -> None:
    analysis = crowded_analysis()
    shares = [
        Share(
            "C1",
            f"{i}.0",
            1_800_000_000 + i,
            analysis,
            url=f"https://x.example/{i}",
            permalink=f"https://newsroom.slack.com/archives/C1/p{i}",
        )
        for i in range(80)
    ]
    report = entity_report("p3", shares, 7)
    assert "Person 3" in report.text
    home = home_view(shares, [(f"C{i}", i % 2 == 0) for i in range(40)])
    for blocks in (unfurl_attachment(analysis)["blocks"], report.blocks, home["blocks"]):
        assert len(blocks) <= MAX_BLOCKS
        assert all(len(t) <= MAX_SECTION_CHARS for t in section_texts(blocks))
        json.dumps(blocks)


@pytest.mark.parametrize(
    ("kind", "mark"),
    [
        ("opinion", ":speech_balloon: *Opinion*"),
        ("analysis", ":mag: *Analysis*"),
        ("news", ":newspaper: *News*"),
    ],
)
def test_the_kind_is_shown_with_what_decided_it(kind: Kind, mark: str) -> None:
    analysis = replace(make_analysis(), kind=kind, kind_signals=["the byline says Analysis by J"])
    assert f"{mark} (the byline says Analysis by J)" in json.dumps(
        analysis_message(analysis).blocks
    )
    assert f"{kind.upper()}: the byline says" in render_analysis(analysis)
