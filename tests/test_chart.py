"""stance_chart_png(): a readable PNG of the top entities' portrayal, or None."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from bot.digest.chart import DPI, stance_chart_png
from tests.test_digest import digest, entity, share
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
