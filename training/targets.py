"""The training targets: NewsMTSC's annotated mentions and the optional extra copies.

Free of torch, like ``options``, so that what the model is trained on can be tested anywhere.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from evaluation.stance import POLARITY_LABELS, StanceExample


def items(examples: Sequence[StanceExample]) -> list[tuple[str, int, int]]:
    return [(e.sentence, e.start, e.end) for e in examples]


def multi_target_copies(examples: Sequence[StanceExample], copies: int) -> list[StanceExample]:
    """Extra copies of the targets of sentences with several targets: they teach the model to
    tell the marked target from its neighbours, and they are rare in train (12% of its
    sentences) but the whole of dev-mt."""
    per_sentence = Counter(e.sentence for e in examples)
    return [e for e in examples if per_sentence[e.sentence] > 1 for _ in range(copies)]


def further_mentions(path: Path) -> list[StanceExample]:
    """Extra training examples: each target's coreferent mentions in its sentence ("he",
    "the president"), with the target's label, since the annotators' stance is the entity's."""
    extra = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        item = json.loads(line)
        for target in item["targets"]:
            label = POLARITY_LABELS[float(target["polarity"])]
            for other in target.get("further_mentions", []):
                extra.append(
                    StanceExample(item["sentence_normalized"], other["from"], other["to"], label)
                )
    return extra
