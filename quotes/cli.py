"""The command line: the only module that imports click."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import wraps
from typing import Any, TextIO

import click

from quotes import evaluate, graph, ingest, nlp, pipeline, speakers, store
from quotes.errors import QuotesError
from quotes.models import Problem, Totals

LOG_EVERY_SECONDS = 10.0
LOG_STEPS = 10
"""A build not on a terminal writes a progress line at each tenth of a stage, and at least
every ``LOG_EVERY_SECONDS``."""
STAGES = {"extract": ("Extracting", "articles"), "deduplicate": ("Deduplicating", "steps")}
"""Each build stage's label and what it counts; the rate and time left are shown for
articles, the time taken for steps."""
HELP = {"help_option_names": ["-h", "--help"]}


class _BadInput(click.ClickException):
    """An error the user can act on: one line, exit status 2."""

    exit_code = 2


def _clear_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the package's own errors into one clear line and exit status 2."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (QuotesError, ValueError) as error:
            raise _BadInput(" ".join(str(error).split())) from error

    return run


class BuildProgress:
    """A build's progress: on a terminal a bar per stage with its total, rate and time left;
    elsewhere (a log) a plain line at each tenth of a stage."""

    def __init__(self, file: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.file = file
        self.clock = clock
        self.stage = ""
        self.started = 0.0
        self.logged = 0.0
        self.bars = ExitStack()
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self._start(stage, total)
        label, unit = STAGES.get(stage, (stage.capitalize(), "steps"))
        now = self.clock()
        pace = _pace(done, total, now - self.started, unit)
        if self.bar is not None:
            self.bar.update(done - self.bar.pos, pace.removeprefix(", "))
        elif done and (done >= total or done % max(1, total // LOG_STEPS) == 0 or self._due(now)):
            click.echo(f"{label.lower()}: {done:,} of {total:,} {unit}{pace}", file=self.file)
            self.logged = now
        if done >= total:
            self.close()

    def _due(self, now: float) -> bool:
        return now - self.logged >= LOG_EVERY_SECONDS

    def _start(self, stage: str, total: int) -> None:
        self.stage = stage
        self.started = self.logged = self.clock()
        if self.file.isatty():
            label, _ = STAGES.get(stage, (stage.capitalize(), "steps"))
            bar = click.progressbar(
                length=total,
                label=label,
                file=self.file,
                show_pos=True,
                show_eta=False,
                item_show_func=lambda pace: pace,
            )
            self.bar = self.bars.enter_context(bar)

    def close(self) -> None:
        """Finish the bar on screen, if one is showing."""
        self.bars.close()
        self.bar = None


def _pace(done: int, total: int, seconds: float, unit: str) -> str:
    """ ", 8.1 articles/s, eta 0:01:05" for articles, ", 2.5 s" for steps, once some time
    has passed; else ""."""
    if seconds <= 0 or done <= 0:
        return ""
    if unit != "articles":
        return f", {seconds:.1f} s"
    rate = done / seconds
    left = round((total - done) / rate)
    return f", {rate:.1f} {unit}/s, eta {left // 3600}:{left // 60 % 60:02}:{left % 60:02}"


def _counted(n: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def build_summary(report: pipeline.BuildReport) -> list[str]:
    """What a build added, and what the database holds after it."""
    added = (
        f"{_counted(report.articles, 'article')} added, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged: {_counted(report.quotes, 'new quote')}, "
        f"{_counted(len(report.problems), 'problem')}"
    )
    return [added, _holdings(report.stored)]


def _holdings(stored: Totals) -> str:
    line = (
        f"In the database: {_counted(stored.articles, 'article')}, "
        f"{_counted(stored.quotes, 'quote')}, {_counted(stored.statements, 'statement')}"
    )
    missing = [
        f"{_counted(n, 'article')} {'has' if n == 1 else 'have'} no {what}"
        for n, what in ((stored.no_outlet, "outlet"), (stored.no_date, "date"))
        if n
    ]
    return line + ("; " + ", ".join(missing) if missing else "")


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters (as in a file's name) escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _out(text: str) -> None:
    """Print a line of a command's output; a full disk is a one-line error (a pipe closed by
    the reader, as by ``head``, ends the command quietly, as click does)."""
    try:
        click.echo(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise click.ClickException(f"cannot write the output: {error.strerror}") from error


_STOPPING = (signal.SIGTERM, signal.SIGHUP)
"""Signals that end a build the way Ctrl-C does."""


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Let SIGTERM and SIGHUP (a closed terminal) end the command as Ctrl-C does, by an
    exception, so that a build removes its working copy on the way out."""

    def stop(number: int, _: Any) -> None:
        raise SystemExit(128 + number)

    previous = {number: signal.signal(number, stop) for number in _STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class _Commands(click.Group):
    """The commands: a usage error is one line naming the argument or option too."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            command = (error.ctx or ctx).command_path
            raise _BadInput(f"{error.format_message()} (see {command} --help)") from error


@click.group(cls=_Commands, context_settings=HELP)
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find, attribute and deduplicate quotations in news articles."""


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--model", envvar="QUOTES_MODEL", help="spaCy model package or path.")
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run the per-article work here or on a Dask cluster.",
)
@click.option("--scheduler", help="Dask scheduler address (default: a local cluster).")
@click.option(
    "--speakers",
    "speakers_file",
    type=click.Path(dir_okay=False),
    help="speakers.yml: canonical names and their aliases, overriding automatic merges.",
)
@click.option(
    "--outlet",
    help="Outlet of every article whose manifest, JSON line or page names none.",
)
@click.option("--strict", is_flag=True, help="Exit with status 2 when any input was unusable.")
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@_clear_errors
def build(
    db: str,
    paths: tuple[str, ...],
    model: str | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    speakers_file: str | None,
    outlet: str | None,
    strict: bool,
    timings: bool,
) -> None:
    """Build DB from the articles in PATHS: folders, .txt, .jsonl, .html files. A rebuild
    extracts only new or changed articles and drops those no longer found."""
    if scheduler and engine != "dask":
        raise _BadInput("--scheduler needs --engine dask")
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        raise _BadInput(f"no such file or folder: {missing[0]} (PATH)")
    if outlet is not None and not outlet.strip():
        raise _BadInput("an outlet name cannot be blank (--outlet)")
    overrides = speakers.load_overrides(speakers_file) if speakers_file else ()
    progress = BuildProgress(sys.stderr)
    with _terminate_as_exit():
        try:
            report = pipeline.build(
                db, list(paths), model, workers, progress, engine, scheduler, overrides, outlet
            )
        finally:
            progress.close()
    for problem in report.problems:
        click.echo(_one_line(f"problem: {problem.path}: {problem.reason}"), err=True)
    for line in build_summary(report):
        click.echo(line, err=True)
    if timings:
        for stage, seconds in report.seconds:
            click.echo(f"{stage:12} {seconds:8.2f} s", err=True)
    if strict and report.problems:
        sys.exit(2)


@cli.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@_clear_errors
def export(db: str) -> None:
    """Print every quote occurrence in DB as JSON Lines."""
    for row in store.export_rows(store.open_readonly(db)):
        _out(json.dumps(row, ensure_ascii=False))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", envvar="QUOTES_MODEL", help="spaCy model package or path.")
@_clear_errors
def extract(file: str, model: str | None) -> None:
    """Print the quotes of one article FILE with their speakers (for a .jsonl feed of several,
    each line starts with its article's id)."""
    feed = file.lower().endswith(ingest.JSONL_SUFFIXES)
    model_obj = nlp.load(model)
    for item in ingest.iter_articles([file]):
        if isinstance(item, Problem):
            raise _BadInput(f"{item.path}: {item.reason}")
        result = pipeline.extract(item, model_obj)
        if result.problem is not None:
            raise _BadInput(f"{result.problem.path}: {result.problem.reason}")
        for quote in result.quotes:
            speaker = quote.speaker or (f"[{quote.speaker_text}]" if quote.speaker_text else "?")
            where = f"{item.id} " if feed else ""
            _out(f"{where}{quote.start}-{quote.end} {quote.kind:7} {speaker}: {quote.text}")


@cli.command(name="graph")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gexf", "graphml", "json"]),
    default="gexf",
    show_default=True,
)
@_clear_errors
def graph_command(db: str, fmt: str) -> None:
    """Print the speaker–outlet graph of DB for Gephi and other tools."""
    nodes, edges = store.load_graph(store.open_readonly(db))
    _out(graph.to_format(nodes, edges, fmt))


@cli.command(name="evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--clusters",
    type=click.Path(exists=True, dir_okay=False),
    help="Gold statement clusters (JSON) to score deduplication against.",
)
@click.option("--errors/--no-errors", default=True, help="List the errors grouped by cause.")
@_clear_errors
def evaluate_command(gold: str, db: str, clusters: str | None, errors: bool) -> None:
    """Score DB's quotes against a GOLD JSON Lines file and list the errors by cause."""
    database = store.open_readonly(db)
    system = list(store.export_rows(database))
    gold_rows = evaluate.load_gold(gold)
    warning = evaluate.coverage_warning(gold_rows, store.article_ids(database))
    if warning is not None:
        click.echo(f"warning: {warning}", err=True)
    report = evaluate.evaluate(gold_rows, system, evaluate.load_clusters(clusters))
    _out(evaluate.format_report(report, show_errors=errors))
