"""The Datasette plugin, metadata and canned queries, through Datasette's in-process client."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette.app import Datasette

from quotes import graph, store
from quotes.datasette_plugin.queries import CANNED_QUERIES
from quotes.models import Article, ArticleResult, Attribution, Membership, Statement

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())
XSS = "<script>alert(1)</script>"

FULL = "These are splendid results that show we are back and redrawing the county map."
FRAGMENT = "redrawing the county map"
VARIANT = "These are great results that show we are back and redrawing the county map."
CONFLICTED = "We will keep every promise we made."

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "sun.txt",
        "outlet": "The Morning Star-Ledger",
        "date": "2023-10-20",
        "title": "Party wins two by-elections",
        "parts": [
            "Party leader Jane Arden said: “",
            (FULL, "Jane Arden", "said"),
            "” Polls closed.",
        ],
    },
    {
        "id": "bbc.txt",
        "outlet": "Broadcast News",
        "date": "2023-10-21",
        "title": "By-election results",
        "parts": ["Ms Arden spoke of “", (FRAGMENT, "Jane Arden", "spoke"), "” on Friday."],
    },
    {
        "id": "herald.txt",
        "outlet": "The Harbour Herald",
        "date": "2023-10-20",
        "title": "Arden hails results",
        "parts": [
            "Jane Arden said: “",
            (VARIANT, "Jane Arden", "said"),
            "” She added it was “",
            (CONFLICTED, "Jane Arden", "added"),
            "”.",
        ],
    },
    {
        "id": "indy.txt",
        "outlet": "The Independent Voice",
        "date": "2023-10-22",
        "title": "Minister responds",
        "parts": [
            "Tom Vale said: “",
            (CONFLICTED, "Tom Vale", "said"),
            "” Then a reader wrote “",
            (XSS + " is not a quote", "Tom Vale", "wrote"),
            "” and left. " + XSS,
        ],
    },
]


def _article_result(spec: dict[str, Any]) -> ArticleResult:
    text, quotes = "", []
    for part in spec["parts"]:
        if isinstance(part, str):
            text += part
            continue
        words, speaker, cue = part
        quotes.append(
            Attribution(
                start=len(text),
                end=len(text) + len(words),
                text=words,
                kind="direct",
                speaker=speaker,
                speaker_text=speaker,
                speaker_kind="person",
                cue=cue,
            )
        )
        text += words
    article = Article(
        id=spec["id"],
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        outlet=spec["outlet"],
        date=spec["date"],
        title=spec["title"],
    )
    return ArticleResult(article=article, quotes=tuple(quotes))


def _statements(db: Any) -> tuple[list[Statement], list[Membership]]:
    ids = {(r["article_id"], r["text"]): r["id"] for r in db.query("select * from quotes")}
    diff = json.dumps(
        [
            ["=", "These are"],
            ["-", "splendid"],
            ["+", "great"],
            ["=", "results that show we are back and redrawing the county map."],
        ]
    )
    members = [
        Membership(ids["sun.txt", FULL], 1, "exact"),
        Membership(ids["bbc.txt", FRAGMENT], 1, "fragment"),
        Membership(ids["herald.txt", VARIANT], 1, "variant", diff),
        Membership(ids["herald.txt", CONFLICTED], 2, "exact"),
        Membership(ids["indy.txt", CONFLICTED], 2, "exact"),
        Membership(ids["indy.txt", XSS + " is not a quote"], 3, "exact", json.dumps([["=", XSS]])),
    ]
    statements = [
        Statement(1, FULL, ("Jane Arden",)),
        Statement(2, CONFLICTED, ("Jane Arden", "Tom Vale"), conflict=True),
        Statement(3, XSS + " is not a quote", ("Tom Vale",)),
    ]
    return statements, members


def build_fixture_db(path: Path) -> Path:
    """A small database shaped like the seeds: one statement carried by three outlets
    (in full, as a fragment and as a variant), one attribution conflict, one hostile text."""
    db = store.open_db(str(path))
    with db.conn:
        store.save_results(db, [_article_result(spec) for spec in ARTICLES])
        store.derive_speakers(db)
        store.replace_statements(db, *_statements(db))
        store.save_graph(db, *graph.build_graph(store.speaker_outlet_counts(db)))
    db.close()
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("ds") / "quotes.db")


def fetch(db_path: Path, *paths: str) -> list[Any]:
    """GET each path from a fresh in-process Datasette configured like production."""

    async def run() -> list[Any]:
        ds = Datasette([str(db_path)], metadata=METADATA)
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


def get(db_path: Path, path: str) -> Any:
    response = fetch(db_path, path)[0]
    assert response.status_code == 200, (path, response.text[:500])
    assert "Error 500" not in response.text
    return response


def query_rows(db_path: Path, name: str, **params: str) -> list[dict[str, Any]]:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = get(db_path, f"/quotes/{name}.json?_shape=array&{query}")
    rows: list[dict[str, Any]] = response.json()
    return rows


TABLES = [t.name for t in store.TABLES]


@pytest.mark.parametrize("table", TABLES + list(store.VIEWS))
def test_every_table_and_view_renders(db_path: Path, table: str) -> None:
    html = get(db_path, f"/quotes/{table}").text
    description = METADATA["databases"]["quotes"]["tables"][table]["description"]
    assert description.split("\n")[0][:40] in html.replace("&#39;", "'")
    assert get(db_path, f"/quotes/{table}.json").json()["rows"] is not None


def test_metadata_describes_every_column() -> None:
    tables = METADATA["databases"]["quotes"]["tables"]
    for table in store.TABLES:
        assert set(tables[table.name]["columns"]) == set(table.columns), table.name
    assert {"title", "description", "license", "source"} <= set(METADATA)


def test_foreign_keys_show_labels_and_facets(db_path: Path) -> None:
    html = get(db_path, "/quotes/quotes").text
    assert "The Harbour Herald" in html
    assert "Jane Arden" in html
    data = get(db_path, "/quotes/quotes.json?_facet=outlet_id").json()
    labels = {r["label"] for r in data["facet_results"]["outlet_id"]["results"]}
    assert "Broadcast News" in labels


def test_full_text_search_on_quotes(db_path: Path) -> None:
    data = get(db_path, "/quotes/quotes.json?_search=county+map&_shape=array").json()
    assert {row["article_id"] for row in data} == {"sun.txt", "bbc.txt", "herald.txt"}


def test_row_pages(db_path: Path) -> None:
    assert "Jane Arden" in get(db_path, "/quotes/speakers/1").text
    assert "Party wins" in get(db_path, "/quotes/articles/sun~2Etxt").text


@pytest.mark.parametrize("name", list(CANNED_QUERIES))
def test_every_canned_query_renders(db_path: Path, name: str) -> None:
    html = get(db_path, f"/quotes/{name}").text
    assert CANNED_QUERIES[name]["title"] in html


def test_which_outlets_carried_a_statement(db_path: Path) -> None:
    rows = query_rows(db_path, "outlets_for_statement", speaker="Arden", q="splendid+results")
    outlets = {row["outlet"]: row for row in rows}
    assert set(outlets) == {"The Morning Star-Ledger", "Broadcast News", "The Harbour Herald"}
    assert outlets["Broadcast News"]["wording"] == FRAGMENT
    assert outlets["Broadcast News"]["relation"] == "fragment"
    assert outlets["The Harbour Herald"]["article_id"] == "herald.txt"
    assert outlets["The Morning Star-Ledger"]["date"] == "2023-10-20"


def test_seed_corpus_statement_outlets(tmp_path: Path) -> None:
    from quotes import pipeline

    path = tmp_path / "quotes.db"
    pipeline.build(str(path), [str(ROOT / "corpus")])
    rows = query_rows(path, "outlets_for_statement", speaker="Keir Starmer", q="phenomenal+results")
    assert {row["outlet"] for row in rows} == {"The Sun", "The Herald", "BBC News"}
    bbc = [row["wording"] for row in rows if row["outlet"] == "BBC News"]
    assert bbc == ["redrawing the political map"]


def test_outlets_query_links_and_survives_empty_and_hostile_input(db_path: Path) -> None:
    assert query_rows(db_path, "outlets_for_statement", speaker="", q="") == []
    assert query_rows(db_path, "outlets_for_statement", speaker="Nobody", q="splendid") == []
    assert query_rows(db_path, "outlets_for_statement", speaker="", q='"unbalanced AND (') == []
    html = get(db_path, "/quotes/outlets_for_statement?speaker=&q=county").text
    assert 'href="/-/quotes/statement/1"' in html
    assert 'href="/-/quotes/article/bbc.txt"' in html


def test_everything_a_speaker_said(db_path: Path) -> None:
    rows = query_rows(db_path, "speaker_statements", speaker="Tom Vale")
    assert {row["statement_id"] for row in rows} == {2, 3}
    arden = query_rows(db_path, "speaker_statements", speaker="arden")
    statement_1 = next(row for row in arden if row["statement_id"] == 1)
    assert statement_1["n_outlets"] == 3


def test_attribution_conflicts(db_path: Path) -> None:
    rows = query_rows(db_path, "attribution_conflicts")
    assert {(row["statement_id"], row["speaker"]) for row in rows} == {
        (2, "Jane Arden"),
        (2, "Tom Vale"),
    }


def test_statements_carried_by_most_outlets(db_path: Path) -> None:
    rows = query_rows(db_path, "most_carried_statements")
    assert rows[0]["statement_id"] == 1
    assert rows[0]["n_outlets"] == 3
    assert "Broadcast News" in rows[0]["outlets"]


def test_whom_an_outlet_quotes_most(db_path: Path) -> None:
    rows = query_rows(db_path, "outlet_top_speakers", outlet="Independent")
    assert rows == [
        {
            "outlet": "The Independent Voice",
            "speaker": "Tom Vale",
            "statements": 2,
            "quotes": 2,
            "first_quoted": "2023-10-22",
            "last_quoted": "2023-10-22",
        }
    ]


def test_article_page_highlights_every_quote(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/article/herald.txt").text
    marks = re.findall(r'<a id="q(\d+)" class="quote-mark[^"]*"[^>]*>([^<]*)</a>', html)
    assert [text for _, text in marks] == [VARIANT, CONFLICTED]
    assert 'href="/-/quotes/statement/1"' in html
    assert 'href="/-/quotes/statement/2"' in html
    assert 'href="/quotes/articles/herald~2Etxt"' in html


def test_statement_page_lists_occurrences_and_differences(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/statement/1").text
    for outlet in ("The Morning Star-Ledger", "Broadcast News", "The Harbour Herald"):
        assert outlet in html
    assert "<del>splendid</del>" in html
    assert "<ins>great</ins>" in html
    assert "fragment" in html
    assert 'href="/-/quotes/article/bbc.txt#q' in html
    assert "attribution conflict" in get(db_path, "/-/quotes/statement/2").text


def test_pages_escape_quote_and_article_text(db_path: Path) -> None:
    for path in ("/-/quotes/article/indy.txt", "/-/quotes/statement/3"):
        html = get(db_path, path).text
        assert XSS not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_missing_pages_are_404(db_path: Path) -> None:
    for path in ("/-/quotes/article/nope.txt", "/-/quotes/statement/999"):
        assert fetch(db_path, path)[0].status_code == 404


def test_graph_page_and_json(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/graph").text
    assert "/-/static-plugins/quotes/sigma.min.js" in html
    assert "/-/static-plugins/quotes/graphology.umd.min.js" in html
    assert 'data-src="/-/quotes/graph.json"' in html
    data = get(db_path, "/-/quotes/graph.json").json()
    ids = {node["id"] for node in data["nodes"]}
    assert ids == {"speaker:1", "speaker:2", "outlet:1", "outlet:2", "outlet:3", "outlet:4"}
    weights = {(e["source"], e["target"]): e["weight"] for e in data["edges"]}
    assert weights == {
        ("speaker:1", "outlet:1"): 1,
        ("speaker:1", "outlet:2"): 1,
        ("speaker:1", "outlet:3"): 2,
        ("speaker:2", "outlet:4"): 2,
    }
    urls = {node["label"]: node["url"] for node in data["nodes"]}
    assert urls["Jane Arden"] == "/quotes/speakers/1"
    assert urls["Broadcast News"] == "/quotes/outlets/2"


def test_graph_json_is_computed_when_not_stored(tmp_path: Path) -> None:
    path = build_fixture_db(tmp_path / "quotes.db")
    db = store.open_db(str(path))
    with db.conn:
        store.save_graph(db, [], [])
    db.close()
    data = get(path, "/-/quotes/graph.json").json()
    assert len(data["nodes"]) == 6


def test_static_assets_are_served(db_path: Path) -> None:
    names = ["sigma.min.js", "sigma.LICENSE", "graphology.umd.min.js", "graphology.LICENSE"]
    for name in [*names, "graph.js", "graph.css", "quotes.css"]:
        get(db_path, f"/-/static-plugins/quotes/{name}")


def test_menu_links_to_graph(db_path: Path) -> None:
    assert 'href="/-/quotes/graph"' in get(db_path, "/").text
