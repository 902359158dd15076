from __future__ import annotations

from analyzers.ingest.links import normalise_url
from bot.sources import HtmlSource, LinkSource, TextSource
from bot.storage.source_keys import source_key, text_key, url_key


def test_tracking_parameters_fragment_case_and_default_port_do_not_matter() -> None:
    shared = "HTTPS://News.Example.com:443/world/story?id=7&utm_source=slack&fbclid=x#comments"
    assert normalise_url(shared) == "https://news.example.com/world/story?id=7"


def test_meaningful_query_and_other_ports_are_kept() -> None:
    assert normalise_url("http://example.com:8080/a?page=2") == "http://example.com:8080/a?page=2"
    assert normalise_url("https://example.com") == "https://example.com/"


def test_same_article_shared_twice_has_one_key() -> None:
    assert url_key("https://x.com/a?utm_medium=social") == url_key("https://x.com/a#top")


def test_text_key_ignores_spacing_but_not_words() -> None:
    assert text_key("Hello  world.\n\nMore text.") == text_key("Hello world. More text.")
    assert text_key("Hello world.") != text_key("Hello there.")


def test_source_keys_do_not_collide_across_kinds() -> None:
    same = "<p>Same words</p>"
    keys = {
        source_key(TextSource(same, "stdin")),
        source_key(HtmlSource(same, "a.html")),
        source_key(LinkSource("https://example.com/")),
    }
    assert len(keys) == 3
