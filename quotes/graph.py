"""The speaker–outlet graph: measures, communities, layout and export formats.

This is the only module that imports networkx.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict
from typing import Literal

import networkx as nx
import numpy as np

from quotes.models import GraphEdge, GraphNode

Count = tuple[int, str, int, str, int]
Format = Literal["gexf", "graphml", "json"]
FORMATS: tuple[Format, ...] = ("gexf", "graphml", "json")

EXACT_BETWEENNESS_MAX_NODES = 1000
BETWEENNESS_SAMPLES = 64
LAYOUT_ITERATIONS = 100
REPULSION_SAMPLES = 64
LAYOUT_SCALE = 1000.0
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, even escaped (control characters, lone surrogates)."""


def speaker_key(speaker_id: int) -> str:
    """The graph node id of a speaker."""
    return f"speaker:{speaker_id}"


def outlet_key(outlet_id: int) -> str:
    """The graph node id of an outlet."""
    return f"outlet:{outlet_id}"


def build_graph(counts: Iterable[Count], seed: int = 0) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Nodes with their measures and place, and weighted edges, from speaker–outlet counts."""
    graph = _to_networkx(counts)
    if graph.number_of_nodes() == 0:
        return [], []
    degree = dict(graph.degree(weight="weight"))
    pagerank = nx.pagerank(graph, weight="weight")
    betweenness = _betweenness(graph, seed)
    community = _communities(graph, seed)
    position = _layout(graph, community, seed)
    nodes = [
        GraphNode(
            id=key,
            kind=data["kind"],
            ref_id=data["ref_id"],
            label=data["label"],
            weight=float(degree[key]),
            pagerank=float(pagerank[key]),
            betweenness=float(betweenness[key]),
            community=community[key],
            x=round(float(position[key][0]), 2),
            y=round(float(position[key][1]), 2),
        )
        for key, data in graph.nodes(data=True)
    ]
    return nodes, _edges(graph)


def _edges(graph: nx.Graph) -> list[GraphEdge]:
    """Edges from speaker to outlet, whatever order networkx keeps them in."""
    edges = []
    for u, v, weight in graph.edges(data="weight"):
        source, target = (u, v) if graph.nodes[u]["kind"] == "speaker" else (v, u)
        edges.append(GraphEdge(source, target, int(weight)))
    return edges


def _to_networkx(counts: Iterable[Count]) -> nx.Graph:
    graph = nx.Graph()
    for speaker_id, speaker_name, outlet_id, outlet_name, n in counts:
        if n <= 0:
            continue
        speaker, outlet = speaker_key(speaker_id), outlet_key(outlet_id)
        graph.add_node(speaker, kind="speaker", ref_id=speaker_id, label=speaker_name)
        graph.add_node(outlet, kind="outlet", ref_id=outlet_id, label=outlet_name)
        previous = graph.edges[speaker, outlet]["weight"] if graph.has_edge(speaker, outlet) else 0
        graph.add_edge(speaker, outlet, weight=previous + n)
    return graph


def _betweenness(graph: nx.Graph, seed: int) -> dict[str, float]:
    """Betweenness centrality, estimated from sampled sources on big graphs."""
    n = graph.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_MAX_NODES else min(BETWEENNESS_SAMPLES, n)
    result: dict[str, float] = nx.betweenness_centrality(graph, k=k, seed=seed)
    return result


def _communities(graph: nx.Graph, seed: int) -> dict[str, int]:
    """Louvain communities numbered from the largest down."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ranked = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: number for number, members in enumerate(ranked) for node in members}


def _layout(
    graph: nx.Graph, community: dict[str, int], seed: int
) -> dict[str, tuple[float, float]]:
    """A force-directed layout started from communities placed around a circle.

    Fruchterman–Reingold with repulsion estimated from a random sample of nodes per
    step, so each step costs O(nodes x samples + edges) and 5,000 nodes take seconds.
    """
    order = list(graph)
    index = {node: i for i, node in enumerate(order)}
    start = _community_start(graph, community, seed)
    pos = np.array([start[node] for node in order], dtype=np.float64)
    edges = [(index[u], index[v], w) for u, v, w in graph.edges(data="weight")]
    src = np.array([e[0] for e in edges], dtype=np.int64)
    dst = np.array([e[1] for e in edges], dtype=np.int64)
    strength = 1.0 + np.log(np.array([e[2] for e in edges], dtype=np.float64))
    pos = _force_steps(pos, src, dst, strength, np.random.default_rng(seed))
    pos = _normalise(pos) * LAYOUT_SCALE
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}


def _force_steps(
    pos: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    strength: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    n = len(pos)
    if n < 2:
        return pos
    k = 1.0 / np.sqrt(n)
    samples = min(REPULSION_SAMPLES, n - 1)
    temperature = 0.1
    cooling = (0.002 / temperature) ** (1.0 / LAYOUT_ITERATIONS)
    for _ in range(LAYOUT_ITERATIONS):
        other = rng.integers(0, n, size=(n, samples))
        delta = pos[:, None, :] - pos[other]
        dist2 = np.maximum((delta**2).sum(axis=2), 1e-6)
        disp = (delta * (k * k / dist2)[:, :, None]).sum(axis=1) * ((n - 1) / samples)
        pull = pos[src] - pos[dst]
        force = pull * (np.sqrt((pull**2).sum(axis=1)) * strength / k)[:, None]
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(src, force[:, axis], minlength=n)
            disp[:, axis] += np.bincount(dst, force[:, axis], minlength=n)
        disp -= pos * (k * 2.0)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos = pos + disp * (np.minimum(length, temperature) / length)[:, None]
        temperature *= cooling
    return pos


def _normalise(pos: np.ndarray) -> np.ndarray:
    centred = pos - pos.mean(axis=0)
    extent = float(np.abs(centred).max())
    return centred / extent if extent > 0 else centred


def _community_start(
    graph: nx.Graph, community: dict[str, int], seed: int
) -> dict[str, tuple[float, float]]:
    groups: dict[int, list[str]] = {}
    for node in graph:
        groups.setdefault(community[node], []).append(node)
    centres = nx.circular_layout(sorted(groups))
    start: dict[str, tuple[float, float]] = {}
    for number, members in groups.items():
        spread = nx.random_layout(members, seed=seed + number, center=(0, 0))
        cx, cy = centres[number]
        radius = min(0.5, 2.0 / max(1, len(groups)) ** 0.5)
        for node in members:
            dx, dy = spread[node]
            start[node] = (float(cx + radius * (dx - 0.5)), float(cy + radius * (dy - 0.5)))
    return start


def to_format(nodes: Iterable[GraphNode], edges: Iterable[GraphEdge], fmt: str) -> str:
    """The graph as GEXF, GraphML or JSON text."""
    nodes, edges = list(nodes), list(edges)
    if fmt == "json":
        payload = {"nodes": [asdict(n) for n in nodes], "edges": [asdict(e) for e in edges]}
        return json.dumps(payload, ensure_ascii=False, indent=1)
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(_export_graph(nodes, edges, viz=True)))
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_export_graph(nodes, edges, viz=False)))
    raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _xml_text(value: object) -> object:
    """A string with the characters XML cannot hold replaced by U+FFFD; other values as given."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _export_graph(nodes: list[GraphNode], edges: list[GraphEdge], viz: bool) -> nx.Graph:
    graph = nx.Graph()
    for node in nodes:
        attributes = {k: _xml_text(v) for k, v in asdict(node).items() if k != "id"}
        if viz:
            attributes["viz"] = {
                "position": {"x": node.x, "y": node.y, "z": 0.0},
                "size": 1.0 + node.weight**0.5,
            }
        graph.add_node(node.id, **attributes)
    for edge in edges:
        graph.add_edge(edge.source, edge.target, weight=edge.weight)
    return graph
