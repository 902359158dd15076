"""The mentions of one article grouped one group per real-world referent.

The same actor is named many ways ("Xi", "President Xi Jinping", "Beijing" for its government,
"WHO" and "World Health Organization"); the rules for when two names are one are in
`analyzers.nlp.names`, and here they fold mention groups together. The small NER model also
misses repeat mentions of a person, which are added back (`add_missed_person_mentions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from analyzers.nlp import names
from analyzers.nlp.entity_mentions import PLACE, Mention
from analyzers.nlp.entity_types import ORG_WORDS, vote_type

MERGEABLE_INTO_PERSON = frozenset({"PERSON", "ORG"})
DOMINANT_MENTIONS = 2


@dataclass
class MentionGroup:
    """The mentions taken to name one referent, under the key they share."""

    key: tuple[str, ...]
    members: list[Mention] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The type voted by the mentions' labels and the cues around them."""
        return vote_type((m.label, m.span) for m in self.members)

    @property
    def is_place(self) -> bool:
        return self.key[0] == PLACE


def group_by_key(mentions: Iterable[Mention]) -> list[MentionGroup]:
    groups: dict[tuple[str, ...], MentionGroup] = {}
    for mention in mentions:
        groups.setdefault(mention.key, MentionGroup(mention.key)).members.append(mention)
    return list(groups.values())


def merge_groups(groups: list[MentionGroup]) -> list[MentionGroup]:
    """Fold the ways of naming one actor together: the same words labelled a place once and
    an organisation or person elsewhere ("Alibaba"), acronyms into their expansion, and a
    surname or given name into the one full name it belongs to ("Xi" into "Xi Jinping")."""
    groups = _merge_same_words(groups)
    labels = {id(group): group.label for group in groups}
    groups = sorted(groups, key=lambda g: len(g.key), reverse=True)
    kept: list[MentionGroup] = []
    for group in groups:
        target = _expansion_of(group, kept, labels)
        if target is None:
            kept.append(group)
            continue
        is_name_part = not names.acronym(group.members[0].surface)
        if is_name_part and "PERSON" in {labels[id(group)], labels[id(target)]}:
            # a surname and the full name it belongs to: a person's name, both
            for mention in [*group.members, *target.members]:
                mention.label = "PERSON"
        target.members.extend(group.members)
    return kept


def _merge_same_words(groups: list[MentionGroup]) -> list[MentionGroup]:
    """A place keyed by its own name and a non-place group of the same words are one entity;
    the larger keeps its key, and the type vote decides what it is."""
    others = {group.key: group for group in groups if not group.is_place}
    merged: list[MentionGroup] = []
    for place in (group for group in groups if group.is_place):
        other = others.get(tuple(place.key[1].lower().split()))
        if other is None:
            merged.append(place)
            continue
        if len(place.members) > len(other.members):
            other.key = place.key
        other.members.extend(place.members)
    return [*merged, *others.values()]


def _expansion_of(
    group: MentionGroup, candidates: list[MentionGroup], labels: dict[int, str]
) -> MentionGroup | None:
    if group.is_place or not group.key:
        return None
    abbreviation = names.acronym(group.members[0].surface)
    if abbreviation:
        expansions = [
            other
            for other in candidates
            if not other.is_place
            and len(other.key) > 1
            and names.initials(" ".join(other.key)) == abbreviation
        ]
        if expansions:
            return max(expansions, key=lambda g: len(g.members))
    label = labels[id(group)]
    if label not in MERGEABLE_INTO_PERSON or (label != "PERSON" and len(group.key) > 1):
        return None
    owners = [other for other in candidates if _may_own(group, label, other, labels)]
    return _one_owner(owners)


def _may_own(short: MentionGroup, label: str, full: MentionGroup, labels: dict[int, str]) -> bool:
    """A person's full name owns its surname or given name; a full name NER called an
    organisation ("Mason Rudolph") owns a surname NER called a person ("Rudolph")."""
    full_label = labels.get(id(full))
    if full_label == "PERSON":
        return names.is_part_of_name(short.key, full.key)
    return (
        label == "PERSON"
        and len(short.members) >= DOMINANT_MENTIONS
        and full_label == "ORG"
        and not full.is_place
        and 2 <= len(full.key) <= 3
        and full.key[-1] == short.key[-1]
        and full.key[-1] not in ORG_WORDS
    )


def _one_owner(owners: list[MentionGroup]) -> MentionGroup | None:
    """The one full name a short name belongs to: the only candidate, or one named at least
    twice and twice as often as any other ("Tim Cook" over a stray "Hosting Cook"); two
    people who share a surname equally keep it apart."""
    if len(owners) <= 1:
        return owners[0] if owners else None
    ranked = sorted(owners, key=lambda g: len(g.members), reverse=True)
    top, second = len(ranked[0].members), len(ranked[1].members)
    return ranked[0] if top >= DOMINANT_MENTIONS and top >= 2 * second else None


def add_missed_person_mentions(doc: Doc, groups: list[MentionGroup]) -> None:
    """The small NER model misses many repeat mentions ("Ruiz said..."): a run of proper nouns
    outside any entity that spells a known person's first or last name counts for that person,
    unless two people in the article share that name."""
    owners: dict[str, set[int]] = {}
    labels = [group.label for group in groups]
    for index, group in enumerate(groups):
        if labels[index] == "PERSON":
            for part in _name_parts(group):
                owners.setdefault(part, set()).add(index)
    owner_of = {part: groups[min(found)] for part, found in owners.items() if len(found) == 1}
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and _is_untagged_name(token, owner_of):
            run.append(token)
            continue
        if run:
            span = doc[_first_name_word(run[0]) : run[-1].i + 1]
            group = owner_of[run[-1].text]
            group.members.append(Mention(span, span.text, "PERSON", names.person_key(span.text)))
            run = []


def _is_untagged_name(token: Token, known_names: dict[str, MentionGroup]) -> bool:
    return token.pos_ == "PROPN" and not token.ent_type_ and token.text in known_names


def _first_name_word(token: Token) -> int:
    """Extend a surname leftwards over given names the model did not tag ("Ana Ruiz")."""
    start = token.i
    while start > 0:
        previous = token.doc[start - 1]
        if previous.pos_ != "PROPN" or previous.ent_type_ or not previous.is_title:
            break
        if previous.lower_.rstrip(".") in names.TITLES:
            break
        start -= 1
    return start


def _name_parts(group: MentionGroup) -> set[str]:
    """First and last word of each way the person was named, titles left out."""
    parts = set()
    for mention in group.members:
        words = names.strip_titles(mention.surface.split())
        parts.update({words[0], words[-1]})
    return {part for part in parts if part[:1].isupper()}
