"""The phrases every digest renderer (top message, thread, terminal) writes the same way:
counts in plain words, portrayal splits, changes, article details."""

from __future__ import annotations

from bot.digest.model import Change, Counts, Digest, DigestArticle, StanceSplit, UnanalysedLink
from bot.labels import MARKS, PORTRAYAL, PORTRAYAL_ORDER
from bot.slack.render_blocks import escape, plural, trim

NAME_CHARS = 60
LINK_CHARS = 500  # a longer article URL is left unlinked rather than cut (a cut link is broken)


def counts_words(counts: Counts) -> str:
    """E.g. "52 articles from 40 sites, shared 56 times by 20 people"."""
    text = plural(counts.articles, "article")
    if counts.sites > 1:
        text += f" from {counts.sites} sites"
    if counts.shares > counts.articles:
        text += f", shared {counts.shares} times"
    if counts.sharers > 1:
        text += f" by {plural(counts.sharers, 'person')}"
    return text


def kind_counts(counts: Counts) -> list[tuple[str, int, str]]:
    """(mark, count, kind): opinion and news always (a zero says something), analysis only
    when there is some."""
    kinds = [
        (":speech_balloon:", counts.opinion, "opinion"),
        (":mag:", counts.analysis, "analysis"),
        (":newspaper:", counts.news, "news"),
    ]
    return [k for k in kinds if k[1] or k[2] != "analysis"]


def split_words(split: StanceSplit, marks: bool) -> str:
    """E.g. "critical 2 · neutral 1", portrayals with no article left out."""
    parts = [
        (f"{MARKS[label]} " if marks else "") + f"{PORTRAYAL[label]} {split.count(label)}"
        for label in PORTRAYAL_ORDER
        if split.count(label)
    ]
    return (" · " if marks else ", ").join(parts)


def unanalysed_words(counts: Counts) -> str:
    """E.g. "8 links not analysed"; empty when every link was."""
    return f"{plural(counts.unanalysed, 'link')} not analysed" if counts.unanalysed else ""


def unanalysed_details(digest: Digest, link: UnanalysedLink) -> list[str]:
    """Why, when it was shared, how often: the words after a link that was not analysed."""
    parts = [link.reason.rstrip("."), digest.period.clock(link.shared_at)]
    return [*parts, f"shared {link.times_shared} times"] if link.times_shared > 1 else parts


def short_link(url: str) -> str:
    """A link as a reader scans it: no scheme, no "www."."""
    return url.split("://", 1)[-1].removeprefix("www.")


def change_words(change: Change) -> str:
    """E.g. "in 9 articles, up from 1", "in 3 articles, new", "in none, down from 4"."""
    now = plural(change.after, "article") if change.after else "none"
    if not change.before:
        return f"in {now}, new"
    direction = "up" if change.after > change.before else "down"
    return f"in {now}, {direction} from {change.before}"


def shared_words(article: DigestArticle) -> str:
    """ "shared 3 times by 2 people"; empty for an article shared once."""
    if article.times_shared < 2:
        return ""
    by = "person" if article.sharers == 1 else "people"
    return f"shared {article.times_shared} times by {article.sharers} {by}"


def article_details(digest: Digest, article: DigestArticle) -> list[str]:
    """Site, kind, when it was shared, how often: the words after an article's title."""
    parts = [article.site, article.kind, digest.period.clock(article.shared_at)]
    return [*parts, shared] if (shared := shared_words(article)) else parts


def link(url: str | None, text: str) -> str:
    """A mrkdwn link; characters that would end it early are percent-encoded. An overlong
    URL is left out rather than cut: a cut link is a broken one."""
    if not url or len(url) > LINK_CHARS:
        return text
    safe = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"<{safe}|{text}>"


def name(text: str) -> str:
    """An entity's or site's name for mrkdwn: escaped, and short enough for a list."""
    return escape(trim(text, NAME_CHARS))
