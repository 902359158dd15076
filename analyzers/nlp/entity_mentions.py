"""An article's NER mentions that may be actors, each reduced to the name it spells.

spaCy's small model glues words onto names ("Hosting Cook", "Browns DL Sheldon Richardson"),
tags the publication and the byline like any name, and uses a capital for its government
("Washington said"); each mention here is trimmed to its name and keyed (`Mention.key`) so
that ways of naming one referent meet in `analyzers.nlp.entity_groups`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from analyzers.nlp import agency, furniture, names

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
# Parts of speech that never start or end a name (what NER sometimes glues onto one).
GLUE_POS = frozenset(
    {"VERB", "AUX", "ADP", "DET", "PRON", "ADV", "PART", "SCONJ", "CCONJ", "PUNCT", "INTJ"}
)
PLACE = "@place"  # key prefix: places and countries are keyed by canonical name, whatever the label


@dataclass
class Mention:
    """One NER span trimmed to its name, the label it is taken for and the key it meets
    other ways of naming its referent under."""

    span: Span
    surface: str
    label: str
    key: tuple[str, ...]


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
    if surface.upper() in names.COMMON_ABBREVIATIONS:
        return None  # "EV", "AWD", "IPO": things, not actors
    place = place_of(ent, surface, label)
    if place is not None:
        return Mention(ent, surface, "GPE" if place != surface else label, (PLACE, place))
    if label == "PERSON" and any(token.pos_ == "CCONJ" for token in ent):
        return None  # "Steelers and Browns": two names NER ran together
    key = names.name_key(surface, label)
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
