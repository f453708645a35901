"""The SQLite store: the only module that touches sqlite-utils.

The schema is data (``TABLES``, ``VIEWS``, ``INDEXES``) applied by ``ensure_db_shape``.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from quotes.errors import BuildRunningError, DatabaseError
from quotes.lexicon import PERSONAL_PRONOUNS
from quotes.models import (
    Article,
    ArticleResult,
    Attribution,
    GraphEdge,
    GraphNode,
    Membership,
    Occurrence,
    Problem,
    Statement,
    Totals,
)


@dataclass(frozen=True)
class Table:
    """One table of the schema."""

    name: str
    columns: dict[str, type]
    pk: str | tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    not_null: tuple[str, ...] = ()
    fts: tuple[str, ...] = ()


TABLES: tuple[Table, ...] = (
    Table("outlets", {"id": int, "name": str}, "id", not_null=("name",)),
    Table(
        "articles",
        {
            "id": str,
            "outlet_id": int,
            "date": str,
            "title": str,
            "url": str,
            "author": str,
            "path": str,
            "sha256": str,
            "n_quotes": int,
            "extra": str,
            "text": str,
        },
        "id",
        foreign_keys=(("outlet_id", "outlets", "id"),),
        not_null=("sha256", "text"),
        fts=("title", "text"),
    ),
    Table(
        "speakers",
        {
            "id": int,
            "name": str,
            "kind": str,
            "gender": str,
            "gender_source": str,
            "role": str,
            "party": str,
            "n_quotes": int,
        },
        "id",
        not_null=("name",),
    ),
    Table(
        "speaker_aliases",
        {"speaker_id": int, "alias": str},
        ("speaker_id", "alias"),
        foreign_keys=(("speaker_id", "speakers", "id"),),
    ),
    Table(
        "statements",
        {
            "id": int,
            "text": str,
            "speaker_id": int,
            "first_seen": str,
            "n_outlets": int,
            "n_occurrences": int,
            "conflict": int,
        },
        "id",
        foreign_keys=(("speaker_id", "speakers", "id"),),
        fts=("text",),
    ),
    Table(
        "quotes",
        {
            "id": int,
            "statement_id": int,
            "article_id": str,
            "outlet_id": int,
            "speaker_id": int,
            "date": str,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "speaker_text": str,
            "speaker_kind": str,
            "role": str,
            "party": str,
            "cue": str,
            "said_to": str,
            "rule": str,
            "relation": str,
            "diff": str,
            "found_speaker": str,
        },
        "id",
        foreign_keys=(
            ("statement_id", "statements", "id"),
            ("article_id", "articles", "id"),
            ("outlet_id", "outlets", "id"),
            ("speaker_id", "speakers", "id"),
        ),
        not_null=("article_id", "text", "kind"),
        fts=("text", "speaker_text", "found_speaker"),
    ),
    Table("problems", {"path": str, "reason": str}, "path"),
    Table("build_settings", {"name": str, "value": str}, "name"),
    Table(
        "graph_nodes",
        {
            "id": str,
            "kind": str,
            "ref_id": int,
            "label": str,
            "weight": float,
            "pagerank": float,
            "betweenness": float,
            "community": int,
            "x": float,
            "y": float,
        },
        "id",
    ),
    Table(
        "graph_edges",
        {"source": str, "target": str, "weight": int},
        ("source", "target"),
        foreign_keys=(("source", "graph_nodes", "id"), ("target", "graph_nodes", "id")),
    ),
)

VIEWS: dict[str, str] = {
    "quotes_full": """
        select quotes.id, quotes.text, speakers.name as speaker, quotes.speaker_text,
               outlets.name as outlet, quotes.date, quotes.kind, quotes.cue, quotes.said_to,
               quotes.relation, quotes.statement_id, quotes.article_id, articles.title,
               quotes.speaker_id, quotes.outlet_id
        from quotes
        left join speakers on speakers.id = quotes.speaker_id
        left join outlets on outlets.id = quotes.outlet_id
        left join articles on articles.id = quotes.article_id
    """,
    "conflicts": """
        select statements.id as statement_id, statements.text as statement,
               speakers.name as speaker, quotes.speaker_text,
               (select group_concat(name, ', ') from (
                  select distinct coalesce(outlets.name, 'unknown outlet') as name
                  from quotes as credited left join outlets on outlets.id = credited.outlet_id
                  where credited.statement_id = statements.id
                    and credited.speaker_id is quotes.speaker_id order by name)) as outlets,
               count(*) as occurrences, quotes.speaker_id
        from statements
        join quotes on quotes.statement_id = statements.id
        left join speakers on speakers.id = quotes.speaker_id
        where statements.conflict = 1
        group by statements.id, quotes.speaker_id
    """,
}

WORK_SUFFIX = ".building"
"""Suffix of the working copy a build writes before it replaces the database."""
LOCK_SUFFIX = ".lock"
"""Suffix of the file a build holds locked while it writes a database."""
SCHEMA_VERSION = 2
"""Kept in ``PRAGMA user_version``: a database of an older version has every article
extracted again, because its quotes lack columns the build derives speakers from."""

INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("quotes", ("statement_id",)),
    ("quotes", ("article_id",)),
    ("quotes", ("outlet_id", "date")),
    ("quotes", ("speaker_id", "date")),
    ("quotes", ("outlet_id", "speaker_id")),
    ("quotes", ("date",)),
    ("quotes", ("kind",)),
    ("articles", ("sha256",)),
    ("articles", ("outlet_id",)),
    ("statements", ("speaker_id",)),
    ("statements", ("n_outlets",)),
    ("speakers", ("name",)),
    ("outlets", ("name",)),
)


def open_db(path: str) -> sqlite_utils.Database:
    """Open (or create) a database in WAL mode with its schema in place."""
    try:
        db = sqlite_utils.Database(path)
        db.enable_wal()
        ensure_db_shape(db)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"cannot open database {path}: {error}") from error
    return db


def open_readonly(path: str) -> sqlite_utils.Database:
    """Open an existing database only to read it: nothing in the file changes (no switch to
    WAL mode, no schema written), so a published database stays as its build left it and no
    log is left beside it for a later build's rename to pair with the new file."""
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        names = {row[0] for row in conn.execute("select name from sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"cannot open database {path}: {error}") from error
    if "quotes" not in names:
        conn.close()
        raise DatabaseError(f"{path} is not a quotes database (no quotes table)")
    return sqlite_utils.Database(conn)


@contextmanager
def building(path: str) -> Iterator[sqlite_utils.Database]:
    """A working copy of the database at ``path`` to build into, put in place of it in one
    rename when the block ends without error.

    One build at a time holds the database (a second is refused at once); whatever stops a
    build (an error, Ctrl-C, SIGTERM turned into an exception) removes the working copy and
    its logs, and a database or disk error becomes a one-line ``DatabaseError``. A path that
    is a symbolic link builds the database it leads to (the link stays)."""
    path = os.path.realpath(path)
    _check_writable(path)
    with _build_lock(path):
        work = path + WORK_SUFFIX
        db: sqlite_utils.Database | None = None
        try:
            _remove_work_files(work)
            _copy_database(path, work)
            db = open_db(work)
            yield db
            publish(db, work, path)
        except BaseException as error:
            if db is not None:
                db.close()
            _remove_work_files(work)
            cause = _storage_cause(error)
            if cause is not None:
                raise DatabaseError(f"cannot write database {path}: {_reason(cause)}") from error
            raise


def _storage_cause(error: BaseException) -> BaseException | None:
    """The database or file system error behind ``error``, if that is what it is."""
    if isinstance(error, DatabaseError) and error.__cause__ is not None:
        error = error.__cause__
    return error if isinstance(error, sqlite3.Error | OSError) else None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return " ".join(str(error).split())


def _check_writable(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise DatabaseError(f"cannot write database {path}: it is a folder")
    if not os.path.isdir(folder):
        raise DatabaseError(f"cannot write database {path}: no folder {folder}")
    if os.path.exists(path) and not (os.stat(path).st_mode & 0o222 and os.access(path, os.W_OK)):
        raise DatabaseError(f"database {path} is read-only: not replaced")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseError(f"cannot write database {path}: its folder is not writable")


@contextmanager
def _build_lock(path: str) -> Iterator[None]:
    """Hold ``path.lock`` locked (the file is removed when the build ends)."""
    lock = path + LOCK_SUFFIX
    while True:
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise DatabaseError(f"cannot write database {path}: {_reason(error)}") from error
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(handle)
            raise BuildRunningError(
                f"another build is writing database {path}; try again when it has finished"
            ) from error
        if os.path.exists(lock) and os.stat(lock).st_ino == os.fstat(handle).st_ino:
            break
        os.close(handle)  # the holder removed the file as we opened it: lock the new one
    try:
        yield
    finally:
        os.remove(lock)
        os.close(handle)


def _remove_work_files(work: str) -> None:
    for leftover in (work, work + "-wal", work + "-shm", work + "-journal"):
        if os.path.exists(leftover):
            os.remove(leftover)


def _copy_database(path: str, work: str) -> None:
    """Copy the database at ``path`` (if there is one) to ``work``."""
    if not os.path.exists(path):
        return
    source = sqlite3.connect(path)
    target = sqlite3.connect(work)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def publish(db: sqlite_utils.Database, work: str, path: str) -> None:
    """Fold the log into the working copy, close it, and put it in place in one rename, so
    a reader or a killed build only ever sees the old database or the new one."""
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    with open(work, "rb") as handle:
        os.fsync(handle.fileno())
    _empty_log(path)
    os.replace(work, path)


def _empty_log(path: str) -> None:
    """Fold the write-ahead log of the database about to be replaced into it and empty it:
    SQLite replays a log it finds beside a database file, so frames left from the old file
    (kept while a reader holds it open) would be read into the new one as corruption."""
    log = path + "-wal"
    if not os.path.exists(log):
        return
    conn = sqlite3.connect(path)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"cannot replace database {path}: {error}") from error
    finally:
        conn.close()
    if busy or (os.path.exists(log) and os.path.getsize(log) > 0):
        raise DatabaseError(f"cannot replace database {path}: its log is in use; try again")


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create every table, full-text index, view and index the schema names."""
    for table in TABLES:
        if not db.table(table.name).exists():
            db.create_table(
                table.name,
                table.columns,
                pk=table.pk,
                foreign_keys=list(table.foreign_keys),
                not_null=set(table.not_null),
            )
        stored = db.table(table.name).columns_dict
        for column, kind in table.columns.items():
            if column not in stored:
                db.table(table.name).add_column(column, kind)
    for table in TABLES:
        index = db.table(f"{table.name}_fts")
        if table.fts and index.exists() and list(index.columns_dict) != list(table.fts):
            db.table(table.name).disable_fts()
        if table.fts and not index.exists():
            db.table(table.name).enable_fts(list(table.fts), create_triggers=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    for table_name, columns in INDEXES:
        db.table(table_name).create_index(columns, if_not_exists=True)


def known_articles(db: sqlite_utils.Database) -> dict[str, tuple[Any, ...]]:
    """Article id → ``article_key`` of every stored article (none for a database of an older
    schema, whose articles must all be extracted again)."""
    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return {}
    sql = """select articles.id, sha256, title, outlets.name as outlet, date, url, author,
                    path, extra
             from articles left join outlets on outlets.id = articles.outlet_id"""
    return {row["id"]: tuple(row.values())[1:] for row in db.query(sql)}


def article_ids(db: sqlite_utils.Database) -> set[str]:
    """The ids of the stored articles."""
    return {row[0] for row in db.execute("select id from articles")}


def totals(db: sqlite_utils.Database) -> Totals:
    """How many articles, quotes and statements the database holds, and how many of its
    articles have no outlet or no date."""
    sql = """select count(*), count(*) - count(outlet_id),
                    sum(case when coalesce(date, '') = '' then 1 else 0 end)
             from articles"""
    articles, no_outlet, no_date = db.execute(sql).fetchone()
    quotes = db.table("quotes").count
    statements = db.table("statements").count
    return Totals(articles, quotes, statements, no_outlet, no_date or 0)


EXTRACTION_KEY = 2
"""How many leading fields of ``article_key`` the extracted quotes depend on."""


def article_key(article: Article) -> tuple[Any, ...]:
    """Everything a build stores of an article but its text, which ``sha256`` stands for;
    the quotes found depend only on the first ``EXTRACTION_KEY`` fields (text and title)."""
    row = _article_row(article, None, 0)
    return (row["sha256"], row["title"], article.outlet, *(row[c] for c in _OTHER_FIELDS))


_OTHER_FIELDS = ("date", "url", "author", "path", "extra")


def update_metadata(db: sqlite_utils.Database, article: Article) -> None:
    """Store new metadata for an article whose text and title are as stored."""
    outlet_id = _id_for(db, "outlets", article.outlet)
    row = _article_row(article, outlet_id, 0)
    del row["n_quotes"], row["text"]
    db.table("articles").update(article.id, row)
    db.execute(
        "update quotes set outlet_id = ?, date = ? where article_id = ?",
        [outlet_id, article.date, article.id],
    )


def _id_for(db: sqlite_utils.Database, table: str, name: str | None, **extra: Any) -> int | None:
    if not name:
        return None
    row = next(db.query(f"select id from [{table}] where name = ?", [name]), None)
    if row:
        return int(row["id"])
    return int(db.table(table).insert({"name": name, **extra}).last_pk or 0)


def save_results(db: sqlite_utils.Database, results: Sequence[ArticleResult]) -> None:
    """Store a batch of articles and their quotes, replacing earlier versions of them (the
    speakers and statements are derived afterwards by ``derive_speakers`` and
    ``replace_statements``)."""
    ids = [r.article.id for r in results]
    marks = ", ".join("?" * len(ids))
    db.execute(f"delete from quotes where article_id in ({marks})", ids)
    outlets = {
        name: _id_for(db, "outlets", name)
        for name in dict.fromkeys(r.article.outlet for r in results)
    }
    db.table("articles").upsert_all(
        [_article_row(r.article, outlets[r.article.outlet], len(r.quotes)) for r in results],
        pk="id",
    )
    rows = [_quote_row(r.article, q, outlets[r.article.outlet]) for r in results for q in r.quotes]
    db.table("quotes").insert_all(rows)


def remove_articles_except(db: sqlite_utils.Database, keep: set[str]) -> int:
    """Delete every stored article not in ``keep``, with its quotes; returns how many."""
    gone = [(i,) for i in sorted(set(known_ids(db)) - keep)]
    db.conn.executemany("delete from quotes where article_id = ?", gone)
    db.conn.executemany("delete from articles where id = ?", gone)
    return len(gone)


def known_ids(db: sqlite_utils.Database) -> list[str]:
    """The id of every stored article."""
    return [row[0] for row in db.execute("select id from articles")]


def clear_problems(db: sqlite_utils.Database) -> None:
    """Forget the problems of an earlier build (this build finds its own again)."""
    db.execute("delete from problems")


def setting(db: sqlite_utils.Database, name: str) -> str | None:
    """A value the last build recorded, or None."""
    row = db.execute("select value from build_settings where name = ?", [name]).fetchone()
    return None if row is None else str(row[0])


def save_setting(db: sqlite_utils.Database, name: str, value: str) -> None:
    """Record a value for the next build to compare with."""
    db.table("build_settings").upsert({"name": name, "value": value}, pk="name")


def renumber_outlets(db: sqlite_utils.Database) -> None:
    """Keep only outlets some article names, numbered in the order of their first article's
    id, so that the numbering never depends on the order articles were added in."""
    names = [
        row[0]
        for row in db.execute(
            """select outlets.name from articles join outlets on outlets.id = articles.outlet_id
               group by outlets.name order by min(articles.id)"""
        )
    ]
    new_id = {name: n for n, name in enumerate(names, 1)}
    old = {row[1]: row[0] for row in db.execute("select id, name from outlets")}
    moves = [(-new_id[name], old[name]) for name in names]
    for table in ("articles", "quotes"):
        db.conn.executemany(f"update {table} set outlet_id = ? where outlet_id = ?", moves)
        db.execute(f"update {table} set outlet_id = -outlet_id where outlet_id < 0")
    db.execute("delete from outlets")
    db.table("outlets").insert_all({"id": n, "name": name} for name, n in new_id.items())


def derive_speakers(db: sqlite_utils.Database) -> None:
    """Make the speakers table afresh from the quotes, in the order of article id and offset:
    one speaker for each name attribution found, with the forms it was written in and the
    first role and party the text gives it."""
    db.execute("delete from speaker_aliases")
    db.execute("delete from speakers")
    speaker_rows: dict[str, dict[str, Any]] = {}
    links: list[tuple[int | None, int]] = []
    facts: list[Fact] = []
    sql = """select id, found_speaker, speaker_kind, speaker_text, role, party
             from quotes order by article_id, start, "end", id"""
    for row in db.query(sql):
        name = row["found_speaker"]
        if name and name not in speaker_rows:
            number = len(speaker_rows) + 1
            speaker_rows[name] = {"id": number, "name": name, "kind": row["speaker_kind"]}
        speaker_id = speaker_rows[name]["id"] if name else None
        links.append((speaker_id, row["id"]))
        facts.append(Fact(speaker_id, row["speaker_text"], row["role"], row["party"]))
    db.table("speakers").insert_all(speaker_rows.values())
    db.conn.executemany("update quotes set speaker_id = ? where id = ?", links)
    _add_speaker_facts(db, facts)


def _quote_row(article: Article, quote: Attribution, outlet_id: int | None) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "outlet_id": outlet_id,
        "found_speaker": quote.speaker,
        "date": article.date,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker_text": quote.speaker_text,
        "speaker_kind": quote.speaker_kind,
        "role": quote.role,
        "party": quote.party,
        "cue": quote.cue,
        "said_to": quote.said_to,
        "rule": quote.rule,
    }


def _article_row(article: Article, outlet_id: int | None, n_quotes: int) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet_id": outlet_id,
        "date": article.date,
        "title": article.title,
        "url": article.url,
        "author": article.author,
        "path": article.path,
        "sha256": article.sha256,
        "n_quotes": n_quotes,
        "extra": json.dumps(dict(article.extra)) if article.extra else None,
        "text": article.text,
    }


@dataclass(frozen=True)
class Fact:
    """What one quote tells of its speaker."""

    speaker_id: int | None
    alias: str | None
    role: str | None
    party: str | None


def _add_speaker_facts(db: sqlite_utils.Database, facts: Sequence[Fact]) -> None:
    """Record the forms each speaker was written in, and the first role and party the text
    gives them."""
    known = [f for f in facts if f.speaker_id is not None]
    db.conn.executemany(
        "insert or ignore into speaker_aliases (speaker_id, alias) values (?, ?)",
        [
            (f.speaker_id, f.alias)
            for f in known
            if f.alias and f.alias.lower() not in PERSONAL_PRONOUNS
        ],
    )
    db.conn.executemany(
        "update speakers set role = coalesce(role, ?), party = coalesce(party, ?) where id = ?",
        [(f.role, f.party, f.speaker_id) for f in known if f.role or f.party],
    )


def save_problem(db: sqlite_utils.Database, problem: Problem) -> None:
    """Record an input that could not be used."""
    db.table("problems").upsert({"path": problem.path, "reason": problem.reason}, pk="path")


def occurrences(db: sqlite_utils.Database) -> Iterator[tuple[int, Occurrence]]:
    """(quote id, occurrence) for every stored quote, in the order of article id and offset;
    each occurrence's key is its rank in that order, so that statement ids and canonical
    wordings never depend on the order articles were added in."""
    sql = """select quotes.id, quotes.text, speakers.name as speaker, quotes.kind, quotes.date,
                    outlets.name as outlet
             from quotes left join speakers on speakers.id = quotes.speaker_id
             left join outlets on outlets.id = quotes.outlet_id
             order by quotes.article_id, quotes.start, quotes."end", quotes.id"""
    for rank, row in enumerate(db.query(sql), 1):
        yield (
            row["id"],
            Occurrence(rank, row["text"], row["speaker"], row["kind"], row["date"], row["outlet"]),
        )


def replace_statements(
    db: sqlite_utils.Database, statements: Iterable[Statement], members: Iterable[Membership]
) -> None:
    """Replace every statement, and point the quotes (``Membership.key`` is a quote id) at
    theirs."""
    rows = list(statements)
    db.execute("update quotes set statement_id = null, relation = null, diff = null")
    db.execute("delete from statements")
    speaker_ids = {r["name"]: r["id"] for r in db.query("select id, name from speakers")}
    db.table("statements").insert_all(
        {
            "id": s.id,
            "text": s.text,
            "speaker_id": speaker_ids.get(s.speakers[0]) if s.speakers else None,
            "conflict": int(s.conflict),
        }
        for s in rows
    )
    db.conn.executemany(
        "update quotes set statement_id = ?, relation = ?, diff = ? where id = ?",
        [(m.statement, m.relation, m.diff, m.key) for m in members],
    )
    db.execute(
        """update statements set
             n_occurrences = (select count(*) from quotes where statement_id = statements.id),
             n_outlets = (select count(distinct outlet_id) from quotes
                          where statement_id = statements.id),
             first_seen = (select min(date) from quotes where statement_id = statements.id)"""
    )


def export_rows(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """One record per quote occurrence, in the export contract's shape: `speaker` is the
    canonical name, or for a source the article never names (an anonymous, group or
    descriptive source such as "one minister" or "the report") the article's own words for
    it; a pronoun nobody could be found for stays null."""
    sql = """select quotes.article_id as article, outlets.name as outlet, articles.date,
                    articles.title, quotes.start,
                    quotes."end", quotes.text, speakers.name as speaker, quotes.speaker_text,
                    quotes.speaker_kind, quotes.kind, quotes.statement_id as cluster,
                    quotes.cue, quotes.rule
             from quotes left join speakers on speakers.id = quotes.speaker_id
             left join outlets on outlets.id = quotes.outlet_id
             left join articles on articles.id = quotes.article_id
             order by quotes.article_id, quotes.start"""
    for row in db.query(sql):
        yield {**row, "speaker": row["speaker"] or _unnamed_source(row["speaker_text"])}


def _unnamed_source(words: str | None) -> str | None:
    """The words naming a source nobody is named for, unless they are a bare pronoun."""
    if words is None or words.lower() in PERSONAL_PRONOUNS:
        return None
    return words


def speaker_outlet_counts(
    db: sqlite_utils.Database | sqlite3.Connection,
) -> Iterator[tuple[int, str, int, str, int]]:
    """(speaker id, speaker name, outlet id, outlet name, statements carried) for every pair;
    ``db`` may be a bare connection (as Datasette lends one)."""
    if isinstance(db, sqlite3.Connection):
        db = sqlite_utils.Database(db)
    sql = """select speakers.id as sid, speakers.name as speaker, outlets.id as oid,
                    outlets.name as outlet, count(distinct quotes.statement_id) as n
             from quotes join speakers on speakers.id = quotes.speaker_id
             join outlets on outlets.id = quotes.outlet_id
             group by speakers.id, outlets.id"""
    for row in db.query(sql):
        yield row["sid"], row["speaker"], row["oid"], row["outlet"], row["n"]


def save_graph(
    db: sqlite_utils.Database, nodes: Iterable[GraphNode], edges: Iterable[GraphEdge]
) -> None:
    """Replace the stored graph."""
    db.execute("delete from graph_edges")
    db.execute("delete from graph_nodes")
    db.table("graph_nodes").insert_all(asdict(node) for node in nodes)
    db.table("graph_edges").insert_all(asdict(edge) for edge in edges)


def load_graph(db: sqlite_utils.Database) -> tuple[list[GraphNode], list[GraphEdge]]:
    """The stored graph as records."""
    nodes = [GraphNode(**row) for row in db.table("graph_nodes").rows]
    edges = [GraphEdge(**row) for row in db.table("graph_edges").rows]
    return nodes, edges


def person_names(db: sqlite_utils.Database) -> list[str]:
    """The names of every stored person."""
    return [row["name"] for row in db.query("select name from speakers where kind = 'person'")]


def merge_speakers(db: sqlite_utils.Database, merged: dict[str, str]) -> int:
    """Store each speaker named on the left under the name on the right; returns how many
    stored speakers were merged away."""
    count = 0
    for old, new in merged.items():
        row = next(db.query("select * from speakers where name = ?", [old]), None)
        if row is None:
            continue
        target = _id_for(db, "speakers", new, kind=row["kind"])
        if target is None:
            continue
        for column in ("statements", "quotes"):
            db.execute(
                f"update {column} set speaker_id = ? where speaker_id = ?", [target, row["id"]]
            )
        db.execute(
            "insert or ignore into speaker_aliases (speaker_id, alias) "
            "select ?, alias from speaker_aliases where speaker_id = ? union select ?, ?",
            [target, row["id"], target, old],
        )
        db.execute("delete from speaker_aliases where speaker_id = ?", [row["id"]])
        _add_speaker_facts(db, [Fact(target, None, row["role"], row["party"])])
        db.execute("delete from speakers where id = ?", [row["id"]])
        count += 1
    return count


def speaker_forms(db: sqlite_utils.Database) -> Iterator[tuple[int, str, str, list[str]]]:
    """(id, name, kind, the words each of its quotes credits it by) for every person."""
    sql = """select speakers.id, speakers.name, speakers.kind, quotes.speaker_text
             from speakers join quotes on quotes.speaker_id = speakers.id
             where speakers.kind = 'person'
             order by speakers.id, quotes.article_id, quotes.start, quotes.id"""
    current: tuple[int, str, str] | None = None
    forms: list[str] = []
    for row in db.query(sql):
        if current is not None and current[0] != row["id"]:
            yield (*current, forms)
            forms = []
        current = (row["id"], row["name"], row["kind"])
        if row["speaker_text"]:
            forms.append(row["speaker_text"])
    if current is not None:
        yield (*current, forms)


def save_speaker_counts(
    db: sqlite_utils.Database, genders: Iterable[tuple[int, str | None, str | None]]
) -> None:
    """Count every speaker's quotes and store (id, gender, how it was decided) triples;
    speakers not given have no known gender."""
    db.execute(
        "update speakers set gender = null, gender_source = null, n_quotes ="
        " (select count(*) from quotes where quotes.speaker_id = speakers.id)"
    )
    db.conn.executemany(
        "update speakers set gender = ?, gender_source = ? where id = ?",
        [(gender, source, sid) for sid, gender, source in genders if gender],
    )
