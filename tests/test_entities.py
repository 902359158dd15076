"""The entity component: hand-built Docs for the merging rules, the real pipeline for parses."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from analyzers.article import Article
from analyzers.nlp import agency
from analyzers.nlp.analysis import article_doc
from analyzers.nlp.entities import EntityCluster, EntityClusterer

ENGLISH = English()


def clusters_of(doc: Doc) -> dict[str, EntityCluster]:
    EntityClusterer(max_entities=25)(doc)
    return {cluster.name: cluster for cluster in doc._.newsbot_entities}


def hand_doc(words: list[str], ents: list[str]) -> Doc:
    """A Doc with entity tags but no parse, one sentence per full stop or line break."""
    sent_starts: list[bool | int | None] = [
        i == 0 or words[i - 1] in {".", "\n\n"} for i in range(len(words))
    ]
    return Doc(ENGLISH.vocab, words=words, ents=ents, sent_starts=sent_starts)


def test_a_wrong_label_is_outvoted_and_surnames_join_the_full_name() -> None:
    doc = hand_doc(
        ["Joe", "Biden", "spoke", ".", "Biden", "left", ".", "Biden", "returned", "."],
        ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "O", "B-PERSON", "O", "O"],
    )
    found = clusters_of(doc)
    assert list(found) == ["Joe Biden"]
    assert found["Joe Biden"].type == "PERSON"
    assert len(found["Joe Biden"].mentions) == 3
    assert found["Joe Biden"].aliases == ["Biden"]


def test_acronym_joins_its_expansion() -> None:
    doc = hand_doc(
        ["The", "United", "Nations", "met", ".", "The", "UN", "agreed", "."],
        ["O", "B-ORG", "I-ORG", "O", "O", "O", "B-ORG", "O", "O"],
    )
    assert [(c.name, len(c.mentions)) for c in clusters_of(doc).values()] == [("United Nations", 2)]


def test_numbers_dates_and_money_are_not_entities() -> None:
    doc = hand_doc(
        ["In", "2021", ",", "Acme", "paid", "$", "5", "."],
        ["O", "B-DATE", "O", "B-ORG", "O", "B-MONEY", "I-MONEY", "O"],
    )
    assert list(clusters_of(doc)) == ["Acme"]


def test_two_people_sharing_a_surname_keep_the_surname_apart() -> None:
    doc = hand_doc(
        ["Hunter", "Biden", "and", "Joe", "Biden", "met", ".", "Biden", "smiled", "."],
        ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"],
    )
    found = clusters_of(doc)
    assert {"Hunter Biden", "Joe Biden"} <= set(found)
    assert sum(len(c.mentions) for c in found.values()) == 3
    assert len(found["Joe Biden"].mentions) == len(found["Hunter Biden"].mentions) == 1


def test_salience_prefers_headline_and_frequent_entities() -> None:
    doc = hand_doc(
        ["Acme", "wins", ".", "Acme", "grew", ".", "Bolt", "fell", ".", "Acme", "won", "."],
        ["B-ORG", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O"],
    )
    doc._.headline_chars = len("Acme wins .")
    found = clusters_of(doc)
    assert list(found) == ["Acme", "Bolt"]
    assert 0 < found["Bolt"].salience < found["Acme"].salience <= 1


@pytest.mark.model
def test_name_variants_countries_and_capitals_on_real_text(nlp: Language) -> None:
    text = (
        "President Xi Jinping met Vladimir Putin in Moscow on Monday. "
        "Xi said the talks went well. Washington criticised the meeting, and the US "
        "imposed new sanctions. Putin called Xi his friend. American officials were absent. "
        "China and Russia say U.S. pressure will fail."
    )
    found = {c.name: c for c in nlp(text)._.newsbot_entities}
    assert {"Xi Jinping", "Vladimir Putin", "United States", "China", "Russia"} <= set(found)
    assert {"Xi", "Putin"} & (
        set(found["Xi Jinping"].aliases) | set(found["Vladimir Putin"].aliases)
    )
    assert {"US", "U.S.", "Washington", "American"} <= set(found["United States"].aliases)
    assert "Moscow" not in found["Russia"].aliases  # "in Moscow" is the place, not the state
    assert "Xi" not in found and "Putin" not in found


@pytest.mark.model
def test_untagged_repeat_mentions_of_a_person_are_found(nlp: Language) -> None:
    text = (
        "Mayor Ana Ruiz opened the bridge on Friday. Ruiz said it was overdue. "
        "Critics said Ruiz had waited too long, but Ruiz disagreed."
    )
    people = [c for c in nlp(text)._.newsbot_entities if c.type == "PERSON"]
    assert [p.name for p in people] == ["Ana Ruiz"]
    assert len(people[0].mentions) == 4


def test_surnames_merged_into_a_person_vote_as_the_person() -> None:
    doc = hand_doc(
        ["Kevin", "Mayer", "spoke", ".", "Mayer", "left", ".", "Mayer", "returned", "."],
        ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O"],
    )
    found = clusters_of(doc)
    assert list(found) == ["Kevin Mayer"]
    assert found["Kevin Mayer"].type == "PERSON"


def test_cues_outvote_the_ner_label() -> None:
    doc = hand_doc(
        ["Senator", "Varo", "spoke", ".", "Acme", "Corp", "grew", "."],
        ["O", "B-ORG", "O", "O", "B-PERSON", "I-PERSON", "O", "O"],
    )
    found = clusters_of(doc)
    assert found["Varo"].type == "PERSON"  # a title before the name
    assert found["Acme Corp"].type == "ORG"  # a corporate suffix


def test_a_team_glued_to_a_name_is_neither_merged_nor_named() -> None:
    words = ["Browns", "DL", "Sheldon", "Richardson", "spoke", ".", "Richardson", "left", "."]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"]
    doc = hand_doc([*words, "The", "Browns", "lost", "."], [*ents, "O", "B-ORG", "O", "O"])
    found = clusters_of(doc)
    assert len(found["Browns"].mentions) == 1
    assert len(found["Sheldon Richardson"].mentions) == 2  # the team and position code left out


def test_a_headline_mention_counts_only_as_far_as_the_body_names_it() -> None:
    words = ["Apple", "Arcade", ":", "So", "Many", "Ways", "Zest", "Games", "\n\n"]
    words += ["Apple", "Arcade", "costs", "$", "5", "."]
    ents = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "I-ORG", "O"]
    ents += ["B-ORG", "I-ORG", "O", "O", "O", "O"]
    doc = hand_doc(words, ents)
    doc._.headline_chars = len("Apple Arcade : So Many Ways Zest Games")
    found = clusters_of(doc)
    assert list(found) == ["Apple Arcade"]  # "Zest Games" is named in the headline only
    assert len(found["Apple Arcade"].mentions) == 2


@pytest.mark.model
def test_publication_byline_dateline_and_credits_are_not_entities(nlp: Language) -> None:
    article = Article(
        title="Bridge opens after delays",
        site="The Daily Ledger",
        author="Tom Reed",
        text=(
            "SPRINGFIELD, Ohio (AP) — Mayor Jane Miller told the Ledger that the new bridge "
            "would open in May.\n"
            "Miller said Acme Corp. had finished the work, and Acme thanked the city council.\n"
            "Photo: Sam Lee/Reuters\n"
            "By Tom Reed"
        ),
    )
    doc = article_doc(nlp, article, article.text)
    found = {c.name: c for c in nlp(doc)._.newsbot_entities}
    assert {"Jane Miller", "Acme Corp."} <= set(found)
    assert not {"Ledger", "Daily Ledger", "Tom Reed", "Sam Lee", "Reuters", "AP"} & set(found)
    assert not {"Springfield", "Ohio", "SPRINGFIELD"} & set(found)  # the dateline


@pytest.mark.model
def test_actors_rank_above_places_mentioned_in_passing(nlp: Language) -> None:
    text = (
        "Acme Corp. opened a plant in Ohio on Monday. Workers in Ohio cheered as the plant "
        "in Ohio started. Acme said it would hire 300 people. Critics said Acme ignored "
        "safety rules."
    )
    found = {c.name: c for c in nlp(text)._.newsbot_entities}
    assert len(found["Ohio"].mentions) >= len(found["Acme Corp."].mentions) - 1
    assert found["Acme Corp."].salience > found["Ohio"].salience
    assert found["Ohio"].actor < found["Acme Corp."].actor


@pytest.mark.model
def test_role_scores_from_the_parse(nlp: Language) -> None:
    doc = nlp("Russia invaded Ukraine. Talks were held in Geneva. The West imposed sanctions.")
    score = {e.text: agency.role_score(e) for e in doc.ents}
    assert score["Russia"] == 1.0  # the subject acts
    assert score["Ukraine"] == 1.0  # the object is acted on
    assert score["Geneva"] == 0.0  # only where it happened


def test_two_names_run_together_are_no_person_and_digits_are_no_name() -> None:
    words = ["Steelers", "and", "Browns", "fought", ".", "The", "RAV4", "Hybrid", "sold", "."]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"]
    doc = hand_doc(words, ents)
    for token, pos in zip(doc, ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"], strict=False):
        token.pos_ = pos
    found = clusters_of(doc)
    assert "Steelers and Browns" not in found
    assert found["RAV4 Hybrid"].type == "PRODUCT"


def test_a_competition_the_model_took_for_a_person_is_an_event() -> None:
    words = ["Spain", "won", "the", "Davis", "Cup", ".", "Davis", "Cup", "rules", "changed", "."]
    ents = ["B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O"]
    found = clusters_of(hand_doc(words, ents))
    assert found["Davis Cup"].type == "EVENT"


def test_a_place_the_model_took_for_a_person_or_company_is_a_place() -> None:
    words = ["Rain", "hit", "Glasgow", ".", "New", "York", "rose", ".", "Glasgow", "wept", "."]
    ents = ["O", "O", "B-PERSON", "O", "B-ORG", "I-ORG", "O", "O", "B-PERSON", "O", "O"]
    found = clusters_of(hand_doc(words, ents))
    assert found["Glasgow"].type == "GPE"
    assert found["New York"].type == "GPE"


def test_a_person_named_like_a_city_stays_a_person() -> None:
    words = ["Michael", "York", "acted", ".", "York", "smiled", ".", "York", "left", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "B-PERSON", "O", "O"]
    found = clusters_of(hand_doc(words, ents))
    assert found["Michael York"].type == "PERSON"  # "York" alone is listed as a place


def test_a_known_organisation_the_model_took_for_a_person_is_an_organisation() -> None:
    words = ["Twitter", "banned", "him", ".", "Twitter", "said", "so", "."]
    ents = ["B-PERSON", "O", "O", "O", "B-PERSON", "O", "O", "O"]
    assert clusters_of(hand_doc(words, ents))["Twitter"].type == "ORG"


def test_a_team_the_model_took_for_a_person_is_an_organisation_and_an_ev_no_entity() -> None:
    words = ["The", "Browns", "beat", "Pittsburgh", ".", "Browns", "fans", "bought", "an", "EV"]
    ents = ["O", "B-PERSON", "O", "B-GPE", "O", "B-PERSON", "O", "O", "O", "B-ORG"]
    found = clusters_of(hand_doc(words, ents))
    assert found["Browns"].type == "ORG"
    assert "EV" not in found
