"""Shared fixtures: the spaCy model, loaded once, and a helper that runs extraction on a text."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from quotes import nlp, pipeline
from quotes.models import Article, Attribution


@pytest.fixture(scope="session")
def model() -> Any:
    """The project's spaCy pipeline, loaded once for the whole test session."""
    return nlp.load()


def run_extract(model: Any, text: str, title: str | None = None) -> tuple[Attribution, ...]:
    """The attributed quotes ``pipeline.extract`` finds in an article made of ``text``."""
    article = Article(id="t.txt", text=text, sha256="x", title=title)
    return pipeline.extract(article, model).quotes


@pytest.fixture
def quotes_of(model: Any) -> Any:
    """``run_extract`` bound to the session's model."""

    def run(text: str, title: str | None = None) -> tuple[Attribution, ...]:
        return run_extract(model, text, title)

    return run


def database_contents(path: Any) -> dict[str, list[Any]]:
    """Every table of a built database with each surrogate id (outlet, speaker, statement,
    quote, graph node) replaced by what it stands for, rows sorted: two databases that hold
    the same things compare equal whatever order their rows were written in."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        names = {
            "outlet_id": dict(conn.execute("select id, name from outlets").fetchall()),
            "speaker_id": dict(conn.execute("select id, name from speakers").fetchall()),
            "statement_id": dict(
                conn.execute(
                    "select statement_id, min(article_id || ':' || start) from quotes"
                    " where statement_id is not null group by statement_id"
                ).fetchall()
            ),
        }
        nodes = {
            row["id"]: f"{row['kind']}:{row['label']}"
            for row in conn.execute("select id, kind, label from graph_nodes")
        }
        contents: dict[str, list[Any]] = {}
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
        for table in sorted(t for t in tables if "_fts" not in t):
            rows = []
            for row in conn.execute(f"select * from [{table}]"):
                record = dict(row)
                if table in ("outlets", "speakers", "statements", "quotes"):
                    own = {"outlets": "outlet_id", "speakers": "speaker_id"}.get(table)
                    ident = record.pop("id")
                    if own is not None:
                        record["name"] = names[own][ident]
                    if table == "statements":
                        record["first"] = names["statement_id"].get(ident)
                for column in ("outlet_id", "speaker_id", "statement_id"):
                    if column in record and record[column] is not None:
                        record[column] = names[column][record[column]]
                for column in ("id", "source", "target"):
                    if table.startswith("graph_") and column in record:
                        record[column] = nodes[record[column]]
                record.pop("ref_id", None)
                rows.append(record)
            contents[table] = sorted(rows, key=repr)
        return contents
    finally:
        conn.close()
