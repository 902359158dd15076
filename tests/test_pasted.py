"""Pasted text: chrome lines go, every sentence stays, headline and genre label are found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzers.errors import EmptyInput, NotAnArticle, NotEnglish
from analyzers.pasted import extract_pasted, split_genre_prefix

S1 = (
    "The council voted on Tuesday to approve a new budget for public transport after months "
    "of debate."
)
S2 = "Supporters said the plan would cut journey times, while critics warned fares would rise."
S3 = "The mayor called the vote a victory for commuters and promised new buses by the summer."
BODY = f"{S1}\n{S2}\n{S3}"
HEADLINE = "Council backs a transport budget nobody wanted"


def paste(*lines: str) -> str:
    return "\n".join(lines)


def test_plain_article_is_kept_whole() -> None:
    article = extract_pasted(paste(HEADLINE, "", BODY))
    assert article.title == HEADLINE
    assert article.text == BODY
    assert article.labels == ()
    assert article.language == "en"


def test_first_line_that_is_a_sentence_is_no_headline() -> None:
    article = extract_pasted(BODY)
    assert article.title is None
    assert article.text == BODY


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Editorial | ", "Editorial"),
        ("Opinion: ", "Opinion"),
        ("OPINION - ", "Opinion"),
        ("Analysis | ", "Analysis"),
        ("Comment | ", "Comment"),
        ("Op-ed: ", "Op-ed"),
        ("Commentary — ", "Commentary"),
    ],
)
def test_genre_prefix_of_the_headline_becomes_a_label(line: str, label: str) -> None:
    article = extract_pasted(paste(line + HEADLINE, BODY))
    assert article.title == HEADLINE
    assert article.labels == (label,)


def test_genre_word_alone_above_the_headline_is_a_label() -> None:
    article = extract_pasted(paste("OPINION", HEADLINE, BODY))
    assert (article.title, article.labels) == (HEADLINE, ("Opinion",))


def test_hyphenated_word_is_no_genre_prefix() -> None:
    assert split_genre_prefix("Opinion-poll lead narrows") == ("Opinion-poll lead narrows", None)


@pytest.mark.parametrize(
    "chrome",
    [
        "1",  # no letters
        "12:30",
        "Advertisement",  # interface words and phrases
        "Share",
        "Tweet",
        "Copy link",
        "Subscribe",
        "Sign up",
        "Listen to this article",
        "Read more",
        "Select Voice",
        "Sign up for our morning newsletter",  # interface prefix
        "Why you can trust The Daily Example",
        "Related: Mayor under fire over fares",
        "1.00x",  # playback speed
        "0.75x",
        "5 min read",
        "Reading Time:2 minutes",  # label: value
        "Photo: Reuters",
        "Published: 5:42pm, 21 Dec, 2021",  # timestamps
        "Updated 13 December 2021 10:00 GMT",
        "3 hours ago",
        "News › Politics › Local",  # breadcrumb
        "A cross-head with no full stop",  # short line that is not a sentence
    ],
)
def test_chrome_line_is_dropped(chrome: str) -> None:
    article = extract_pasted(paste(HEADLINE, S1, chrome, S2, S3))
    assert article.text == BODY


def test_chrome_before_the_headline_is_not_taken_for_it() -> None:
    text = paste("Advertisement", "Reading Time:2 minutes", "Share", HEADLINE, BODY)
    assert extract_pasted(text).title == HEADLINE


def test_byline_is_dropped_and_read_as_author() -> None:
    article = extract_pasted(paste(HEADLINE, "By Jane Doe and John Roe", BODY))
    assert article.author == "Jane Doe and John Roe"
    assert article.text == BODY


def test_short_line_repeated_is_chrome_even_as_a_sentence() -> None:
    text = paste(HEADLINE, S1, "Story continues below.", S2, "Story continues below.", S3)
    assert extract_pasted(text).text == BODY


def test_long_line_repeated_is_kept_once() -> None:
    quote = "“The council has failed the people of this city and it will pay,” she said on Friday"
    article = extract_pasted(paste(HEADLINE, S1, quote, S2, quote, S3))
    assert article.text == f"{S1}\n{quote}\n{S2}\n{S3}"


def test_short_sentences_are_kept() -> None:
    article = extract_pasted(paste(HEADLINE, S1, "He refused.", S2, "“Never!”", S3))
    assert article.text == f"{S1}\nHe refused.\n{S2}\n“Never!”\n{S3}"


@pytest.mark.parametrize(
    "sentence",
    [
        "By Friday, the deal was dead.",
        "Listen to the people, she said.",
        "More from the council came later.",
        "Related to this, the mayor resigned.",
        "Updated figures show a rise.",
        "Photos of the meeting were later deleted.",
    ],
)
def test_sentence_that_starts_like_chrome_is_kept(sentence: str) -> None:
    assert sentence in extract_pasted(paste(HEADLINE, S1, sentence, S2, S3)).text.split("\n")


def test_bullet_is_stripped_from_a_standfirst() -> None:
    standfirst = "Critics say the plan favours drivers and will leave the poorest riders behind"
    article = extract_pasted(paste(HEADLINE, f"- {standfirst}", BODY))
    assert article.text.split("\n")[0] == standfirst


@pytest.mark.parametrize("text", ["", "   ", "\n \t\n"])
def test_empty_text_is_empty_input(text: str) -> None:
    with pytest.raises(EmptyInput):
        extract_pasted(text)


def test_only_chrome_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle):
        extract_pasted(paste("Advertisement", "Share", "Tweet", "1.00x", "Select Speed"))


def test_too_short_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="25 words"):
        extract_pasted(paste(HEADLINE, S1))


def test_french_text_is_not_english() -> None:
    french = (
        "Le conseil municipal a voté mardi le budget, et le maire a dit que c'était une bonne "
        "journée pour la ville.\nLes critiques ont dit que le plan est trop cher pour les "
        "habitants et que les prix des billets vont augmenter dans les mois qui viennent."
    )
    with pytest.raises(NotEnglish) as caught:
        extract_pasted(french)
    assert caught.value.language == "fr"


def test_text_in_an_unlisted_language_is_not_english() -> None:
    polish = (
        "Rada miasta we wtorek przyjęła budżet na transport publiczny po miesiącach debaty "
        "między burmistrzem a opozycją.\nZwolennicy twierdzą, że plan skróci czas podróży w całym "
        "regionie, a krytycy ostrzegają, że podniesie ceny biletów dla najbiedniejszych "
        "mieszkańców.\nBudżet wejdzie w życie w styczniu, powiedzieli urzędnicy miejscy."
    )
    with pytest.raises(NotEnglish, match="not in English") as caught:
        extract_pasted(polish)
    assert caught.value.language is None


def test_chinese_text_is_not_english() -> None:
    with pytest.raises(NotEnglish) as caught:
        extract_pasted("市议会周二批准了预算。\n市长表示这对城市来说是美好的一天。")
    assert caught.value.language == "zh"


CHROME = ("Advertisement", "Reading Time", "Why you can trust", "Select Voice", "Select Speed")


@pytest.mark.shared
def test_pasted_editorial(shared_data: Path) -> None:
    raw = (shared_data / "examples" / "pasted-editorial.txt").read_text(encoding="utf-8")
    article = extract_pasted(raw)
    assert article.title == (
        "Western pressure will only strengthen ties between Beijing and Moscow"
    )
    assert article.labels == ("Editorial",)
    lines = article.text.split("\n")
    for line in lines:
        assert not any(line.startswith(chrome) for chrome in CHROME), line
        assert line not in {"1", "1.00x"}
    assert lines[0].startswith("China and Russia have been labelled geopolitical rivals")
    paragraphs = [line for line in raw.splitlines() if len(line.split()) > 20]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z])", p)]
    assert len(sentences) >= 19
    for sentence in sentences:
        assert sentence.strip(" -") in article.text, sentence
