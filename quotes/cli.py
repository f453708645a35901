"""The command line: the only module that imports click."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from quotes import evaluate, graph, ingest, nlp, pipeline, speakers, store
from quotes.errors import QuotesError
from quotes.models import Problem

PROGRESS_EVERY = 25


def _clear_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the package's own errors into one clear message and exit code 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (QuotesError, ValueError) as error:
            raise click.ClickException(str(error)) from error

    return run


@click.group()
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
    type=click.Path(exists=True, dir_okay=False),
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
    """Build (or update) DB from articles in PATHS: folders, .txt, .jsonl, .html files."""
    done = [0]

    def progress(_: str) -> None:
        done[0] += 1
        if done[0] % PROGRESS_EVERY == 0:
            click.echo(f"\r{done[0]} articles processed", nl=False, err=True)

    overrides = speakers.load_overrides(speakers_file) if speakers_file else ()
    report = pipeline.build(db, list(paths), model, workers, progress, engine, scheduler, overrides)
    if done[0] >= PROGRESS_EVERY:
        click.echo(err=True)
    for problem in report.problems:
        click.echo(f"problem: {problem.path}: {problem.reason}", err=True)
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
        click.echo(json.dumps(row, ensure_ascii=False))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", envvar="QUOTES_MODEL", help="spaCy model package or path.")
@_clear_errors
def extract(file: str, model: str | None) -> None:
    """Print the quotes of one article FILE with their speakers."""
    model_obj = nlp.load(model)
    for item in ingest.iter_articles([file]):
        if isinstance(item, Problem):
            raise click.ClickException(f"{item.path}: {item.reason}")
        result = pipeline.extract(item, model_obj)
        if result.problem is not None:
            raise click.ClickException(f"{result.problem.path}: {result.problem.reason}")
        for quote in result.quotes:
            speaker = quote.speaker or (f"[{quote.speaker_text}]" if quote.speaker_text else "?")
            click.echo(f"{quote.start}-{quote.end} {quote.kind:7} {speaker}: {quote.text}")


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
    click.echo(graph.to_format(nodes, edges, fmt))


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
    click.echo(evaluate.format_report(report, show_errors=errors))
