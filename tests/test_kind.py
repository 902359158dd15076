from __future__ import annotations

import pytest
from spacy.language import Language

from analyzers.article import Article
from analyzers.kind import classify_kind

pytestmark = pytest.mark.model

NEWS = (
    "The council approved the budget on Tuesday, officials said. "
    "The mayor told reporters the vote was close. According to the clerk, nine members voted yes. "
    "Opponents said they would appeal, a spokesman confirmed."
)
ARGUMENT = (
    "We should stop pretending the budget is fair. I have watched this council for years, "
    "and my patience is gone. The city must fund its libraries, and it must do so now. "
    "We need leaders who listen."
)


def test_a_page_labelled_editorial_is_opinion(nlp: Language) -> None:
    article = Article(text=NEWS, title="Budget vote", labels=("Editorial",))
    verdict = classify_kind(article, nlp(NEWS))
    assert verdict.kind == "opinion"
    assert verdict.signals[0] == 'labelled "Editorial"'


def test_an_opinion_section_in_the_url_is_opinion(nlp: Language) -> None:
    article = Article(text=NEWS, url="https://paper.example/opinion/2026/11/budget")
    assert classify_kind(article, nlp(NEWS)).kind == "opinion"


def test_attributed_reporting_is_news(nlp: Language) -> None:
    verdict = classify_kind(Article(text=NEWS), nlp(NEWS))
    assert verdict.kind == "news"
    assert any("attributed reporting" in s for s in verdict.signals)


def test_first_person_argument_is_opinion_without_any_label(nlp: Language) -> None:
    verdict = classify_kind(Article(text=ARGUMENT), nlp(ARGUMENT))
    assert verdict.kind == "opinion"
    assert any("first person" in s for s in verdict.signals)
    assert any("prescriptive" in s for s in verdict.signals)


def test_first_person_inside_quotes_does_not_count(nlp: Language) -> None:
    quoted = '"I am proud of my team and we will win," the coach said after the game.'
    verdict = classify_kind(Article(text=quoted), nlp(quoted))
    assert not any("first person" in s for s in verdict.signals)
