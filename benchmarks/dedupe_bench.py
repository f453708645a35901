"""Benchmark ``quotes.dedupe.cluster`` on generated quotes with a known truth.

    python benchmarks/dedupe_bench.py --n 100000 --n 1000000 [--seed 7]

Each N runs in its own child process (so peak memory is that run's own): it generates N
quote occurrences from random sentences over a seeded pseudo-word vocabulary (Zipf-like
word frequencies), each occurrence being one statement's original wording, an exact
copy with surface changes (case, curly quotes, dashes, ellipses, editorial brackets,
trailing punctuation), a fragment of four or more words (sometimes with a word dropped),
a variant (words changed, dropped, added or respelled) or a one-to-three word fragment
credited to the statement's speaker. Some long occurrences have no speaker or a
different one. The generator knows each occurrence's statement; pair precision and
recall are computed from the contingency table of (true statement, found statement)
counts, never by enumerating pairs.

Reported per N: generation excluded, the wall time of ``cluster``, the peak resident
memory of the child process (``ru_maxrss``, which includes the generated input) and the
resident memory before clustering; then the ratio of the largest N's time to the
smallest's.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotes.dedupe import cluster
from quotes.models import Occurrence

VOCABULARY = 20000
COMMON = 300
QUOTES_PER_STATEMENT = 4
STATEMENTS_PER_SPEAKER = 8


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    seen: dict[str, None] = {}
    while len(seen) < VOCABULARY:
        seen["".join(rng.choice(letters) for _ in range(rng.randint(3, 10)))] = None
    return list(seen)


def _surface(rng: random.Random, ws: list[str]) -> str:
    """Verbatim text of words with random surface changes that normalise away."""
    out = list(ws)
    if rng.random() < 0.1:
        out.insert(
            rng.randrange(1, len(out)) if len(out) > 1 else 1, "[" + ws[0] + " " + ws[-1] + "]"
        )
    if rng.random() < 0.1 and len(out) > 2:
        i = rng.randrange(1, len(out))
        out[i - 1] = out[i - 1] + rng.choice(["—", " - ", "…", "...", ","])
    text = " ".join(out)
    r = rng.random()
    if r < 0.2:
        text = text.upper()
    elif r < 0.7:
        text = text[:1].upper() + text[1:]
    if rng.random() < 0.3:
        text = rng.choice(["“", "‘", '"']) + text + rng.choice(["”", "’", '"'])
    return text + rng.choice(["", ".", ",", "!", "...", "?"])


def generate(n: int, seed: int) -> tuple[list[Occurrence], list[int]]:
    """N occurrences and, for each, the index of the statement it truly belongs to."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1.0 / (rank + 10) for rank in range(len(vocab))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    rank = {w: i for i, w in enumerate(vocab)}
    n_statements = max(1, n // QUOTES_PER_STATEMENT)
    speakers = [f"Speaker {i}" for i in range(max(1, n_statements // STATEMENTS_PER_SPEAKER))]
    occs: list[Occurrence] = []
    truth: list[int] = []
    s = 0
    while len(occs) < n:
        ws = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(6, 30))
        speaker = rng.choice(speakers)
        extra = rng.choices(
            ["copy", "fragment", "variant", "short"], [40, 25, 20, 15], k=rng.randint(0, 6)
        )
        kinds = ["original", *extra]
        for kind in kinds:
            if len(occs) >= n:
                break
            who: str | None = speaker
            if kind == "short":
                starts = [i for i, w in enumerate(ws) if rank[w] >= COMMON]
                if not starts:
                    continue
                i = rng.choice(starts)
                words = ws[i : i + rng.randint(1, 3)]
            else:
                r = rng.random()
                who = None if r < 0.05 else rng.choice(speakers) if r < 0.07 else speaker
                words = list(ws)
                if kind == "fragment":
                    size = rng.randint(4, max(4, int(len(ws) * 0.7)))
                    i = rng.randrange(0, len(ws) - size + 1)
                    words = ws[i : i + size]
                    if size >= 7 and rng.random() < 0.3:
                        del words[rng.randrange(1, size - 1)]
                elif kind == "variant":
                    for _ in range(max(1, len(ws) // 12)):
                        j = rng.randrange(len(words))
                        op = rng.random()
                        if op < 0.3:
                            words[j] = rng.choice(vocab)
                        elif op < 0.5 and len(words) > 6:
                            del words[j]
                        elif op < 0.7:
                            words.insert(j, rng.choice(vocab))
                        else:
                            words[j] = words[j][:-1] + "e" if len(words[j]) > 3 else words[j]
            occs.append(Occurrence(len(occs) + 1, _surface(rng, words), who))
            truth.append(s)
        s += 1
    return occs, truth


def _pairs(counts: Counter[int] | Counter[tuple[int, int]]) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def measure(n: int, seed: int) -> dict[str, float]:
    """Generate, cluster and score N quotes in this process."""
    occs, truth = generate(n, seed)
    rss_before = _current_rss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    result = cluster(occs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    found = [result.memberships[o.key].statement for o in occs]
    both = _pairs(Counter(zip(truth, found, strict=True)))
    true_pairs = _pairs(Counter(truth))
    found_pairs = _pairs(Counter(found))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "statements_true": len(set(truth)),
        "statements_found": len(result.statements),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": peak_mb,
        "input_mb": rss_before,
        "precision": both / found_pairs if found_pairs else 1.0,
        "recall": both / true_pairs if true_pairs else 1.0,
    }


def _current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, action="append", help="quotes to generate (repeat)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.n or [100_000, 1_000_000]
    if any(n < 1 for n in sizes):
        parser.error("--n must be positive")
    if args.child:
        sys.stdout.write(json.dumps(measure(sizes[0], args.seed)) + "\n")
        return 0
    rows = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--child", "--n", str(n), "--seed", str(args.seed)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout))
    head = f"{'quotes':>10} {'statements':>11} {'found':>9} {'wall s':>7} {'cpu s':>7}"
    head += f" {'peak MB':>8}"
    head += f" {'input MB':>9} {'precision':>9} {'recall':>7}"
    lines = [head]
    for r in rows:
        lines.append(
            f"{r['n']:>10,} {r['statements_true']:>11,} {r['statements_found']:>9,}"
            f" {r['seconds']:>7.2f} {r['cpu_seconds']:>7.2f}"
            f" {r['peak_mb']:>8.0f} {r['input_mb']:>9.0f}"
            f" {r['precision']:>9.4f} {r['recall']:>7.4f}"
        )
    if len(rows) > 1:
        small = min(rows, key=lambda r: r["n"])
        large = max(rows, key=lambda r: r["n"])
        for what in ("seconds", "cpu_seconds"):
            ratio = large[what] / small[what]
            lines.append(
                f"{'wall' if what == 'seconds' else 'cpu'} time({large['n']:,}) /"
                f" time({small['n']:,}) = {ratio:.2f} for {large['n'] / small['n']:.0f}x the quotes"
            )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
