"""The plugin's pages: each handler fetches rows and hands them to a template.

The pure work (highlighting, differences, links, charts) is in
:mod:`quotes.datasette_plugin.render`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from typing import Any

from datasette.database import Database
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Request, Response

from quotes import graph, store
from quotes.datasette_plugin import render
from quotes.datasette_plugin.queries import OUTLETS_OF_STATEMENT

PLUGIN = "quotes"
SQLITE_INT_MAX = 2**63 - 1
SEARCH_LIMIT = 50
LIST_LIMIT = 200


async def quotes_database(datasette: Any) -> Database:
    """The database the pages show."""
    config = datasette.plugin_config(PLUGIN) or {}
    if config.get("database") in datasette.databases:
        return datasette.get_database(config["database"])
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists("quotes"):
            return db
    raise NotFound("No database with a quotes table")


async def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = await db.execute(sql, params)
    return [dict(row) for row in result.rows]


async def _one(db: Database, sql: str, params: list[Any], what: str) -> dict[str, Any]:
    rows = await _rows(db, sql, params)
    if not rows:
        raise NotFound(f"{what} not found")
    return rows[0]


async def _subject(
    datasette: Any, request: Request, table: str, what: str
) -> tuple[Database, int, dict[str, Any]]:
    """The database, and the number and row of the speaker or outlet a page is about."""
    db = await quotes_database(datasette)
    number = _number(request, f"{table[:-1]}_id", what)
    row = await _one(db, f"select * from {table} where id = ?", [number], what)
    return db, number, row


async def _totals(db: Database, column: str, number: int) -> dict[str, Any]:
    """How many quotes, statements and speakers a speaker's or outlet's quotes make."""
    return await _one(
        db,
        f"""select count(*) as quotes, count(distinct statement_id) as statements,
                   count(distinct speaker_id) as speakers from quotes where {column} = ?""",
        [number],
        "Quotes",
    )


def _number(request: Request, name: str, what: str) -> int:
    """A row number from the path; numbers SQLite cannot hold name no row."""
    number = int(request.url_vars[name])
    if number > SQLITE_INT_MAX:
        raise NotFound(f"{what} not found")
    return number


async def search_page(datasette: Any, request: Request) -> Response:
    """``/-/quotes/search?q=``: speakers by any form of their name, outlets, and statements
    by their words."""
    db = await quotes_database(datasette)
    q = (request.args.get("q") or "").strip()
    found: dict[str, list[dict[str, Any]]] = {"speakers": [], "outlets": [], "statements": []}
    if q:
        like = f"%{q}%"
        found["speakers"] = await _rows(
            db,
            """select id, name, kind, role, n_quotes, (
                 select group_concat(alias, ', ') from speaker_aliases
                 where speaker_id = speakers.id and alias != speakers.name) as forms
               from speakers where id in (
                 select id from speakers where name like :q
                 union select speaker_id from speaker_aliases where alias like :q)
               order by n_quotes desc, name limit :n""",
            {"q": like, "n": SEARCH_LIMIT},  # type: ignore[arg-type]
        )
        found["outlets"] = await _rows(
            db,
            "select id, name from outlets where name like ? order by name limit ?",
            [like, SEARCH_LIMIT],
        )
        found["statements"] = await _rows(
            db,
            f"""select statements.id, statements.text, statements.first_seen,
                       statements.n_outlets, speakers.id as speaker_id,
                       speakers.name as speaker, {OUTLETS_OF_STATEMENT} as outlets
                from statements left join speakers on speakers.id = statements.speaker_id
                where statements.id in (
                  select quotes.statement_id from quotes_fts
                  join quotes on quotes.id = quotes_fts.rowid
                  where quotes_fts match escape_fts(?))
                order by statements.n_outlets desc, statements.first_seen desc limit ?""",
            [q, SEARCH_LIMIT],
        )
    context = {"database": db.name, "q": q, **found}
    return await _html(datasette, request, "quotes_search.html", context)


async def speaker_page(datasette: Any, request: Request) -> Response:
    """``/-/quotes/speaker/ID``: a speaker's forms, statements and who else they are
    credited to."""
    db, speaker_id, speaker = await _subject(datasette, request, "speakers", "Speaker")
    totals = await _totals(db, "speaker_id", speaker_id)
    forms = await _rows(
        db,
        "select alias from speaker_aliases where speaker_id = ? order by alias",
        [speaker_id],
    )
    statements = await _rows(
        db,
        f"""select statements.id, statements.text, statements.conflict,
                   min(quotes.date) as first_seen, max(quotes.date) as last_seen,
                   count(*) as n_quotes, {OUTLETS_OF_STATEMENT} as outlets
            from quotes join statements on statements.id = quotes.statement_id
            where quotes.speaker_id = ?
            group by statements.id order by first_seen desc, statements.id limit ?""",
        [speaker_id, LIST_LIMIT],
    )
    others = await _rows(
        db,
        """select distinct quotes.statement_id, speakers.id, speakers.name from quotes
           join speakers on speakers.id = quotes.speaker_id
           where quotes.speaker_id != :id and quotes.statement_id in (
             select statement_id from quotes where speaker_id = :id)
           order by speakers.name""",
        {"id": speaker_id},  # type: ignore[arg-type]
    )
    credited: dict[int, list[dict[str, Any]]] = {}
    for row in others:
        credited.setdefault(row["statement_id"], []).append(row)
    context = {
        "database": db.name,
        "speaker": speaker,
        "forms": [row["alias"] for row in forms if row["alias"] != speaker["name"]],
        "statements": statements,
        "credited": credited,
        "totals": totals,
        "limit": LIST_LIMIT,
    }
    return await _html(datasette, request, "quotes_speaker.html", context)


async def outlet_page(datasette: Any, request: Request) -> Response:
    """``/-/quotes/outlet/ID``: the people an outlet quotes by gender, its top speakers,
    its statements and those other outlets credit to someone else."""
    db, outlet_id, outlet = await _subject(datasette, request, "outlets", "Outlet")
    totals = await _totals(db, "outlet_id", outlet_id)
    speakers = await _rows(
        db,
        """select speakers.id, speakers.name, speakers.gender,
                  count(distinct quotes.statement_id) as statements, count(*) as quotes
           from quotes join speakers on speakers.id = quotes.speaker_id
           where quotes.outlet_id = ? group by speakers.id
           order by quotes desc, statements desc, speakers.name limit ?""",
        [outlet_id, LIST_LIMIT],
    )
    statements = await _rows(
        db,
        """select statements.id, statements.text, statements.n_outlets, min(quotes.date) as date,
                  quotes.speaker_id, speakers.name as speaker
           from quotes join statements on statements.id = quotes.statement_id
           left join speakers on speakers.id = quotes.speaker_id
           where quotes.outlet_id = ? group by statements.id
           order by date desc, statements.id limit ?""",
        [outlet_id, LIST_LIMIT],
    )
    disagreements = await _rows(
        db,
        """select distinct here.statement_id, statements.text,
                  here.speaker_id as here_id, mine.name as here,
                  there.speaker_id as there_id, theirs.name as there
           from quotes as here
           join quotes as there on there.statement_id = here.statement_id
             and there.outlet_id is not here.outlet_id and there.speaker_id != here.speaker_id
           join statements on statements.id = here.statement_id
           join speakers as mine on mine.id = here.speaker_id
           join speakers as theirs on theirs.id = there.speaker_id
           where here.outlet_id = ? order by here.statement_id, theirs.name limit ?""",
        [outlet_id, LIST_LIMIT],
    )
    context = {
        "database": db.name,
        "outlet": outlet,
        "speakers": speakers,
        "statements": statements,
        "disagreements": disagreements,
        "bars": await _gender_bars(db, outlet_id),
        "chart_width": render.CHART_WIDTH,
        "totals": totals,
        "limit": LIST_LIMIT,
    }
    return await _html(datasette, request, "quotes_outlet.html", context)


async def _gender_bars(db: Database, outlet_id: int) -> list[render.Bar]:
    """The chart of the people an outlet quotes, by gender."""
    genders = await _rows(
        db,
        """select speakers.gender, count(distinct speakers.id) as people from quotes
           join speakers on speakers.id = quotes.speaker_id
           where quotes.outlet_id = ? and speakers.kind = 'person' group by speakers.gender""",
        [outlet_id],
    )
    return render.gender_bars({row["gender"]: row["people"] for row in genders})


async def article_page(datasette: Any, request: Request) -> Response:
    """``/-/quotes/article/ID``: the article's text with every quote highlighted."""
    db = await quotes_database(datasette)
    article_id = tilde_decode(request.url_vars["article_id"])
    article = await _one(
        db,
        """select articles.*, outlets.name as outlet from articles
           left join outlets on outlets.id = articles.outlet_id where articles.id = ?""",
        [article_id],
        "Article",
    )
    quotes = await _rows(
        db,
        """select quotes.*, speakers.name as speaker from quotes
           left join speakers on speakers.id = quotes.speaker_id
           where quotes.article_id = ? order by quotes.start, quotes."end" """,
        [article_id],
    )
    context = {
        "database": db.name,
        "article": article,
        "segments": render.highlight(article["text"] or "", quotes),
        "quotes": quotes,
    }
    return await _html(datasette, request, "quotes_article.html", context)


async def statement_page(datasette: Any, request: Request) -> Response:
    """``/-/quotes/statement/ID``: every outlet's wording of a statement as printed."""
    db = await quotes_database(datasette)
    statement_id = _number(request, "statement_id", "Statement")
    statement = await _one(
        db,
        """select statements.*, speakers.name as speaker from statements
           left join speakers on speakers.id = statements.speaker_id
           where statements.id = ?""",
        [statement_id],
        "Statement",
    )
    occurrences = await _rows(
        db,
        """select quotes.*, speakers.name as speaker, outlets.name as outlet,
                  articles.title as article_title
           from quotes
           left join speakers on speakers.id = quotes.speaker_id
           left join outlets on outlets.id = quotes.outlet_id
           left join articles on articles.id = quotes.article_id
           where quotes.statement_id = ? order by quotes.date, outlets.name, quotes.id""",
        [statement_id],
    )
    for row in occurrences:
        row["diff_parts"] = render.diff_parts(row.get("diff"))
    context = {"database": db.name, "statement": statement, "occurrences": occurrences}
    return await _html(datasette, request, "quotes_statement.html", context)


async def graph_page(datasette: Any, request: Request) -> Response:
    """``/-/quotes/graph``: the speaker–outlet graph drawn in the browser."""
    db = await quotes_database(datasette)
    context = {
        "database": db.name,
        "data_url": datasette.urls.path("/-/quotes/graph.json"),
        "graphology_url": datasette.urls.static_plugins(PLUGIN, "graphology.umd.min.js"),
        "sigma_url": datasette.urls.static_plugins(PLUGIN, "sigma.min.js"),
        "graph_js_url": datasette.urls.static_plugins(PLUGIN, "graph.js"),
        "graph_css_url": datasette.urls.static_plugins(PLUGIN, "graph.css"),
    }
    return await _html(datasette, request, "quotes_graph.html", context)


async def graph_json(datasette: Any) -> Response:
    """``/-/quotes/graph.json``: the stored graph (or one built now) for the graph page."""
    db = await quotes_database(datasette)
    nodes = await _rows(db, "select * from graph_nodes order by weight desc, id", [])
    edges = await _rows(db, "select * from graph_edges", [])
    if not nodes:
        nodes, edges = await db.execute_fn(_computed_graph)
    payload = render.graph_payload(nodes, edges, datasette.urls.path)
    payload["database"] = db.name
    return Response.json(payload)


def _computed_graph(conn: sqlite3.Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The graph built from the quotes, for databases whose graph was never stored."""
    nodes, edges = graph.build_graph(store.speaker_outlet_counts(conn))
    return [asdict(n) for n in nodes], [asdict(e) for e in edges]


async def _html(
    datasette: Any, request: Request, template: str, context: dict[str, Any]
) -> Response:
    body = await datasette.render_template(template, context, request=request)
    return Response.html(body)
