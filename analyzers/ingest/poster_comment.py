"""The poster's own words above a pasted article ("Worth a read before the 11am meeting:").

Journalists rarely paste an article bare: a line for colleagues comes first. It is not the
headline and not article text, so taking it for either puts the poster's view into the
analysis. A headline is title-cased or a short declarative line without a trailing colon;
a comment gives itself away by how it talks to people, so these are the signs, each one
about the shape of chat, not about any one message:

* strong (enough alone): it ends with a colon (it introduces what follows); it holds a link;
  it is short and holds an emoji or an @mention, or starts in lower case ("thoughts?", where
  a chatty blog post's long first paragraph is text); it opens like chat ("FYI",
  "ICYMI", "h/t", "Hi all,", "Worth a read", "Thoughts"); it judges the piece as a piece
  ("Great piece from the FT on ...");
* weak (only when a headline-shaped line follows, so that it cannot be the headline itself):
  it speaks in the first or second person ("Should we follow this up?").
"""

from __future__ import annotations

import re

MAX_WORDS = 30  # longer than a chat line: article text
CHATTY_WORDS = 15  # an emoji, an @mention or a lower-case start marks a line this short only

_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMOJI = re.compile(r":[a-z0-9_+'-]+:|[\u2190-\u21ff\u2600-\u27bf\U0001f000-\U0001faff]")
_AT_MENTION = re.compile(r"(?<![\w.])@[A-Za-z][\w.-]*")
_TRAILING_DECORATION = re.compile(
    r"(?:\s|:[a-z0-9_+'-]+:|[\u2190-\u21ff\u2600-\u27bf\ufe0f\U0001f000-\U0001faff])+$"
)
_LOWER_START = re.compile(r"^[^\w]*[a-z](?![a-z]*[A-Z])")  # "thoughts?", not "iPhone sales"
_CHAT_OPENER = re.compile(
    r"^\W*(?:fyi|psa|icymi|nb|h/t|ht|hat tip|cc|heads[ -]up|hey|hi|hello|good morning|"
    r"(?:morning|afternoon|evening|hi|hey|hello)\s+(?:all|team|folks|everyone|guys|y'all)|"
    r"(?:all|team|folks|everyone|guys)\s*[,!:—–-]|worth (?:a|the) (?:read|look|listen|watch)|"
    r"worth reading|worth flagging|(?:any )?thoughts\b|has anyone|did anyone|anyone (?:seen|"
    r"read|know)|pasting|pasted|paywalled|sharing (?:this|the)|flagging|for (?:those|anyone) "
    r"(?:who|without|not))",
    re.IGNORECASE,
)
_ABOUT_THE_PIECE = re.compile(
    r"\b(?:good|great|interesting|fascinating|excellent|important|useful|smart|sharp|strong|"
    r"brilliant|terrible|awful|worrying|wild|must)\s+(?:\w+\s+){0,2}?(?:piece|read|article|"
    r"story|op-?ed|column|take|thread|interview|analysis|write-?up|scoop|report)\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(
    r"\b(?:I|I'm|I've|I'd|me|my|we|we're|we've|us|our|you|your|you're|let's)\b", re.IGNORECASE
)


def is_poster_comment(line: str, headline_follows: bool) -> bool:
    """Whether ``line``, at the top of a paste, is the poster talking to colleagues;
    ``headline_follows`` says whether the next line of the paste looks like a headline."""
    if len(line.split()) > MAX_WORDS:
        return False
    return _strong(line) or (headline_follows and bool(_PERSONAL.search(line)))


def _strong(line: str) -> bool:
    bare = _TRAILING_DECORATION.sub("", line)
    chatty = len(line.split()) <= CHATTY_WORDS and any(
        pattern.search(line) for pattern in (_EMOJI, _AT_MENTION, _LOWER_START)
    )
    return (
        chatty
        or bare.endswith(":")
        or bool(_LINK.search(line))
        or any(pattern.search(bare) for pattern in (_CHAT_OPENER, _ABOUT_THE_PIECE))
    )
