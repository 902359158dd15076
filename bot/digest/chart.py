"""Digest -> a PNG of how the period's main people and organisations were portrayed, and the
alt text that says the same in words.

The palette is Okabe and Ito's, safe for colour-vision deficiencies: critical is vermillion,
favourable blue, neutral grey (red against green, the usual pair, is one colour to about one
man in twelve). The text's markers use the same colours and the bars the text's order.

Drawn with matplotlib's object-oriented API on an Agg canvas: no pyplot, so no global figure
state and no GUI backend, and the scheduler may draw charts for several channels in threads
at once. Pure apart from the rendering: bytes in memory, nothing written to disk.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analyzers.record import StanceLabel
from bot.digest.model import Digest, DigestEntity
from bot.digest.render_parts import split_words
from bot.labels import PORTRAYAL, PORTRAYAL_ORDER
from bot.slack.render_blocks import trim

COLOURS: dict[StanceLabel, str] = {
    "negative": "#D55E00",  # critical: vermillion (the text's orange marker)
    "positive": "#0072B2",  # favourable: blue (the text's blue marker)
    "neutral": "#BBBBBB",  # grey (the text's white marker)
}
INK: dict[StanceLabel, str] = {"negative": "black", "positive": "white", "neutral": "black"}
TITLE = "Articles where each person or organisation is central, by portrayal"
NAME_CHARS = 32
DPI = 100


def stance_chart_png(digest: Digest, top: int = 8) -> bytes | None:
    """Horizontal stacked bars (articles critical / favourable / neutral) of the ``top`` main
    people and organisations, in the text's order; None when there is nothing to draw."""
    entities = list(digest.entities[:top])
    if not entities:
        return None
    figure = Figure(figsize=(8, 1.6 + 0.45 * len(entities)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # attaches itself as figure.canvas
    _draw(figure, entities, digest.period.label)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _draw(figure: Figure, entities: Sequence[DigestEntity], label: str) -> None:
    axes = figure.add_subplot()
    names = [trim(e.name, NAME_CHARS) for e in reversed(entities)]  # first entity on top
    left = [0] * len(entities)
    for stance in PORTRAYAL_ORDER:
        counts = [e.split.count(stance) for e in reversed(entities)]
        bars = axes.barh(
            names, counts, left=left, color=COLOURS[stance], label=PORTRAYAL[stance], height=0.6
        )
        shown = [str(n) if n else "" for n in counts]  # no "0" drawn on an empty segment
        axes.bar_label(bars, labels=shown, label_type="center", color=INK[stance], fontsize=9)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_xlabel("articles")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(left) * 1.05)
    axes.spines[["top", "right"]].set_visible(False)
    figure.legend(loc="outside lower center", ncols=3, frameon=False, fontsize=9)
    axes.set_title(f"{TITLE}\n{label}", fontsize=11)


def chart_alt_text(digest: Digest, top: int = 8) -> str:
    """What the chart shows, for screen readers (the upload's alt text)."""
    shown = "; ".join(
        f"{e.name}, {e.articles}: {split_words(e.split, marks=False)}"
        for e in digest.entities[:top]
    )
    return f"Bar chart. {TITLE}, {digest.period.label}. {shown}."
