"""Tests of quotes.ingest: every input format and every way an input can fail."""

from __future__ import annotations

import builtins
import errno
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from quotes import ingest
from quotes.ingest import decode_text, iter_articles
from quotes.models import Article, Problem

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BODY = "The minister said the plan would work. Critics said it would not.\n"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(*paths: Path | str) -> list[Article | Problem]:
    return list(iter_articles([str(path) for path in paths]))


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def manifest(folder: Path, *rows: str, header: str = "file,outlet,date,title,url,author") -> Path:
    return write(folder / "manifest.csv", "\n".join((header, *rows)) + "\n")


# --- folders, files and manifests ------------------------------------------------------------


def test_folder_with_manifest_gives_whole_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", "Second article.\n")
    manifest(
        tmp_path,
        "a.txt,Daily Example,2024-01-02,Plan row,https://example.com/a,Jane Doe,politics,",
        "b.txt,,,,,,,",
        header="file,outlet,date,title,url,author,section,empty",
    )
    assert run(tmp_path) == [
        Article(
            id="a.txt",
            text=BODY,
            sha256=sha(BODY),
            outlet="Daily Example",
            date="2024-01-02",
            title="Plan row",
            url="https://example.com/a",
            author="Jane Doe",
            path=str(tmp_path / "a.txt"),
            extra=(("section", "politics"),),
        ),
        Article(
            id="b.txt",
            text="Second article.\n",
            sha256=sha("Second article.\n"),
            path=str(tmp_path / "b.txt"),
        ),
    ]


def test_folder_is_searched_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.TXT", "aa/e.txt"):
        write(tmp_path / name, BODY)
    write(tmp_path / "notes.md", BODY)
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / ".git" / "x.txt", BODY)
    results = run(tmp_path)
    assert [r.id for r in results if isinstance(r, Article)] == [
        "a.txt",
        "aa/e.txt",
        "b.txt",
        "sub/c.txt",
        "sub/deeper/d.TXT",
    ]
    assert all(isinstance(r, Article) for r in results)


def test_nearest_manifest_describes_a_file(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "c.txt", BODY)
    write(tmp_path / "d.txt", BODY)
    manifest(tmp_path, "sub/c.txt,Outer Post,,,,", "d.txt,Outer Post,,,,")
    manifest(tmp_path / "sub", "c.txt,Inner Times,,,,")
    outlets = {r.id: r.outlet for r in run(tmp_path) if isinstance(r, Article)}
    assert outlets == {"d.txt": "Outer Post", "sub/c.txt": "Inner Times"}


def test_single_file_uses_its_folders_manifest(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", BODY)
    manifest(tmp_path, "a.txt,Daily Example,2024-01-02,,,", "gone.txt,X,,,,")
    assert run(path) == [
        Article(
            id="a.txt",
            text=BODY,
            sha256=sha(BODY),
            outlet="Daily Example",
            date="2024-01-02",
            path=str(path),
        )
    ]


def test_seed_corpus_ids_are_file_names_and_text_is_the_file(tmp_path: Path) -> None:
    articles = run(CORPUS)
    names = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert [a.id for a in articles if isinstance(a, Article)] == names
    for article in articles:
        assert isinstance(article, Article)
        assert article.text == (CORPUS / article.id).read_bytes().decode("utf-8")


def test_manifest_row_naming_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    csv_path = manifest(tmp_path, "a.txt,Daily Example,,,,", "gone.txt,Daily Example,,,,")
    results = run(tmp_path)
    assert results[0] == Problem(f"{csv_path}:3", "manifest names a missing file: 'gone.txt'")
    assert [r.outlet for r in results[1:] if isinstance(r, Article)] == ["Daily Example"]


@pytest.mark.parametrize("name", ["../secret.txt", "../../etc/passwd", "sub/../../secret.txt"])
def test_manifest_file_outside_its_folder_is_refused(tmp_path: Path, name: str) -> None:
    write(tmp_path / "secret.txt", "Secret text that must never be ingested.\n")
    folder = tmp_path / "corpus"
    write(folder / "a.txt", BODY)
    csv_path = manifest(folder, f"{name},Leak,,,,")
    assert run(folder) == [
        Problem(f"{csv_path}:2", f"manifest names a file outside its folder (refused): {name!r}"),
        Article(id="a.txt", text=BODY, sha256=sha(BODY), path=str(folder / "a.txt")),
    ]


def test_manifest_absolute_path_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "Secret.\n")
    folder = tmp_path / "corpus"
    write(folder / "a.txt", BODY)
    csv_path = manifest(folder, f"{secret},Leak,,,,")
    results = run(folder)
    assert results[0] == Problem(
        f"{csv_path}:2", f"manifest names a file outside its folder (refused): {str(secret)!r}"
    )
    assert len(results) == 2


def test_manifest_without_file_column_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    csv_path = manifest(tmp_path, "a.txt,X", header="name,outlet")
    assert run(tmp_path) == [
        Problem(str(csv_path), "unusable manifest: no 'file' column"),
        Article(id="a.txt", text=BODY, sha256=sha(BODY), path=str(tmp_path / "a.txt")),
    ]


def test_manifest_duplicate_row_keeps_the_first(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    csv_path = manifest(tmp_path, "a.txt,First,,,,", "a.txt,Second,,,,")
    results = run(tmp_path)
    reason = "manifest names 'a.txt' twice (later row ignored)"
    assert results[0] == Problem(f"{csv_path}:3", reason)
    assert isinstance(results[1], Article)
    assert results[1].outlet == "First"


def test_same_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    csv_path = manifest(tmp_path, "gone.txt,X,,,,")
    results = run(path, tmp_path, path, tmp_path, tmp_path / "." / "a.txt")
    assert results == [
        Article(id="a.txt", text=BODY, sha256=sha(BODY), path=str(path)),
        Problem(f"{csv_path}:2", "manifest names a missing file: 'gone.txt'"),
    ]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert run(missing) == [Problem(str(missing), "no such file or folder")]


def test_file_of_another_kind_given_directly_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", BODY)
    assert run(path) == [
        Problem(str(path), "not an article file (expected one of .txt, .jsonl, .html, .htm)")
    ]


def test_a_single_string_is_refused_as_an_argument() -> None:
    with pytest.raises(ValueError, match="sequence of paths"):
        iter_articles("corpus")


def test_articles_are_streamed_one_file_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / name, BODY)
    read: list[str] = []
    real = ingest._read_bytes

    def counting(path: str) -> bytes:
        read.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(ingest, "_read_bytes", counting)
    stream = iter_articles([str(tmp_path)])
    first = next(stream)
    assert isinstance(first, Article)
    assert first.id == "a.txt"
    assert read == ["a.txt"]


# --- text decoding and text checks --------------------------------------------------------


def test_crlf_and_whitespace_are_kept_verbatim(tmp_path: Path) -> None:
    text = "  Headline line \r\n\r\nShe said: \u201cYes.\u201d\r\n\t\r\nEnd\rOld Mac line  "
    path = write(tmp_path / "a.txt", text)
    expected = Article(id="a.txt", text=text, sha256=sha(text), title="Headline line")
    assert run(path) == [replace(expected, path=str(path))]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + BODY.encode("utf-8"))
    assert run(path) == [Article(id="a.txt", text=BODY, sha256=sha(BODY), path=str(path))]


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY.encode("utf-16"))
    assert run(path) == [Article(id="a.txt", text=BODY, sha256=sha(BODY), path=str(path))]


def test_invalid_utf8_falls_back_to_cp1252(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Caf\xe9 owner said: \x93We stay open.\x94\n")
    text = "Café owner said: \u201cWe stay open.\u201d\n"
    assert run(path) == [Article(id="a.txt", text=text, sha256=sha(text), path=str(path))]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    assert decode_text(b"Fa\xe7ade \x81 caf\xe9") == "Façade \x81 café"


def test_valid_utf8_is_decoded_as_utf8() -> None:
    assert decode_text("Café “quoted” £5".encode()) == "Café “quoted” £5"


def test_stray_nul_bytes_become_spaces_at_the_same_offsets(tmp_path: Path) -> None:
    data = (BODY * 3).encode("utf-8")
    data = data[:10] + b"\x00" + data[11:]
    path = write(tmp_path / "a.txt", data)
    text = (BODY * 3)[:10] + " " + (BODY * 3)[11:]
    assert run(path) == [Article(id="a.txt", text=text, sha256=sha(text), path=str(path))]


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50,
        b"\x01\x02\x03\x04\x05\x06\x07\x08 text" * 40,
        b"\x00" * 100,
    ],
    ids=["all-bytes", "png-like", "control-characters", "only-nuls"],
)
def test_binary_file_is_a_problem(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "a.txt", data)
    assert run(path) == [Problem(str(path), "not valid text: binary file")]


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n   ", b"\xef\xbb\xbf\n"])
def test_empty_file_is_a_problem(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "a.txt", data)
    assert run(path) == [Problem(str(path), "empty file")]


def test_file_over_the_limit_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", b"word " * (6 * 1024 * 1024 // 5))
    assert ingest.MAX_BYTES == 5 * 1024 * 1024
    assert run(path) == [Problem(str(path), "too large (6.0 MB > 5 MB)")]


def test_unreadable_file_is_a_problem_with_the_os_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "locked.txt", BODY)
    write(tmp_path / "open.txt", BODY)

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "open", guarded_open, raising=False)
    results = run(tmp_path)
    assert results[0] == Problem(str(locked), f"cannot read: {os.strerror(errno.EACCES)}")
    assert [r.id for r in results[1:] if isinstance(r, Article)] == ["open.txt"]


def test_directory_named_like_a_file_given_directly_is_searched_as_a_folder(
    tmp_path: Path,
) -> None:
    write(tmp_path / "odd.txt" / "inside.txt", BODY)
    assert [r.id for r in run(tmp_path / "odd.txt") if isinstance(r, Article)] == ["inside.txt"]


# --- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_yields_one_article_a_line_and_a_problem_for_a_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x1", "text": "First text.", "outlet": "Daily Example", "tags": ["a"]}),
        json.dumps({"text": "Second text.\r\nLine two.", "date": "2024-02-03", "rank": 2}),
        '{"id": "x3", "text": "cut off',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "x6", "title": "No text"}),
        json.dumps({"id": 7, "text": "   "}),
        json.dumps({"id": 8, "text": "Eighth text.", "author": None}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    manifest(tmp_path, "batch.jsonl,Manifest Outlet,,,,Wire Staff")
    p = str(path)
    assert run(tmp_path) == [
        Article(
            id="x1",
            text="First text.",
            sha256=sha("First text."),
            outlet="Daily Example",
            author="Wire Staff",
            path=p,
            extra=(("tags", '["a"]'),),
        ),
        Article(
            id="batch.jsonl:2",
            text="Second text.\r\nLine two.",
            sha256=sha("Second text.\r\nLine two."),
            outlet="Manifest Outlet",
            date="2024-02-03",
            author="Wire Staff",
            path=p,
            extra=(("rank", "2"),),
        ),
        Problem(f"{p}:3", "broken JSON line: Unterminated string starting at (column 22)"),
        Problem(f"{p}:5", "broken JSON line: expected an object, found list"),
        Problem(f"{p}:6", "JSON line has no 'text' string"),
        Problem(f"{p}:7", "empty text"),
        Article(
            id="8",
            text="Eighth text.",
            sha256=sha("Eighth text."),
            outlet="Manifest Outlet",
            author="Wire Staff",
            path=p,
        ),
    ]


def test_jsonl_line_over_the_limit_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 200)
    lines = [
        json.dumps({"id": "big", "text": "x" * 1000}),
        json.dumps({"id": "ok", "text": "Fine."}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines))
    results = run(path)
    assert len(results) == 2
    assert isinstance(results[0], Problem)
    assert results[0].path == f"{path}:1"
    assert results[0].reason.startswith("too large (")
    assert results[1] == Article(id="ok", text="Fine.", sha256=sha("Fine."), path=str(path))


def test_jsonl_with_bom_and_cp1252_line(tmp_path: Path) -> None:
    first = b'\xef\xbb\xbf{"id": "a", "text": "Plain."}\n'
    second = b'{"id": "b", "text": "Caf\xe9."}\n'
    path = write(tmp_path / "batch.jsonl", first + second)
    assert [r.text for r in run(path) if isinstance(r, Article)] == ["Plain.", "Café."]


def test_jsonl_lone_surrogate_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.jsonl", '{"id": "a", "text": "bad \\ud800 text"}\n')
    assert run(path) == [Problem(f"{path}:1", "not valid text: unpaired surrogate character")]


# --- HTML --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<title>Council backs new bridge - Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta property="og:title" content="Council backs new bridge">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://gazette.example.com/news/bridge">
<script>var tracking = "SCRIPT-SECRET-ONE";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Council backs new bridge</h1>
<p>The council voted on Tuesday to build a new bridge across the river, ending years of debate
about the crossing.</p>
<script>document.write("SCRIPT-SECRET-TWO");</script>
<p>"This is a great day for the town," the council leader said after the vote was counted.</p>
<p>Opponents said the cost of the project had been badly underestimated by the planners.</p>
</article>
<footer>Copyright 2024 Example Gazette</footer>
</body></html>
"""


def test_html_gives_main_text_and_metadata_without_scripts(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    [article] = run(path)
    assert isinstance(article, Article)
    assert "SCRIPT-SECRET" not in article.text
    assert "var tracking" not in article.text
    assert '"This is a great day for the town," the council leader said' in article.text
    assert "Opponents said the cost" in article.text
    assert (article.id, article.outlet, article.title, article.author) == (
        "page.html",
        "Example Gazette",
        "Council backs new bridge",
        "Jane Doe",
    )
    assert (article.date, article.url) == ("2024-03-05", "https://gazette.example.com/news/bridge")
    assert article.sha256 == sha(article.text)


def test_manifest_metadata_wins_over_html_metadata(tmp_path: Path) -> None:
    write(tmp_path / "page.htm", PAGE)
    manifest(tmp_path, "page.htm,Manifest Outlet,2024-03-06,,,")
    [article] = run(tmp_path)
    assert isinstance(article, Article)
    assert (article.outlet, article.date, article.title) == (
        "Manifest Outlet",
        "2024-03-06",
        "Council backs new bridge",
    )


def test_html_without_text_is_a_problem(tmp_path: Path) -> None:
    page = "<html><head><script>x()</script></head><body></body></html>"
    path = write(tmp_path / "empty.html", page)
    assert run(path) == [Problem(str(path), "no article text found in the HTML")]


def test_html_without_trafilatura_is_a_one_line_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "trafilatura":
            raise ImportError("trafilatura is broken\nsecond line")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    path = write(tmp_path / "page.html", PAGE)
    reason = "cannot read HTML: trafilatura cannot be imported (trafilatura is broken second line)"
    assert run(path) == [Problem(str(path), reason)]


# --- ids, surrogates and links that leave the folder -----------------------------------------


def test_a_duplicate_article_id_is_a_problem_and_the_first_article_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", BODY)
    feed = write(
        folder / "feed.jsonl",
        '{"id": "a.txt", "text": "Another text."}\n'
        '{"id": "w1", "text": "First."}\n'
        '{"id": "w1", "text": "Second."}\n',
    )
    found = run(folder)
    assert [(a.id, a.text) for a in found if isinstance(a, Article)] == [
        ("a.txt", BODY),
        ("w1", "First."),
    ]
    assert [p for p in found if isinstance(p, Problem)] == [
        Problem(f"{feed}:1", f"duplicate article id 'a.txt' (first read from {folder / 'a.txt'})"),
        Problem(f"{feed}:3", f"duplicate article id 'w1' (first read from {feed}:2)"),
    ]


@pytest.mark.parametrize("field", ["id", "outlet", "title", "author", "section"])
def test_a_lone_surrogate_in_any_jsonl_field_is_a_problem(tmp_path: Path, field: str) -> None:
    line = {"id": "x", "text": "Fine text.", field: "bad \\ud800 value"}
    path = write(
        tmp_path / "feed.jsonl",
        "{" + ", ".join(f'"{k}": "{v}"' for k, v in line.items()) + "}\n"
        '{"id": "ok", "text": "Kept."}\n',
    )
    found = run(path)
    assert found[0] == Problem(
        f"{path}:1", f"not valid text: unpaired surrogate character in the {field}"
    )
    assert isinstance(found[1], Article) and found[1].id == "ok"


def test_a_file_name_that_is_not_utf8_is_a_printable_problem(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(BODY)
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(BODY.encode())
    found = run(folder)
    assert found[0] == Problem(
        f"{folder}/caf\\udce9.txt", "not valid text: unpaired surrogate character in the id"
    )
    found[0].path.encode("utf-8")
    assert isinstance(found[1], Article) and found[1].id == "ok.txt"


def test_links_leaving_the_folder_are_refused_and_links_inside_it_followed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    write(folder / "real.txt", BODY)
    secret = write(tmp_path / "secret.txt", "Nobody may read this.\n")
    write(tmp_path / "outside" / "manifest.csv", "file,outlet\nreal.txt,Evil\n")
    (folder / "inside.txt").symlink_to(folder / "real.txt")
    (folder / "escape.txt").symlink_to(secret)
    (folder / "host.txt").symlink_to("/etc/hostname")
    (folder / "up.txt").symlink_to("../secret.txt")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "manifest.csv").symlink_to(tmp_path / "outside" / "manifest.csv")
    write(sub / "real.txt", BODY)
    found = run(folder)
    refused = "symbolic link to a file outside the folder (refused)"
    assert sorted(p.path for p in found if isinstance(p, Problem)) == sorted(
        str(folder / n) for n in ("escape.txt", "host.txt", "up.txt", "sub/manifest.csv")
    )
    assert all(p.reason == refused for p in found if isinstance(p, Problem))
    articles = [a for a in found if isinstance(a, Article)]
    assert [(a.id, a.text, a.outlet) for a in articles] == [  # real.txt is read once
        ("inside.txt", BODY, None),
        ("sub/real.txt", BODY, None),
    ]


def test_a_folder_tree_deeper_than_the_recursion_limit_is_read(tmp_path: Path) -> None:
    folder = deepest = str(tmp_path / "in")
    os.mkdir(folder)
    for _ in range(1200):
        deepest = os.path.join(deepest, "d")
        os.mkdir(deepest)
    write(Path(deepest) / "x.txt", BODY)
    try:
        (found,) = run(folder)
        assert isinstance(found, Article) and found.id == "d/" * 1200 + "x.txt"
    finally:  # shutil.rmtree (and so pytest's clean-up) recurses and cannot remove this tree
        os.remove(os.path.join(deepest, "x.txt"))
        while deepest != folder:
            os.rmdir(deepest)
            deepest = os.path.dirname(deepest)


def test_a_json_line_nested_too_deeply_is_a_problem(tmp_path: Path) -> None:
    deep = '{"id": "x", "text": "a", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    path = write(tmp_path / "feed.jsonl", deep + '{"id": "ok", "text": "Kept."}\n')
    found = run(path)
    assert found[0] == Problem(f"{path}:1", "broken JSON line: nested too deeply")
    assert isinstance(found[1], Article) and found[1].id == "ok"


# --- titles from a headline line, and one outlet for a whole build ------------------------------


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Portwell council approves new lido", "Portwell council approves new lido"),
        ("Will the lido open in June?", "Will the lido open in June?"),
        ("“We will open in June”, says council", "“We will open in June”, says council"),
        ("Jane Roe said the plan would work.", None),
        ("Critics of the plan:", None),
        ("By Jane Roe", None),
        ("lido", None),
        ("the lido reopens after ten years", None),
        (" ".join(["word"] * 21), None),
    ],
)
def test_a_text_without_a_title_takes_a_headline_first_line(
    tmp_path: Path, first_line: str, title: str | None
) -> None:
    (article,) = run(write(tmp_path / "a.txt", first_line + "\n" + BODY))
    assert isinstance(article, Article)
    assert article.title == title


def test_a_lone_line_is_no_headline_and_a_manifest_title_wins(tmp_path: Path) -> None:
    write(tmp_path / "lone.txt", "Portwell council approves new lido\n")
    write(tmp_path / "named.txt", "Portwell council approves new lido\n" + BODY)
    manifest(tmp_path, "named.txt,,,The lido story,,")
    titles = {a.id: a.title for a in run(tmp_path) if isinstance(a, Article)}
    assert titles == {"lone.txt": None, "named.txt": "The lido story"}


def test_an_outlet_for_the_build_fills_only_articles_that_name_none(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", BODY + "More.\n")
    manifest(tmp_path, "b.txt,The Courier,,,,")
    feed = tmp_path / "feed.jsonl"
    write(feed, json.dumps({"id": "c", "text": BODY, "outlet": "Daily Ledger"}) + "\n")
    found = iter_articles([str(tmp_path)], outlet="Portwell Gazette")
    outlets = {a.id: a.outlet for a in found if isinstance(a, Article)}
    assert outlets == {"a.txt": "Portwell Gazette", "b.txt": "The Courier", "c": "Daily Ledger"}


def test_a_blank_outlet_for_the_build_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outlet"):
        iter_articles([str(tmp_path)], outlet="  ")


def test_folder_links_are_followed_inside_the_folder_and_refused_outside_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    write(folder / "real" / "a.txt", BODY)
    write(tmp_path / "elsewhere" / "secret.txt", "Nobody may read this.\n")
    (folder / "alias").symlink_to(folder / "real")
    (folder / "loop").symlink_to(folder)
    (folder / "out").symlink_to(tmp_path / "elsewhere")
    found = run(folder)
    assert found == [
        Article("alias/a.txt", BODY, sha(BODY), path=str(folder / "alias" / "a.txt")),
        Problem(str(folder / "out"), "symbolic link to a folder outside the folder (refused)"),
    ]
