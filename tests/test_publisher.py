"""Site names people recognise, and headlines without the site's name: on plain strings."""

from __future__ import annotations

import pytest

from analyzers.ingest.known_publishers import known_publisher
from analyzers.ingest.publisher import publisher_name, readable_host
from analyzers.ingest.site_suffix import without_site_name


@pytest.mark.parametrize(
    ("names", "host", "sections", "expected"),
    [
        # the page's own name, when it is one
        (["Connecticut Post", "Associated Press"], "www.ctpost.com", [], "Connecticut Post"),
        (["BBC Sport"], "www.bbc.co.uk", [], "BBC Sport"),
        # generic values and desks are not names: the known publisher for the host instead
        (["Hosted"], "hosted.ap.org", [], "AP"),
        (["Hosted"], "apnews.com", [], "AP"),
        (["U.S."], "www.reuters.com", [], "Reuters"),
        (["Home", "News", "Opinion"], "www.theguardian.com", [], "The Guardian"),
        (["Company Town"], "www.latimes.com", ["Company Town"], "Los Angeles Times"),
        ([""], "edition.cnn.com", [], "CNN"),
        (["https://www.newsnation.in", "News Nation"], "www.newsnation.in", [], "News Nation"),
        # a page's shorthand for a known publisher gives way to the known name
        (["WSJ", "Wall Street Journal"], "www.wsj.com", [], "The Wall Street Journal"),
        (["TheHill", "The Hill"], "thehill.com", [], "The Hill"),
        # a tagline or a list of sections after the name goes
        (["LinkNaija | Nigeria's popular news platform"], "www.linknaija.com", [], "LinkNaija"),
        (["Autoracing | F1 | Indy | MotoGP"], "www.autoracing.com.br", [], "Autoracing"),
        (["Hosted | Example Daily"], "example.org", [], "Example Daily"),
        # a host for a name is kept for last, after readable names
        (["livescience.com", "Live Science"], "www.livescience.com", [], "Live Science"),
        (["CBSSports.com"], "www.cbssports.com", [], "CBSSports.com"),
        (["POLYGRAPH.info"], "www.polygraph.info", ["POLYGRAPH.info"], "POLYGRAPH.info"),
        # the host's label in lower case, or nothing at all: a readable host
        (["cleveland"], "www.cleveland.com", [], "cleveland.com"),
        ([], "www.wday.ru", [], "wday.ru"),
        (["News"], "WWW.Example.COM", [], "example.com"),
        ([], None, [], None),
    ],
)
def test_publisher_name(
    names: list[str], host: str | None, sections: list[str], expected: str | None
) -> None:
    assert publisher_name(names, host, sections) == expected


def test_known_publishers_by_host_and_parent_domain() -> None:
    assert known_publisher("www.bbc.com") == known_publisher("bbc.co.uk") == "BBC News"
    assert known_publisher("news.sky.com") == "Sky News"
    assert known_publisher("sky.com") is None
    assert known_publisher("notreuters.com") is None
    assert known_publisher(None) is None


def test_readable_host() -> None:
    assert readable_host("www2.Example.co.uk.") == "example.co.uk"
    assert readable_host("m.example.com") == "example.com"
    assert readable_host("blog.example.com") == "blog.example.com"
    assert readable_host(" ") is None


@pytest.mark.parametrize(
    ("title", "names", "host", "sections", "expected"),
    [
        (
            "Council backs budget | Daily Example",
            ["Daily Example"],
            None,
            [],
            "Council backs budget",
        ),
        ("Council backs budget - Editorial", [], None, [], "Council backs budget"),
        ("Council backs budget | Opinion", [], None, [], "Council backs budget"),
        ("Council backs budget – The Guardian", [], None, [], "Council backs budget"),
        (
            "Council backs budget — RT World News",
            ["RT"],
            None,
            ["World News"],
            "Council backs budget",
        ),
        ("Council backs budget |  News | Al Jazeera", [], None, [], "Council backs budget"),
        ("Council backs budget : CityAM", ["CityAM"], None, [], "Council backs budget"),
        ("Council backs budget | TheHill", [], "thehill.com", [], "Council backs budget"),
        (
            "Council backs budget - cleveland.com",
            [],
            "www.cleveland.com",
            [],
            "Council backs budget",
        ),
        ("Sentra review - Auto News", [], None, ["Auto News"], "Sentra review"),
        (
            "Council backs budget - Remember 80/90 - Memorabilia anni 80/90",
            ["Remember 80/90 - Memorabilia anni 80/90"],
            None,
            [],
            "Council backs budget",
        ),
        (
            "LinkNaija | Nigeria's popular news platform: BREAKING NEWS: Council backs budget",
            ["LinkNaija | Nigeria's popular news platform"],
            None,
            [],
            "BREAKING NEWS: Council backs budget",
        ),
        # real headlines with dashes, colons and bars of their own stay whole
        ("Biden - Xi summit ends", ["Vox"], "www.vox.com", [], "Biden - Xi summit ends"),
        ("Spurs 2 - 1 Arsenal", ["Sportsnet"], None, [], "Spurs 2 - 1 Arsenal"),
        ("Ukraine war: Kyiv hit by drones", ["BBC"], None, [], "Ukraine war: Kyiv hit by drones"),
        ("Trump | Daily Example", [], None, [], "Trump | Daily Example"),
        # nothing left but the name: the title as it is
        ("Daily Example", ["Daily Example"], None, [], "Daily Example"),
        ("Opinion", [], None, [], "Opinion"),
    ],
)
def test_title_without_site_name(
    title: str, names: list[str], host: str | None, sections: list[str], expected: str
) -> None:
    assert without_site_name(title, names, host, sections) == expected
