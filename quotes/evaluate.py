"""Measure extracted quotes against a hand-annotated gold set and list the errors by cause.

The measures are those of the shared scorer (``../shared/score.py``), whose docstring
defines them; the figures here agree with it to the third decimal on the same inputs:

* span precision / recall / F1 — a system quote counts when at least half its characters
  lie inside gold quotes (optional ones too); a required gold quote counts when at least
  half its characters are covered by system quotes;
* exact_match_recall — required gold quotes whose best-overlapping system quote has both
  ends within 2 characters;
* attribution strict / lenient — among recalled gold quotes (those marked
  ``speaker_unscored`` left out), the share whose best match names the right speaker:
  the same name once titles are dropped, or (lenient) the same surname; an anonymous or
  group source is right when the system names no one or shares a word with its words;
* end-to-end F1 strict / lenient — recall and precision counting a quote only with a
  right speaker; system quotes that land on optional gold only are left out;
* dedup pair precision / recall — links between recalled gold quotes that are the same
  statement, from the system's cluster ids.

Each miss is also reported as an :class:`EvalError` whose cause says where to look next.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from quotes import lexicon

Row = Mapping[str, Any]
Interval = tuple[int, int]

MISSED = "missed quote"
SPURIOUS = "spurious quote"
BOUNDARY = "wrong boundary"
SPEAKER = "wrong speaker"
CAUSES = (MISSED, SPURIOUS, BOUNDARY, SPEAKER)
SPEAKER_CAUSES = (
    "gold names no one",
    "pronoun",
    "role noun",
    "alias",
    "floating",
    "anonymous",
    "other",
)
PAST_CUES = frozenset({"said", "told", "wrote", "spoke"})

BOUNDARY_SLACK = 2
TEXT_WIDTH = 80
NAME_WIDTH = 24


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words the scorer drops from names before comparing them (titles and offices).
SCORER_TITLES = _words(
    """
    sir dame lord lady baroness baron mr mrs ms miss dr prof professor the rt hon mp rev
    reverend president minister prime chancellor secretary leader deputy shadow
    """
)
# Words the scorer ignores when matching an anonymous or group source.
SCORER_GENERIC = _words("one a an the senior party of some other")

PRONOUNS = (
    lexicon.PERSONAL_PRONOUNS
    | lexicon.MALE_PRONOUNS
    | lexicon.FEMALE_PRONOUNS
    | lexicon.PLURAL_PRONOUNS
)
ROLE_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "your"}
)


@dataclass(frozen=True)
class EvalError:
    """One wrong or missing quote: its cause, where it is, and what each side said."""

    cause: str
    detail: str  # the wrong-speaker sub-cause; "" for the other causes
    article: str
    start: int  # the gold quote's offsets (the system quote's for a spurious one)
    end: int
    text: str  # the gold quote's text (the system quote's for a spurious one)
    gold_speaker: str | None = None
    gold_source: str | None = None
    system_start: int | None = None
    system_end: int | None = None
    system_speaker: str | None = None
    speaker_text: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Report:
    """The measures, keyed as the shared scorer keys them, and the errors by cause."""

    measures: dict[str, float | int]
    errors: tuple[EvalError, ...]


# --- loading ----------------------------------------------------------------------------------


def load_gold(path: str) -> list[dict[str, Any]]:
    """The gold quotes of a JSON Lines file; ValueError names the first bad line."""
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(io.StringIO(_utf8_text(path), newline=None), start=1):
        if line.strip():
            rows.append(_gold_row(line, f"{path}:{number}"))
    return rows


def _utf8_text(path: str) -> str:
    """The text of a UTF-8 file; ValueError naming the file if it is not UTF-8."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not valid UTF-8 (byte {error.start})") from error


def _gold_row(line: str, where: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(row, dict):
        raise ValueError(f"{where}: not a JSON object")
    if not isinstance(row.get("article"), str):
        raise ValueError(f"{where}: no article name")
    start, end = row.get("start"), row.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError(f"{where}: start and end must be offsets with start < end")
    return row


def load_clusters(path: str | None) -> list[dict[str, Any]] | None:
    """The gold clusters of a JSON file, or None without a path."""
    if path is None:
        return None
    try:
        data = json.loads(_utf8_text(path))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc.msg})") from exc
    if not isinstance(data, list) or not all(_is_cluster(c) for c in data):
        raise ValueError(f"{path}: not a list of clusters with members")
    return data


def _is_cluster(value: object) -> bool:
    return isinstance(value, dict) and "cluster" in value and isinstance(value.get("members"), list)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- speakers ---------------------------------------------------------------------------------


def name_words(name: str | None) -> list[str]:
    """A name's lower-case words, titles dropped, as the scorer compares them."""
    words = re.findall(r"[a-z][a-z'\-]*", (name or "").lower().replace("’", "'"))
    return [word for word in words if word not in SCORER_TITLES]


def _source_words(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z]+", (text or "").lower())) - SCORER_GENERIC


def speaker_matches(gold: Row, speaker: str | None, lenient: bool) -> bool:
    """Whether a system speaker is right for a gold quote (lenient: same surname)."""
    if gold.get("speaker") is None:
        if not speaker:
            return True
        sources = [gold.get("source"), *gold.get("source_aliases", [])]
        return bool(_source_words(speaker) & set().union(*map(_source_words, sources)))
    mine = name_words(speaker)
    if not mine:
        return False
    names = [name_words(n) for n in [gold["speaker"], *gold.get("speaker_aliases", [])]]
    if lenient:
        return any(words and words[-1] == mine[-1] for words in names)
    return mine in names


def speaker_cause(gold: Row, row: Row) -> str:
    """The likely cause of a wrong speaker, read from the system row: one of SPEAKER_CAUSES."""
    speaker = row.get("speaker")
    text = (row.get("speaker_text") or "").strip()
    if gold.get("speaker") is not None and not _gold_names_someone(gold):
        return "gold names no one"
    if gold.get("speaker") is None or not speaker or _is_anonymous(text):
        return "anonymous"
    if speaker_matches(gold, speaker, lenient=True):
        return "alias"
    if row.get("rule") == "floating":
        return "floating"
    if text.lower() in PRONOUNS:
        return "pronoun"
    if _is_role_noun(text):
        return "role noun"
    gold_words = {
        w for n in [gold["speaker"], *gold.get("speaker_aliases", [])] for w in name_words(n)
    }
    if gold_words & (set(name_words(speaker)) | set(name_words(text))):
        return "alias"
    return "other"


def _gold_names_someone(gold: Row) -> bool:
    """False when every gold name is only titles ("the president") or a reporting verb
    ("said"): no system speaker can match it."""
    names = [name_words(n) for n in [gold["speaker"], *gold.get("speaker_aliases", [])]]
    return any(words and not all(_is_cue_word(w) for w in words) for words in names)


def _is_cue_word(word: str) -> bool:
    return word in PAST_CUES or word in lexicon.CUE_LEMMAS or word[:-1] in lexicon.CUE_LEMMAS


def _is_anonymous(text: str) -> bool:
    words = text.lower().split()
    return (
        bool(words)
        and words[0] in lexicon.ANONYMOUS_DETERMINERS
        and any(w in lexicon.ANONYMOUS_NOUNS for w in words)
    )


def _is_role_noun(text: str) -> bool:
    words = text.split()
    return bool(words) and (words[0][0].islower() or words[0].lower() in ROLE_DETERMINERS)


# --- spans ------------------------------------------------------------------------------------


def _span(row: Row) -> Interval:
    start, end = row.get("start", 0), row.get("end", 0)
    if not (_is_int(start) and _is_int(end)):
        raise ValueError(f"quote offsets must be integers: {start!r}, {end!r}")
    return start, end


def covered(span: Interval, others: Iterable[Interval]) -> int:
    """How many characters of span lie inside at least one of others."""
    start, end = span
    pieces = sorted((max(a, start), min(b, end)) for a, b in others)
    total, reach = 0, start
    for a, b in pieces:
        total += max(0, b - max(a, reach))
        reach = max(reach, b)
    return total


def _mostly_inside(span: Interval, others: Iterable[Interval]) -> bool:
    return 2 * covered(span, others) >= span[1] - span[0]


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _close(a: Interval, b: Interval) -> bool:
    return abs(a[0] - b[0]) <= BOUNDARY_SLACK and abs(a[1] - b[1]) <= BOUNDARY_SLACK


# --- measures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Matching:
    """Which system quote (by index) best matches each recalled required gold quote."""

    required: list[Row]
    system: list[Row]  # positive-length system quotes in articles the gold covers
    best: dict[int, int]  # required index → system index
    scored: dict[int, int]  # best, without gold quotes whose speaker is unscored


def _match(gold: Sequence[Row], system: Sequence[Row]) -> _Matching:
    articles = {g["article"] for g in gold}
    kept = [s for s in system if s["article"] in articles and _span(s)[1] > _span(s)[0]]
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(kept):
        by_article[row["article"]].append(index)
    required = [g for g in gold if not g.get("optional")]
    best: dict[int, int] = {}
    for i, g in enumerate(required):
        candidates = by_article[g["article"]]
        if candidates and _mostly_inside(_span(g), (_span(kept[n]) for n in candidates)):
            best[i] = max(candidates, key=lambda n: _overlap(_span(g), _span(kept[n])))
    scored = {i: n for i, n in best.items() if not required[i].get("speaker_unscored")}
    return _Matching(required, kept, best, scored)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _right(m: _Matching, lenient: bool) -> set[int]:
    """Required indices whose best match names a right speaker."""
    return {
        i
        for i, n in m.scored.items()
        if speaker_matches(m.required[i], m.system[n].get("speaker"), lenient)
    }


def _judged(gold: Sequence[Row], m: _Matching) -> int:
    """System quotes end-to-end precision is taken over."""
    optional: dict[str, list[Interval]] = defaultdict(list)
    needed: dict[str, list[Interval]] = defaultdict(list)
    for g in gold:
        (optional if g.get("optional") else needed)[g["article"]].append(_span(g))
    unscored = {n for i, n in m.best.items() if i not in m.scored}
    count = 0
    for index, row in enumerate(m.system):
        span = _span(row)
        on_optional_only = _mostly_inside(span, optional[row["article"]]) and not _mostly_inside(
            span, needed[row["article"]]
        )
        count += not on_optional_only and index not in unscored
    return count


def _end_to_end(m: _Matching, judged: int, lenient: bool) -> float:
    right = _right(m, lenient)
    n_scored = sum(1 for g in m.required if not g.get("speaker_unscored"))
    precision = _ratio(len({m.best[i] for i in right}), judged)
    return _f1(precision, _ratio(len(right), n_scored))


def _dedup(m: _Matching, clusters: Sequence[Row]) -> dict[str, float | int]:
    index = {(g["article"], g.get("text")): i for i, g in enumerate(m.required)}
    gold_cluster: dict[int, Any] = {}
    for cluster in clusters:
        for member in cluster["members"]:
            key = (member["article"], member["text"])
            if key in index:
                gold_cluster[index[key]] = cluster["cluster"]
    tp = fp = fn = 0
    for i, j in combinations(range(len(m.required)), 2):
        same_gold = i in gold_cluster and gold_cluster[i] == gold_cluster.get(j)
        if i in m.best and j in m.best:
            a, b = m.best[i], m.best[j]
            label = m.system[a].get("cluster")
            same_system = label is not None and label == m.system[b].get("cluster") and a != b
        else:
            same_system = False
        tp += same_gold and same_system
        fp += same_system and not same_gold
        fn += same_gold and not same_system
    return {
        "dedup_pair_precision": round(_ratio(tp, tp + fp), 3),
        "dedup_pair_recall": round(_ratio(tp, tp + fn), 3),
        "dedup_gold_pairs": tp + fn,
    }


def measures(
    gold: Sequence[Row], system: Sequence[Row], clusters: Sequence[Row] | None = None
) -> dict[str, float | int]:
    """The shared scorer's measures, under its keys, rounded to 3 decimals."""
    m = _match(gold, system)
    spans: dict[str, list[Interval]] = defaultdict(list)
    for g in gold:
        spans[g["article"]].append(_span(g))
    inside = sum(_mostly_inside(_span(s), spans[s["article"]]) for s in m.system)
    exact = sum(_close(_span(m.required[i]), _span(m.system[n])) for i, n in m.best.items())
    precision = _ratio(inside, len(m.system))
    recall = _ratio(len(m.best), len(m.required))
    judged = _judged(gold, m)
    out: dict[str, float | int] = {
        "gold_quotes": len(m.required),
        "system_quotes": len(m.system),
        "span_precision": round(precision, 3),
        "span_recall": round(recall, 3),
        "span_f1": round(_f1(precision, recall), 3),
        "exact_match_recall": round(_ratio(exact, len(m.required)), 3),
        "attribution_strict": round(_ratio(len(_right(m, False)), len(m.scored)), 3),
        "attribution_lenient": round(_ratio(len(_right(m, True)), len(m.scored)), 3),
        "end_to_end_f1": round(_end_to_end(m, judged, False), 3),
        "end_to_end_f1_lenient": round(_end_to_end(m, judged, True), 3),
    }
    if clusters is not None:
        out.update(_dedup(m, clusters))
    return out


# --- errors -----------------------------------------------------------------------------------


def errors(gold: Sequence[Row], system: Sequence[Row]) -> tuple[EvalError, ...]:
    """Every missed, spurious, ill-bounded or misattributed quote, in cause order."""
    m = _match(gold, system)
    found: list[EvalError] = []
    for i, g in enumerate(m.required):
        if i not in m.best:
            found.append(_gold_error(MISSED, "", g, None))
            continue
        row = m.system[m.best[i]]
        if not _close(_span(g), _span(row)):
            found.append(_gold_error(BOUNDARY, "", g, row))
        if i in m.scored and not speaker_matches(g, row.get("speaker"), lenient=False):
            found.append(_gold_error(SPEAKER, speaker_cause(g, row), g, row))
    spans: dict[str, list[Interval]] = defaultdict(list)
    for g in gold:
        spans[g["article"]].append(_span(g))
    for row in m.system:
        if not _mostly_inside(_span(row), spans[row["article"]]):
            start, end = _span(row)
            found.append(
                EvalError(
                    SPURIOUS,
                    "",
                    row["article"],
                    start,
                    end,
                    row.get("text") or "",
                    **_system_fields(row),
                )
            )
    return tuple(sorted(found, key=_error_order))


def _gold_error(cause: str, detail: str, gold: Row, row: Row | None) -> EvalError:
    start, end = _span(gold)
    extra = _system_fields(row) if row is not None else {}
    return EvalError(
        cause,
        detail,
        gold["article"],
        start,
        end,
        gold.get("text") or "",
        gold_speaker=gold.get("speaker"),
        gold_source=gold.get("source"),
        **extra,
    )


def _system_fields(row: Row) -> dict[str, Any]:
    start, end = _span(row)
    return {
        "system_start": start,
        "system_end": end,
        "system_speaker": row.get("speaker"),
        "speaker_text": row.get("speaker_text"),
        "rule": row.get("rule"),
    }


def _error_order(error: EvalError) -> tuple[int, int, str, int, int]:
    detail = SPEAKER_CAUSES.index(error.detail) if error.detail else -1
    return CAUSES.index(error.cause), detail, error.article, error.start, error.end


def coverage_warning(gold: Sequence[Row], stored: Collection[str]) -> str | None:
    """A warning when gold articles are not among the ``stored`` article ids: a database
    built from other articles scores every gold quote as missed."""
    articles = {g["article"] for g in gold}
    missing = articles - set(stored)
    if not missing:
        return None
    if missing == articles:
        noun = "article is" if len(articles) == 1 else "articles are"
        return f"none of the {len(articles)} gold {noun} in the database: is it the right one?"
    verb = "is" if len(missing) == 1 else "are"
    return f"{len(missing)} of the {len(articles)} gold articles {verb} not in the database"


def evaluate(
    gold: Sequence[Row], system: Sequence[Row], clusters: Sequence[Row] | None = None
) -> Report:
    """The measures and the errors of system quotes against gold quotes."""
    return Report(measures(gold, system, clusters), errors(gold, system))


# --- report -----------------------------------------------------------------------------------


def shorten(text: str, width: int = TEXT_WIDTH) -> str:
    """Text on one line, cut to width characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def format_error(error: EvalError) -> str:
    """One error on one line: where, what, and what each side named."""
    where = f"{error.article} {error.start}-{error.end}"
    if error.cause == BOUNDARY:
        where += f" (system {error.system_start}-{error.system_end})"
    parts = [where, json.dumps(shorten(error.text), ensure_ascii=False)]
    if error.cause != SPURIOUS:
        parts.append(f"gold: {_gold_name(error)}")
    if error.cause != MISSED:
        said = f"system: {error.system_speaker or '(none)'}"
        said += f" [{error.speaker_text or ''} / {error.rule or ''}]"
        parts.append(said)
    return " | ".join(parts)


def _gold_name(error: EvalError) -> str:
    if error.gold_speaker is not None:
        return error.gold_speaker
    return f"(anonymous: {error.gold_source})" if error.gold_source else "(anonymous)"


def format_report(report: Report, show_errors: bool = True) -> str:
    """The measures as aligned name/value lines, then the errors grouped by cause."""
    lines = [f"{name:{NAME_WIDTH}} {value}" for name, value in report.measures.items()]
    if show_errors:
        lines += ["", f"{'errors':{NAME_WIDTH}} {len(report.errors)}"]
        for cause in CAUSES:
            group = [e for e in report.errors if e.cause == cause]
            if group and cause == SPEAKER:
                lines.append(f"{cause} ({len(group)})")
                lines += _format_speaker_groups(group)
            elif group:
                lines.append(f"{cause} ({len(group)})")
                lines += [f"  {format_error(e)}" for e in group]
    return "\n".join(lines)


def _format_speaker_groups(group: Sequence[EvalError]) -> list[str]:
    lines: list[str] = []
    for detail in SPEAKER_CAUSES:
        sub = [e for e in group if e.detail == detail]
        if sub:
            lines.append(f"  {detail} ({len(sub)})")
            lines += [f"    {format_error(e)}" for e in sub]
    return lines
