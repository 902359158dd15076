"""What is not an actor: the pure rules for publications, bylines, datelines and credits."""

from __future__ import annotations

from collections import Counter

import pytest

from analyzers.nlp import furniture


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "WASHINGTON (AP) — "),
        ("LONDON (Reuters) - Oil prices fell.", "LONDON (Reuters) - "),
        ("HAYWARD, Calif. (AP) — A man was stabbed.", "HAYWARD, Calif. (AP) — "),
        ("NEW YORK — Stocks rose.", "NEW YORK — "),
        ("BAAR, SWITZERLAND", "BAAR, SWITZERLAND"),
        ("Washington warned Moscow on Monday.", ""),
        ("NATO said the drills would go ahead - and they did.", ""),
        ("US officials said - without evidence - that it failed.", ""),
    ],
)
def test_dateline_end(line: str, dateline: str) -> None:
    assert line[: furniture.dateline_end(line)] == dateline


@pytest.mark.parametrize(
    ("surface", "site", "urls", "expected"),
    [
        ("Reuters", None, [], True),  # a wire agency, whoever published the page
        ("Xinhua News Agency", None, [], True),
        ("AP", "SFGate", [], True),
        ("the Post", "New York Post", [], True),  # the masthead's last word
        ("LinkNaija", "LinkNaija | Nigeria's popular news platform", [], True),
        ("RT", None, ["https://www.rt.com/news/1-bolivia/"], True),
        ("The Hill", "The Hill", [], True),
        ("Apple", "MacRumors.com", ["https://www.macrumors.com/2019/x"], False),
        ("Post Office", "New York Post", [], False),
        ("Hill", "CBS News", [], False),
    ],
)
def test_is_publication(surface: str, site: str | None, urls: list[str], expected: bool) -> None:
    publications = furniture.publication_names(site, urls)
    assert furniture.is_publication(surface, publications) is expected


def test_byline_names_split_several_writers() -> None:
    bylines = furniture.byline_names("Tom Krisher; Ap Auto Writer, and Jane Doe")
    assert furniture.is_byline("Tom Krisher", bylines)
    assert furniture.is_byline("JANE DOE", bylines)
    assert not furniture.is_byline("Tom Cruise", bylines)


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("By Jane Doe", "By Jane Doe"),
        ("Photo: Sam Lee/Getty Images", "Photo: Sam Lee/Getty Images"),
        ("Read more: Tencent profit falls", "Read more: Tencent profit falls"),
        (
            "— Kristi Noem (@KristiNoem) November 18, 2019",
            "— Kristi Noem (@KristiNoem) November 18, 2019",
        ),
        (
            "The mayor spoke on Friday. (Photo: Sam Lee)",
            "(Photo: Sam Lee)",
        ),
        ("The Associated Press contributed to this report.", "contributed to this report."),
        ("Police said the suspect fled on foot.", ""),
        ("Senator Jane Doe (@janedoe) said on Twitter that she would vote no.", ""),
        ("More than 300 people were evacuated.", ""),
        ("By Friday, Ruiz had resigned.", ""),
    ],
)
def test_furniture_range(line: str, credit: str) -> None:
    found = furniture.furniture_range(line)
    assert (line[found[0] : found[1]] if found else "") == credit


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('16" MacBook Pro Now Available', True),
        ("Tencent Profit Falls as Alibaba Threat Weighs", True),
        ("Apple said the MacBook Pro is now available.", False),
        ("Nadal keeps Spain alive against Russia", False),
        ("Ascom", False),
    ],
)
def test_is_title_case_line(line: str, expected: bool) -> None:
    assert furniture.is_title_case_line(line) is expected


def test_a_word_also_written_in_lower_case_is_a_thing() -> None:
    nouns = Counter({"moon": 3, "cook": 0})
    assert furniture.is_common_noun(["Moon", "Moon"], 2, nouns)
    assert not furniture.is_common_noun(["Cook"] * 5, 5, nouns)
    assert not furniture.is_common_noun(["NASA"], 1, Counter({"nasa": 4}))  # an acronym
    assert not furniture.is_common_noun(["Moon", "Moon Europa"], 2, nouns)


def test_a_networks_own_station_is_the_publication() -> None:
    publications = furniture.publication_names("CBS News", [])
    assert furniture.is_publication("CBS DFW", publications)
    assert not furniture.is_publication("NBC", publications)
    assert not furniture.is_publication("News Corp", furniture.publication_names("Vox", []))
