"""The graph and text pages in headless Chromium, served by a real ``datasette`` process.

Set QUOTES_SCREENSHOT_DIR to keep a copy of the graph screenshot (e.g. ``docs``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from test_datasette import ROOT, build_fixture_db

from quotes import graph, store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOSTILE_OUTLET = "<img src=x onerror=window.__xss=1>Voice"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_fixture_db(tmp_path_factory.mktemp("browser") / "quotes.db")
    db = store.open_db(str(path))
    with db.conn:
        db.execute("update outlets set name = ? where id = 4", [HOSTILE_OUTLET])
        store.save_graph(db, *graph.build_graph(store.speaker_outlet_counts(db)))
    db.close()
    return path


@pytest.fixture(scope="module")
def server(db_path: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db_path)]
    command += ["-m", str(ROOT / "metadata.yml"), "-p", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/-/versions.json")
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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


def test_clicking_a_node_opens_its_page(page: Page, server: str) -> None:
    _open_graph(page, server)
    x, y = _node_point(page, "outlet:2")
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert page.url == f"{server}/-/quotes/outlet/2"
    assert page.inner_text("h1") == "Broadcast News"
    _open_graph(page, server)
    x, y = _node_point(page, "speaker:2")
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert page.url == f"{server}/-/quotes/speaker/2"
    assert page.inner_text("h1") == "Tom Vale"


def test_search_focuses_a_node(page: Page, server: str) -> None:
    _open_graph(page, server)
    page.fill("#graph-search", "arden")
    page.press("#graph-search", "Enter")
    page.wait_for_function("document.getElementById('graph-status').textContent.includes(':')")
    assert page.text_content("#graph-status") == "Jane Arden: 3 neighbours"
    faded = page.evaluate("window.quotesGraph.faded()")
    assert set(faded) == {"speaker:2", "outlet:4"}


def test_minimum_weight_filter(page: Page, server: str) -> None:
    _open_graph(page, server)
    page.eval_on_selector(
        "#graph-min-weight", "el => { el.value = '2'; el.dispatchEvent(new Event('input')); }"
    )
    visible = page.evaluate("window.quotesGraph.visibleEdges()")
    assert visible == 2


def test_screenshot(page: Page, server: str, tmp_path: Path) -> None:
    _open_graph(page, server)
    page.wait_for_timeout(300)
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    target = os.environ.get("QUOTES_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / "graph.png")


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
