"""Does an entity act or get judged in the piece, or is it only mentioned in passing?

An editor ranks the actors of a story above the places it happens in: "Beijing warned..."
and "sanctions against Russia" put the state in the story; "talks in Moscow" and "a Moscow
court" do not. The dependency parse tells them apart: a mention that is the subject or object
of a verb, the agent of a passive, or has something predicated of it scores 1; the object of
another preposition ("pressure on China") or a possessor scores half; the object of a
locative preposition or a modifier of another noun scores 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

ACTING_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "dobj", "dative", "attr", "oprd"}
)
HALF_DEPS = frozenset({"poss", "appos", "pobj", "npadvmod", "ROOT"})
# Dependencies by which a name qualifies another noun ("the Beijing Olympics", "a Moscow
# court"): it names a thing or place, it does not act.
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
PASSING_DEPS = NOUN_MODIFIER_DEPS | {"nummod", "quantmod"}
# Prepositions whose object is where something is, not who acts, from the narrowest reading to
# the widest: a capital after AT_PLACE is the city, not its government ("talks in Moscow",
# `analyzers.nlp.entities`); a sentence's setting also takes the ends of a movement ("flights
# from Moscow", `analyzers.nlp.roles`), though "ties between Beijing and Moscow" still judges
# the two states; ranking actors over places (here) takes any spatial relation.
AT_PLACE = frozenset("in at near outside inside around across into throughout within".split())
SETTING_PREPOSITIONS = AT_PLACE | {"from", "to", "over"}
LOCATIVE = SETTING_PREPOSITIONS | set(
    "toward towards via through along beyond between onto".split()
)
UNPARSED = 1.0


def role_score(span: Span) -> float:
    """1 when the mention acts or is judged, 0.5 when it is involved, 0 when it only says
    where or modifies another noun."""
    root = through_conjunctions(span.root)
    dep = root.dep_
    if dep in ACTING_DEPS:
        return 1.0
    if dep == "pobj":
        preposition = root.head.lower_
        if preposition == "by":
            return 1.0
        return 0.0 if preposition in LOCATIVE else 0.5
    if dep in PASSING_DEPS:
        return 0.0
    return 0.5 if dep in HALF_DEPS else 0.25


def actor_share(spans: Sequence[Span]) -> float:
    """Mean `role_score` of the mentions; `UNPARSED` when the Doc has no parse."""
    if not spans:
        return 0.0
    if not spans[0].doc.has_annotation("DEP"):
        return UNPARSED
    return sum(role_score(span) for span in spans) / len(spans)


def through_conjunctions(token: Token) -> Token:
    """'China and Russia agreed': Russia takes the role of China, the first conjunct."""
    seen = 0
    while token.dep_ == "conj" and token.head is not token and seen < 10:
        token = token.head
        seen += 1
    return token
