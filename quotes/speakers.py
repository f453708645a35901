"""One speaker across articles: merging the forms of a name, with a user's overrides.

Automatic rules, applied to person names only:

* a one-word name ("Starmer") joins the only fuller name it ends or starts ("Keir Starmer");
  with two or more candidates it stays apart;
* a name with middle parts ("John F. Kerry") and one without ("John Kerry") are one
  speaker, under the longer form.

A ``speakers.yml`` file overrides them: a list of ``{name: ..., aliases: [...]}`` entries;
every alias (and the name) becomes that canonical name, whatever the rules say.

A person's gender is decided from the words the articles use for them (``decide_gender``):
a title before the name (Mr, Mrs, Sir, Dame...), else the pronoun a quote is credited
through (he, she), else the first name of a name with two or more words; a clear
majority (more than twice the other) decides each of these, and a surname never does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import yaml

from quotes import lexicon
from quotes.errors import InputError
from quotes.names import first_name_gender


@dataclass(frozen=True)
class Override:
    """A canonical name a user chose and the forms that mean it."""

    name: str
    aliases: tuple[str, ...] = ()


def load_overrides(path: str) -> tuple[Override, ...]:
    """Read a speakers.yml file."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or []
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read speakers file {path}: not valid UTF-8") from error
    except RecursionError as error:
        raise InputError(f"cannot read speakers file {path}: nested too deeply") from error
    except (OSError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())
        raise InputError(f"cannot read speakers file {path}: {reason}") from error
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of {{name, aliases}} entries")
    overrides = tuple(_override(path, n, entry) for n, entry in enumerate(data, 1))
    _check_one_name_each(path, overrides)
    return overrides


def _check_one_name_each(path: str, overrides: Iterable[Override]) -> None:
    """InputError if one form (a name or an alias) is given to two different names."""
    owner: dict[str, str] = {}
    for number, override in enumerate(overrides, 1):
        for form in (override.name, *override.aliases):
            if owner.setdefault(form, override.name) != override.name:
                raise InputError(
                    f"{path}: entry {number}: {form!r} is already a form of {owner[form]!r}"
                )


def _override(path: str, number: int, entry: object) -> Override:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise InputError(f"{path}: entry {number} needs a 'name'")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InputError(f"{path}: entry {number}: 'aliases' must be a list of names")
    return Override(entry["name"], tuple(aliases))


def merge_map(people: Iterable[str], overrides: Iterable[Override] = ()) -> dict[str, str]:
    """Each person name that should be stored under another name → that name."""
    names = sorted(set(people))
    merged = {name: target for name in names if (target := _fuller_form(name, names))}
    for override in overrides:
        for alias in (override.name, *override.aliases):
            merged[alias] = override.name
    return {name: target for name, target in merged.items() if name != target}


def _fuller_form(name: str, names: Iterable[str]) -> str | None:
    parts = name.split()
    if len(parts) == 1:
        fuller = [n for n in names if len(n.split()) > 1 and parts[0] in (n.split()[-1],)]
        fuller = fuller or [n for n in names if len(n.split()) > 1 and n.split()[0] == parts[0]]
        return fuller[0] if len(fuller) == 1 else None
    longer = [
        n
        for n in names
        if len(n.split()) > len(parts) and n.split()[0] == parts[0] and n.split()[-1] == parts[-1]
    ]
    return longer[0] if len(longer) == 1 else None


def decide_gender(
    name: str, kind: str | None, forms: Iterable[str]
) -> tuple[str | None, str | None]:
    """(gender, how it was decided) for a speaker and the words each quote credits them by;
    (None, None) when unknown."""
    if kind != "person":
        return None, None
    written = [form.lower().split() for form in forms if form and form.strip()]
    titles = [_title_gender(words[0].rstrip(".")) for words in written if len(words) > 1]
    pronouns = [_pronoun_gender(words[0]) for words in written if len(words) == 1]
    parts = name.split()
    first = [first_name_gender(parts[0])] if len(parts) > 1 else []
    for source, votes in (("honorific", titles), ("pronoun", pronouns), ("first name", first)):
        gender = _clear_majority(votes)
        if gender is not None:
            return gender, source
    return None, None


def genders(
    people: Iterable[tuple[int, str, str, list[str]]],
) -> Iterator[tuple[int, str | None, str | None]]:
    """(id, gender, how it was decided) for each (id, name, kind, forms) of a speaker."""
    for sid, name, kind, forms in people:
        yield (sid, *decide_gender(name, kind, forms))


def _title_gender(word: str) -> str | None:
    if word in lexicon.MALE_TITLES:
        return "male"
    return "female" if word in lexicon.FEMALE_TITLES else None


def _pronoun_gender(word: str) -> str | None:
    if word in lexicon.MALE_PRONOUNS:
        return "male"
    return "female" if word in lexicon.FEMALE_PRONOUNS else None


def _clear_majority(votes: Iterable[str | None]) -> str | None:
    counts = Counter(vote for vote in votes if vote)
    ranked = counts.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] <= 2 * ranked[1][1]):
        return None
    return ranked[0][0]
