"""Tests of quotes.dedupe: normalisation, exact / fragment / variant links, conflicts,
and determinism. Every sentence here is made up for the tests."""

from __future__ import annotations

import json
import random

import pytest

from quotes.dedupe import Clustering, cluster, normalise, word_diff, words
from quotes.models import Membership, Occurrence, Statement

LONG = (
    "Building these new bridges proves that our towns deserve better roads and "
    "they’re willing to invest their money in our renewed transport plan for everyone."
)
OTHER = "The harbour will reopen next spring once the engineers have finished the sea wall."
THIRD = "Nobody in this council chamber voted for the closure of the children's library."


def occ(key: int, text: str, speaker: str | None = "Ada Quill", **kw: str) -> Occurrence:
    return Occurrence(key, text, speaker, **kw)  # type: ignore[arg-type]


def statement_of(result: Clustering, key: int) -> Statement:
    return result.statements[result.memberships[key].statement]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We’re  READY—truly… ready!”", "were ready truly ready"),
        ("We're ready - truly ... ready.", "were ready truly ready"),
        ("‘Don`t’   stop\n now,", "dont stop now"),
        ("He's [the mayor] resigned", "hes resigned"),
        ("He’s resigned...", "hes resigned"),
        ("cost-of-living crisis", "cost of living crisis"),
        ("Ｆｕｌｌｗｉｄｔｈ text", "fullwidth text"),
        ("  ", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected
    assert words(text) == tuple(expected.split())


def test_exact_duplicates_form_one_statement() -> None:
    result = cluster(
        [
            occ(1, OTHER, "Ada Quill", outlet="Daily A"),
            occ(2, "“" + OTHER.upper().replace(" ", "  ") + "”", "Ada Quill", outlet="Daily B"),
            occ(3, THIRD, "Ben Ortiz"),
        ]
    )
    assert result.statements == {
        1: Statement(1, OTHER, ("Ada Quill",), (1, 2), False),
        3: Statement(3, THIRD, ("Ben Ortiz",), (3,), False),
    }
    assert result.memberships == {
        1: Membership(1, 1, "exact"),
        2: Membership(2, 1, "exact"),
        3: Membership(3, 3, "exact"),
    }


def test_editorial_brackets_match_the_plain_quote() -> None:
    text = "She's [the minister] broken every promise she made to this town"
    result = cluster([occ(5, text), occ(9, "She’s broken every promise she made to this town.")])
    assert result.memberships[9].relation == "exact"
    assert json.loads(result.memberships[9].diff or "[]") == [
        ["=", "She’s"],
        ["-", "[the minister]"],
        ["=", "broken every promise she made to this town."],
    ]
    assert result.statements[5].text == text


def test_fragment_with_small_edits_joins_the_longer_quote() -> None:
    fragment = "willing to invest money in our renewed transport plan"
    result = cluster([occ(1, fragment, "Cara Venn"), occ(2, LONG, "Cara Venn")])
    assert result.statements == {1: Statement(1, LONG, ("Cara Venn",), (1, 2), False)}
    assert result.memberships == {
        1: Membership(1, 1, "fragment"),
        2: Membership(2, 1, "exact"),
    }


def test_unrelated_quote_with_shared_words_stays_apart() -> None:
    loose = "Our towns deserve a plan, not money for bridges nobody is willing to cross"
    result = cluster([occ(1, LONG), occ(2, loose)])
    assert len(result.statements) == 2


def test_short_fragment_joins_same_speaker_only() -> None:
    result = cluster(
        [
            occ(1, OTHER, "Ada Quill"),
            occ(2, "sea wall", "Ada Quill"),
            occ(3, "sea wall", "Ben Ortiz"),
            occ(4, "sea wall", None),
            occ(5, "‘engineers’", "Ada Quill"),
        ]
    )
    assert result.statements[1] == Statement(1, OTHER, ("Ada Quill",), (1, 2, 5), False)
    assert result.memberships[2] == Membership(2, 1, "fragment")
    assert result.memberships[5] == Membership(5, 1, "fragment")
    assert result.statements[3] == Statement(3, "sea wall", ("Ben Ortiz",), (3,), False)
    assert result.statements[4] == Statement(4, "sea wall", (), (4,), False)


def test_same_short_words_from_two_speakers_are_not_merged() -> None:
    result = cluster([occ(1, "dreadful", "Ada Quill"), occ(2, "Dreadful.", "Ben Ortiz")])
    assert result.memberships == {1: Membership(1, 1, "exact"), 2: Membership(2, 2, "exact")}
    assert not any(s.conflict for s in result.statements.values())


def test_short_fragment_does_not_glue_two_speakers_statements() -> None:
    ada = "The harbour must stay open to every fishing family in the county."
    ben = "Closing the harbour would save the county a fortune in repairs."
    result = cluster(
        [occ(1, ada, "Ada Quill"), occ(2, ben, "Ben Ortiz"), occ(3, "harbour", "Ben Ortiz")]
    )
    assert result.statements == {
        1: Statement(1, ada, ("Ada Quill",), (1,), False),
        2: Statement(2, ben, ("Ben Ortiz",), (2, 3), False),
    }


def test_variant_records_its_word_diff() -> None:
    canonical = "We will never give up on the people of this valley, whatever London decides."
    variant = "We will not ever give up on the good people of this valey, whatever London decides"
    result = cluster([occ(4, variant, "Dan Pike"), occ(7, canonical, "Dan Pike")])
    diff = json.dumps(
        [
            ["=", "We will"],
            ["-", "never"],
            ["+", "not ever"],
            ["=", "give up on the"],
            ["+", "good"],
            ["=", "people of this"],
            ["-", "valley,"],
            ["+", "valey,"],
            ["=", "whatever London decides"],
        ]
    )
    # the wording with more words is canonical, whichever came first
    assert result.statements == {4: Statement(4, variant, ("Dan Pike",), (4, 7), False)}
    assert result.memberships[4] == Membership(4, 4, "exact")
    reverse = word_diff(variant, canonical)
    assert result.memberships[7] == Membership(7, 4, "variant", reverse)
    assert word_diff(canonical, variant) == diff


def test_variant_diff_keeps_the_outlets_casing_and_marks_its_insertions() -> None:
    canonical = "We have decided that the Portwell brand will enter the small van segment next year"
    printed = "we have decided that Portwell [vans] will enter the small van segment next year"
    result = cluster([occ(1, canonical, "Ada Quill"), occ(2, printed, "Ada Quill")])
    ops = json.loads(result.memberships[2].diff or "[]")
    assert ops == [
        ["=", "we have decided that"],
        ["-", "the"],
        ["=", "Portwell"],
        ["-", "brand"],
        ["+", "[vans]"],
        ["=", "will enter the small van segment next year"],
    ]
    assert " ".join(w for op, w in ops if op != "-") == printed


def test_an_editorial_insertion_alone_is_exact_but_marked() -> None:
    printed = "He [Ben Ortiz] failed that test, and the town wants a change of course now."
    plain = "He failed that test, and the town wants a change of course now."
    result = cluster([occ(1, plain, "Ada Quill"), occ(2, printed, "Ada Quill")])
    assert result.memberships[2].relation == "exact"
    assert json.loads(result.memberships[2].diff or "[]") == [
        ["=", "He"],
        ["+", "[Ben Ortiz]"],
        ["=", "failed that test, and the town wants a change of course now."],
    ]
    assert result.memberships[1] == Membership(1, 1, "exact")


def test_diff_reconstructs_both_wordings() -> None:
    a, b = "The river is rising fast tonight.", "the river rose so fast  tonight"
    ops = json.loads(word_diff(a, b))
    assert " ".join(w for op, w in ops if op != "-") == "the river rose so fast tonight"
    assert [w for op, w in ops if op == "-"] == ["is rising"]


def test_conflicting_speakers_are_flagged_most_frequent_first() -> None:
    longer = "My advice to the chancellor is simple: " + OTHER
    result = cluster(
        [
            occ(1, OTHER, "Ada Quill", outlet="Daily A"),
            occ(2, longer, "Ben Ortiz", outlet="Daily B"),
            occ(3, longer, "Ben Ortiz", outlet="Daily C"),
        ]
    )
    assert result.statements == {
        1: Statement(1, longer, ("Ben Ortiz", "Ada Quill"), (1, 2, 3), True)
    }
    assert result.memberships[1] == Membership(1, 1, "fragment")
    assert result.memberships[2] == Membership(2, 1, "exact")


def test_missing_speaker_is_no_conflict() -> None:
    result = cluster([occ(1, THIRD, "Ben Ortiz"), occ(2, THIRD, None), occ(3, THIRD, "Ben Ortiz")])
    assert result.statements == {1: Statement(1, THIRD, ("Ben Ortiz",), (1, 2, 3), False)}


VOCAB = [
    "river",
    "bank",
    "town",
    "mayor",
    "closed",
    "bridge",
    "road",
    "rain",
    "water",
    "council",
    "vote",
    "plan",
    "money",
]


def _random_quotes(rng: random.Random, n: int) -> list[Occurrence]:
    bases = [" ".join(rng.choices(VOCAB, k=rng.randint(5, 14))) for _ in range(n // 4 + 1)]
    speakers = ["Ada Quill", "Ben Ortiz", "Cara Venn", None]
    out = []
    for key in range(1, n + 1):
        ws = rng.choice(bases).split()
        r = rng.random()
        if r < 0.3:
            i = rng.randrange(len(ws))
            ws = ws[i : i + rng.randint(1, 6)]
        elif r < 0.5:
            ws[rng.randrange(len(ws))] = rng.choice(VOCAB)
        out.append(occ(key, " ".join(ws), rng.choice(speakers)))
    return out


def test_clustering_does_not_depend_on_input_order() -> None:
    quotes = _random_quotes(random.Random(42), 200)
    shuffled = list(quotes)
    random.Random(1).shuffle(shuffled)
    first, second = cluster(quotes), cluster(shuffled)
    assert first.statements == second.statements
    assert first.memberships == second.memberships
    assert len(first.statements) < len(quotes)


def test_bad_arguments_raise_value_error() -> None:
    with pytest.raises(ValueError):
        cluster([occ(1, OTHER), occ(1, THIRD)])
    with pytest.raises(ValueError):
        cluster(["not an occurrence"])  # type: ignore[list-item]
