"""Properties of the quote finder and of attribution over generated text (hypothesis).

Whatever the text, and above all text thick with quotation marks of every kind, the finder and
the attribution rules raise nothing, every span lies inside the text (and inside one body
paragraph), and the text stored for a quote is exactly the slice its offsets name.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotes import pipeline
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
        if quote.speaker_start is not None:
            assert quote.speaker_end is not None
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text), quote
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text, quote
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
