"""The graph and text pages in headless Chromium, served by a real ``datasette`` process.

Set QUOTES_SCREENSHOT_DIR to keep a copy of the screenshots (e.g. ``docs``): the graph of
the bundled corpus and each step of a journalist's path through an invented corpus.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from serving import free_port, launch_chromium, wait_for
from test_datasette import ROOT, build_fixture_db

from quotes import graph, pipeline, store
from quotes.models import GraphEdge, GraphNode

pytestmark = pytest.mark.browser

HOSTILE_OUTLET = "<img src=x onerror=window.__xss=1>Voice"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_fixture_db(tmp_path_factory.mktemp("browser") / "quotes.db")
    db = store.open_db(str(path))
    with db.conn:
        db.execute("update outlets set name = ? where id = 4", [HOSTILE_OUTLET])
        store.save_graph(db, *graph.build_graph(store.speaker_outlet_counts(db)))
    db.close()
    return path


@contextmanager
def _serve(db_path: Path) -> Iterator[str]:
    """A real ``datasette serve`` of one database with the project's metadata."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db_path)]
    command += ["-m", str(ROOT / "metadata.yml"), "-p", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/versions.json", timeout=30.0)
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def server(db_path: Path) -> Iterator[str]:
    with _serve(db_path) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()
    assert errors == []
    assert dialogs == []


def _open_graph(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}/-/quotes/graph{query}")
    page.wait_for_function("window.quotesGraph && window.quotesGraph.ready", timeout=20000)


def _node_point(page: Page, node_id: str) -> tuple[float, float]:
    point: dict[str, Any] = page.evaluate("id => window.quotesGraph.pointOf(id)", node_id)
    return float(point["x"]), float(point["y"])


def test_graph_draws_every_stored_node(page: Page, server: str, db_path: Path) -> None:
    _open_graph(page, server)
    db = store.open_db(str(db_path))
    stored = {row["id"] for row in db["graph_nodes"].rows}
    edges = db["graph_edges"].count
    db.close()
    assert set(page.evaluate("window.quotesGraph.nodeIds")) == stored
    assert page.evaluate("window.quotesGraph.edgeCount") == edges
    assert page.evaluate("performance.getEntriesByName('quotes-graph-drawn').length") == 1
    assert page.evaluate("window.__xss") is None


@pytest.mark.parametrize(
    ("node", "path", "heading"),
    [
        ("outlet:2", "/-/quotes/outlet/2", "Broadcast News"),
        ("speaker:2", "/-/quotes/speaker/2", "Tom Vale"),
    ],
)
def test_clicking_a_node_opens_its_page(
    page: Page, server: str, node: str, path: str, heading: str
) -> None:
    _open_graph(page, server)
    x, y = _node_point(page, node)
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert page.url == server + path
    assert page.inner_text("h1") == heading


def _focus(page: Page, text: str) -> str | None:
    """Focus the graph on a name as a reader would; the status line it leaves."""
    page.fill("#graph-search", text)
    page.press("#graph-search", "Enter")
    page.wait_for_function("document.getElementById('graph-status').textContent.includes(':')")
    return page.text_content("#graph-status")


def test_search_focuses_a_node(page: Page, server: str) -> None:
    _open_graph(page, server)
    assert _focus(page, "arden") == "Jane Arden: 3 neighbours"
    faded = page.evaluate("window.quotesGraph.faded()")
    assert set(faded) == {"speaker:2", "outlet:4"}


def test_minimum_weight_filter(page: Page, server: str) -> None:
    _open_graph(page, server)
    page.eval_on_selector(
        "#graph-min-weight", "el => { el.value = '2'; el.dispatchEvent(new Event('input')); }"
    )
    visible = page.evaluate("window.quotesGraph.visibleEdges()")
    assert visible == 2


def _keep(page: Page, tmp_path: Path, name: str) -> None:
    """Screenshot the page; copied to QUOTES_SCREENSHOT_DIR when it is set."""
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    target = os.environ.get("QUOTES_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / name)


def _assert_labels_apart_and_inside(page: Page) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = page.evaluate("window.quotesGraph.labels()")
    size = page.evaluate("window.quotesGraph.size()")
    for n, a in enumerate(labels):
        assert a["x1"] >= 0 and a["x2"] <= size["width"], a
        assert a["y1"] >= 0 and a["y2"] <= size["height"], a
        for b in labels[n + 1 :]:
            apart = a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"]
            assert apart or b["y2"] <= a["y1"], (a, b)
    return labels


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("seed") / "quotes.db"
    pipeline.build(str(path), [str(ROOT / "corpus")])
    with _serve(path) as base:
        yield base


def test_bundled_corpus_graph_labels_do_not_collide(
    page: Page, seed_server: str, tmp_path: Path
) -> None:
    _open_graph(page, seed_server)
    page.wait_for_timeout(300)
    labels = _assert_labels_apart_and_inside(page)
    outlets = [node for node in page.evaluate("window.quotesGraph.nodeIds") if "outlet" in node]
    assert {label["id"] for label in labels} >= set(outlets)
    _keep(page, tmp_path, "graph.png")


@pytest.fixture(scope="module")
def star_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One outlet quoting forty people with long names: the case that made a blob."""
    path = tmp_path_factory.mktemp("star") / "quotes.db"
    db = store.open_db(str(path))
    nodes = [GraphNode("outlet:1", "outlet", 1, "The Portwell Evening Courier", 40.0)]
    edges = []
    for n in range(1, 41):
        label = f"Councillor Speaker Number {n} of Eastmarsh"
        nodes.append(GraphNode(f"speaker:{n}", "speaker", n, label, 1.0, x=n % 5, y=n // 5))
        edges.append(GraphEdge(f"speaker:{n}", "outlet:1", 1))
    with db.conn:
        db.table("quotes").insert({"article_id": "a", "text": "x", "kind": "direct"})
        store.save_graph(db, nodes, edges)
    db.close()
    with _serve(path) as base:
        yield base


def test_one_outlet_graph_labels_do_not_collide(page: Page, star_server: str) -> None:
    _open_graph(page, star_server)
    labels = _assert_labels_apart_and_inside(page)
    assert labels[0]["id"] == "outlet:1"
    assert 3 <= len(labels) < 41


def _png_pixels(png: bytes) -> tuple[int, list[bytes]]:
    """(bytes per pixel, rows) of an 8-bit RGB or RGBA PNG, unfiltered."""
    width = int.from_bytes(png[16:20], "big")
    channels = {2: 3, 6: 4}[png[25]]
    data, at = b"", 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        if png[at + 4 : at + 8] == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw, stride, rows = zlib.decompress(data), width * channels, []
    previous = bytes(stride)
    for start in range(0, len(raw), stride + 1):
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            guess = {0: 0, 1: left, 2: up, 3: (left + up) // 2}.get(kind)
            if guess is None:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + guess) % 256
        rows.append(bytes(line))
        previous = bytes(line)
    return channels, rows


def _corner_is_filled(page: Page, node: str) -> bool:
    """Whether the node is drawn into the corner of its box: squares are, discs are not."""
    x, y = _node_point(page, node)
    radius = float(page.evaluate(f"window.quotesGraph.renderer.getNodeDisplayData('{node}').size"))
    radius *= page.evaluate("window.quotesGraph.renderer.getGraphToViewportRatio ? 1 : 1")
    half = int(radius)
    shot = page.screenshot(
        clip={"x": x - half, "y": y - half, "width": 2 * half, "height": 2 * half}
    )
    channels, rows = _png_pixels(shot)
    centre = rows[half][half * channels : half * channels + 3]
    corner = rows[2][2 * channels : 2 * channels + 3]
    return corner == centre


def test_outlets_are_squares_and_speakers_discs(page: Page, server: str) -> None:
    _open_graph(page, server)
    assert _focus(page, "Tom Vale") == "Tom Vale: 1 neighbour"
    page.click("#graph-reset")
    page.wait_for_timeout(500)
    assert _corner_is_filled(page, "outlet:3")
    assert not _corner_is_filled(page, "speaker:1")


def test_column_glossary_is_folded_below_one_click(page: Page, server: str) -> None:
    page.goto(f"{server}/quotes/quotes")
    fold = page.locator("details.quotes-column-descriptions")
    assert fold.count() == 1
    assert not fold.locator("dl.column-descriptions").is_visible()
    assert fold.bounding_box()["height"] < 40  # type: ignore[index]
    fold.locator("summary").click()
    assert fold.locator("dl.column-descriptions").is_visible()


def test_no_script_from_text_runs(page: Page, server: str) -> None:
    page.add_init_script("window.alert = () => { window.__xss = 1; };")
    for path in ("/-/quotes/article/indy+50~25~2Etxt", "/-/quotes/statement/3", "/quotes/quotes"):
        page.goto(server + path)
        assert page.evaluate("window.__xss") is None, path
        assert "<script>alert(1)</script>" in page.inner_text("body"), path


def test_article_highlight_links_to_statement(page: Page, server: str) -> None:
    page.goto(f"{server}/-/quotes/article/bbc.txt")
    mark = page.locator("a.quote-mark").first
    assert mark.inner_text() == "redrawing the county map"
    with page.expect_navigation():
        mark.click()
    assert page.url == f"{server}/-/quotes/statement/1"
    assert page.locator("del").first.inner_text() == "splendid"


JOURNEY = {
    "gazette.txt": (
        "Portwell Gazette",
        "Harbour plan approved",
        "Harbour plan approved\n\n"
        "Council leader Daniel Ferrow said the vote was a turning point for the town.\n\n"
        '"We have decided that the harbour trust will fund the new sea wall before next '
        'winter," Mr Ferrow said.\n\n'
        'He added: "Nobody in this chamber wanted another flooded street this year."\n',
    ),
    "echo.txt": (
        "Eastmarsh Echo",
        "Sea wall to be funded by trust",
        "Sea wall to be funded by trust\n\n"
        "Daniel Ferrow, who leads the council, spoke after the vote.\n\n"
        '"We have decided that the trust [Eastmarsh Harbour Trust] will fund the sea wall '
        'before next winter," he told reporters.\n\n'
        "Alison Grebe, who runs the fishermen's co-operative, said she welcomed the decision. "
        '"The boats have waited long enough for this wall," she said.\n',
    ),
    "times.txt": (
        "Westbay Times",
        "Council backs harbour wall",
        "Council backs harbour wall\n\n"
        'Mr Ferrow promised the harbour trust "will fund the new sea wall before next winter".'
        '\n\nAlison Grebe said: "The boats have waited long enough for this wall."\n',
    ),
}


@pytest.fixture(scope="module")
def journey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Three invented outlets: one statement in full, as a variant with an editorial
    insertion, and as a fragment; a quote credited through "he"."""
    folder = tmp_path_factory.mktemp("journey")
    corpus = folder / "articles"
    corpus.mkdir()
    manifest = ["file,outlet,date,title,url,author"]
    for n, (name, (outlet, title, text)) in enumerate(sorted(JOURNEY.items()), 1):
        (corpus / name).write_text(text, encoding="utf-8")
        manifest.append(f"{name},{outlet},2024-03-0{n},{title},https://news.example/{name},")
    (corpus / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    path = folder / "harbour.db"
    pipeline.build(str(path), [str(corpus)])
    with _serve(path) as base:
        yield base


def _follow(page: Page, link: Any) -> None:
    with page.expect_navigation():
        link.click()


def test_a_journalists_path_from_a_surname_to_the_printed_words(
    page: Page, journey_server: str, tmp_path: Path
) -> None:
    page.goto(journey_server)
    _keep(page, tmp_path, "journey-1-home.png")
    page.fill("form.quotes-search input[name=q]", "Ferrow")
    with page.expect_navigation():
        page.press("form.quotes-search input[name=q]", "Enter")
    assert page.inner_text("h1") == "Results for “Ferrow”"
    speaker = page.locator(".quotes-results").get_by_role("link", name="Daniel Ferrow")
    assert "4 quotes" in page.locator(".quotes-results li").first.inner_text()
    _keep(page, tmp_path, "journey-2-search.png")

    _follow(page, speaker)
    assert page.inner_text("h1") == "Daniel Ferrow"
    meta = page.inner_text(".quotes-meta")
    assert "male (from the honorific)" in meta and "4 quotes" in meta
    assert "Mr Ferrow" in page.inner_text(".quotes-forms")
    statements = page.locator(".quotes-speaker-statements tbody tr")
    texts = statements.all_inner_texts()
    assert any("Nobody in this chamber wanted another flooded street" in t for t in texts)
    wall = statements.filter(has_text="sea wall")
    assert "Eastmarsh Echo, Portwell Gazette, Westbay Times" in wall.inner_text()
    _keep(page, tmp_path, "journey-3-speaker.png")

    _follow(page, wall.get_by_role("link").first)
    assert page.inner_text("h1").startswith("Statement ")
    rows = page.locator(".quotes-occurrences tbody tr")
    assert rows.count() == 3
    echo = rows.filter(has_text="Eastmarsh Echo")
    printed = echo.locator("td.quote-text")
    assert printed.locator("ins").all_inner_texts() == ["[Eastmarsh Harbour Trust]"]
    assert printed.locator("del").all_inner_texts() == ["harbour", "new"]
    shown = printed.inner_text()
    assert shown.startswith("We have decided that the")
    assert "trust [Eastmarsh Harbour Trust] will fund the" in shown
    assert "fragment" in rows.filter(has_text="Westbay Times").inner_text()
    _keep(page, tmp_path, "journey-4-statement.png")

    _follow(page, echo.get_by_role("link", name="Sea wall to be funded by trust"))
    assert page.inner_text("h1") == "Sea wall to be funded by trust"
    target = page.locator(".quote-mark:target")
    assert target.count() == 1
    assert target.inner_text().startswith("We have decided that the trust [Eastmarsh")
    assert target.get_attribute("title") == "Daniel Ferrow"
    _keep(page, tmp_path, "journey-5-article.png")

    _follow(page, page.locator(".quotes-meta").get_by_role("link", name="Eastmarsh Echo"))
    assert page.inner_text("h1") == "Eastmarsh Echo"
    chart = page.locator("svg.quotes-gender-chart")
    assert chart.get_attribute("aria-label") == "People quoted: 1 woman, 1 man, 0 unknown"
    _keep(page, tmp_path, "journey-6-outlet.png")

    _follow(page, page.get_by_role("link", name="speaker–outlet graph"))
    page.wait_for_function("window.quotesGraph && window.quotesGraph.ready", timeout=20000)
    assert page.evaluate("window.quotesGraph.nodeCount") == 5
    labels = {label["id"] for label in _assert_labels_apart_and_inside(page)}
    assert labels == set(page.evaluate("window.quotesGraph.nodeIds"))
    _keep(page, tmp_path, "journey-7-graph.png")
