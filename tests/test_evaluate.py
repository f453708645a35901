"""Tests of quotes.evaluate: each measure, each error cause, the loaders and the report."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from quotes import evaluate as ev
from quotes.evaluate import EvalError, Report

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ART = "harbour.txt"


def gold(start: int, end: int, speaker: str | None = "Maria Lopez", **extra: Any) -> dict[str, Any]:
    row = {"article": ART, "start": start, "end": end, "text": f"g{start}", "speaker": speaker}
    return row | extra


def system(
    start: int, end: int, speaker: str | None = "Maria Lopez", **extra: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "article": ART,
        "outlet": "Coast Gazette",
        "start": start,
        "end": end,
        "text": f"s{start}",
        "speaker": speaker,
        "speaker_text": speaker,
        "kind": "direct",
        "cluster": None,
        "cue": "said",
        "rule": "cue",
    }
    return row | extra


def measures(gold_rows: list[dict[str, Any]], system_rows: list[dict[str, Any]]) -> dict[str, Any]:
    return ev.evaluate(gold_rows, system_rows, None).measures


def causes(report: Report) -> list[tuple[str, str]]:
    return [(e.cause, e.detail) for e in report.errors]


# --- measures ---------------------------------------------------------------------------------


def test_span_precision_recall_f1_use_half_the_characters() -> None:
    gold_rows = [gold(0, 40), gold(100, 140), gold(200, 220)]
    system_rows = [
        system(0, 40),
        system(110, 130),  # covers exactly half of gold 100-140: recalled
        system(210, 240),  # 10 of 30 inside: not precise, and covers half of gold 200-220
        system(500, 520),  # nowhere near
    ]
    m = measures(gold_rows, system_rows)
    assert (m["gold_quotes"], m["system_quotes"]) == (3, 4)
    assert m["span_precision"] == 0.5
    assert m["span_recall"] == 1.0
    assert m["span_f1"] == 0.667


def test_recall_counts_the_union_of_several_system_quotes() -> None:
    m = measures([gold(0, 40)], [system(0, 12), system(10, 21)])
    assert m["span_recall"] == 1.0
    assert measures([gold(0, 40)], [system(0, 12), system(5, 19)])["span_recall"] == 0.0


def test_exact_match_allows_two_characters_at_each_end() -> None:
    gold_rows = [gold(0, 40), gold(100, 140)]
    m = measures(gold_rows, [system(2, 38), system(97, 140)])
    assert m["exact_match_recall"] == 0.5


def test_system_quotes_in_other_articles_and_empty_spans_are_ignored() -> None:
    rows = [system(0, 40), system(0, 40, article="elsewhere.txt"), system(60, 60)]
    m = measures([gold(0, 40)], rows)
    assert m["system_quotes"] == 1
    assert m["span_precision"] == 1.0


def test_attribution_strict_drops_titles_and_lenient_needs_the_surname() -> None:
    gold_rows = [gold(0, 40), gold(100, 140), gold(200, 240)]
    system_rows = [
        system(0, 40, "Dr Maria Lopez"),
        system(100, 140, "Ana Lopez"),
        system(200, 240, "Maria"),
    ]
    m = measures(gold_rows, system_rows)
    assert m["attribution_strict"] == 0.333
    assert m["attribution_lenient"] == 0.667


def test_attribution_accepts_speaker_aliases_and_skips_unscored() -> None:
    gold_rows = [
        gold(0, 40, speaker_aliases=["Maria López-Ortega"]),
        gold(100, 140, speaker_unscored=True),
    ]
    m = measures(gold_rows, [system(0, 40, "Maria López-Ortega"), system(100, 140, "Nobody")])
    assert m["attribution_strict"] == 1.0
    assert m["end_to_end_f1"] == 1.0


def test_anonymous_source_is_right_with_no_name_or_a_shared_word() -> None:
    gold_rows = [
        gold(0, 40, None, source="a harbour official"),
        gold(100, 140, None, source="one senior party figure", source_aliases=["port staff"]),
        gold(200, 240, None, source="residents"),
    ]
    system_rows = [
        system(0, 40, None),
        system(100, 140, "Port Authority"),
        system(200, 240, "a senior party figure"),
    ]
    m = measures(gold_rows, system_rows)
    assert m["attribution_strict"] == m["attribution_lenient"] == 0.667


def test_end_to_end_ignores_system_quotes_on_optional_gold_only() -> None:
    gold_rows = [gold(0, 40), gold(100, 140), gold(300, 320, optional=True)]
    system_rows = [system(0, 40), system(100, 140, "Ana Lopez"), system(300, 320)]
    m = measures(gold_rows, system_rows)
    assert m["span_recall"] == 1.0
    assert m["end_to_end_f1"] == 0.5  # precision 1/2, recall 1/2
    assert m["end_to_end_f1_lenient"] == 1.0


def test_no_system_quotes_gives_zeros() -> None:
    m = measures([gold(0, 40)], [])
    assert m["span_precision"] == m["span_recall"] == m["span_f1"] == 0.0
    assert m["attribution_strict"] == m["end_to_end_f1"] == 0.0
    assert "dedup_pair_precision" not in m


def test_dedup_pairs_from_cluster_ids() -> None:
    gold_rows = [gold(0, 40), gold(100, 140), gold(200, 240), gold(300, 340)]
    clusters = [
        {
            "cluster": "tides",
            "members": [{"article": ART, "text": "g0"}, {"article": ART, "text": "g100"}],
        },
        {
            "cluster": "fees",
            "members": [{"article": ART, "text": "g200"}, {"article": ART, "text": "g300"}],
        },
    ]
    system_rows = [
        system(0, 40, cluster=1),
        system(100, 140, cluster=1),
        system(200, 240, cluster=2),
        system(300, 340, cluster=1),
    ]
    m = ev.evaluate(gold_rows, system_rows, clusters).measures
    assert m["dedup_gold_pairs"] == 2
    assert m["dedup_pair_precision"] == 0.333  # right: 0~100; wrong: 0~300, 100~300
    assert m["dedup_pair_recall"] == 0.5


def test_dedup_counts_a_missed_member_as_a_missed_link() -> None:
    gold_rows = [gold(0, 40), gold(100, 140)]
    clusters = [{"cluster": "c", "members": [{"article": ART, "text": t} for t in ("g0", "g100")]}]
    m = ev.evaluate(gold_rows, [system(0, 40, cluster=7)], clusters).measures
    assert (m["dedup_pair_precision"], m["dedup_pair_recall"], m["dedup_gold_pairs"]) == (
        0.0,
        0.0,
        1,
    )


# --- errors -----------------------------------------------------------------------------------


def test_missed_spurious_and_boundary_errors() -> None:
    gold_rows = [gold(0, 40), gold(100, 140), gold(300, 320, optional=True)]
    report = ev.evaluate(gold_rows, [system(95, 140), system(500, 520)], None)
    assert causes(report) == [
        ("missed quote", ""),
        ("spurious quote", ""),
        ("wrong boundary", ""),
    ]
    missed, spurious, boundary = report.errors
    assert (missed.start, missed.end, missed.gold_speaker, missed.system_speaker) == (
        0,
        40,
        "Maria Lopez",
        None,
    )
    assert (spurious.start, spurious.text, spurious.system_speaker) == (500, "s500", "Maria Lopez")
    assert (boundary.start, boundary.system_start, boundary.rule) == (100, 95, "cue")


@pytest.mark.parametrize(
    ("gold_row", "system_row", "detail"),
    [
        (gold(0, 40), system(0, 40, "Tom Reed", speaker_text="she"), "pronoun"),
        (gold(0, 40), system(0, 40, "Tom Reed", speaker_text="the harbour master"), "role noun"),
        (gold(0, 40), system(0, 40, "Tom Reed", speaker_text="The Green candidate"), "role noun"),
        (gold(0, 40), system(0, 40, "Ana Lopez", speaker_text="she"), "alias"),
        (gold(0, 40), system(0, 40, "Maria", speaker_text="Maria"), "alias"),
        (gold(0, 40), system(0, 40, "Tom Reed", rule="floating"), "floating"),
        (gold(0, 40, None, source="dock workers"), system(0, 40, "Tom Reed"), "anonymous"),
        (gold(0, 40), system(0, 40, None, speaker_text=None), "anonymous"),
        (gold(0, 40), system(0, 40, "Harbour", speaker_text="one harbour official"), "anonymous"),
        (gold(0, 40), system(0, 40, "Tom Reed"), "other"),
        (gold(0, 40, "the president"), system(0, 40, "Tom Reed"), "gold names no one"),
        (gold(0, 40, "says"), system(0, 40, "Tom Reed"), "gold names no one"),
    ],
)
def test_wrong_speaker_causes(
    gold_row: dict[str, Any], system_row: dict[str, Any], detail: str
) -> None:
    report = ev.evaluate([gold_row], [system_row], None)
    assert causes(report) == [("wrong speaker", detail)]
    error = report.errors[0]
    assert (error.gold_speaker, error.system_speaker) == (
        gold_row["speaker"],
        system_row["speaker"],
    )
    assert error.speaker_text == system_row["speaker_text"]


def test_right_speakers_and_unscored_speakers_are_not_errors() -> None:
    gold_rows = [gold(0, 40), gold(100, 140, speaker_unscored=True), gold(200, 240, None)]
    system_rows = [system(0, 40, "Ms Maria Lopez"), system(100, 140, "X"), system(200, 240, None)]
    assert ev.evaluate(gold_rows, system_rows, None).errors == ()


# --- report -----------------------------------------------------------------------------------


def test_format_report_lists_measures_then_errors_by_cause() -> None:
    long_text = "The tide tables were wrong " * 6
    gold_rows = [gold(0, 40, text=long_text), gold(100, 140), gold(200, 240)]
    system_rows = [system(100, 140, "Tom Reed", speaker_text="he"), system(200, 240, "Tom Reed")]
    text = ev.format_report(ev.evaluate(gold_rows, system_rows, None))
    lines = text.splitlines()
    assert lines[0] == f"{'gold_quotes':24} 3"
    assert lines[2] == f"{'span_precision':24} 1.0"
    assert f"{'errors':24} 3" in lines
    assert "missed quote (1)" in lines
    assert "wrong speaker (2)" in lines
    assert "  pronoun (1)" in lines and "  other (1)" in lines
    missed_line = lines[lines.index("missed quote (1)") + 1]
    assert missed_line.startswith(f"  {ART} 0-40 ")
    assert "…" in missed_line and "gold: Maria Lopez" in missed_line
    assert len(ev.shorten(long_text)) == 80
    pronoun_line = lines[lines.index("  pronoun (1)") + 1]
    assert "system: Tom Reed [he / cue]" in pronoun_line


def test_format_report_without_errors_has_measures_only() -> None:
    text = ev.format_report(ev.evaluate([gold(0, 40)], [], None), show_errors=False)
    assert len(text.splitlines()) == 10
    assert "missed" not in text


def test_error_lines_name_anonymous_sources() -> None:
    error = EvalError("missed quote", "", ART, 0, 5, "Hi", gold_speaker=None, gold_source="aides")
    assert "gold: (anonymous: aides)" in ev.format_error(error)


# --- loading ----------------------------------------------------------------------------------


def test_load_gold_reads_rows_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold(0, 40)) + "\n\n" + json.dumps(gold(50, 60)) + "\n", "utf-8")
    assert [row["start"] for row in ev.load_gold(str(path))] == [0, 50]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"start": 0, "end": 4}', "no article"),
        ('{"article": "a", "start": 9, "end": 4}', "start < end"),
        ('{"article": "a", "start": "0", "end": 4}', "start < end"),
    ],
)
def test_load_gold_names_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold(0, 40)) + "\n" + line + "\n", "utf-8")
    with pytest.raises(ValueError, match=rf"gold\.jsonl:2: .*{message}"):
        ev.load_gold(str(path))


def test_load_clusters(tmp_path: Path) -> None:
    assert ev.load_clusters(None) is None
    good = tmp_path / "c.json"
    good.write_text('[{"cluster": "x", "members": []}]', "utf-8")
    assert ev.load_clusters(str(good)) == [{"cluster": "x", "members": []}]
    for bad_text in ("{oops", '{"cluster": "x"}', '[{"members": []}]'):
        good.write_text(bad_text, "utf-8")
        with pytest.raises(ValueError, match=r"c\.json"):
            ev.load_clusters(str(good))


def test_evaluate_rejects_offsets_that_are_not_numbers() -> None:
    with pytest.raises(ValueError, match="offsets"):
        ev.evaluate([gold(0, 40)], [system(0, 40) | {"start": "0"}], None)


# --- agreement with the shared scorer ---------------------------------------------------------


def _shared_scorer() -> ModuleType:
    path = SHARED / "score.py"
    if not path.exists():
        pytest.skip(f"the shared scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NAMES = ["Maria Lopez", "Tom Reed", "Ana Lopez", "Dr Maria Lopez", "Maria", "Sir Tom Reed", "Reed"]
SOURCES = ["a harbour official", "dock workers", "one senior party figure", None]


def _random_case(
    rng: random.Random,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
    articles = ["a.txt", "b.txt"]
    gold_rows: list[dict[str, Any]] = []
    for n in range(rng.randint(0, 8)):
        start = rng.randint(0, 400)
        row = gold(start, start + rng.randint(1, 60), rng.choice([*NAMES[:3], None]))
        row.update(article=rng.choice(articles), text=f"q{n}")
        if row["speaker"] is None:
            row["source"] = rng.choice(SOURCES)
        if rng.random() < 0.2:
            row["optional"] = True
        if rng.random() < 0.1:
            row["speaker_unscored"] = True
        if rng.random() < 0.1:
            row["speaker_aliases"] = [rng.choice(NAMES)]
        gold_rows.append(row)
    system_rows: list[dict[str, Any]] = []
    for g in gold_rows:
        for _ in range(rng.choice([0, 1, 1, 2])):
            start = max(0, g["start"] + rng.randint(-6, 6))
            row = system(start, g["end"] + rng.randint(-20, 6), rng.choice([*NAMES, None]))
            row.update(article=g["article"], cluster=rng.choice([None, 1, 2, 3]))
            system_rows.append(row)
    for _ in range(rng.randint(0, 3)):
        start = rng.randint(0, 450)
        row = system(start, start + rng.randint(0, 40), rng.choice([*NAMES, None]))
        row.update(article=rng.choice([*articles, "c.txt"]), cluster=rng.choice([None, 1]))
        system_rows.append(row)
    rng.shuffle(system_rows)
    members = [{"article": g["article"], "text": g["text"]} for g in gold_rows]
    clusters = [
        {"cluster": f"c{k}", "members": rng.sample(members, min(len(members), rng.randint(0, 3)))}
        for k in range(3)
    ]
    return gold_rows, system_rows, clusters


def _seed_case(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
    gold_rows = [
        json.loads(line) for line in (SHARED / "gold/seed-quotes.jsonl").open(encoding="utf-8")
    ]
    clusters = json.loads((SHARED / "gold/seed-clusters.json").read_text(encoding="utf-8"))
    system_rows = []
    for g in gold_rows:
        if rng.random() < 0.8:
            speaker = g.get("speaker") or g.get("source")
            if rng.random() < 0.3:
                speaker = rng.choice([*NAMES, None])
            start = g["start"] + rng.randint(-3, 3)
            row = system(start, g["end"] + rng.randint(-8, 3), speaker)
            row.update(article=g["article"], cluster=rng.randint(0, 12))
            system_rows.append(row)
    return gold_rows, system_rows, clusters


def test_figures_agree_with_the_shared_scorer() -> None:
    scorer = _shared_scorer()
    rng = random.Random(20240607)
    cases = [_random_case(rng) for _ in range(400)]
    if (SHARED / "gold/seed-quotes.jsonl").exists():
        cases += [_seed_case(rng) for _ in range(20)]
    for gold_rows, system_rows, clusters in cases:
        for with_clusters in (None, clusters):
            expected = scorer.score(gold_rows, system_rows, with_clusters)
            assert ev.evaluate(gold_rows, system_rows, with_clusters).measures == expected
