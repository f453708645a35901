"""The real ``quotes build`` against hostile inputs, kills, concurrent readers and a manifest
that tries to leave its folder.

Every test runs the command line (in process with CliRunner, or as a subprocess where it must
be killed) on files it writes under ``tmp_path``.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import ctypes
import hashlib
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import database_contents

from quotes import nlp, pipeline, store
from quotes.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
BUILD = [sys.executable, "-c", "from quotes.cli import cli; cli()", "build"]

GOOD = {
    "good1.txt": 'Council leader Jane Porter said: "We will rebuild the bridge by next spring."\n'
    '"It is a promise to every family in the valley," she added.\n',
    "good2.txt": "The minister, Tom Hardy, told reporters that the plan was "
    '"unworkable and expensive".\n"We need a better answer," Mr Hardy said.\n',
}
GOOD_MANIFEST = "file,outlet,date\ngood1.txt,Valley Times,2024-03-01\n"
# from <linux/prctl.h> and <linux/capability.h>
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


# --- helpers ---------------------------------------------------------------------------------


def cli_build(db: Path, *paths: Path | str, strict: bool = False) -> Result:
    args = ["build", str(db), *map(str, paths), *(["--strict"] if strict else [])]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def export(db: Path) -> list[dict[str, Any]]:
    """The database's quotes as ``quotes export`` prints them."""
    result = CliRunner().invoke(cli, ["export", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def without_clusters(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[set[int]]]:
    """The records without their cluster ids, and the partition the ids make (as row sets)."""
    by_cluster: dict[Any, set[int]] = {}
    for n, record in enumerate(records):
        by_cluster.setdefault(record["cluster"], set()).add(n)
    plain = [{k: v for k, v in r.items() if k != "cluster"} for r in records]
    return plain, sorted(by_cluster.values(), key=min)


def integrity(db: Path) -> str:
    return str(rows(db, "PRAGMA integrity_check")[0][0])


# --- 1. hostile inputs -----------------------------------------------------------------------

CP1252 = "Mayor Anna Brown said: “The café will reopen – soon.”\n"
LATIN1 = 'Mayor René Dubois said: "The café is ½ price, à la carte."\n'
BOM = 'Chief Sam Lee said: "We are ready for the storm."\n'
CRLF = 'Chief Ida Marsh said: "The levee held."\r\n"It held all night," she added.\r\n'
NUL_BODY = (
    "The harbour master, Ada Cole, spoke to the crews at dawn on Tuesday as the tide turned.\n"
    'Ms Cole said: "We\x00 are ready for the storm and the boats are tied up."\n'
    "Fishermen spent the night moving their catch to the cold store on the hill above the "
    "town, and the lifeboat crew checked\x00 the launch ramp twice before the wind rose.\n"
)
UNBALANCED = (
    'He said "yes and “no’ « well ” she \' said ‘ „ » the council’s ‘plan” was "fine.\n' * 40
    + 'Then Rita Vale said: "It is “broken’ and ‘unfair" she said.\n'
)
JSONL = (
    '{"id": "wire-1", "text": "Ann Smith said: \\"It works.\\"", "outlet": "Wire"}\n'
    '{"id": "wire-2", "text": "broken\n'
    "\n"
    '{"id": "wire-3", "text": "Bo Reed said: \\"Still reading after the break.\\""}\n'
)
MARKS = '"' * 10_000 + "\n" + "“”" * 5_000 + "\n" + "'" * 10_000 + "\n"
SCRIPTED_HTML = """<html><head><title>Bridge to reopen</title>
<script>var s = "He said \\"nothing\\" at all"; alert("“injected”");</script></head><body>
<script>document.write('<p>Mayor Evil said: "hacked by script"</p>');</script>
<article><h1>Bridge to reopen</h1>
<p>Council leader Nia Frost said: "We will mend the ford by next summer." The work starts in
March after months of delay and a long public consultation in the valley.</p>
<p>"It is a promise to every farmer," she added, standing by the closed crossing.</p>
<script>var q = "“quote inside a script”";</script></article></body></html>"""
SCRIPT_ONLY_HTML = "<html><head><script>alert('x')</script></head><body><script>var a = 1;"
SCRIPT_ONLY_HTML += "</script></body></html>"

READABLE: dict[str, tuple[bytes, str, str | None]] = {
    # name: (bytes on disk, the text it must decode to, a quote that must be found)
    "cp1252.txt": (CP1252.encode("cp1252"), CP1252, "The café will reopen – soon."),
    "latin1.txt": (LATIN1.encode("latin-1"), LATIN1, "The café is ½ price, à la carte."),
    "bom.txt": (b"\xef\xbb\xbf" + BOM.encode(), BOM, "We are ready for the storm."),
    "crlf.txt": (CRLF.encode(), CRLF, "It held all night,"),
    "nul.txt": (
        NUL_BODY.encode(),
        NUL_BODY.replace("\x00", " "),
        "We  are ready for the storm and the boats are tied up.",
    ),
    "unbalanced.txt": (UNBALANCED.encode(), UNBALANCED, None),
    "marks.txt": (MARKS.encode(), MARKS, None),
}
"""Odd but readable: read, with quotes whose offsets point into the decoded text."""


def write_hostile(folder: Path, outside: Path) -> dict[str, str]:
    """Write every hostile input into ``folder``; returns bad path → expected reason words."""
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, (data, _, _) in READABLE.items():
        (folder / name).write_bytes(data)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    line = b'Someone said "hello there" to nobody in particular today.\n'
    with open(folder / "huge.txt", "wb") as handle:
        for _ in range(20 * 1024 * 1024 // (len(line) * 1000) + 1):
            handle.write(line * 1000)
    (folder / "wire.jsonl").write_text(JSONL, encoding="utf-8")
    (folder / "scripted.html").write_text(SCRIPTED_HTML, encoding="utf-8")
    (folder / "script-only.html").write_text(SCRIPT_ONLY_HTML, encoding="utf-8")
    (folder / "unreadable.txt").symlink_to(folder / "no-such-target.txt")
    (outside / "secret.txt").write_text('Spy Max Kell said: "Nobody may read this."\n')
    manifest = folder / "manifest.csv"
    manifest.write_text(
        GOOD_MANIFEST + "missing.txt,Ghost Gazette,\n../../etc/passwd,Evil,\n../secret.txt,Evil,\n",
        encoding="utf-8",
    )
    assert (folder / "huge.txt").stat().st_size > 20 * 1024 * 1024
    return {
        str(folder / "empty.txt"): "empty file",
        str(folder / "binary.txt"): "binary file",
        str(folder / "huge.txt"): "too large",
        f"{folder / 'wire.jsonl'}:2": "broken JSON line",
        str(folder / "script-only.html"): "no article text",
        str(folder / "unreadable.txt"): "broken symbolic link",
        f"{manifest}:3": "missing file",
        f"{manifest}:4": "outside its folder (refused)",
        f"{manifest}:5": "outside its folder (refused)",
    }


def test_hostile_inputs_are_reported_and_the_good_articles_kept(tmp_path: Path) -> None:
    hostile, clean, outside = tmp_path / "in" / "hostile", tmp_path / "clean", tmp_path / "in"
    outside.mkdir()
    expected = write_hostile(hostile, outside)
    clean.mkdir()
    for name, text in GOOD.items():
        (clean / name).write_text(text, encoding="utf-8")
    (clean / "manifest.csv").write_text(GOOD_MANIFEST, encoding="utf-8")
    db, clean_db = tmp_path / "hostile.db", tmp_path / "clean.db"
    args = [hostile / "good2.txt", hostile, hostile / "good2.txt", hostile / "good1.txt"]

    result = cli_build(db, *args)

    assert result.exit_code == 0, result.output
    assert integrity(db) == "ok"
    stored = dict(rows(db, "select path, reason from problems"))
    assert set(stored) == set(expected), result.stderr
    for path, words in expected.items():
        reason = stored[path]
        assert words in reason and "\n" not in reason and reason.strip() == reason, (path, reason)
        assert f"problem: {path}: {reason}\n" in result.stderr
    assert f", {len(expected)} problems" in result.stderr

    # the good files: exactly what a build of only them gives (cluster ids may be numbered
    # differently because the readable odd files add statements, but group the same rows)
    assert cli_build(clean_db, clean).exit_code == 0
    assert rows(clean_db, "select count(*) from problems") == [(0,)]
    good = [r for r in export(db) if r["article"] in GOOD]
    wanted = export(clean_db)
    assert {r["article"] for r in wanted} == set(GOOD)
    assert without_clusters(good) == without_clusters(wanted)
    article_sql = "select id, text, sha256, outlet_id is not null, date from articles"
    good_articles = [r for r in rows(db, article_sql) if r[0] in GOOD]
    assert sorted(good_articles) == sorted(rows(clean_db, article_sql))

    # the odd but readable files: read, decoded, and their quotes point into the decoded text
    texts = dict(rows(db, "select id, text from articles"))
    assert set(texts) == {*GOOD, *READABLE, "scripted.html", "wire-1", "wire-3"}
    for name, (_, decoded, _) in READABLE.items():
        assert texts[name] == decoded, name
    by_article: dict[str, list[str]] = {}
    for record in export(db):
        text = texts[record["article"]]
        assert 0 <= record["start"] < record["end"] <= len(text), record
        assert text[record["start"] : record["end"]] == record["text"], record
        by_article.setdefault(record["article"], []).append(record["text"])
    for name, (_, _, quote) in READABLE.items():
        if quote is not None:
            assert quote in by_article.get(name, []), (name, by_article.get(name))
    assert "Still reading after the break." in by_article["wire-3"]
    assert by_article["scripted.html"] == [
        "We will mend the ford by next summer.",
        "It is a promise to every farmer,",
    ]
    assert not any("Nobody may read" in t or "root:" in t for t in texts.values())

    # --strict: the same build, but the exit status says inputs were unusable
    strict = cli_build(tmp_path / "strict.db", *args, strict=True)
    assert strict.exit_code == 2, strict.output
    assert export(tmp_path / "strict.db") == export(db)


# --- 5. a manifest that points outside its folder ----------------------------------------------


def test_a_manifest_cannot_reach_outside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "feed" / "inner"
    folder.mkdir(parents=True)
    secret = tmp_path / "feed" / "secret.txt"
    secret.write_text('Spy Max Kell said: "Nobody may read this."\n', encoding="utf-8")
    (folder / "story.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    escapes = [
        "../../../../../../etc/passwd",
        "../secret.txt",
        "sub/../../secret.txt",
        "/etc/passwd",
    ]
    (folder / "manifest.csv").write_text(
        "file,outlet\n" + "".join(f"{name},Evil Outlet\n" for name in escapes),
        encoding="utf-8",
    )
    touched: list[str] = []
    real_open, real_isfile, real_stat = builtins.open, os.path.isfile, os.stat

    def spy(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(path, str | bytes | os.PathLike):
                touched.append(os.path.realpath(os.fsdecode(path)))
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(builtins, "open", spy(real_open))
    monkeypatch.setattr(os.path, "isfile", spy(real_isfile))
    monkeypatch.setattr(os, "stat", spy(real_stat))
    db = tmp_path / "feed.db"
    result = cli_build(db, folder)
    monkeypatch.undo()

    assert result.exit_code == 0, result.output
    assert touched, "the spy saw nothing"
    assert str(secret) not in touched and "/etc/passwd" not in touched
    reasons = dict(rows(db, "select path, reason from problems"))
    manifest = folder / "manifest.csv"
    assert reasons == {
        f"{manifest}:{n}": f"manifest names a file outside its folder (refused): {name!r}"
        for n, name in enumerate(escapes, start=2)
    }
    for path, reason in reasons.items():
        assert f"problem: {path}: {reason}\n" in result.stderr
    assert rows(db, "select id, outlet_id from articles") == [("story.txt", None)]
    assert rows(db, "select count(*) from outlets") == [(0,)]
    assert cli_build(tmp_path / "strict.db", folder, strict=True).exit_code == 2


# --- 2. crash safety ---------------------------------------------------------------------------

SWAPPED = ("Keir", "Starmer", "Sunak", "Edwards", "Strathern", "Cooper", "Dixon", "Hands")
NEW_NAMES = ("Abbott", "Baxter", "Carver", "Dalton", "Ellison", "Fenwick", "Garrow", "Holloway")


def write_generated(folder: Path, count: int, chars: int) -> None:
    """``count`` articles made from the corpus texts (their first ``chars`` characters, whole
    lines) with the people renamed, so that no two are the same article."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for n in range(count):
        text = texts[n % len(texts)]
        text = text[: text.rfind("\n", 0, chars) + 1]
        for j, name in enumerate(SWAPPED):
            new = NEW_NAMES[(n + j) % len(NEW_NAMES)] + "abcdefghijklmnopqrst"[n // 8 % 20]
            text = text.replace(name, new)
        (folder / f"gen_{n:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built into a database (copy it before changing it)."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    report = pipeline.build(str(db), [str(CORPUS)])
    assert report.articles == 5 and not report.problems
    return db


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start_build(
    db: Path, *paths: Path, options: tuple[str, ...] = (), own_group: bool = False
) -> subprocess.Popen[bytes]:
    """``quotes build`` in a process of its own (and in a process group of its own)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [*BUILD, str(db), *map(str, paths), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=own_group,
    )


def corpus_and_more(corpus_db: Path, tmp_path: Path, name: str, count: int) -> tuple[Path, Path]:
    """A copy of the corpus database named ``name`` and a folder of ``count`` more articles."""
    more = tmp_path / "more"
    write_generated(more, count, 1500)
    db = tmp_path / name
    shutil.copy(corpus_db, db)
    return db, more


def wait_for_output(process: subprocess.Popen[bytes], words: bytes, limit: float) -> bool:
    """Read the process's stderr until ``words`` appear; False if it ends or time runs out."""
    assert process.stderr is not None
    seen = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 0.05)
        if ready:
            chunk = os.read(process.stderr.fileno(), 4096)
            if not chunk:
                return False
            seen += chunk
            if words in seen:
                return True
    return False


def test_a_killed_build_leaves_the_previous_database_intact(
    corpus_db: Path, tmp_path: Path
) -> None:
    more = tmp_path / "more"
    write_generated(more, 60, 1000)
    base = tmp_path / "base.db"
    shutil.copy(corpus_db, base)
    before = export(base)
    before_sha = sha_of(base)

    # the reference: the same articles built uninterrupted into a fresh database
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    done = start_build(reference, CORPUS, more)
    _, err = done.communicate(timeout=300)
    duration = time.monotonic() - started
    assert done.returncode == 0, err.decode()
    expected = export(reference)
    assert len(expected) > len(before)

    db = tmp_path / "victim.db"
    shutil.copy(corpus_db, db)
    rng = random.Random(20240501)
    strata = [(0.0, 0.04), (0.1, 0.35), (0.35, 0.6), (0.6, 0.85)]
    delays: list[float | None] = [rng.uniform(lo, hi) * duration for lo, hi in strata]
    delays.append(None)  # the last is killed inside the write transaction, after 50 articles
    killed = 0
    for delay in delays:
        process = start_build(db, CORPUS, more)
        if delay is None:
            in_write = wait_for_output(process, b"extracting: 60 of 60 articles", 300)
            assert in_write, "the build never reported progress"
        else:
            time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
            process.wait(timeout=60)
            assert process.returncode == -signal.SIGKILL
            assert integrity(db) == "ok"
            assert not Path(f"{db}-wal").exists() and not Path(f"{db}-journal").exists()
            if sha_of(db) != before_sha:  # killed after it published, before it exited
                assert export(db) == expected, f"killed after {delay} s: a half-written database"
                shutil.copy(corpus_db, db)
                continue
            assert export(db) == before
        else:  # finished before the kill landed: then it published the whole build
            assert process.returncode == 0
            assert integrity(db) == "ok" and export(db) == expected
            shutil.copy(corpus_db, db)
        assert process.stderr is not None
        process.stderr.close()
    assert killed >= 3, f"only {killed} of {len(delays)} kills landed in the build"

    finish = start_build(db, CORPUS, more)
    _, err = finish.communicate(timeout=300)
    assert finish.returncode == 0, err.decode()
    assert integrity(db) == "ok"
    assert export(db) == expected
    assert not Path(f"{db}{store.WORK_SUFFIX}").exists()


# --- 3. readers while a build runs ------------------------------------------------------------

STATE_SQL = (
    "select (select count(*) from articles), (select count(*) from quotes), "
    "(select coalesce(sum(n_quotes), 0) from articles), "
    "(select count(*) from quotes where statement_id is null)"
)
"""One snapshot: articles, quotes, quotes the articles claim, quotes without a statement."""
LIVE_ARTICLES = 16


def test_readers_see_the_old_or_the_new_database_while_a_build_runs(
    corpus_db: Path, tmp_path: Path
) -> None:
    from datasette.app import Datasette

    more = tmp_path / "more"
    write_generated(more, LIVE_ARTICLES, 1500)
    db = tmp_path / "live.db"
    shutil.copy(corpus_db, db)
    before = rows(db, STATE_SQL)[0]
    stop = threading.Event()
    seen: dict[str, list[tuple[Any, ...]]] = {"sqlite": [], "datasette": [], "fresh": []}
    errors: list[BaseException] = []

    def sqlite_reader() -> None:
        while not stop.is_set():
            seen["sqlite"].append(rows(db, STATE_SQL)[0])
            time.sleep(0.005)
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:  # one connection kept across a few reads
                for _ in range(3):
                    seen["sqlite"].append(conn.execute(STATE_SQL).fetchone())
                    assert conn.execute("select count(*) from quotes_fts").fetchone()[0] >= 0
            finally:
                conn.close()

    async def ask(ds: Datasette) -> tuple[Any, ...]:
        response = await ds.client.get(
            f"/{db.stem}.json", params={"sql": STATE_SQL + " as s", "_shape": "arrays"}
        )
        assert response.status_code == 200, response.text
        table = await ds.client.get(f"/{db.stem}/quotes.json?_size=5")
        assert table.status_code == 200, table.text
        return tuple(response.json()["rows"][0])

    def datasette_reader() -> None:
        async def loop() -> None:
            kept = Datasette([str(db)])
            while not stop.is_set():
                seen["datasette"].append(await ask(kept))
                seen["fresh"].append(await ask(Datasette([str(db)])))

        asyncio.run(loop())

    def guarded(reader: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                reader()
            except BaseException as error:  # reported by the test thread
                errors.append(error)
                stop.set()

        return run

    threads = [threading.Thread(target=guarded(r)) for r in (sqlite_reader, datasette_reader)]
    process = start_build(db, CORPUS, more)
    for thread in threads:
        thread.start()
    try:
        _, err = process.communicate(timeout=300)
    finally:
        time.sleep(0.3)  # a few reads of the new database too
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    assert process.returncode == 0, err.decode()
    after = rows(db, STATE_SQL)[0]
    assert after[0] == before[0] + LIVE_ARTICLES and after[3] == 0
    for reader, states in seen.items():
        assert len(states) >= 3, reader
        assert set(states) <= {before, after}, (reader, set(states) - {before, after})
    assert before in seen["sqlite"] and after in seen["sqlite"]
    assert seen["fresh"][-1] == after


def test_reading_commands_leave_the_database_untouched(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "published.db"
    shutil.copy(corpus_db, db)
    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # a server holding it open
    before = sha_of(db)
    assert export(db)
    graph = CliRunner().invoke(cli, ["graph", str(db), "--format", "json"])
    assert graph.exit_code == 0 and json.loads(graph.stdout)["nodes"]
    assert sha_of(db) == before
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    assert reader.execute("pragma journal_mode").fetchone() == ("delete",)
    reader.close()
    not_quotes = tmp_path / "other.db"
    sqlite3.connect(not_quotes).close()
    result = CliRunner().invoke(cli, ["export", str(not_quotes)])
    assert result.exit_code == 2 and "not a quotes database" in result.output


def test_a_build_over_a_database_left_in_wal_mode_with_readers_is_not_corrupted(
    corpus_db: Path, tmp_path: Path
) -> None:
    more = tmp_path / "more"
    write_generated(more, 6, 2200)
    db = tmp_path / "served.db"
    shutil.copy(corpus_db, db)
    other_tool = sqlite3.connect(db)  # some other tool put it in WAL mode and wrote to it
    other_tool.execute("pragma journal_mode=wal")
    server = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    old = server.execute("select count(*) from quotes").fetchone()
    other_tool.execute("create table notes (note text)")
    other_tool.execute("insert into notes values ('kept')")
    other_tool.commit()
    assert Path(f"{db}-wal").stat().st_size > 0

    result = cli_build(db, CORPUS, more)

    assert result.exit_code == 0, result.output
    assert server.execute("select count(*) from quotes").fetchone() == old
    assert integrity(db) == "ok"
    assert rows(db, "select count(*) from articles") == [(11,)]
    assert rows(db, "select note from notes") == [("kept",)]
    fresh = tmp_path / "fresh.db"
    shutil.copy(corpus_db, fresh)
    assert cli_build(fresh, CORPUS, more).exit_code == 0
    assert export(db) == export(fresh)
    server.close()
    other_tool.close()


# --- 6. defects found by trying to break it (issue 13) ------------------------------------------


def one_line_error(result: Result, *words: str) -> None:
    """The command failed as bad input does: exit 2 and one line naming what was wrong."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def leftovers(folder: Path) -> list[str]:
    """Working copies, logs and locks a build left behind."""
    suffixes = (store.WORK_SUFFIX, "-wal", "-shm", "-journal", store.LOCK_SUFFIX)
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(suffixes))


def test_duplicate_ids_are_problems_and_every_offset_points_into_its_own_text(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    lines = [
        {"id": "a.txt", "text": GOOD["good2.txt"]},
        {"id": "w", "text": 'Ann Smith said: "It works well."\n'},
        {"id": "w", "text": 'Much longer words first. Bo Reed said: "It fails."\n'},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    db = tmp_path / "dup.db"
    result = cli_build(db, folder)
    assert result.exit_code == 0, result.output
    assert "2 articles added" in result.stderr and ", 2 problems" in result.stderr
    assert sorted(rows(db, "select path from problems")) == [
        (f"{folder / 'feed.jsonl'}:1",),
        (f"{folder / 'feed.jsonl'}:3",),
    ]
    texts = dict(rows(db, "select id, text from articles"))
    assert texts == {"a.txt": GOOD["good1.txt"], "w": lines[1]["text"]}
    for record in export(db):
        assert texts[record["article"]][record["start"] : record["end"]] == record["text"]


def test_an_article_over_the_length_limit_is_a_problem_and_the_rest_is_stored(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    db = tmp_path / "long.db"
    assert cli_build(db, folder).exit_code == 0
    long_paragraph = 'Jane Roe said: "Yes." ' + "word " * 210_000 + "\n"
    (folder / "long.txt").write_text(long_paragraph, encoding="utf-8")  # alone in its window

    result = cli_build(db, folder)

    assert result.exit_code == 0, result.output
    (reason,) = [r for (p, r) in rows(db, "select path, reason from problems")]
    assert "over the limit of 1,000,000" in reason and "\n" not in reason
    assert rows(db, "select id from articles") == [("good.txt",)]
    assert leftovers(tmp_path) == []


def test_surrogates_in_jsonl_fields_are_problems_not_a_failed_build(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "x\\ud800", "text": "Ann Smith said: \\"It works.\\""}\n'
        '{"id": "y", "outlet": "Wire \\ud800", "text": "Ann Smith said: \\"It works.\\""}\n'
        '{"id": "z", "title": "\\udfff", "text": "Ann Smith said: \\"It works.\\""}\n'
        '{"id": "ok", "text": "Ann Smith said: \\"It works.\\""}\n'
    )
    db = tmp_path / "s.db"
    result = cli_build(db, feed)
    assert result.exit_code == 0, result.output
    assert rows(db, "select id from articles") == [("ok",)]
    assert [r[0] for r in rows(db, "select reason from problems order by path")] == [
        "not valid text: unpaired surrogate character in the id",
        "not valid text: unpaired surrogate character in the outlet",
        "not valid text: unpaired surrogate character in the title",
    ]


def test_links_leaving_the_folder_are_not_published(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    (tmp_path / "secret.txt").write_text('Spy Max Kell said: "Nobody may read this."\n')
    (folder / "secret.txt").symlink_to("../secret.txt")
    (folder / "hostname.txt").symlink_to("/etc/hostname")
    (folder / "etc").symlink_to("/etc")
    db = tmp_path / "links.db"
    result = cli_build(db, folder)
    assert result.exit_code == 0, result.output
    assert rows(db, "select id from articles") == [("good.txt",)]
    assert sorted(rows(db, "select path, reason from problems")) == [
        (str(folder / "etc"), "symbolic link to a folder outside the folder (refused)"),
        *(
            (str(folder / n), "symbolic link to a file outside the folder (refused)")
            for n in ("hostname.txt", "secret.txt")
        ),
    ]


def test_graph_exports_are_well_formed_xml_whatever_the_names(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    (folder / "manifest.csv").write_text("file,outlet\ngood.txt,Valley\x01Times\x1b\n")
    db = tmp_path / "g.db"
    assert cli_build(db, folder).exit_code == 0
    for fmt in ("gexf", "graphml"):
        result = CliRunner().invoke(cli, ["graph", str(db), "--format", fmt])
        assert result.exit_code == 0, result.output
        tree = ElementTree.fromstring(result.stdout)
        texts = [*tree.itertext(), *(v for e in tree.iter() for v in e.attrib.values())]
        assert "Valley\ufffdTimes\ufffd" in texts, (fmt, result.stdout)


def test_workers_with_a_misspelt_model_fail_at_once(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    process = subprocess.run(
        [*BUILD, str(db), str(CORPUS), "--workers", "2", "--model", "no_such_model_xyz"],
        capture_output=True,
        timeout=120,
    )
    assert process.returncode == 2, process.stderr.decode()
    lines = process.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "cannot load spaCy model 'no_such_model_xyz'" in lines[0], lines
    assert "--model" in lines[0]
    assert not db.exists() and leftovers(tmp_path) == []


def test_a_second_build_into_the_same_database_is_refused_in_one_line(
    corpus_db: Path, tmp_path: Path
) -> None:
    db, more = corpus_and_more(corpus_db, tmp_path, "busy.db", 24)
    first = start_build(db, CORPUS, more)
    deadline = time.monotonic() + 120
    while not Path(f"{db}{store.WORK_SUFFIX}").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert first.poll() is None, "the first build ended before the second started"

    second = cli_build(db, CORPUS)

    one_line_error(second, "another build is writing", str(db))
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err.decode()
    assert integrity(db) == "ok"
    assert rows(db, "select count(*) from articles") == [(29,)]
    assert leftovers(tmp_path) == []


def _as_an_ordinary_user() -> None:
    """Before a child process starts: give up root's right to ignore file permissions
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that a folder's mode binds it on any
    filesystem; nothing to give up for another user."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_a_database_in_a_folder_that_cannot_be_written_is_a_one_line_error(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "q.db"
    folder.chmod(0o555)
    try:
        process = subprocess.run(
            [*BUILD, str(db), str(CORPUS)],
            capture_output=True,
            timeout=300,
            preexec_fn=_as_an_ordinary_user,
        )
    finally:
        folder.chmod(0o755)
    lines = process.stderr.decode().strip().splitlines()
    assert process.returncode == 2, lines
    assert len(lines) == 1 and f"cannot write database {db}:" in lines[0], lines
    assert "not writable" in lines[0] and list(folder.iterdir()) == []


def test_a_read_only_database_is_not_replaced(corpus_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "kept.db"
    shutil.copy(corpus_db, db)
    db.chmod(0o444)
    before = sha_of(db)
    result = cli_build(db, CORPUS)
    one_line_error(result, str(db), "read-only")
    assert sha_of(db) == before and leftovers(tmp_path) == []


def test_a_full_disk_is_a_one_line_error_and_frees_the_working_copy(tmp_path: Path) -> None:
    import resource

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    db = tmp_path / "full.db"
    process = subprocess.run(
        [*BUILD, str(db), str(CORPUS)], capture_output=True, timeout=300, preexec_fn=small_files
    )
    lines = process.stderr.decode().strip().splitlines()
    assert process.returncode == 2, lines
    assert len(lines) == 1 and f"cannot write database {db}:" in lines[0], lines
    assert not db.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--model", "spacy"], ["cannot load spaCy model 'spacy'", "--model"]),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], ["--scheduler"]),
    ],
    ids=["model-that-is-no-model", "unreachable-scheduler"],
)
def test_bad_options_are_one_line_errors_naming_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], words: list[str]
) -> None:
    monkeypatch.setattr(pipeline, "SCHEDULER_TIMEOUT", 2)
    db = tmp_path / "o.db"
    result = CliRunner().invoke(cli, ["build", str(db), str(CORPUS), *options])
    one_line_error(result, *words)
    assert not db.exists() and leftovers(tmp_path) == []


def test_a_mistyped_corpus_path_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    result = cli_build(db, CORPUS, tmp_path / "nope")
    one_line_error(result, str(tmp_path / "nope"))
    assert not db.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "signal_number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["INT", "TERM", "HUP"]
)
def test_an_interrupted_build_leaves_nothing_behind(
    corpus_db: Path, tmp_path: Path, signal_number: int
) -> None:
    db, more = corpus_and_more(corpus_db, tmp_path, "stopped.db", 40)
    before = sha_of(db)
    process = start_build(db, CORPUS, more)
    assert wait_for_output(process, b"extracting: 20 of 40 articles", 300)
    process.send_signal(signal_number)
    process.wait(timeout=120)
    assert process.returncode != 0
    assert sha_of(db) == before and integrity(db) == "ok"
    assert leftovers(tmp_path) == []
    assert process.stderr is not None
    process.stderr.close()


SPEAKERS_FILES = {
    "alias-twice": (
        "- name: Jane Roe\n  aliases: [Roe]\n- name: Tom Roe\n  aliases: [Roe]\n",
        "'Roe'",
    ),
    "not-utf8": ("- name: Ren\xe9 Roe\n".encode("latin-1"), "not valid UTF-8"),
    "nested-too-deeply": ("- name: " + "[" * 10_000 + "]" * 10_000 + "\n", "nested too deeply"),
}


@pytest.mark.parametrize("case", SPEAKERS_FILES)
def test_an_unusable_speakers_file_is_a_one_line_error_naming_it(tmp_path: Path, case: str) -> None:
    content, words = SPEAKERS_FILES[case]
    path = tmp_path / "speakers.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    db = tmp_path / "sp.db"
    result = CliRunner().invoke(cli, ["build", str(db), str(CORPUS), "--speakers", str(path)])
    one_line_error(result, str(path), words)
    assert not db.exists()


def test_a_rebuild_with_another_model_or_code_extracts_every_article_again(
    corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "again.db"
    shutil.copy(corpus_db, db)
    assert pipeline.build(str(db), [str(CORPUS)]).unchanged == 5
    loaded = nlp.load()
    monkeypatch.setattr(nlp, "load", lambda name=None: loaded)
    report = pipeline.build(str(db), [str(CORPUS)], model_name="a_different_model")
    assert (report.articles, report.unchanged) == (5, 0)
    assert pipeline.build(str(db), [str(CORPUS)], model_name="a_different_model").unchanged == 5
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "rules edited since")
    report = pipeline.build(str(db), [str(CORPUS)], model_name="a_different_model")
    assert (report.articles, report.unchanged) == (5, 0)


def test_rebuilds_after_a_delete_a_rewrite_a_manifest_edit_and_speakers_yml_equal_fresh_builds(
    corpus_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    db = tmp_path / "kept.db"
    shutil.copy(corpus_db, db)
    names = sorted(p.name for p in folder.glob("*.txt"))
    rows = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
    moved = [
        f"{names[2]},Portwell Post,2024-01-02,Moved,," if r.startswith(names[2]) else r
        for r in rows
    ]
    speakers_file = tmp_path / "speakers.yml"

    def merge_two_speakers() -> None:
        (folder / names[3]).write_text(GOOD["good2.txt"], encoding="utf-8")
        speakers_file.write_text("- name: Jane Porter\n  aliases: [Tom Hardy, Mr Hardy]\n")

    steps: list[Callable[[], None]] = [
        lambda: (folder / names[0]).unlink(),
        lambda: (folder / names[1]).write_text(GOOD["good1.txt"], encoding="utf-8"),
        lambda: (folder / "manifest.csv").write_text("\n".join(moved) + "\n", encoding="utf-8"),
        merge_two_speakers,
        speakers_file.unlink,
    ]
    for n, step in enumerate(steps):
        step()
        options = ["--speakers", str(speakers_file)] if speakers_file.exists() else []
        kept = CliRunner().invoke(cli, ["build", str(db), str(folder), *options])
        assert kept.exit_code == 0, kept.output
        fresh = tmp_path / f"fresh{n}.db"
        assert CliRunner().invoke(cli, ["build", str(fresh), str(folder), *options]).exit_code == 0
        assert database_contents(db) == database_contents(fresh), n
        assert export(db) == export(fresh), n


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["build", "x.db"], ["PATHS", "build --help"]),
        (["build", str(CORPUS), str(CORPUS)], ["'DB'", "directory"]),
        (["export", "no-such.db"], ["no-such.db"]),
        (["build", "x.db", str(CORPUS), "--workers", "many"], ["--workers"]),
        (["build", "x.db", str(CORPUS), "--workers", "0"], ["workers"]),
        (["build", "x.db", str(CORPUS), "--scheduler", "tcp://h:1"], ["--scheduler", "dask"]),
    ],
    ids=[
        "missing-argument",
        "db-is-a-folder",
        "missing-db",
        "workers-not-a-number",
        "no-workers",
        "scheduler-without-dask",
    ],
)
def test_usage_errors_are_one_line_too(args: list[str], words: list[str]) -> None:
    one_line_error(CliRunner().invoke(cli, args), *words)


def test_a_dask_build_with_a_misspelt_model_fails_in_one_line(tmp_path: Path) -> None:
    import socket

    db = tmp_path / "d.db"
    with socket.socket() as dashboard:  # Dask's usual port taken, as by another cluster
        dashboard.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        with contextlib.suppress(OSError):  # already taken: the same condition
            dashboard.bind(("", 8787))
            dashboard.listen()
        process = subprocess.run(
            [*BUILD, str(db), str(CORPUS), "--engine", "dask", "--model", "no_such_model_xyz"],
            capture_output=True,
            timeout=300,
        )
    lines = process.stderr.decode().strip().splitlines()
    assert process.returncode == 2 and len(lines) == 1, lines
    assert "cannot load spaCy model 'no_such_model_xyz'" in lines[0]
    assert not db.exists() and leftovers(tmp_path) == []


def test_output_that_cannot_be_written_is_a_one_line_error(corpus_db: Path) -> None:
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [*BUILD[:-1], "export", str(corpus_db)], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    lines = process.stderr.decode().strip().splitlines()
    assert process.returncode == 1 and len(lines) == 1, lines
    assert lines[0] == "Error: cannot write the output: No space left on device"


@pytest.mark.parametrize("moment", ["loading", "working"])
def test_ctrl_c_on_a_build_with_workers_ends_it_quietly(
    corpus_db: Path, tmp_path: Path, moment: str
) -> None:
    db, more = corpus_and_more(corpus_db, tmp_path, "ctrl-c.db", 60)
    process = start_build(db, CORPUS, more, options=("--workers", "2"), own_group=True)
    if moment == "loading":  # the workers are still loading the model
        while not Path(f"{db}{store.WORK_SUFFIX}").exists():
            time.sleep(0.01)
        time.sleep(1.0)
    else:
        assert wait_for_output(process, b"extracting: 30 of 60 articles", 300)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to every process of the group
    _, err = process.communicate(timeout=120)
    lines = [line for line in err.decode().splitlines() if not line.startswith("extracting: ")]
    assert process.returncode == 1 and [line for line in lines if line.strip()] == ["Aborted!"]
    assert leftovers(tmp_path) == [] and integrity(db) == "ok"


def test_a_database_reached_by_a_link_is_built_where_the_link_leads(
    corpus_db: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.db"
    shutil.copy(corpus_db, real)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD["good1.txt"], encoding="utf-8")
    assert cli_build(link, folder).exit_code == 0
    assert link.is_symlink() and rows(real, "select id from articles") == [("good.txt",)]
    assert leftovers(tmp_path) == []


def test_extract_of_an_unusable_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    one_line_error(CliRunner().invoke(cli, ["extract", str(path)]), str(path), "binary")


def test_a_gold_file_that_is_not_utf8_is_a_one_line_error_naming_it(
    corpus_db: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'{"article": "caf\xe9"}\n')
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(corpus_db)])
    one_line_error(result, str(gold), "not valid UTF-8")


def test_a_problem_is_reported_on_one_line_whatever_the_file_is_called(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "two\nlines\r.txt").write_bytes(b"")
    result = cli_build(tmp_path / "p.db", folder)
    assert result.exit_code == 0, result.output
    reported = [line for line in result.stderr.splitlines() if line.startswith("problem: ")]
    assert reported == [f"problem: {folder}/two\\nlines\\r.txt: empty file"], result.stderr
    assert rows(tmp_path / "p.db", "select path from problems") == [(f"{folder}/two\nlines\r.txt",)]


def test_a_worker_killed_mid_build_stops_it_in_one_line_instead_of_hanging(
    corpus_db: Path, tmp_path: Path
) -> None:
    import psutil

    db, more = corpus_and_more(corpus_db, tmp_path, "orphan.db", 400)
    before = sha_of(db)
    process = start_build(db, CORPUS, more, options=("--workers", "2"))
    assert wait_for_output(process, b"extracting: 40 of 400 articles", 300)
    children = psutil.Process(process.pid).children(recursive=True)
    workers = [c for c in children if "spawn_main" in " ".join(c.cmdline())]
    assert process.poll() is None and workers, "the build ended before a worker could be killed"
    for worker in workers:  # as the kernel's out-of-memory killer would
        worker.kill()
    try:
        _, err = process.communicate(timeout=120)
    finally:
        for child in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
    lines = [line for line in err.decode().splitlines() if not line.startswith("extracting:")]
    assert process.returncode == 2 and len(lines) == 1, lines
    assert "worker process died" in lines[0]
    assert sha_of(db) == before and leftovers(tmp_path) == []
