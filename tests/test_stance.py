"""Stance: the lexicon scorer on parsed sentences, the component's aggregation, and the
figure on NewsMTSC's dev split (a floor, so a regression shows)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from analyzers.nlp.lexicon import LexiconScorer, load_valences
from analyzers.nlp.stance import DEFAULT_NEUTRAL_BAND
from evaluation.stance import evaluate, gold_labels, parse_mentions, read_newsmtsc
from tests.conftest import mention

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def scorer() -> LexiconScorer:
    return LexiconScorer(load_valences())


def test_targets_in_one_sentence_get_different_answers(
    parser: Language, scorer: LexiconScorer
) -> None:
    sentence = "The corrupt minister Smith lied again, while the brave reporter Jones was praised."
    smith, jones = scorer.score(
        [mention(parser, sentence, "Smith"), mention(parser, sentence, "Jones")]
    )
    assert smith < 0 < jones


def test_negation_flips_a_valence(parser: Language, scorer: LexiconScorer) -> None:
    (plain,) = scorer.score([mention(parser, "Smith is honest.", "Smith")])
    (negated,) = scorer.score([mention(parser, "Smith is not honest.", "Smith")])
    assert plain > 0 > negated


def test_a_speaker_is_not_blamed_for_what_they_condemn(
    parser: Language, scorer: LexiconScorer
) -> None:
    sentence = "Jones condemned the brutal attack on the village."
    (speaker,) = scorer.score([mention(parser, sentence, "Jones")])
    (bare,) = scorer.score([mention(parser, "Jones carried out the brutal attack.", "Jones")])
    assert bare < speaker <= 0


def test_british_spellings_and_inflections_are_looked_up(scorer: LexiconScorer) -> None:
    doc = spacy.blank("en")("criticising imperilling")
    for token in doc:
        token.pos_ = "VERB"
    assert all(scorer.valence(token) < 0 for token in doc)


def test_lexicon_macro_f1_on_newsmtsc_dev(shared_data: Path, parser: Language) -> None:
    """Measured 0.549 (dev-rw) / 0.525 (dev-mt); sentence-level VADER scores about 0.53."""
    examples = read_newsmtsc(shared_data / "newsmtsc" / "dev-rw.jsonl")
    report = evaluate(
        LexiconScorer(load_valences()),
        parse_mentions(parser, examples),
        gold_labels(examples),
        neutral_band=DEFAULT_NEUTRAL_BAND,
    )
    assert report.targets == 343
    assert report.macro_f1 >= 0.53
