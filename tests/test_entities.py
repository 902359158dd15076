"""The entity component: hand-built Docs for the merging rules, the real pipeline for parses."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from analyzers.entities import EntityCluster, EntityClusterer


def clusters_of(doc: Doc) -> dict[str, EntityCluster]:
    EntityClusterer(max_entities=25)(doc)
    return {cluster.name: cluster for cluster in doc._.newsbot_entities}


def hand_doc(words: list[str], ents: list[str]) -> Doc:
    """A Doc with entity tags but no parse, one sentence per full stop."""
    sent_starts: list[bool | int | None] = [
        i == 0 or words[i - 1] == "." for i in range(len(words))
    ]
    return Doc(Vocab(), words=words, ents=ents, sent_starts=sent_starts)


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
