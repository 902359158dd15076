"""The training script's options, and the command line that reproduces a run from them.

Kept apart from the training code (and free of torch) so that a run's recorded options and
the command printed in the model card can be checked without the ``[train]`` extra.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

DESCRIPTION = "Fine-tune all-MiniLM-L6-v2 for target-dependent stance on NewsMTSC."
SCRIPT = "HF_HUB_OFFLINE=1 .venv/bin/python -m training.train_stance"
REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "newsmtsc"
DEFAULT_OUT = REPO / "analyzers" / "nlp" / "stance_model"
DEFAULT_WORK = REPO / "training" / "out"
SKIPPED_ARGS = {"data", "export_only", "limit"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
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
    parser.add_argument("--layer-decay", type=float, default=1.0, help="LR factor per layer")
    parser.add_argument("--rdrop", type=float, default=0.0, help="R-Drop alpha (0: off)")
    parser.add_argument("--further-mentions", action="store_true", help="train on coreferences")
    parser.add_argument("--fgm", type=float, default=0.0, help="adversarial epsilon (0: off)")
    parser.add_argument("--multi-target-copies", type=int, default=0, help="oversampling")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument(
        "--average", type=Path, nargs="+", default=[], help="runs' --work: export their soup"
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="checkpoint, fp32 export")
    parser.add_argument("--limit", type=int, default=0, help="first N training targets (smoke)")
    return parser


def hyperparameters(args: argparse.Namespace) -> dict[str, Any]:
    """A run's options as JSON, paths relative to the repository where they lie inside it."""

    def plain(value: Any) -> Any:
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, Path):
            absolute = value.resolve()
            return str(absolute.relative_to(REPO)) if absolute.is_relative_to(REPO) else str(value)
        return value

    return {k: plain(v) for k, v in vars(args).items() if k not in SKIPPED_ARGS}


def command(hp: dict[str, Any]) -> str:
    """The command of a run: the options that differ from this script's defaults."""
    defaults = hyperparameters(build_parser().parse_args([]))
    changed = []
    for key, value in hp.items():
        if key in defaults and defaults[key] != value:
            option = "--" + key.replace("_", "-")
            values = value if isinstance(value, list) else [value]
            changed.append(option if value is True else " ".join([option, *map(str, values)]))
    return " ".join([SCRIPT, *changed])
