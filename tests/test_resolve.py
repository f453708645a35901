"""Tests of quotes.resolve and quotes.cast on British news style: spokespeople, bodies, titles
before names and roles, each on sentences written for the tests, with the real model."""

from __future__ import annotations

from collections.abc import Callable

from quotes.models import Attribution

Extract = Callable[..., tuple[Attribution, ...]]


def speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None, str | None]]:
    """(text, speaker, speaker_kind) for each quote found."""
    return [(q.text, q.speaker, q.speaker_kind) for q in found]


# --- spokespeople ------------------------------------------------------------------------------


def test_an_unnamed_spokesman_speaks_for_the_organisation_before_him(quotes_of: Extract) -> None:
    text = "“The ferry will sail on time,” said a Portwell Harbour Board spokesman."
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_kind, quote.speaker_text) == (
        "Portwell Harbour Board",
        "organisation",
        "a Portwell Harbour Board spokesman",
    )


def test_a_spokeswoman_for_an_organisation_speaks_for_it(quotes_of: Extract) -> None:
    text = (
        "Jane Roe, a spokeswoman for the Ferry Users Group, praised the plan.\n"
        "A spokeswoman for the Portwell Harbour Board said the timetable was “under review”."
    )
    assert speakers(quotes_of(text)) == [("under review", "Portwell Harbour Board", "organisation")]


def test_the_spokesman_is_the_organisation_whose_spokesman_spoke_last(quotes_of: Extract) -> None:
    text = (
        "John Doe, spokesman for the Ferry Users Group, was angry.\n"
        "A spokesman for the Portwell Harbour Board said the fares would rise.\n"
        "“We have no choice,” the spokesman added."
    )
    assert speakers(quotes_of(text)) == [
        ("We have no choice,", "Portwell Harbour Board", "organisation")
    ]


def test_a_party_spokesperson_speaks_for_the_party_by_its_full_name(quotes_of: Extract) -> None:
    text = "A Conservative spokesperson said: “The scheme is a shambles.”"
    assert speakers(quotes_of(text)) == [
        ("The scheme is a shambles.", "Conservative Party", "organisation")
    ]


def test_a_named_spokesman_is_the_person(quotes_of: Extract) -> None:
    text = "Rhys Owen, the Portwell Party transport spokesman, said: “The scheme is a shambles.”"
    assert speakers(quotes_of(text)) == [("The scheme is a shambles.", "Rhys Owen", "person")]


def test_a_spokesman_for_an_acronym_speaks_for_the_name_it_stands_for(quotes_of: Extract) -> None:
    text = (
        "Anna Kerr joined the Portwell Independence Party (PIP) in May.\n"
        "A PIP spokesman said: “She will stand in the autumn.”"
    )
    assert speakers(quotes_of(text)) == [
        ("She will stand in the autumn.", "Portwell Independence Party", "organisation")
    ]


def test_a_name_before_its_description_is_the_subject(quotes_of: Extract) -> None:
    text = "Rhys Owen, Portwell Party transport spokesman said: “The scheme is a shambles.”"
    assert speakers(quotes_of(text)) == [("The scheme is a shambles.", "Rhys Owen", "person")]


def test_the_spokesman_reaches_back_past_a_long_quote(quotes_of: Extract) -> None:
    text = (
        "A spokesman for the Harbour Board said the fares would rise. “We have no choice. "
        "Fuel costs more. Wages cost more. Repairs cost more. Nothing is cheap,” he said.\n"
        "“We regret it.” The spokesman said the board would meet again."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Harbour Board", "Harbour Board"]


# --- names and bodies ----------------------------------------------------------------------------


def test_an_organisation_name_runs_on_through_of(quotes_of: Extract) -> None:
    text = "The Portwell College of Nursing said the wards were “dangerously understaffed”."
    assert speakers(quotes_of(text)) == [
        ("dangerously understaffed", "Portwell College of Nursing", "organisation")
    ]
