"""Which stance scorer a model folder gives, known without loading the model.

The analyzer version, part of every cache key, names the stance scorer. Loading the ONNX model
only to learn that name costs a second or more (onnxruntime's import and session), which a
cached answer must not pay: before the model is loaded, its name is read from the folder's
``meta.json``. Once it has been loaded, or has failed to load and the lexicon stands in, the
scorer actually in use is the answer (`remember_loaded`).
"""

from __future__ import annotations

import json
from pathlib import Path

DEFAULT_MODEL_DIR = Path(__file__).with_name("stance_model")
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "meta.json"
LEXICON_SCORER_NAME = "lexicon-v1"

_loaded: dict[Path, str] = {}


def onnx_scorer_name(meta: dict[str, object]) -> str:
    """The scorer name a model's ``meta.json`` gives it."""
    return f"onnx-{meta['name']}"


def remember_loaded(model_dir: Path, name: str) -> None:
    """Record the scorer actually built for ``model_dir`` (the lexicon when the model failed)."""
    _loaded[model_dir] = name


def scorer_name(model_dir: Path | None = None) -> str:
    """The name of the scorer ``model_dir`` gives (default: the shipped model), loading nothing."""
    folder = model_dir or DEFAULT_MODEL_DIR
    if folder in _loaded:
        return _loaded[folder]
    return declared_name(folder) or LEXICON_SCORER_NAME


def declared_name(folder: Path) -> str | None:
    """The model's name when its files are there and its meta.json names it, else None."""
    if not all((folder / name).is_file() for name in (MODEL_FILE, TOKENIZER_FILE)):
        return None
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
        return None
    return onnx_scorer_name(meta)
