"""End to end: the bundled corpus built with the real model, asserting real rows."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes import pipeline, store
from quotes.cli import cli
from quotes.errors import WorkerError
from quotes.models import Article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SUN = "000_b7e4e105a28be1dd.txt"
BBC = "001_6fea46ab458d25be.txt"
HERALD = "002_58054599736f4e02.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("built") / "corpus.db"
    report = pipeline.build(str(db_path), [str(CORPUS)])
    assert (report.articles, report.quotes, report.problems) == (5, 89, ())
    return db_path


def export(db_path: Path) -> list[dict[str, object]]:
    return list(store.export_rows(store.open_db(str(db_path))))


def test_the_government_car_quote_is_given_to_the_speaker_the_sun_names(built: Path) -> None:
    rows = [r for r in export(built) if r["article"] == SUN and "government car" in str(r["text"])]
    cluster = rows[0]["cluster"]
    assert rows == [
        {
            "article": SUN,
            "outlet": "The Sun",
            "date": "2023-10-20",
            "title": None,
            "start": 2668,
            "end": 2772,
            "text": "Get in your government car, drive to Buckingham Palace, do the decent thing"
            " and call a general election.",
            "speaker": "Alistair Strathern",
            "speaker_text": "Mr Strathern",
            "speaker_kind": "person",
            "kind": "direct",
            "cluster": cluster,
            "cue": "demanded",
            "rule": "governing-cue",
        }
    ]


def test_a_source_nobody_is_named_for_is_exported_in_the_articles_words(built: Path) -> None:
    rows = [r for r in export(built) if r["article"] == SUN and r["speaker_kind"] == "anonymous"]
    assert [(r["speaker"], r["speaker_text"], r["text"][:21]) for r in rows] == [
        ("One minister", "One minister", "The main point is tha"),
        ("One minister", "One minister", "At a general election"),
    ]
    stored = sqlite_utils.Database(built).execute(
        "select count(*) from quotes where speaker_text = 'One minister' and speaker_id is null"
    )
    assert stored.fetchone() == (2,)


def test_outlets_disagreeing_on_the_speaker_make_a_flagged_conflict(built: Path) -> None:
    db = sqlite_utils.Database(built)
    rows = list(
        db.query(
            "select statement, speaker, outlets from conflicts "
            "where statement like '%government car%' order by speaker"
        )
    )
    assert [(r["speaker"], r["outlets"]) for r in rows] == [
        ("Alistair Strathern", "The Sun"),
        ("Sarah Edwards", "The Herald"),
    ]


def test_one_word_fragments_of_different_speakers_stay_apart(built: Path) -> None:
    rows = [r for r in export(built) if r["text"] == "disappointing"]
    assert sorted((r["outlet"], r["speaker"]) for r in rows) == [
        ("BBC News", "Greg Hands"),
        ("The Sun", "Rishi Sunak"),
    ]
    assert rows[0]["cluster"] != rows[1]["cluster"]


def test_a_fragment_joins_the_full_statement_across_outlets(built: Path) -> None:
    rows = export(built)
    fragment = next(
        r for r in rows if r["article"] == BBC and r["text"] == "redrawing the political map"
    )
    full = [r for r in rows if str(r["text"]).startswith("These are phenomenal results")]
    assert {r["article"] for r in full} == {SUN, HERALD}
    assert {r["cluster"] for r in full} == {fragment["cluster"]}


def test_furniture_lines_split_no_quote_and_give_none(built: Path) -> None:
    rows = export(built)
    assert not [r for r in rows if "READ MORE" in str(r["text"]) or "Most read" in str(r["text"])]
    continued = next(r for r in rows if str(r["text"]).startswith("Winning in these Tory"))
    assert continued["speaker"] == "Keir Starmer"


def test_every_offset_points_at_the_stored_text(built: Path) -> None:
    db = sqlite_utils.Database(built)
    texts = {r["id"]: r["text"] for r in db.query("select id, text from articles")}
    for row in export(built):
        assert texts[row["article"]][row["start"] : row["end"]] == row["text"]


def test_speaker_rows_keep_kind_role_party_and_aliases(built: Path) -> None:
    db = sqlite_utils.Database(built)
    row = next(db.query("select * from speakers where name = 'Keir Starmer'"))
    aliases = {
        r["alias"]
        for r in db.query("select alias from speaker_aliases where speaker_id = ?", [row["id"]])
    }
    assert (row["kind"], row["role"], row["party"]) == ("person", "Leader", "Labour")
    assert {"Sir Keir Starmer", "Labour leader Sir Keir Starmer"} <= aliases
    assert not aliases & {"he", "He", "she"}


def test_rebuilding_an_unchanged_corpus_adds_nothing(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(built, copy)
    before = export(copy)
    report = pipeline.build(str(copy), [str(CORPUS)])
    assert (report.articles, report.unchanged) == (0, 5)
    assert export(copy) == before


def test_a_bad_file_is_recorded_and_the_rest_is_built(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / SUN, folder / SUN)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.jsonl").write_text('{"id": "a", "text": "Fine."}\n{"id": \n')
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["build", str(db_path), str(folder)])
    assert result.exit_code == 0, result.output
    problems = sorted(
        (Path(r["path"]).name, r["reason"])
        for r in sqlite_utils.Database(db_path).query("select path, reason from problems")
    )
    assert [p[0] for p in problems] == ["binary.txt", "broken.jsonl:2", "empty.txt"]
    assert "problem: " in result.output and "binary.txt" in result.output
    articles = {r["article"] for r in export(db_path)}
    assert articles == {SUN}


def test_strict_build_exits_non_zero_when_an_input_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["build", "--strict", str(tmp_path / "x.db"), str(tmp_path)])
    assert result.exit_code == 2


def test_export_prints_the_contract_as_json_lines(built: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(built)])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 89
    assert set(rows[0]) >= {
        "article",
        "outlet",
        "start",
        "end",
        "text",
        "speaker",
        "speaker_text",
        "kind",
        "cluster",
        "cue",
    }


def test_extract_prints_one_articles_quotes() -> None:
    result = CliRunner().invoke(cli, ["extract", str(CORPUS / BBC)])
    assert result.exit_code == 0, result.output
    assert "Keir Starmer: redrawing the political map" in result.output
    assert "[Critics]: absentee MP" in result.output


def test_every_command_has_help() -> None:
    for command in ["build", "export", "extract", "graph", "evaluate"]:
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--model", "no_such_model_xyz", str(tmp_path / "m.db"), str(CORPUS)]
    )
    assert result.exit_code == 2
    assert "Error: cannot load spaCy model 'no_such_model_xyz'" in result.output


def test_adding_articles_updates_statements_as_a_full_build_would(
    built: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    for name in sorted(p.name for p in CORPUS.glob("*.txt"))[:3]:
        shutil.copy(CORPUS / name, first / name)
    shutil.copy(CORPUS / "manifest.csv", first / "manifest.csv")
    db_path = tmp_path / "grown.db"
    pipeline.build(str(db_path), [str(first)])
    report = pipeline.build(str(db_path), [str(CORPUS)])
    assert (report.articles, report.updated, report.unchanged) == (2, 3, 0)  # paths moved
    assert export(db_path) == export(built)


@pytest.mark.parametrize(
    ("workers", "engine"), [(2, "local"), (2, "dask")], ids=["processes", "dask-local-cluster"]
)
def test_workers_and_dask_give_the_one_process_result(
    built: Path, tmp_path: Path, workers: int, engine: str
) -> None:
    db_path = tmp_path / f"{engine}.db"
    report = pipeline.build(str(db_path), [str(CORPUS)], workers=workers, engine=engine)
    assert report.articles == 5
    assert export(db_path) == export(built)


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        pipeline.build(str(tmp_path / "x.db"), [str(CORPUS)], engine="spark")


def test_stage_timings_are_reported(tmp_path: Path) -> None:
    report = pipeline.build(str(tmp_path / "t.db"), [str(CORPUS)])
    stages = dict(report.seconds)
    assert set(stages) == {"ingest", "find", "parse", "attribute", "write", "deduplicate"}
    assert all(seconds >= 0 for seconds in stages.values())


def test_a_pool_found_broken_on_submitting_is_a_worker_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a worker killed between two submissions: the pool refuses the next one, not a result
    def refuse(pool: ProcessPoolExecutor, window: list[Article]) -> None:
        raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr(pipeline, "_submit", refuse)
    window = [Article(id="a.txt", text="Text.", sha256="x")]
    with pytest.raises(WorkerError, match="a worker process died"):
        list(pipeline._in_processes(iter([window]), "en_core_web_sm", 2))
