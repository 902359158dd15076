"""analyzers.nlp.identity: one rule for "the same entity" in an article, a digest and
`/newsbot entity`."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from analyzers.nlp.identity import answers_to, entity_key, entity_keys
from analyzers.record import Entity, Stance


def named(name: str, kind: str = "PERSON", aliases: Sequence[str] = ()) -> Entity:
    return Entity(name, kind, list(aliases), 2, 0.5, Stance("neutral", 0.0))


XI = named("Xi Jinping", aliases=["Xi", "President Xi Jinping"])


@pytest.mark.parametrize("query", ["Xi Jinping", "xi", "President Xi", "XI JINPING", " Xi  "])
def test_a_person_answers_to_name_alias_and_title(query: str) -> None:
    assert answers_to(XI, query)


@pytest.mark.parametrize("query", ["Jinping Xi", "Jinping", "", "President"])
def test_a_person_does_not_answer_to_other_names(query: str) -> None:
    assert not answers_to(XI, query)


def test_titles_company_forms_and_country_spellings_are_set_aside() -> None:
    assert entity_key(named("President Joe Biden")) == entity_key(named("Joe Biden"))
    assert entity_key(named("Acme Inc.", "ORG")) == entity_key(named("Acme", "ORG"))
    assert entity_key(named("U.S.", "GPE")) == entity_key(named("United States", "GPE"))
    assert entity_key(named("General Motors", "ORG")) == "general motors"  # no title in a firm


def same_entity(one: Entity, other: Entity) -> bool:
    """The rule as the digest applies it through an index of keys."""
    return entity_key(one) in entity_keys(other) or entity_key(other) in entity_keys(one)


def test_same_entity_by_name_or_alias_but_not_by_a_shared_alias() -> None:
    assert same_entity(XI, named("Xi"))
    assert same_entity(named("President Xi Jinping"), XI)
    john = named("John Smith", aliases=["Smith"])
    jane = named("Jane Smith", aliases=["Smith"])
    assert not same_entity(john, jane)
    assert same_entity(named("Smith"), john)
