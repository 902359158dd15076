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
