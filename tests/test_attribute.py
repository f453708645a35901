"""Tests of quotes.attribute: each rule on sentences written for the tests, with the real model,
then the pure helpers on hand-built records."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quotes.cast import (
    Mention,
    clean_name,
    is_proper,
    organisation_at,
    resolve_name,
    text_mentions,
)
from quotes.models import Attribution
from quotes.nlp import Tok
from quotes.tree import cue_subject, is_cue, is_subject

Extract = Callable[..., tuple[Attribution, ...]]


def rows(found: tuple[Attribution, ...]) -> list[tuple[object, ...]]:
    """(text, speaker, kind, cue, said_to) for each quote found."""
    return [(q.text, q.speaker, q.speaker_kind, q.cue, q.said_to) for q in found]


# --- where the speaker stands -----------------------------------------------------------------


def test_speaker_before_quote(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe said: “The ferry timetable is a disgrace.”"
    (quote,) = quotes_of(text)
    assert quote == Attribution(
        start=24,
        end=58,
        text="The ferry timetable is a disgrace.",
        kind="direct",
        speaker="Daniel Whitcombe",
        speaker_text="Daniel Whitcombe",
        speaker_kind="person",
        cue="said",
        rule="governing-cue",
    )
    assert text[quote.start : quote.end] == quote.text


def test_speaker_after_quote_as_pronoun(quotes_of: Extract) -> None:
    text = "Rachel Ashworth visited the pier.\n“The ferry timetable is a disgrace,” she said."
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [
        ("The ferry timetable is a disgrace,", "Rachel Ashworth", "person", "said", None)
    ]
    assert quote.speaker_text == "she"


def test_inverted_said_clause(quotes_of: Extract) -> None:
    text = "“The pier is safe,” said Daniel Whitcombe."
    assert rows(quotes_of(text)) == [
        ("The pier is safe,", "Daniel Whitcombe", "person", "said", None)
    ]


def test_colon_intro_from_previous_paragraph(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe had a blunt message for the board:\n“Sell the ferry.”"
    (quote,) = quotes_of(text)
    assert (quote.text, quote.speaker, quote.rule) == (
        "Sell the ferry.",
        "Daniel Whitcombe",
        "colon-intro",
    )


def test_according_to(quotes_of: Extract) -> None:
    text = "The timetable is “beyond repair”, according to Daniel Whitcombe."
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [("beyond repair", "Daniel Whitcombe", "person", "according", None)]
    assert quote.rule == "according-to"


def test_told_medium_is_said_to(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe told the Evening Lantern: “The pier is safe.”"
    assert rows(quotes_of(text)) == [
        ("The pier is safe.", "Daniel Whitcombe", "person", "told", "the Evening Lantern")
    ]


def test_told_medium_after_quote(quotes_of: Extract) -> None:
    text = "“We need a new boat,” Ms Ashworth told Radio Skerry."
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [("We need a new boat,", "Ashworth", "person", "told", "Radio Skerry")]


def test_said_in_a_statement(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe said in a statement: “The figures were wrong.”"
    assert rows(quotes_of(text)) == [
        ("The figures were wrong.", "Daniel Whitcombe", "person", "said", None)
    ]


def test_partial_quote_governed_by_cue(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe described the plan as “a waste of everyone’s time”."
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [
        ("a waste of everyone’s time", "Daniel Whitcombe", "person", "described", None)
    ]
    assert (quote.kind, quote.rule) == ("partial", "governing-cue")


def test_likening_something_to_a_quote_is_a_cue(quotes_of: Extract) -> None:
    text = "Another critic, Dana Quinn, likened the levy to “robbing the harbour blind” on Monday."
    assert [(q.text, q.speaker) for q in quotes_of(text)] == [
        ("robbing the harbour blind", "Dana Quinn")
    ]


def test_footage_of_a_person_saying_is_that_persons_quote(quotes_of: Extract) -> None:
    text = (
        "The clip closes with footage of Dana Quinn saying at the launch last month, "
        "“That keeps the pier safe,” while the crowd cheers."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Dana Quinn"]


def test_a_video_is_not_the_speaker_of_the_words_it_shows(quotes_of: Extract) -> None:
    text = (
        "The video concludes with footage of Dana Quinn saying during the debate, "
        "“That makes it safe,” when Roe attacked her."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Dana Quinn"]


def test_a_cue_in_a_when_clause_after_the_quote_is_not_its_speakers(quotes_of: Extract) -> None:
    text = (
        "The video concludes with footage of Dana Quinn saying during the debate last week, "
        "“That makes it safe,” when Tom Roe criticised her for it."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Dana Quinn"]


def test_an_inverted_cue_before_a_name_and_a_colon(quotes_of: Extract) -> None:
    text = "Critics said the plan was costly. Said Quinn: “I don’t get the sense they care.”"
    assert [q.speaker for q in quotes_of(text)] == ["Quinn"]


def test_a_quote_set_off_by_dashes_after_a_name_is_that_persons(quotes_of: Extract) -> None:
    text = (
        "Several councillors have said the same, including the harbour chair Dana Quinn — "
        "“Nobody should sell a pier without asking the town” — and Tom Roe, a former mayor."
    )
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.rule) == ("Dana Quinn", "dash-aside")


def test_according_to_in_another_sentence_does_not_source_a_partial_quote(
    quotes_of: Extract,
) -> None:
    text = (
        "He sold “miracle” tonics at the fair. "
        "Most of his advice was wrong, according to the county health board."
    )
    assert quotes_of(text) == ()


def test_a_when_clause_in_the_next_sentence_still_reports_the_quote(quotes_of: Extract) -> None:
    text = "“We will win this fight.” When Dana Quinn said it, the crowd on the pier cheered."
    assert [q.speaker for q in quotes_of(text)] == ["Dana Quinn"]


def test_floating_paragraphs_inherit_the_speaker(quotes_of: Extract) -> None:
    text = (
        "Rachel Ashworth said: “The ferry timetable is a disgrace.\n"
        "“Nobody on the island can rely on it.\n"
        "“We need a new boat.”"
    )
    found = quotes_of(text)
    assert [(q.text, q.speaker, q.rule) for q in found] == [
        ("The ferry timetable is a disgrace.", "Rachel Ashworth", "governing-cue"),
        ("Nobody on the island can rely on it.", "Rachel Ashworth", "floating"),
        ("We need a new boat.", "Rachel Ashworth", "floating"),
    ]


def test_resumed_quote_gets_the_same_speaker(quotes_of: Extract) -> None:
    text = "Rachel Ashworth looked at the sea. “Well,” she said, “that is the end of it.”"
    assert [(q.text, q.speaker, q.kind) for q in quotes_of(text)] == [
        ("Well,", "Rachel Ashworth", "direct"),
        ("that is the end of it.", "Rachel Ashworth", "direct"),
    ]


# --- pronouns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("pronoun", "speaker"), [("he", "Whitcombe"), ("she", "Ashworth")])
def test_pronoun_picks_person_of_matching_gender(
    quotes_of: Extract, pronoun: str, speaker: str
) -> None:
    text = f"Ms Ashworth and Mr Whitcombe met at the pier.\n“The ferry is late,” {pronoun} said."
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text) == (speaker, pronoun)


def test_honorific_parsed_as_determiner_still_gives_gender(quotes_of: Extract) -> None:
    # the model tags this "Ms" as a determiner; it must still count as her title
    text = "Ms Quill and Mr Dorran met at the pier.\n“The ferry timetable is a disgrace,” he said."
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text) == ("Dorran", "he")


@pytest.mark.parametrize(("pronoun", "speaker"), [("he", "Whitcombe"), ("she", "Ashworth")])
def test_pronoun_after_embedded_clause_naming_someone_else(
    quotes_of: Extract, pronoun: str, speaker: str
) -> None:
    text = (
        "Mr Whitcombe said Ms Ashworth had misled the board.\n"
        f"“The figures were wrong,” {pronoun} said."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == speaker


def test_he_prefers_main_clause_subject(quotes_of: Extract) -> None:
    text = (
        "Daniel Whitcombe said he had spoken to Tom Pellow about the pier.\n"
        "“The ferry timetable is a disgrace,” he said."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Daniel Whitcombe"


# --- names ------------------------------------------------------------------------------------


def test_honorific_surname_resolves_to_full_name(quotes_of: Extract) -> None:
    text = (
        "Rachel Ashworth, a councillor, spoke to reporters on Monday.\n"
        "Ms Ashworth said: “We need a new boat.”"
    )
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text) == ("Rachel Ashworth", "Ms Ashworth")


def test_sir_firstname_resolves_to_full_name(quotes_of: Extract) -> None:
    text = "Professor Sir Hamish Toller spoke first.\nSir Hamish said: “The data is clear.”"
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text) == ("Hamish Toller", "Sir Hamish")


def test_prof_surname_resolves_to_full_name(quotes_of: Extract) -> None:
    text = "Professor Sir Hamish Toller spoke first.\nProf Toller said: “The data is clear.”"
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text) == ("Hamish Toller", "Prof Toller")


def test_titles_dropped_from_canonical_name(quotes_of: Extract) -> None:
    text = (
        "Professor Sir Hamish Toller said: “The data is clear.”\n"
        "Lord Edwin Farrow said: “The bill is flawed.”"
    )
    assert [(q.speaker, q.speaker_text) for q in quotes_of(text)] == [
        ("Hamish Toller", "Professor Sir Hamish Toller"),
        ("Edwin Farrow", "Lord Edwin Farrow"),
    ]


def test_shared_surname_told_apart_by_honorific(quotes_of: Extract) -> None:
    text = (
        "Ms Rachel Ashworth and her husband, Mr Tom Ashworth, run the cafe.\n"
        "Ms Ashworth said: “The ferry is late.”\n"
        "Mr Ashworth said: “The ferry is always late.”"
    )
    assert [(q.text, q.speaker) for q in quotes_of(text)] == [
        ("The ferry is late.", "Rachel Ashworth"),
        ("The ferry is always late.", "Tom Ashworth"),
    ]


# --- roles ------------------------------------------------------------------------------------


def test_role_and_party_premodifier_kept(quotes_of: Extract) -> None:
    text = "Green party leader Jane Roe said: “We will fight every seat.”"
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text, quote.role, quote.party) == (
        "Jane Roe",
        "Green party leader Jane Roe",
        "party leader",
        "Green",
    )


def test_apposition_aside_between_subject_and_cue(quotes_of: Extract) -> None:
    text = (
        "Daniel Whitcombe opened the meeting.\n"
        "Mr Whitcombe, a former teacher who ran the village school for 20 years, said: "
        "“The closure is a tragedy.”"
    )
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [
        ("The closure is a tragedy.", "Daniel Whitcombe", "person", "said", None)
    ]
    assert quote.speaker_text == "Mr Whitcombe"


def test_role_noun_resolves_to_its_holder(quotes_of: Extract) -> None:
    text = (
        "Daniel Whitcombe, the party leader, spoke at the rally.\n"
        "Rachel Ashworth, a councillor, also attended.\n"
        "The party leader said: “We will fight every seat.”"
    )
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text, quote.speaker_kind) == (
        "Daniel Whitcombe",
        "The party leader",
        "person",
    )


def test_a_surname_that_is_also_a_title_is_a_person(quotes_of: Extract) -> None:
    (quote,) = quotes_of("“The pier is safe,” said Mr King.")
    assert (quote.speaker, quote.speaker_kind) == ("King", "person")


def test_a_capitalised_role_with_no_name_is_an_unnamed_source(quotes_of: Extract) -> None:
    text = "Writing online, the Portwell MP said the decision was “a betrayal of families”."
    assert [(q.speaker, q.speaker_text, q.speaker_kind) for q in quotes_of(text)] == [
        (None, "the Portwell MP", "anonymous")
    ]


def test_the_title_goes_to_its_holder_not_to_the_last_person_named(quotes_of: Extract) -> None:
    text = (
        "Prime Minister Jane Roe visited Portwell on Monday. Tom Pellow met her."
        " The Prime Minister said: “We will rebuild the pier.”"
    )
    assert [(q.speaker, q.speaker_text) for q in quotes_of(text)] == [
        ("Jane Roe", "The Prime Minister")
    ]


def test_the_striker_is_the_person_just_named(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe scored twice on Saturday. “It was a great day,” the striker said."
    assert [(q.speaker, q.speaker_text) for q in quotes_of(text)] == [
        ("Daniel Whitcombe", "the striker")
    ]


def test_the_actress_skips_a_man_named_since(quotes_of: Extract) -> None:
    text = (
        "Rachel Ashworth starred in the film. Tom Pellow directed it."
        " “I loved every minute,” the actress said."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Rachel Ashworth"]


def test_the_24_year_old_is_the_person_just_named_or_no_one(quotes_of: Extract) -> None:
    said = " “We lost,” the 24-year-old said."
    assert [q.speaker for q in quotes_of("Rachel Ashworth won the final." + said)] == [
        "Rachel Ashworth"
    ]
    assert [(q.speaker, q.speaker_text) for q in quotes_of(said.strip())] == [(None, None)]


# --- anonymous, group and organisation sources ------------------------------------------------


def test_anonymous_source_not_pinned_on_named_person(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe spoke at the rally.\nOne official said: “The talks have stalled.”"
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [("The talks have stalled.", None, "anonymous", "said", None)]
    assert quote.speaker_text == "One official"


def test_a_described_source_keeps_its_whole_description(quotes_of: Extract) -> None:
    text = (
        "One lawyer on the planning committee said: “The bill is doomed.”\n"
        "A 41-year-old nurse from Portwell said: “The ward is full every night.”"
    )
    assert [(q.speaker, q.speaker_text, q.speaker_kind) for q in quotes_of(text)] == [
        (None, "One lawyer on the planning committee", "anonymous"),
        (None, "A 41-year-old nurse from Portwell", "anonymous"),
    ]


def test_a_description_with_a_name_in_apposition_is_that_person(quotes_of: Extract) -> None:
    text = (
        "The harbour's finance director, Ms Alma Ruiz, argues that the fees must rise."
        " “We cannot wait,” she told reporters."
    )
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_text, quote.role) == (
        "Alma Ruiz",
        "she",
        "harbour's finance director",
    )


def test_group_source(quotes_of: Extract) -> None:
    text = "Rachel Ashworth backed the plan.\nCritics said: “The scheme is unfair.”"
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [("The scheme is unfair.", None, "group", "said", None)]
    assert quote.speaker_text == "Critics"


def test_group_source_of_partial_quote(quotes_of: Extract) -> None:
    text = "Several residents said the pier was “a death trap”."
    assert rows(quotes_of(text)) == [("a death trap", None, "group", "said", None)]


def test_organisation_subject(quotes_of: Extract) -> None:
    text = "The Harbour Trust said: “The pier is safe.”"
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [("The pier is safe.", "Harbour Trust", "organisation", "said", None)]
    assert quote.speaker_text == "The Harbour Trust"


# --- credits, labels and things that are not quotes -------------------------------------------


def test_dash_credit(quotes_of: Extract) -> None:
    text = "“The pier is safe.” — Rachel Ashworth"
    (quote,) = quotes_of(text)
    assert rows((quote,)) == [("The pier is safe.", "Rachel Ashworth", "person", None, None)]
    assert quote.rule == "dash-credit"


def test_a_dash_before_a_word_that_is_no_name_credits_no_one(quotes_of: Extract) -> None:
    text = "Rachel Ashworth visited the pier.\n“The pier is safe.” - But nobody listened."
    assert [(q.text, q.speaker) for q in quotes_of(text)] == [("The pier is safe.", None)]


def test_transcript_label_starts_span_after_label(quotes_of: Extract) -> None:
    text = (
        "Daniel Whitcombe was interviewed on the radio.\n"
        "“WHITCOMBE: Well, I think the pier is safe.”"
    )
    (quote,) = quotes_of(text)
    assert (quote.text, quote.speaker, quote.speaker_text, quote.rule) == (
        "Well, I think the pier is safe.",
        "Daniel Whitcombe",
        "WHITCOMBE",
        "transcript",
    )
    assert text[quote.start : quote.end] == quote.text


def test_title_of_work_is_not_a_quote(quotes_of: Extract) -> None:
    assert quotes_of("Rachel Ashworth appeared on “Morning Coffee Hour” last week.") == ()


def test_a_programme_named_after_its_broadcaster_is_not_a_quote(quotes_of: Extract) -> None:
    text = "Dana Quinn told Portwell Radio’s “Breakfast Hour” on Friday that the pier was safe."
    assert quotes_of(text) == ()


def test_a_title_after_a_preposition_is_not_a_quote_even_near_a_cue(quotes_of: Extract) -> None:
    text = "“The pier is safe,” Rachel Ashworth said on Portwell Radio’s “Talk of the Town.”"
    assert [q.text for q in quotes_of(text)] == ["The pier is safe,"]


def test_a_quoted_heading_between_paragraphs_is_not_a_quote(quotes_of: Extract) -> None:
    text = (
        "“The pier is safe,” said Rachel Ashworth.\n\n"
        "‘Storms Over the Harbour’\n\n"
        "The council met on Friday."
    )
    assert [q.text for q in quotes_of(text)] == ["The pier is safe,"]


def test_a_short_quoted_sentence_of_its_own_is_kept(quotes_of: Extract) -> None:
    text = "“The pier is safe,” said Rachel Ashworth.\n\n“Thank you.”\n\nThe council met."
    assert [q.text for q in quotes_of(text)] == ["The pier is safe,", "Thank you."]


def test_a_title_after_the_work_it_names_is_not_a_quote(quotes_of: Extract) -> None:
    text = "In her 2011 memoir, “Storms Over the Harbour,” Dana Quinn recalled the floods."
    assert quotes_of(text) == ()


def test_a_title_after_a_preposition_inherits_no_speaker(quotes_of: Extract) -> None:
    text = (
        "“The pier is safe,” said Rachel Ashworth.\n\n"
        "She will speak at “Portwell Harbour Open Day,” a festival on the quay."
    )
    assert [q.text for q in quotes_of(text)] == ["The pier is safe,"]


def test_a_title_case_slogan_opening_its_sentence_is_a_quote(quotes_of: Extract) -> None:
    text = "Rachel Ashworth waved. ''Save Our Pier,'' she said."
    assert [q.speaker for q in quotes_of(text)] == ["Rachel Ashworth"]


def test_a_nickname_inside_a_name_is_not_a_quote(quotes_of: Extract) -> None:
    text = "“We will keep the pier,” Roe's cousin, Margaret “Peg” Quinn, told the crowd."
    assert [q.text for q in quotes_of(text)] == ["We will keep the pier,"]


@pytest.mark.parametrize(
    "text",
    [
        "She would install a 30 percent rate, a version of what has become known as the “Quinn "
        "rule” after Dana Quinn, the investor, complained that he paid less than his clerk.",
        "Dana Quinn said the so-called “pier fund” was empty.",
    ],
)
def test_a_term_being_named_is_not_a_quote_even_near_a_cue(quotes_of: Extract, text: str) -> None:
    assert quotes_of(text) == ()


def test_unsourced_scare_quote_is_dropped(quotes_of: Extract) -> None:
    assert quotes_of("The so-called “miracle cure” was never tested on patients.") == ()


def test_headline_equal_to_title_is_not_quoted(quotes_of: Extract) -> None:
    title = "“Pier is safe” says harbour chief"
    text = f"{title}\nRachel Ashworth said the pier had been checked."
    assert quotes_of(text, title) == ()


def test_same_first_line_is_quoted_without_a_title(quotes_of: Extract) -> None:
    text = "“Pier is safe” says harbour chief\nRachel Ashworth said the pier had been checked."
    assert [q.text for q in quotes_of(text)] == ["Pier is safe"]


# --- pure helpers on hand-built records -------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Professor", "Sir", "Hamish", "Toller"], (("Hamish", "Toller"), "male")),
        (["Lord", "Edwin", "Farrow"], (("Edwin", "Farrow"), "male")),
        (["Ms", "Ashworth"], (("Ashworth",), "female")),
        (["Mrs.", "Ashworth"], (("Ashworth",), "female")),
        (["Green", "party", "leader", "Jane", "Roe"], (("Jane", "Roe"), None)),
        (["Labour", "MP", "Ann", "Kerr"], (("Ann", "Kerr"), None)),
        (["RACHEL", "ASHWORTH"], (("Rachel", "Ashworth"), None)),
        (["Tom", "Pellow", "Jr"], (("Tom", "Pellow"), None)),
        (["Whitcombe", "’s"], (("Whitcombe",), None)),
        (["Dr", "Nadia", "Pellew-Hart"], (("Nadia", "Pellew-Hart"), None)),
        (["Although", "Pellow"], (("Pellow",), None)),
        (['">Pellow'], (("Pellow",), None)),
        (["Mr", "King"], (("King",), "male")),
        (["Dr", "Green"], (("Green",), None)),
        (["Tomas", "Green"], (("Tomas", "Green"), None)),
        (["Ann", "Kerr", "MP"], (("Ann", "Kerr"), None)),
        (["Wolf", "Brother"], ((), None)),
        (["Harbour", "Trust", "CEO", "Ann", "Kerr"], (("Ann", "Kerr"), None)),
        (["Australian", "Tom", "Pellow"], (("Tom", "Pellow"), None)),
        (["Green", "MSP", "Ann", "Kerr"], (("Ann", "Kerr"), None)),
        (["Ann", "Kerr", "QC"], (("Ann", "Kerr"), None)),
        (["G.K.", "Pellow"], (("G.K.", "Pellow"), None)),
        (["JD", "Pellow"], (("JD", "Pellow"), None)),
        (["TOM", "Pellow"], (("Tom", "Pellow"), None)),
        (["Exchequer", "Tom", "Pellow"], (("Tom", "Pellow"), None)),
    ],
)
def test_clean_name(words: list[str], expected: tuple[tuple[str, ...], str | None]) -> None:
    assert clean_name(words) == expected


def mention(start: int, *parts: str, gender: str | None = None, quoted: bool = False) -> Mention:
    return Mention(start, parts, gender, None, None, quoted=quoted)


def test_resolve_name_surname_to_full_name() -> None:
    mentions = [mention(0, "Rachel", "Ashworth"), mention(50, "Ashworth", gender="female")]
    assert resolve_name(mentions, ("Ashworth",), "female", 50) == ("Rachel Ashworth", "female")


def test_resolve_name_first_name_to_full_name() -> None:
    mentions = [mention(0, "Hamish", "Toller", gender="male"), mention(40, "Hamish")]
    assert resolve_name(mentions, ("Hamish",), None, 40) == ("Hamish Toller", "male")


def test_resolve_name_gender_separates_shared_surname() -> None:
    mentions = [
        mention(0, "Rachel", "Ashworth", gender="female"),
        mention(30, "Tom", "Ashworth", gender="male"),
    ]
    assert resolve_name(mentions, ("Ashworth",), "female", 80) == ("Rachel Ashworth", "female")
    assert resolve_name(mentions, ("Ashworth",), "male", 80) == ("Tom Ashworth", "male")


def test_a_bare_surname_is_the_bearer_named_first_among_those_named_lately() -> None:
    mentions = [
        mention(0, "Martin", "Okafor", gender="male"),
        mention(200, "Grace", "Okafor", gender="female"),
        mention(400, "Samuel", "Okafor", gender="male"),
    ]
    assert resolve_name(mentions, ("Okafor",), None, 500) == ("Martin Okafor", "male")


def test_a_bare_surname_skips_a_bearer_named_many_paragraphs_back() -> None:
    mentions = [mention(0, "Martin", "Okafor"), mention(9000, "Grace", "Okafor")]
    assert resolve_name(mentions, ("Okafor",), None, 9500) == ("Grace Okafor", None)


def test_resolve_name_prefers_mentions_outside_quotes() -> None:
    mentions = [
        mention(0, "Tom", "Ashworth", quoted=True),
        mention(30, "Rachel", "Ashworth"),
    ]
    assert resolve_name(mentions, ("Ashworth",), None, 80) == ("Rachel Ashworth", None)


def test_a_surname_misspelt_by_one_letter_is_the_person_named_before(quotes_of: Extract) -> None:
    text = (
        "Two voters, Tamsin Gallagher and Bryan Lowe, came to the rally.\n\n"
        "Galagher said the council had let the pier rot.\n\n"
        "“It is our pier, and they sold it,” she said."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Tamsin Gallagher"]


def test_resolve_name_surname_misspelt_by_one_letter() -> None:
    mentions = [mention(0, "Tamsin", "Gallagher"), mention(60, "Bryan", "Lowe")]
    assert resolve_name(mentions, ("Galagher",), None, 90) == ("Tamsin Gallagher", None)


def test_resolve_name_long_surname_with_two_letters_swapped() -> None:
    mentions = [mention(0, "Tamsin", "Fitzgerald"), mention(60, "Bryan", "Lowe")]
    assert resolve_name(mentions, ("Fitzgeradl",), None, 90) == ("Tamsin Fitzgerald", None)


def test_resolve_name_short_surname_with_two_letters_swapped_is_someone_else() -> None:
    mentions = [mention(0, "Tamsin", "Morgan")]
    assert resolve_name(mentions, ("Mogran",), None, 90) == ("Mogran", None)


def test_resolve_name_short_surname_one_letter_off_is_someone_else() -> None:
    mentions = [mention(0, "Tamsin", "Lowe")]
    assert resolve_name(mentions, ("Low",), None, 90) == ("Low", None)


def test_resolve_name_unknown_name_kept() -> None:
    mentions = [mention(0, "Rachel", "Ashworth")]
    assert resolve_name(mentions, ("Pellow",), "male", 10) == ("Pellow", "male")
    assert resolve_name(mentions, (), None, 10) == ("", None)


def toks(*specs: tuple[str, str, str, str, int]) -> list[Tok]:
    """Tokens from (text, lemma, pos, dep, head) tuples, laid out with single spaces."""
    out: list[Tok] = []
    start = 0
    for i, (text, lemma, pos, dep, head) in enumerate(specs):
        out.append(Tok(i, start, text, lemma, pos, pos, dep, head, 0, 0))
        start += len(text) + 1
    return out


def test_is_cue() -> None:
    said, told, ate, says_noun = toks(
        ("said", "say", "VERB", "ROOT", 0),
        ("told", "tell", "VERB", "ROOT", 1),
        ("ate", "eat", "VERB", "ROOT", 2),
        ("says", "say", "NOUN", "ROOT", 3),
    )
    assert [is_cue(t) for t in (said, told, ate, says_noun)] == [True, True, False, False]


def test_cue_subject_direct() -> None:
    tokens = toks(
        ("Roe", "Roe", "PROPN", "nsubj", 1),
        ("said", "say", "VERB", "ROOT", 1),
    )
    assert cue_subject(tokens, tokens[1]) == tokens[0]


def test_cue_subject_through_conjunction() -> None:
    # "Roe smiled and said"
    tokens = toks(
        ("Roe", "Roe", "PROPN", "nsubj", 1),
        ("smiled", "smile", "VERB", "ROOT", 1),
        ("and", "and", "CCONJ", "cc", 1),
        ("said", "say", "VERB", "conj", 1),
    )
    assert cue_subject(tokens, tokens[3]) == tokens[0]


def test_cue_subject_none_without_subject() -> None:
    # "Asked about it, ..." has no subject of its own and is the root here
    tokens = toks(("Asked", "ask", "VERB", "ROOT", 0), ("about", "about", "ADP", "prep", 0))
    assert cue_subject(tokens, tokens[0]) is None


def test_cue_subject_is_the_name_just_before_a_verb_left_without_one() -> None:
    # "..., Quinn and Roe call them": the parser hung the names on the noun before the comma
    tokens = toks(
        ("war", "war", "NOUN", "pobj", 0),
        (",", ",", "PUNCT", "punct", 0),
        ("Quinn", "Quinn", "PROPN", "conj", 0),
        ("and", "and", "CCONJ", "cc", 2),
        ("Roe", "Roe", "PROPN", "conj", 2),
        ("call", "call", "VERB", "ROOT", 5),
        ("them", "they", "PRON", "dobj", 5),
    )
    assert cue_subject(tokens, tokens[5]) == tokens[4]


def test_stage_directions_in_brackets_are_not_quotes(quotes_of: Extract) -> None:
    text = "Daniel Whitcombe said: “The harbour will reopen in May.”\n“(APPLAUSE.)”\n“[Inaudible]”"
    assert rows(quotes_of(text)) == [
        ("The harbour will reopen in May.", "Daniel Whitcombe", "person", "said", None)
    ]


def test_partial_quote_needs_a_cue_in_its_own_sentence(quotes_of: Extract) -> None:
    text = (
        "Rachel Ashworth said the council would decide next week. "
        "The plan looks like a “harbour grab” to some."
    )
    assert rows(quotes_of(text)) == []


def test_passive_cue_takes_its_agent_as_the_source(quotes_of: Extract) -> None:
    text = "The plan has been called a “harbour grab” by local fishermen."
    assert rows(quotes_of(text)) == [("harbour grab", None, "group", "called", None)]
    assert quotes_of(text)[0].speaker_text == "local fishermen"


def test_a_lone_surname_speaker_is_a_person(quotes_of: Extract) -> None:
    text = "Okafor said the bridge had been inspected twice.\n“It will stand,” she said."
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_kind, quote.speaker_text) == ("Okafor", "person", "she")


def test_resolve_name_after_a_surname_title_looks_at_surnames_only() -> None:
    mentions = [mention(0, "Okafor", "Station")]
    assert resolve_name(mentions, ("Okafor",), None, 50, first_name_ok=False) == (
        "Okafor",
        None,
    )
    assert resolve_name(mentions, ("Okafor",), None, 50) == ("Okafor Station", None)


def test_mr_with_a_surname_is_not_matched_to_a_first_name(quotes_of: Extract) -> None:
    text = "Crowds gathered at Okafor Park on Sunday.\n“We want the benches back,” Mr. Okafor said."
    assert quotes_of(text)[0].speaker == "Okafor"


def test_he_needs_a_subject_or_a_name_known_to_be_male_to_point_back_to(
    quotes_of: Extract,
) -> None:
    fixtures = "The fixture list pairs Bolton with Portwell Rovers on Saturday."
    thanks = "The club thanked Daniel Whitcombe on Saturday."
    said = " “We are ready,” he said."
    assert [q.speaker for q in quotes_of(fixtures + said)] == [None]
    assert [q.speaker for q in quotes_of(thanks + said)] == ["Daniel Whitcombe"]


def test_pronoun_prefers_the_nearer_sentence_over_an_older_subject(quotes_of: Extract) -> None:
    text = (
        "Helen Marsh opened the meeting on Monday.\n"
        "The vote was close, with the motion opposed by Rachel Ashworth.\n"
        "“We will appeal,” she said."
    )
    assert quotes_of(text)[0].speaker == "Rachel Ashworth"


def test_an_organisation_keeps_its_whole_name(quotes_of: Extract) -> None:
    text = "“We stand by our reporting,” the North Harbour Gazette said in a statement."
    (quote,) = quotes_of(text)
    assert (quote.speaker, quote.speaker_kind) == ("North Harbour Gazette", "organisation")


def test_names_found_by_capitals_lose_a_leading_common_word() -> None:
    text = "Meanwhile Tomas Berg left the hall. The band played on meanwhile."
    assert [m.parts for m in text_mentions(text)] == [("Tomas", "Berg")]


def test_names_found_by_capitals_drop_a_possessive_ending() -> None:
    text = "The plan was Margaret Okafor’s idea."
    assert [m.parts for m in text_mentions(text)] == [("Margaret", "Okafor")]


def test_a_common_noun_opening_a_sentence_is_not_a_first_name() -> None:
    text = "The vote was close. Rival Margaret Okafor mocked the plan."
    assert [m.parts for m in text_mentions(text)] == [("Margaret", "Okafor")]


def test_a_name_hung_on_the_following_verb_is_its_subject() -> None:
    tokens = toks(
        ("Quinn", "quinn", "PROPN", "compound", 1),
        ("bristles", "bristle", "VERB", "ROOT", 1),
        ("at", "at", "ADP", "prep", 1),
        ("Vale", "vale", "PROPN", "compound", 4),
        ("Road", "road", "PROPN", "pobj", 2),
    )
    assert is_subject(tokens, tokens[0])
    assert not is_subject(tokens, tokens[3])


def test_a_capitalised_word_tagged_as_an_adverb_before_says_is_its_subject() -> None:
    says = toks(("Okafor", "okafor", "ADV", "advmod", 1), ("says", "say", "VERB", "ROOT", 1))
    grew = toks(("Lately", "lately", "ADV", "advmod", 1), ("grew", "grow", "VERB", "ROOT", 1))
    assert is_subject(says, says[0])
    assert is_proper(says, says[0], frozenset())
    assert not is_subject(grew, grew[0])


def test_a_capitalised_noun_is_proper_unless_the_article_writes_it_in_lower_case() -> None:
    tokens = toks(
        ("Okafor", "okafor", "NOUN", "nsubj", 1),
        ("said", "say", "VERB", "ROOT", 1),
        ("Harbour", "harbour", "NOUN", "nsubj", 1),
    )
    assert is_proper(tokens, tokens[0], frozenset({"said"}))
    assert not is_proper(tokens, tokens[0], frozenset({"okafor"}))
    assert is_proper(tokens, tokens[2], frozenset({"harbour"}))
    assert not is_proper(tokens, tokens[1], frozenset())


def test_cue_subject_prefers_a_name_to_the_description_beside_it() -> None:
    # "Roe, transport spokesman said" parsed with two subjects
    tokens = toks(
        ("Roe", "Roe", "PROPN", "nsubj", 4),
        (",", ",", "PUNCT", "punct", 4),
        ("transport", "transport", "NOUN", "compound", 3),
        ("spokesman", "spokesman", "NOUN", "nsubj", 4),
        ("said", "say", "VERB", "ROOT", 4),
    )
    assert cue_subject(tokens, tokens[4]) == tokens[0]


def test_a_participle_cue_in_a_subordinate_clause_takes_the_reporting_verbs_subject() -> None:
    # "It warned the board was weak, describing it ..." with "describing" hung on "was"
    tokens = [
        *toks(
            ("It", "it", "PRON", "nsubj", 1),
            ("warned", "warn", "VERB", "ROOT", 1),
            ("board", "board", "NOUN", "nsubj", 3),
            ("was", "be", "AUX", "ccomp", 1),
            (",", ",", "PUNCT", "punct", 3),
        ),
        Tok(5, 29, "describing", "describe", "VERB", "VBG", "advcl", 3, 0, 0),
    ]
    assert cue_subject(tokens, tokens[5]) == tokens[0]


@pytest.mark.parametrize(
    ("text", "named", "expected"),
    [
        (
            "the Department of Ferries and Harbours said",
            "Department of Ferries",
            "Department of Ferries and Harbours",
        ),
        ("the Ferry Board and Tom Pellow said", "Ferry Board", "Ferry Board"),
        ("the Bank of Portwell and the Treasury said", "Bank of Portwell", "Bank of Portwell"),
        (
            "the Department for Ferries, Harbours and Coastal Affairs's report",
            "Department for Ferries",
            "Department for Ferries, Harbours and Coastal Affairs",
        ),
    ],
)
def test_a_body_of_something_takes_on_the_fields_its_name_lists(
    text: str, named: str, expected: str
) -> None:
    start = text.index(named)
    assert organisation_at(text, start, start + len(named), {}) == expected
