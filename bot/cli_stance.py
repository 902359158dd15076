"""`newsbot eval-stance FILE.jsonl`: score the stance scorer on NewsMTSC-format data.

Prints per-class precision/recall/F1, the confusion matrix, targets per second and, last,
``F1m=0.xxx``. Uses the scorer the bot uses (the trained model, or the lexicon when the model
cannot be loaded) unless ``--scorer lexicon`` asks for the lexicon.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from analyzers.errors import InvalidSource
from analyzers.nlp.lexicon import make_lexicon_scorer
from analyzers.nlp.mention import MentionScorer
from analyzers.nlp.pipeline import build_nlp
from analyzers.nlp.stance import DEFAULT_NEUTRAL_BAND, StanceAnnotator
from bot.terminal.console import out
from config.settings import Settings
from evaluation.stance import (
    POLARITY_LABELS,
    StanceExample,
    evaluate,
    gold_labels,
    parse_mentions,
)


def run_eval_stance(args: argparse.Namespace, settings: Settings) -> int:
    examples = read_examples(args.file)
    nlp = build_nlp(settings.spacy_model, settings.stance_model)
    component = nlp.get_pipe("newsbot_stance")
    assert isinstance(component, StanceAnnotator)
    scorer: MentionScorer = component.scorer
    if args.scorer == "lexicon":
        scorer = make_lexicon_scorer()
    parser_only = [n for n in nlp.pipe_names if n.startswith("newsbot_")]
    with nlp.select_pipes(disable=parser_only):
        mentions = parse_mentions(nlp, examples)
    report = evaluate(scorer, mentions, gold_labels(examples), DEFAULT_NEUTRAL_BAND)
    out(f"scorer={scorer.name} file={args.file}")
    out("\n".join(report.lines()))
    return 0


def read_examples(path: Path) -> list[StanceExample]:
    """Every target of a NewsMTSC JSONL file; InvalidSource says what is wrong and where."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidSource(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidSource(f"{path}: cannot read it ({exc})") from None
    examples: list[StanceExample] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            sentence = item["sentence_normalized"]
            for target in item["targets"]:
                start, end = int(target["from"]), int(target["to"])
                if not (isinstance(sentence, str) and 0 <= start < end <= len(sentence)):
                    raise ValueError(f"target span {start}..{end} is not inside the sentence")
                polarity = float(target["polarity"])
                if polarity not in POLARITY_LABELS:
                    raise ValueError(f"polarity {polarity:g} is not 2, 4 or 6")
                label = POLARITY_LABELS[polarity]
                examples.append(StanceExample(sentence, start, end, label))
        except (ValueError, KeyError, TypeError) as exc:
            detail = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise InvalidSource(
                f"{path}, line {number}: not a NewsMTSC record ({detail})"
            ) from None
    if not examples:
        raise InvalidSource(f"{path}: no targets to score")
    return examples
