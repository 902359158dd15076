"""What kind of actor an entity is: a vote over all its mentions, with the cues an editor uses.

The small NER model labels each mention on its own, and often wrongly ("RAV4 Hybrid" a person,
"Neumann" an organisation, "Alibaba" a place). One mention's label decides nothing here: every
mention votes with its label, and the words around it vote louder: a person's title or
"who" (a person), an age ("Webb, 51,"), a corporate suffix, "shares" or "spokesman" (an
organisation), a role noun in apposition ("Kevin Mayer, the chairman").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from analyzers.nlp import names

CUE_WEIGHT = 2.0
PERSON, ORG, GPE, LOC, PRODUCT, EVENT = "PERSON", "ORG", "GPE", "LOC", "PRODUCT", "EVENT"
PLACE_PREPOSITIONS = frozenset("in near outside inside throughout around".split())
PLATFORM_PREPOSITIONS = frozenset("across at".split())

# A word right before a name that makes it a person ("Senator", "actress", "CEO").
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss mx dr sir dame president senator sen rep gov governor mayor prince princess
    king queen pope ceo chairman chairwoman coach judge justice ambassador professor prof
    minister premier chancellor secretary sheikh lord lady rev sgt lt col capt officer
    detective actress actor singer rapper songwriter quarterback striker defender goalkeeper
    spokesman spokeswoman spokesperson founder cofounder co-founder analyst attorney lawyer
    author writer journalist economist scientist researcher astronomer player manager
    director producer comedian businessman businesswoman activist veteran star
    """.split()
)
# A name's own first word that makes it a person ("President Xi Jinping", "Mr. Putin").
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame president senator sen rep gov governor mayor prince "
    "princess king queen pope judge ambassador professor prof sheikh lord lady rev".split()
)
# Role nouns in apposition: "Kevin Mayer, the chairman"; "Varo, a startup bank".
PERSON_NOUNS = PERSON_TITLES | frozenset(
    "official leader executive chief head member resident student teacher mother father wife "
    "husband son daughter woman man girl boy victim suspect friend doctor nurse farmer artist "
    "musician athlete candidate lawmaker politician diplomat envoy".split()
)
ORG_NOUNS = frozenset(
    """
    company firm group maker bank agency startup start-up retailer carmaker automaker airline
    carrier network team club university party manufacturer developer publisher studio
    brand business corporation conglomerate organisation organization charity union
    regulator insurer lender broker operator provider platform service label band
    """.split()
)
# Last words of organisation names ("Carlyle Group", "Interior Ministry").
ORG_WORDS = names.ORG_SUFFIXES | frozenset(
    """
    group bank university institute association department ministry agency council committee
    party foundation center centre airlines airways motors studios records club fc fund
    capital partners holdings technologies systems labs media network services commission
    court police office authority board union organization organisation school college
    hospital church society federation league trust inc. corp. ltd. co. llc plc
    """.split()
)
# Last words of competitions and other events ("Davis Cup", "US Open", "Winter Games"), which
# the small model often takes for people.
EVENT_WORDS = frozenset(
    """
    cup open championship championships finals final games olympics paralympics tournament
    series prix festival marathon classic derby
    """.split()
)
# Nouns a name modifies or possesses: "Alibaba shares", "Apple's spokesman" (an organisation);
# "the Rukban camp" (a place); "Biden's wife" (a person).
ORG_HEADS = frozenset(
    "shares stock spokesperson spokesman spokeswoman ceo executive executives employees staff "
    "headquarters subsidiary products revenue earnings profit sales investors stores users "
    "account accounts followers feed listing offering ipo boss founder".split()
)
PLACE_HEADS = frozenset(
    "base camp border region area province district city town village airport port river "
    "valley coast island county".split()
)
PERSON_HEADS = frozenset(
    "wife husband son daughter mother father family brother sister career death lawyer "
    "attorney girlfriend boyfriend parents children birthday".split()
)


def vote_type(mentions: Iterable[tuple[str, Span]]) -> str:
    """The label with most votes: one per mention's NER label, `CUE_WEIGHT` per cue; a tie
    goes to the label of the longest mention. An entity named only by a known place name
    ("Glasgow", "New York", "Calif.") is a place, and one named only by a known organisation's
    name ("Twitter", "Alibaba") an organisation, whatever the model said of each mention; one
    also named otherwise ("Michael York", "Michael Dell") is left to the vote."""
    mentions = list(mentions)
    for label in (GPE, ORG):
        if mentions and all(_listed_as(label, span.text) for _, span in mentions):
            return label
    votes: defaultdict[str, float] = defaultdict(float)
    longest = ("", 0)
    for ner_label, span in mentions:
        label = _possible(ner_label, span)
        votes[label] += 1.0
        cue = cue_label(span)
        if cue is not None:
            votes[cue] += CUE_WEIGHT
        if len(span.text) > longest[1]:
            longest = (label, len(span.text))
    return max(votes, key=lambda label: (votes[label], label == longest[0]))


def _listed_as(label: str, text: str) -> bool:
    """Whether a mention is a listed place (a country, a capital, data/places.txt) or a listed
    organisation (data/organisations.txt)."""
    name = names.clean_surface(text).lower()
    if label == ORG:
        return name in _listed("organisations.txt")
    return name in _listed("places.txt") or name in names.CAPITALS or bool(names.country_for(name))


@cache
def _listed(file: str) -> frozenset[str]:
    listed = resources.files("analyzers.nlp") / "data" / file
    lines = (line.strip() for line in listed.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _possible(label: str, span: Span) -> str:
    """No person's name has a digit in it ("RAV4 Hybrid", "PS4"): a thing."""
    if label == PERSON and any(ch.isdigit() for ch in span.text):
        return PRODUCT
    return label


def cue_label(span: Span) -> str | None:
    """PERSON, ORG, a place or a product when the words in and around one mention say so,
    else None."""
    doc = span.doc
    first, last = span[0], span[-1]
    before = doc[span.start - 1] if span.start > 0 else None
    if first.lower_.rstrip(".") in HONORIFICS and len(span) > 1:
        return PERSON
    if before is not None and before.lower_.rstrip(".") in PERSON_TITLES and before.is_alpha:
        return PERSON
    if len(span) > 1 and (typed := _last_word_type(last.lower_)):
        return typed
    if span.label_ == PERSON and before is not None and before.like_num:
        return PRODUCT  # "737 Max", "2020 Sylphy"
    if span.label_ == PERSON and (_the_name(span, before) or _plural_subject(span.root)):
        return ORG  # "the Sabres", "the Chronicle", "Sabres are": a team, paper or band
    return _following_cue(span) or _syntax_cue(span.root)


def _last_word_type(word: str) -> str | None:
    """'Carlyle Group' is an organisation, 'Davis Cup' an event."""
    if word in ORG_WORDS:
        return ORG
    return EVENT if word in EVENT_WORDS else None


def _the_name(span: Span, before: Token | None) -> bool:
    """'the' before a name NER took for a person, heading its phrase (not "the Biden
    administration")."""
    return (
        before is not None
        and before.lower_ == "the"
        and span.root.dep_ not in {"compound", "amod", "nmod", "poss"}
    )


def _plural_subject(root: Token) -> bool:
    """The subject of a plural verb ("the Steelers are", "Sabres have") is a group."""
    if root.dep_ != "nsubj":
        return False
    verbs = [root.head, *(child for child in root.head.children if child.dep_ == "aux")]
    return any(verb.tag_ == "VBP" or verb.lower_ in {"are", "were"} for verb in verbs)


def _following_cue(span: Span) -> str | None:
    """ ", who" or an age after the name: a person; "Inc." after it: a company."""
    doc = span.doc
    after = list(doc[span.end : span.end + 3])
    words = [t.lower_ for t in after]
    if len(words) >= 2 and words[0] == ",":
        if words[1] == "who":
            return PERSON
        if after[1].like_num and len(words) >= 3 and words[2] == "," and after[1].is_digit:
            return PERSON
    if words and words[0].rstrip(".") in names.ORG_SUFFIXES:
        return ORG
    return None


def _syntax_cue(root: Token) -> str | None:
    """Apposition with a role noun, the noun the name modifies or possesses, or a preposition
    of place before it (nobody is "in Glasgow" or "across Twitter" as a person)."""
    if not root.doc.has_annotation("DEP"):
        return None
    if root.dep_ == "pobj" and root.ent_type_ == PERSON:
        return _place_cue(root.head.lower_)
    nouns = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        if noun.lower_ in PERSON_NOUNS or noun.lower_ in ORG_NOUNS:
            return PERSON if noun.lower_ in PERSON_NOUNS else ORG
    if root.dep_ in {"compound", "poss"}:
        return _head_cue(root.head.lower_, possessive=root.dep_ == "poss")
    return None


def _head_cue(head: str, possessive: bool) -> str | None:
    """A person has a wife or a lawyer ("Biden's lawyer"); "U.S. Attorney" is no person."""
    if head in ORG_HEADS:
        return ORG
    if head in PLACE_HEADS:
        return LOC
    return PERSON if possessive and head in PERSON_HEADS else None


def _place_cue(preposition: str) -> str | None:
    if preposition in PLACE_PREPOSITIONS:
        return GPE
    return ORG if preposition in PLATFORM_PREPOSITIONS else None
