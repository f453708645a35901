"""Benchmark the speaker–outlet graph: layout time and first draw in the browser.

Generates a bipartite graph of 5,000 nodes (4,800 speakers, 200 outlets) and 20,000
edges, times ``build_graph`` (target <= 10 s), stores it in a temporary database,
serves it with a real ``datasette`` process and measures with headless Chromium the
``quotes-graph-drawn`` performance mark the graph page sets after its first render
(target <= 2 s).

    python benchmarks/graph_bench.py [--skip-browser]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import free_port, launch_chromium, wait_for

from quotes import graph, store

SPEAKERS = 4800
OUTLETS = 200
EDGES = 20_000
LAYOUT_LIMIT_S = 10.0
DRAW_LIMIT_MS = 2000.0


def generated_counts(seed: int = 1) -> list[tuple[int, str, int, str, int]]:
    """Speaker–outlet counts with skewed outlet popularity, like a real corpus."""
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    for speaker in range(1, SPEAKERS + 1):
        pairs.add((speaker, rng.randint(1, OUTLETS)))
    while len(pairs) < EDGES:
        outlet = min(OUTLETS, int(rng.paretovariate(1.2)))
        pairs.add((rng.randint(1, SPEAKERS), outlet))
    return [
        (s, f"Speaker {s}", o, f"Outlet {o}", 1 + int(rng.expovariate(0.5)))
        for s, o in sorted(pairs)
    ]


def time_layout() -> tuple[float, list, list]:
    counts = generated_counts()
    began = time.perf_counter()
    nodes, edges = graph.build_graph(counts)
    elapsed = time.perf_counter() - began
    print(f"build_graph: {len(nodes)} nodes, {len(edges)} edges in {elapsed:.2f} s")
    return elapsed, nodes, edges


def time_first_draw(db_path: Path) -> float:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "-i", str(db_path), "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/-/versions.json")
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/-/quotes/graph")
            page.wait_for_function("window.quotesGraph && window.quotesGraph.ready", timeout=60000)
            drawn = page.evaluate("performance.getEntriesByName('quotes-graph-drawn')[0].startTime")
            nodes = page.evaluate("window.quotesGraph.nodeCount")
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    print(f"first draw: {nodes} nodes drawn {drawn:.0f} ms after navigation start")
    return float(drawn)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    elapsed, nodes, edges = time_layout()
    ok = elapsed <= LAYOUT_LIMIT_S
    if not args.skip_browser:
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "graph.db"
            db = store.open_db(str(db_path))
            with db.conn:
                store.save_graph(db, nodes, edges)
            db.close()
            ok = time_first_draw(db_path) <= DRAW_LIMIT_MS and ok
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
