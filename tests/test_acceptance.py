"""The seed editorial (../shared/data/examples/pasted-editorial.txt), end to end through the
CLI as a journalist would paste it: what ../shared/data/README.md says a good analysis finds."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

pytestmark = [pytest.mark.model, pytest.mark.shared]

CHROME = (
    "Advertisement",
    "Reading Time",
    "Why you can trust",
    "Select Voice",
    "Select Speed",
    "1.00x",
)


@pytest.fixture
def editorial(shared_data: Path) -> Path:
    return shared_data / "examples" / "pasted-editorial.txt"


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> Any:
    sys.stdin = io.StringIO("")
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.usefixtures("cli_env")
def test_no_chrome_in_the_extracted_body(
    editorial: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (line,) = [run_json(["extract", str(editorial), "--json"], capsys)]
    assert not [c for c in CHROME if c in line["text"]]
    for sentence in (
        "Putin is the first national leader to accept an invitation to the Games.",
        "In the face of Western opposition, their cooperation will only heighten.",
    ):
        assert sentence in line["text"]


@pytest.mark.usefixtures("cli_env")
def test_the_editorial_is_analysed_as_the_readme_says(
    editorial: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = run_json(["analyze", str(editorial), "--json"], capsys)
    entities = {e["name"]: e for e in record["entities"]}

    assert record["kind"] == "opinion"
    for name in ("Xi Jinping", "Vladimir Putin", "United States", "Russia", "China", "Joe Biden"):
        assert name in entities, name
        assert sum(1 for e in record["entities"] if e["name"] == name) == 1
    assert not {"Xi", "Putin", "US", "Washington", "Biden", "President Xi Jinping"} & set(entities)
    assert {"US", "Washington"} <= set(entities["United States"]["aliases"])
    assert entities["Joe Biden"]["type"] == "PERSON"
    assert entities["Xi Jinping"]["type"] == "PERSON"
    assert entities["United States"]["stance"]["label"] == "negative"
    assert entities["United States"]["stance"]["evidence"]
    assert entities["Joe Biden"]["stance"]["label"] == "negative"
    assert entities["Xi Jinping"]["stance"]["label"] != "negative"
    assert entities["Vladimir Putin"]["stance"]["label"] != "negative"
