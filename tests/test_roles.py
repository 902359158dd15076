"""Roles read from the parse: whose view a sentence's tone is, and who it judges."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analyzers.nlp.roles import Role, mention_role

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("sentence", "target", "entity_type", "role"),
    [
        ("The plan faced criticism from the unions.", "unions", "ORG", Role.JUDGE),
        ("The unions criticised the plan.", "unions", "ORG", Role.JUDGE),
        ("Senator Warren sharply criticised Johnson for the plan.", "Warren", "PERSON", Role.JUDGE),
        ("Johnson was attacked by Senator Warren.", "Warren", "PERSON", Role.JUDGE),
        ("Johnson was attacked by Senator Warren.", "Johnson", "PERSON", Role.JUDGED),
        ("Critics attacked Johnson over the botched rescue.", "Johnson", "PERSON", Role.JUDGED),
        ("Ms Ruiz said the deal was a disaster.", "Ruiz", "PERSON", Role.SPEAKER),
        ("The deal was a disaster, according to Ana Ruiz.", "Ana Ruiz", "PERSON", Role.SPEAKER),
        (
            '"Harris has failed the city," said the mayor, Tom Reed.',
            "Tom Reed",
            "PERSON",
            Role.SPEAKER,
        ),
        (
            '"Harris has failed the city," said the mayor, Tom Reed.',
            "Harris",
            "PERSON",
            Role.QUOTED,
        ),
        ("The Canadian-born activist faces a charge of fraud.", "Canadian", "GPE", Role.SETTING),
        ("Protests in Paris turned violent on Sunday.", "Paris", "GPE", Role.SETTING),
        ("A Moscow court jailed the journalist.", "Moscow", "GPE", Role.SETTING),
        ("The Obama administration botched the rollout.", "Obama", "PERSON", Role.MODIFIER),
        ("Trump tried to coerce Ukraine into an inquiry.", "Ukraine", "GPE", Role.VICTIM),
        ("The journalist Ana Ruiz was kidnapped in May.", "Ana Ruiz", "PERSON", Role.VICTIM),
    ],
)
def test_role_of_a_mention(
    parser: Language, sentence: str, target: str, entity_type: str, role: Role
) -> None:
    doc = parser(sentence)
    start = sentence.index(target)
    span = doc.char_span(start, start + len(target), alignment_mode="expand")
    assert span is not None
    assert mention_role(span, entity_type) is role
