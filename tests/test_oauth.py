"""Many workspaces end to end: two newsrooms install newsbot through the OAuth v2 flow
(/slack/install -> Slack's consent page with a state cookie -> /slack/oauth_redirect with the
code, which the bot exchanges at the fake Slack's oauth.v2.access), share links in the same
channel id, and each gets its replies with its own token and keeps its own history; one
uninstalls: its token and data are gone, the other goes on. Redis is real."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import redis
from pydantic import SecretStr
from spacy.language import Language

from bot.compose import build_app
from bot.digest.scheduler import SYNC_JOB_ID, DigestScheduler, WorkspaceDigests, build_scheduler
from bot.services import Services, build_services
from bot.slack.oauth import INSTALL_PATH, REDIRECT_PATH
from bot.slack.workspaces import InstalledWorkspaces
from bot.storage.installations import StoreInstallationStore
from config.scopes import BOT_SCOPES
from config.settings import Settings, SlackSettings
from tests.fakes.articles import STORY_TITLE, news_page
from tests.fakes.bot_server import RunningBot
from tests.fakes.slack_api import CHANNEL, FakeSlackApi
from tests.fakes.slack_requests import SlackSender, message_event
from tests.fakes.web_pages import PageServer

pytestmark = pytest.mark.model

SECRET = "test-signing-secret"
CLIENT_SECRET = "test-client-secret"
NEWSDESK, SPORTSDESK = "T0NEWS001", "T0SPORT01"
STATE_COOKIE = "slack-app-oauth-state"
QUIET_SECONDS = 0.5


@pytest.fixture
def services(
    settings: Settings, slack_api: FakeSlackApi, page_server: PageServer, nlp: Language
) -> Iterator[Services]:
    configured = settings.model_copy(
        update={
            "allow_hosts": frozenset({page_server.host_port}),
            "slack": SlackSettings(
                client_id=slack_api.client_id,
                client_secret=SecretStr(CLIENT_SECRET),
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
def bot(services: Services) -> Iterator[RunningBot]:
    running = RunningBot(build_app(services)).start()
    yield running
    running.stop()


@pytest.fixture
def slack(bot: RunningBot) -> Iterator[SlackSender]:
    sender = SlackSender(bot.base_url, SECRET)
    yield sender
    sender.close()


@pytest.fixture
def browser(bot: RunningBot) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=bot.base_url, timeout=10) as client:
        yield client


def install(browser: httpx.Client, slack_api: FakeSlackApi, team: str) -> str:
    """What a person's browser does: open /slack/install, consent on Slack (which sends them
    back with a code), follow the redirect with the state cookie. The team's bot token."""
    started = browser.get(INSTALL_PATH)
    assert started.status_code == 302
    consent = urlparse(started.headers["Location"])
    query = parse_qs(consent.query)
    assert (consent.netloc, consent.path) == ("slack.com", "/oauth/v2/authorize")
    assert query["client_id"] == [slack_api.client_id]
    assert sorted(query["scope"][0].split(",")) == sorted(BOT_SCOPES)
    state = query["state"][0]
    cookie = started.headers["Set-Cookie"]
    assert cookie.startswith(f"{STATE_COOKIE}={state};") and "HttpOnly" in cookie
    code = f"code-{team}"
    token = slack_api.expect_install(code, team)
    back = browser.get(
        REDIRECT_PATH,
        params={"code": code, "state": state},
        headers={"Cookie": f"{STATE_COOKIE}={state}"},
    )
    assert back.status_code == 200, back.text
    return token


def share(slack: SlackSender, page_server: PageServer, team: str, path: str) -> str:
    url = page_server.add(path, news_page())
    assert slack.event(message_event(f"<{url}>", team=team), team=team).status_code == 200
    return url


def replies_with(slack_api: FakeSlackApi, token: str) -> list[str]:
    """The channels newsbot replied in with ``token``, one entry per reply."""
    return [c.args["channel"] for c in slack_api.answered("chat.postMessage") if c.token == token]


def team_keys(redis_client: redis.Redis, services: Services, team: str) -> list[bytes]:
    return list(redis_client.scan_iter(match=f"{services.settings.redis_prefix}team:{team}:*"))


def wait_until_gone(installs: StoreInstallationStore, team: str) -> None:
    deadline = time.monotonic() + 10
    while installs.find_bot(enterprise_id=None, team_id=team) is not None:
        assert time.monotonic() < deadline, f"{team}'s installation is still there"
        time.sleep(0.05)


def test_two_workspaces_install_share_apart_and_one_uninstalls(
    services: Services,
    slack: SlackSender,
    browser: httpx.Client,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    redis_client: redis.Redis,
) -> None:
    news_token, sport_token = (install(browser, slack_api, t) for t in (NEWSDESK, SPORTSDESK))
    assert [c.ok for c in slack_api.calls_to("oauth.v2.access")] == [True, True]
    installs = StoreInstallationStore(services.store, slack_api.client_id)
    found = installs.find_bot(enterprise_id=None, team_id=NEWSDESK)
    assert found is not None and found.bot_token == news_token

    # The same link in the same channel id in both workspaces: two analyses, no "already
    # shared here" pointer across workspaces, each reply with its workspace's token.
    share(slack, page_server, NEWSDESK, "/news/flood")
    slack_api.wait_for("chat.postMessage")
    share(slack, page_server, SPORTSDESK, "/news/flood")
    slack_api.wait_for("chat.postMessage", count=2)
    assert replies_with(slack_api, news_token) == [CHANNEL]
    assert replies_with(slack_api, sport_token) == [CHANNEL]
    texts = [str(c.args["text"]) for c in slack_api.calls_to("chat.postMessage")]
    assert [t.startswith(STORY_TITLE) for t in texts] == [True, True]  # no "Already shared"
    now = time.time()
    news, sport = services.for_team(NEWSDESK), services.for_team(SPORTSDESK)
    assert len(news.history.between(CHANNEL, now - 60, now)) == 1
    assert len(sport.history.between(CHANNEL, now - 60, now)) == 1
    assert services.history.between(CHANNEL, now - 60, now) == []  # nothing unscoped
    assert team_keys(redis_client, services, NEWSDESK)

    # The newsdesk uninstalls: its token and its data go, the sports desk's stay.
    slack_api.revoke(NEWSDESK)
    uninstalled = {"type": "app_uninstalled", "event_ts": str(now)}
    assert slack.event(uninstalled, team=NEWSDESK).status_code == 200
    wait_until_gone(installs, NEWSDESK)
    deadline = time.monotonic() + 10
    while team_keys(redis_client, services, NEWSDESK) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert team_keys(redis_client, services, NEWSDESK) == []
    assert installs.find_installation(enterprise_id=None, team_id=NEWSDESK) is None
    assert news.history.between(CHANNEL, now - 60, now) == []
    assert len(sport.history.between(CHANNEL, now - 60, now)) == 1

    share(slack, page_server, SPORTSDESK, "/news/second")
    share(slack, page_server, NEWSDESK, "/news/third")
    slack_api.wait_for("chat.postMessage", count=3)
    time.sleep(QUIET_SECONDS)
    assert replies_with(slack_api, sport_token) == [CHANNEL, CHANNEL]
    assert replies_with(slack_api, news_token) == [CHANNEL]  # nothing since it left
    # auth.test: once when installing, once when first authorizing (then remembered)
    assert len([c for c in slack_api.calls_to("auth.test") if c.token == sport_token]) == 2
    assert team_keys(redis_client, services, NEWSDESK) == []


def test_a_revoked_bot_token_removes_the_workspace_too(
    services: Services,
    slack: SlackSender,
    browser: httpx.Client,
    slack_api: FakeSlackApi,
    page_server: PageServer,
    redis_client: redis.Redis,
) -> None:
    install(browser, slack_api, NEWSDESK)
    share(slack, page_server, NEWSDESK, "/news/flood")
    slack_api.wait_for("chat.postMessage")
    revoked = {"type": "tokens_revoked", "tokens": {"bot": ["UBOT0001"]}}
    assert slack.event(revoked, team=NEWSDESK).status_code == 200
    wait_until_gone(StoreInstallationStore(services.store, slack_api.client_id), NEWSDESK)
    deadline = time.monotonic() + 10
    while team_keys(redis_client, services, NEWSDESK) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert team_keys(redis_client, services, NEWSDESK) == []


def test_an_install_is_refused_without_its_state_or_with_one_used_before(
    browser: httpx.Client, slack_api: FakeSlackApi, services: Services
) -> None:
    started = browser.get(INSTALL_PATH)
    state = parse_qs(urlparse(started.headers["Location"]).query)["state"][0]
    slack_api.expect_install("code-1", NEWSDESK)
    no_cookie = browser.get(REDIRECT_PATH, params={"code": "code-1", "state": state})
    assert no_cookie.status_code == 400
    cookie = {"Cookie": f"{STATE_COOKIE}={state}"}
    params = {"code": "code-1", "state": state}
    assert browser.get(REDIRECT_PATH, params=params, headers=cookie).status_code == 200
    slack_api.expect_install("code-2", SPORTSDESK)
    again = browser.get(REDIRECT_PATH, params={**params, "code": "code-2"}, headers=cookie)
    assert again.status_code == 401  # a state works once: code-2 is never exchanged
    assert [c.args["code"] for c in slack_api.calls_to("oauth.v2.access")] == ["code-1"]
    installs = StoreInstallationStore(services.store, slack_api.client_id)
    assert installs.find_bot(enterprise_id=None, team_id=SPORTSDESK) is None


def test_each_workspace_gets_its_scheduled_digests_with_its_own_token(
    services: Services,
    slack: SlackSender,
    browser: httpx.Client,
    slack_api: FakeSlackApi,
    page_server: PageServer,
) -> None:
    install(browser, slack_api, NEWSDESK)
    sport_token = install(browser, slack_api, SPORTSDESK)
    share(slack, page_server, NEWSDESK, "/news/flood")
    share(slack, page_server, SPORTSDESK, "/sport/final")
    slack_api.wait_for("chat.postMessage", count=2)
    workspaces = InstalledWorkspaces(services.settings.slack, services.store)
    assert workspaces.teams() == [NEWSDESK, SPORTSDESK]
    scheduler = build_scheduler(services)
    clock = DigestScheduler(scheduler, services, workspaces.client(None), workspaces)
    clock.start(paused=True)
    try:
        jobs = {job.id: job.args for job in scheduler.get_jobs() if job.id != SYNC_JOB_ID}
        assert jobs == {
            f"digest:{NEWSDESK}:{CHANNEL}": (CHANNEL, NEWSDESK),
            f"digest:{SPORTSDESK}:{CHANNEL}": (CHANNEL, SPORTSDESK),
        }
        tomorrow = time.time() + 24 * 3600  # the next run's period holds today's shares
        before = len(slack_api.calls_to("chat.postMessage"))
        assert WorkspaceDigests(services, workspaces, clock=lambda: tomorrow).run_scheduled(
            CHANNEL, SPORTSDESK
        )
        digest = slack_api.calls_to("chat.postMessage")[before:]  # the top message, its thread
        assert digest and {c.token for c in digest} == {sport_token}
        posted = " ".join(str(c.args["blocks"]) for c in digest)
        assert "/sport/final" in posted
        assert "/news/flood" not in posted  # the newsdesk's share stays in its own digest

        # The sports desk leaves: its digest job goes at the next sync.
        slack_api.revoke(SPORTSDESK)
        left = {"type": "app_uninstalled", "event_ts": str(time.time())}
        assert slack.event(left, team=SPORTSDESK).status_code == 200
        wait_until_gone(StoreInstallationStore(services.store, slack_api.client_id), SPORTSDESK)
        clock.sync_channels()
        remaining = {job.id for job in scheduler.get_jobs() if job.id != SYNC_JOB_ID}
        assert remaining == {f"digest:{NEWSDESK}:{CHANNEL}"}
    finally:
        clock.shutdown()
        for job in scheduler.get_jobs():
            scheduler.remove_job(job.id)
