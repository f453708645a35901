"""The small frozen records that flow between the stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial"]
SpeakerKind = Literal["person", "organisation", "group", "anonymous"]
Relation = Literal["exact", "fragment", "variant"]


@dataclass(frozen=True)
class Article:
    """One news article: its verbatim text and what is known of where it came from."""

    id: str
    text: str
    sha256: str
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    path: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Paragraph:
    """A line of the article; furniture lines are skipped by later stages, never deleted."""

    start: int
    end: int
    is_furniture: bool = False


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words found between quotation marks (offsets exclude the marks)."""

    start: int
    end: int
    kind: QuoteKind
    paragraph: int
    continues_previous: bool = False
    closed: bool = True


@dataclass(frozen=True)
class Attribution:
    """A quote with the source the rules gave it, as strings and offsets."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_kind: SpeakerKind | None = None
    role: str | None = None
    party: str | None = None
    cue: str | None = None
    said_to: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Totals:
    """What a database holds."""

    articles: int = 0
    quotes: int = 0
    statements: int = 0
    no_outlet: int = 0
    """Articles with no outlet."""
    no_date: int = 0
    """Articles with no date."""


@dataclass(frozen=True)
class ArticleResult:
    """Everything the per-article stages found in one article."""

    article: Article
    quotes: tuple[Attribution, ...] = ()
    problem: Problem | None = None
    seconds: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """A quote occurrence as deduplication sees it."""

    key: int
    text: str
    speaker: str | None
    kind: QuoteKind = "direct"
    date: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Membership:
    """Which statement an occurrence belongs to and how its wording relates."""

    key: int
    statement: int
    relation: Relation
    diff: str | None = None


@dataclass(frozen=True)
class Statement:
    """A distinct statement: its canonical wording and who is credited with it."""

    id: int
    text: str
    speakers: tuple[str, ...] = ()
    members: tuple[int, ...] = field(default_factory=tuple)
    conflict: bool = False


@dataclass(frozen=True)
class GraphNode:
    """A speaker or an outlet in the speaker–outlet graph, with its measures and place."""

    id: str
    kind: Literal["speaker", "outlet"]
    ref_id: int
    label: str
    weight: float = 0.0
    pagerank: float = 0.0
    betweenness: float = 0.0
    community: int = 0
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class GraphEdge:
    """A speaker quoted by an outlet; weight is the number of statements carried."""

    source: str
    target: str
    weight: int
