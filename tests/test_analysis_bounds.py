"""What bounds the work of one analysis: the mention budget, sentence windows, the time budget.
The pure parts are tested on hand-made Docs; a few tests run the real pipeline."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from analyzers.article import Article
from analyzers.budget import TimeBudget
from analyzers.errors import AnalysisTimeout
from analyzers.nlp.analysis import analyze_article
from analyzers.nlp.mention import ProbabilisticScorer, Probabilities, TargetMention
from analyzers.nlp.stance import MentionBudget, StanceAnnotator, spread
from tests.fakes.articles import STORY_TEXT, STORY_TITLE


def test_every_mention_is_scored_while_the_budget_allows() -> None:
    budget = MentionBudget(entities=25, total=200, per_entity=32)
    assert budget.allowances([26, 12, 3, 1]) == [26, 12, 3, 1]


def test_past_the_budget_every_entity_keeps_a_share_before_any_gets_many() -> None:
    budget = MentionBudget(entities=25, total=20, per_entity=8)
    assert budget.allowances([100, 100, 3, 100]) == [6, 6, 3, 5]
    assert MentionBudget(entities=25, total=200, per_entity=32).allowances([900] * 25) == [8] * 25
    assert MentionBudget(entities=25, total=200, per_entity=32).allowances([900, 2]) == [32, 2]


def test_only_the_entities_a_reader_is_shown_are_scored() -> None:
    budget = MentionBudget(entities=2, total=96, per_entity=12)
    assert budget.allowances([30, 5, 7, 9]) == [12, 5, 0, 0]


def test_spread_keeps_the_first_and_last_and_spaces_the_rest() -> None:
    assert spread(list(range(10)), 4) == [0, 3, 6, 9]
    assert spread(list(range(3)), 8) == [0, 1, 2]
    assert spread(list(range(5)), 1) == [0]


def sentence_doc(words: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words)


def test_a_long_sentence_is_cut_around_the_target_for_scorers_and_evidence() -> None:
    words = [f"w{i}" for i in range(2000)]
    words[1000] = "Smith"
    doc = sentence_doc(words)
    found = TargetMention(doc[:], doc[1000:1001])
    text, start, end = found.context(100)
    assert text[start:end] == "Smith"
    assert len(text) <= 2 * 100 + len("Smith")
    assert text.split()[0].startswith("w") and text.split()[-1].startswith("w")  # whole words
    excerpt = found.excerpt(30)
    assert excerpt.startswith("…") and excerpt.endswith("…") and "Smith" in excerpt
    window = found.token_window(5)
    assert (window.start, window.end) == (995, 1006)


def test_a_short_sentence_is_kept_whole() -> None:
    doc = sentence_doc(["Critics", "attacked", "Smith", "."])
    found = TargetMention(doc[:], doc[2:3])
    assert found.context(100) == ("Critics attacked Smith .", 17, 22)
    assert found.excerpt(100) == "Critics attacked Smith ."


def test_evidence_leaves_out_the_dateline_it_opens_with() -> None:
    words = ["WASHINGTON", "(", "AP", ")", "—", "Critics", "attacked", "Smith", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    found = TargetMention(doc[:], doc[7:8])
    assert found.excerpt(100) == "Critics attacked Smith ."


def test_the_time_budget_is_spent_on_the_given_clock() -> None:
    now = itertools.count(0.0, 1.0)
    budget = TimeBudget(3.0, clock=lambda: next(now))
    budget.check()
    budget.check()
    with pytest.raises(AnalysisTimeout, match=r"longer than 3 seconds to analyse"):
        budget.check()


@pytest.mark.model
def test_an_analysis_past_its_budget_stops_with_a_sentence_for_the_person(nlp: Language) -> None:
    spent = TimeBudget(0.0)
    with pytest.raises(AnalysisTimeout, match="so newsbot stopped"):
        analyze_article(
            nlp,
            Article(text=STORY_TEXT, title=STORY_TITLE),
            max_chars=100_000,
            analyzer_version="test",
            budget=spent,
        )


@pytest.mark.model
def test_an_entity_named_thousands_of_times_is_judged_on_a_sample(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    stance = nlp.get_pipe("newsbot_stance")
    assert isinstance(stance, StanceAnnotator)
    assert isinstance(stance.scorer, ProbabilisticScorer)  # the shipped model
    scored = CountingScorer(stance.scorer)
    monkeypatch.setattr(stance, "scorer", scored)
    sentence = "President Xi Jinping met Joe Biden in Beijing, where Xi praised the deal. "
    article = Article(text=sentence * 500, title="Xi and Biden meet")
    analysis = analyze_article(nlp, article, max_chars=100_000, analyzer_version="test")
    xi = next(e for e in analysis.entities if e.name == "Xi Jinping")
    assert xi.mentions >= 1000  # every mention is counted...
    assert sum(scored.batches) <= stance.budget.total  # ...a sample of them is scored
    assert xi.stance.evidence


class CountingScorer:
    """The real scorer, counting the mentions it is asked about."""

    def __init__(self, real: ProbabilisticScorer) -> None:
        self.real = real
        self.name = real.name
        self.batches: list[int] = []

    def score(self, mentions: Sequence[TargetMention]) -> list[float]:
        return [p.polarity for p in self.probabilities(mentions)]

    def probabilities(self, mentions: Sequence[TargetMention]) -> list[Probabilities]:
        self.batches.append(len(mentions))
        return self.real.probabilities(mentions)
