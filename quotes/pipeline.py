"""The one place that knows the order of the stages, and how articles are spread over workers."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from quotes import attribute, dedupe, furniture, graph, ingest, nlp, quotemarks, store
from quotes.models import Article, ArticleResult, Paragraph, Problem, QuoteSpan

BATCH_SIZE = 200
"""Articles written to the database in one transaction."""
CONTEXT_PARAGRAPHS = 2
"""Body paragraphs before a quoted one that are parsed for its speaker."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int = 0
    unchanged: int = 0
    quotes: int = 0
    statements: int = 0
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def extract(article: Article, model: Any) -> ArticleResult:
    """Find and attribute the quotes of one article with a loaded spaCy pipeline."""
    paragraphs = furniture.paragraphs(article.text, article.title)
    spans = quotemarks.find_quotes(article.text, paragraphs)
    if not spans:
        return ArticleResult(article)
    parsed = nlp.parse(model, article.text, needed_stretches(paragraphs, spans))
    found = attribute.attribute(article.text, paragraphs, spans, parsed)
    return ArticleResult(article, tuple(found))


def needed_stretches(
    paragraphs: Sequence[Paragraph], spans: Sequence[QuoteSpan]
) -> list[tuple[int, int, int]]:
    """The paragraphs attribution reads: those with quotes and the body paragraphs before them."""
    body = [i for i, p in enumerate(paragraphs) if not p.is_furniture]
    with_quotes = {s.paragraph for s in spans}
    needed = {
        body[n - back]
        for n, i in enumerate(body)
        if i in with_quotes
        for back in range(CONTEXT_PARAGRAPHS + 1)
        if n - back >= 0
    }
    return [(i, paragraphs[i].start, paragraphs[i].end) for i in sorted(needed)]


def safe_extract(article: Article, model: Any) -> ArticleResult:
    """``extract``, with any failure recorded as the article's problem instead of raised."""
    try:
        return extract(article, model)
    except Exception as error:  # one bad article must never stop a build
        reason = f"could not extract quotes: {type(error).__name__}: {error}"
        return ArticleResult(article, (), Problem(article.path or article.id, reason))


_worker_model: Any = None


def _init_worker(model_name: str) -> None:
    global _worker_model
    _worker_model = nlp.load(model_name)


def _worker_extract(article: Article) -> ArticleResult:
    return safe_extract(article, _worker_model)


def extract_all(
    articles: Iterable[Article], model_name: str | None = None, workers: int = 1
) -> Iterator[ArticleResult]:
    """Extract every article, in order, in this process or in ``workers`` processes."""
    name = nlp.model_name(model_name)
    if workers <= 1:
        model = nlp.load(name)
        for article in articles:
            yield safe_extract(article, model)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(name,)) as pool:
        yield from pool.imap(_worker_extract, articles, chunksize=4)


def build(
    db_path: str,
    paths: Sequence[str],
    model_name: str | None = None,
    workers: int = 1,
    on_article: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read, extract, deduplicate and store every article under ``paths`` into ``db_path``."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    db = store.open_db(db_path)
    known = store.known_hashes(db)
    problems: list[Problem] = []
    counts = {"articles": 0, "unchanged": 0, "quotes": 0, "replaced": 0}

    def fresh_articles() -> Iterator[Article]:
        for item in ingest.iter_articles(paths):
            if isinstance(item, Problem):
                problems.append(item)
                with db.conn:
                    store.save_problem(db, item)
            elif known.get(item.id) == item.sha256:
                counts["unchanged"] += 1
            else:
                yield item

    results = extract_all(fresh_articles(), model_name, workers)
    while batch := list(islice(results, BATCH_SIZE)):
        with db.conn:
            for result in batch:
                _save(db, result, problems, counts)
                if on_article is not None:
                    on_article(result.article.id)
    n_statements = _finish(db, counts["replaced"] > 0) if counts["articles"] else None
    if n_statements is None:
        n_statements = db.table("statements").count
    store.close(db)
    return BuildReport(
        counts["articles"], counts["unchanged"], counts["quotes"], n_statements, tuple(problems)
    )


def _save(db: Any, result: ArticleResult, problems: list[Problem], counts: dict[str, int]) -> None:
    if result.problem is not None:
        problems.append(result.problem)
        store.save_problem(db, result.problem)
        return
    counts["replaced"] += store.save_result(db, result)
    counts["articles"] += 1
    counts["quotes"] += len(result.quotes)


def _finish(db: Any, recluster: bool) -> int:
    """Deduplicate statements (only around the new quotes unless told to start afresh) and
    compute the graph; returns the number of statements."""
    if recluster:
        clustering = dedupe.cluster(store.occurrences(db))
        removed = store.statement_ids(db) - set(clustering.statements)
    else:
        members, statements = store.stored_clustering(db)
        previous = dedupe.Clustering(members, statements)
        new = store.occurrences(db, clustered=False)
        clustering = dedupe.update(previous, store.occurrences(db, clustered=True), new)
        removed = set(clustering.removed)
    changed = [clustering.statements[i] for i in sorted(clustering.changed)]
    moved = [m for m in clustering.memberships.values() if m.statement in clustering.changed]
    with db.conn:
        store.save_statements(db, changed, moved, removed)
        nodes, edges = graph.build_graph(store.speaker_outlet_counts(db))
        store.save_graph(db, nodes, edges)
    return len(clustering.statements)
