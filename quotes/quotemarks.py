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


RESUMED_REACH = 62
"""Characters of a said-clause and its comma that ``RESUMED`` can match, plus one space."""


RESCANS = 8
"""Times a paragraph is read again after a single mark that opened and never closed: enough
for real apostrophes, and a paragraph of stray marks is still read in linear time."""


@dataclass
class _Open:
    family: Family
    start: int


class _Stack:
    """The quotes open at a mark, innermost last, with each family's places in the stack so
    that finding the innermost of a family never scans the stack."""

    def __init__(self) -> None:
        self.items: list[_Open] = []
        self.places: dict[Family, list[int]] = {"double": [], "single": []}

    def push(self, opened: _Open) -> None:
        self.places[opened.family].append(len(self.items))
        self.items.append(opened)

    def innermost(self, family: Family) -> int | None:
        """The place of the innermost open quote of ``family``, if any."""
        places = self.places[family]
        return places[-1] if places else None

    def cut(self, depth: int) -> None:
        """Close the quote at ``depth`` and every quote inside it."""
        del self.items[depth:]
        for places in self.places.values():
            while places and places[-1] >= depth:
                places.pop()


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


def _scan_paragraph(
    text: str,
    para: Paragraph,
    index: int,
    left_open: bool,
    begin: int | None = None,
    rescans: int = 0,
) -> Iterator[QuoteSpan]:
    """The quotes of a paragraph from ``begin`` (its start by default). A single mark that
    opens and is never closed is an apostrophe ("rock 'n roll"): the paragraph is read again
    from just after it (up to ``RESCANS`` times), so the quotes it would hold are not lost."""
    stack = _Stack()
    opens = stack.items
    continues = left_open
    for match in MARKS.finditer(text, para.start if begin is None else begin, para.end):
        i = match.start()
        role = classify(text, i)
        if role == "none":
            continue
        family = family_of(text[i])
        depth = stack.innermost(family)
        if depth is None and _closes_mismatched(text, para, opens, role, family, i):
            yield from _emit(text, para, index, opens[0].start, i, continues, closed=True)
            stack.cut(0)
            continues = False
            continue
        if depth is None:
            if role != "close" and (family == "double" or not opens or role == "open"):
                if not opens:
                    continues = continues and _at_paragraph_start(text, para, i)
                stack.push(_Open(family, i + 1))
            continue
        lost_break = role == "open" and family == "double" and len(opens) == 1
        if lost_break and _after_sentence_end(text, para.start, i):
            yield from _emit(text, para, index, opens[0].start, i, continues, closed=False)
            opens[0] = _Open(family, i + 1)
            continues = True
            continue
        if role == "open":
            stack.push(_Open(family, i + 1))
            continue
        start = opens[depth].start
        stack.cut(depth)
        if depth == 0:
            yield from _emit(text, para, index, start, i, continues, closed=True)
            continues = False
    if opens and opens[0].family == "double":
        yield from _emit(text, para, index, opens[0].start, para.end, continues, closed=False)
    elif opens and rescans < RESCANS:
        yield from _scan_paragraph(text, para, index, False, opens[0].start, rescans + 1)


def _closes_mismatched(
    text: str, para: Paragraph, opens: list[_Open], role: Role, family: Family, i: int
) -> bool:
    """A double closing mark after a clause's end, with only a single mark open and that one
    opening a sentence, closes it: 'Mismatched marks happen," she said."""
    if role != "close" or family != "double" or len(opens) != 1 or opens[0].family != "single":
        return False
    mark = opens[0].start - 1
    sentence_start = _at_paragraph_start(text, para, mark) or _after_sentence_end(
        text, para.start, mark
    )
    return sentence_start and text[i - 1] in CLAUSE_END


def _at_paragraph_start(text: str, para: Paragraph, i: int) -> bool:
    return not text[para.start : i].strip()


def _after_sentence_end(text: str, floor: int, i: int) -> bool:
    last = _last_char(text, floor, i)
    return i > floor and text[i - 1].isspace() and last != "" and last in SENTENCE_END


def _last_char(text: str, floor: int, i: int) -> str:
    """The last character of ``text[floor:i]`` that is not whitespace, or ``""``."""
    end = _stripped_end(text, floor, i)
    return text[end - 1] if end > floor else ""


def _stripped_end(text: str, floor: int, i: int) -> int:
    """Where ``text[floor:i].rstrip()`` ends."""
    while i > floor and text[i - 1].isspace():
        i -= 1
    return i


def _first_char(text: str, i: int, ceiling: int) -> str:
    """The first character of ``text[i:ceiling]`` that is not whitespace, or ``""``."""
    while i < ceiling and text[i].isspace():
        i += 1
    return text[i] if i < ceiling else ""


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


def _resumed(text: str, floor: int, i: int) -> bool:
    """``RESUMED`` matches the end of ``text[floor:i].rstrip()``, read from its last
    ``RESUMED_REACH`` characters and the whitespace run and two marks before them."""
    end = _stripped_end(text, floor, i)
    start = max(floor, end - RESUMED_REACH)
    while start > floor and text[start].isspace():
        start -= 1
    return RESUMED.search(text, max(floor, start - 1), end) is not None


def quote_kind(text: str, para: Paragraph, start: int, end: int) -> QuoteKind:
    """``direct`` for a whole sentence or more, ``partial`` for words inside the reporter's."""
    opening = before_marks(text, start, para.start)
    last = _last_char(text, para.start, opening)
    sentence_start = not last or last in SENTENCE_END + ":" + ALL_MARKS
    ends_clause = text[start:end].rstrip(ALL_MARKS)[-1:] in CLAUSE_END
    after = _first_char(text, after_marks(text, end, para.end), para.end)
    followed_by_end = not after or after in SENTENCE_END + ALL_MARKS
    comma_outside = after == "," and text[start].isupper() and text[start:end].count(" ") >= 2
    if sentence_start and (ends_clause or followed_by_end or comma_outside):
        return "direct"
    if _resumed(text, para.start, opening):
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
