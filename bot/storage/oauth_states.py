"""The OAuth `state` of installs under way, in newsbot's store: Bolt issues one when someone
opens /slack/install and consumes it when Slack sends them back to /slack/oauth_redirect.

Why in the store: the redirect may reach another web process than the one that issued the
state, and a state must work once only (a replayed redirect is refused), so the check is a
single read-and-delete that every process shares. States expire unused after their TTL.
"""

from __future__ import annotations

import logging
import secrets
from logging import Logger
from typing import Any

from slack_sdk.oauth.state_store import OAuthStateStore

from bot.storage.store import Store

log = logging.getLogger(__name__)


class StoreOAuthStateStore(OAuthStateStore):
    def __init__(self, store: Store, expiration_seconds: int) -> None:
        self._store = store
        self._ttl = expiration_seconds

    @property
    def logger(self) -> Logger:
        return log

    def issue(self, *args: Any, **kwargs: Any) -> str:
        """A new unguessable state, remembered for the TTL."""
        state = secrets.token_urlsafe(24)
        self._store.claim(_key(state), self._ttl)
        return state

    def consume(self, state: str) -> bool:
        """True once for a state this app issued and that has not expired."""
        return self._store.take(_key(state)) is not None


def _key(state: str) -> str:
    return f"oauth_state:{state}"
