"""The words pages use to say what kind of piece they are, and which kind each one means.

One vocabulary for every place a genre word turns up: a section label or JSON-LD type, a
headline prefix ("Analysis: ..."), a kicker line above the text ("OPINION"), a byline
("Analysis by Jane Doe"). Reviews count as opinion (a critic's judgement); fact checks and
explainers as analysis (a reporter explaining or weighing evidence, not arguing a side).
"""

from __future__ import annotations

import re

from analyzers.record import Kind

OPINION_GENRES = frozenset(
    {
        *"editorial editorials opinion opinions op-ed op-eds oped column columns".split(),
        "op ed",
        *"columnist columnists commentary commentaries comment viewpoint viewpoints".split(),
        *"perspective perspectives letters essay review reviews satire".split(),
        "letter to the editor",
        "letters to the editor",
        "guest essay",
        "our view",
    }
)
ANALYSIS_GENRES = frozenset(
    {
        *"analysis explainer explainers explained fact-check factcheck fact-checks".split(),
        *"factbox factboxes".split(),
        "news analysis",
        "fact check",
        "fact checks",
        "background",
    }
)
GENRE_PATTERN = "|".join(
    re.escape(g).replace(r"\ ", r"[\s-]+")
    for g in sorted(OPINION_GENRES | ANALYSIS_GENRES, key=len, reverse=True)
)


def genre_kind(label: str) -> Kind | None:
    """ "Opinion" -> "opinion", "News Analysis" -> "analysis", "Politics" -> None: the kind a
    label names when the whole label is a genre word (a tag that merely contains one, such as
    "opinion polls", names none)."""
    key = " ".join(re.sub(r"[^\w\s-]", " ", label.casefold()).split())
    if key in ANALYSIS_GENRES:
        return "analysis"
    if key in OPINION_GENRES:
        return "opinion"
    return None
