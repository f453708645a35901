"""Gender from first names: the only module that touches nomquamgender's name data.

nomquamgender loads a 22 MB table (seconds, and hundreds of megabytes, in every process), so
the few thousand names it decides are kept in a small cache file, made on first use."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

FEMALE_AT_LEAST = 0.85
"""Share of people with the name who are women above which the name counts as female."""
MALE_AT_MOST = 0.15
"""Share below which the name counts as male; anything between is left unknown."""
MIN_PEOPLE = 1000
"""Names borne by fewer people in the data are too rare to judge."""
CACHE_ENV = "QUOTES_CACHE_DIR"
"""Folder for the cached name table (default: ``$XDG_CACHE_HOME/quotes`` or ``~/.cache/quotes``)."""


def first_name_gender(first_name: str) -> str | None:
    """ "female", "male" or None (unknown, rare or mixed) for a first name."""
    if not first_name.isalpha() or len(first_name) < 2:
        return None
    from unidecode import unidecode

    parsed = unidecode(first_name).lower().strip()
    table = _genders()
    return table[parsed] if parsed in table else table.get(parsed.split(" ")[0])


@cache
def _genders() -> dict[str, str | None]:
    """Name → gender for every name the data decides, and every name with a space in it
    (so a look-up falls back to the first word exactly when nomquamgender does)."""
    path = _cache_path()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == _cache_key():
            return dict(stored["genders"])
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        pass
    table = _decided(_name_data())
    _write_cache(path, {"key": _cache_key(), "genders": table})
    return table


def _decided(reference: dict[str, list[Any]]) -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    for name, (_, people, share_female, *_) in reference.items():
        gender = _gender(people, share_female)
        if gender is not None or " " in name:
            table[name] = gender
    return table


def _gender(people: Any, share_female: Any) -> str | None:
    if people is None or share_female is None or people < MIN_PEOPLE:
        return None
    if share_female >= FEMALE_AT_LEAST:
        return "female"
    if share_female <= MALE_AT_MOST:
        return "male"
    return None


def _name_data() -> dict[str, list[Any]]:
    import nomquamgender

    return dict(nomquamgender.NBGC().reference)


def _cache_key() -> list[Any]:
    return [metadata.version("nomquamgender"), FEMALE_AT_LEAST, MALE_AT_MOST, MIN_PEOPLE]


def _cache_path() -> Path:
    folder = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "quotes"
    )
    return Path(folder) / "first-name-genders.json"


def _write_cache(path: Path, content: dict[str, Any]) -> None:
    """Write the cache in one rename; a folder that cannot be written only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as handle:
            json.dump(content, handle)
        os.replace(handle.name, path)
    except OSError:
        pass
