"""The bot scopes newsbot asks for, once: the OAuth install asks for these, and
config/manifest.yml lists the same (tests/test_manifest.py holds the two together), so an app
created from the manifest and one installed through /slack/install can do the same things."""

from __future__ import annotations

BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:read",
    "links:read",
    "links:write",
    "mpim:history",
    "mpim:read",
    "users:read",
)
