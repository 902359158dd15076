"""stance_chart_png(): a readable PNG of the top entities' portrayal, or None; colours a
colour-blind reader tells apart; alt text that says the same."""

from __future__ import annotations

import io
import math
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations

from PIL import Image

from bot.digest.chart import COLOURS, DPI, TITLE, chart_alt_text, stance_chart_png
from bot.labels import MARKS
from tests.test_digest import PERIOD, digest, entity, share
from tests.test_render_digest import many_digest, small_digest

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def size(png: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, decoded for real (a truncated file fails here)."""
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.format == "PNG"
        return image.size


def test_the_chart_is_a_decodable_png() -> None:
    png = stance_chart_png(small_digest())
    assert png is not None
    assert png.startswith(PNG_MAGIC)
    width, height = size(png)
    assert width == 8 * DPI
    assert height > 100


def test_more_entities_make_a_taller_chart_up_to_top() -> None:
    busy = many_digest(articles=40, entities=30)
    three, eight, also_eight = (stance_chart_png(busy, top) for top in (3, 8, 8))
    assert three is not None
    assert eight is not None
    assert size(three)[1] < size(eight)[1]
    assert eight == also_eight  # deterministic: the same digest draws the same bytes


def test_no_entities_no_chart() -> None:
    assert stance_chart_png(digest([])) is None
    assert stance_chart_png(digest([share("A", url="https://x.example/a")])) is None
    only = digest([share("A", url="https://x.example/a", entities=[entity("Acme")])])
    assert stance_chart_png(only, top=0) is None


def test_charts_draw_in_parallel_threads() -> None:
    """The scheduler may draw several channels' charts at once: no shared pyplot state."""
    digests = [many_digest(articles=10 + i, entities=5 + i) for i in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        pngs = list(pool.map(stance_chart_png, digests))
    assert all(png is not None and png.startswith(PNG_MAGIC) for png in pngs)
    assert [png == stance_chart_png(d) for png, d in zip(pngs, digests, strict=True)] == [True] * 6


# Machado, Oliveira and Fernandes (2009), severity 1.0: how the colours look to a reader with
# protanopia, deuteranopia or tritanopia (applied to linear RGB).
CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
MIN_DISTANCE = 0.25  # of the RGB cube's unit edge: clearly different colours, not shades


def linear(hex_colour: str) -> tuple[float, ...]:
    channels = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def seen(hex_colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, ...]:
    rgb = linear(hex_colour)
    mixed = (sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)
    return tuple(min(1.0, max(0.0, v)) ** (1 / 2.2) for v in mixed)  # back to display values


def test_the_palette_stays_distinct_for_colour_blind_readers() -> None:
    for name, matrix in CVD.items():
        colours = {label: seen(hex_colour, matrix) for label, hex_colour in COLOURS.items()}
        for one, other in combinations(colours, 2):
            distance = math.dist(colours[one], colours[other])
            assert distance >= MIN_DISTANCE, (name, one, other, round(distance, 3))


def test_the_old_red_green_pair_would_have_failed_the_check() -> None:
    """The check can fail: the green and red it replaced look alike to a deuteranope."""
    red, green = seen("#d64541", CVD["deuteranopia"]), seen("#2e9d4f", CVD["deuteranopia"])
    assert math.dist(red, green) < MIN_DISTANCE


def test_the_text_marks_name_the_chart_colours() -> None:
    assert MARKS["negative"] == ":large_orange_circle:"
    assert MARKS["positive"] == ":large_blue_circle:"


def test_alt_text_says_what_the_chart_shows() -> None:
    text = chart_alt_text(small_digest())
    assert text.startswith(f"Bar chart. {TITLE}, {PERIOD.label}.")
    assert "Acme, 2: favourable 1, neutral 1; Bob Jones, 2: critical 2." in text
