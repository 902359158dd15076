"""spaCy component `newsbot_paragraphs`: a line break always ends a sentence.

The headline, standfirst and paragraphs of an article are separated by newlines, often
without a full stop; the small English parser would run them together into one "sentence"
("...between Beijing and Moscow China and Russia have..."), which garbles both the parse and
the evidence shown to editors. Runs before the parser, which respects preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsbot_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc
