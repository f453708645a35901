"""Tests of quotes.quotemarks: the quotation-mark scanner, on sentences written for the tests."""

from __future__ import annotations

import pytest

from quotes.furniture import paragraphs
from quotes.models import QuoteSpan
from quotes.quotemarks import classify, find_quotes


def quotes_in(text: str) -> list[QuoteSpan]:
    return find_quotes(text, paragraphs(text))


def words(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quotes_in(text)]


def span(text: str, quoted: str, kind: str, paragraph: int = 0, **flags: bool) -> QuoteSpan:
    """The QuoteSpan expected for the first occurrence of ``quoted`` in ``text``."""
    start = text.index(quoted)
    return QuoteSpan(start, start + len(quoted), kind, paragraph, **flags)  # type: ignore[arg-type]


# --- the kinds of marks -----------------------------------------------------------------------


def test_curly_quote_before_said_clause() -> None:
    text = "“We will reopen the lido in June,” said Ana Corvell."
    assert quotes_in(text) == [span(text, "We will reopen the lido in June,", "direct")]


def test_straight_quote_after_said() -> None:
    text = 'Tobias Wren said "The bridge over the Lume is safe."'
    assert quotes_in(text) == [span(text, "The bridge over the Lume is safe.", "direct")]


def test_mixed_marks_open_curly_close_straight() -> None:
    text = 'She said: “Mixed marks are common in pasted copy." Then she left.'
    assert quotes_in(text) == [span(text, "Mixed marks are common in pasted copy.", "direct")]


def test_mixed_marks_open_single_close_double() -> None:
    text = "The guild is wary. 'Kilns burn clean. We want fair rules,\" it said. Then it left."
    assert quotes_in(text) == [span(text, "Kilns burn clean. We want fair rules,", "direct")]


def test_single_mark_inside_a_sentence_is_not_closed_by_a_double_mark() -> None:
    text = 'He said the \'old mill" was empty, "and quiet," he added.'
    assert words(text) == ["and quiet,"]


def test_unclosed_apostrophe_does_not_swallow_the_quotes_after_it() -> None:
    text = 'Fans of rock \'n roll came. "It was loud," said Ida Brell. "We loved it," said Ola.'
    assert words(text) == ["It was loud,", "We loved it,"]


def test_nested_single_quote_stays_inside_double() -> None:
    text = "He said: \"My grandmother told me 'never sell the orchard' when I was ten.\""
    assert quotes_in(text) == [
        span(text, "My grandmother told me 'never sell the orchard' when I was ten.", "direct")
    ]


def test_nested_curly_single_quote_at_the_end() -> None:
    text = "The trust said: “We are ‘deeply concerned’.”"
    assert words(text) == ["We are ‘deeply concerned’."]


def test_straight_word_inside_straight_sentence() -> None:
    text = '"The soup is "fine" with me, honestly," said the chef.'
    assert quotes_in(text) == [span(text, 'The soup is "fine" with me, honestly,', "direct")]


def test_apostrophes_are_not_quote_marks() -> None:
    inner = (
        "I don’t think it's over: in 12 months’ time the Greens' plan will look "
        "as dated as the ’90s."
    )
    text = f"Lena Ostrova said: “{inner}”"
    assert quotes_in(text) == [span(text, inner, "direct")]


def test_apostrophes_outside_any_quote_make_no_quote() -> None:
    assert quotes_in("The Greens' plan won’t survive 12 months’ time, as in the ’90s.") == []


@pytest.mark.parametrize(
    ("text", "index", "role"),
    [
        ("a “b", 2, "open"),
        ("b” a", 1, "close"),
        ('a "b', 2, "open"),
        ('b" a', 1, "close"),
        ('a"b', 1, "either"),
        ("don’t", 3, "none"),
        ("it's", 2, "none"),
        ("the ’90s", 4, "none"),
        ("x ‘y", 2, "open"),
        ("y’ x", 1, "close"),
        ("a 'b", 2, "open"),
        ("«b", 0, "open"),
        ("b»", 1, "close"),
        ('a="b', 2, "none"),
        ('b.">c', 2, "none"),
    ],
)
def test_classify(text: str, index: int, role: str) -> None:
    assert classify(text, index) == role


def test_markup_attribute_values_are_not_quotes() -> None:
    text = '<card card-title="the pier is safe, she said">Dana Quinn said it was “unsafe”.'
    assert words(text) == ["unsafe"]


# --- quotes across paragraphs -----------------------------------------------------------------


def test_british_multi_paragraph_quote() -> None:
    text = "“The harbour will reopen next spring.\n“We have the money in place,” said Ms Orwin."
    assert quotes_in(text) == [
        span(text, "The harbour will reopen next spring.", "direct", 0, closed=False),
        span(text, "We have the money in place,", "direct", 1, continues_previous=True),
    ]


def test_three_paragraph_quote_after_said_clause() -> None:
    text = (
        "“The harbour will reopen,” said Ms Orwin. “We have the money.\n"
        "“We have the staff.\n"
        "“And we have the boats.”"
    )
    assert quotes_in(text) == [
        span(text, "The harbour will reopen,", "direct"),
        span(text, "We have the money.", "direct", 0, closed=False),
        span(text, "We have the staff.", "direct", 1, continues_previous=True, closed=False),
        span(text, "And we have the boats.", "direct", 2, continues_previous=True),
    ]


def test_open_quote_followed_by_reporter_paragraph_is_not_continued() -> None:
    text = "“The harbour will reopen next spring.\nThe council declined to comment."
    assert quotes_in(text) == [
        span(text, "The harbour will reopen next spring.", "direct", 0, closed=False)
    ]


def test_lost_paragraph_break_starts_a_continuing_segment() -> None:
    text = "“The harbour will reopen next spring. “We have the money in place,” said Ms Orwin."
    assert quotes_in(text) == [
        span(text, "The harbour will reopen next spring.", "direct", 0, closed=False),
        span(text, "We have the money in place,", "direct", 0, continues_previous=True),
    ]


def test_quote_continues_across_a_furniture_line() -> None:
    text = "“The harbour will reopen next spring.\nREAD MORE SPORT\n“We have the money in place.”"
    assert paragraphs(text)[1].is_furniture
    assert quotes_in(text) == [
        span(text, "The harbour will reopen next spring.", "direct", 0, closed=False),
        span(text, "We have the money in place.", "direct", 2, continues_previous=True),
    ]


def test_quotes_in_furniture_lines_are_ignored() -> None:
    text = "Read more: “Pier unsafe” say divers\nThe pier closed on Monday."
    assert quotes_in(text) == []


# --- direct and partial quotes ----------------------------------------------------------------


def test_partial_quote_inside_reporters_sentence() -> None:
    text = "The mayor called the bypass “a shambles from start to finish” on Monday."
    assert quotes_in(text) == [span(text, "a shambles from start to finish", "partial")]


def test_two_partial_quotes_in_one_sentence() -> None:
    text = 'Pell said the plan was "unworkable" and "dead in the water".'
    assert quotes_in(text) == [
        span(text, "unworkable", "partial"),
        span(text, "dead in the water", "partial"),
    ]


def test_partial_quote_ending_the_sentence() -> None:
    text = "Critics said the levy was “a tax on the poor”."
    assert quotes_in(text) == [span(text, "a tax on the poor", "partial")]


def test_colon_introduced_quote_is_direct() -> None:
    text = "Ms Orwin said: “It is done.”"
    assert quotes_in(text) == [span(text, "It is done.", "direct")]


def test_quote_before_said_clause_is_direct() -> None:
    text = "“It is done,” she said."
    assert quotes_in(text) == [span(text, "It is done,", "direct")]


def test_quote_resumed_after_said_clause_is_direct() -> None:
    text = "“Well,” she said, “that is the end of the matter.”"
    assert quotes_in(text) == [
        span(text, "Well,", "direct"),
        span(text, "that is the end of the matter.", "direct"),
    ]


def test_sentence_quote_with_comma_outside_the_marks_is_direct() -> None:
    text = "‘We will win this seat’, said Ana Corvell."
    assert quotes_in(text) == [span(text, "We will win this seat", "direct")]


def test_short_capitalised_name_before_comma_stays_partial() -> None:
    text = "“Project Lark”, the council’s scheme, was dropped."
    assert quotes_in(text) == [span(text, "Project Lark", "partial")]


def test_doubled_apostrophe_marks_keep_a_partial_quote_partial() -> None:
    text = "The council shelved its ''green corridor'' scheme, Mr. Tamsin said."
    assert quotes_in(text) == [span(text, "green corridor", "partial")]


def test_doubled_apostrophe_marks_around_a_sentence_stay_direct() -> None:
    text = "''We will reopen the lido,'' Ms. Corvell said."
    assert quotes_in(text) == [span(text, "We will reopen the lido,", "direct")]


# --- unbalanced marks -------------------------------------------------------------------------


def test_lone_opening_mark_runs_to_paragraph_end() -> None:
    text = "He began: “ we will never"
    assert quotes_in(text) == [span(text, "we will never", "direct", closed=False)]


def test_lone_closing_mark_makes_no_quote() -> None:
    assert quotes_in("The vote was lost” and nobody spoke.") == []


def test_empty_quotes_make_no_quote() -> None:
    assert quotes_in('He wrote "" and then “ ” on the board.') == []


@pytest.mark.parametrize("mark", ["“", "”", '"', "'", "‘", "’", "«", "»"])
def test_a_thousand_marks_in_a_row(mark: str) -> None:
    text = "Start " + mark * 1000 + " end.\n" + (mark + "x ") * 500
    for found in quotes_in(text):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end].strip()


def test_stray_marks_keep_spans_inside_the_text() -> None:
    text = 'a “b” c ” d “ e\n" f " g "\n’ h ‘'
    found = quotes_in(text)
    assert found == [
        span(text, "b", "partial"),
        span(text, "e", "direct", closed=False),
        span(text, "f", "direct", 1, continues_previous=True),
    ]


def test_said_clause_after_a_long_run_of_spaces_still_resumes_a_direct_quote() -> None:
    gap = " " * 90
    text = f"Portwell is quiet. “Well,”{gap}Jane Roe said, “we shall see what happens here.”"
    assert quotes_in(text)[-1] == span(text, "we shall see what happens here.", "direct")
