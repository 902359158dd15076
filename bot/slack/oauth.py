"""Installing newsbot into many workspaces: Slack's OAuth v2 flow through Bolt's own support.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set, GET /slack/install sends a person to Slack's
consent page (with a one-time state, also set as a cookie in their browser) and Slack sends them
back to GET /slack/oauth_redirect with a code, which Bolt exchanges (`oauth.v2.access`, on the
same Web API base URL as every other call, so SLACK_API_URL reaches a fake Slack in tests) for
the workspace's bot token. Installations and states are kept in newsbot's store, never on local
disk, so any web process can finish an install another began and every process answers every
workspace; Bolt's `authorize` then gives each request the token of the team it came from.

Without them, the app runs as before on the one SLACK_BOT_TOKEN.
"""

from __future__ import annotations

from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot.storage.installations import StoreInstallationStore
from bot.storage.oauth_states import StoreOAuthStateStore
from bot.storage.store import Store
from config.scopes import BOT_SCOPES
from config.sections import SlackSettings

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600  # how long someone may take on Slack's consent page


def oauth_settings(slack: SlackSettings, store: Store) -> OAuthSettings | None:
    """Bolt's OAuth settings on ``store`` (the shared one, not a team's view: installations are
    looked up before the team is known), or None in single-workspace mode."""
    if not slack.multi_workspace:
        return None
    slack.require_oauth()
    assert slack.client_id is not None and slack.client_secret is not None
    settings = OAuthSettings(
        client_id=slack.client_id,
        client_secret=slack.client_secret.get_secret_value(),
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # /slack/install redirects straight to Slack's consent page (no page of our own)
        install_page_rendering_enabled=False,
        installation_store=StoreInstallationStore(store, slack.client_id),
        state_store=StoreOAuthStateStore(store, STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
    )
    # Bolt's authorize would ask Slack's auth.test about the token on every request; the answer
    # (bot user and id) is kept per token instead. A removed installation is looked up first
    # and found missing, so a revoked token is never served from this memory.
    settings.authorize.cache_enabled = True  # type: ignore[attr-defined]
    return settings
