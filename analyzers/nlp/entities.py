"""spaCy component `newsbot_entities`: the actors of an article, one per real-world referent.

spaCy's NER yields mentions ("Xi", "President Xi Jinping", "US", "Washington", "Chinese");
an editor wants actors. This component takes the mentions that may be actors
(`analyzers.nlp.entity_mentions`), groups them one group per referent
(`analyzers.nlp.entity_groups`), names each group and scores its salience, leaving the result
in ``doc._.newsbot_entities`` (most salient first) for the stance component and the record.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from analyzers.nlp import agency, furniture, names
from analyzers.nlp.entity_groups import (
    MentionGroup,
    add_missed_person_mentions,
    group_by_key,
    merge_groups,
)
from analyzers.nlp.entity_mentions import actor_mentions
from analyzers.nlp.portrayal import ScoredMention
from analyzers.record import Stance

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


def to_cluster(group: MentionGroup) -> EntityCluster:
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


def display_name(group: MentionGroup, surfaces: Counter[str], label: str) -> str:
    """A place's canonical name; a person's fullest ordinary name (two or three words, titles
    left out but for the style a one-word name goes by: "Pope Francis") rather than a run NER
    glued to it ("Browns DL Sheldon Richardson")."""
    if group.is_place:
        return group.key[1]
    if label == "PERSON":
        words = {s: len(names.person_key(s)) for s in surfaces}
        shown = {s: names.person_name(s) for s in surfaces}
        best = max(
            surfaces,
            key=lambda s: (2 <= words[s] <= 3, words[s], len(shown[s].split()), surfaces[s]),
        )
        return shown[best]
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
