"""One label per entity from its scored mentions: role-weighted, neutral unless it leans."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analyzers.article import Article
from analyzers.nlp.analysis import analyze_article
from analyzers.nlp.mention import Probabilities
from analyzers.nlp.portrayal import ScoredMention, portray
from analyzers.nlp.roles import Role

PASSING = Probabilities(0.05, 0.9, 0.05)
DAMNING = Probabilities(0.9, 0.05, 0.05)
GLOWING = Probabilities(0.05, 0.05, 0.9)


def judged(*found: Probabilities) -> list[ScoredMention]:
    return [ScoredMention(p, Role.JUDGED) for p in found]


def test_no_mentions_is_neutral() -> None:
    assert portray([]).label == "neutral"


def test_consistent_criticism_is_critical() -> None:
    found = portray(judged(DAMNING, DAMNING, PASSING))
    assert found.label == "negative"
    assert found.score < -0.4
    assert 0.5 < found.confidence <= 1.0


def test_one_harsh_sentence_among_neutral_ones_is_not_enough_for_critical() -> None:
    assert portray(judged(DAMNING, PASSING, PASSING, PASSING)).label == "neutral"


def test_one_sentence_is_not_a_portrayal() -> None:
    assert portray(judged(DAMNING)).label == "neutral"
    assert portray(judged(DAMNING, DAMNING)).label == "negative"


def test_mixed_evidence_abstains() -> None:
    assert portray(judged(DAMNING, GLOWING, DAMNING, GLOWING)).label == "neutral"


def test_consistent_praise_is_favourable() -> None:
    assert portray(judged(GLOWING, PASSING, GLOWING)).label == "positive"


def test_a_speakers_angry_words_count_less_than_the_authors() -> None:
    spoken = [ScoredMention(DAMNING, Role.SPEAKER)] * 3
    assert portray(judged(DAMNING, DAMNING, DAMNING)).label == "negative"
    assert portray(spoken).score > portray(judged(DAMNING, DAMNING, DAMNING)).score


def test_what_a_critic_or_a_place_is_near_does_not_count() -> None:
    for role in (Role.JUDGE, Role.SETTING):
        assert portray([ScoredMention(DAMNING, role)] * 3).label == "neutral"


CRITICS_AND_CRITICISED = Article(
    title="Unions condemn Mayor Brown's transit cuts",
    text=(
        "The city's transit unions on Monday condemned Mayor Alice Brown's plan to cut bus "
        "routes, calling it a betrayal of working families.\n"
        "The Transport Workers Union accused Brown of breaking her campaign promises and "
        "misleading voters about the budget.\n"
        "Brown has been widely criticised for the botched rollout, which left thousands of "
        "commuters stranded and cost the city millions.\n"
        "The Transport Workers Union said it would fight the cuts in court."
    ),
)


@pytest.mark.model
def test_the_critic_is_not_labelled_as_criticised(nlp: Language) -> None:
    record = analyze_article(nlp, CRITICS_AND_CRITICISED, max_chars=10_000, analyzer_version="t")
    by_name = {e.name: e for e in record.entities}
    union = next(e for name, e in by_name.items() if "Union" in name)
    brown = next(e for name, e in by_name.items() if "Brown" in name)
    assert union.stance.label != "negative"
    assert brown.stance.label == "negative"
    assert brown.stance.evidence
    assert all("Brown" in sentence for sentence in brown.stance.evidence)
