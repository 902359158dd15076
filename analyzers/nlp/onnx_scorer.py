"""The trained stance scorer: a fine-tuned MiniLM (NewsMTSC) run with ONNX Runtime on CPU.

Each mention is shown to the model as its sentence with marker tokens around the target
(``[unused0]`` before, ``[unused1]`` after), so that two actors of one sentence get their own
answers; the model reads the marker's hidden state and returns P(negative), P(neutral),
P(positive). The polarity handed to the stance component is P(positive) - P(negative).

Runtime needs onnxruntime and tokenizers only. The model lies in ``analyzers/nlp/stance_model/``
(built by ``training/train_stance.py``). When it is missing or unreadable, the factory
``newsbot.onnx_scorer.v1`` falls back to the lexicon scorer with one warning in the log, and
the stance component reports the fallback in every record it helps to build.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import onnxruntime as ort
from spacy.util import registry
from tokenizers import AddedToken, Tokenizer

from analyzers.nlp.lexicon import LexiconScorer, load_valences
from analyzers.nlp.mention import Probabilities, TargetMention
from analyzers.nlp.scorer_names import (
    DEFAULT_MODEL_DIR,
    META_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
    onnx_scorer_name,
    remember_loaded,
)

log = logging.getLogger(__name__)

TARGET_OPEN = "[unused0]"
TARGET_CLOSE = "[unused1]"
MAX_TOKENS = 128
BATCH_SIZE = 32
PADDING_RATIO = 1.5
# Characters of a sentence kept either side of the target before tokenising: far more than
# the MAX_TOKENS window can hold, so only the cost changes, not the answer.
CONTEXT_CHARS = 1500
LABEL_ORDER = ("negative", "neutral", "positive")


class StanceModelError(Exception):
    """The stance model directory is missing, incomplete or unreadable."""


def mark_target(sentence: str, start: int, end: int) -> str:
    """The sentence with marker tokens around the target's characters."""
    return f"{sentence[:start]}{TARGET_OPEN}{sentence[start:end]}{TARGET_CLOSE}{sentence[end:]}"


def load_tokenizer(path: Path) -> Tokenizer:
    """A `tokenizers.Tokenizer` with the target markers as special tokens, no padding or cut."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tokenizer.add_special_tokens(
        [AddedToken(TARGET_OPEN, normalized=False), AddedToken(TARGET_CLOSE, normalized=False)]
    )
    return tokenizer


def encode_mentions(
    tokenizer: Tokenizer, items: Sequence[tuple[str, int, int]], max_tokens: int = MAX_TOKENS
) -> list[list[int]]:
    """Token ids of each (sentence, start, end); a long sentence is cut to a window of
    ``max_tokens`` around the target so that the marker is always seen."""
    texts = [mark_target(sentence, start, end) for sentence, start, end in items]
    open_id = tokenizer.token_to_id(TARGET_OPEN)
    encoded: list[list[int]] = []
    for encoding in tokenizer.encode_batch(texts):
        ids: list[int] = list(encoding.ids)
        if len(ids) > max_tokens:
            body = ids[1:-1]
            room = max_tokens - 2
            marker = body.index(open_id) if open_id in body else 0
            low = max(0, min(marker - room // 3, len(body) - room))
            ids = [ids[0], *body[low : low + room], ids[-1]]
        encoded.append(ids)
    return encoded


def length_batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices grouped for the model, shortest first: at most BATCH_SIZE a batch, and a new
    batch once an input is more than PADDING_RATIO times the batch's shortest. The model's
    cost grows with the padded width, so a few long sentences must not pad many short ones."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        batch = batches[-1] if batches else None
        if (
            batch is None
            or len(batch) == BATCH_SIZE
            or lengths[i] > PADDING_RATIO * lengths[batch[0]]
        ):
            batches.append([i])
        else:
            batch.append(i)
    return batches


class OnnxScorer:
    """Class probabilities of each target mention from the fine-tuned model."""

    def __init__(self, model_dir: Path = DEFAULT_MODEL_DIR, *, threads: int = 0) -> None:
        model_file = model_dir / MODEL_FILE
        tokenizer_file = model_dir / TOKENIZER_FILE
        for needed in (model_file, tokenizer_file):
            if not needed.is_file():
                raise StanceModelError(f"{needed} is missing")
        try:
            meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
            self.name = onnx_scorer_name(meta)
            self.tokenizer = load_tokenizer(tokenizer_file)
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            self.session = ort.InferenceSession(
                str(model_file), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # any unreadable part: corrupt file, bad JSON, wrong format
            raise StanceModelError(f"cannot load the stance model in {model_dir}: {exc}") from exc
        self.max_tokens = int(meta.get("max_tokens", MAX_TOKENS))
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0

    def score(self, mentions: Sequence[TargetMention]) -> list[float]:
        return [p.polarity for p in self.probabilities(mentions)]

    def probabilities(self, mentions: Sequence[TargetMention]) -> list[Probabilities]:
        items = [m.context(CONTEXT_CHARS) for m in mentions]
        return self.probabilities_of(items)

    def probabilities_of(self, items: Sequence[tuple[str, int, int]]) -> list[Probabilities]:
        """Probabilities of each (sentence, target start, target end), batched by length."""
        if not items:
            return []
        encoded = encode_mentions(self.tokenizer, items, self.max_tokens)
        results: list[Probabilities | None] = [None] * len(encoded)
        for batch in length_batches([len(ids) for ids in encoded]):
            width = max(len(encoded[i]) for i in batch)
            ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1
            (probs,) = self.session.run(["probs"], {"input_ids": ids, "attention_mask": mask})
            for row, i in enumerate(batch):
                neg, neu, pos = (float(x) for x in probs[row])
                results[i] = Probabilities(neg, neu, pos)
        return [r for r in results if r is not None]


class FallbackLexiconScorer(LexiconScorer):
    """The lexicon scorer standing in for a model that could not be loaded."""

    def __init__(self, reason: str) -> None:
        super().__init__(load_valences())
        self.fallback_reason = reason


def make_onnx_scorer(model_dir: str = "", threads: int = 0) -> OnnxScorer | FallbackLexiconScorer:
    """The model scorer, or the lexicon with one logged warning when the model cannot load."""
    return load_scorer(Path(model_dir) if model_dir else DEFAULT_MODEL_DIR, threads)


def load_scorer(model_dir: Path, threads: int = 0) -> OnnxScorer | FallbackLexiconScorer:
    """Loaded once per folder (and thread count), so that start-up logs one warning and the
    analyzer version (`analyzers.nlp.scorer_names.scorer_name`) and the pipeline agree on the
    scorer actually used."""
    return _loaded(model_dir, threads)


@cache
def _loaded(model_dir: Path, threads: int) -> OnnxScorer | FallbackLexiconScorer:
    scorer: OnnxScorer | FallbackLexiconScorer
    try:
        scorer = OnnxScorer(model_dir, threads=threads)
    except StanceModelError as exc:
        reason = f"stance model unavailable, lexicon stance used instead ({exc})"
        log.warning("%s", reason)
        scorer = FallbackLexiconScorer(reason)
    remember_loaded(model_dir, scorer.name)
    return scorer


def stance_scorer_name(model_dir: Path | None = None) -> str:
    """The name of the scorer `newsbot.onnx_scorer.v1` uses for ``model_dir``, loading it
    (`analyzers.nlp.scorer_names.scorer_name` answers without loading)."""
    return load_scorer(model_dir or DEFAULT_MODEL_DIR).name


registry.misc.register("newsbot.onnx_scorer.v1", func=make_onnx_scorer)
