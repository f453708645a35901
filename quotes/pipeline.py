"""The one place that knows the order of the stages, and how articles are spread over workers."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

from quotes import attribute, dedupe, furniture, graph, ingest, nlp, quotemarks, speakers, store
from quotes.errors import ClusterError, InputError, QuotesError, WorkerError
from quotes.models import Article, ArticleResult, Paragraph, Problem, QuoteSpan, Totals

T = TypeVar("T")

BATCH_SIZE = 200
"""Articles written to the database in one transaction."""
ENGINES = ("local", "dask")
WINDOW = 16
"""Articles parsed together in one batch (and sent to a worker as one task)."""
MAX_ARTICLE_CHARS = 1_000_000
"""The longest article text extracted; a longer one is recorded as a problem. Below it the
work grows about linearly with the length, even for a single paragraph."""
CONTEXT_PARAGRAPHS = 2
"""Body paragraphs before a quoted one that are parsed for its speaker."""
SCHEDULER_TIMEOUT = 20
"""Seconds to wait for a Dask scheduler to answer."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int = 0
    unchanged: int = 0
    quotes: int = 0
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    seconds: tuple[tuple[str, float], ...] = ()
    """Time in each stage: ingest, find, parse, attribute (summed over workers), write,
    deduplicate (deduplication and graph)."""
    updated: int = 0
    """Articles whose metadata changed but not their text or title (stored anew, not
    extracted again)."""
    stored: Totals = field(default_factory=Totals)
    """What the database holds after the build."""


Progress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as a build goes: ``"extract"`` counts the new or changed
articles, ``"deduplicate"`` the steps of making statements, speakers and the graph."""
DERIVE_STEPS = 4
"""Steps of the ``"deduplicate"`` stage: speakers, statements, storing them, the graph."""


@dataclass(frozen=True)
class _Prepared:
    article: Article
    paragraphs: tuple[Paragraph, ...]
    spans: tuple[QuoteSpan, ...]
    stretches: tuple[tuple[int, int, int], ...]


def extract(article: Article, model: Any) -> ArticleResult:
    """Find and attribute the quotes of one article with a loaded spaCy pipeline."""
    return extract_window([article], model)[0]


def extract_window(articles: Sequence[Article], model: Any) -> list[ArticleResult]:
    """Extract a window of articles, parsing all their needed paragraphs in one batch; an
    article that fails is recorded as a problem and the others are kept."""
    timer = _Timer()
    try:
        with timer("find"):
            prepared = [_prepare(a) for a in articles]
        with timer("parse"):
            parsed = nlp.parse_many(model, [(p.article.text, p.stretches) for p in prepared])
        with timer("attribute"):
            results = [_attribute(p, doc) for p, doc in zip(prepared, parsed, strict=True)]
        return timer.stamp(results)
    except Exception as error:  # one bad article must never stop a build
        if len(articles) == 1:
            return [_failed(articles[0], error)]
        return [result for a in articles for result in extract_window([a], model)]


def _failed(article: Article, error: Exception) -> ArticleResult:
    """The result of an article whose extraction raised ``error``."""
    reason = " ".join(str(error).split())
    if not isinstance(error, QuotesError):
        reason = f"could not extract quotes: {type(error).__name__}: {reason}"
    return ArticleResult(article, (), Problem(ingest.location(article), reason))


def _prepare(article: Article) -> _Prepared:
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"an article of {len(article.text):,} characters is over the limit of "
            f"{MAX_ARTICLE_CHARS:,}"
        )
    paragraphs = furniture.paragraphs(article.text, article.title)
    spans = tuple(quotemarks.find_quotes(article.text, paragraphs))
    stretches = tuple(needed_stretches(paragraphs, spans)) if spans else ()
    return _Prepared(article, paragraphs, spans, stretches)


def _attribute(prepared: _Prepared, parsed: nlp.Parsed) -> ArticleResult:
    if not prepared.spans:
        return ArticleResult(prepared.article)
    text = prepared.article.text
    found = attribute.attribute(text, prepared.paragraphs, prepared.spans, parsed)
    return ArticleResult(prepared.article, tuple(found))


class _Timer:
    """Seconds spent in each stage of a window, stamped on its first result."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def timed(self, stage: str, items: Iterable[T]) -> Iterator[T]:
        """The items, with the time spent producing them counted for ``stage``."""
        iterator = iter(items)
        while True:
            with self(stage):
                item = next(iterator, None)
            if item is None:
                return
            yield item

    def add(self, seconds: Iterable[tuple[str, float]]) -> None:
        for stage, spent in seconds:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + spent

    def stamp(self, results: list[ArticleResult]) -> list[ArticleResult]:
        if results:
            results[0] = replace(results[0], seconds=tuple(self.seconds.items()))
        return results


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


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")


def _windows(articles: Iterable[Article]) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while window := list(islice(iterator, WINDOW)):
        yield window


_worker_model: Any = None
_worker_error: QuotesError | None = None


def _init_worker(model_name: str) -> None:
    """Load the model in a pool worker; a failure is kept and raised by the first task, so
    the caller stops at once (a failing initializer would be restarted without end)."""
    global _worker_model, _worker_error
    try:
        _worker_model = nlp.load(model_name)
    except QuotesError as error:
        _worker_error = error


def _worker_window(articles: list[Article]) -> list[ArticleResult]:
    if _worker_error is not None:
        raise _worker_error
    return _without_text(extract_window(articles, _worker_model))


def _without_text(results: list[ArticleResult]) -> list[ArticleResult]:
    """Results to send back from a worker: the caller has the articles' texts already."""
    return [replace(r, article=replace(r.article, text="")) for r in results]


def _dask_window(articles: list[Article], model_name: str) -> list[ArticleResult]:
    from distributed import get_worker

    worker = get_worker()
    model = getattr(worker, "quotes_model", None)
    if model is None:
        model = nlp.load(model_name)
        setattr(worker, "quotes_model", model)  # noqa: B010 (Dask workers take attributes)
    return _without_text(extract_window(articles, model))


def extract_all(
    articles: Iterable[Article],
    model_name: str | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[ArticleResult]:
    """Extract every article, in order: in this process, in ``workers`` processes, or on a
    Dask cluster (``engine="dask"``, a local cluster unless ``scheduler`` names one)."""
    _check_engine(engine)
    name = nlp.model_name(model_name)
    iterator = iter(articles)
    first = list(islice(iterator, WINDOW))
    if not first:  # nothing new: load no model and start no workers
        return
    windows = chain([first], _windows(iterator))
    if engine == "dask":
        yield from _on_dask(windows, name, workers, scheduler)
    elif workers <= 1:
        model = nlp.load(name)
        for window in windows:
            yield from extract_window(window, model)
    else:
        yield from _in_processes(windows, name, workers)


def _in_processes(
    windows: Iterator[list[Article]], model_name: str, workers: int
) -> Iterator[ArticleResult]:
    """Results of windows extracted by ``workers`` spawned processes. A worker that dies (as
    by the out-of-memory killer) stops the build with a ``WorkerError`` rather than leaving
    it waiting forever for the lost work; on any error the workers are ended at once."""
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(model_name,),
    )
    try:
        yield from _bounded(lambda w: _submit(pool, w).result, windows, 2 * workers)
    except BaseException as error:
        for process in list(pool._processes.values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(error, BrokenProcessPool):  # found on a result, or on the next submit
            raise WorkerError(
                "a worker process died while extracting articles (killed, or out of memory?);"
                " the database is unchanged: try again, or with fewer --workers"
            ) from error
        raise
    pool.shutdown()


def _submit(pool: ProcessPoolExecutor, window: list[Article]) -> Future[list[ArticleResult]]:
    with _deaf_to_ctrl_c():  # a worker the pool starts now ignores Ctrl-C, meant for the build
        return pool.submit(_worker_window, window)


@contextmanager
def _deaf_to_ctrl_c() -> Iterator[None]:
    """Processes started inside ignore SIGINT: Ctrl-C reaches every process of the terminal's
    group, and only this one should act on it (by ending the workers), not each worker with a
    traceback of its own."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _bounded(
    submit: Callable[[list[Article]], Callable[[], list[ArticleResult]]],
    windows: Iterator[list[Article]],
    ahead: int,
) -> Iterator[ArticleResult]:
    """Results in order with at most ``ahead`` windows in flight, so memory stays flat; each
    result gets back the article it was sent with."""
    pending: deque[tuple[list[Article], Callable[[], list[ArticleResult]]]] = deque()
    for window in windows:
        pending.append((window, submit(window)))
        if len(pending) >= ahead:
            yield from _rejoined(*pending.popleft())
    while pending:
        yield from _rejoined(*pending.popleft())


def _rejoined(
    window: list[Article], results: Callable[[], list[ArticleResult]]
) -> Iterator[ArticleResult]:
    for article, result in zip(window, results(), strict=True):
        yield replace(result, article=article)


def _on_dask(
    windows: Iterator[list[Article]], model_name: str, workers: int, scheduler: str | None
) -> Iterator[ArticleResult]:
    from distributed import LocalCluster

    cluster = (
        None
        if scheduler
        else LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be taken by another cluster
            silence_logs=logging.CRITICAL,  # a failed task is raised here, in one line
        )
    )
    with _client(scheduler or cluster, scheduler) as client:
        yield from _bounded(
            lambda w: client.submit(_dask_window, w, model_name, pure=False).result,
            windows,
            2 * max(1, workers),
        )
    if cluster is not None:
        cluster.close()


def _client(address: Any, scheduler: str | None) -> Any:
    """A Dask client of ``address``; ClusterError if the scheduler cannot be reached."""
    from distributed import Client

    try:
        return Client(address, timeout=SCHEDULER_TIMEOUT)
    except (OSError, TimeoutError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise ClusterError(
            f"cannot reach the Dask scheduler {scheduler} (--scheduler): {reason}"
        ) from error


def build(
    db_path: str,
    paths: Sequence[str],
    model_name: str | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    overrides: Sequence[speakers.Override] = (),
    outlet: str | None = None,
) -> BuildReport:
    """Read, extract, deduplicate and store every article under ``paths`` into ``db_path``.

    The database ends as a fresh build of ``paths`` would make it: articles no longer found
    are removed, and only articles that are new or changed (text or metadata) are extracted.
    The build writes a working copy and replaces ``db_path`` with it in one rename at the
    end, so an interrupted build leaves the previous database as it was. ``outlet`` is the
    outlet of every article whose manifest, JSON line or page names none; ``progress``, if
    given, is told how far the build is (counting the new articles takes a first reading of
    the inputs)."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    _check_engine(engine)
    how = _Extraction(model_name, workers, engine, scheduler)
    with store.building(db_path) as db:
        return _build_into(db, _Inputs(paths, outlet), how, overrides, progress or _silent)


def _silent(stage: str, done: int, total: int) -> None:
    """A ``Progress`` that shows nothing."""


@dataclass(frozen=True)
class _Inputs:
    """What a build reads: paths, and the outlet for articles that name none."""

    paths: Sequence[str]
    outlet: str | None = None

    def read(self) -> Iterator[Article | Problem]:
        return ingest.iter_articles(self.paths, self.outlet)


@dataclass(frozen=True)
class _Extraction:
    """How the per-article work is run."""

    model_name: str | None
    workers: int
    engine: str
    scheduler: str | None


@dataclass
class _Tally:
    """What a build has done so far, and the ids of the articles it keeps."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quotes: int = 0
    problems: list[Problem] = field(default_factory=list)
    kept: set[str] = field(default_factory=set)


def _build_into(
    db: Any,
    inputs: _Inputs,
    how: _Extraction,
    overrides: Sequence[speakers.Override],
    progress: Progress,
) -> BuildReport:
    extractor = json.dumps([code_fingerprint(), *nlp.model_identity(how.model_name)])
    known = store.known_articles(db) if store.setting(db, "extractor") == extractor else {}
    total = 0 if progress is _silent else sum(1 for a in inputs.read() if _is_new(a, known))
    if total:
        progress("extract", 0, total)
    store.clear_problems(db)
    tally = _Tally()
    timer = _Timer()
    fresh = _fresh_articles(db, timer.timed("ingest", inputs.read()), known, tally)
    extracted = extract_all(fresh, how.model_name, how.workers, how.engine, how.scheduler)
    results = _told(extracted, lambda done: progress("extract", done, max(total, done)))
    while batch := list(islice(results, BATCH_SIZE)):
        with timer("write"), db.conn:
            _save(db, batch, tally)
        for result in batch:
            timer.add(result.seconds)
    with db.conn:
        removed = store.remove_articles_except(db, tally.kept)
        store.save_setting(db, "extractor", extractor)
    settings = json.dumps([asdict(o) for o in overrides], ensure_ascii=False)
    changed = tally.added or tally.updated or removed
    if changed or store.setting(db, "speakers") != settings:
        with timer("deduplicate"):
            _derive(db, overrides, lambda done: progress("deduplicate", done, DERIVE_STEPS))
            store.save_setting(db, "speakers", settings)
    return BuildReport(
        tally.added,
        tally.unchanged,
        tally.quotes,
        tuple(tally.problems),
        tuple(timer.seconds.items()),
        tally.updated,
        store.totals(db),
    )


def _fresh_articles(
    db: Any, items: Iterable[Article | Problem], known: dict[str, tuple[Any, ...]], tally: _Tally
) -> Iterator[Article]:
    """The articles to extract; problems are stored, unchanged articles kept and those whose
    metadata alone changed stored anew as they come."""
    for item in items:
        if isinstance(item, Problem):
            tally.problems.append(item)
            with db.conn:
                store.save_problem(db, item)
        elif store.article_key(item) == known.get(item.id):
            tally.unchanged += 1
            tally.kept.add(item.id)
        elif not _is_new(item, known):
            with db.conn:
                store.update_metadata(db, item)
            tally.updated += 1
            tally.kept.add(item.id)
        else:
            yield item


def _is_new(item: Article | Problem, known: dict[str, tuple[Any, ...]]) -> bool:
    """An article not stored with this text and title, to be extracted."""
    if isinstance(item, Problem):
        return False
    stored = known.get(item.id, ())[: store.EXTRACTION_KEY]
    return store.article_key(item)[: store.EXTRACTION_KEY] != stored


def _told(results: Iterable[T], tell: Callable[[int], None]) -> Iterator[T]:
    """The results, telling how many have come as each comes."""
    for done, result in enumerate(results, 1):
        tell(done)
        yield result


@cache
def code_fingerprint() -> str:
    """A hash of this package's modules: quotes found by other code are found again."""
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _save(db: Any, batch: list[ArticleResult], tally: _Tally) -> None:
    """Store a batch of extracted articles, and the problems some of them were."""
    failed = [r.problem for r in batch if r.problem is not None]
    stored = [r for r in batch if r.problem is None]
    for problem in failed:
        tally.problems.append(problem)
        store.save_problem(db, problem)
    if stored:
        store.save_results(db, stored)
    tally.kept.update(r.article.id for r in stored)
    tally.added += len(stored)
    tally.quotes += sum(len(r.quotes) for r in stored)


def _derive(db: Any, overrides: Sequence[speakers.Override], step: Callable[[int], None]) -> None:
    """Make everything that depends on more than one article afresh from the stored
    articles and quotes, in an order that depends only on them: outlets, speakers and their
    merges, statements and the graph. So a rebuild equals a fresh build of the same inputs.
    ``step`` is told as each of the ``DERIVE_STEPS`` steps is done (and 0 at the start)."""
    step(0)
    with db.conn:
        store.renumber_outlets(db)
        store.derive_speakers(db)
        store.merge_speakers(db, speakers.merge_map(store.person_names(db), overrides))
        store.save_speaker_counts(db, speakers.genders(store.speaker_forms(db)))
    step(1)
    ranked = list(store.occurrences(db))
    quote_of = {occurrence.key: quote_id for quote_id, occurrence in ranked}
    clustering = dedupe.cluster(occurrence for _, occurrence in ranked)
    members = [replace(m, key=quote_of[m.key]) for m in clustering.memberships.values()]
    step(2)
    with db.conn:
        store.replace_statements(db, clustering.statements.values(), members)
        step(3)
        nodes, edges = graph.build_graph(store.speaker_outlet_counts(db))
        store.save_graph(db, nodes, edges)
    step(DERIVE_STEPS)
