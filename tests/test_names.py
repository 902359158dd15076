from __future__ import annotations

import pytest

from analyzers.nlp import names


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Biden's", "Biden"),
        ("Biden’s", "Biden"),
        ("the United States", "United States"),
        ("U.S.", "U.S."),
        ("  Xi   Jinping ", "Xi Jinping"),
        ("“Putin”", "Putin"),
    ],
)
def test_clean_surface(surface: str, expected: str) -> None:
    assert names.clean_surface(surface) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("President Xi Jinping", ("xi", "jinping")),
        ("Xi Jinping", ("xi", "jinping")),
        ("Joe R. Biden Jr.", ("joe", "biden")),
        ("Prime Minister Keir Starmer", ("keir", "starmer")),
        ("Mr. Putin", ("putin",)),
        ("President", ("president",)),  # a lone title is kept rather than emptied
    ],
)
def test_person_key_drops_titles_initials_and_suffixes(name: str, key: tuple[str, ...]) -> None:
    assert names.person_key(name) == key


def test_org_key_drops_company_form() -> None:
    assert names.org_key("Microsoft Corp.") == names.org_key("Microsoft") == ("microsoft",)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("US", "United States"),
        ("U.S.", "United States"),
        ("the United States", "United States"),
        ("America", "United States"),
        ("Britain", "United Kingdom"),
        ("the West", "the West"),
        ("France", None),  # a plain country name needs no alias
    ],
)
def test_country_aliases(text: str, country: str | None) -> None:
    assert names.country_for(text) == country


def test_acronyms_and_initials_line_up() -> None:
    assert names.acronym("U.N.") == names.initials("United Nations") == "UN"
    assert names.acronym("NATO") == names.initials("North Atlantic Treaty Organization")
    assert names.acronym("Reuters") is None


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        (("biden",), ("joe", "biden"), True),  # the surname alone
        (("eriksson", "ek"), ("joel", "eriksson", "ek"), True),  # the closing words
        (("xi",), ("xi", "jinping"), True),  # a family name written first
        (("hunter", "biden"), ("joe", "biden"), False),  # two different full names
        (("browns",), ("browns", "dl", "sheldon", "richardson"), False),  # a team NER glued on
        (("jinping",), ("xi", "jinping"), True),
        (("joe", "biden"), ("joe", "biden"), False),  # equal keys are grouped, not merged
    ],
)
def test_is_part_of_name(short: tuple[str, ...], full: tuple[str, ...], same: bool) -> None:
    assert names.is_part_of_name(short, full) is same


@pytest.mark.parametrize(
    ("surface", "shown"),
    [
        ("President Joe Biden", "Joe Biden"),
        ("Pope Francis", "Pope Francis"),
        ("King Charles", "King Charles"),
        ("Mr. Smith", "Smith"),
        ("Prince William of Wales", "William of Wales"),
        ("Francis", "Francis"),
    ],
)
def test_person_name_keeps_only_the_style_a_one_word_name_goes_by(surface: str, shown: str) -> None:
    assert names.person_name(surface) == shown
