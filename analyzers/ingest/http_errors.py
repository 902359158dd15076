"""What a failed fetch says to the person: transport errors and HTTP statuses as sentences.

httpx's exceptions and a status code mean nothing to someone who shared a link; each becomes
one of ``analyzers.errors``' FetchError classes with a sentence that can be shown as is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus

import httpx

from analyzers.errors import FetchError, FetchTimeout, HTTPStatusError, Unreachable
from analyzers.ingest.deadline import Deadline, deadline_passed, seconds_text
from analyzers.ingest.links import WebLink
from analyzers.ingest.redirects import REDIRECT_STATUSES

_STATUS_HINTS = {
    401: "the page needs a login",
    402: "often a paywall",
    403: "often a paywall or a block on bots",
    410: "the page was removed",
    429: "the site is limiting requests; try again later",
}


@contextmanager
def translate_errors(target: WebLink, deadline: Deadline) -> Iterator[None]:
    """httpx's transport errors as sentences; ConnectError is left to the address fallback."""
    try:
        yield
    except httpx.ConnectError:
        raise
    except httpx.TransportError as exc:
        limits = deadline.limits
        if deadline.expired:
            raise deadline_passed(deadline) from None
        if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
            raise FetchTimeout(
                f"Could not connect to {target.host} within {seconds_text(limits.connect_timeout)}."
            ) from None
        if isinstance(exc, httpx.TimeoutException):
            raise FetchTimeout(
                f"The site did not answer within {seconds_text(limits.read_timeout)}."
            ) from None
        raise Unreachable(
            f"The connection to {target.host} broke off before the page was received."
        ) from None


def connect_failure(target: WebLink, failure: httpx.ConnectError | None) -> FetchError:
    if failure is not None and "CERTIFICATE_VERIFY_FAILED" in str(failure):
        return Unreachable(f"The site {target.host} has an invalid security certificate.")
    return Unreachable(f"Could not connect to {target.host}.")


def check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = response.reason_phrase
    hint = _STATUS_HINTS.get(status)
    if hint is None and status >= 500:
        hint = "a problem on the site's side; try again later"
    elif hint is None and status in REDIRECT_STATUSES:
        hint = "without saying where to"
    said = f"{status} {phrase}".strip()
    raise HTTPStatusError(f"The site answered {said}{f' ({hint})' if hint else ''}.", status)
