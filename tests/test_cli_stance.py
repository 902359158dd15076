"""`newsbot eval-stance FILE.jsonl`: the report on a small NewsMTSC-format file, and bad input
ending with one line on stderr and exit status 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import main

pytestmark = pytest.mark.model

RECORDS = [
    {
        "primary_gid": "t1",
        "sentence_normalized": "Smith lied again and again, but Jones was praised for her courage.",
        "targets": [
            {"from": 0, "to": 5, "mention": "Smith", "polarity": 2.0},
            {"from": 32, "to": 37, "mention": "Jones", "polarity": 6.0},
        ],
    },
    {
        "primary_gid": "t2",
        "sentence_normalized": "Mayor Alice Brown opened the new bridge on Monday.",
        "targets": [{"from": 6, "to": 17, "mention": "Alice Brown", "polarity": 4.0}],
    },
]


@pytest.fixture(autouse=True)
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_stance_prints_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, [json.dumps(r) for r in RECORDS])
    assert main(["eval-stance", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("scorer=onnx-")
    assert any(line.startswith("class") and "precision" in line for line in out)
    assert any(line.startswith("negative") for line in out)
    assert any(line.startswith("confusion") for line in out)
    assert any("targets=3" in line and "targets/s=" in line for line in out)
    assert re.fullmatch(r"F1m=[01]\.\d{3}", out[-1])
    assert out[-1] == "F1m=1.000"  # the sentences are unambiguous


def test_eval_stance_with_the_lexicon(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, [json.dumps(r) for r in RECORDS])
    assert main(["eval-stance", str(path), "--scorer", "lexicon"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("scorer=lexicon-v1")
    assert re.fullmatch(r"F1m=[01]\.\d{3}", out[-1])


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (None, "no such file"),
        (["{not json"], "line 1: not a NewsMTSC record"),
        ([json.dumps({"targets": []})], "missing field 'sentence_normalized'"),
        (
            [json.dumps(RECORDS[1]), json.dumps({**RECORDS[1], "targets": [{"from": 0}]})],
            "line 2",
        ),
        (
            [json.dumps({**RECORDS[1], "targets": [{**RECORDS[1]["targets"][0], "polarity": 5}]})],  # type: ignore[dict-item]
            "polarity 5 is not 2, 4 or 6",
        ),
        (
            [json.dumps({**RECORDS[1], "targets": [{"from": 40, "to": 99, "polarity": 2}]})],
            "not inside the sentence",
        ),
        ([""], "no targets to score"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(
    tmp_path: Path, lines: list[str] | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "absent.jsonl" if lines is None else write(tmp_path, lines)
    assert main(["eval-stance", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("newsbot: ")
    assert message in err
