"""The speaker–outlet graph: measures, communities, layout and export formats."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET

import pytest

from quotes import graph
from quotes.models import GraphEdge, GraphNode

COUNTS = [
    (1, "Ann Lee", 1, "Daily Post", 3),
    (1, "Ann Lee", 2, "Evening News", 1),
    (2, "Bo Chan", 1, "Daily Post", 2),
    (3, "Cy Dale", 3, "Weekly Star", 4),
    (4, "Di Eve", 3, "Weekly Star", 1),
]


def test_nodes_and_edges_from_counts() -> None:
    nodes, edges = graph.build_graph(COUNTS)
    by_id = {n.id: n for n in nodes}
    assert set(by_id) == {
        "speaker:1",
        "speaker:2",
        "speaker:3",
        "speaker:4",
        "outlet:1",
        "outlet:2",
        "outlet:3",
    }
    assert by_id["speaker:1"] == GraphNode(
        "speaker:1", "speaker", 1, "Ann Lee", **_measures(by_id["speaker:1"], weight=4.0)
    )
    assert by_id["outlet:1"].kind == "outlet"
    assert by_id["outlet:1"].label == "Daily Post"
    assert by_id["outlet:3"].weight == 5.0
    assert {(e.source, e.target, e.weight) for e in edges} == {
        (s, o, n)
        for s, o, n in [
            ("speaker:1", "outlet:1", 3),
            ("speaker:1", "outlet:2", 1),
            ("speaker:2", "outlet:1", 2),
            ("speaker:3", "outlet:3", 4),
            ("speaker:4", "outlet:3", 1),
        ]
    }


def _measures(node: GraphNode, weight: float) -> dict[str, float | int]:
    return {
        "weight": weight,
        "pagerank": node.pagerank,
        "betweenness": node.betweenness,
        "community": node.community,
        "x": node.x,
        "y": node.y,
    }


def test_measures() -> None:
    nodes, _ = graph.build_graph(COUNTS)
    by_id = {n.id: n for n in nodes}
    assert math.isclose(sum(n.pagerank for n in nodes), 1.0, rel_tol=1e-6)
    assert by_id["outlet:1"].betweenness > by_id["speaker:2"].betweenness == 0.0
    assert by_id["speaker:1"].community == by_id["outlet:1"].community
    assert by_id["speaker:3"].community != by_id["outlet:1"].community
    assert all(math.isfinite(n.x) and math.isfinite(n.y) for n in nodes)
    assert len({(n.x, n.y) for n in nodes}) == len(nodes)


def test_repeated_pairs_add_up_and_empty_pairs_are_dropped() -> None:
    _, edges = graph.build_graph([(1, "A", 1, "X", 2), (1, "A", 1, "X", 3), (2, "B", 1, "X", 0)])
    assert [(e.source, e.target, e.weight) for e in edges] == [("speaker:1", "outlet:1", 5)]


def test_deterministic_with_a_seed() -> None:
    assert graph.build_graph(COUNTS, seed=3) == graph.build_graph(COUNTS, seed=3)


def test_empty_graph() -> None:
    assert graph.build_graph([]) == ([], [])
    assert json.loads(graph.to_format([], [], "json")) == {"nodes": [], "edges": []}


def test_single_edge() -> None:
    nodes, edges = graph.build_graph([(1, "A", 1, "X", 1)])
    assert len(nodes) == 2 and len(edges) == 1


def test_json_format_round_trips() -> None:
    nodes, edges = graph.build_graph(COUNTS)
    data = json.loads(graph.to_format(nodes, edges, "json"))
    assert [GraphNode(**n) for n in data["nodes"]] == nodes
    assert [GraphEdge(**e) for e in data["edges"]] == edges


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_formats(fmt: str) -> None:
    nodes, edges = graph.build_graph(COUNTS)
    text = graph.to_format(nodes, edges, fmt)
    root = ET.fromstring(text)
    xml_nodes = [el for el in root.iter() if el.tag.endswith("}node")]
    xml_edges = [el for el in root.iter() if el.tag.endswith("}edge")]
    assert {el.get("id") for el in xml_nodes} == {n.id for n in nodes}
    assert len(xml_edges) == len(edges)
    assert "Ann Lee" in text
    assert "pagerank" in text


def test_labels_are_escaped_in_xml() -> None:
    nodes, edges = graph.build_graph([(1, "<b>&", 1, "X", 1)])
    root = ET.fromstring(graph.to_format(nodes, edges, "gexf"))
    assert any(el.get("label") == "<b>&" for el in root.iter() if el.tag.endswith("}node"))


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="gexf"):
        graph.to_format([], [], "dot")
