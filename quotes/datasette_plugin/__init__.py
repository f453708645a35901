"""Datasette plugin: table metadata, canned queries, readable pages, the speaker–outlet graph.

Routes (the database is the plugin setting ``database``, else the first database that
holds a ``quotes`` table):

* ``/-/quotes/search?q=`` – speakers (by any form of their name), outlets and statements
* ``/-/quotes/speaker/{id}`` – a speaker's forms, role, statements, outlets and conflicts
* ``/-/quotes/outlet/{id}`` – an outlet's top speakers, statements, disagreements and the
  gender of the people it quotes
* ``/-/quotes/article/{id}`` – the article with every quote highlighted (id tilde-encoded)
* ``/-/quotes/statement/{id}`` – a statement, its occurrences and the wording each printed
* ``/-/quotes/graph`` and ``/-/quotes/graph.json`` – the speaker–outlet graph

The table metadata in ``tables.yml`` is applied to every database holding a ``quotes``
table, whatever its name; links in tables and canned queries go to the readable pages.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import yaml
from datasette import hookimpl
from markupsafe import Markup, escape

from quotes.datasette_plugin import pages, render
from quotes.datasette_plugin.queries import CANNED_QUERIES

TABLES_FILE = Path(__file__).with_name("tables.yml")
FOLD_SCRIPT = """
document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
  var fold = document.createElement("details");
  fold.className = "quotes-column-descriptions";
  var summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  list.parentNode.insertBefore(fold, list);
  fold.appendChild(summary);
  fold.appendChild(list);
});
"""

_quotes_databases: WeakKeyDictionary[Any, frozenset[str]] = WeakKeyDictionary()


@cache
def table_metadata() -> dict[str, Any]:
    """The metadata of a quotes database: its description and its tables'."""
    loaded: dict[str, Any] = yaml.safe_load(TABLES_FILE.read_text(encoding="utf-8"))
    return loaded


@hookimpl
def startup(datasette: Any) -> Any:
    async def inner() -> None:
        found = set()
        for name, db in datasette.databases.items():
            if not name.startswith("_") and await db.table_exists("quotes"):
                found.add(name)
        _quotes_databases[datasette] = frozenset(found)

    return inner


@hookimpl
def get_metadata(datasette: Any) -> dict[str, Any]:
    names = sorted(_quotes_databases.get(datasette, ()))
    if not names:
        return {}
    intro = render.introduction(datasette.urls)
    # Datasette merges other metadata into what a hook returns, in place: hand out copies.
    databases = {
        name: {**copy.deepcopy(table_metadata()), "description_html": intro(name)} for name in names
    }
    return {
        "description_html": intro(names[0]),
        "source": "the articles read by quotes build",
        "source_url": datasette.urls.table(names[0], "articles"),
        "databases": databases,
    }


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
        (r"^/-/quotes/search$", pages.search_page),
        (r"^/-/quotes/speaker/(?P<speaker_id>\d+)$", pages.speaker_page),
        (r"^/-/quotes/outlet/(?P<outlet_id>\d+)$", pages.outlet_page),
        (r"^/-/quotes/article/(?P<article_id>.+)$", pages.article_page),
        (r"^/-/quotes/statement/(?P<statement_id>\d+)$", pages.statement_page),
        (r"^/-/quotes/graph\.json$", pages.graph_json),
        (r"^/-/quotes/graph$", pages.graph_page),
    ]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [
        {"href": datasette.urls.path("/-/quotes/search"), "label": "Find a speaker or a phrase"},
        {"href": datasette.urls.path("/-/quotes/graph"), "label": "Speaker–outlet graph"},
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins("quotes", "quotes.css")]


@hookimpl
def extra_body_script(view_name: str) -> str | None:
    """Fold the column glossary above a table: the data comes first."""
    return FOLD_SCRIPT if view_name == "table" else None


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """Link statements, articles, speakers and outlets to their readable pages."""
    if database not in _quotes_databases.get(datasette, ()):
        return None
    link = render.cell_link(table, column, value, dict(zip(row.keys(), row, strict=False)))
    if link is None:
        return None
    href = datasette.urls.path(link.path)
    return Markup(f'<a href="{escape(href)}">{escape(link.label)}</a>')


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    """``quotes_page(kind, id)`` in templates: the path of a readable page."""
    env.globals["quotes_page"] = render.page_path
    env.globals["web_url"] = render.web_url
    env.filters["plural"] = render.plural
