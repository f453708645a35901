"""Datasette plugin: canned queries, article and statement pages, the speaker–outlet graph.

Routes (the database is the plugin setting ``database``, else the first database that
holds a ``quotes`` table):

* ``/-/quotes/article/{id}`` – the article with every quote highlighted
* ``/-/quotes/statement/{id}`` – a statement, its occurrences and the variants' differences
* ``/-/quotes/graph`` – the interactive speaker–outlet graph
* ``/-/quotes/graph.json`` – the graph's nodes and edges

Hooks only fetch rows and hand them to :mod:`quotes.datasette_plugin.render`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import sqlite_utils
from datasette import hookimpl
from datasette.database import Database
from datasette.utils import tilde_encode
from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup, escape

from quotes import graph, store
from quotes.datasette_plugin import render
from quotes.datasette_plugin.queries import CANNED_QUERIES

PLUGIN = "quotes"
LINKED_QUERY_COLUMNS = {"statement_id": "statement", "article_id": "article"}


@hookimpl
def canned_queries(datasette: Any, database: str) -> Any:
    async def inner() -> dict[str, dict[str, Any]]:
        if await datasette.get_database(database).table_exists("quotes"):
            return CANNED_QUERIES
        return {}

    return inner


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/quotes/article/(?P<article_id>.+)$", article_page),
        (r"^/-/quotes/statement/(?P<statement_id>\d+)$", statement_page),
        (r"^/-/quotes/graph\.json$", graph_json),
        (r"^/-/quotes/graph$", graph_page),
    ]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/quotes/graph"), "label": "Speaker–outlet graph"}]


@hookimpl
def render_cell(value: Any, column: str, table: str | None, datasette: Any) -> Markup | None:
    """Link statement and article ids in canned query results to the plugin's pages."""
    page = LINKED_QUERY_COLUMNS.get(column)
    if table is not None or page is None or value is None:
        return None
    href = datasette.urls.path(f"/-/quotes/{page}/{value}")
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


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


async def article_page(datasette: Any, request: Request) -> Response:
    db = await quotes_database(datasette)
    article_id = request.url_vars["article_id"]
    articles = await _rows(
        db,
        """select articles.*, outlets.name as outlet from articles
           left join outlets on outlets.id = articles.outlet_id where articles.id = ?""",
        [article_id],
    )
    if not articles:
        raise NotFound("Article not found")
    quotes = await _rows(
        db,
        """select quotes.*, speakers.name as speaker from quotes
           left join speakers on speakers.id = quotes.speaker_id
           where quotes.article_id = ? order by quotes.start, quotes."end" """,
        [article_id],
    )
    context = {
        "database": db.name,
        "article": articles[0],
        "article_row_url": datasette.urls.row(db.name, "articles", tilde_encode(article_id)),
        "segments": render.highlight(articles[0]["text"] or "", quotes),
        "quotes": quotes,
    }
    return await _html(datasette, request, "quotes_article.html", context)


async def statement_page(datasette: Any, request: Request) -> Response:
    db = await quotes_database(datasette)
    statement_id = int(request.url_vars["statement_id"])
    statements = await _rows(
        db,
        """select statements.*, speakers.name as speaker from statements
           left join speakers on speakers.id = statements.speaker_id
           where statements.id = ?""",
        [statement_id],
    )
    if not statements:
        raise NotFound("Statement not found")
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
    context = {"database": db.name, "statement": statements[0], "occurrences": occurrences}
    return await _html(datasette, request, "quotes_statement.html", context)


async def graph_page(datasette: Any, request: Request) -> Response:
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
    db = await quotes_database(datasette)
    nodes = await _rows(db, "select * from graph_nodes order by weight desc, id", [])
    edges = await _rows(db, "select * from graph_edges", [])
    if not nodes:
        nodes, edges = await db.execute_fn(_computed_graph)
    row_url = {
        "speaker": datasette.urls.table(db.name, "speakers"),
        "outlet": datasette.urls.table(db.name, "outlets"),
    }
    payload = render.graph_payload(nodes, edges, row_url)
    payload["database"] = db.name
    return Response.json(payload)


def _computed_graph(conn: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The graph built from the quotes, for databases whose graph was never stored."""
    nodes, edges = graph.build_graph(store.speaker_outlet_counts(sqlite_utils.Database(conn)))
    return [asdict(n) for n in nodes], [asdict(e) for e in edges]


async def _html(
    datasette: Any, request: Request, template: str, context: dict[str, Any]
) -> Response:
    body = await datasette.render_template(template, context, request=request)
    return Response.html(body)
