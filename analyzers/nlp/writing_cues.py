"""What the writing itself says about the kind of piece, when the page says nothing.

Argument sounds like a person: "I", verdicts the writer hands down ("disastrous", "clearly"),
what someone "should" or "must" do. Reporting sounds like other people: "said", "according to",
long quotations. Only the writer's own words count for argument, so quotations are set aside
first (a quoted "I think we must" is the source's view, not the writer's). Rates are per
1,000 words so long and short pieces compare; the thresholds were set by reading the 60 real
pages in the shared data (see the README section on opinion, analysis and news).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analyzers.nlp.cue import WEAK, Cue
from analyzers.nlp.lexicon import load_valences

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "our", "ours", "us", "ourselves"})
PRESCRIPTIVE = frozenset({"should", "must", "ought"})
# Verbs that attribute words to a source. "say"/"tell" always do; the others ("add the
# pears", "report cards") only with someone saying them: a subject.
ALWAYS_ATTRIBUTING = frozenset({"say", "tell"})
ATTRIBUTING = frozenset({"add", "announce", "confirm", "state", "report", "claim", "note"})
# A word the writer uses to judge: a strongly valenced adjective or adverb (VADER's scale,
# |valence| >= 1.5: "disastrous", "brilliant", "shameful"), or a stance adverb.
EVALUATIVE_VALENCE = 1.5
STANCE_ADVERBS = frozenset(
    """clearly obviously surely frankly arguably undoubtedly undeniably sadly thankfully
    fortunately unfortunately admittedly shamefully absurdly""".split()
)
QUOTE_OPEN = frozenset('“«"')
QUOTE_CLOSE = frozenset('”»"')
# "Q: ...", "A: ...", "Prof. Carlos: ..." lines: a transcript, each line a speaker's words.
_SPEAKER_LINE_RE = re.compile(r"^\s*(?:[QA]|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})\s*:\s")
TRANSCRIPT_LINES = 3
# Fewer occurrences than these make no pattern, whatever the rate in a short piece: one
# "said", two "I"s, four strong adjectives in a 100-word celebrity item.
MIN_ATTRIBUTIONS = 2
MIN_OCCURRENCES = 3
MIN_VERDICTS = 5
MIN_WORDS = 50  # below this no rate means much: a caption, a teaser


@dataclass(frozen=True)
class WritingRates:
    """Per 1,000 of the writer's own words (``quoted_share``: a fraction of all words)."""

    words: int
    first_person: float
    first_person_plural: float
    prescriptive: float
    evaluative: float
    attribution: float
    attributions: int
    quoted_share: float


def writing_cues(doc: Doc) -> list[Cue]:
    """Cues from the writing, each with the figure that triggered it."""
    rates = measure(doc)
    if rates.words < MIN_WORDS:
        return []
    return list(_cues(rates))


def _cues(r: WritingRates) -> Iterator[Cue]:
    per = "per 1,000 words"
    if weight := _tier(r.first_person, 5, 15):
        yield Cue("opinion", weight, f"the writer says I/me/my ({r.first_person:.0f} {per})")
    if r.first_person_plural >= 12:
        yield Cue("opinion", 0.5, f"the writer says we/our ({r.first_person_plural:.0f} {per})")
    if r.prescriptive >= 3:
        yield Cue("opinion", WEAK, f"says what should or must be done ({r.prescriptive:.0f} {per})")
    if weight := _tier(r.evaluative, 20, 40):
        yield Cue(
            "opinion", weight, f"the writer's own verdicts ({r.evaluative:.0f} judging {per})"
        )
    if weight := _tier(r.attribution, 4, 10):
        yield Cue("news", weight, f"attributed reporting ({r.attributions} said/told/according to)")
    elif r.attributions == 0:
        yield Cue("opinion", 0.5, "no attributed statements (said, told, according to)")
    if r.quoted_share >= 0.25:
        yield Cue("news", WEAK, f"built on quotations ({r.quoted_share:.0%} of the words)")


def _tier(rate: float, low: float, high: float) -> float:
    """WEAK from ``low`` per 1,000 words, half as much again from ``high``: a trait that fills
    the piece says more than one that shows up."""
    return 1.5 * WEAK if rate >= high else WEAK if rate >= low else 0.0


def measure(doc: Doc) -> WritingRates:
    """The rates that tell argument from reporting."""
    words = [t for t in doc if t.is_alpha]
    own = _writers_words(doc)
    valences = load_valences()
    attributions = _attributions(doc, words)

    def rate(count: int, least: int = MIN_OCCURRENCES) -> float:
        """Per 1,000 words; 0 under ``least`` occurrences, which make no pattern."""
        return count * 1000 / max(len(words), 1) if count >= least else 0.0

    return WritingRates(
        words=len(words),
        first_person=rate(_count(own, FIRST_PERSON_SINGULAR)),
        first_person_plural=rate(_count(own, FIRST_PERSON_PLURAL)),
        prescriptive=rate(_count(own, PRESCRIPTIVE)),
        evaluative=rate(sum(_is_evaluative(t, valences) for t in own), MIN_VERDICTS),
        attribution=rate(attributions, MIN_ATTRIBUTIONS),
        attributions=attributions,
        quoted_share=1 - len(own) / max(len(words), 1),
    )


def _count(tokens: Sequence[Token], vocabulary: frozenset[str]) -> int:
    """``tokens`` in ``vocabulary``, "US" (the country) not being "us"."""
    return sum(t.lower_ in vocabulary and t.text != "US" for t in tokens)


def _is_evaluative(token: Token, valences: dict[str, float]) -> bool:
    if token.lower_ in STANCE_ADVERBS:
        return True
    if token.pos_ not in ("ADJ", "ADV"):
        return False
    valence = valences.get(token.lower_, valences.get(token.lemma_.lower(), 0.0))
    return abs(valence) >= EVALUATIVE_VALENCE


def _attributions(doc: Doc, words: Sequence[Token]) -> int:
    count = len(re.findall(r"\baccording to\b", doc.text, flags=re.IGNORECASE))
    for token in words:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            continue
        if _writers_own(token):
            continue
        if lemma in ALWAYS_ATTRIBUTING or (lemma in ATTRIBUTING and _subjects(token)):
            count += 1
    return count


def _subjects(token: Token) -> list[Token]:
    return [child for child in token.children if child.dep_ in ("nsubj", "nsubjpass")]


def _writers_own(token: Token) -> bool:
    """ "I said", "as we have said": the writer quoting themself is not attribution."""
    return any(s.lower_ in FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL for s in _subjects(token))


def _writers_words(doc: Doc) -> list[Token]:
    """The words outside quotation marks and outside transcript lines ("Q: ...").

    Quote state runs across sentences (a quotation often spans several) but not across
    paragraphs, where news style reopens a continued quotation and a stray mark must not
    swallow the rest of the piece. One pass over the tokens."""
    transcript = _transcript_paragraphs(doc.text)
    own: list[Token] = []
    inside = False
    paragraph = 0
    for token in doc:
        if "\n" in token.text:
            paragraph += token.text.count("\n")
            inside = False
            continue
        inside = _quote_state(token.text, inside)
        if token.is_alpha and not inside and paragraph not in transcript:
            own.append(token)
    return own


def _quote_state(text: str, inside: bool) -> bool:
    """Whether the words after ``text`` are inside a quotation (a token may hold a mark)."""
    for char in text:
        if char == '"':
            inside = not inside
        elif char in QUOTE_OPEN:
            inside = True
        elif char in QUOTE_CLOSE:
            inside = False
    return inside


def _transcript_paragraphs(text: str) -> frozenset[int]:
    """The paragraphs that open with a speaker's name, when a piece has several of them."""
    speaker = {i for i, line in enumerate(text.split("\n")) if _SPEAKER_LINE_RE.match(line)}
    return frozenset(speaker) if len(speaker) >= TRANSCRIPT_LINES else frozenset()
