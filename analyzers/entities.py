"""spaCy component `newsbot_entities`: the actors of an article, one per real-world referent.

spaCy's NER yields mentions ("Xi", "President Xi Jinping", "US", "Washington", "Chinese");
an editor wants actors. This component clusters the mentions of one article by the rules in
`analyzers.names`, votes on each cluster's type, and scores its salience, leaving the result
in ``doc._.newsbot_entities`` (most salient first) for the stance component and the record.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from analyzers import names
from analyzers.record import Stance

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
# A capital after these prepositions is a place, not its government ("talks in Moscow").
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "into", "throughout", "within"}
)
# Modifier roles: "the Beijing Olympics", "a Moscow court" name the city.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
MERGEABLE_INTO_PERSON = frozenset({"PERSON", "ORG"})
PLACE = "@place"  # key prefix: places and countries are keyed by canonical name, whatever the label
SPREAD_SLICES = 5
LEAD_SENTENCES = 2

if not Doc.has_extension("headline_chars"):
    Doc.set_extension("headline_chars", default=0)
if not Doc.has_extension("newsbot_entities"):
    Doc.set_extension("newsbot_entities", default=None)


@dataclass
class Mention:
    span: Span
    surface: str
    label: str
    key: tuple[str, ...]


@dataclass
class EntityCluster:
    """One actor: its mentions in the Doc and what the record will say about it."""

    name: str
    type: str
    mentions: list[Span]
    aliases: list[str]
    salience: float = 0.0
    stance: Stance | None = None


@dataclass
class _Group:
    key: tuple[str, ...]
    members: list[Mention] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Majority label; a tie goes to the label of the longest mention."""
        counts = Counter(m.label for m in self.members)
        longest = max(self.members, key=lambda m: len(m.surface)).label
        return max(counts, key=lambda label: (counts[label], label == longest))

    @property
    def is_place(self) -> bool:
        return self.key[0] == PLACE


@Language.factory(
    "newsbot_entities",
    default_config={"max_entities": 25},
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.newsbot_entities"],
)
def make_entity_clusterer(nlp: Language, name: str, max_entities: int) -> EntityClusterer:
    return EntityClusterer(max_entities=max_entities)


class EntityClusterer:
    def __init__(self, max_entities: int) -> None:
        self.max_entities = max_entities

    def __call__(self, doc: Doc) -> Doc:
        mentions = [m for ent in doc.ents if (m := to_mention(ent)) is not None]
        groups = merge_groups(group_by_key(mentions))
        add_missed_person_mentions(doc, groups)
        clusters = [to_cluster(group) for group in groups]
        score_salience(doc, clusters)
        clusters.sort(key=lambda c: (-c.salience, -len(c.mentions), c.name))
        doc._.newsbot_entities = clusters[: self.max_entities]
        return doc


def to_mention(ent: Span) -> Mention | None:
    """Classify one NER span; None for labels we do not report (dates, numbers, money...)."""
    if ent.label_ not in KEPT_LABELS:
        return None
    surface = names.clean_surface(ent.text)
    if not surface or not any(ch.isalpha() for ch in surface):
        return None
    place = place_of(ent, surface)
    if place is not None:
        return Mention(ent, surface, "GPE" if place != surface else ent.label_, (PLACE, place))
    if ent.label_ == "PERSON":
        key = names.person_key(surface)
    elif ent.label_ == "ORG":
        key = names.org_key(surface)
    else:
        key = tuple(surface.lower().split())
    return Mention(ent, surface, ent.label_, key) if key else None


def place_of(ent: Span, surface: str) -> str | None:
    """The country or place a mention stands for: its own name in canonical spelling, a
    nationality adjective, or a capital used for its government."""
    lowered = surface.lower()
    if ent.label_ == "NORP":
        return names.DEMONYMS.get(lowered)
    if ent.label_ in {"GPE", "ORG"} and lowered in names.CAPITALS and stands_for_government(ent):
        return names.CAPITALS[lowered]
    if ent.label_ in {"GPE", "LOC", "ORG"} and (country := names.country_for(surface)):
        return country
    if ent.label_ in {"GPE", "LOC"}:
        return surface
    return None


def stands_for_government(ent: Span) -> bool:
    """'Washington portrays...', 'ties between Beijing and Moscow': the state acts. Not when the
    capital modifies a noun ('the Beijing Olympics') or is where something happens ('in Moscow')."""
    root = ent.root
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head.ent_type_ in {"GPE", "NORP"}
    return not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS)


def group_by_key(mentions: Iterable[Mention]) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    for mention in mentions:
        groups.setdefault(mention.key, _Group(mention.key)).members.append(mention)
    return list(groups.values())


def merge_groups(groups: list[_Group]) -> list[_Group]:
    """Fold short forms into the full name they abbreviate: acronyms into their expansion,
    'Xi' or 'Biden' into the one person whose name contains it."""
    groups = sorted(groups, key=lambda g: len(g.key), reverse=True)
    kept: list[_Group] = []
    for group in groups:
        target = _expansion_of(group, kept)
        if target is None:
            kept.append(group)
        else:
            target.members.extend(group.members)
    return kept


def _expansion_of(group: _Group, candidates: list[_Group]) -> _Group | None:
    if group.is_place:
        return None
    short = " ".join(group.key)
    abbreviation = names.acronym(group.members[0].surface)
    matches = [
        other
        for other in candidates
        if not other.is_place
        and (
            (
                abbreviation
                and len(other.key) > 1
                and names.initials(" ".join(other.key)) == abbreviation
            )
            or _is_part_of_person(group, other)
        )
    ]
    if not matches or not short:
        return None
    return max(matches, key=lambda g: len(g.members))


def _is_part_of_person(short: _Group, full: _Group) -> bool:
    return (
        short.label in MERGEABLE_INTO_PERSON
        and full.label == "PERSON"
        and len(short.key) < len(full.key)
        and set(short.key) <= set(full.key)
    )


def add_missed_person_mentions(doc: Doc, groups: list[_Group]) -> None:
    """The small NER model misses many repeat mentions ("Ruiz said..."): a run of proper nouns
    outside any entity that spells a known person's first or last name counts for that person,
    unless two people in the article share that name."""
    owners: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        if group.label == "PERSON":
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


def _is_untagged_name(token: Token, known_names: dict[str, _Group]) -> bool:
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


def _name_parts(group: _Group) -> set[str]:
    """First and last word of each way the person was named, titles left out."""
    parts = set()
    for mention in group.members:
        words = names.strip_titles(mention.surface.split())
        parts.update({words[0], words[-1]})
    return {part for part in parts if part[:1].isupper()}


def to_cluster(group: _Group) -> EntityCluster:
    surfaces = Counter(m.surface for m in group.members)
    name = display_name(group, surfaces)
    return EntityCluster(
        name=name,
        type=group.label,
        mentions=sorted((m.span for m in group.members), key=lambda s: s.start),
        aliases=sorted(s for s in surfaces if s != name),
    )


def display_name(group: _Group, surfaces: Counter[str]) -> str:
    if group.is_place:
        return group.key[1]
    if group.label == "PERSON":
        persons = [m for m in group.members if m.label == "PERSON"] or group.members
        longest = max(persons, key=lambda m: (len(m.key), surfaces[m.surface]))
        return " ".join(names.strip_titles(longest.surface.split()))
    return max(surfaces, key=lambda s: (surfaces[s], len(s)))


def score_salience(doc: Doc, clusters: list[EntityCluster]) -> None:
    """Salience in [0, 1]: how often (relative to the most mentioned), whether in the headline
    or the lead, and how evenly spread through the body. Weights sum to one."""
    if not clusters:
        return
    headline_end = doc._.headline_chars
    lead_end = _lead_end(doc, headline_end)
    body_chars = max(1, len(doc.text) - headline_end)
    top = max(len(c.mentions) for c in clusters)
    for cluster in clusters:
        starts = [span.start_char for span in cluster.mentions]
        frequency = math.log1p(len(starts)) / math.log1p(top)
        in_headline = any(s < headline_end for s in starts)
        in_lead = any(headline_end <= s < lead_end for s in starts)
        slices = {
            min(SPREAD_SLICES - 1, (s - headline_end) * SPREAD_SLICES // body_chars)
            for s in starts
            if s >= headline_end
        }
        spread = len(slices) / SPREAD_SLICES
        score = 0.45 * frequency + 0.2 * in_headline + 0.15 * in_lead + 0.2 * spread
        cluster.salience = round(min(1.0, score), 3)


def _lead_end(doc: Doc, headline_end: int) -> int:
    """End (in characters) of the first sentences after the headline."""
    body_sentences = [s for s in doc.sents if s.start_char >= headline_end]
    if not body_sentences:
        return headline_end
    return body_sentences[min(LEAD_SENTENCES, len(body_sentences)) - 1].end_char
