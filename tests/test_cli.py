"""The command line as a user meets it: help, progress, the build summary, --outlet, extract on
a feed, export fields and evaluate's warnings. Invented articles; the real model where a
build runs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import BuildProgress, cli

STORY = (
    "Portwell council approves the new lido\n"
    "Jane Roe said the plan would work. “We will open it in June,” said Jane Roe.\n"
    "“It is a waste of money,” said Tom Vale, the opposition leader.\n"
)
OTHER = "The vote was close. “Nobody expected this,” said Ana Corvell.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles, one given an outlet and a date by a manifest."""
    path = tmp_path_factory.mktemp("in")
    (path / "lido.txt").write_text(STORY, encoding="utf-8")
    (path / "vote.txt").write_text(OTHER, encoding="utf-8")
    (path / "manifest.csv").write_text(
        "file,outlet,date\nvote.txt,The Courier,2024-05-01\n", encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def first_build(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("db") / "x.db"
    code, _, err = run("build", str(db), str(folder), "--outlet", "Portwell Gazette")
    assert code == 0, err
    return db, err


def test_short_help_option_works() -> None:
    for args in (["-h"], ["build", "-h"], ["evaluate", "-h"]):
        code, out, _ = run(*args)
        assert code == 0 and "Usage:" in out


def test_every_option_of_evaluate_has_help() -> None:
    _, out, _ = run("evaluate", "--help")
    clusters = out[out.index("--clusters") :].split("\n")[0]
    assert "gold" in clusters.lower() and "statement" in clusters.lower()


def test_the_summary_says_what_is_new_and_what_the_database_holds(
    first_build: tuple[Path, str],
) -> None:
    _, err = first_build
    lines = err.strip().splitlines()
    assert lines[-2] == "2 articles added, 0 updated, 0 unchanged: 3 new quotes, 0 problems"
    assert lines[-1] == "In the database: 2 articles, 3 quotes, 3 statements; 1 article has no date"


def test_an_unchanged_rebuild_adds_nothing_and_still_counts_the_database(
    first_build: tuple[Path, str], folder: Path, tmp_path: Path
) -> None:
    db, _ = first_build
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    code, _, err = run("build", str(copy), str(folder), "--outlet", "Portwell Gazette")
    assert code == 0, err
    lines = err.strip().splitlines()
    assert lines[-2] == "0 articles added, 0 updated, 2 unchanged: 0 new quotes, 0 problems"
    assert lines[-1] == "In the database: 2 articles, 3 quotes, 3 statements; 1 article has no date"


def test_counts_of_one_are_singular(folder: Path, tmp_path: Path) -> None:
    single = tmp_path / "one"
    single.mkdir()
    (single / "vote.txt").write_text(OTHER, encoding="utf-8")
    (single / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run("build", str(tmp_path / "one.db"), str(single))
    assert code == 0, err
    lines = err.strip().splitlines()
    assert lines[-2] == "1 article added, 0 updated, 0 unchanged: 1 new quote, 1 problem"
    assert lines[-1] == (
        "In the database: 1 article, 1 quote, 1 statement; "
        "1 article has no outlet, 1 article has no date"
    )


def test_outlet_option_fills_articles_without_one_and_the_manifest_wins(
    first_build: tuple[Path, str],
) -> None:
    db, _ = first_build
    _, out, _ = run("export", str(db))
    outlets = {row["article"]: row["outlet"] for row in map(json.loads, out.splitlines())}
    assert outlets == {"lido.txt": "Portwell Gazette", "vote.txt": "The Courier"}


def test_export_has_the_articles_date_and_title(first_build: tuple[Path, str]) -> None:
    db, _ = first_build
    _, out, _ = run("export", str(db))
    rows = [json.loads(line) for line in out.splitlines()]
    assert {(r["article"], r["date"], r["title"]) for r in rows} == {
        ("lido.txt", None, "Portwell council approves the new lido"),
        ("vote.txt", "2024-05-01", None),
    }
    assert list(rows[0])[:4] == ["article", "outlet", "date", "title"]


def test_progress_in_a_log_is_plain_lines_with_totals(first_build: tuple[Path, str]) -> None:
    _, err = first_build
    assert "\r" not in err
    assert "extracting: 2 of 2 articles" in err
    assert "deduplicating: 4 of 4 steps" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_is_a_bar_with_total_rate_and_eta() -> None:
    screen = _Terminal()
    progress = BuildProgress(screen, clock=iter(range(0, 100, 2)).__next__)
    for done in range(1, 4):
        progress("extract", done, 10)
    progress("deduplicate", 1, 4)
    shown = screen.getvalue()
    assert "Extracting" in shown and "3/10" in shown
    assert "articles/s" in shown and "eta" in shown.lower()
    assert "Deduplicating" in shown


def test_extract_names_the_article_of_each_quote_in_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [{"id": "first", "text": OTHER}, {"id": "second", "text": STORY}]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, out, err = run("extract", str(feed))
    assert code == 0, err
    assert [line.split(" ")[0] for line in out.splitlines()] == ["first", "second", "second"]


def test_evaluate_warns_when_no_gold_article_is_in_the_database(
    first_build: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = first_build
    gold = tmp_path / "gold.jsonl"
    record = {"article": "elsewhere.txt", "start": 0, "end": 4, "text": "Word", "speaker": "X"}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = run("evaluate", str(gold), str(db))
    assert code == 0
    assert "warning: none of the 1 gold article is in the database" in err


def test_a_blank_outlet_is_a_one_line_error_naming_the_option(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "blank.db"
    code, _, err = run("build", str(db), str(tmp_path), "--outlet", " ")
    assert code == 2
    assert err.strip().splitlines() == ["Error: an outlet name cannot be blank (--outlet)"]
    assert not db.exists()
