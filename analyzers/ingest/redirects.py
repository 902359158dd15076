"""Following a redirect by hand: where it points, and the cookies it sets for the next hop.

The fetcher follows redirects itself (each hop's address is checked before it is requested),
so what httpx would do for a redirect is done here.
"""

from __future__ import annotations

import httpx

from analyzers.ingest.links import WebLink

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def redirect_location(response: httpx.Response) -> str | None:
    if response.status_code in REDIRECT_STATUSES:
        return response.headers.get("location") or None
    return None


def keep_cookies(cookies: httpx.Cookies, target: WebLink, response: httpx.Response) -> None:
    """Remember cookies set during redirects, keyed by host name (the request went to the IP).

    Some news sites set a cookie and redirect to themselves to check it; without this they
    redirect forever. Cookies live for one fetch only, so nothing leaks between links.
    """
    if "set-cookie" in response.headers:
        named = httpx.Request("GET", target.url)
        cookies.extract_cookies(httpx.Response(302, headers=response.headers, request=named))


def cookie_header(cookies: httpx.Cookies, target: WebLink) -> str | None:
    if not cookies:
        return None
    request = httpx.Request("GET", target.url)
    cookies.set_cookie_header(request)
    cookie: str | None = request.headers.get("cookie")
    return cookie
