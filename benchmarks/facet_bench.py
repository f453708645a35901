"""Benchmark faceting 1,000,000 quote occurrences in Datasette.

Generates ``quotes.db`` (1,000,000 quotes, 300 outlets, 20,000 speakers, two years of
dates) in a temporary folder, writes its inspect file, serves it with
``datasette -i quotes.db --inspect-file counts.json -m metadata.yml --setting
suggest_facets off --setting cache_size_kb 400000`` (the settings ``datasette.yml``
carries for Datasette 1.0) and times the quotes
table faceted by outlet_id and speaker_id, with and without a date filter (target: each
answer in <= 200 ms, median of several requests after one warm-up).

    python benchmarks/facet_bench.py [--rows N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from serving import free_port, wait_for

from quotes import store

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = 300
SPEAKERS = 20_000
DAYS = 730
LIMIT_MS = 200.0
REPEATS = 5
SETTINGS = ["--setting", "suggest_facets", "off", "--setting", "cache_size_kb", "400000"]
URLS = {
    "facet outlet_id": "/quotes/quotes.json?_facet=outlet_id&_size=20",
    "facet speaker_id": "/quotes/quotes.json?_facet=speaker_id&_size=20",
    "facet outlet_id+speaker_id, date filter": (
        "/quotes/quotes.json?_facet=outlet_id&_facet=speaker_id&_size=20"
        "&date__gte=2023-03-01&date__lt=2023-04-01"
    ),
    "facet speaker_id, outlet and date filter": (
        "/quotes/quotes.json?_facet=speaker_id&_size=20&outlet_id=7&date__gte=2023-01-01"
    ),
    "table page (metadata facets)": "/quotes/quotes",
    "table page (metadata facets), date filter": (
        "/quotes/quotes?date__gte=2023-03-01&date__lt=2023-04-01"
    ),
}


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A database of the project's shape holding ``rows`` quote occurrences."""
    store.open_db(str(path)).close()
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    conn = sqlite3.connect(path)
    conn.execute("drop trigger if exists quotes_ai")
    conn.executemany(
        "insert into outlets (id, name) values (?, ?)",
        [(i, f"Outlet {i}") for i in range(1, OUTLETS + 1)],
    )
    conn.executemany(
        "insert into speakers (id, name) values (?, ?)",
        [(i, f"Speaker {i}") for i in range(1, SPEAKERS + 1)],
    )
    conn.executemany(
        "insert into quotes (statement_id, article_id, outlet_id, speaker_id, date, start,"
        ' "end", text, kind) values (?, ?, ?, ?, ?, 0, 10, ?, ?)',
        (
            (
                i // 3,
                f"a{i // 20}",
                min(OUTLETS, int(rng.paretovariate(1.0))),
                min(SPEAKERS, int(rng.paretovariate(0.8))),
                (start + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
                f"words of quote {i}",
                "direct" if rng.random() < 0.7 else "partial",
            )
            for i in range(rows)
        ),
    )
    conn.commit()
    conn.execute("analyze")
    conn.close()


def timed_get(url: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
    elapsed = (time.perf_counter() - began) * 1000
    if b"Error 500" in body:
        raise RuntimeError(f"{url} failed")
    return elapsed


def serve_and_time(db_path: Path) -> bool:
    inspect = db_path.parent / "counts.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datasette",
            "inspect",
            str(db_path),
            "--inspect-file",
            str(inspect),
        ],
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            "-i",
            str(db_path),
            "--inspect-file",
            str(inspect),
            "-m",
            str(ROOT / "metadata.yml"),
            "-p",
            str(port),
            *SETTINGS,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ok = True
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/-/versions.json")
        for name, path in URLS.items():
            timed_get(base + path)
            median = statistics.median(timed_get(base + path) for _ in range(REPEATS))
            ok = ok and median <= LIMIT_MS
            print(f"{name}: {median:.0f} ms")
    finally:
        server.terminate()
        server.wait(10)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", help="folder to keep (and reuse) the generated database in")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "quotes.db"
    if not db_path.exists():
        began = time.perf_counter()
        generate(db_path, args.rows)
        print(f"generated {args.rows} quotes in {time.perf_counter() - began:.0f} s")
    ok = serve_and_time(db_path)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
