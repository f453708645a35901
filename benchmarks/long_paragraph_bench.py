"""Benchmark quote finding and attribution on one long generated paragraph.

    python benchmarks/long_paragraph_bench.py [--kb 100 --kb 200 --kb 400 --kb 800] [--seed 3]

Each size runs in its own child process (so its peak memory is its own): the child makes
one paragraph of about that many kilobytes, with no line break in it, from seeded invented
sentences full of quotations (opened and closed, partial, continued, nested, interrupted
by their said-clause) and reporting verbs ("said", "told", "according to", colon
introductions, pronoun subjects, dash credits), parses it as ``pipeline.extract`` does,
attributes its quotes once and reports the parse time and its peak resident memory
(``ru_maxrss``, the model included). The cast grows with the text (a person per 1,000
characters), as in a longer story. Then this process times quote finding (paragraphs and
marks) and attribution of every size on the children's parses in turns, five rounds,
keeping each one's best (the machine is shared: load then weighs on all sizes alike), and
prints each stage's time with its ratio to the previous size's. The bars: every doubling
costs at most 2.3x in quote finding and in attribution, and 800 KB peaks at no more than
1 GB.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES_KB = (100, 200, 400, 800)
RATIO_BAR = 2.3
FIND_REPEATS = 5
ROUNDS = 5
CHARS_PER_PERSON = 1000
PEAK_BAR_MB = 1024.0
SYLLABLES = ("ka", "lo", "mer", "vin", "do", "sa", "rel", "tu", "bri", "an", "cos", "ne")
FIRST_NAMES = ("Jane", "John", "Mary", "David", "Sarah", "Peter", "Anna", "Tom")
ROLES = ("the minister", "the council leader", "a spokesman", "the chairwoman", "critics")
TITLES = ("minister", "council leader", "chairwoman of the board", "a local farmer")
VERBS = ("said", "told reporters", "added", "warned", "insisted", "claimed", "argued")
WORDS = (
    "the plan will not work without more money for schools and hospitals in the region",
    "we have always been clear that families come first and we will keep that promise",
    "nobody expected the vote to go this way but here we are",
    "it is a serious mistake and the public deserves better than this",
    "our members are angry and they want answers by the end of the week",
    "there is no question of a deal before the summer",
    "this is a good day for the town and for everyone who worked on it",
)


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _words(rng: random.Random) -> str:
    phrase = rng.choice(WORDS)
    return phrase[:1].upper() + phrase[1:]


def sentence(rng: random.Random, people: list[str]) -> str:
    """One invented news sentence, most with a quotation and a reporting verb."""
    name = rng.choice(people)
    surname = name.split()[-1]
    words, verb, role = _words(rng), rng.choice(VERBS), rng.choice(ROLES)
    pronoun = rng.choice(("He", "She"))
    return rng.choice(
        (
            f"“{words},” {verb.split()[0]} {name}, {rng.choice(TITLES)}.",
            f"{name} {verb} that the budget was “{words.lower()}”.",
            f"{pronoun} added: “{words}.”",
            f"“{words},” {role} said. “{_words(rng)}.”",
            f"According to {surname}, the deal was “{words.lower()}”.",
            f"“Well,” {surname} said, “{words.lower()}.”",
            f"“{words} — ‘{_words(rng).lower()}’, as they say,” said Mr {surname}.",
            f"“{words}.” — {name}",
            f"The committee met on Tuesday in {_surname(rng)} to discuss the report.",
            f"{name}, who leads the group, told {rng.choice(('journalists', 'Radio Portwell'))}: "
            f"“{words}.”",
            f"It is the {rng.randint(2, 40)}th time this year that {surname}'s team has lost.",
        )
    )


def paragraph(kb: int, seed: int) -> str:
    """About ``kb`` kilobytes of one paragraph of invented sentences."""
    rng = random.Random(seed)
    cast = kb * 1000 // CHARS_PER_PERSON
    people = [f"{rng.choice(FIRST_NAMES)} {_surname(rng)}" for _ in range(cast)]
    parts: list[str] = []
    size = 0
    while size < kb * 1000:
        parts.append(sentence(rng, people))
        size += len(parts[-1]) + 1
    return " ".join(parts)


def measure(kb: int, seed: int, saved: str) -> dict[str, float]:
    """Find, parse and attribute the quotes of one generated paragraph of ``kb`` KB in this
    process, stage by stage as ``pipeline.extract`` runs them; the parse is pickled to
    ``saved`` for the parent to time attribution on."""
    from quotes import attribute, furniture, nlp, pipeline, quotemarks

    text = paragraph(kb, seed)
    paragraphs = furniture.paragraphs(text)
    spans = quotemarks.find_quotes(text, paragraphs)
    stretches = pipeline.needed_stretches(paragraphs, spans)
    model = nlp.load()
    start = time.perf_counter()
    (parsed,) = nlp.parse_many(model, [(text, stretches)])
    parse = time.perf_counter() - start
    found = attribute.attribute(text, paragraphs, spans, parsed)
    with open(saved, "wb") as handle:
        pickle.dump((paragraphs, spans, parsed), handle)
    return {
        "kb": kb,
        "chars": len(text),
        "parse": parse,
        "quotes": len(found),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def interleaved(rows: list[dict[str, float]], seed: int, folder: str) -> None:
    """Time quote finding and attribution for every size in turns, round after round, and
    keep each one's best: load on a shared machine then weighs on all sizes alike. As in
    ``timeit``, the garbage collector is off while a run is timed, so that collections
    driven by what else this process holds do not count."""
    from quotes import attribute

    for row in rows:
        row["find"] = row["attribute"] = float("inf")
    for _ in range(ROUNDS):
        for row in rows:
            text = paragraph(int(row["kb"]), seed)
            with open(_saved(folder, row["kb"]), "rb") as handle:
                paragraphs, spans, parsed = pickle.load(handle)
            for _ in range(FIND_REPEATS):
                seconds = _timed(_find, text)
                row["find"] = min(row["find"], seconds)
            seconds = _timed(attribute.attribute, text, paragraphs, spans, parsed)
            row["attribute"] = min(row["attribute"], seconds)
            gc.collect()


def _find(text: str) -> object:
    """Quote finding as ``pipeline.extract`` does it: paragraphs, then marks."""
    from quotes import furniture, quotemarks

    return quotemarks.find_quotes(text, furniture.paragraphs(text))


def _timed(work: Callable[..., object], *args: object) -> float:
    """Seconds ``work(*args)`` takes with the garbage collector off."""
    gc.disable()
    try:
        start = time.perf_counter()
        work(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _saved(folder: str, kb: float) -> str:
    return os.path.join(folder, f"{kb:.0f}.pickle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=int, action="append", help="paragraph size in KB")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--saved", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child, args.seed, args.saved)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for kb in args.kb or SIZES_KB:
            saved = _saved(folder, kb)
            command = [sys.executable, __file__, "--child", str(kb), "--seed", str(args.seed)]
            out = subprocess.run(
                [*command, "--saved", saved], check=True, capture_output=True, text=True
            ).stdout
            rows.append(json.loads(out.splitlines()[-1]))
        interleaved(rows, args.seed, folder)
    for previous, row in zip([None, *rows], rows, strict=False):
        print(_row(row, previous))
    _verdict(rows)


def _row(row: dict[str, float], previous: dict[str, float] | None) -> str:
    ratios = "".join(
        f"  {stage} x{row[stage] / max(previous[stage], 1e-9):.2f}"
        for stage in ("find", "parse", "attribute")
        if previous is not None
    )
    return (
        f"{row['kb']:>5} KB ({row['chars']:,} chars): find {row['find']:.3f} s, "
        f"parse {row['parse']:.2f} s, attribute {row['attribute']:.2f} s, "
        f"{row['quotes']:,} quotes, peak {row['peak_mb']:.0f} MB{ratios}"
    )


def _verdict(rows: list[dict[str, float]]) -> None:
    stages = ("find", "attribute")
    worst = {
        stage: max((b[stage] / max(a[stage], 1e-9) for a, b in pairwise(rows)), default=0.0)
        for stage in stages
    }
    first, largest = rows[0], rows[-1]
    doublings = math.log2(largest["kb"] / first["kb"]) if len(rows) > 1 else 1.0
    overall = {
        stage: (largest[stage] / max(first[stage], 1e-9)) ** (1 / doublings) for stage in stages
    }
    print(
        f"worst ratio per doubling: find {worst['find']:.2f}, attribute {worst['attribute']:.2f}"
        f" (bar <= {RATIO_BAR}); over all sizes, per doubling: find {overall['find']:.2f},"
        f" attribute {overall['attribute']:.2f}; peak at {largest['kb']} KB"
        f" {largest['peak_mb']:.0f} MB (bar <= {PEAK_BAR_MB:.0f} MB)"
    )


if __name__ == "__main__":
    main()
