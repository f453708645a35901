"""Gender from first names: the only module that touches nomquamgender's name data."""

from __future__ import annotations

from functools import cache
from typing import Any

FEMALE_AT_LEAST = 0.85
"""Share of people with the name who are women above which the name counts as female."""
MALE_AT_MOST = 0.15
"""Share below which the name counts as male; anything between is left unknown."""
MIN_PEOPLE = 1000
"""Names borne by fewer people in the data are too rare to judge."""


@cache
def _classifier() -> Any:
    import nomquamgender

    return nomquamgender.NBGC()


def first_name_gender(first_name: str) -> str | None:
    """ "female", "male" or None (unknown, rare or mixed) for a first name."""
    if not first_name.isalpha() or len(first_name) < 2:
        return None
    _, _, _, people, share_female = _classifier().annotate([first_name])[0]
    if people is None or share_female is None or people < MIN_PEOPLE:
        return None
    if share_female >= FEMALE_AT_LEAST:
        return "female"
    if share_female <= MALE_AT_MOST:
        return "male"
    return None
