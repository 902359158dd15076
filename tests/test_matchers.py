"""The Slack matchers on plain payload dicts and message texts, as Slack sends them (bolt-python
tests its own matchers the same way): no app, no server, no network."""

from __future__ import annotations

from typing import Any

import pytest

from bot.sources import LinkSource, TextSource
from handlers.matchers import (
    CommandRequest,
    article_links,
    is_article_link,
    is_new_human_message,
    links_in,
    parse_command,
    sources_in,
    thread_of,
)

STORY = "https://news.example.com/2026/11/30/port-alder-floods"


def message(**fields: Any) -> dict[str, Any]:
    """A `message` event as the Events API delivers it, with ``fields`` changed."""
    event: dict[str, Any] = {
        "type": "message",
        "channel": "C0NEWSROOM",
        "user": "U0REPORTER",
        "text": f"Worth a read: <{STORY}|Port Alder floods>",
        "ts": "1764460800.000100",
        "channel_type": "channel",
    }
    event.update(fields)
    return event


def test_links_come_from_slack_markup_in_order_each_once() -> None:
    text = f"<{STORY}|label> and <https://b.example.org/x> then <{STORY}> again"
    assert links_in(text) == [STORY, "https://b.example.org/x"]


def test_links_in_markup_are_unescaped() -> None:
    assert links_in("<https://example.com/a?x=1&amp;y=2|story>") == [
        "https://example.com/a?x=1&y=2"
    ]


def test_a_slash_command_carries_bare_links_without_trailing_punctuation() -> None:
    assert links_in(f"read {STORY}, then comment.") == [STORY]


@pytest.mark.parametrize(
    ("url", "wanted"),
    [
        (STORY, True),
        ("https://cdn.example.com/photo.JPG", False),
        ("https://example.com/report.pdf", False),
        ("https://acme.slack.com/archives/C1/p1", False),
        ("https://intranet.example.net/story", False),
        ("https://sub.intranet.example.net/story", False),
        ("http://[::1/broken", True),  # answered with the reason it cannot be read
    ],
)
def test_which_links_are_articles(url: str, wanted: bool) -> None:
    assert is_article_link(url, ["intranet.example.net"]) is wanted


def test_article_links_are_capped() -> None:
    text = " ".join(f"<https://example.com/{n}>" for n in range(5))
    assert article_links(text, [], limit=2) == ["https://example.com/0", "https://example.com/1"]


@pytest.mark.parametrize(
    ("fields", "new"),
    [
        ({}, True),
        ({"subtype": "thread_broadcast"}, True),
        ({"subtype": "file_share"}, True),
        ({"subtype": "message_changed"}, False),
        ({"subtype": "message_deleted"}, False),
        ({"subtype": "channel_join"}, False),
        ({"subtype": "bot_message", "bot_id": "B0NEWSBOT"}, False),
        ({"bot_id": "B0NEWSBOT"}, False),
        ({"user": None}, False),
        ({"text": ""}, False),
    ],
)
def test_only_a_persons_new_message_counts(fields: dict[str, Any], new: bool) -> None:
    assert is_new_human_message(message(**fields)) is new


def test_a_reply_goes_to_the_thread_or_starts_one() -> None:
    assert thread_of(message()) == "1764460800.000100"
    assert thread_of(message(thread_ts="1764450000.000001")) == "1764450000.000001"


def test_a_link_with_a_short_comment_is_analysed_as_a_link() -> None:
    assert sources_in(message()["text"], [], limit=3) == [LinkSource(STORY)]


def test_a_long_text_around_a_link_is_a_pasted_article() -> None:
    body = " ".join(["The council approved the flood plan on Tuesday."] * 10)
    (source,) = sources_in(f"<@U0NEWSBOT> {body} <{STORY}|source>", [], limit=3)
    assert isinstance(source, TextSource)
    assert source.text.startswith("The council approved")
    assert "<@U0NEWSBOT>" not in source.text


def test_a_mention_alone_gives_nothing_to_analyse() -> None:
    assert sources_in("<@U0NEWSBOT>", [], limit=3) == []


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("", CommandRequest("help", "", False)),
        ("ENTITY Xi Jinping", CommandRequest("entity", "Xi Jinping", False)),
        (f"analyze --private {STORY}", CommandRequest("analyze", STORY, True)),
        (f"analyze -p {STORY}", CommandRequest("analyze", STORY, True)),
        (
            "analyze Title\n\nFirst paragraph.",
            CommandRequest("analyze", "Title\n\nFirst paragraph.", False),
        ),
    ],
)
def test_slash_command_text(text: str, request_: CommandRequest) -> None:
    assert parse_command(text) == request_
