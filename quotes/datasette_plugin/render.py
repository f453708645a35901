"""Pure logic behind the plugin's pages: highlighting, word differences, graph payloads.

Nothing here touches Datasette or a database; every function takes rows and returns data
that the Jinja templates (autoescaped) or the graph page's JavaScript render.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DIFF_OPS = frozenset({"=", "-", "+"})

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


def community_colour(community: int) -> str:
    """A stable colour for a community number."""
    return PALETTE[community % len(PALETTE)]


def graph_payload(
    nodes: Iterable[Mapping[str, Any]],
    edges: Iterable[Mapping[str, Any]],
    row_url: Mapping[str, str],
) -> dict[str, Any]:
    """The graph as the page draws it; row_url maps a node kind to its table's URL."""
    node_list = [_node_payload(node, row_url) for node in nodes]
    known = {node["id"] for node in node_list}
    edge_list = [
        {"source": e["source"], "target": e["target"], "weight": int(e["weight"] or 0)}
        for e in edges
        if e["source"] in known and e["target"] in known
    ]
    return {"nodes": node_list, "edges": edge_list}


def _node_payload(node: Mapping[str, Any], row_url: Mapping[str, str]) -> dict[str, Any]:
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
        "url": f"{row_url.get(kind, '')}/{node['ref_id']}",
    }
