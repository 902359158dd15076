"""The Web API client that counts what it posts and how Slack calls fail, for the metrics.

Every Web API call of the bot goes through `WebClient.api_call`, after the client's retries
(rate limits, 5xx, dropped connections): counting there sees each reply once and each final
failure once, by Slack's error code, without touching the listeners that make the calls.
A message posted while a digest job runs counts as a digest message, not a reply.

Bolt hands each listener a client of its own, a plain WebClient built per request from the
app's; `observe_listener_clients` is a global middleware that swaps it for a counting copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from bot.observability.log_context import current_fields
from bot.observability.metrics import Metrics

REPLY_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.unfurl"})


class ObservedWebClient(WebClient):
    def __init__(self, *args: Any, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = metrics

    @classmethod
    def like(cls, client: WebClient, metrics: Metrics) -> ObservedWebClient:
        """A counting copy of ``client``: the attributes Bolt copies into a request's client."""
        return cls(
            metrics=metrics,
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            ssl=client.ssl,
            proxy=client.proxy,
            headers=client.headers,
            team_id=client.default_params.get("team_id"),
            logger=client.logger,
            retry_handlers=list(client.retry_handlers),
        )

    def __deepcopy__(self, memo: dict[int, Any]) -> ObservedWebClient:
        """Bolt deep-copies a request for its lazy listeners: the copy shares the metrics (a
        store's connections cannot be copied, and need not be)."""
        return ObservedWebClient.like(self, self.metrics)

    def api_call(
        self,
        api_method: str,
        *,
        http_verb: str = "POST",
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        auth: dict[str, Any] | None = None,
    ) -> SlackResponse:
        try:
            response = super().api_call(
                api_method,
                http_verb=http_verb,
                files=files,
                data=data,
                params=params,
                json=json,
                headers=headers,
                auth=auth,
            )
        except SlackApiError as exc:
            self.metrics.failed(f"slack:{_error_code(exc.response)}")
            raise
        except (SlackClientError, OSError):
            self.metrics.failed("slack:connection")
            raise
        if api_method in REPLY_METHODS:
            self.metrics.reply_posted(digest=current_fields().get("job") == "digest")
        return response


def _error_code(response: SlackResponse) -> str:
    if response.status_code != 200:
        return f"http_{response.status_code}"
    return str(response.get("error", "unknown_error"))


def observe_listener_clients(
    metrics: Metrics,
) -> Callable[[BoltRequest, Callable[[], None]], BoltResponse | None]:
    """A global Bolt middleware: the request's client (the listeners' ``client``) counts."""

    def observe(req: BoltRequest, next_: Callable[[], None]) -> BoltResponse | None:
        client = req.context.client
        if client is not None and not isinstance(client, ObservedWebClient):
            req.context["client"] = ObservedWebClient.like(client, metrics)
        next_()
        return None

    return observe
