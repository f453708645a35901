"""The quotation-mark scanner: pure string work, no spaCy.

Marks are classified by what stands either side of them (an opening mark follows a space
and precedes a word; a closing mark does the reverse), then matched with a stack so that
nested quotes stay inside the quote that holds them. Every quote lies within one paragraph;
a quote left open at the end of a paragraph is continued by the next paragraph's opening
mark (the British multi-paragraph style), and an opening mark that follows a finished
sentence inside an open quote starts a new segment (a paragraph break lost in export).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from quotes.models import Paragraph, QuoteKind, QuoteSpan

Role = Literal["open", "close", "either", "none"]
Family = Literal["double", "single"]

MARKS = re.compile(r"[\"“”„‟«»'‘’‚‹›]")
DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = "\"“”„‟«»'‘’‚‹›"
BEFORE_OPENING = "([{—–-/" + DOUBLE_OPEN + SINGLE_OPEN + "\"'"
AFTER_CLOSING = ".,;:!?)]}—–-…" + DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
SENTENCE_END = ".?!…"
CLAUSE_END = SENTENCE_END + ",;:—–-"
RESUMED = re.compile(r"[,!?…—–-][\"”’']\s+[^\"“”„«»]{1,60},$")
"""A quote interrupted by its said-clause before this one resumes: “Well,” she said, “..."""


@dataclass
class _Open:
    family: Family
    start: int


def family_of(mark: str) -> Family:
    """Whether a quotation mark is a double or a single one."""
    return "double" if mark in '"“”„‟«»' else "single"


def classify(text: str, i: int) -> Role:
    """The role the mark at ``text[i]`` can play, judged by its neighbours."""
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before == "=" or after in "<>" or before in "<>":
        return "none"  # markup: an attribute's value (card-title="…") or a tag's edge
    spaced_before = before.isspace() or before in BEFORE_OPENING
    spaced_after = after.isspace() or after in AFTER_CLOSING
    if mark in DOUBLE_OPEN:
        return "open"
    if mark in DOUBLE_CLOSE:
        return "close"
    if mark == '"':
        return _straight_role(spaced_before, spaced_after)
    if before.isalnum() and after.isalnum():
        return "none"
    if mark in SINGLE_OPEN or mark == "'":
        if after.isdigit():
            return "none"
        if mark in SINGLE_OPEN or (spaced_before and after.isalpha()):
            return "open"
    if not spaced_before and spaced_after:
        return "close"
    return "none"


def _straight_role(spaced_before: bool, spaced_after: bool) -> Role:
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        return "close"
    return "either"


def find_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Every quotation in the non-furniture paragraphs of ``text``, in order."""
    spans: list[QuoteSpan] = []
    left_open = False
    for index, para in enumerate(paragraphs):
        if para.is_furniture:
            continue
        found = list(_scan_paragraph(text, para, index, left_open))
        spans.extend(found)
        left_open = bool(found) and not found[-1].closed and found[-1].end <= para.end
    return spans


def _scan_paragraph(text: str, para: Paragraph, index: int, left_open: bool) -> Iterator[QuoteSpan]:
    stack: list[_Open] = []
    continues = left_open
    for match in MARKS.finditer(text, para.start, para.end):
        i = match.start()
        role = classify(text, i)
        if role == "none":
            continue
        family = family_of(text[i])
        opened = _innermost(stack, family)
        if opened is None:
            if role != "close" and (family == "double" or not stack or role == "open"):
                if not stack:
                    continues = continues and _at_paragraph_start(text, para, i)
                stack.append(_Open(family, i + 1))
            continue
        lost_break = role == "open" and family == "double" and len(stack) == 1
        if lost_break and _after_sentence_end(text, para.start, i):
            yield from _emit(text, para, index, stack[0].start, i, continues, closed=False)
            stack[0] = _Open(family, i + 1)
            continues = True
            continue
        if role == "open":
            stack.append(_Open(family, i + 1))
            continue
        depth = stack.index(opened)
        del stack[depth:]
        if depth == 0:
            yield from _emit(text, para, index, opened.start, i, continues, closed=True)
            continues = False
    if stack and stack[0].family == "double":
        yield from _emit(text, para, index, stack[0].start, para.end, continues, closed=False)


def _innermost(stack: list[_Open], family: Family) -> _Open | None:
    for opened in reversed(stack):
        if opened.family == family:
            return opened
    return None


def _at_paragraph_start(text: str, para: Paragraph, i: int) -> bool:
    return not text[para.start : i].strip()


def _after_sentence_end(text: str, floor: int, i: int) -> bool:
    before = text[floor:i].rstrip()
    return before != text[floor:i] and before[-1:] in SENTENCE_END and len(before) > 0


def _emit(
    text: str, para: Paragraph, index: int, start: int, end: int, continues: bool, closed: bool
) -> Iterator[QuoteSpan]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[start:end].strip(ALL_MARKS + " "):
        kind = quote_kind(text, para, start, end)
        yield QuoteSpan(start, end, kind, index, continues, closed)


def quote_kind(text: str, para: Paragraph, start: int, end: int) -> QuoteKind:
    """``direct`` for a whole sentence or more, ``partial`` for words inside the reporter's."""
    before = text[para.start : before_marks(text, start, para.start)].rstrip()
    sentence_start = not before or before[-1] in SENTENCE_END + ":" + ALL_MARKS
    ends_clause = text[start:end].rstrip(ALL_MARKS)[-1:] in CLAUSE_END
    after = text[after_marks(text, end, para.end) : para.end].lstrip()
    followed_by_end = not after or after[0] in SENTENCE_END + ALL_MARKS
    comma_outside = after[:1] == "," and text[start].isupper() and text[start:end].count(" ") >= 2
    if sentence_start and (ends_clause or followed_by_end or comma_outside):
        return "direct"
    if RESUMED.search(before):
        return "direct"
    if ends_clause and text[start].isupper() and text[start:end].count(" ") >= 3:
        return "direct"
    return "partial"


def before_marks(text: str, start: int, floor: int) -> int:
    """Where the run of quotation marks just before ``start`` begins ('' counts as one mark)."""
    while start > floor and text[start - 1] in ALL_MARKS:
        start -= 1
    return start


def after_marks(text: str, end: int, ceiling: int) -> int:
    """Where the run of quotation marks that starts at ``end`` stops."""
    while end < ceiling and text[end] in ALL_MARKS:
        end += 1
    return end
