"""The words and marks every renderer shares: how a stance is named and marked, and how an
entity type reads. One place, so the terminal, Block Kit, the digest and its chart never call
the same thing by two names, and no renderer borrows them from another."""

from __future__ import annotations

from analyzers.record import StanceLabel

PORTRAYAL: dict[StanceLabel, str] = {
    "positive": "favourable",
    "negative": "critical",
    "neutral": "neutral",
}
# Slack emoji beside a stance: blue and orange, not green and red, so that they are told apart
# with every common colour-vision deficiency (the digest's chart draws the same colours).
MARKS: dict[StanceLabel, str] = {
    "positive": ":large_blue_circle:",
    "negative": ":large_orange_circle:",
    "neutral": ":white_circle:",
}
# The order portrayals are written in, in the digest's text and in its chart's bars alike.
PORTRAYAL_ORDER: tuple[StanceLabel, ...] = ("negative", "positive", "neutral")
TYPE_NAMES = {  # spaCy's entity labels as a reader names them; others are lower-cased
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country/place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "facility",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
}
WIDTH = 88  # columns plain-text output (the terminal, the digest as text) is wrapped to
