"""newsbot's analysis, from a source to an `Analysis` record; nothing here knows Slack or Redis.

httpx (links, fetching) imports its own command-line client on import, and with it rich and
click: a fifth of the time of a cached `newsbot analyze`. newsbot never runs that client, so
it is marked absent here, before any analyzer imports httpx, and httpx puts a stub in its place.
"""

import sys

sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
