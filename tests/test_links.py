"""The one link parser: every link from outside becomes a sound WebLink or an InvalidSource."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzers.errors import InvalidSource
from analyzers.ingest.links import MAX_LINK_CHARS, link_or_none, normalise_url, parse_link


def test_a_sound_link_is_parsed_into_its_parts() -> None:
    link = parse_link("  HTTPS://News.Example.com:8443/World/Story?id=7#top ")
    assert (link.scheme, link.host, link.port) == ("https", "news.example.com", 8443)
    assert link.path == "/World/Story"
    assert link.authority == "news.example.com:8443"


def test_international_names_and_ipv6_literals() -> None:
    assert parse_link("http://bücher.example/a").host == "xn--bcher-kva.example"
    link = parse_link("http://[2001:4860::8888]:8080/")
    assert (link.host, link.port, link.authority) == (
        "2001:4860::8888",
        8080,
        "[2001:4860::8888]:8080",
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("http://[::1/x", "not a valid web address ('http://[::1/x')"),
        ("http://127.0.0.1:99999/x", "port number that is not valid (99999)"),
        ("http://example.com:0/", "port number that is not valid (0)"),
        ("http://\ud83d.example/", "not a valid web address"),
        ("http://example.com/\ud800", "not a valid web address"),
        ("http://ex\x00ample.com/", "not a valid web address"),
        ("http://exa mple.com/", "host name that is not valid"),
        ("http://0x7f.1/", "host name that is not valid"),
        ("http://2130706433/", "host name that is not valid"),
        ("http://a..b/", "host name that is not valid"),
        ("http://user:pw@example.com/", "user name or password"),
        ("https:///path", "no host name"),
        ("ftp://example.com/", "uses ftp://"),
        ("example.com/story", "uses no scheme"),
        ("http://example.com/" + "a" * MAX_LINK_CHARS, "longer than 8,192 characters"),
    ],
)
def test_malformed_links_are_refused_with_the_reason(text: str, problem: str) -> None:
    with pytest.raises(InvalidSource) as refused:
        parse_link(text)
    assert problem in str(refused.value)
    assert link_or_none(text) is None


def test_what_names_where_the_link_came_from() -> None:
    with pytest.raises(InvalidSource, match=r"^The canonical link uses ftp://"):
        parse_link("ftp://example.com/", what="The canonical link")


def test_normalised_drops_what_does_not_change_the_article() -> None:
    shared = "HTTPS://News.Example.com:443/world/story?id=7&utm_source=slack&fbclid=x#comments"
    assert parse_link(shared).normalised == "https://news.example.com/world/story?id=7"
    assert normalise_url("http://example.com:8080/a?page=2") == "http://example.com:8080/a?page=2"
    assert normalise_url("https://example.com") == "https://example.com/"


def test_normalising_a_bad_link_gives_it_back_instead_of_failing() -> None:
    assert normalise_url(" http://[::1/x ") == "http://[::1/x"


def test_join_resolves_and_checks_a_relative_reference() -> None:
    base = parse_link("https://news.example/world/story")
    assert str(base.join("../sport/match?id=1", what="The link")) == (
        "https://news.example/sport/match?id=1"
    )
    with pytest.raises(InvalidSource, match=r"^A redirect uses ftp://"):
        base.join("ftp://elsewhere.example/", what="A redirect")
    with pytest.raises(InvalidSource, match=r"^A redirect is not a valid web address"):
        base.join("http://[::1", what="A redirect")


links = st.one_of(
    st.text(max_size=200),
    st.builds(
        "{}://{}{}{}".format,
        st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
        st.text(max_size=40),
        st.sampled_from(["", ":80", ":99999", ":-1", ":x", "]", "["]),
        st.text(max_size=40),
    ),
)


@given(links)
def test_any_text_is_a_sound_link_or_an_invalid_source(text: str) -> None:
    try:
        link = parse_link(text)
    except InvalidSource as refused:
        assert str(refused).startswith("The link ")
        return
    assert link.scheme in {"http", "https"}
    assert 0 < link.port < 65536
    assert link.host == link.host.lower() and link.host.isascii()
    again = parse_link(link.normalised)
    assert again.normalised == link.normalised
    assert normalise_url(text) == link.normalised


@given(st.text(max_size=200), st.text(max_size=100))
def test_joining_anything_gives_a_sound_link_or_an_invalid_source(base: str, ref: str) -> None:
    parsed = link_or_none(base) or parse_link("https://news.example/a/b")
    try:
        joined = parsed.join(ref, what="The link")
    except InvalidSource:
        return
    assert joined.scheme in {"http", "https"}
