"""Every sentence newsbot says to people in Slack, in one place."""

from __future__ import annotations

HELP = (
    "*newsbot* tells you who an article is about and how it portrays them.\n"
    "• Share an article link in a channel I am in: I reply in the thread.\n"
    "• `/newsbot analyze <link or pasted article>`: analyse it and post the result here; "
    "`/newsbot analyze --private <…>` shows it only to you.\n"
    "• `/newsbot entity <name>`: how that person, organisation or place was portrayed in the "
    "articles shared here over the last 7 days.\n"
    "• Message menu → *Analyze with newsbot*: analyse a pasted article or the links in a message.\n"
    "• Mention me with a link or an article: `@newsbot <link>`.\n"
    "• `/newsbot digest at 08:30 Asia/Hong_Kong`, `digest on|off|daily|weekdays`, "
    "`digest now`, `digest status`: this channel's daily digest.\n"
    "• `/newsbot help`: this message. Automatic replies can be switched off per channel in my "
    "App Home."
)
WORKING = "Working on it… I will post the analysis in a few seconds."
ANALYZE_USAGE = "Give me a link or paste an article: `/newsbot analyze https://…`"
ENTITY_USAGE = "Which entity? For example: `/newsbot entity Xi Jinping`"
UNKNOWN_SUBCOMMAND = "I don't know `/newsbot {subcommand}`.\n\n" + HELP
LOOKING_UP = "Looking through this channel's articles of the last {days} days…"
NOTHING_TO_ANALYZE = "That message has no article link or article text for me to analyse."
FAILED = "I couldn't analyse {what}: {reason}"
INTERNAL_ERROR = "Something went wrong on my side while analysing {what}; the team has been told."
INTERNAL_REASON = "newsbot failed on it (an error on its side)"
KEPT_FAILING = "I couldn't analyse {what}, though I tried several times: {reason}"
BUSY = (
    "I'm busy: {waiting} requests are ahead of yours. Expect my answer in about {minutes} "
    "minute(s)."
)
TOO_BUSY = (
    "I'm too busy to take {what} now ({waiting} requests are waiting). Please ask again in a "
    "few minutes."
)
QUEUE_UNAVAILABLE = (
    "I couldn't take {what} just now (my work queue is unavailable). Please ask again in a minute."
)
NOT_POSTED_IN_CHANNEL = (
    "I couldn't post my reply in the channel (Slack did not accept it, even after retrying), "
    "so here it is only for you."
)
DIGEST_STATUS = "This channel's digest: {schedule}. Next one: {next}."
DIGEST_OFF = (
    "This channel's digest is off. `/newsbot digest on` turns it back on; "
    "`/newsbot digest at 08:30 Asia/Hong_Kong` sets the time."
)
NOT_SAVED = "I couldn't save that just now (my storage is unavailable); please try again."
_OR_RETRY = (
    " If you are one, Slack may not have answered me just now: please try again in a minute."
)
SETTINGS_NOT_ALLOWED = (
    "Only members of <#{channel}> and workspace admins can change newsbot's settings there."
    + _OR_RETRY
)
DIGEST_NOW_NOT_ALLOWED = (
    "Only members of <#{channel}> and workspace admins can post its digest." + _OR_RETRY
)
AUTO_REPLIES_CHANGED = (
    "<@{user}> turned automatic replies {state} for this channel from newsbot's App Home."
)
DIGEST_CHANGED = "<@{user}> set this channel's digest to {days} at {time} {zone}."
DIGEST_TURNED_OFF = "<@{user}> turned this channel's digest off."
DIGEST_NOT_POSTED = {
    "empty": "Nothing was shared in this channel since the last digest, so there is nothing "
    "to post yet.",
    "failed": "I couldn't post the digest here. Is newsbot in this channel? `/invite @newsbot`",
}
HOME_LOOKUP_FAILED = (
    "Slack did not tell me just now which channels you and I are in, so this page may be "
    "missing some. Open this tab again in a minute."
)
