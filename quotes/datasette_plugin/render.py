"""Pure logic behind the plugin's pages: highlighting, word differences, links, charts,
graph payloads.

Nothing here touches a database, and of Datasette only its tilde encoding of ids in
paths; every function takes rows and returns data that the Jinja templates (autoescaped)
or the graph page's JavaScript render.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

DIFF_OPS = frozenset({"=", "-", "+"})

WEB_SCHEMES = frozenset({"http", "https"})
LABEL_WORDS = 6
"""Words of a statement shown where a table cell names it."""
ID_PAGES = {
    "statement_id": "statement",
    "article_id": "article",
    "speaker_id": "speaker",
    "outlet_id": "outlet",
}
"""Id columns and the readable page each points at."""
NAMED_BY = {
    "statement": "statement_id",
    "article": "article_id",
    "title": "article_id",
    "speaker": "speaker_id",
    "outlet": "outlet_id",
}
"""Columns (of queries and views) that name a thing whose id is in another column."""
OWN_NAME = {"statements": "text", "articles": "title", "speakers": "name", "outlets": "name"}
"""The column that names each table's own rows."""
GENDERS: tuple[tuple[str | None, str, str, str], ...] = (
    ("female", "woman", "women", "#b07aa1"),
    ("male", "man", "men", "#4e79a7"),
    (None, "unknown", "unknown", "#bab0ac"),
)
CHART_WIDTH = 320

PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#1f77b4",
    "#2ca02c",
)


@dataclass(frozen=True)
class Mark:
    """A highlighted quote inside an article."""

    quote_id: int
    statement_id: int | None
    speaker: str | None
    kind: str


@dataclass(frozen=True)
class Segment:
    """A run of article text, highlighted when it is a quote."""

    text: str
    mark: Mark | None = None


@dataclass(frozen=True)
class DiffPart:
    """One run of words of a variant compared with the statement's wording."""

    op: str
    text: str


def highlight(text: str, quotes: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """Cut the article text into plain runs and quote runs by the quotes' offsets.

    Offsets outside the text are clipped; a quote overlapping an earlier one starts
    where the earlier one ends, so no character is shown twice.
    """
    segments: list[Segment] = []
    cursor = 0
    for quote in sorted(quotes, key=lambda q: (_int(q.get("start")), _int(q.get("end")))):
        start = max(cursor, min(_int(quote.get("start")), len(text)))
        end = max(start, min(_int(quote.get("end")), len(text)))
        if end <= start:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], _mark(quote)))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else 0


def _mark(quote: Mapping[str, Any]) -> Mark:
    statement = quote.get("statement_id")
    return Mark(
        quote_id=int(quote["id"]),
        statement_id=int(statement) if statement is not None else None,
        speaker=quote.get("speaker"),
        kind=str(quote.get("kind") or "direct"),
    )


def diff_parts(diff: str | None) -> list[DiffPart]:
    """The word differences stored as a JSON list of [op, text]; [] when absent or malformed."""
    if not diff:
        return []
    try:
        parsed = json.loads(diff)
    except ValueError:
        return []
    if not isinstance(parsed, list):
        return []
    return [
        DiffPart(str(item[0]), str(item[1]))
        for item in parsed
        if isinstance(item, list | tuple) and len(item) == 2 and item[0] in DIFF_OPS
    ]


@dataclass(frozen=True)
class Link:
    """A link to one of the plugin's readable pages."""

    path: str
    label: str


@dataclass(frozen=True)
class Bar:
    """One bar of the gender chart: a group of people quoted."""

    label: str
    count: int
    share: float
    x: float
    width: float
    colour: str


def article_path(article_id: str) -> str:
    """The path of an article's readable page."""
    return "/-/quotes/article/" + tilde_encode(str(article_id))


def page_path(page: str, ident: Any) -> str:
    """The path of the readable page of a statement, article, speaker or outlet."""
    return article_path(ident) if page == "article" else f"/-/quotes/{page}/{ident}"


def web_url(url: Any) -> str | None:
    """``url`` when it is an http(s) address that may become a link, else None."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None


def short_label(text: Any, words: int = LABEL_WORDS) -> str:
    """The first words of a text, with an ellipsis when there are more."""
    split = str(text).split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def cell_link(table: str | None, column: str, value: Any, row: Mapping[str, Any]) -> Link | None:
    """Where a table or query cell should link to, if it names a statement, article,
    speaker or outlet; ``value`` is a {value, label} dict for an expanded foreign key."""
    if isinstance(value, dict) and column in ID_PAGES:
        ident, label = value.get("value"), value.get("label")
        if ident is None:
            return None
        page = ID_PAGES[column]
        shown = short_label(label) if page == "statement" and label else label
        return Link(page_path(page, ident), str(shown if shown not in (None, "") else ident))
    if value is None:
        return None
    if column in ID_PAGES:
        return Link(page_path(ID_PAGES[column], value), str(value))
    if table == "quotes" and column == "text" and row.get("article_id") is not None:
        return Link(f"{article_path(row['article_id'])}#q{row['id']}", str(value))
    if table is not None and OWN_NAME.get(table) == column and row.get("id") is not None:
        return Link(page_path(table[:-1], row["id"]), str(value))
    ident = row.get(NAMED_BY.get(column, ""))
    if ident is not None:
        return Link(page_path(ID_PAGES[NAMED_BY[column]], ident), str(value))
    return None


def gender_bars(counts: Mapping[str | None, int], width: float = CHART_WIDTH) -> list[Bar]:
    """The stacked bar of people quoted by gender (women, men, unknown), as pixels."""
    total = sum(counts.values())
    bars, x = [], 0.0
    for gender, one, many, colour in GENDERS:
        count = counts.get(gender, 0)
        share = count / total if total else 0.0
        bars.append(
            Bar(f"{count} {one if count == 1 else many}", count, share, x, share * width, colour)
        )
        x += share * width
    return bars


def introduction(urls: Any) -> Callable[[str], Markup]:
    """The home and database pages' opening: a search box and the ways in, for a database."""

    def html(database: str) -> Markup:
        path = urls.path
        queries = urls.database(database)
        return Markup(
            "<p>Quotations found in news articles, who said them and which outlets printed "
            "them: each statement once, with every outlet's wording.</p>"
            f'<form class="quotes-search" action="{escape(path("/-/quotes/search"))}" method="get">'
            '<label>Find a speaker or a phrase <input type="search" name="q" '
            'placeholder="a name, a surname or words said"></label> '
            '<button type="submit">Search</button></form>'
            f'<p><a href="{escape(path("/-/quotes/graph"))}">Who is quoted where: the '
            "speaker–outlet graph</a> · "
            f'<a href="{escape(queries)}/outlets_for_statement">Which outlets carried '
            "this statement?</a> · "
            f'<a href="{escape(queries)}/quoted_people_by_gender">Women and men each '
            "outlet quotes</a></p>"
        )

    return html


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 neighbour``, ``2 neighbours``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def community_colour(community: int) -> str:
    """A stable colour for a community number."""
    return PALETTE[community % len(PALETTE)]


def graph_payload(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    url: Callable[[str], str],
) -> dict[str, Any]:
    """The graph as the page draws it; ``url`` turns a plugin path into a URL."""
    node_list = [_node_payload(node, url) for node in nodes]
    known = {node["id"] for node in node_list}
    edge_list = [
        {"source": e["source"], "target": e["target"], "weight": int(e["weight"] or 0)}
        for e in edges
        if e["source"] in known and e["target"] in known
    ]
    return {"nodes": node_list, "edges": edge_list}


def _node_payload(node: Mapping[str, Any], url: Callable[[str], str]) -> dict[str, Any]:
    kind = str(node["kind"])
    community = int(node["community"] or 0)
    return {
        "id": str(node["id"]),
        "kind": kind,
        "label": str(node["label"] or node["id"]),
        "weight": float(node["weight"] or 0.0),
        "pagerank": float(node["pagerank"] or 0.0),
        "betweenness": float(node["betweenness"] or 0.0),
        "community": community,
        "colour": community_colour(community),
        "x": float(node["x"] or 0.0),
        "y": float(node["y"] or 0.0),
        "url": url(page_path(kind, node["ref_id"])),
    }
