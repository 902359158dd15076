"""Batches for the stance model: short inputs are not padded to the width of long ones."""

from __future__ import annotations

from analyzers.nlp.onnx_scorer import BATCH_SIZE, length_batches


def test_every_index_once_shortest_first() -> None:
    lengths = [40, 12, 90, 14, 13, 41]
    batches = length_batches(lengths)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert batches[0] == [1, 4, 3]


def test_a_long_input_starts_its_own_batch() -> None:
    assert length_batches([10, 11, 12, 100]) == [[0, 1, 2], [3]]


def test_batches_are_bounded() -> None:
    batches = length_batches([20] * (BATCH_SIZE * 2 + 1))
    assert [len(b) for b in batches] == [BATCH_SIZE, BATCH_SIZE, 1]


def test_nothing_to_batch() -> None:
    assert length_batches([]) == []
