"""Page furniture: the lines of a scraped article that are not its body.

The text is split into lines, one ``Paragraph`` each. A line is furniture when one of the general
``LINE_RULES`` recognises it (read-more links, sign-up boxes, photo credits, template code...) or
when it is the headline, byline or job line at the top of the article. Furniture is only marked,
never removed: offsets keep pointing into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from quotes.models import Paragraph

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_QUOTE_MARKS = '"“”„«»'
_PUNCTUATION = re.compile(r"[^\w\s]+")


@dataclass(frozen=True)
class Rule:
    """A named pattern that recognises one kind of furniture line (whitespace stripped)."""

    name: str
    pattern: re.Pattern[str]
    max_length: int = 200
    quotes_allowed: bool = True

    def matches(self, line: str) -> bool:
        """True when the stripped ``line`` is furniture of this kind."""
        line = _unwrapped(line.strip())
        if not line or len(line) > self.max_length:
            return False
        if not self.quotes_allowed and any(mark in line for mark in _QUOTE_MARKS):
            return False
        return self.pattern.search(line) is not None


def _unwrapped(line: str) -> str:
    """A line without the quotation marks around all of it (a transcript's every paragraph
    may open with one)."""
    if len(line) > 2 and line[0] in _QUOTE_MARKS and line[-1] in _QUOTE_MARKS:
        return line[1:-1].strip()
    return line


def _rule(name: str, pattern: str, max_length: int = 200, quotes_allowed: bool = True) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), max_length, quotes_allowed)


_PHOTO_LIBRARIES = r"Getty Images|Shutterstock|Alamy(?: Stock Photo)?|Rex Features|WireImage"
_CREDIT_AGENCIES = (
    _PHOTO_LIBRARIES + r"|Getty|PA Wire|PA Media|PA|AP Photo|AP|AFP|EPA(?:-EFE)?|Reuters"
    r"|Bloomberg|NurPhoto|SOPA Images"
)

LINE_RULES: tuple[Rule, ...] = (
    # "READ MORE POLITICS", "READ MORE SUN STORIES": an all-capitals link heading.
    Rule("read_more_heading", re.compile(r"^READ MORE(?:[ :][A-Z0-9 '’&:,-]*)?$"), 60),
    # "Most read in The Daily Example", "Most popular".
    _rule(
        "most_read",
        r"^most (?:read|popular|viewed|shared)(?: (?:in|on|from) .{1,60})?(?<![.!?])$",
        80,
        quotes_allowed=False,
    ),
    # "Read more: teaser headline", "Related: ...", "See also: ...".
    _rule(
        "teaser",
        r"^(?:read more|more on this story|related(?: articles?| stories| content)?|see also"
        r"|also read|read also|recommended(?: reading)?|you may also like|more from .{1,40})"
        r"(?:\s*[:|>»]|\s+[-–—]\s)",
    ),
    # Newsletter and e-mail sign-up boxes.
    _rule(
        "newsletter",
        r"please enter a valid email|i would like to be emailed"
        r"|thanks? (?:you )?for signing up (?:to|for)\b"
        r"|^sign up (?:for|to)\b.{0,120}\b(?:e-?mail|newsletter|inbox)"
        r"|^subscribe to (?:our|the) .{0,60}newsletter",
        max_length=2000,
    ),
    # Mustache / Handlebars template code left in the page: "{{ #errors }}".
    _rule("template", r"\{\{\s*[#/^!>&]?\s*[\w.-]+\s*\}\}", max_length=2000),
    # A caption ending in a bracketed credit: "... (Image: Agency/Wire)", "(Photo: Agency)".
    _rule(
        "image_credit",
        r"\((?:image|images|photo|photograph|picture|pic|credit|video)s?\s*(?:credit\s*)?:"
        r"[^()]{1,80}\)\s*$",
        max_length=400,
    ),
    # A caption ending in an agency credit and no full stop: "... Photo: Agency/Getty Images".
    Rule(
        "agency_credit",
        re.compile(
            rf"(?:(?i:photo|picture|image|credit|pic)s?\s*:\s*|[/©|]\s*)[\w .&-]{{0,40}}?"
            rf"(?:{_CREDIT_AGENCIES})\)?$|\b(?:{_PHOTO_LIBRARIES})\)?$"
        ),
        300,
        quotes_allowed=False,
    ),
    # "Picture: ...", "Pictured: ...", "Photo: ..." caption lines.
    _rule(
        "caption_label",
        r"^(?:picture|pictured|photo|photograph|image|credit|caption)s?\s*:",
        quotes_allowed=False,
    ),
    # "Follow Jane on Twitter @jane", "Follow us on Facebook".
    _rule(
        "social",
        r"^follow\b.{0,80}\bon (?:twitter|x|facebook|instagram|threads|bluesky|tiktok"
        r"|linkedin|youtube)\b|^follow @\w+",
        120,
        False,
    ),
    # A lone label of the page: "Advertisement", "Share this article", "Skip advert".
    _rule(
        "label",
        r"^(?:advertisement|advert|sponsored(?: content)?|skip advert(?:isement)?"
        r"|story continues below(?: advertisement)?|continue reading(?: the main story)?"
        r"|share (?:this|the) (?:article|story|page)|share on \w+|share|comments?"
        r"|print(?: this article)?|e-?mail this (?:article|story)|top stories)[.:]?$",
        60,
    ),
    # "Click here to ...".
    _rule("click_here", r"^click here\b", quotes_allowed=False),
    # "Copyright 2024 ...", "© Example Ltd", "... All rights reserved."
    _rule(
        "copyright",
        r"^(?:copyright\s*)?(?:©|\(c\)\s*\d{4})|^copyright\s+\d{4}|all rights reserved\.?$",
        quotes_allowed=False,
    ),
)

_BYLINE = re.compile(
    r"^By\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|and|&)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der"
    r"|da|and|&)){0,5}(?:\s*,\s*[\w .'’-]{1,60})?$"
)
_JOB_LINE = re.compile(r"^[A-Z][^\W\d]*(?:,?\s+[^\W\d]+){0,5}$")


def furniture_rule(line: str) -> str | None:
    """The name of the first rule in ``LINE_RULES`` that recognises ``line``, if any."""
    for rule in LINE_RULES:
        if rule.matches(line):
            return rule.name
    return None


def is_headline(line: str, title: str | None) -> bool:
    """True when ``line`` is ``title`` up to case, whitespace and punctuation."""
    return title is not None and _normalise(line) == _normalise(title) != ""


def headline_lines(lines: Sequence[str], title: str | None) -> int:
    """How many of the first ``lines`` (1 to 3) together spell ``title``; 0 when they do not."""
    for count in range(1, min(3, len(lines)) + 1):
        if is_headline(" ".join(lines[:count]), title):
            return count
    return 0


def is_byline(line: str) -> bool:
    """True for a short byline such as "By Jane Doe" or "By Jane Doe and John Roe"."""
    return _BYLINE.match(line.strip()) is not None


def is_job_line(line: str) -> bool:
    """True for a short job line with no sentence punctuation, such as "Political reporter"."""
    line = line.strip()
    if any(mark in line for mark in _QUOTE_MARKS) or line.endswith((".", "!", "?")):
        return False
    return _JOB_LINE.match(line) is not None


def paragraphs(text: str, title: str | None = None) -> tuple[Paragraph, ...]:
    """One Paragraph per non-blank line of ``text``, offsets excluding the line break."""
    spans = [(start, end) for start, end in _line_spans(text) if text[start:end].strip()]
    top = _top_furniture([text[start:end] for start, end in spans], title)
    return tuple(
        Paragraph(start, end, index in top or furniture_rule(text[start:end]) is not None)
        for index, (start, end) in enumerate(spans)
    )


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _top_furniture(lines: list[str], title: str | None) -> set[int]:
    """Indexes of the headline, byline and job line at the top of the non-blank ``lines``."""
    index = headline_lines(lines, title)
    found = set(range(index))
    if index < len(lines) and is_byline(lines[index]):
        found.add(index)
        index += 1
        if index < len(lines) and is_job_line(lines[index]):
            found.add(index)
    return found


def _normalise(line: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", line).split()).casefold()
