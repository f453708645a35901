"""Properties over generated inputs (hypothesis).

Whatever the text, and above all text thick with quotation marks of every kind, the finder and
the attribution rules raise nothing, every span lies inside the text (and inside one body
paragraph), and the text stored for a quote is exactly the slice its offsets name. And after
any sequence of edits to a folder of articles, its manifest and speakers.yml, a database
rebuilt after each edit holds exactly what a fresh build of the final inputs holds.
"""

from __future__ import annotations

import json
import shutil
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import database_contents
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotes import nlp, pipeline, speakers, store
from quotes.furniture import paragraphs
from quotes.models import Article, QuoteSpan
from quotes.quotemarks import ALL_MARKS, find_quotes

MARKS = "\"“”„‟«»'‘’‚‹›"
assert set(MARKS) == set(ALL_MARKS)
LETTERS = "abcdeSTUVW"
HEAVY = st.text(alphabet=LETTERS + " \n" + MARKS, max_size=300)
"""Quote-mark-heavy text: a few letters, spaces, line breaks and every quotation mark."""
PUNCTUATED = st.text(alphabet=LETTERS + " \n\r\t.,;:!?-—–…()" + MARKS, max_size=300)
ANY_TEXT = st.text(max_size=300)
"""Any Unicode text (control characters, other scripts, combining marks...)."""

WORDS = ("we will rebuild", "the bridge", "by spring", "not", "a promise", "never", "it")
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(tuple(MARKS)),
    st.sampled_from((" ", "\n", "\r\n", ". ", ", ", ": ", "! ", "? ", " — ", "\n\n")),
    st.text(alphabet=LETTERS + MARKS, max_size=4),
)
SOURCES = st.sampled_from(
    ("Jane Porter", "Mr Hardy", "She", "he", "The minister", "A council spokesman", "Tom Hardy")
)
CUES = st.sampled_from(("said", "told reporters", "added", "warned", "insisted"))
MARK = st.sampled_from(tuple(MARKS))
QUOTED = st.tuples(
    MARK,
    st.lists(st.one_of(st.sampled_from(WORDS), MARK), min_size=1, max_size=8).map(" ".join),
    st.sampled_from(("", ".", ",", "!", "?")),
    MARK,
).map("".join)
"""Words between two quotation marks of any kind, matched or not."""
CLAUSES = st.one_of(
    st.tuples(SOURCES, CUES, QUOTED).map(lambda c: f"{c[0]} {c[1]}: {c[2]}"),
    st.tuples(QUOTED, CUES, SOURCES).map(lambda c: f"{c[0]} {c[1]} {c[2]}."),
    st.tuples(SOURCES, CUES, QUOTED).map(lambda c: f"{c[0]} {c[1]} {c[2]}"),
    QUOTED,
    PIECES,
)
SENTENCES = st.lists(
    st.tuples(CLAUSES, st.sampled_from((" ", " ", "\n", "\r\n", "\n\n", ""))).map("".join),
    max_size=12,
).map("".join)
"""Articles of said-clauses around quotes, with stray marks and pieces between, so that quotes
are found and attributed (and mis-nested) rather than only skipped."""

TRICKY = (
    "",
    '"' * 200,
    "“" * 50 + "”" * 50,
    "'\n'\n'\n\"",
    '“He said," she said, "it works.',
    "«»‹›„‟‚",
    '""\n""\n" "\n',
    "\r\n“a\r\n”b\r\n",
    '‘’‘’ " ‘x’ " ‚y‘ „z“',
)


def check_spans(text: str, spans: list[QuoteSpan]) -> None:
    paras = paragraphs(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text), span
        assert 0 <= span.paragraph < len(paras), span
        para = paras[span.paragraph]
        assert not para.is_furniture, span
        assert para.start <= span.start and span.end <= para.end, (span, para)
        quoted = text[span.start : span.end]
        assert quoted == quoted.strip(), span
        assert quoted.strip(ALL_MARKS + " "), span
        assert span.kind in ("direct", "partial")
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    for before, after in pairwise(spans):
        assert before.end <= after.start, (before, after)


@settings(max_examples=150, deadline=None)
@given(st.one_of(HEAVY, PUNCTUATED, ANY_TEXT, SENTENCES))
def test_finder_spans_lie_in_the_text_and_in_one_body_paragraph(text: str) -> None:
    for example_text in (text, *TRICKY):
        check_spans(example_text, find_quotes(example_text, paragraphs(example_text)))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(tuple(MARKS)), st.integers(min_value=1, max_value=3000))
def test_long_runs_of_one_mark_are_harmless(mark: str, count: int) -> None:
    for text in (mark * count, f"He said {mark * count} yes", "x" + (mark + " ") * count):
        check_spans(text, find_quotes(text, paragraphs(text)))


def extract(model: Any, text: str) -> None:
    article = Article(id="p.txt", text=text, sha256="x")
    result = pipeline.extract(article, model)
    assert result.problem is None
    for quote in result.quotes:
        assert 0 <= quote.start < quote.end <= len(text), quote
        assert text[quote.start : quote.end] == quote.text, quote
        assert quote.kind in ("direct", "partial")
        assert quote.speaker_text is None or quote.speaker_text in text, quote
    starts = [q.start for q in result.quotes]
    assert starts == sorted(starts)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.one_of(SENTENCES, SENTENCES, HEAVY, PUNCTUATED))
@example('Jane Porter said: "We will rebuild the bridge." "By spring," she added.\n"Not')
@example("“" * 400 + "\n" + "”" * 400)
@example('He said "x\n"\n"\n"y" she said')
def test_attribution_keeps_every_quote_inside_the_text(model: Any, text: str) -> None:
    extract(model, text)


# --- a rebuild equals a fresh build --------------------------------------------------------------

STORIES = (
    'Council leader Jane Roe said: "We will rebuild the bridge by spring."\n'
    '"It is a promise to every family," she added.\n',
    'Roe said: "We will rebuild the bridge by spring."\n',
    'Tom Hardy said: "We will rebuild the bridge by spring."\n',
    'The minister, Tom Hardy, told reporters the plan was "unworkable and costly".\n'
    '"We need a better answer," Mr Hardy said.\n',
    'Jane Porter said: "It is a promise to every family."\n',
    'A council spokesman said: "The road stays shut until the bridge is safe."\n',
)
"""Invented articles sharing statements, speakers and surnames, so that a change to one
moves statements, conflicts, speaker merges and graph edges of the others."""
FILES = ("a.txt", "b.txt", "c.txt", "sub/d.txt")
OUTLETS = ("", "Valley Times", "Portwell Post")
TITLES = ("", "Bridge to reopen", "Roe said")
SPEAKER_FILES = (
    None,
    "- name: Jane Roe\n  aliases: [Roe]\n",
    "- name: Jane Roe\n  aliases: [Jane Porter]\n",
    "- name: Thomas Hardy\n  aliases: [Tom Hardy, Hardy]\n",
)
BINARY = "\x00\x01\x02" * 40
"""A file that is no text: a problem row, never an article."""
FEED_IDS = ("a.txt", "w1", "w2", "")
"""Ids of JSON lines: one a text file's name, two that may repeat, one missing."""
EDITS = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(FILES), st.integers(-1, len(STORIES) - 1)),
    st.tuples(
        st.just("feed"),
        st.lists(
            st.tuples(st.sampled_from(FEED_IDS), st.integers(0, len(STORIES) - 1)), max_size=3
        ),
    ),
    st.tuples(st.just("delete"), st.sampled_from(FILES)),
    st.tuples(st.just("rename"), st.sampled_from(FILES), st.sampled_from(FILES)),
    st.tuples(
        st.just("manifest"),
        st.sampled_from(FILES),
        st.integers(0, len(OUTLETS) - 1),
        st.sampled_from(("", "2024-03-01", "2024-04-02")),
        st.integers(0, len(TITLES) - 1),
    ),
    st.tuples(st.just("speakers"), st.integers(0, len(SPEAKER_FILES) - 1)),
)


class Inputs:
    """A folder of articles with a manifest, and a speakers.yml, edited step by step."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "in"
        self.speakers = root / "speakers.yml"
        self.texts: dict[str, str] = {"a.txt": STORIES[0], "b.txt": STORIES[2]}
        self.metadata: dict[str, tuple[str, str, str]] = {"a.txt": ("Valley Times", "", "")}
        self.speakers_text: str | None = None
        self.feed: list[tuple[str, int]] = []

    def apply(self, edit: tuple[Any, ...]) -> None:
        kind, name, *rest = edit
        if kind == "write":
            self.texts[name] = STORIES[rest[0]] if rest[0] >= 0 else BINARY
        elif kind == "feed":
            self.feed = name
        elif kind == "delete":
            self.texts.pop(name, None)
            self.metadata.pop(name, None)
        elif kind == "rename" and name in self.texts and name != rest[0]:
            self.texts[rest[0]] = self.texts.pop(name)
            self.metadata.pop(rest[0], None)
            if name in self.metadata:
                self.metadata[rest[0]] = self.metadata.pop(name)
        elif kind == "manifest" and name in self.texts:
            self.metadata[name] = (OUTLETS[rest[0]], rest[1], TITLES[rest[2]])
        elif kind == "speakers":
            self.speakers_text = SPEAKER_FILES[name]

    def write(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        for name, text in self.texts.items():
            (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
            (self.folder / name).write_text(text, encoding="utf-8")
        lines = ({"id": i, "text": STORIES[n], "outlet": "Wire"} for i, n in self.feed)
        (self.folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
        rows = [f"{name},{','.join(values)}" for name, values in sorted(self.metadata.items())]
        (self.folder / "manifest.csv").write_text(
            "\n".join(["file,outlet,date,title", *rows]) + "\n", encoding="utf-8"
        )
        if self.speakers_text is None:
            self.speakers.unlink(missing_ok=True)
        else:
            self.speakers.write_text(self.speakers_text, encoding="utf-8")

    def build(self, db: Path) -> None:
        overrides = speakers.load_overrides(str(self.speakers)) if self.speakers.exists() else ()
        pipeline.build(str(db), [str(self.folder)], overrides=overrides)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(EDITS, min_size=1, max_size=4))
@example([("manifest", "a.txt", 2, "2024-03-01", 0), ("write", "a.txt", 1), ("delete", "a.txt")])
@example([("speakers", 1), ("rename", "b.txt", "c.txt"), ("speakers", 0)])
@example(
    [("feed", [("a.txt", 3), ("w1", 4), ("w1", 5)]), ("delete", "a.txt"), ("write", "b.txt", -1)]
)
def test_a_rebuild_after_any_edits_equals_a_fresh_build(
    model: Any, tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[Any, ...]]
) -> None:
    root = tmp_path_factory.mktemp("rebuild")
    inputs = Inputs(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nlp, "load", lambda name=None: model)
        inputs.write()
        inputs.build(root / "kept.db")
        for edit in edits:
            inputs.apply(edit)
            inputs.write()
            inputs.build(root / "kept.db")
        inputs.build(root / "fresh.db")
    assert database_contents(root / "kept.db") == database_contents(root / "fresh.db")
    kept, fresh = (store.open_readonly(str(root / n)) for n in ("kept.db", "fresh.db"))
    assert list(store.export_rows(kept)) == list(store.export_rows(fresh))
    kept.close()
    fresh.close()
