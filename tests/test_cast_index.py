"""The indexes ``cast.Context`` keeps so that a long article's lookups stay linear: each must
give exactly what a scan of every mention gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.cast import Context, Mention, resolve_name
from quotes.nlp import Parsed

NAMES = (
    "Ann",
    "Tom",
    "Gallagher",
    "Galagher",
    "Gallagherr",
    "Gallaghre",
    "Roe",
    "Vale",
    "Ashworth",
)
ROLES = (None, "minister", "council leader", "shadow minister", "leader")
GENDERS = (None, "male", "female")

mentions = st.lists(
    st.builds(
        Mention,
        start=st.integers(0, 9000),
        parts=st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(tuple),
        gender=st.sampled_from(GENDERS),
        role=st.sampled_from(ROLES),
        party=st.none(),
        quoted=st.booleans(),
    ),
    max_size=12,
)
asked = st.lists(st.sampled_from(NAMES), min_size=1, max_size=2).map(tuple)


def context(found: list[Mention]) -> Context:
    return Context("", Parsed(()), (), frozenset(), tuple(found), {})


@settings(max_examples=300, deadline=None)
@given(mentions, asked, st.sampled_from(GENDERS), st.integers(0, 9000), st.booleans())
def test_namesakes_resolve_a_name_as_every_mention_does(
    found: list[Mention], parts: tuple[str, ...], gender: str | None, at: int, first_ok: bool
) -> None:
    ctx = context(found)
    by_index = resolve_name(ctx.namesakes(parts), parts, gender, at, first_ok)
    assert by_index == resolve_name(ctx.mentions, parts, gender, at, first_ok)


@settings(max_examples=200, deadline=None)
@given(mentions, st.sets(st.sampled_from(("minister", "council", "leader", "shadow")), max_size=2))
def test_holders_are_the_mentions_whose_role_has_every_word(
    found: list[Mention], words: set[str]
) -> None:
    expected = [m for m in found if words and m.role and words <= set(m.role.split())]
    assert context(found).holders(words) == expected
