"""The first-version stance scorer: word valences near the target in the dependency tree.

Sentence-level sentiment gives every actor in a sentence the same answer; news sentences
often name a winner and a loser. Weighting each sentiment word by its distance to the target
mention in the parse, flipping it under negation, and muting what a speaker says for the
speaker ("X criticised Y" is negative for Y, not necessarily for X) makes the lexicon
target-dependent. Valences come from VADER's lexicon plus a short list of news words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token
from spacy.util import registry

from analyzers.nlp.mention import TargetMention
from analyzers.nlp.scorer_names import LEXICON_SCORER_NAME

SENTIMENT_POS = frozenset({"ADJ", "ADV", "NOUN", "VERB", "INTJ", "PROPN"})
NEGATION_FACTOR = -0.74  # VADER's own constant
NORMALISATION_ALPHA = 15.0  # VADER's own constant: x / sqrt(x^2 + alpha) maps to (-1, 1)
SPEAKER_DAMPING = 0.3
# Bounds that only matter in "sentences" of thousands of tokens: words further from the target
# than this, or deeper in the tree, weigh almost nothing (1 / (1 + distance)); no sentence of
# the NewsMTSC dev splits reaches them (its figures are the same with and without).
WINDOW_TOKENS = 150
MAX_TREE_DEPTH = 64
SPEECH_VERBS = frozenset(
    """say tell accuse criticise criticize condemn blame denounce warn slam attack argue claim
    charge allege insist complain praise call describe label urge demand""".split()
)


@cache
def load_valences() -> dict[str, float]:
    """VADER's lexicon merged with newsbot's supplement (VADER wins where both have a word)."""
    vader_file = resources.files("vaderSentiment") / "vader_lexicon.txt"
    news_file = resources.files("analyzers.nlp") / "data" / "news_lexicon.txt"
    valences = _read_table(news_file.read_text(encoding="utf-8"))
    valences.update(_read_table(vader_file.read_text(encoding="utf-8")))
    return valences


def _read_table(text: str) -> dict[str, float]:
    table: dict[str, float] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value, *_ = line.split("\t")
        table[word] = float(value)
    return table


class LexiconScorer:
    """Polarity in (-1, 1) of each target mention from the valences around it."""

    name = LEXICON_SCORER_NAME

    def __init__(self, valences: dict[str, float]) -> None:
        self.valences = valences

    def score(self, mentions: Sequence[TargetMention]) -> list[float]:
        return [
            self.polarity(mention.token_window(WINDOW_TOKENS), mention.target)
            for mention in mentions
        ]

    def polarity(self, sentence: Span, target: Span | None = None) -> float:
        """Target-weighted valence of a sentence; with no target, the sentence's own tone."""
        speaker = _speech_verb(target) if target is not None else None
        negated = {token.head.i for token in sentence if token.dep_ == "neg"}
        total = 0.0
        for token in sentence:
            if target is not None and target.start <= token.i < target.end:
                continue
            valence = self.valence(token)
            if not valence:
                continue
            weight = 1.0 if target is None else 1.0 / (1 + _tree_distance(token, target.root))
            if speaker is not None and _descends_from(token, speaker):
                weight *= SPEAKER_DAMPING
            if token.i in negated or token.head.i in negated:
                weight *= NEGATION_FACTOR
            total += valence * weight
        return total / math.sqrt(total * total + NORMALISATION_ALPHA)

    def valence(self, token: Token) -> float:
        if token.pos_ not in SENTIMENT_POS or token.ent_type_:
            return 0.0
        for form in _word_forms(token):
            if form in self.valences:
                return self.valences[form]
        return 0.0


def make_lexicon_scorer() -> LexiconScorer:
    return LexiconScorer(load_valences())


registry.misc.register("newsbot.lexicon_scorer.v1", func=make_lexicon_scorer)


def _word_forms(token: Token) -> list[str]:
    """The spellings to look a token up by, most specific first."""
    word = token.lower_
    forms = [word, _american_spelling(word), token.lemma_.lower()]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            if stem[-1] == stem[-2]:  # "imperilling" -> "imperil"
                forms.append(stem[:-1])
    return forms


def _american_spelling(word: str) -> str:
    """'criticising' -> 'criticizing': VADER's lexicon is mostly American."""
    for british, american in (("ising", "izing"), ("ised", "ized"), ("ise", "ize"), ("our", "or")):
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    depth_of_a = {token.i: depth for depth, token in enumerate(_path_to_root(a))}
    for depth_b, token in enumerate(_path_to_root(b)):
        if token.i in depth_of_a:
            return depth_of_a[token.i] + depth_b
    return len(depth_of_a) + depth_b + 1


def _path_to_root(token: Token) -> list[Token]:
    """The token and its heads up to the root, or up to `MAX_TREE_DEPTH` of them."""
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) <= MAX_TREE_DEPTH:
        path.append(path[-1].head)
    return path


def _speech_verb(target: Span) -> Token | None:
    """The speech verb the target is subject of: what it governs is the target's own words."""
    root = target.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    return verb


def _descends_from(token: Token, verb: Token) -> bool:
    """Whether ``token`` is ``verb`` or in its subtree."""
    return any(step.i == verb.i for step in _path_to_root(token))
