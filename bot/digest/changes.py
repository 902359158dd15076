"""What changed since the previous digest: which people and organisations were central to
more articles than before (new names included) and which to fewer, in article counts an
editor can read ("in 9 articles, up from 1"), not in scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.digest.model import Change, Changes, DigestEntity

CHANGES_SHOWN = 3  # rises and falls kept each: the top message has one line for them


def compare(
    now: Sequence[DigestEntity], before: Sequence[DigestEntity], previous_articles: int
) -> Changes:
    """Entities matched with the previous period's by the identity rule (one's name among
    the other's names); an entity absent from one period counts 0 articles there."""
    moves: list[Change] = []
    seen: set[int] = set()
    for entity in now:
        j = _match(entity, before)
        if j is not None:
            seen.add(j)
        moves.append(
            Change(entity.name, before[j].articles if j is not None else 0, entity.articles)
        )
    moves += [Change(e.name, e.articles, 0) for j, e in enumerate(before) if j not in seen]
    return Changes(
        rises=_biggest(c for c in moves if c.after > c.before),
        falls=_biggest(c for c in moves if c.after < c.before),
        previous_articles=previous_articles,
    )


def _biggest(changes: Iterable[Change]) -> tuple[Change, ...]:
    """The largest moves first; then the busier name now; then by name."""
    ordered = sorted(changes, key=lambda c: (-abs(c.after - c.before), -c.after, c.name.casefold()))
    return tuple(ordered[:CHANGES_SHOWN])


def _match(entity: DigestEntity, before: Sequence[DigestEntity]) -> int | None:
    for j, old in enumerate(before):
        if entity.key in old.keys or old.key in entity.keys:
            return j
    return None
