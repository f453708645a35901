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


# --- roles ---------------------------------------------------------------------------------------


def test_the_chancellor_is_not_the_shadow_chancellor(quotes_of: Extract) -> None:
    text = (
        "Tom Pellow has issued a rallying cry to his party. Shadow chancellor Jane Roe called "
        "it empty.\nThe chancellor said the vote would give a “clear choice” to the country."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Tom Pellow"]


def test_a_role_before_a_name_the_parser_cut_off_is_still_that_persons(
    quotes_of: Extract,
) -> None:
    text = (
        "Tom Pellow has urged Portwell mayor Ken Ashby to apologise for his remarks.\n"
        "The reporter Ann Kerr asked about the fares. The mayor then said: “Fares will fall.”"
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ken Ashby"]


def test_the_president_is_not_the_vice_president(quotes_of: Extract) -> None:
    text = (
        "President Ann Kerr opened the museum. Vice President Tom Pellow spoke first.\n"
        "It was, the president said, “a day for the whole city”."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ann Kerr"]


def test_the_home_secretary_is_the_person_titled_so(quotes_of: Extract) -> None:
    text = (
        "Migrants will face a test, Home Secretary Tom Pellow has said.\n"
        "Mr Pellow will unveil his plans on Monday. The plans are long. They cover work. They "
        "cover study. But Tory John Doe said the plans were weak.\n"
        "The home secretary said he wanted to “know everybody in the country”."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Tom Pellow"]


def test_the_committee_is_the_body_the_article_named(quotes_of: Extract) -> None:
    text = (
        "A report by the Commons ferry and harbours committee called for the board to go. "
        "Committee chairman Tom Pellow said it was overdue.\n"
        "The committee said the board was “a failing organisation”."
    )
    assert speakers(quotes_of(text)) == [
        ("a failing organisation", "Commons ferry and harbours committee", "organisation")
    ]


def test_the_report_and_it_go_to_the_body_that_wrote_it(quotes_of: Extract) -> None:
    text = (
        "A report by the Portwell Harbour Commission was published on Monday.\n"
        "The report urged the board to draw up an “abandonment option”. It warned that the "
        "ferry was “in crisis”."
    )
    assert [q.speaker for q in quotes_of(text)] == [
        "Portwell Harbour Commission",
        "Portwell Harbour Commission",
    ]


def test_a_report_nobody_is_said_to_have_issued_is_no_bodys(quotes_of: Extract) -> None:
    text = (
        "The Portwell Harbour Commission only requires that boats are “seaworthy”, the "
        "report says.\nThe Ferry Trust report said the fares were “far too high”."
    )
    assert [(q.speaker, q.speaker_text) for q in quotes_of(text)] == [
        (None, "the report"),
        ("Ferry Trust", "The Ferry Trust report"),
    ]
