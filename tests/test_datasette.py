"""The Datasette plugin, metadata and canned queries, through Datasette's in-process client."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from quotes import graph, speakers, store
from quotes.datasette_plugin import pages, render
from quotes.datasette_plugin.queries import CANNED_QUERIES
from quotes.models import Article, ArticleResult, Attribution, Membership, Statement

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text())
TABLE_METADATA = yaml.safe_load(
    (ROOT / "quotes" / "datasette_plugin" / "tables.yml").read_text(encoding="utf-8")
)
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
        "parts": [
            "Ms Arden spoke of “",
            (FRAGMENT, "Jane Arden", "spoke", "Ms Arden"),
            "” on Friday.",
        ],
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
            (CONFLICTED, "Jane Arden", "added", "She"),
            "”.",
        ],
    },
    {
        "id": "indy 50%.txt",
        "outlet": "The Independent Voice",
        "date": "2023-10-22",
        "title": "Minister responds",
        "url": "javascript:alert(document.domain)",
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
        words, speaker, cue, *written = part
        quotes.append(
            Attribution(
                start=len(text),
                end=len(text) + len(words),
                text=words,
                kind="direct",
                speaker=speaker,
                speaker_text=written[0] if written else speaker,
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
        url=spec.get("url", f"https://news.example/{spec['id']}"),
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
        Membership(ids["indy 50%.txt", CONFLICTED], 2, "exact"),
        Membership(
            ids["indy 50%.txt", XSS + " is not a quote"], 3, "exact", json.dumps([["=", XSS]])
        ),
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
        store.save_speaker_counts(db, speakers.genders(store.speaker_forms(db)))
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
    description = TABLE_METADATA["tables"][table]["description"]
    assert description.split("\n")[0][:40] in html.replace("&#39;", "'")
    assert get(db_path, f"/quotes/{table}.json").json()["rows"] is not None


def test_metadata_describes_every_column() -> None:
    tables = TABLE_METADATA["tables"]
    for table in store.TABLES:
        assert set(tables[table.name]["columns"]) == set(table.columns), table.name
    assert {"title", "license"} <= set(METADATA)
    assert "databases" not in METADATA


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


def test_quotes_table_search_finds_quotes_credited_through_a_pronoun(db_path: Path) -> None:
    data = get(db_path, "/quotes/quotes.json?_search=Arden&_shape=array").json()
    assert {row["text"] for row in data} == {FULL, FRAGMENT, VARIANT, CONFLICTED}
    assert "She" in {row["speaker_text"] for row in data}


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


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from quotes import pipeline

    path = tmp_path_factory.mktemp("seed") / "quotes.db"
    pipeline.build(str(path), [str(ROOT / "corpus")])
    return path


def test_seed_corpus_statement_outlets(seed_db: Path) -> None:
    rows = query_rows(
        seed_db, "outlets_for_statement", speaker="Keir Starmer", q="phenomenal+results"
    )
    assert {row["outlet"] for row in rows} == {"The Sun", "The Herald", "BBC News"}
    bbc = [row["wording"] for row in rows if row["outlet"] == "BBC News"]
    assert bbc == ["redrawing the political map"]


def test_speakers_count_their_quotes_and_say_how_gender_was_decided(seed_db: Path) -> None:
    db = sqlite_utils.Database(seed_db)
    rows = list(
        db.query(
            """select n_quotes, (select count(*) from quotes where speaker_id = speakers.id)
                      as counted, kind, gender, gender_source from speakers"""
        )
    )
    db.close()
    assert rows and all(row["n_quotes"] == row["counted"] for row in rows)
    assert all((row["gender"] is None) == (row["gender_source"] is None) for row in rows)
    sources = {row["gender_source"] for row in rows}
    assert {"pronoun", "first name"} <= sources <= {None, "honorific", "pronoun", "first name"}
    assert all(row["gender"] is None for row in rows if row["kind"] != "person")


def test_outlets_query_links_and_survives_empty_and_hostile_input(db_path: Path) -> None:
    assert query_rows(db_path, "outlets_for_statement", speaker="", q="") == []
    assert query_rows(db_path, "outlets_for_statement", speaker="Nobody", q="splendid") == []
    assert query_rows(db_path, "outlets_for_statement", speaker="", q='"unbalanced AND (') == []
    html = get(db_path, "/quotes/outlets_for_statement?speaker=&q=county").text
    assert 'href="/-/quotes/statement/1"' in html
    assert 'href="/-/quotes/article/bbc~2Etxt"' in html


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
            "outlet_id": 4,
            "speaker_id": 2,
        }
    ]


def test_article_page_highlights_every_quote(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/article/herald.txt").text
    marks = re.findall(r'<a id="q(\d+)" class="quote-mark[^"]*"[^>]*>([^<]*)</a>', html)
    assert [text for _, text in marks] == [VARIANT, CONFLICTED]
    assert 'href="/-/quotes/statement/1"' in html
    assert 'href="/-/quotes/statement/2"' in html
    assert "/quotes/articles/" not in html


def test_statement_page_lists_occurrences_and_differences(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/statement/1").text
    for outlet in ("The Morning Star-Ledger", "Broadcast News", "The Harbour Herald"):
        assert outlet in html
    assert "<del>splendid</del>" in html
    assert "<ins>great</ins>" in html
    assert "fragment" in html
    assert 'href="/-/quotes/article/bbc~2Etxt#q' in html
    assert "attribution conflict" in get(db_path, "/-/quotes/statement/2").text


def test_pages_escape_quote_and_article_text(db_path: Path) -> None:
    for path in ("/-/quotes/article/indy+50~25~2Etxt", "/-/quotes/statement/3"):
        html = get(db_path, path).text
        assert XSS not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_missing_pages_are_404(db_path: Path) -> None:
    for path in (
        "/-/quotes/article/nope.txt",
        "/-/quotes/statement/999",
        "/-/quotes/statement/99999999999999999999",
        "/-/quotes/speaker/99999999999999999999",
        "/-/quotes/outlet/999",
    ):
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
    assert urls["Jane Arden"] == "/-/quotes/speaker/1"
    assert urls["Broadcast News"] == "/-/quotes/outlet/2"


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


PLUGIN_PAGES = [
    "/",
    "/quotes",
    "/-/quotes/search?q=arden",
    "/-/quotes/search?q=county+map",
    "/-/quotes/speaker/1",
    "/-/quotes/speaker/2",
    *(f"/-/quotes/outlet/{n}" for n in range(1, 5)),
    *(f"/-/quotes/statement/{n}" for n in range(1, 4)),
    "/-/quotes/article/sun~2Etxt",
    "/-/quotes/article/herald~2Etxt",
    "/-/quotes/article/indy+50~25~2Etxt",
    "/-/quotes/graph",
    "/quotes/outlets_for_statement?speaker=Arden&q=",
    "/quotes/speaker_statements?speaker=",
    "/quotes/attribution_conflicts",
    "/quotes/most_carried_statements",
    "/quotes/outlet_top_speakers?outlet=",
    "/quotes/quoted_people_by_gender",
]
RAW_ROW = re.compile(r"^/quotes/(quotes|statements|articles|speakers|outlets)/[^/?#]+$")
READABLE = re.compile(r"^/-/quotes/(article|statement|speaker|outlet)/")


def _hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]


def test_every_link_of_the_plugin_pages_goes_to_a_readable_page_that_answers(
    db_path: Path,
) -> None:
    responses = fetch(db_path, *PLUGIN_PAGES)
    readable: set[str] = set()
    for path, response in zip(PLUGIN_PAGES, responses, strict=True):
        assert response.status_code == 200, path
        hrefs = _hrefs(response.text)
        assert not [h for h in hrefs if RAW_ROW.match(h)], path
        readable |= {h.split("#")[0] for h in hrefs if READABLE.match(h)}
    pages = {"article", "statement", "speaker", "outlet"}
    assert {h.split("/")[3] for h in readable} == pages
    for href, response in zip(sorted(readable), fetch(db_path, *sorted(readable)), strict=True):
        assert response.status_code == 200, href


def _cells(html: str, column: str) -> list[str]:
    return re.findall(rf'<td class="col-{column} [^"]*">(.*?)</td>', html, re.S)


def test_table_cells_link_to_readable_pages_with_short_labels(db_path: Path) -> None:
    html = get(db_path, "/quotes/quotes").text
    articles = _cells(html, "article_id")
    assert '<a href="/-/quotes/article/sun~2Etxt">Party wins two by-elections</a>' in articles
    statements = _cells(html, "statement_id")
    assert all(re.search(r'href="/-/quotes/statement/\d+"', cell) for cell in statements)
    assert all(len(re.sub("<[^>]+>", "", cell)) < 70 for cell in statements)
    assert any("These are splendid results that show…" in cell for cell in statements)
    assert all("/-/quotes/speaker/" in cell for cell in _cells(html, "speaker_id"))
    assert all("/-/quotes/outlet/" in cell for cell in _cells(html, "outlet_id"))
    titles = _cells(get(db_path, "/quotes/articles").text, "title")
    assert '<a href="/-/quotes/article/herald~2Etxt">Arden hails results</a>' in titles
    texts = _cells(get(db_path, "/quotes/statements").text, "text")
    assert all('href="/-/quotes/statement/' in cell for cell in texts)
    full = get(db_path, "/quotes/quotes_full").text
    for column, page in [
        ("speaker", "speaker"),
        ("outlet", "outlet"),
        ("statement_id", "statement"),
    ]:
        assert all(f'href="/-/quotes/{page}/' in cell for cell in _cells(full, column)), column
    assert '<a href="/-/quotes/article/sun~2Etxt">Party wins two by-elections</a>' in full
    conflicts = get(db_path, "/quotes/conflicts").text
    assert '<a href="/-/quotes/speaker/2">Tom Vale</a>' in _cells(conflicts, "speaker")


def test_speaker_page_shows_forms_statements_outlets_and_conflicts(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/speaker/1").text
    assert "<h1>Jane Arden</h1>" in html
    assert "Ms Arden" in html
    assert "female" in html and "honorific" in html
    assert 'href="/-/quotes/statement/1"' in html and 'href="/-/quotes/statement/2"' in html
    assert "Broadcast News, The Harbour Herald, The Morning Star-Ledger" in html
    assert "2023-10-20" in html
    assert 'also credited to <a href="/-/quotes/speaker/2">Tom Vale</a>' in html
    assert "4 quotes" in html


def test_outlet_page_shows_speakers_statements_disagreements_and_gender(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/outlet/4").text
    assert "<h1>The Independent Voice</h1>" in html
    assert '<a href="/-/quotes/speaker/2">Tom Vale</a>' in html
    assert 'href="/-/quotes/statement/2"' in html and 'href="/-/quotes/statement/3"' in html
    disagreement = html[html.index("Attributed differently elsewhere") :]
    assert '<a href="/-/quotes/speaker/1">Jane Arden</a>' in disagreement
    chart = re.search(r"<svg[^>]*quotes-gender-chart.*?</svg>", html, re.S)
    assert chart is not None
    assert 'aria-label="People quoted: 0 women, 1 man, 0 unknown"' in chart.group()


def test_quoted_people_by_gender(db_path: Path) -> None:
    rows = query_rows(db_path, "quoted_people_by_gender")
    by_outlet = {row["outlet"]: row for row in rows}
    assert by_outlet["The Harbour Herald"]["women"] == 1
    assert by_outlet["The Independent Voice"]["men"] == 1
    assert by_outlet["The Independent Voice"]["unknown"] == 0


def test_search_finds_speakers_by_any_form_and_statements_by_words(db_path: Path) -> None:
    html = get(db_path, "/-/quotes/search?q=arden").text
    assert '<a href="/-/quotes/speaker/1">Jane Arden</a>' in html
    assert (
        '<a href="/-/quotes/speaker/1">Jane Arden</a>'
        in get(db_path, "/-/quotes/search?q=Ms+Arden").text
    )
    words = get(db_path, "/-/quotes/search?q=county+map").text
    assert 'href="/-/quotes/statement/1"' in words
    assert "Nothing matches" in get(db_path, "/-/quotes/search?q=%22unbalanced+AND+(").text


def test_which_outlets_carried_with_only_a_speaker(db_path: Path) -> None:
    rows = query_rows(db_path, "outlets_for_statement", speaker="Tom Vale", q="")
    assert {(row["statement_id"], row["outlet"]) for row in rows} == {
        (2, "The Harbour Herald"),
        (2, "The Independent Voice"),
        (3, "The Independent Voice"),
    }


def test_outlet_lists_are_joined_with_a_space(db_path: Path) -> None:
    arden = query_rows(db_path, "speaker_statements", speaker="arden")
    outlets = next(row["outlets"] for row in arden if row["statement_id"] == 1)
    assert outlets == "Broadcast News, The Harbour Herald, The Morning Star-Ledger"


def test_home_page_links_the_graph_and_searches_and_names_no_registry(db_path: Path) -> None:
    html = get(db_path, "/").text
    body = html[html.index("</header>") :]
    assert 'href="/-/quotes/graph"' in body
    assert 'action="/-/quotes/search"' in body
    assert "pypi.org" not in html
    assert 'href="/-/quotes/graph"' in get(db_path, "/quotes").text.split("</header>")[1]


def test_canned_query_sql_is_folded(db_path: Path) -> None:
    html = get(db_path, "/quotes/outlets_for_statement").text
    body = html[html.index("<body") :]
    assert 'id="sql-query"' not in body
    assert "with matched as" not in body
    assert "_hide_sql" in body or "show_sql" in body or ">show<" in body


def test_table_metadata_applies_whatever_the_database_is_called(
    db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "bbc.db"
    other.write_bytes(db_path.read_bytes())
    data = get(other, "/bbc/quotes.json").json()
    assert "outlet_id" in data["facet_results"]
    html = get(other, "/bbc/quotes").text
    assert TABLE_METADATA["tables"]["quotes"]["description"].split()[0] in html
    assert 'data-column-description="The quoted words."' in html


def test_only_web_urls_become_links(db_path: Path) -> None:
    hostile = get(db_path, "/-/quotes/article/indy+50~25~2Etxt").text
    assert "javascript:" not in " ".join(_hrefs(hostile))
    assert "javascript:alert(document.domain)" in hostile
    herald = get(db_path, "/-/quotes/article/herald~2Etxt").text
    assert 'href="https://news.example/herald.txt"' in herald


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://news.example/a", "https://news.example/a"),
        (" http://news.example/a ", "http://news.example/a"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//news.example/a", None),
        ("https://", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_only_http_urls_may_become_links(url: str | None, link: str | None) -> None:
    assert render.web_url(url) == link


def test_page_totals_count_everything_not_only_the_rows_listed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "LIST_LIMIT", 1)
    outlet, speaker = fetch(db_path, "/-/quotes/outlet/3", "/-/quotes/speaker/1")
    assert "1 speaker quoted · 2 statements · 2 quotes" in outlet.text
    assert "first 1 shown" in outlet.text
    assert "4 quotes · 2 statements" in speaker.text
    assert speaker.text.count('href="/-/quotes/statement/') == 1
