"""The Slack app end to end: signed requests in Slack's documented shapes go over HTTP into the
real Bolt app; article pages come from a loopback server; the app's Web API calls land in a
fake Slack on loopback that records them; Redis is real."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from spacy.language import Language

from bot.compose import build_app
from bot.services import Services, build_services
from bot.slack.app import FAULT_RETRIES
from bot.slack.web import MAX_REQUEST_BYTES
from config.settings import Settings, SlackSettings
from tests.fakes.articles import STORY_TEXT, STORY_TITLE, news_page
from tests.fakes.bot_server import RunningBot
from tests.fakes.slack_api import BOT_ID, BOT_USER, CHANNEL, USER, FakeSlackApi
from tests.fakes.slack_requests import SlackSender, block_action, message_event, message_shortcut
from tests.fakes.web_pages import PageServer

pytestmark = pytest.mark.model

SECRET = "test-signing-secret"
PRIVATE = "G0PRIVATE"
OUTSIDER = "U0OUTSIDE"
ADMIN = "U0ADMIN01"
QUIET_SECONDS = 0.5  # how long to watch for a second reply that must not come


@pytest.fixture
def services(
    settings: Settings, slack_api: FakeSlackApi, page_server: PageServer, nlp: Language
) -> Iterator[Services]:
    configured = settings.model_copy(
        update={
            "allow_hosts": frozenset({page_server.host_port}),
            "slack": SlackSettings(
                bot_token=SecretStr("xoxb-test"),
                signing_secret=SecretStr(SECRET),
                api_url=slack_api.base_url,
            ),
        }
    )
    built = build_services(configured)
    built.pipeline.nlp = nlp
    yield built
    built.close()


@pytest.fixture
def slack(services: Services) -> Iterator[SlackSender]:
    bot = RunningBot(build_app(services)).start()
    sender = SlackSender(bot.base_url, SECRET)
    yield sender
    sender.close()
    bot.stop()


def json_arg(value: Any) -> Any:
    """Arguments arrive as JSON bodies or as form fields holding JSON."""
    return json.loads(value) if isinstance(value, str) else value


def blocks_text(call_args: dict[str, Any]) -> str:
    return json.dumps(json_arg(call_args.get("blocks", [])), ensure_ascii=False)


def share_story(slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer) -> None:
    """Share the flood story's link in the channel and wait for newsbot's thread reply."""
    url = page_server.add("/news/flood", news_page())
    slack.event(message_event(f"<{url}>"))
    slack_api.wait_for("chat.postMessage")


def test_a_shared_link_gets_one_thread_reply_with_the_analysis(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    event = message_event(f"Worth a read <{url}|{url[7:]}>")
    assert slack.event(event).status_code == 200

    (reply,) = slack_api.wait_for("chat.postMessage")
    assert reply.token == "xoxb-test"
    assert reply.args["channel"] == CHANNEL
    assert reply.args["thread_ts"] == event["ts"]
    assert reply.args["text"].startswith(STORY_TITLE)
    shown = blocks_text(reply.args)
    for name in ("Port Alder", "Tom Okafor", "Harbour Business Association"):
        assert name in shown
    assert len(page_server.requests_for("/news/flood")) == 1


def test_a_retried_event_is_answered_once(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    event = message_event(f"<{url}>")
    first_sent = int(time.time())
    for retry in (None, 1, 2, 3):
        signed_at = first_sent + (retry or 0)  # Slack signs each retry afresh when it sends it
        response = slack.event(event, event_id="Ev0RETRIED", retry_num=retry, timestamp=signed_at)
        assert response.status_code == 200
    slack_api.wait_for("chat.postMessage")
    time.sleep(QUIET_SECONDS)
    assert len(slack_api.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize(
    "options",
    [{"secret": "not-the-secret"}, {"timestamp": int(time.time()) - 6 * 60}],
    ids=["bad signature", "timestamp older than 5 minutes"],
)
def test_unsigned_or_stale_requests_are_refused(
    options: dict[str, Any], slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    response = slack.event(message_event(f"<{url}>"), **options)
    assert response.status_code == 401
    time.sleep(QUIET_SECONDS)
    assert page_server.requests == ()
    assert [c.method for c in slack_api.calls if c.method != "auth.test"] == []


def test_an_oversized_request_is_refused_before_it_is_read(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    body = json.dumps({"type": "event_callback", "padding": "x" * (MAX_REQUEST_BYTES + 1)})
    response = slack.send(body, "application/json")
    assert response.status_code == 413
    time.sleep(QUIET_SECONDS)
    assert [c.method for c in slack_api.calls if c.method != "auth.test"] == []


@pytest.mark.parametrize("kind", ["event", "slash command", "shortcut"])
def test_a_replayed_request_is_refused_before_anything_runs(
    kind: str,
    slack: SlackSender,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = page_server.add("/news/flood", news_page())
    senders: dict[str, Callable[[], httpx.Response]] = {
        "event": lambda: slack.event(message_event(f"<{url}>")),
        "slash command": lambda: slack.command(f"analyze {url}", slack_api.response_url()),
        "shortcut": lambda: slack.interactive(
            message_shortcut(message_event(f"<{url}>"), slack_api.response_url())
        ),
    }
    first = senders[kind]()
    replayed = slack.replay(first)
    assert (first.status_code, replayed.status_code) == (200, 401)
    slack_api.wait_for("chat.postMessage")
    time.sleep(QUIET_SECONDS)
    assert len(slack_api.calls_to("chat.postMessage")) == 1
    (warning,) = [r for r in caplog.records if "replayed" in r.getMessage()]
    assert warning.levelname == "WARNING"
    assert first.request.headers["X-Slack-Signature"] not in caplog.text
    assert SECRET not in caplog.text


def test_a_command_signed_afresh_runs_once_and_a_new_command_runs_again(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    first = slack.command(f"analyze {url}", slack_api.response_url())
    again = slack.resend(first, timestamp=int(time.time()) + 1)  # the same trigger_id
    assert (first.status_code, again.status_code) == (200, 200)
    slack_api.wait_for("chat.postMessage")
    time.sleep(QUIET_SECONDS)
    assert len(slack_api.calls_to("chat.postMessage")) == 1

    assert slack.command(f"analyze {url}", slack_api.response_url()).status_code == 200
    assert len(slack_api.wait_for("chat.postMessage", count=2)) == 2


@pytest.mark.parametrize(
    "event",
    [
        message_event("edited <https://news.example.com/a>", subtype="message_changed"),
        message_event("gone", subtype="message_deleted"),
        message_event("<https://news.example.com/a>", bot_id=BOT_ID),
        message_event("a picture <https://news.example.com/cat.png>"),
        message_event("a video <https://www.youtube.com/watch?v=x>"),
        message_event("no links at all"),
    ],
    ids=["edit", "deletion", "bot message", "image", "non-news host", "no link"],
)
def test_messages_that_are_not_new_article_shares_are_ignored(
    event: dict[str, Any], slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    assert slack.event(event).status_code == 200
    time.sleep(QUIET_SECONDS)
    assert slack_api.calls_to("chat.postMessage") == []
    assert slack_api.calls_to("chat.postEphemeral") == []


def test_a_failed_link_is_explained_to_the_person_who_shared_it_and_kept_for_the_digest(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer, services: Services
) -> None:
    url = page_server.add("/paywalled", "Subscribe to read", status=403)
    event = message_event(f"<{url}>")
    slack.event(event)
    (note,) = slack_api.wait_for("chat.postEphemeral")
    assert note.args["user"] == USER
    assert "403 Forbidden" in note.args["text"]
    assert slack_api.calls_to("chat.postMessage") == []
    deadline = time.monotonic() + 5  # recorded just after the note is sent
    while not services.history.skipped_between(CHANNEL, 0, time.time() + 1):
        assert time.monotonic() < deadline, "the failed link was not kept"
        time.sleep(0.02)
    (kept,) = services.history.skipped_between(CHANNEL, 0, time.time() + 1)
    assert (kept.url, kept.user, kept.message_ts) == (url, USER, event["ts"])
    assert "403 Forbidden" in kept.reason
    assert kept.permalink is not None
    assert services.history.between(CHANNEL, 0, time.time() + 1) == []


def test_a_link_to_an_internal_address_is_refused_and_explained(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    slack.event(message_event("<http://169.254.169.254/latest/meta-data/>"))
    (note,) = slack_api.wait_for("chat.postEphemeral")
    assert "private or internal address" in note.args["text"]


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("http://[::1/x", "is not a valid web address"),
        ("http://127.0.0.1:99999/x", "has a port number that is not valid (99999)"),
    ],
)
def test_a_malformed_link_is_explained_to_the_person_who_shared_it(
    link: str, reason: str, slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    assert slack.event(message_event(f"see <{link}>")).status_code == 200
    (note,) = slack_api.wait_for("chat.postEphemeral")
    assert note.args["user"] == USER
    assert reason in note.args["text"]
    assert slack_api.calls_to("chat.postMessage") == []


def test_the_same_link_again_gets_a_pointer_to_the_earlier_thread(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer, services: Services
) -> None:
    url = page_server.add("/news/flood", news_page())
    first = message_event(f"<{url}>")
    slack.event(first)
    slack_api.wait_for("chat.postMessage")
    again = message_event(f"again <{url}?utm_source=twitter>", user="U0000002")
    slack.event(again)
    pointer = slack_api.wait_for("chat.postMessage", count=2)[1]
    assert "Already shared" in pointer.args["text"]
    assert first["ts"].replace(".", "") in pointer.args["text"]
    slack.event(message_event(f"and again <{url}>"))
    third = slack_api.wait_for("chat.postMessage", count=3)[2]
    assert first["ts"].replace(".", "") in third.args["text"]  # the analysis, not a pointer
    assert len(page_server.requests_for("/news/flood")) == 1

    # every share is kept, repeats too: who shared it, when, and which share they repeat
    shares = services.history.between(CHANNEL, 0, time.time() + 1)
    assert [s.message_ts for s in shares] == [first["ts"], again["ts"], shares[2].message_ts]
    assert [s.repeat_of for s in shares] == [None, first["ts"], first["ts"]]
    assert shares[1].user == "U0000002"
    assert services.history.recent({CHANNEL}) == shares[:1]  # App Home lists analyses only


def test_a_rate_limited_reply_is_retried_after_retry_after(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    slack_api.rate_limit("chat.postMessage", retry_after=1)
    url = page_server.add("/news/flood", news_page())
    slack.event(message_event(f"<{url}>"))
    attempts = slack_api.wait_for("chat.postMessage", count=2)
    assert attempts[0].args == attempts[1].args


@pytest.mark.parametrize(
    "fault",
    [
        lambda api: api.server_error("chat.postMessage", status=500),
        lambda api: api.server_error("chat.postMessage", status=503),
        lambda api: api.drop_connection("chat.postMessage"),
    ],
    ids=["HTTP 500", "HTTP 503", "dropped connection"],
)
def test_a_passing_slack_fault_is_retried_into_exactly_one_reply(
    fault: Callable[[FakeSlackApi], None],
    slack: SlackSender,
    slack_api: FakeSlackApi,
    page_server: PageServer,
) -> None:
    fault(slack_api)
    url = page_server.add("/news/flood", news_page())
    event = message_event(f"<{url}>")
    slack.event(event)
    failed, retried = slack_api.wait_for("chat.postMessage", count=2)
    assert not failed.ok and retried.ok
    assert failed.args == retried.args
    time.sleep(QUIET_SECONDS)
    (reply,) = slack_api.answered("chat.postMessage")
    assert reply.args["thread_ts"] == event["ts"]
    assert slack_api.calls_to("chat.postEphemeral") == []


def test_a_reply_slack_keeps_refusing_reaches_the_sharer_privately(
    slack: SlackSender,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    slack_api.server_error("chat.postMessage", times=100)
    share_story(slack, slack_api, page_server)
    (note,) = slack_api.wait_for("chat.postEphemeral")
    assert note.args["user"] == USER
    assert "couldn't post my reply in the channel" in note.args["text"]
    assert "Harbour Business Association" in blocks_text(note.args)
    time.sleep(QUIET_SECONDS)
    assert len(slack_api.calls_to("chat.postMessage")) == 1 + FAULT_RETRIES
    assert slack_api.answered("chat.postMessage") == []
    assert len(slack_api.calls_to("chat.postEphemeral")) == 1
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []  # nothing raised


def test_a_command_whose_every_public_answer_fails_answers_the_asker_privately(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    slack_api.server_error("chat.postMessage", times=100)
    slack_api.server_error("response:cmd", times=100)
    url = page_server.add("/news/flood", news_page())
    slack.command(f"analyze {url}", slack_api.response_url("cmd"))
    (note,) = slack_api.wait_for("chat.postEphemeral")
    assert "couldn't post my reply in the channel" in note.args["text"]
    assert "Harbour Business Association" in blocks_text(note.args)
    in_channel, ephemeral = (c.args["response_type"] for c in slack_api.calls_to("response:cmd"))
    assert (in_channel, ephemeral) == ("in_channel", "ephemeral")


def test_slack_errors_are_survived(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    slack_api.fail("chat.postMessage", "not_in_channel")
    share_story(slack, slack_api, page_server)
    other = page_server.add("/news/other", news_page(title="Another story about the levees"))
    slack.event(message_event(f"<{other}>"))  # the app still works after the failure
    assert len(slack_api.wait_for("chat.postMessage", count=2)) == 2


def test_link_shared_unfurls_compactly(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    event = {
        "type": "link_shared",
        "channel": CHANNEL,
        "user": USER,
        "message_ts": "1.2",
        "links": [{"domain": "127.0.0.1", "url": url}],
    }
    slack.event(event)
    (unfurl,) = slack_api.wait_for("chat.unfurl")
    assert set(json_arg(unfurl.args["unfurls"])) == {url}
    assert unfurl.args["ts"] == "1.2"


def test_a_mention_with_a_link_is_answered_in_thread(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    mention = message_event(f"<@{BOT_USER}> what about <{url}>?")
    slack.event({**mention, "type": "app_mention"})
    slack.event(mention)  # Slack also sends the plain message event: not answered twice
    (reply,) = slack_api.wait_for("chat.postMessage")
    assert reply.args["thread_ts"] == mention["ts"]
    time.sleep(QUIET_SECONDS)
    assert len(slack_api.calls_to("chat.postMessage")) == 1


def test_slash_command_is_acked_before_the_work_then_posts_in_channel(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/slow", news_page(), delay=1.0)
    started = time.monotonic()
    ack = slack.command(f"analyze {url}", slack_api.response_url())
    acked_after = time.monotonic() - started
    assert ack.status_code == 200
    assert "Working on it" in ack.text
    assert acked_after < 3.0  # Slack's limit; the page alone takes a second to arrive
    assert slack_api.calls_to("chat.postMessage") == []
    (posted,) = slack_api.wait_for("chat.postMessage")
    assert posted.args["channel"] == CHANNEL and "thread_ts" not in posted.args


@pytest.mark.parametrize("text", ["", "help", "frobnicate"])
def test_help_is_the_ack_itself(text: str, slack: SlackSender, slack_api: FakeSlackApi) -> None:
    ack = slack.command(text, slack_api.response_url())
    assert ack.status_code == 200
    assert "/newsbot analyze" in ack.text


def test_private_analysis_goes_only_to_the_asker(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/news/flood", news_page())
    slack.command(f"analyze --private {url}", slack_api.response_url("private"))
    (answer,) = slack_api.wait_for("response:private")
    assert answer.args["response_type"] == "ephemeral"
    assert "Harbour Business Association" in blocks_text(answer.args)
    assert slack_api.calls_to("chat.postMessage") == []


def test_command_failure_is_told_privately(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    url = page_server.add("/missing", "not here", status=404)
    slack.command(f"analyze {url}", slack_api.response_url("fail"))
    (answer,) = slack_api.wait_for("response:fail")
    assert answer.args["response_type"] == "ephemeral"
    assert "404 Not Found" in answer.args["text"]


def test_entity_command_reports_the_channels_coverage(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    share_story(slack, slack_api, page_server)
    slack.command("entity Tom Okafor", slack_api.response_url("entity"))
    (answer,) = slack_api.wait_for("response:entity")
    assert "Tom Okafor: 1 article;" in answer.args["text"]
    assert STORY_TITLE in blocks_text(answer.args)


def test_message_shortcut_analyses_pasted_text_in_its_thread(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    pasted = message_event(f"Advertisement\n{STORY_TITLE}\nShare\n\n{STORY_TEXT}")
    ack = slack.interactive(message_shortcut(pasted, slack_api.response_url("shortcut")))
    assert ack.status_code == 200
    (reply,) = slack_api.wait_for("chat.postMessage")
    assert reply.args["thread_ts"] == pasted["ts"]
    assert "Harbour Business Association" in blocks_text(reply.args)


def press_switch(slack: SlackSender, slack_api: FakeSlackApi, user: str, value: str) -> str:
    """Press an App Home auto-reply switch as ``user``; their republished home, as text."""
    before = len(slack_api.calls_to("views.publish"))
    ack = slack.interactive(block_action("toggle_auto_replies", value, user=user))
    assert ack.status_code == 200
    published = slack_api.wait_for("views.publish", count=before + 1)[before]
    assert published.args["user_id"] == user
    return blocks_text(json_arg(published.args["view"]))


def test_pasted_text_with_lone_surrogates_and_escape_sequences_is_analysed_cleanly(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    """Slack's JSON can carry lone UTF-16 surrogates ("\\ud83d"); nothing hostile comes back."""
    hostile = f"{STORY_TITLE} \ud83d\n\x1b]0;PWNED\x07\n{STORY_TEXT}\x1b[31m \ud83d\u202e"
    pasted = message_event(hostile)
    slack.interactive(message_shortcut(pasted, slack_api.response_url("shortcut")))
    (reply,) = slack_api.wait_for("chat.postMessage")
    shown = reply.args["text"] + blocks_text(reply.args)
    assert "Harbour Business Association" in shown
    for unsafe in ("\ud83d", "\x1b", "\x07", "\u202e", "PWNED"):
        assert unsafe not in shown


def test_app_home_lists_recent_analyses_and_switches_auto_replies(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer, services: Services
) -> None:
    share_story(slack, slack_api, page_server)

    slack.event({"type": "app_home_opened", "user": USER, "channel": "D0000001", "tab": "home"})
    (home,) = slack_api.wait_for("views.publish")
    assert home.args["user_id"] == USER
    view = blocks_text(json_arg(home.args["view"]))
    assert STORY_TITLE in view and f"<#{CHANNEL}>" in view

    assert "*off*" in press_switch(slack, slack_api, USER, f"{CHANNEL}:off")
    assert services.prefs.auto_replies(CHANNEL) is False
    notice = slack_api.wait_for("chat.postMessage", count=2)[1]
    assert notice.args["channel"] == CHANNEL
    assert notice.args["text"] == (
        f"<@{USER}> turned automatic replies off for this channel from newsbot's App Home."
    )

    other = page_server.add("/news/other", news_page(title="Levees, the sequel"))
    slack.event(message_event(f"<{other}>"))
    time.sleep(QUIET_SECONDS)
    assert len(slack_api.calls_to("chat.postMessage")) == 2  # the story's reply, the notice


def open_home(slack: SlackSender, slack_api: FakeSlackApi, user: str) -> str:
    """Open App Home as ``user``; the blocks newsbot published for them, as text."""
    before = len(slack_api.calls_to("views.publish"))
    slack.event({"type": "app_home_opened", "user": user, "channel": "D0000001", "tab": "home"})
    published = slack_api.wait_for("views.publish", count=before + 1)[before]
    assert published.args["user_id"] == user
    return blocks_text(json_arg(published.args["view"]))


def test_app_home_shows_a_private_channel_only_to_its_members(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    slack_api.member_channels = [CHANNEL, PRIVATE]
    slack_api.memberships = {USER: [CHANNEL, PRIVATE, "D0000001"], OUTSIDER: [CHANNEL]}
    public = page_server.add("/news/flood", news_page())
    private = page_server.add("/news/sealed", news_page(title="Sealed levee report leaked"))
    slack.event(message_event(f"<{public}>"))
    slack.event(message_event(f"<{private}>", channel=PRIVATE))
    slack_api.wait_for("chat.postMessage", count=2)

    outsider = open_home(slack, slack_api, OUTSIDER)
    assert STORY_TITLE in outsider and f"<#{CHANNEL}>" in outsider
    assert "Sealed levee report" not in outsider and PRIVATE not in outsider

    member = open_home(slack, slack_api, USER)
    assert "Sealed levee report" in member and STORY_TITLE in member
    assert f"{PRIVATE}:off" in member  # the private channel's switch


def test_app_home_shows_nothing_when_slack_cannot_say_who_is_where(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    share_story(slack, slack_api, page_server)
    slack_api.fail("users.conversations", "internal_error")
    shown = open_home(slack, slack_api, USER)
    assert "Slack did not tell me" in shown
    assert STORY_TITLE not in shown


def test_a_switch_pressed_by_someone_outside_the_channel_is_refused(
    slack: SlackSender, slack_api: FakeSlackApi, services: Services
) -> None:
    shown = press_switch(slack, slack_api, OUTSIDER, f"{CHANNEL}:off")
    assert f"Only members of <#{CHANNEL}> and workspace admins" in shown
    assert services.prefs.auto_replies(CHANNEL) is True
    time.sleep(QUIET_SECONDS)
    assert slack_api.calls_to("chat.postMessage") == []


def test_a_workspace_admin_may_switch_a_channel_they_are_not_in(
    slack: SlackSender, slack_api: FakeSlackApi, services: Services
) -> None:
    slack_api.admins = {ADMIN}
    press_switch(slack, slack_api, ADMIN, f"{CHANNEL}:off")
    assert services.prefs.auto_replies(CHANNEL) is False
    (notice,) = slack_api.wait_for("chat.postMessage")
    assert notice.args["text"].startswith(f"<@{ADMIN}> turned automatic replies off")


def test_a_membership_slack_cannot_confirm_counts_as_not_allowed(
    slack: SlackSender, slack_api: FakeSlackApi, services: Services
) -> None:
    slack_api.fail("users.conversations", "internal_error")
    slack_api.drop_connection("users.info", times=100)
    shown = press_switch(slack, slack_api, USER, f"{CHANNEL}:off")
    assert "Only members of" in shown and "try again in a minute" in shown
    assert services.prefs.auto_replies(CHANNEL) is True


def test_only_members_and_admins_may_change_or_post_a_channels_digest(
    slack: SlackSender, slack_api: FakeSlackApi, services: Services
) -> None:
    slack_api.admins = {ADMIN}
    for text in ("digest off", "digest now"):
        slack.command(text, slack_api.response_url(text.replace(" ", "-")), user=OUTSIDER)
    (refused_off,) = slack_api.wait_for("response:digest-off")
    (refused_now,) = slack_api.wait_for("response:digest-now")
    assert refused_off.args["response_type"] == "ephemeral"
    assert "can change newsbot's settings there" in refused_off.args["text"]
    assert "can post its digest" in refused_now.args["text"]
    assert services.prefs.digest_schedule(CHANNEL).enabled is True

    slack.command("digest status", slack_api.response_url("status"), user=OUTSIDER)
    (status,) = slack_api.wait_for("response:status")
    assert "This channel's digest: 09:00 UTC" in status.args["text"]
    assert slack_api.calls_to("chat.postMessage") == []

    slack.command("digest weekdays", slack_api.response_url("admin"), user=ADMIN)
    slack_api.wait_for("response:admin")
    assert services.prefs.digest_schedule(CHANNEL).days == "weekdays"
    (notice,) = slack_api.calls_to("chat.postMessage")
    assert notice.args["text"] == f"<@{ADMIN}> set this channel's digest to weekdays at 09:00 UTC."


def test_digest_schedule_is_set_and_reported(
    slack: SlackSender, slack_api: FakeSlackApi, services: Services
) -> None:
    ack = slack.command("digest at 08:30 Asia/Hong_Kong", slack_api.response_url("at"))
    assert ack.status_code == 200
    (answer,) = slack_api.wait_for("response:at")
    assert "08:30 Asia/Hong_Kong, every day" in answer.args["text"]
    assert services.prefs.digest_schedule(CHANNEL).zone == "Asia/Hong_Kong"

    slack.command("digest weekdays", slack_api.response_url("weekdays"))
    (answer,) = slack_api.wait_for("response:weekdays")
    assert "08:30 Asia/Hong_Kong, on weekdays" in answer.args["text"]

    slack.command("digest off", slack_api.response_url("off"))
    slack_api.wait_for("response:off")
    assert [notice.args["text"] for notice in slack_api.calls_to("chat.postMessage")] == [
        f"<@{USER}> set this channel's digest to daily at 08:30 Asia/Hong_Kong.",
        f"<@{USER}> set this channel's digest to weekdays at 08:30 Asia/Hong_Kong.",
        f"<@{USER}> turned this channel's digest off.",
    ]
    slack.command("digest status", slack_api.response_url("status"))
    (answer,) = slack_api.wait_for("response:status")
    assert "digest is off" in answer.args["text"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("digest at 25:99", "24-hour time"),
        ("digest at 09:00 Atlantis/Capital", "not a time zone I know"),
        ("digest whenever", "don't understand"),
    ],
)
def test_a_bad_digest_time_or_zone_gets_an_example(
    text: str, says: str, slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    slack.command(text, slack_api.response_url("bad"))
    (answer,) = slack_api.wait_for("response:bad")
    assert answer.args["response_type"] == "ephemeral"
    assert says in answer.args["text"]
    assert "/newsbot digest at 08:30 Asia/Hong_Kong" in answer.args["text"]


def test_digest_now_posts_the_period_so_far(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer, services: Services
) -> None:
    services.prefs.set_digest_schedule(
        CHANNEL, replace(services.prefs.digest_schedule(CHANNEL), time="00:00", zone="UTC")
    )
    share_story(slack, slack_api, page_server)
    slack.command("digest now", slack_api.response_url("now"))
    digest = slack_api.wait_for("chat.postMessage", count=2)[1]
    assert STORY_TITLE in blocks_text(digest.args)
    assert digest.args["unfurl_links"] is False
    (chart,) = slack_api.wait_for("files.completeUploadExternal")
    assert chart.args["thread_ts"] == digest.response["ts"]


def test_digest_now_with_nothing_shared_says_so(
    slack: SlackSender, slack_api: FakeSlackApi
) -> None:
    slack.command("digest now", slack_api.response_url("empty"))
    (answer,) = slack_api.wait_for("response:empty")
    assert "Nothing was shared" in answer.args["text"]
    assert slack_api.calls_to("chat.postMessage") == []


def test_a_cached_link_is_answered_at_once_while_analyses_queue_up(
    slack: SlackSender, slack_api: FakeSlackApi, page_server: PageServer
) -> None:
    """Inline mode: analyses run on a pool of their own, so a burst of slow pages (more than
    Bolt's ten listener threads) does not hold up an answer that needs no analysis."""
    share_story(slack, slack_api, page_server)
    slow = [page_server.add(f"/slow/{i}", news_page(), delay=3.0) for i in range(12)]
    for url in slow:
        slack.event(message_event(f"<{url}>", channel="C0000002"))
    started = time.monotonic()
    cached = message_event(f"<{page_server.url('/news/flood')}>", channel="C0000003")
    slack.event(cached)
    deadline = started + 10
    while not [
        c for c in slack_api.calls_to("chat.postMessage") if c.args.get("thread_ts") == cached["ts"]
    ]:
        assert time.monotonic() < deadline, "the cached answer never came"
        time.sleep(0.02)
    assert time.monotonic() - started < 2.5  # before even the first slow page has answered
