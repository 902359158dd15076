"""Opinion, analysis or news: each cue alone, and the weak ones losing to the writing."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analyzers.article import Article
from analyzers.nlp.kind import NOTHING_ELSE, KindVerdict, classify_kind
from analyzers.record import Kind

pytestmark = pytest.mark.model

NEWS = (
    "The council approved the budget on Tuesday, officials said. "
    "The mayor told reporters the vote was close. According to the clerk, nine members voted yes "
    "and four voted no after a debate that lasted most of the afternoon. "
    "Opponents said they would appeal, a spokesman confirmed. The budget takes effect in January, "
    "and the finance department said it would publish the spending tables next week."
)
ARGUMENT = (
    "We should stop pretending the budget is fair. I have watched this council for years, "
    "and my patience is gone. The city must fund its libraries, and it must do so now. "
    "I do not believe a single member has read the spending tables. My neighbours deserve "
    "better, and I suspect they know it. We need leaders who listen, and I will keep saying so "
    "until the council finally does the obvious thing."
)
PLAIN = (
    "The budget covers roads, schools and libraries for the coming year. Spending on roads "
    "rises by four per cent, schools receive the same as last year and the libraries lose two "
    "branches. The council meets again in March to set the rates for water and waste "
    "collection, which are charged separately from the property tax in this city."
)


def verdict(nlp: Language, text: str = NEWS, **fields: object) -> KindVerdict:
    article = Article(text=text, **fields)  # type: ignore[arg-type]
    return classify_kind(article, nlp(f"{article.title or ''}\n\n{text}"))


# What the page says about itself -----------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Editorial", "opinion"),
        ("Opinion", "opinion"),
        ("Review", "opinion"),
        ("Letters to the editor", "opinion"),
        ("Analysis", "analysis"),
        ("News Analysis", "analysis"),
        ("Fact check", "analysis"),
        ("Explainers", "analysis"),
    ],
)
def test_a_genre_label_of_the_page_decides_over_the_writing(
    nlp: Language, label: str, kind: Kind
) -> None:
    found = verdict(nlp, NEWS, labels=(label,))
    assert found.kind == kind
    assert found.signals[0] == f'the page labels itself "{label}"'
    assert any(s.startswith("outweighed: attributed reporting") for s in found.signals) == (
        kind == "opinion"
    )


def test_a_topic_label_that_contains_a_genre_word_is_not_one(nlp: Language) -> None:
    assert verdict(nlp, NEWS, labels=("Opinion polls", "Book reviews of 2026")).kind == "news"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Editorial: The council fails its libraries", "opinion"),
        ("Opinion | The council fails its libraries", "opinion"),
        ("Review: a budget without a plot", "opinion"),
        ("Column - Why I stopped going to council meetings", "opinion"),
        ("Analysis: What the budget vote tells us", "analysis"),
        ("ANALYSIS The council's quiet retreat", "analysis"),
        ("Explainer: How the city budget works", "analysis"),
        ("FACTBOX - Who sits on the budget committee", "analysis"),
        ("The Courier view on the budget: a missed chance", "opinion"),
        ("Analysis shows the budget is short", "news"),
        ("Review by Ofcom finds failings in budget coverage", "news"),
        ("The mayor's view prevails in the budget vote", "news"),
        ("Opinion polls show the council divided", "news"),
        ("Review finds council broke its own rules", "news"),
        ("Analysts split over the budget", "news"),
    ],
)
def test_a_genre_label_in_the_headline(nlp: Language, title: str, kind: Kind) -> None:
    found = verdict(nlp, NEWS, title=title)
    assert found.kind == kind
    assert found.signals[0].startswith("the headline") == (kind != "news")


def test_an_analysis_kicker_over_the_text_is_analysis(nlp: Language) -> None:
    found = verdict(nlp, f"Analysis by Jane Doe, City Hall reporter\n{NEWS}")
    assert found.kind == "analysis"
    assert (
        found.signals[0]
        == 'the kicker over the text says "Analysis by Jane Doe, City Hall reporter"'
    )


def test_an_analysis_byline_is_analysis(nlp: Language) -> None:
    found = verdict(nlp, NEWS, author="Analysis by Jane Doe")
    assert found.kind == "analysis"
    assert "byline" in found.signals[0]


def test_a_sentence_opening_with_a_genre_word_is_no_kicker(nlp: Language) -> None:
    text = f"Background: the council has argued over its libraries for years, aides said.\n{NEWS}"
    assert verdict(nlp, text).kind == "news"


def test_an_explainer_headline_is_analysis(nlp: Language) -> None:
    found = verdict(nlp, NEWS, title="The city budget vote: what it means for your rates")
    assert found.kind == "analysis"
    assert "explanation" in found.signals[0]


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"author": "Jane Doe, Columnist"}, NEWS),
        ({}, f"{NEWS}\nJane Doe is a weekly columnist for The Example Courier."),
        ({}, f"{NEWS}\nThe views expressed in this article are the author's own."),
    ],
)
def test_a_signed_column_is_opinion(nlp: Language, fields: dict[str, str], text: str) -> None:
    assert verdict(nlp, text, **fields).kind == "opinion"


def test_a_columnist_quoted_in_the_story_does_not_make_it_a_column(nlp: Language) -> None:
    text = f"Jane Doe, a columnist who watched the vote, said the result was expected.\n{NEWS}"
    assert verdict(nlp, text).kind == "news"


# The URL is a weak signal ------------------------------------------------------------------


def test_a_blogs_url_does_not_make_a_news_story_opinion(nlp: Language) -> None:
    """The issue's case: a news story filed under /blogs/ came out as opinion."""
    found = verdict(nlp, NEWS, url="https://paper.example/blogs/city-hall/2026/11/budget-vote")
    assert found.kind == "news"
    assert "outweighed: URL section /blogs/ (blogs carry news too)" in found.signals


def test_an_opinion_url_does_not_outweigh_attributed_reporting(nlp: Language) -> None:
    found = verdict(nlp, NEWS, url="https://paper.example/opinion/2026/11/budget")
    assert found.kind == "news"
    assert "outweighed: URL section /opinion/ (a weak signal)" in found.signals


def test_an_opinion_url_with_unattributed_writing_is_opinion(nlp: Language) -> None:
    assert verdict(nlp, PLAIN, url="https://paper.example/opinion/2026/11/budget").kind == (
        "opinion"
    )
    assert verdict(nlp, PLAIN).kind == "news"


def test_an_analysis_url_alone_is_not_enough(nlp: Language) -> None:
    assert verdict(nlp, NEWS, url="https://paper.example/analysis/2026/budget").kind == "news"


def test_the_slug_is_not_a_section(nlp: Language) -> None:
    assert verdict(nlp, PLAIN, url="https://paper.example/news/opinion").kind == "news"


# The writing ---------------------------------------------------------------------------------


def test_attributed_reporting_is_news(nlp: Language) -> None:
    found = verdict(nlp, NEWS)
    assert found.kind == "news"
    assert found.signals[0].startswith("attributed reporting")


def test_first_person_argument_is_opinion_without_any_label(nlp: Language) -> None:
    found = verdict(nlp, ARGUMENT)
    assert found.kind == "opinion"
    assert any("the writer says I/me/my" in s for s in found.signals)
    assert any("should or must" in s for s in found.signals)


def test_the_writers_verdicts_count_towards_opinion(nlp: Language) -> None:
    verdicts = (
        "This disastrous budget is a shameful betrayal of the city. Clearly the council has "
        "learned nothing from its awful record, and its pathetic excuses are frankly insulting. "
        "The plan is cruel to readers, cruel to children and cruel to the elderly. It is a "
        "terrible, stupid document and a tragic waste of a year of hard work."
    )
    found = verdict(nlp, verdicts)
    assert found.kind == "opinion"
    assert any("verdicts" in s for s in found.signals)


def test_first_person_inside_quotes_does_not_count(nlp: Language) -> None:
    quoted = (
        '"I am proud of my team and we will win. I told my players to enjoy it, and I meant '
        'it. My job is to keep them calm," the coach said after the game on Sunday. '
        "The team plays its next match in Leeds on Saturday. Tickets went on sale on Monday, "
        "the club said, and most of them sold out within an hour of the sale opening."
    )
    found = verdict(nlp, quoted)
    assert found.kind == "news"
    assert not any("I/me/my" in s for s in found.signals)


def test_an_interview_transcript_is_the_speakers_words(nlp: Language) -> None:
    lines = [
        "The chief executive spoke to us about the new plant.",
        "Q: Why build it now?",
        "A: I think the timing is right, and I am sure we should move before the others do.",
        "Q: What worries you most?",
        "A: My biggest worry is staff. I must find three hundred engineers and I know it.",
        "Q: And after that?",
        "A: I want to build a second plant, and I believe we must start on it next year.",
    ]
    found = verdict(nlp, "\n".join(lines))
    assert not any("I/me/my" in s or "should or must" in s for s in found.signals)


def test_an_imperative_is_not_attribution(nlp: Language) -> None:
    recipe = (
        "Peel the pears and cut them into small cubes. Add the honey and the spices, then add "
        "the lemon juice. Bring the pot to a boil and stir for ten minutes. Add the pectin and "
        "boil for one more minute. Pour the jam into clean jars and leave them to cool on the "
        "counter overnight before you label them."
    )
    assert not any(s.startswith("attributed") for s in verdict(nlp, recipe).signals)


def test_a_news_verdict_without_cues_says_so(nlp: Language) -> None:
    assert verdict(nlp, PLAIN).signals[0] == NOTHING_ELSE


def test_an_opinion_label_outweighs_an_analysis_url(nlp: Language) -> None:
    found = verdict(nlp, NEWS, labels=("Opinion",), url="https://paper.example/analysis/x/y")
    assert found.kind == "opinion"
