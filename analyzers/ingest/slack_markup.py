"""What a person sees of Slack-formatted text: one cleaner for every path that takes a paste.

Text reaches newsbot in Slack's wire format when it comes from Slack (a message, a slash
command, a shortcut) and, often, in Slack's typed format when a journalist copies a message
from Slack and pastes it into `newsbot analyze -`. Either way the markup must go before the
text is read as an article, or ``<https://x|label>`` ends up in the evidence shown to editors
and ``>`` quote markers in front of every quoted sentence. Both paths call `plain_text`, so a
paste gives the same analysis wherever it was pasted.

What is removed (https://api.slack.com/reference/surfaces/formatting):

* links ``<https://x|label>`` -> ``label``, ``<https://x>`` -> ``https://x`` (any scheme:
  mailto:, tel: too); user mentions ``<@U123>`` -> nothing; channels ``<#C123|name>`` ->
  ``#name``; special mentions and dates ``<!here>``, ``<!date^...|fallback>`` -> their
  fallback text or nothing;
* the entities Slack escapes, ``&amp;`` ``&lt;`` ``&gt;``, decoded in one pass (so
  ``&amp;lt;`` is ``&lt;``, as the person typed it);
* blockquote markers ``>``, ``>>>`` or ``&gt;`` at the start of a line, code fences, and the
  emphasis marks ``*bold*``, ``_italic_``, ``~strike~`` and ``**bold**`` as typed.

Only markup Slack itself would produce is touched: ``a <b> c`` (no scheme) and a bullet
``* point`` (a star followed by a space) stay, and ``snake_case`` or a URL's underscores are
not emphasis, because Slack only reads a mark at a word boundary.
"""

from __future__ import annotations

import re

# <scheme:target|label>, <@U123|name>, <#C123|name>, <!here>, <!subteam^S1|@team>.
_ANGLE = re.compile(r"<([@#!]|[a-zA-Z][a-zA-Z0-9+.-]*:)([^<>|\s]*)(?:\|([^<>]*))?>")
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^<>]*)?>")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_QUOTE = re.compile(r"^[ \t]*(?:(?:>|&gt;)[ \t]?)+", re.MULTILINE)
_FENCE = re.compile(r"```")
# An emphasis mark opens after a line start, space or punctuation and before a non-space; it
# closes after a non-space and before a space, punctuation or the line end. The marked text
# holds no mark of its own kind and is bounded, so a line of stray marks costs linear time.
_EMPHASIS = tuple(
    re.compile(rf"(?<![\w{own}]){mark}(?=\S)([^\n{own}]{{0,300}}?\S){mark}(?![\w{own}])")
    for mark, own in ((r"\*\*", r"\*"), (r"\*", r"\*"), ("_", "_"), ("~", "~"))
)
_INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")


def plain_text(text: str) -> str:
    """``text`` as Slack would show it, without mentions: labels for links, ``#name`` for
    channels, no quote markers or emphasis marks, entities decoded."""
    text = _ANGLE.sub(_shown, text)
    text = _QUOTE.sub("", text)
    text = _FENCE.sub("", text)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _unemphasised(text)
    return unescape(text).strip()


def without_mentions(text: str) -> str:
    """``text`` with ``<@U123>`` user mentions removed (what the bot was addressed with)."""
    return _MENTION.sub("", text).strip()


def unescape(text: str) -> str:
    """Slack's three entities decoded, in one pass."""
    return _ENTITY.sub(lambda match: _ENTITIES[match.group(1)], text)


def _shown(match: re.Match[str]) -> str:
    kind, target, label = match.group(1), match.group(2), match.group(3)
    if kind == "@":
        return ""
    if kind == "#":
        return f"#{label}" if label else ""
    if kind == "!":
        return label or ""
    return label or kind + target


def _unemphasised(text: str) -> str:
    """Emphasis marks removed, outer kinds first (``*_both_*`` has two)."""
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return text
