"""Slack markup: what a person sees of a message, the same for the Slack and pasted-text paths."""

from __future__ import annotations

import time

import pytest

from analyzers.ingest.slack_markup import plain_text, unescape, without_mentions


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Read <https://example.com/a_b?x=1&amp;y=2|this piece> now", "Read this piece now"),
        ("Source: <https://example.com/story>", "Source: https://example.com/story"),
        ("Mail <mailto:desk@example.com|the desk>", "Mail the desk"),
        ("<@U024BE7LH> have a look", "have a look"),
        ("<@U024BE7LH|jane> have a look", "have a look"),
        ("Posted in <#C024BE7LR|newsdesk>", "Posted in #newsdesk"),
        ("<!here> the mayor resigned", "the mayor resigned"),
        ("<!subteam^S0123|@editors> please read", "@editors please read"),
        ("Filed <!date^1392734382^{date}|Feb 18, 2014> at noon", "Filed Feb 18, 2014 at noon"),
        ("Profits &amp; losses &lt;rose&gt;", "Profits & losses <rose>"),
        ("AT&amp;amp;T", "AT&amp;T"),  # typed as "&amp;": decoded once, as the person typed it
        (
            "*Mayor resigns* over _housing_ row, ~not~ fares",
            "Mayor resigns over housing row, not fares",
        ),
        ("**Markdown bold** and *_both_*", "Markdown bold and both"),
        ("`inline` and ```fenced text```", "inline and fenced text"),
    ],
)
def test_markup_is_shown_as_slack_shows_it(raw: str, shown: str) -> None:
    assert plain_text(raw).replace("  ", " ") == shown


@pytest.mark.parametrize(
    "raw",
    [
        "&gt; The council voted on Tuesday.\n&gt; The mayor resigned.",
        "> The council voted on Tuesday.\n> The mayor resigned.",
        "&gt;&gt;&gt; The council voted on Tuesday.\nThe mayor resigned.",
        "  >  The council voted on Tuesday.\n> > The mayor resigned.",
    ],
)
def test_quote_markers_at_line_starts_go(raw: str) -> None:
    assert plain_text(raw) == "The council voted on Tuesday.\nThe mayor resigned."


@pytest.mark.parametrize(
    "text",
    [
        "The ratio is 3 > 2 and a <b> tag stays",  # no scheme: not Slack markup
        "* a bullet point\n- another\n1. a third",  # a star then a space is no emphasis
        "snake_case_name and https://example.com/a_b_c/d",  # marks inside words
        "5 * 3 = 15 and 2*3*4",
        "The mayor ~ roughly ~ agreed",
    ],
)
def test_text_that_only_looks_like_markup_is_kept(text: str) -> None:
    assert plain_text(text) == text


def test_cleaning_twice_changes_nothing_more() -> None:
    raw = "&gt; *Opinion* | <https://x.example/a|The mayor> said &amp; did <@U1>"
    assert plain_text(plain_text(raw)) == plain_text(raw)


def test_without_mentions_keeps_everything_else() -> None:
    assert without_mentions("<@U024BE7LH> <https://x.example/a|a> &amp;") == (
        "<https://x.example/a|a> &amp;"
    )


def test_unescape_decodes_only_slacks_three_entities_once() -> None:
    assert unescape("&amp;lt; &lt; &gt; &amp; &quot;") == "&lt; < > & &quot;"


@pytest.mark.parametrize("unit", ["*a ", "_a ", "~a ", "**a ", "`a ", "<http:|", "&gt; "])
def test_stray_marks_cost_linear_time(unit: str) -> None:
    start = time.process_time()
    plain_text(unit * 100_000)
    assert time.process_time() - start < 2.0
