"""The command line: the only module that imports click."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import click

from quotes import evaluate, graph, ingest, nlp, pipeline, speakers, store
from quotes.errors import QuotesError
from quotes.models import Problem

PROGRESS_EVERY = 25


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


@click.group(cls=_Commands)
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
    strict: bool,
    timings: bool,
) -> None:
    """Build DB from the articles in PATHS: folders, .txt, .jsonl, .html files. A rebuild
    extracts only new or changed articles and drops those no longer found."""
    done = [0]

    def progress(_: str) -> None:
        done[0] += 1
        if done[0] % PROGRESS_EVERY == 0:
            click.echo(f"\r{done[0]} articles processed", nl=False, err=True)

    if scheduler and engine != "dask":
        raise _BadInput("--scheduler needs --engine dask")
    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        raise _BadInput(f"no such file or folder: {missing[0]} (PATH)")
    overrides = speakers.load_overrides(speakers_file) if speakers_file else ()
    with _terminate_as_exit():
        report = pipeline.build(
            db, list(paths), model, workers, progress, engine, scheduler, overrides
        )
    if done[0] >= PROGRESS_EVERY:
        click.echo(err=True)
    for problem in report.problems:
        click.echo(_one_line(f"problem: {problem.path}: {problem.reason}"), err=True)
    click.echo(
        f"{report.articles} articles added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.quotes} quotes, {report.statements} statements, "
        f"{len(report.problems)} problems",
        err=True,
    )
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
    """Print the quotes of one article FILE with their speakers."""
    model_obj = nlp.load(model)
    for item in ingest.iter_articles([file]):
        if isinstance(item, Problem):
            raise _BadInput(f"{item.path}: {item.reason}")
        result = pipeline.extract(item, model_obj)
        if result.problem is not None:
            raise _BadInput(f"{result.problem.path}: {result.problem.reason}")
        for quote in result.quotes:
            speaker = quote.speaker or (f"[{quote.speaker_text}]" if quote.speaker_text else "?")
            _out(f"{quote.start}-{quote.end} {quote.kind:7} {speaker}: {quote.text}")


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
@click.option("--clusters", type=click.Path(exists=True, dir_okay=False))
@click.option("--errors/--no-errors", default=True, help="List the errors grouped by cause.")
@_clear_errors
def evaluate_command(gold: str, db: str, clusters: str | None, errors: bool) -> None:
    """Score DB's quotes against a GOLD JSON Lines file and list the errors by cause."""
    system = list(store.export_rows(store.open_readonly(db)))
    report = evaluate.evaluate(evaluate.load_gold(gold), system, evaluate.load_clusters(clusters))
    _out(evaluate.format_report(report, show_errors=errors))
