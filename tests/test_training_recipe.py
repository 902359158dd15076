"""The torch-free parts of the stance model's training: the options a run records, the
reproduce commands printed in the model card, and the extra training targets."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from analyzers.nlp.scorer_names import DEFAULT_MODEL_DIR
from evaluation.stance import StanceExample
from training.model_card import recipe_extras
from training.options import DEFAULT_OUT, REPO, SCRIPT, build_parser, command, hyperparameters
from training.targets import further_mentions, multi_target_copies


def parsed(command_line: str) -> dict[str, object]:
    """The recorded options of the run a printed command would start."""
    words, prefix = shlex.split(command_line), shlex.split(SCRIPT)
    assert words[: len(prefix)] == prefix
    return hyperparameters(build_parser().parse_args(words[len(prefix) :]))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--lr", "8e-05", "--epochs", "3", "--seed", "7", "--work", "training/out/s7"],
        ["--further-mentions", "--fgm", "1.0", "--multi-target-copies", "2"],
        ["--average", "training/out/s7", "training/out/s99", "--work", "training/out/soup"],
        ["--pooling", "markers-cls", "--class-weights", "--out", "training/out/x/model"],
    ],
)
def test_a_runs_command_starts_the_same_run(argv: list[str]) -> None:
    recorded = hyperparameters(build_parser().parse_args(argv))
    assert parsed(command(recorded)) == recorded


def test_paths_are_recorded_relative_to_the_repository() -> None:
    recorded = hyperparameters(build_parser().parse_args(["--work", "training/out/s7"]))
    assert recorded["work"] == "training/out/s7"
    assert recorded["out"] == "analyzers/nlp/stance_model"


def test_the_shipped_cards_commands_rebuild_the_shipped_model_last() -> None:
    card = (DEFAULT_MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    runs = [parsed(line) for line in card.splitlines() if line.startswith(SCRIPT)]
    assert runs, "the model card prints no reproduce command"
    shipped = str(DEFAULT_OUT.relative_to(REPO))
    *members, last = runs
    assert last["out"] == shipped
    assert all(run["out"] != shipped for run in members)  # no step overwrites the shipped model
    assert last["average"] == [run["work"] for run in members]


def example(sentence: str, start: int, label: str = "neutral") -> StanceExample:
    return StanceExample(sentence, start, start + 3, label)  # type: ignore[arg-type]


def test_multi_target_sentences_are_copied_and_single_ones_are_not() -> None:
    both = "Ann met Bob."
    examples = [example(both, 0), example(both, 8, "negative"), example("Cy ran.", 0)]
    copies = multi_target_copies(examples, 2)
    assert [(e.sentence, e.start) for e in copies] == [(both, 0), (both, 0), (both, 8), (both, 8)]
    assert multi_target_copies(examples, 0) == []


def test_further_mentions_carry_their_targets_label(tmp_path: Path) -> None:
    line = {
        "sentence_normalized": "Smith said he would resign.",
        "targets": [
            {
                "from": 0,
                "to": 5,
                "polarity": 2.0,
                "further_mentions": [{"from": 11, "to": 13, "mention": "he"}],
            }
        ],
    }
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(line) + "\n\n", encoding="utf-8")
    assert further_mentions(path) == [
        StanceExample("Smith said he would resign.", 11, 13, "negative")
    ]


def test_the_card_names_each_option_beyond_plain_fine_tuning() -> None:
    plain = hyperparameters(build_parser().parse_args([]))
    assert recipe_extras(plain) == ""
    options = "--further-mentions --fgm 0.5 --multi-target-copies 2 --layer-decay 0.9 --rdrop 1.0"
    extra = hyperparameters(build_parser().parse_args(options.split()))
    assert recipe_extras(extra) == (
        "; targets of multi-target sentences seen 3x; coreferent mentions as extra targets"
        "; FGM adversarial training (epsilon 0.5); layer-wise learning-rate decay 0.9"
        "; R-Drop (alpha 1.0)"
    )
