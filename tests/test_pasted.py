"""Pasted text: chrome lines go, every sentence stays, headline and genre label are found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analyzers.errors import EmptyInput, NotAnArticle, NotEnglish
from analyzers.ingest.headline import split_genre_prefix
from analyzers.ingest.pasted import extract_pasted
from bot.sources import TextSource
from handlers.matchers import sources_in

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


# Pastes as journalists make them: copied from a news site, often into Slack first.

WIRE_PASTE = """Worth a read before the 11am meeting:

Senate passes stopgap bill hours before shutdown deadline
By Lisa Mascaro and Mary Clare Jalonick
Updated 9:42 PM GMT, September 30, 2023
WASHINGTON (AP) — Congress approved a temporary funding bill late Saturday that would keep \
federal agencies open for another 45 days, sending the measure to President Joe Biden.
House Speaker Kevin McCarthy abandoned demands for steep spending cuts from his party's right \
flank and instead relied on Democrats to pass the bill.
Speaker of the House Kevin McCarthy talks to reporters at the Capitol in Washington, Saturday, \
Sept. 30, 2023. (AP Photo/J. Scott Applewhite)
The package drops aid to Ukraine, a White House priority opposed by a growing number of \
Republicans, but increases federal disaster assistance by $16 billion.
AFP via Getty Images
READ MORE: Biden says the shutdown fight shows Republicans cannot govern and must stop the \
extremists in their own party
"We're going to do our job," McCarthy said. "We're going to be adults in the room."
Copyright 2023 The Associated Press. All rights reserved. This material may not be published, \
broadcast, rewritten or redistributed without permission.
"""


def test_wire_story_loses_comment_captions_credits_promotion_and_copyright() -> None:
    article = extract_pasted(WIRE_PASTE)
    assert article.title == "Senate passes stopgap bill hours before shutdown deadline"
    assert article.author == "Lisa Mascaro and Mary Clare Jalonick"
    lines = article.text.split("\n")
    assert [line[:24] for line in lines] == [
        "WASHINGTON (AP) — Congre",
        "House Speaker Kevin McCa",
        "The package drops aid to",
        "\"We're going to do our j",
    ]


COLUMN_FROM_SLACK = """FYI — interesting column on the housing fight, \
<https://www.example.com/opinion/housing|here> is the link
&gt; *Opinion | The mayor's housing plan is a gift to developers*
&gt; _By Jane Doe_
&gt; The mayor promised affordable homes for working families. What she has delivered instead \
is a giveaway to the developers who <https://www.example.com/donors|funded her campaign>.
&gt; Her plan lets builders skip the affordability rules if they pay a small fee, and the fee \
goes into a fund that the council has never spent.
&gt; Tenants' groups, led by the Alder Renters Union, have called the scheme a betrayal &amp; a \
fraud. They are right.
"""


def test_column_quoted_in_slack_reads_as_the_column() -> None:
    article = extract_pasted(COLUMN_FROM_SLACK)
    assert article.title == "The mayor's housing plan is a gift to developers"
    assert (article.labels, article.author) == (("Opinion",), "Jane Doe")
    assert article.text.split("\n")[0] == (
        "The mayor promised affordable homes for working families. What she has delivered "
        "instead is a giveaway to the developers who funded her campaign."
    )
    assert "betrayal & a fraud" in article.text
    assert not re.search(r"[<>*|]|&gt;|&amp;|FYI|https?:", article.text)


def test_slack_and_the_command_line_read_a_paste_alike() -> None:
    """The same paste, as Slack sends it and as copied out of Slack into a terminal."""
    as_sent = extract_pasted(COLUMN_FROM_SLACK)
    [from_slack] = sources_in(COLUMN_FROM_SLACK, ignored_hosts=(), limit=3)  # the Slack path
    assert isinstance(from_slack, TextSource)
    assert extract_pasted(from_slack.text) == as_sent
    typed = COLUMN_FROM_SLACK.replace("&gt;", ">").replace("&amp;", "&")
    assert extract_pasted(typed) == as_sent


KEY_POINTS = """Bank of England holds interest rates at 5.25%
Key points
• Rates held for a second month
• Inflation falls to 6.7%
• Bailey warns cuts are not yet on the table
The Bank of England kept interest rates on hold on Thursday, ending a run of 14 consecutive \
increases as inflation eased more than expected.
Governor Andrew Bailey said it was far too early to think about cutting rates.
The new rules cover three groups:
1. first-time buyers
2) renters on housing benefit
- pensioners in council homes
The decision split the Monetary Policy Committee five votes to four.
Related stories
• Mortgage rates fall for the first time in months
• What the rate decision means for your savings
Chancellor Jeremy Hunt welcomed the decision, saying the plan to halve inflation was working.
"""


def test_key_points_and_lists_in_the_text_are_kept_however_short() -> None:
    lines = extract_pasted(KEY_POINTS).text.split("\n")
    assert lines[:3] == [
        "Rates held for a second month",
        "Inflation falls to 6.7%",
        "Bailey warns cuts are not yet on the table",
    ]
    assert lines[6:9] == [
        "first-time buyers",
        "renters on housing benefit",
        "pensioners in council homes",
    ]
    assert "Mortgage rates fall for the first time in months" not in lines  # a Related list
    assert lines[-1].startswith("Chancellor Jeremy Hunt")


def test_a_menu_copied_with_the_page_is_no_list_of_points() -> None:
    menu = ["• Home", "• World News", "• Climate Change", "• Business and Markets", "• Sign in"]
    lines = extract_pasted(paste(*menu, HEADLINE, BODY)).text.split("\n")
    assert lines == BODY.split("\n")
    lines = extract_pasted(paste(HEADLINE, S1, *menu, S2, S3)).text.split("\n")
    assert lines == BODY.split("\n")


def test_story_links_between_dates_are_no_list_of_points() -> None:
    sidebar = ["Recent", "• Mayor sacks transport chief", "November 20, 2019"]
    text = paste(HEADLINE, S1, *sidebar, "• Fares rise again in the new year", "Nov 19, 2019")
    assert extract_pasted(paste(text, S2, S3)).text == BODY


NEWSLETTER_FOOTER = """thoughts?
Ministers approve new North Sea oil licences
The government has approved more than 100 new oil and gas licences in the North Sea, Prime \
Minister Rishi Sunak announced on Monday.
Environmental groups including Greenpeace condemned the decision, saying it would undermine \
Britain's climate commitments.
Photograph: Andy Buchanan/AFP/Getty Images
Sunak said the licences would strengthen energy security and protect thousands of jobs.
Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST
Get the best of our journalism delivered to your inbox every morning.
We use cookies to improve your experience. By continuing to use this site you agree to our \
use of cookies.
© 2023 Guardian News & Media Limited or its affiliated companies. All rights reserved.
"""


def test_newsletter_cookie_and_copyright_footer_is_dropped() -> None:
    article = extract_pasted(NEWSLETTER_FOOTER)
    assert article.title == "Ministers approve new North Sea oil licences"
    assert [line.split()[0] for line in article.text.split("\n")] == [
        "The",
        "Environmental",
        "Sunak",
    ]


@pytest.mark.parametrize(
    "comment",
    [
        "Worth a read before the 11am meeting:",
        "FYI — interesting piece on the transport budget",
        "thoughts?",
        "Hi all,",
        "ICYMI the council budget finally passed",
        "Great piece from the Gazette on the mayor's budget.",
        "Paywalled, so pasting it in full",
        "https://www.example.com/news/council-budget",
        ":eyes: this one",
        "@here read this before the meeting",
        "Sharing this from today's paper 👇",
        "Should we follow this up?",  # the first person, and a headline follows
    ],
)
def test_the_posters_comment_is_neither_headline_nor_text(comment: str) -> None:
    article = extract_pasted(paste(comment, "", HEADLINE, BODY))
    assert (article.title, article.text) == (HEADLINE, BODY)


def test_comment_without_a_headline_is_still_not_text() -> None:
    article = extract_pasted(paste("Worth a read:", BODY))
    assert (article.title, article.text) == (None, BODY)


@pytest.mark.parametrize(
    "headline",
    [
        "Why we must stop the tax grab",  # the first person, but the text follows
        "What you need to know about the budget",
        "All eyes on the council as the budget vote looms",
        "Team GB wins gold in the relay",
        "iPhone sales slump as China demand falls",
        "Ukraine war: Kyiv hit by drones overnight",
    ],
)
def test_headlines_are_not_taken_for_comments(headline: str) -> None:
    article = extract_pasted(paste(headline, BODY))
    assert (article.title, article.text) == (headline, BODY)


def test_an_opening_sentence_in_the_first_person_is_text() -> None:
    lede = "We were told the new buses would come by Friday."
    assert extract_pasted(paste(lede, BODY)).text == f"{lede}\n{BODY}"


@pytest.mark.parametrize(
    "line",
    [
        "Image caption, Commuters queue for a bus outside the station in the city centre on Monday",
        "Joe Biden speaks at the White House on Tuesday. Photograph: Evelyn Hockstein/Reuters",
        "The mayor speaks to reporters at City Hall on Monday, Oct. 2, 2023. (AP Photo/Jane Doe)",
        "Commuters wait for a late bus on Tuesday (Photo by John Roe/Getty Images)",
        "Jane Doe/Reuters",
        "SOPA Images/LightRocket via Getty Images",
        "READ MORE: Mayor under fire as fares rise again despite her promise to freeze them",
        "Related: Mayor under fire as fares rise again despite her promise to freeze them all",
        "Also read: how the budget will change your commute and what it will cost you each year",
        "WATCH: The moment the council chamber erupted after the vote on the transport budget",
        "Sign up for our newsletter to get the best of our journalism in your inbox every day.",
        "Subscribe now for unlimited access to all our journalism, from just £1 a week.",
        "This website uses cookies to improve your experience, you can opt out if you wish.",
        "© 2024 The Daily Example. All rights reserved.",
        "Copyright 2024 The Associated Press. All rights reserved.",
    ],
)
def test_captions_credits_and_notices_are_dropped_at_any_length(line: str) -> None:
    assert extract_pasted(paste(HEADLINE, S1, line, S2, S3)).text == BODY


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright law was reformed last year, the mayor said.",
        "The photographer said the image was taken by a passer-by.",
        "She told Reuters the newsletter had been read by all of the councillors.",
        "Sign-up rates for the bus pass rose by a third in the first month.",
        "The figures, released on Monday (see the council's website), were disputed.",
    ],
)
def test_sentences_that_mention_such_things_are_kept(sentence: str) -> None:
    assert sentence in extract_pasted(paste(HEADLINE, S1, sentence, S2, S3)).text.split("\n")


def test_a_comment_over_two_lines_goes_whole() -> None:
    text = paste("Hi all,", "Pasting in full as it is paywalled. Thoughts?", "", HEADLINE, BODY)
    assert (extract_pasted(text).title, extract_pasted(text).text) == (HEADLINE, BODY)


def test_a_long_first_paragraph_with_an_emoji_is_text() -> None:
    """Chatty blogs open with emoji too; a line that long is the piece, not the poster."""
    lede = (
        "Visitors who booked their tickets online came to the theatre to watch the new show and "
        "have left their reviews of it on our site 🙂"
    )
    assert extract_pasted(paste(lede, BODY)).text == f"{lede}\n{BODY}"


@pytest.mark.parametrize(
    "headline",
    ["Banksy unveils a new image by the sea", "Reuters journalists strike over pay and jobs"],
)
def test_headlines_that_mention_pictures_or_agencies_are_kept(headline: str) -> None:
    assert extract_pasted(paste(headline, BODY)).title == headline
