"""Tests of quotes.resolve and quotes.cast on British news style: spokespeople, bodies, titles
before names and roles, each on sentences written for the tests, with the real model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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


# --- names and bodies ----------------------------------------------------------------------------


def test_an_organisation_name_runs_on_through_of(quotes_of: Extract) -> None:
    text = "The Portwell College of Nursing said the wards were “dangerously understaffed”."
    assert speakers(quotes_of(text)) == [
        ("dangerously understaffed", "Portwell College of Nursing", "organisation")
    ]


# --- roles ---------------------------------------------------------------------------------------


def test_the_committee_is_the_body_the_article_named(quotes_of: Extract) -> None:
    text = (
        "A report by the Commons ferry and harbours committee called for the board to go. "
        "Committee chairman Tom Pellow said it was overdue.\n"
        "The committee said the board was “a failing organisation”."
    )
    assert speakers(quotes_of(text)) == [
        ("a failing organisation", "Commons ferry and harbours committee", "organisation")
    ]


def test_those_described_after_a_reporting_verb_are_the_source(quotes_of: Extract) -> None:
    text = "The ferry talks have made “real headway” say those close to the negotiations."
    assert [(q.speaker_text, q.speaker_kind) for q in quotes_of(text)] == [
        ("those close to the negotiations", "group")
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


# --- who is no speaker ---------------------------------------------------------------------------


# --- partial quotes in the reporter's sentence ---------------------------------------------------


def test_a_partial_quote_with_no_cue_is_the_named_subjects(quotes_of: Extract) -> None:
    text = (
        "Jane Roe has launched an attack on the cost of the “chaotic” ferry service.\n"
        "Tom Pellow met voters. He names the harbour as the “weakest link” of all."
    )
    assert [(q.text, q.speaker, q.rule) for q in quotes_of(text)] == [
        ("chaotic", "Jane Roe", "sentence-subject"),
        ("weakest link", "Tom Pellow", "sentence-subject"),
    ]


def test_a_partial_quote_with_no_cue_and_no_named_subject_is_dropped(quotes_of: Extract) -> None:
    assert quotes_of("Some residents think the pier is a “white elephant”.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe opened her “Harbour Lights” show on Monday.",
        "She will present an “Action Plan for the Growth of Portwell” in a meeting with "
        "business leaders.",
    ],
)
def test_a_capitalised_partial_quote_with_no_cue_is_a_name_not_a_quote(
    quotes_of: Extract, text: str
) -> None:
    assert quotes_of(f"Mayor Jane Roe will unveil plans on Thursday.\n\n{text}") == ()


def test_a_partial_quote_in_a_clause_about_something_else_is_not_the_subjects(
    quotes_of: Extract,
) -> None:
    text = (
        "In Portwell, Tom Pellow resigned after being found to have insulted two men in an "
        "“egregious breach of the rules” at a private club."
    )
    assert quotes_of(text) == ()


SPEAKERS = [
    pytest.param(
        "Fares will rise, a spokesman for the company said. “Fuel costs more,” he said.",
        [None],
        id="a spokesman for a company the article does not name is no one named",
    ),
    pytest.param(
        "A spokeswoman for the Portwell Trust for Harbour Heritage said the pier was “safe”.",
        ["Portwell Trust for Harbour Heritage"],
        id="a spokeswoman for a name that runs on through for",
    ),
    pytest.param(
        (
            "A spokesman for the Harbour Board said the fares would rise. “We have no "
            "choice. Fuel costs more. Wages cost more. Repairs cost more. Nothing is "
            "cheap,” he said.\n“We regret it.” The spokesman said the board would meet "
            "again."
        ),
        ["Harbour Board", "Harbour Board"],
        id="the spokesman reaches back past a long quote",
    ),
    pytest.param(
        (
            "Tom Pellow has issued a rallying cry to his party. Shadow chancellor Jane "
            "Roe called it empty.\nThe chancellor said the vote would give a “clear "
            "choice” to the country."
        ),
        ["Tom Pellow"],
        id="the chancellor is not the shadow chancellor",
    ),
    pytest.param(
        (
            "Tom Pellow has urged Portwell mayor Ken Ashby to apologise for his "
            "remarks.\nThe reporter Ann Kerr asked about the fares. The mayor then said: "
            "“Fares will fall.”"
        ),
        ["Ken Ashby"],
        id="a role before a name the parser cut off is still that persons",
    ),
    pytest.param(
        (
            "President Ann Kerr opened the museum. Vice President Tom Pellow spoke "
            "first.\nIt was, the president said, “a day for the whole city”."
        ),
        ["Ann Kerr"],
        id="the president is not the vice president",
    ),
    pytest.param(
        (
            "Migrants will face a test, Home Secretary Tom Pellow has said.\nMr Pellow "
            "will unveil his plans on Monday. The plans are long. They cover work. They "
            "cover study. But Tory John Doe said the plans were weak.\nThe home secretary "
            "said he wanted to “know everybody in the country”."
        ),
        ["Tom Pellow"],
        id="the home secretary is the person titled so",
    ),
    pytest.param(
        (
            "A report by the Portwell Harbour Commission was published on Monday.\nThe "
            "report urged the board to draw up an “abandonment option”. It warned that "
            "the ferry was “in crisis”."
        ),
        ["Portwell Harbour Commission", "Portwell Harbour Commission"],
        id="the report and it go to the body that wrote it",
    ),
    pytest.param(
        (
            "Ann Kerr said the court ruling was “in line with the law” and praised its "
            "“very clear” majority."
        ),
        ["Ann Kerr", "Ann Kerr"],
        id="a ruling is no speaker when the person reporting it is",
    ),
    pytest.param(
        (
            "Mr Pellow said progress had been made. He added: “But some still find it "
            "hard. “This strategy sets out our commitment.” Some 8% of the population "
            "described themselves as carers in the census."
        ),
        ["Pellow", "Pellow"],
        id="a share of the population is no speaker",
    ),
    pytest.param(
        (
            "The adverts were called a “grave error” by the Conservatives, who said the "
            "“campaign has failed”."
        ),
        ["Conservative Party", "Conservative Party"],
        id="a passive cue with by and a relative who said",
    ),
    pytest.param(
        (
            "Tom Pellow gave a statement on Monday.\nMr Pellow's statement said: “We have "
            "made an impact on tax.”\nJane Roe arrived later. Her reply said: “We have "
            "not.”"
        ),
        ["Tom Pellow", "Jane Roe"],
        id="a statement speaks for whoever made it",
    ),
    pytest.param(
        (
            "Jane Roe spoke first. The Shadow Secretary of State for Harbours, Ann Kerr, "
            "said: “These plans were announced in December.”"
        ),
        ["Ann Kerr"],
        id="a capitalised title with the name in apposition is that person",
    ),
    pytest.param(
        (
            "The “myth” of the idle pensioner must be “exploded”, the ferry minister has "
            "said.\nThe government is facing opposition from its backbenchers. But Tom "
            "Pellow said the fares would fall."
        ),
        ["Tom Pellow", "Tom Pellow"],
        id="a role in the opening line is the person named next",
    ),
    pytest.param(
        (
            "Ms Kerr said progress had been made. “We are turning the corner on long "
            "waits,” she said. She added the targets intended to ensure no-one waits more "
            "than a year for treatment. “But let us not forget two thirds of those "
            "waiting are waiting less than six months.” Tom Glyn Pellow, Portwell Party "
            "health spokesman said: “It is exactly the same target she set in 1999.”"
        ),
        ["Kerr", "Kerr", "Tom Glyn Pellow"],
        id="a cue that introduces the next quote is not this ones",
    ),
    pytest.param(
        (
            "Ferry fares will be “frozen”, the ferry minister has said.\nThe plan faces "
            "opposition from Tory and Lib Dem MPs. But Tom Pellow said the fares would "
            "fall."
        ),
        ["Tom Pellow"],
        id="a role in the opening line skips a party named next",
    ),
    pytest.param(
        (
            "A ferry minister has resigned after calling the timetable “a fantasy”.\nTom "
            "Pellow, who had held the post for a year, left on Monday."
        ),
        ["Tom Pellow"],
        id="an indefinite role in the opening line is the person named next",
    ),
    pytest.param(
        (
            "Tory John Doe said his party offered a choice. The Portwell Party "
            "Co-Chairman said the city had seen “nothing for eight years”."
        ),
        ["John Doe"],
        id="a hyphenated capitalised role goes to the person just named",
    ),
    pytest.param(
        (
            "Former ferry minister Jan Roe reviewed the timetable in May.\nMr Roe's report "
            "said the ferry was “in crisis”. The Roe report also called it “a relic”."
        ),
        ["Jan Roe", "Jan Roe"],
        id="a surname owning or naming a report is the fullest form of the name",
    ),
    pytest.param(
        (
            "Ann Kerr reviewed the timetable in May.\nHer report said the ferry was “in "
            "crisis”. The Portwell Harbour Board met on Monday. Their statement said: “We "
            "will act.”"
        ),
        ["Ann Kerr", "Portwell Harbour Board"],
        id="a report or statement owned by a pronoun speaks for whom the pronoun means",
    ),
    pytest.param(
        (
            "Tom Pellow died last week.\nHe was described as “a consummate professional” by "
            "his friend, the comedian John Roe."
        ),
        ["John Roe"],
        id="a passive credit to a description followed by a name is that person",
    ),
    pytest.param(
        (
            "Striker banned for comments\nPortwell striker Tom Pellow has been banned for "
            "calling a referee “a disgrace”.\nThe ban is for three matches."
        ),
        ["Tom Pellow"],
        id="a partial quote in a gerund after a passive is the passive subjects",
    ),
    pytest.param(
        "Tom Pellow has apologised for describing the fans as “a rabble”.",
        ["Tom Pellow"],
        id="a partial quote in a gerund after an intransitive verb is its subjects",
    ),
    pytest.param(
        "Ann Kerr criticised Tom Pellow for calling the plan “a disgrace”.",
        ["Tom Pellow"],
        id="a partial quote in a gerund after criticising someone for is theirs",
    ),
    pytest.param(
        "Jane Roe was criticised by Tom Pellow for calling the plan “a farce”.",
        ["Jane Roe"],
        id="a partial quote in a gerund is the passive subjects not the agents",
    ),
    pytest.param(
        "Portwell Radio quoted Tom Pellow as saying the plan was “a farce”.",
        ["Tom Pellow"],
        id="a partial quote in a gerund after quoting someone as is theirs",
    ),
    pytest.param(
        (
            "A spokesman for the Portwell Ballet said the tour would go ahead in spring.\n"
            "Lead dancer John Roe was injured last week in a fall.\n“It is a fierce "
            "schedule, and we will manage it,” he said."
        ),
        ["Portwell Ballet"],
        id="he speaking for us after a spokesman is the spokesmans organisation",
    ),
    pytest.param(
        (
            "A spokeswoman for the Portwell Ballet said the tour would go ahead.\nDancer "
            "Ann Kerr was hurt in May.\n“We wish her well and our doctors are with her,” "
            "she said."
        ),
        ["Portwell Ballet"],
        id="she speaking for us after a spokeswoman is the organisation",
    ),
    pytest.param(
        (
            "A spokesman for the Portwell Ballet said the tour would go ahead in spring.\n"
            "Lead dancer John Roe was injured last week in a fall.\n“I will be back in a "
            "month,” he said."
        ),
        ["John Roe"],
        id="he speaking for himself after a spokesman is the person named last",
    ),
    pytest.param(
        (
            "Tom Pellow said: “The fares are too high.” But a spokesman for the Portwell "
            "Harbour Board defended the fares. He said: “They pay for the new ferry.”"
        ),
        ["Tom Pellow", "Portwell Harbour Board"],
        id="he after a spokesman who did not say anything yet is the spokesmans body",
    ),
    pytest.param(
        (
            "Tom Pellow said the ferry was “the best in the land”. Rival firms were “simply "
            "wrong” to attack it.\nThe harbour opens in May. Its cafe will serve “proper” tea."
            " Ann Kerr said the cafe was “a gem”. Jane Roe won the seat left by Tom Hale, who"
            " quit after a “serious” complaint."
        ),
        ["Tom Pellow", "Tom Pellow", "Ann Kerr"],
        id="a partial quote with no cue right after a credited quote goes on with it",
    ),
    pytest.param(
        "Tom Pellow said his party offered a “clear choice” to voters.",
        ["Tom Pellow"],
        id="an offer reported by someone is no speech of the one offering",
    ),
    pytest.param(
        "Ann Kerr said the board had agreed to sell the ferry after “long talks”.",
        ["Ann Kerr"],
        id="an agreement to act reported by someone is no speech of the one agreeing",
    ),
    pytest.param(
        (
            "Tom Pellow said the plans could save money. He ruled out free parking in the "
            "city - which is on offer in Portwell, saying it was “unsustainable”."
        ),
        ["Tom Pellow"],
        id="a participle hung on a relative clause is the main clause subjects",
    ),
    pytest.param(
        (
            "Ministers met on Monday.\nNumber 11 said the budget was not a “soap opera”. No 9 "
            "said the row was “nonsense”."
        ),
        ["Number 11", "No 9"],
        id="an office known by its number speaks for itself",
    ),
    pytest.param(
        (
            "Tom Pellow spoke on Monday.\nJohn Hale, chairman of the Portwell Equality Board, "
            "called on Mr Pellow to denounce the claim. “Tell that to the doctors,” he said."
        ),
        ["John Hale"],
        id="a name the parser made the root before its verb is that verbs subject",
    ),
    pytest.param(
        (
            "Tom Pellow says he rang her at once.\nDescribing their first meeting at "
            "Portwell's Prince Alder station, he said: “It was a shock.”"
        ),
        ["Tom Pellow"],
        id="a title in the name of a place makes no person",
    ),
    pytest.param(
        (
            "The Commons ferry committee met in May.\nIt blamed the harbour board for a "
            "“string of failures”."
        ),
        ["Commons ferry committee"],
        id="blaming someone for words is saying them",
    ),
    pytest.param(
        (
            "Chancellor Tom Pellow plans cuts.\nUnion spokesman Jan Roe said: “The harbour is "
            "a major employer.\n“Our protest is about jobs.\n“The coast will be hit by these "
            "cuts.” The chancellor has said that the cuts will pay for more teachers."
        ),
        ["Jan Roe", "Jan Roe", "Jan Roe"],
        id="every paragraph of an open quote is its first speakers, whatever cue follows",
    ),
    pytest.param(
        (
            'Chancellor Tom Pellow plans cuts.\nUnion spokesman Jan Roe said: "The harbour is '
            'a major employer. "Our protest is about jobs. "The coast will be hit by these '
            'cuts." The chancellor has said that the cuts will pay for more teachers.'
        ),
        ["Jan Roe", "Jan Roe", "Jan Roe"],
        id="paragraphs of an open quote run together on one line are its first speakers",
    ),
    pytest.param(
        (
            "Mayor John Doe opened the new ferry terminal on Monday. While Mr Doe owns three "
            "ferries, the rising fares have alarmed Tom Pellow, chairman of the Portwell Ferry "
            "Users Group.\n“We cannot afford them,” he said."
        ),
        ["Tom Pellow"],
        id="he after a person brought in with a description is that person not a clauses subject",
    ),
    pytest.param(
        (
            "Tom Pellow met John Doe, chairman of the Portwell Ferry Users Group, on Monday.\n"
            "“He has done well,” he said."
        ),
        ["Tom Pellow"],
        id="he after a main subject who met a person brought in with a description is the subject",
    ),
    pytest.param(
        (
            "“You are late,” Rosalind said, and she left early.\n“You are late,” she said, and "
            "as Tom Pellow went on, Rosalind said yes.\n“I love you,” he said."
        ),
        ["Rosalind", "Rosalind", "Tom Pellow"],
        id="he never goes to a person the article called she",
    ),
    pytest.param(
        (
            "Portwell manager Tom Pellow believes a four-day week brings many benefits, "
            "explaining: “Staff are happier and they work harder.”"
        ),
        ["Tom Pellow"],
        id="a participle cue after what someone believes is the believers",
    ),
    pytest.param(
        (
            "Few impressed more than Tom Pellow, who will now be compared with greats such as "
            "Ed Marsh. The 24-year-old is unfazed. “I enjoy the pressure,” he said."
        ),
        ["Tom Pellow"],
        id="an age after a name with a relative clause is that person, not one in the clause",
    ),
    pytest.param(
        (
            "Tom Pellow scored twice.\nAnn Kerr praised the pack.\nNone shone more than "
            "Pellow, who now faces the spotlight once given to Ed Marsh. The Welshman is "
            "unfazed. “I enjoy it,” he said."
        ),
        ["Tom Pellow"],
        id="a nationality after a surname with a relative clause is that person",
    ),
    pytest.param(
        "Tom Pellow lost the final in three sets. “I never found my rhythm,” said the Canadian.",
        ["Tom Pellow"],
        id="the Canadian is the person the passage is about",
    ),
    pytest.param(
        "Jane Roe beat Tom Pellow in the final. “I never found my rhythm,” said the Welshman.",
        ["Tom Pellow"],
        id="the Welshman is the man the passage names, not the woman",
    ),
    pytest.param(
        "“I played well,” said the Canadian.",
        [None],
        id="a nationality nobody named stands for is no organisation",
    ),
    pytest.param(
        (
            "Tom Pellow reached the semi-finals with an easy win over Ed Marsh. Pellow, who "
            "lost here last year, was happy. “I played better,” said the world number three."
        ),
        ["Tom Pellow"],
        id="a world ranking is the person holding it, not a number",
    ),
    pytest.param(
        (
            "Jane Roe, founder of fan site News.Gadget.Net, said: “The update fixed "
            "everything.” She added: “It is fast.”"
        ),
        ["Jane Roe", "Jane Roe"],
        id="a web site named in capitals in an apposition is not the speaker",
    ),
    pytest.param(
        (
            "The Widget & Gadget Commission accused Tom Pellow of using methods that “fell "
            "short” of the rules."
        ),
        ["Widget & Gadget Commission"],
        id="an organisation name joined by an ampersand is kept whole",
    ),
    pytest.param(
        "A spokesman for the Department of Ferries and Harbours said: “The figures are wrong.”",
        ["Department of Ferries and Harbours"],
        id="a body of two fields joined by and is named whole",
    ),
    pytest.param(
        (
            "The Department for Ferries, Harbours and Coastal Affairs said it was “watching "
            "closely”."
        ),
        ["Department for Ferries, Harbours and Coastal Affairs"],
        id="a body whose name lists its fields is named whole",
    ),
    pytest.param(
        (
            "The pier was sold by its owner, Tamsin Fitzgerald, last year. Mrs Fitzgearld "
            "says the price was fair. “It was the right time to go.”"
        ),
        ["Tamsin Fitzgerald"],
        id="a long surname misspelt with two letters swapped is the person",
    ),
    pytest.param(
        (
            "The Portwell Ferry Board's (PFB) new timetable starts in May. The PFB said it "
            "would keep the “lowest fares on the coast”."
        ),
        ["Portwell Ferry Board"],
        id="an acronym spelled out in a possessive is the name without it",
    ),
    pytest.param(
        (
            "The sale is a win for chairman Tom Pellow. His sister Ruth, the finance "
            "director, said she was not asked and that the price was “far too low”."
        ),
        ["Ruth Pellow"],
        id="a blood relative named by first name after his or her has that person's surname",
    ),
    pytest.param(
        (
            "Engineer Ann Kerr made the tapes. “We could use the money,” Kerr's son Ned, "
            "57, said. Ruth Pellow bought them. “They are a treasure,” said her husband Tom."
        ),
        ["Ned Kerr", "Tom"],
        id="a relative named by one word after a possessive is that name",
    ),
    pytest.param(
        (
            "Ruth Pellow runs the farm shop. The sale was backed by Tom Pellow. Her husband, "
            "Ned, said: “We are proud of it.”\nNed Pellow has farmed there for years."
        ),
        ["Ned Pellow"],
        id="a relative named by first name is the full name the article gives",
    ),
    pytest.param(
        (
            "“The fares are fair,” ferry boss Tom Pellow said. But a Portwell Council "
            "spokeswoman was “confident” that the pier would stay open."
        ),
        ["Tom Pellow", "Portwell Council"],
        id="a partial quote about what a body's unnamed spokesperson was is the body's",
    ),
    pytest.param(
        (
            "Portwell Ferries has stopped selling tickets for the crossing after claiming "
            "“serious faults” had been found in the hull."
        ),
        ["Portwell Ferries"],
        id="a gerund cue after a preposition on a verb with no subject is the clause's subject's",
    ),
    pytest.param(
        "“The update is the best ever,” wrote the influential Gadget World magazine.",
        ["Gadget World"],
        id="a magazine named before the noun speaks by its name",
    ),
    pytest.param(
        (
            "Top seed Ann Kerr drew a qualifier.\nTom Pellow lost here last year. The seventh "
            "seed is looking forward to the match. “It will be tough,” he said."
        ),
        ["Tom Pellow"],
        id="the seventh seed is not the top seed",
    ),
    pytest.param(
        (
            "Tom Pellow lost the final.\n“I was tired. I was slow. I was beaten.” Speaking to "
            "Portwell Radio, the 24-year-old Canadian added: “I will be back.”"
        ),
        [None, "Tom Pellow"],
        id="a station spoken to is not the epithet its own sentence names",
    ),
    pytest.param(
        (
            "Jane Roe's novel is the first of six books. Film studio Fox has bought the rights."
            " The director said he was “thrilled”."
        ),
        [None],
        id="a role noun is not given to whoever the passage is about",
    ),
    pytest.param(
        (
            "“A fine end to the season,” said Tom Pellow. Coach Jane Roe wants the squad to "
            "train indoors. “It will sharpen their footwork.” “We start in May,” said Roe."
        ),
        ["Tom Pellow", "Jane Roe", "Jane Roe"],
        id="a quote after narrative about someone the next cue credits is theirs",
    ),
    pytest.param(
        (
            "Jane Roe held the top ranking for a month last year. “Since then I have felt "
            "stronger. “Now I just enjoy it.”\n“It was a tough match,” said Roe."
        ),
        ["Jane Roe", "Jane Roe", "Jane Roe"],
        id="an opening quote after narrative about someone the next cue credits is theirs",
    ),
    pytest.param(
        (
            "In a statement on its website the Portwell Ferry Company said fares would rise. "
            "“Fuel has doubled in price,” read the statement."
        ),
        ["Portwell Ferry Company"],
        id="a statement read out speaks for whoever made it",
    ),
    pytest.param(
        (
            "The Harbour Trust published a report on the ferries. Tom Pellow runs them. "
            "“Services are poor,” said the report."
        ),
        ["Harbour Trust"],
        id="a report speaks for whoever published it",
    ),
    pytest.param(
        (
            "A Harbour Trust panel made the remarks in a report issued on Monday. "
            "“Services are poor,” said the report."
        ),
        ["Harbour Trust"],
        id="a report speaks for whoever made remarks in it",
    ),
    pytest.param(
        (
            "Quillon said its profits rose. The board of directors said it would “act "
            "for all shareholders”. The company said: “We are pleased.”"
        ),
        ["Quillon", "Quillon"],
        id="the board and the company are the company that last spoke",
    ),
    pytest.param(
        (
            "The Widget Corporation said sales fell. “We regret the delay,” read a "
            "statement from the firm."
        ),
        ["Widget Corporation"],
        id="a statement from the firm is the company that last spoke",
    ),
    pytest.param(
        "The Ferry Trust said fares would rise. “Services are poor,” said the report.",
        [None],
        id="a report no one is said to have made is no one's, whoever spoke last",
    ),
    pytest.param(
        (
            "“We trained forty potters,” said Ada Quell. The sessions drew large crowds from "
            "the villages. “It went well.” So far, the organisers say the results are good."
        ),
        ["Ada Quell", "Ada Quell"],
        id="a later cue that reports words of its own takes no quote before it",
    ),
    pytest.param(
        (
            "“The kiln is old,” said Ada Quell. The guild has fired it for a century and "
            "more. “We will mend it.” It matters, said Tom Pellow, that the guild has funds."
        ),
        ["Ada Quell", "Ada Quell"],
        id="a later inserted cue with a clause of its own takes no quote before it",
    ),
    pytest.param(
        (
            "“We sold forty kilns,” Ada Quell told reporters.\n\n“We saw a chance to help "
            "the town.” But kilns are costly to run, according to the Kiln Guild."
        ),
        ["Ada Quell", "Ada Quell"],
        id="a later according-to credits its own sentence, not the quote going on before it",
    ),
    pytest.param(
        "“This is only a pilot,” underlined Ada Quell.",
        ["Ada Quell"],
        id="underline is a reporting verb",
    ),
    pytest.param(
        (
            "Tom Brandt won the junior snooker title in May. But the late entrant was "
            "overcome by fellow Dane James Varga over five frames. Still he was content with "
            "the outing. “It was fun,” he said."
        ),
        ["Tom Brandt"],
        id="he is not the doer of a passive whose subject is someone described",
    ),
    pytest.param(
        "The bill was attacked by James Varga on Monday. “It is unfair,” he said.",
        ["James Varga"],
        id="he is the doer of a passive whose subject is a thing",
    ),
    pytest.param(
        "The ferry talks have made “real headway” say those close to the negotiations.",
        [None],
        id="those after a reporting verb, described, are a group source",
    ),
]
"""An invented article and who said each of its quotes, in order: one rule each."""


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_who_said_each_quote(quotes_of: Extract, text: str, expected: list[str | None]) -> None:
    assert [q.speaker for q in quotes_of(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe, star of the new film, is the “preferred choice” of the studio.",
        "Tom Pellow has been “reminded of his duties” after the match.",
        "Pellow “tops the league”\nTom Pellow is the best-paid actor in the country.",
    ],
    ids=["a copula", "a passive", "a quoted verb"],
)
def test_a_partial_quote_that_says_what_the_subject_is_or_underwent_is_not_theirs(
    quotes_of: Extract, text: str
) -> None:
    assert quotes_of(text) == ()


def test_it_was_reported_is_no_organisation_speaking(quotes_of: Extract) -> None:
    text = (
        "Ann Kerr, a former director of the trust, insists the Blues were right to sell the "
        "pier. “The Blues are saying quite clearly that this is not tolerated. “It was a very "
        "difficult decision for them.” It emerged that the pier had failed a safety test and, "
        "although it was initially reported that the fault was rust, the council later "
        "suggested it was damp."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ann Kerr", "Ann Kerr"]


def test_a_programme_called_a_report_issues_no_report(quotes_of: Extract) -> None:
    text = (
        "Speaking on the Portwell Radio Business Report, Ann Kerr was upbeat.\n"
        "The report said fares were “far too high” for most families."
    )
    assert [(q.speaker, q.speaker_text) for q in quotes_of(text)] == [(None, "The report")]


def test_a_quote_after_a_paragraph_of_reported_speech_is_that_speakers(
    quotes_of: Extract,
) -> None:
    text = (
        "But Portwell Audio's managing director Tom Pellow says his firm is the only one "
        "to offer it.\n\n"
        "“There are quite a few basic technologies out there.\n\n"
        "“No-one has really tried before to make proper positional audio.” The firm has "
        "worked with a network for a year.\n\n"
        "“The technology has been around for a while,” he said."
    )
    assert [q.speaker for q in quotes_of(text)] == ["Tom Pellow"] * 3


def test_a_name_and_a_colon_before_a_quote_credit_it(quotes_of: Extract) -> None:
    text = (
        "But the home side could have had a third when substitute Tom Pellow hit the post.\n\n"
        "- Portwell boss Ann Kerr: “We had a great chance to take the lead.”"
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ann Kerr"]
