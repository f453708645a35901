"""Tests of quotes.furniture: each rule on lines written for the test, then the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.furniture import (
    LINE_RULES,
    furniture_rule,
    headline_lines,
    is_byline,
    is_headline,
    is_job_line,
    paragraphs,
)
from quotes.ingest import iter_articles
from quotes.models import Article, Paragraph

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

POSITIVE = {
    "read_more_heading": ["READ MORE WORLD NEWS", "READ MORE", "READ MORE: FOOTBALL"],
    "most_read": ["Most read in The Daily Example", "Most popular", "MOST VIEWED ON GAZETTE"],
    "teaser": [
        "Read more: Council approves budget after long row",
        "READ MORE: Storm warning issued for the coast",
        "Related: Five things we learned from the count",
        "See also: How the vote unfolded",
        "More from Sport: Cup draw made",
        "Related articles - The river crossing debate",
    ],
    "newsletter": [
        "Sign up for our free Morning Brief email to get the news first",
        "Sign up to the Weekly Digest newsletter",
        "Please enter a valid email address",
        "I would like to be emailed about offers, events and updates from Example Media.",
        "Thanks for signing up to the Morning Brief",
        "Subscribe to our politics newsletter",
    ],
    "template": [
        "{{ #formErrors }} {{ text }} {{ /formErrors }}",
        "Oops {{^loggedIn}} please log in {{/loggedIn}}",
    ],
    "image_credit": [
        "Campaigners outside the town hall on Monday (Image: Example Agency/Wire)",
        "The new bridge at dusk (Photo: Getty)",
        "A crowd gathers in the square (Picture: John Smith)",
        "Fans at the ground (Pic: Example Press)",
    ],
    "agency_credit": [
        "Voters queue at a polling station in the rain. Photograph: Jane Roe/Getty Images",
        "The minister arrives at the summit Getty Images",
        "Crowds at the rally. Photo: AFP",
        "Flooded streets in the old town | Reuters",
        "The harbour at dawn (Shutterstock)",
    ],
    "caption_label": [
        "Picture: the candidate on the campaign trail",
        "Pictured: Crowds outside the count",
        "Photo: a queue of voters in the morning",
        "Image: Flood barriers on the river",
    ],
    "social": [
        "Follow Jane Roe on Twitter @janeroe",
        "Follow us on Facebook",
        "Follow @examplenews for live updates",
        "Follow the Gazette on X",
        '"Follow Jane Roe on Twitter @janeroe."',
    ],
    "label": [
        "Advertisement",
        "ADVERTISEMENT",
        "Share this article",
        "Share on Facebook",
        "Skip advert",
        "Story continues below advertisement",
        "Continue reading the main story",
    ],
    "click_here": [
        "Click here to read the full report",
        "CLICK HERE for the latest results",
    ],
    "copyright": [
        "Copyright 2024 Example Media Ltd",
        "© Example Media Group",
        "(c) 2023 Example Newspapers",
        "Example Media 2024. All rights reserved.",
    ],
}

BODY_LINES = [
    "The council said residents would be able to read more about the plans online next week.",
    "Read more widely, she told the students, and you will write better.",
    "\u201cRead more: that is my only advice,\u201d the author said.",
    "Most read in silence as the results came in.",
    "Related-party transactions rose sharply last year, the report found.",
    "She signed up for the email alerts after the flooding last winter.",
    "Sign up sheets were left at the door for volunteers.",
    "The image of the leader on the steps was shared widely on social media.",
    "He was pictured leaving the building on Tuesday evening.",
    "Photo opportunities were carefully managed by the campaign team.",
    "The agency told Reuters",
    "The figures were first reported by Reuters.",
    "Shares in the company fell 5% after the announcement.",
    "Advertisement spending rose by a fifth in the last quarter.",
    "Copyright holders say the new law does not go far enough.",
    "(c) the minister may make regulations under this section",
    "Click-through rates on the site doubled, the firm said.",
    "Follow-up talks are expected next month.",
    "\u201cFollow me on Twitter,\u201d he joked to the crowd.",
    "Labour leader Sir Example said: \u201cThis is a great day for the party.\u201d",
    "By the end of the night the result was clear.",
    "MORE THAN 300 PEOPLE WERE EVACUATED FROM THE BUILDING.",
    "The templates {like this one} are not code.",
]


def test_every_rule_has_positive_examples() -> None:
    assert sorted(rule.name for rule in LINE_RULES) == sorted(POSITIVE)


@pytest.mark.parametrize(
    ("name", "line"), [(name, line) for name, lines in POSITIVE.items() for line in lines]
)
def test_rule_recognises_its_furniture(name: str, line: str) -> None:
    assert furniture_rule(line) == name
    assert furniture_rule(f"  {line}\u00a0 ") == name


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert furniture_rule(line) is None


def test_long_line_is_not_a_teaser() -> None:
    line = "Read more: " + "the council said it would consider the plans carefully. " * 5
    assert furniture_rule(line) is None


def test_headline_matches_title_ignoring_case_space_and_punctuation() -> None:
    assert is_headline("Council  backs new bridge.", "council backs new bridge")
    assert is_headline("Mayor calls plan \u2018Reckless.\u2019", "Mayor calls plan 'reckless'")
    assert not is_headline("Council backs new bridge", "Council backs new road")
    assert not is_headline("Council backs new bridge", None)
    assert not is_headline("...", "!!!")


def test_headline_over_several_lines() -> None:
    lines = ["Council backs bridge; ", "Vote ends long row.", "The council voted."]
    assert headline_lines(lines, "Council backs bridge; Vote ends long row") == 2
    assert headline_lines(lines, "Council backs bridge") == 1
    assert headline_lines(lines, "Something else") == 0


@pytest.mark.parametrize(
    "line", ["By Jane Doe", "By Jane van der Berg", "By Jane Doe and John Roe", "By Jo Bloggs, BBC"]
)
def test_byline(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the day the vote was over.",
        "By Jane Doe, who said the plan would work and that it was right to try again.",
        "Jane Doe",
        "By",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert not is_byline(line)


@pytest.mark.parametrize("line", ["Political reporter", "Business correspondent, Example News"])
def test_job_line(line: str) -> None:
    assert is_job_line(line)


@pytest.mark.parametrize(
    "line", ["The vote was close.", "\u201cWe won,\u201d she said", "In 2019 the seat was safe"]
)
def test_not_a_job_line(line: str) -> None:
    assert not is_job_line(line)


def test_paragraphs_offsets_exclude_line_breaks_and_skip_blank_lines() -> None:
    text = "First line\r\n\r\nREAD MORE NEWS\nThird line\rFourth  \n \n"
    assert paragraphs(text) == (
        Paragraph(0, 10, False),
        Paragraph(14, 28, True),
        Paragraph(29, 39, False),
        Paragraph(40, 48, False),
    )


def test_headline_byline_and_job_line_at_the_top_are_furniture() -> None:
    text = "Bridge Vote Passes\n\nBy Jane Doe\nLocal democracy reporter\nThe council voted.\n"
    assert [p.is_furniture for p in paragraphs(text, "Bridge vote passes.")] == [
        True,
        True,
        True,
        False,
    ]


def test_byline_without_headline_and_later_lines_are_only_judged_by_rules() -> None:
    text = "By Jane Doe\nThe council voted.\nBridge Vote Passes\nBy Jane Doe\n"
    assert [p.is_furniture for p in paragraphs(text, "Bridge vote passes")] == [
        True,
        False,
        False,
        False,
    ]


def test_first_line_is_not_furniture_without_a_matching_title() -> None:
    text = "Bridge Vote Passes\nThe council voted.\n"
    assert [p.is_furniture for p in paragraphs(text)] == [False, False]
    assert [p.is_furniture for p in paragraphs(text, "Other headline")] == [False, False]


def test_empty_text_has_no_paragraphs() -> None:
    assert paragraphs("") == ()
    assert paragraphs("\n \r\n") == ()


def seed_furniture() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for article in iter_articles([str(CORPUS)]):
        assert isinstance(article, Article)
        lines = [
            article.text[p.start : p.end][:40]
            for p in paragraphs(article.text, article.title)
            if p.is_furniture
        ]
        found[article.id] = lines
    return found


def test_seed_corpus_furniture_lines() -> None:
    assert seed_furniture() == {
        "000_b7e4e105a28be1dd.txt": [
            "READ MORE POLITICS",
            "Most read in The Sun",
            "READ MORE SUN STORIES",
        ],
        "001_6fea46ab458d25be.txt": ["By Becky Morton", "Political reporter"],
        "002_58054599736f4e02.txt": [
            "The Herald: Labour campaigners celebrati",
            "Read more:\u00a0Turncoat MP who quit SNP\u00a0says",
            "Read more: John Curtice: Here's how Humz",
        ],
        "003_0c116dc59925305b.txt": [],
        "004_01515d4d7d294255.txt": [
            " date 2023-10-20 Sign up for the View fr",
            "View from Westminster email {{ #verifyEr",
        ],
    }
