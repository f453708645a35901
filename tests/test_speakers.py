"""Merging the forms of a speaker's name across articles, and the user's overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from quotes import pipeline
from quotes.errors import InputError
from quotes.speakers import Override, decide_gender, load_overrides, merge_map

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_a_surname_joins_its_only_full_name() -> None:
    assert merge_map(["Mara Lindqvist", "Lindqvist", "Tomas Berg"]) == {
        "Lindqvist": "Mara Lindqvist"
    }


def test_a_surname_shared_by_two_people_stays_apart() -> None:
    assert merge_map(["Mara Lindqvist", "Olle Lindqvist", "Lindqvist"]) == {}


def test_a_middle_initial_joins_the_longer_form() -> None:
    assert merge_map(["Peter J. Hallam", "Peter Hallam"]) == {"Peter Hallam": "Peter J. Hallam"}


def test_overrides_win_over_the_rules() -> None:
    overrides = [Override("Olle Lindqvist", ("Lindqvist", "O. Lindqvist"))]
    merged = merge_map(["Mara Lindqvist", "Lindqvist", "O. Lindqvist"], overrides)
    assert merged == {"Lindqvist": "Olle Lindqvist", "O. Lindqvist": "Olle Lindqvist"}


def test_overrides_file_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "speakers.yml"
    good.write_text("- name: Olle Lindqvist\n  aliases: [Lindqvist]\n- name: Mara Berg\n")
    assert load_overrides(str(good)) == (
        Override("Olle Lindqvist", ("Lindqvist",)),
        Override("Mara Berg", ()),
    )
    bad = tmp_path / "bad.yml"
    bad.write_text("- aliases: [x]\n")
    with pytest.raises(InputError, match="entry 1 needs a 'name'"):
        load_overrides(str(bad))


def test_a_build_stores_overridden_speakers_under_the_chosen_name(tmp_path: Path) -> None:
    overrides = (Override("Keir R. Starmer", ("Keir Starmer",)),)
    db_path = tmp_path / "o.db"
    pipeline.build(str(db_path), [str(CORPUS)], overrides=overrides)
    db = sqlite_utils.Database(db_path)
    names = {r["name"] for r in db.query("select name from speakers")}
    assert "Keir R. Starmer" in names and "Keir Starmer" not in names
    speaker = next(db.query("select id from speakers where name = 'Keir R. Starmer'"))["id"]
    aliases = {
        r["alias"]
        for r in db.query("select alias from speaker_aliases where speaker_id = ?", [speaker])
    }
    assert {"Keir Starmer", "Sir Keir Starmer"} <= aliases
    quoted = db.execute("select count(*) from quotes where speaker_id = ?", [speaker]).fetchone()
    assert quoted[0] == 19


@pytest.mark.parametrize(
    ("name", "kind", "forms", "decided"),
    [
        ("Jane Roe", "person", ["Ms Roe", "she", "Jane Roe"], ("female", "honorific")),
        ("Tom Vale", "person", ["Mrs Vale", "Mrs Vale", "he"], ("female", "honorific")),
        ("Kim Vale", "person", ["Vale", "he", "he"], ("male", "pronoun")),
        ("Kim Vale", "person", ["she", "he"], (None, None)),
        ("Jane Roe", "person", ["Roe"], ("female", "first name")),
        ("Tom Vale", "person", ["Vale", "she", "she", "he"], ("male", "first name")),
        ("Arden", "person", ["Arden"], (None, None)),
        ("Kim Arden", "person", ["Arden"], (None, None)),
        ("Portwell Council", "organisation", ["she", "Ms Portwell"], (None, None)),
    ],
)
def test_gender_from_titles_pronouns_and_first_names_never_surnames(
    name: str, kind: str, forms: list[str], decided: tuple[str | None, str | None]
) -> None:
    assert decide_gender(name, kind, forms) == decided
