"""`newsbot` as a person runs it: exit codes, one clear line on stderr, JSON on stdout."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.share import Share
from bot.storage.history import ShareHistory
from bot.storage.redis_store import RedisStore, connect
from config.settings import Settings
from tests.fakes.articles import STORY_TEXT, STORY_TITLE, news_page
from tests.fakes.web_pages import PageServer
from tests.test_record import make_analysis

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("cli_env")]

NOT_ENGLISH = (
    "Der Stadtrat hat am Dienstag den Hochwasserplan der Bürgermeisterin beschlossen. "
    "Damit endet ein Streit, der das Projekt seit dem Frühjahr aufgehalten hatte. Die "
    "Vereinigung der Hafenbetriebe kritisierte die Entscheidung und sagte, die Bauarbeiten "
    "würden die Lieferungen für zwei Jahre behindern."
)


def run(
    args: list[str], capsys: pytest.CaptureFixture[str], stdin: str = ""
) -> tuple[int, str, str]:
    sys.stdin = io.StringIO(stdin)
    try:
        status = main(args)
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return status, out, err


def test_analyze_a_text_file_prints_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(f"Advertisement\n{STORY_TITLE}\nShare\n\n{STORY_TEXT}\n")
    status, out, err = run(["analyze", str(article)], capsys)
    assert status == 0, err
    assert out.startswith(STORY_TITLE)
    assert "Harbour Business Association" in out
    assert "Advertisement" not in out


def test_analyze_json_prints_the_record(
    page_server: PageServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_HOSTS", page_server.host_port)
    url = page_server.add("/story", news_page())
    status, out, _ = run(["analyze", url, "--json"], capsys)
    record = json.loads(out)
    assert status == 0
    assert record["source"]["url"] == url
    assert record["source"]["site"] == "The Alder Gazette"
    assert record["kind"] in {"news", "opinion"}
    fields = {"name", "type", "aliases", "mentions", "salience", "stance"}
    assert fields <= set(record["entities"][0])


def test_analyze_reads_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["analyze", "-", "--json"], capsys, stdin=f"{STORY_TITLE}\n\n{STORY_TEXT}")
    assert status == 0
    assert json.loads(out)["source"]["title"] == STORY_TITLE


SLACK_PASTE = (
    "Worth a read before the 11am meeting:\n"
    "&gt; *Opinion | The harbour plan is a gift to developers*\n"
    "&gt; _By Jane Doe_\n"
    "&gt; Mayor Ellen Park promised <https://example.com/homes|affordable homes> for working "
    "families. What she has delivered instead is a giveaway to the developers who funded her "
    "campaign.\n"
    "&gt; The Alder Renters Union called the scheme a betrayal &amp; a fraud, and the union "
    "is right.\n"
    "&gt; Park should withdraw the plan before the council votes on it next week.\n"
    "Photo: John Roe/Reuters\n"
    "© 2024 The Alder Gazette. All rights reserved.\n"
)


def test_analyze_stdin_reads_a_paste_copied_from_slack(capsys: pytest.CaptureFixture[str]) -> None:
    """Slack markup, quote markers, the poster's line and footers never reach the analysis,
    whether the paste carries Slack's escapes or the characters as typed."""
    typed = SLACK_PASTE.replace("&gt;", ">").replace("&amp;", "&")
    records = []
    for stdin in (SLACK_PASTE, typed):
        status, out, err = run(["analyze", "-", "--json"], capsys, stdin=stdin)
        assert status == 0, err
        records.append(json.loads(out))
    record = records[0]
    assert record["source"]["title"] == "The harbour plan is a gift to developers"
    assert record["source"]["author"] == "Jane Doe"
    names = {entity["name"] for entity in record["entities"]}
    assert {"Ellen Park", "Alder Renters Union"} <= names
    assert "Reuters" not in names
    evidence = " ".join(e for entity in record["entities"] for e in entity["stance"]["evidence"])
    assert not re.search(r"&gt;|&amp;|[<>*_|]|https?:|Worth a read|©", evidence), evidence
    assert records[1]["entities"] == record["entities"]


def test_extract_several_sources_as_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(news_page())
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(f"{STORY_TITLE}\nReading Time: 3 minutes\n\n{STORY_TEXT}")
    status, out, _ = run(["extract", str(page), str(pasted), "--json"], capsys)
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [line["source"] for line in lines] == [str(page), str(pasted)]
    assert all(line["title"] == STORY_TITLE for line in lines)
    assert "Reading Time" not in lines[1]["text"]
    assert set(lines[0]) == {"source", "title", "site", "published", "language", "text"}
    assert [line["language"] for line in lines] == ["en", "en"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["analyze", "missing.txt"], "", "missing.txt: no such file."),
        (["analyze", "notes.pdf"], "", "not a link or an .html/.txt file"),
        (["analyze", "ftp://example.com/a"], "", "Only http and https links"),
        (["analyze", "-"], "   \n", "There is no text to analyse in standard input."),
        (["analyze", "-"], "Too short to be an article.", "Too little article text"),
        (["analyze", "-"], NOT_ENGLISH, "not in English"),
        (["analyze", "http://127.0.0.1:9/story"], "", "private or internal address"),
        (["analyze", "http://10.0.0.5/story"], "", "private or internal address"),
        (["analyze", "http://[::1/x"], "", "not a valid web address ('http://[::1/x')"),
        (["analyze", "http://127.0.0.1:99999/x"], "", "port number that is not valid (99999)"),
        (["analyze", "http://"], "", "has no host name"),
        (["extract", "http://[::1/x"], "", "http://[::1/x: The link is not a valid web address"),
        (["analyze", "-"], "\x1b[2J\ud83d" * 30, "Too little article text"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(
    args: list[str], stdin: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(args, capsys, stdin=stdin)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("newsbot: ")
    assert message in err


def test_a_pdf_is_named_for_what_it_is_whatever_its_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "story.html"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n" + bytes(range(256)))
    status, out, err = run(["analyze", str(pdf)], capsys)
    assert (status, out) == (2, "")
    assert err == f"newsbot: {pdf} is a PDF document, not a web page or text.\n"


def console_script(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """`newsbot` as installed, in a process of its own: real byte streams, a real exit."""
    newsbot = Path(sys.executable).with_name("newsbot")
    return subprocess.run(
        [str(newsbot), *args], input=stdin, capture_output=True, check=False, timeout=60
    )


def test_binary_standard_input_is_refused_in_one_line() -> None:
    result = console_script("analyze", "-", stdin=b"%PDF-1.7\n\x00\x01\x02 binary")
    assert result.returncode == 2
    assert result.stderr == b"newsbot: standard input is a PDF document, not a web page or text.\n"


def test_terminal_control_sequences_in_an_article_are_never_echoed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    hostile = (
        f"\x1b]0;PWNED\x07{STORY_TITLE}\x1b[31m\n\n{STORY_TEXT}\x1b[2J\u202e\x9b31m"
        "\nTom Okafor said the plan was \x1b[5mmuch improved\x1b[0m.\x00\ud83d"
    )
    status, out, err = run(["analyze", "-"], capsys, stdin=hostile)
    assert status == 0, err
    for unsafe in ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\ud83d"):
        assert unsafe not in out
    assert out.startswith(STORY_TITLE)
    assert "PWNED" not in out


@pytest.mark.parametrize(
    ("status", "expected"),
    [(404, "404 Not Found"), (403, "403 Forbidden"), (500, "500")],
)
def test_http_errors_say_which(
    status: int,
    expected: str,
    page_server: PageServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_HOSTS", page_server.host_port)
    url = page_server.add("/gone", "nothing here", status=status)
    code, _, err = run(["analyze", url], capsys)
    assert code == 2
    assert expected in err


def test_a_page_over_the_size_cap_is_refused(
    page_server: PageServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_HOSTS", page_server.host_port)
    monkeypatch.setenv("NEWSBOT_FETCH_MAX_BYTES", "1000")
    url = page_server.add("/big", news_page() * 3)
    code, _, err = run(["analyze", url], capsys)
    assert code == 2
    assert "larger than" in err


def test_a_bad_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSBOT_CACHE_TTL_DAYS", "forever")
    code, _, err = run(["analyze", "-"], capsys, stdin=STORY_TEXT)
    assert code == 2
    assert err.startswith("newsbot: setting NEWSBOT_CACHE_TTL_DAYS:")


def test_the_console_script_exits_2_without_a_traceback(tmp_path: Path) -> None:
    result = console_script("analyze", str(tmp_path / "absent.html"))
    assert result.returncode == 2
    assert result.stderr.decode() == f"newsbot: {tmp_path / 'absent.html'}: no such file.\n"


def test_digest_dry_run_prints_what_would_be_posted(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    store = RedisStore(connect(settings.redis_url, settings.data_dir), settings.redis_prefix)
    ShareHistory(store).record(
        Share("C0DRYRUN", "1.0", time.time() - 60, make_analysis(), url="https://example.com/a")
    )
    store.close()
    status, out, err = run(["digest", "C0DRYRUN", "--dry-run"], capsys)
    assert status == 0, err
    assert "A headline" in out
    assert "Xi Jinping" in out
