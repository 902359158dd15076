"""Analysis -> Slack Block Kit messages (pure functions: no I/O, no Slack client).

Every message carries a plain-text ``text`` fallback (notifications, screen readers) and stays
within Slack's limits: at most 50 blocks, section text at most 3,000 characters, evidence
trimmed at a word boundary. Text that came from an article is escaped for mrkdwn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from analyzers.record import Analysis, Entity, Kind
from bot.labels import MARKS, PORTRAYAL, TYPE_NAMES
from bot.share import Share

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_CONTEXT_CHARS = 2000
MAX_HEADER_CHARS = 150
EVIDENCE_CHARS = 300
SHOWN_ENTITIES = 6
KIND_MARKS: dict[Kind, str] = {
    "opinion": ":speech_balloon: *Opinion*",
    "analysis": ":mag: *Analysis*",
    "news": ":newspaper: *News*",
}


@dataclass(frozen=True)
class SlackMessage:
    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def analysis_message(analysis: Analysis, link: str | None = None) -> SlackMessage:
    entities = analysis.entities[:SHOWN_ENTITIES]
    blocks = [
        section(_title_line(analysis, link)),
        context(_verdict_line(analysis)),
        {"type": "divider"},
        *[section(_entity_text(e)) for e in entities],
    ]
    if not entities:
        blocks.append(section("_No people, organisations or places found._"))
    blocks.append(context(_footer(analysis)))
    return SlackMessage(_fallback(analysis), fit(blocks))


def unfurl_attachment(analysis: Analysis) -> dict[str, Any]:
    """The compact form for chat.unfurl: verdict and the three main actors."""
    lines = [
        f"{MARKS[e.stance.label]} *{escape(e.name)}* {PORTRAYAL[e.stance.label]}"
        for e in analysis.entities[:3]
    ]
    blocks = [context(_verdict_line(analysis)), section("\n".join(lines) or "_No actors found._")]
    return {"blocks": fit(blocks)}


def repeat_share_message(earlier: Share) -> SlackMessage:
    analysis = earlier.analysis
    where = f"<{earlier.permalink}|earlier in this channel>" if earlier.permalink else "earlier"
    when = datetime.fromtimestamp(earlier.shared_at, UTC).strftime("%H:%M UTC")
    main = ", ".join(f"{e.name} ({PORTRAYAL[e.stance.label]})" for e in analysis.entities[:3])
    text = f"Already shared {where} at {when}: {analysis.kind}" + (f"; {main}." if main else ".")
    return SlackMessage(text, [section(text)])


def notice(text: str) -> SlackMessage:
    """A one-paragraph message: help, progress, or a failure in plain words."""
    return SlackMessage(text, [section(text)])


def with_note(note: str, message: SlackMessage) -> SlackMessage:
    """``message`` under a sentence that says why it comes this way (e.g. only to you)."""
    return SlackMessage(f"{note}\n{message.text}", fit([section(note), *message.blocks]))


def home_view(
    recent: Sequence[Share], channels: Sequence[tuple[str, bool]], note: str | None = None
) -> dict[str, Any]:
    """App Home of one person: recent analyses and the auto-reply switches, of their channels
    only; ``note`` on top says what just happened (a refusal, a lookup that failed)."""
    blocks: list[Block] = [section(note)] if note else []
    blocks.append({"type": "header", "text": plain("Recent analyses in your channels")})
    for share in recent:
        top = ", ".join(f"{e.name} {MARKS[e.stance.label]}" for e in share.analysis.entities[:3])
        blocks.append(
            section(f"{_article_link(share)} in <#{share.channel}>\n{share.analysis.kind} · {top}")
        )
    if not recent:
        blocks.append(
            section("_Nothing analysed yet: share an article link in a channel I am in._")
        )
    blocks += [{"type": "divider"}, {"type": "header", "text": plain("Your channels")}]
    for channel, auto_replies in channels:
        state = "on" if auto_replies else "off"
        blocks.append(
            {
                "type": "section",
                "text": mrkdwn(f"<#{channel}>: automatic replies to shared links are *{state}*"),
                "accessory": {
                    "type": "button",
                    "action_id": "toggle_auto_replies",
                    "text": plain("Turn off" if auto_replies else "Turn on"),
                    "value": f"{channel}:{'off' if auto_replies else 'on'}",
                },
            }
        )
    if not channels:
        blocks.append(
            section("_I am in none of your channels yet: invite me with /invite @newsbot._")
        )
    return {"type": "home", "blocks": fit(blocks)}


def section(text: str) -> Block:
    return {"type": "section", "text": mrkdwn(trim(text, MAX_SECTION_CHARS))}


def context(text: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(trim(text, MAX_CONTEXT_CHARS))]}


def mrkdwn(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": trim(text, MAX_HEADER_CHARS)}


def fit(blocks: list[Block]) -> list[Block]:
    """At most 50 blocks; the last one kept when cutting is a note that some were left out."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = blocks[: MAX_BLOCKS - 1]
    return [*kept, context(f"_{len(blocks) - len(kept)} more not shown._")]


def trim(text: str, limit: int) -> str:
    """Cut at the last word boundary before ``limit``, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


def plural(count: int, noun: str) -> str:
    """ "1 article", "2 articles"; "2 people", not "persons"."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {'people' if noun == 'person' else noun + 's'}"


def escape(text: str) -> str:
    """Slack mrkdwn control characters in article text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _title_line(analysis: Analysis, link: str | None) -> str:
    source = analysis.source
    title = escape(source.title or "Untitled article")
    url = link or source.canonical_url or source.url
    head = f"*<{url}|{title}>*" if url else f"*{title}*"
    byline = " · ".join(escape(p) for p in (source.site, source.author, source.published) if p)
    return f"{head}\n{byline}" if byline else head


def _verdict_line(analysis: Analysis) -> str:
    kind = KIND_MARKS[analysis.kind]
    why = f" ({escape(analysis.kind_signals[0])})" if analysis.kind_signals else ""
    tone = PORTRAYAL[analysis.tone.label]
    return f"{kind}{why} · overall tone {tone} · {analysis.word_count} words"


def _entity_text(entity: Entity) -> str:
    stance = entity.stance
    kind = TYPE_NAMES.get(entity.type, entity.type.lower())
    head = (
        f"{MARKS[stance.label]} *{escape(entity.name)}* · {kind} · "
        f"{PORTRAYAL[stance.label]} ({stance.score:+.2f}) · {entity.mentions} mention"
        f"{'s' if entity.mentions != 1 else ''}"
    )
    return head + _quote(stance.evidence)


def _quote(evidence: Sequence[str]) -> str:
    return f"\n> {escape(trim(evidence[0], EVIDENCE_CHARS))}" if evidence else ""


def _footer(analysis: Analysis) -> str:
    parts = [f"newsbot {analysis.analyzer_version}"]
    parts += [f":warning: {escape(w)}" for w in analysis.warnings]
    return " · ".join(parts)


def _fallback(analysis: Analysis) -> str:
    title = analysis.source.title or "Untitled article"
    main = ", ".join(f"{e.name} ({PORTRAYAL[e.stance.label]})" for e in analysis.entities[:3])
    return f"{title}: {analysis.kind}" + (f". Main: {main}." if main else ".")


def _article_link(share: Share) -> str:
    title = escape(share.analysis.source.title or share.url or "untitled")
    target = share.permalink or share.url
    return f"<{target}|{title}>" if target else title
