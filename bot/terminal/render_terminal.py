"""Analysis -> readable text for a terminal (pure: no I/O, no colour codes)."""

from __future__ import annotations

import textwrap

from analyzers.article import Article
from analyzers.record import Analysis, Entity
from bot.labels import PORTRAYAL, TYPE_NAMES, WIDTH

SHOWN_ENTITIES = 12


def render_analysis(analysis: Analysis) -> str:
    source = analysis.source
    lines = [source.title or "(untitled)"]
    byline = " · ".join(p for p in (source.site, source.author, source.published) if p)
    if byline:
        lines.append(byline)
    if source.canonical_url or source.url:
        lines.append(source.canonical_url or source.url or "")
    lines += [
        "",
        f"{analysis.kind.upper()}: " + "; ".join(analysis.kind_signals[:3]),
        f"Tone: {PORTRAYAL[analysis.tone.label]} ({analysis.tone.score:+.2f})"
        f" · {analysis.word_count} words",
        "",
        "Who and what the piece is about, and how it portrays them:",
    ]
    for rank, entity in enumerate(analysis.entities[:SHOWN_ENTITIES], start=1):
        lines += _entity_lines(rank, entity)
    if not analysis.entities:
        lines.append("  (no people, organisations or places found)")
    lines += [f"Warning: {w}" for w in analysis.warnings]
    lines.append(f"analyzer {analysis.analyzer_version}")
    return "\n".join(lines)


def _entity_lines(rank: int, entity: Entity) -> list[str]:
    aliases = f"; also {', '.join(entity.aliases)}" if entity.aliases else ""
    head = (
        f"{rank:>2}. {entity.name} ({TYPE_NAMES.get(entity.type, entity.type.lower())}{aliases})"
        f" - {PORTRAYAL[entity.stance.label]} {entity.stance.score:+.2f},"
        f" {entity.mentions} mention{'s' if entity.mentions != 1 else ''},"
        f" salience {entity.salience:.2f}"
    )
    lines = [head]
    for sentence in entity.stance.evidence[:1]:
        lines += textwrap.wrap(
            f"“{sentence}”", WIDTH, initial_indent="      ", subsequent_indent="       "
        )
    return lines


def render_article(article: Article) -> str:
    """`newsbot extract`: the title, then the body as analysed."""
    title = f"{article.title}\n\n" if article.title else ""
    return f"{title}{article.text}"
