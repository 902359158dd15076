"""spaCy component `newsbot_entities`: the actors of an article, one per real-world referent.

spaCy's NER yields mentions ("Xi", "President Xi Jinping", "US", "Washington", "Chinese");
an editor wants actors. This component clusters the mentions of one article by the rules in
`analyzers.nlp.names`, votes on each cluster's type, and scores its salience, leaving the result
in ``doc._.newsbot_entities`` (most salient first) for the stance component and the record.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from analyzers.nlp import agency, furniture, names
from analyzers.nlp.entity_types import ORG_WORDS, vote_type
from analyzers.nlp.portrayal import ScoredMention
from analyzers.record import Stance

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
MERGEABLE_INTO_PERSON = frozenset({"PERSON", "ORG"})
DOMINANT_MENTIONS = 2
# Parts of speech that never start or end a name (what NER sometimes glues onto one).
GLUE_POS = frozenset(
    {"VERB", "AUX", "ADP", "DET", "PRON", "ADV", "PART", "SCONJ", "CCONJ", "PUNCT", "INTJ"}
)
PLACE = "@place"  # key prefix: places and countries are keyed by canonical name, whatever the label
SPREAD_SLICES = 5
LEAD_SENTENCES = 2
ACTOR_TYPES = frozenset({"PERSON", "ORG"})
# Salience is scaled by how much an entity acts or is judged (see `analyzers.nlp.agency`): people
# and organisations a little, places and things a lot, so a city the story merely happens in
# ranks below the people in it.
ACTOR_FLOOR = 0.75
PLACE_FLOOR = 0.45

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
    actor: float = 0.0  # 0..1: how much its mentions act or are judged (`analyzers.nlp.agency`)
    # The scored mentions the stance was decided on (`analyzers.nlp.portrayal`), for evaluation.
    scored: list[ScoredMention] = field(default_factory=list)


@dataclass
class _Group:
    key: tuple[str, ...]
    members: list[Mention] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The type voted by the mentions' labels and the cues around them."""
        return vote_type((m.label, m.span) for m in self.members)

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
        mentions = actor_mentions(doc)
        nouns = furniture.common_nouns(doc)
        groups = [
            group
            for group in merge_groups(group_by_key(mentions))
            if not furniture.is_common_noun(
                (m.surface for m in group.members), len(group.members), nouns
            )
        ]
        add_missed_person_mentions(doc, groups)
        clusters = [to_cluster(group) for group in groups]
        score_salience(doc, clusters)
        clusters.sort(key=lambda c: (-c.salience, -len(c.mentions), c.name))
        doc._.newsbot_entities = clusters[: self.max_entities]
        return doc


def actor_mentions(doc: Doc) -> list[Mention]:
    """The NER mentions that may be actors: none from a dateline or credit, none naming the
    publication or the byline; a mention in the headline or a headline-shaped line counts only
    as far as it names something the story's sentences name too."""
    skipped = furniture.furniture_spans(doc)
    headline_like = furniture.headline_like_spans(doc)
    publications, bylines = doc._.publication_names, doc._.byline_names
    body: list[Mention] = []
    titled: list[Mention] = []
    for ent in doc.ents:
        mention = to_mention(ent)
        if mention is None or _inside(ent, skipped) or furniture.is_common_use(mention.span):
            continue
        if furniture.is_publication(mention.surface, publications):
            continue
        if furniture.is_byline(mention.surface, bylines):
            continue
        (titled if _inside(ent, headline_like) else body).append(mention)
    known = _known_keys(body)
    anchored = [m for t in titled if (m := _anchored(t, known)) is not None]
    return sorted([*body, *anchored], key=lambda m: m.span.start)


def _inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char and span.end_char <= end for start, end in ranges)


def _known_keys(mentions: list[Mention]) -> set[tuple[str, ...]]:
    """Keys the body names, and each word of a multi-word person's name ("Lawan" for
    "Ahmad Lawan"), so that a headline's "Lawan" still counts."""
    known = {m.key for m in mentions}
    for mention in mentions:
        if mention.label == "PERSON" and mention.key[0] != PLACE:
            known.update((part,) for part in mention.key)
    return known


def _anchored(mention: Mention, known: set[tuple[str, ...]]) -> Mention | None:
    """The longest run of the mention's words that the body names too ("Apple Arcade: So"
    -> "Apple Arcade"), or None."""
    span = mention.span
    for width in range(len(span), 0, -1):
        for start in range(span.start, span.end - width + 1):
            part = span.doc[start : start + width]
            candidate = to_mention(part, mention.label)
            if candidate is not None and candidate.key in known:
                return candidate
    return None


def to_mention(ent: Span, label: str | None = None) -> Mention | None:
    """Classify one NER span (labelled ``label``, by default its own NER label); None for
    labels we do not report (dates, numbers, money...)."""
    label = label or ent.label_
    if label not in KEPT_LABELS:
        return None
    ent = name_part(ent)
    surface = names.clean_surface(ent.text)
    if not surface or not any(ch.isupper() for ch in surface):
        return None
    place = place_of(ent, surface, label)
    if place is not None:
        return Mention(ent, surface, "GPE" if place != surface else label, (PLACE, place))
    if label == "PERSON":
        if any(token.pos_ == "CCONJ" for token in ent):
            return None  # "Steelers and Browns": two names NER ran together
        key = names.person_key(surface)
    elif label == "ORG":
        key = names.org_key(surface)
    else:
        key = tuple(surface.lower().split())
    return Mention(ent, surface, label, key) if key else None


def name_part(ent: Span) -> Span:
    """The span without words NER glued to the name: a verb or other function word at either
    end ("Hosting Cook", "Thibaut Courtois to"), a team and position code before a person
    ("Browns DL Sheldon Richardson") and an owner before a possessive ("Jeff Bezos's Blue
    Origin" names Blue Origin)."""
    doc = ent.doc
    start, end = _trimmed(doc, ent.start, ent.end)
    if ent.label_ == "PERSON":  # "Browns DL Sheldon Richardson": a team and position first
        codes = [t.i for t in doc[start + 1 : end - 2] if t.is_upper and t.is_alpha]
        start = codes[-1] + 1 if codes else start
    owner = [t.i for t in doc[start : end - 1] if t.tag_ == "POS" or t.lower_ in {"'s", "’s"}]
    if owner:
        owned = _trimmed(doc, owner[-1] + 1, end)
        if owned[1] - owned[0] >= 2:  # "Bezos's Blue Origin", not "the Hall of Fame's Class"
            start, end = owned
    return doc[start:end]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end - 1 and _is_glue(doc[start]):
        start += 1
    while end - 1 > start and _is_glue(doc[end - 1]):
        end -= 1
    return start, end


def _is_glue(token: Token) -> bool:
    return token.pos_ in GLUE_POS or (token.pos_ != "PROPN" and token.is_lower)


def place_of(ent: Span, surface: str, label: str) -> str | None:
    """The country or place a mention stands for: its own name in canonical spelling, a
    nationality adjective, or a capital used for its government."""
    lowered = surface.lower()
    if label == "NORP":
        return names.DEMONYMS.get(lowered)
    if label in {"GPE", "ORG"} and lowered in names.CAPITALS and stands_for_government(ent):
        return names.CAPITALS[lowered]
    if label in {"GPE", "LOC", "ORG"} and (country := names.country_for(surface)):
        return country
    if label in {"GPE", "LOC"}:
        return surface
    return None


def stands_for_government(ent: Span) -> bool:
    """'Washington portrays...', 'ties between Beijing and Moscow': the state acts. Not when the
    capital modifies a noun ('the Beijing Olympics') or is where something happens ('in Moscow')."""
    root = ent.root
    if root.dep_ in agency.NOUN_MODIFIER_DEPS and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head.ent_type_ in {"GPE", "NORP"}
    return not (root.dep_ == "pobj" and root.head.lower_ in agency.AT_PLACE)


def group_by_key(mentions: Iterable[Mention]) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    for mention in mentions:
        groups.setdefault(mention.key, _Group(mention.key)).members.append(mention)
    return list(groups.values())


def merge_groups(groups: list[_Group]) -> list[_Group]:
    """Fold the ways of naming one actor together: the same words labelled a place once and
    an organisation or person elsewhere ("Alibaba"), acronyms into their expansion, and a
    surname or given name into the one full name it belongs to ("Xi" into "Xi Jinping")."""
    groups = _merge_same_words(groups)
    labels = {id(group): group.label for group in groups}
    groups = sorted(groups, key=lambda g: len(g.key), reverse=True)
    kept: list[_Group] = []
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


def _merge_same_words(groups: list[_Group]) -> list[_Group]:
    """A place keyed by its own name and a non-place group of the same words are one entity;
    the larger keeps its key, and the type vote decides what it is."""
    others = {group.key: group for group in groups if not group.is_place}
    merged: list[_Group] = []
    for place in (group for group in groups if group.is_place):
        other = others.get(tuple(place.key[1].lower().split()))
        if other is None:
            merged.append(place)
            continue
        if len(place.members) > len(other.members):
            other.key = place.key
        other.members.extend(place.members)
    return [*merged, *others.values()]


def _expansion_of(group: _Group, candidates: list[_Group], labels: dict[int, str]) -> _Group | None:
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


def _may_own(short: _Group, label: str, full: _Group, labels: dict[int, str]) -> bool:
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


def _one_owner(owners: list[_Group]) -> _Group | None:
    """The one full name a short name belongs to: the only candidate, or one named at least
    twice and twice as often as any other ("Tim Cook" over a stray "Hosting Cook"); two
    people who share a surname equally keep it apart."""
    if len(owners) <= 1:
        return owners[0] if owners else None
    ranked = sorted(owners, key=lambda g: len(g.members), reverse=True)
    top, second = len(ranked[0].members), len(ranked[1].members)
    return ranked[0] if top >= DOMINANT_MENTIONS and top >= 2 * second else None


def add_missed_person_mentions(doc: Doc, groups: list[_Group]) -> None:
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
    label = group.label
    if group.is_place and label == "PERSON":  # "U.S." is never a person, whatever the cues
        label = "GPE"
    name = display_name(group, surfaces, label)
    mentions = sorted((m.span for m in group.members), key=lambda s: s.start)
    return EntityCluster(
        name=name,
        type=label,
        mentions=mentions,
        aliases=sorted(s for s in surfaces if s != name),
        actor=agency.actor_share(mentions),
    )


def display_name(group: _Group, surfaces: Counter[str], label: str) -> str:
    """A place's canonical name; a person's fullest ordinary name (two or three words, titles
    left out) rather than a run NER glued to it ("Browns DL Sheldon Richardson")."""
    if group.is_place:
        return group.key[1]
    if label == "PERSON":
        words = {s: len(names.person_key(s)) for s in surfaces}
        best = max(surfaces, key=lambda s: (2 <= words[s] <= 3, words[s], surfaces[s]))
        return " ".join(names.strip_titles(best.split()))
    return max(surfaces, key=lambda s: (surfaces[s], len(s)))


def score_salience(doc: Doc, clusters: list[EntityCluster]) -> None:
    """Salience in [0, 1]: how often (relative to the most mentioned), whether in the headline
    or the lead, and how evenly spread through the body (weights sum to one), scaled by how
    much the entity acts or is judged (`EntityCluster.actor`)."""
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
        floor = ACTOR_FLOOR if cluster.type in ACTOR_TYPES else PLACE_FLOOR
        score *= floor + (1 - floor) * cluster.actor
        cluster.salience = round(min(1.0, score), 3)


def _lead_end(doc: Doc, headline_end: int) -> int:
    """End (in characters) of the first sentences after the headline."""
    body_sentences = [s for s in doc.sents if s.start_char >= headline_end]
    if not body_sentences:
        return headline_end
    return body_sentences[min(LEAD_SENTENCES, len(body_sentences)) - 1].end_char
