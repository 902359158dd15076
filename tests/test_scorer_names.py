"""The stance scorer's name, part of every cache key, known without loading the model; and the
cache that reads it at each call, so that records follow the scorer actually loaded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from analyzers.nlp.onnx_scorer import load_scorer
from analyzers.nlp.scorer_names import DEFAULT_MODEL_DIR, LEXICON_SCORER_NAME, scorer_name
from bot.storage.cache import AnalysisCache
from bot.storage.memory_store import MemoryStore
from tests.test_record import make_analysis

SHIPPED = "onnx-" + json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text())["name"]


def copy_of_model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL_DIR, folder)
    return folder


def test_the_shipped_model_is_named_from_its_meta_file() -> None:
    assert scorer_name() == scorer_name(DEFAULT_MODEL_DIR) == SHIPPED


def test_a_folder_without_a_usable_model_names_the_lexicon(tmp_path: Path) -> None:
    assert scorer_name(tmp_path / "absent") == LEXICON_SCORER_NAME
    no_tokenizer = copy_of_model(tmp_path)
    (no_tokenizer / "tokenizer.json").unlink()
    assert scorer_name(no_tokenizer) == LEXICON_SCORER_NAME


def test_an_unreadable_meta_file_names_the_lexicon(tmp_path: Path) -> None:
    folder = copy_of_model(tmp_path)
    (folder / "meta.json").write_text('{"labels": []}')
    assert scorer_name(folder) == LEXICON_SCORER_NAME
    (folder / "meta.json").write_text("not json")
    assert scorer_name(folder) == LEXICON_SCORER_NAME


def test_once_loaded_the_scorer_actually_used_is_named(tmp_path: Path) -> None:
    folder = copy_of_model(tmp_path)
    (folder / "model.onnx").write_bytes(b"not an onnx model")
    assert scorer_name(folder) == SHIPPED  # what the folder declares, until it is loaded
    load_scorer(folder)  # fails, and the lexicon stands in
    assert scorer_name(folder) == LEXICON_SCORER_NAME


def test_the_cache_reads_the_version_at_each_call() -> None:
    version = ["before-load"]
    cache = AnalysisCache(MemoryStore(), 3600, lambda: version[0])
    cache.put(["url:a"], make_analysis())
    version[0] = "after-load"
    assert cache.get(["url:a"]) is None
    version[0] = "before-load"
    assert cache.get(["url:a"]) == make_analysis()
