"""The article's cast: the people it names, with every form of their names, roles and parties.

Names are found in the parse (proper-noun runs with their titles) and by their capitals
alone; a short form ("Mr Roe", "Roe") resolves to the fullest form the article uses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from quotes import lexicon
from quotes.models import Paragraph, QuoteSpan, SpeakerKind
from quotes.names import first_name_gender
from quotes.nlp import Parsed, Tok
from quotes.tree import (
    HYPHENS,
    SUBJECT_DEPS,
    bare_word,
    child,
    children,
    joined,
    noun_phrase,
    sentence_of,
)

ACRONYM = re.compile(
    r"((?:[A-Z][\w’'-]*|of|and|for|the)(?:\s+(?:[A-Z][\w’'-]*|of|and|for|the)){0,7})\s*\(([A-Z]{2,6})\)"
)
NOT_IN_NAMES = (
    lexicon.TITLES
    | lexicon.ROLE_WORDS
    | lexicon.PARTY_WORDS
    | lexicon.POST_NOMINALS
    | lexicon.NATIONALITIES
)
ROLE_OR_PARTY = lexicon.ROLE_WORDS | lexicon.ROLE_QUALIFIERS | lexicon.PARTY_WORDS
SHOUTED = re.compile(r"[A-Z]{3,}")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


CAPITALISED_RUN = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+)?"
    r"\b[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?){1,2}\b"
)


LEADING_MARKUP = re.compile(r"^[\"'<>=/]+")


POSSESSIVE = re.compile(r"['’]s$")


LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
LISTED_FIELDS = re.compile(
    r"(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*\s+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)
"""The rest of a body's name that lists its fields: "… of Ferries| and Harbours", "… for
Ferries|, Harbours and Coastal Affairs"."""
BODY_OF = re.compile(r"\s(?:of|for)\s")


SURNAME_REACH = 4000
MISSPELT_MIN = 6
"""The shortest surname a misspelling by one letter is forgiven in."""
TRANSPOSED_MIN = 8
"""The shortest surname a misspelling by two letters swapped is forgiven in."""


@dataclass(frozen=True)
class Source:
    """A source as the rules found it."""

    text: str
    start: int
    end: int
    name: str | None
    kind: SpeakerKind
    gender: str | None = None
    role: str | None = None
    party: str | None = None


@dataclass(frozen=True)
class Mention:
    """A person named in the article, with the fullest name that mention gives."""

    start: int
    parts: tuple[str, ...]
    gender: str | None
    role: str | None
    party: str | None
    sent: int = -1
    text: str = ""
    quoted: bool = False
    introduced: bool = False
    """Described in apposition ("Jan Roe, chairman of the board"): brought into the story."""


@dataclass(frozen=True)
class Body:
    """A committee, commission or other body the article names: "the Commons transport
    committee"."""

    start: int
    name: str
    noun: str


@dataclass(frozen=True)
class Context:
    """What the rules know about one article."""

    text: str
    parsed: Parsed
    spans: tuple[QuoteSpan, ...]
    inside: frozenset[int]
    mentions: tuple[Mention, ...]
    subject_sources: dict[int, Source]
    lowercase_words: frozenset[str] = frozenset()
    acronyms: Mapping[str, str] = field(default_factory=dict)
    bodies: tuple[Body, ...] = ()
    all_quoted: dict[int, bool] = field(default_factory=dict)
    """Paragraph number → whether all its words are quoted, filled as the rules ask."""

    @cached_property
    def _name_places(self) -> dict[tuple[int, str], list[int]]:
        """(0, first name), (-1, last name) and (1, last name less a letter) → the places of
        the mentions with it."""
        places: dict[tuple[int, str], list[int]] = {}
        for n, mention in enumerate(self.mentions):
            if mention.parts:
                last = mention.parts[-1].lower()
                places.setdefault((0, mention.parts[0].lower()), []).append(n)
                places.setdefault((-1, last), []).append(n)
                for shorter in _one_letter_less(last):
                    places.setdefault((1, shorter), []).append(n)
        return places

    @cached_property
    def _role_places(self) -> dict[str, list[int]]:
        places: dict[str, list[int]] = {}
        for n, mention in enumerate(self.mentions):
            for word in set((mention.role or "").lower().split()):
                places.setdefault(word, []).append(n)
        return places

    def namesakes(self, parts: tuple[str, ...]) -> list[Mention]:
        """The mentions, in order, with the last name of ``parts`` or, for a lone name, that
        first name or a surname a letter apart: all that ``resolve_name`` could match
        ``parts`` to."""
        if not parts:
            return []
        last = parts[-1].lower()
        keys = [(-1, last)]
        if len(parts) == 1:
            keys.append((0, last))
        if len(parts) == 1 and len(last) >= MISSPELT_MIN:
            keys += [(1, last), *((-1, shorter) for shorter in _one_letter_less(last))]
        if len(parts) == 1 and len(last) >= TRANSPOSED_MIN:
            keys += [(-1, swapped) for swapped in _two_letters_swapped(last)]
        places = sorted({n for key in keys for n in self._name_places.get(key, ())})
        return [self.mentions[n] for n in places]

    def holders(self, role_words: set[str]) -> list[Mention]:
        """The mentions, in order, whose role has every one of ``role_words``."""
        if not role_words:
            return []
        rarest = min((self._role_places.get(w, []) for w in role_words), key=len)
        found = (self.mentions[n] for n in rarest)
        return [m for m in found if m.role and role_words <= set(m.role.lower().split())]


def person_name(ctx: Context, head: Tok) -> tuple[tuple[str, ...], str | None, list[Tok]] | None:
    """(name parts, gender, name tokens) when ``head`` ends a person's name, else None."""
    tokens = ctx.parsed.tokens
    if not is_proper(tokens, head, ctx.lowercase_words) or _names_a_place(tokens, head):
        return None
    run = name_run(tokens, head)
    parts, gender = clean_name(run_words(run))
    parts = _without_opening_noun(ctx.text, run[0].start, parts)
    if not parts:
        return None
    if not all(p[:1].isupper() and not any(c.isdigit() for c in p) for p in parts):
        return None
    titled = len(parts) < len(run) and any(bare_word(t) in lexicon.TITLES for t in run)
    personal = titled or (len(parts) > 1 and first_name_gender(parts[0]) is not None)
    if not personal and any(p.lower() in lexicon.ORG_WORDS | lexicon.PARTY_WORDS for p in parts):
        return None
    two_before = tokens[max(0, run[0].i - 2) : run[0].i]
    has_the = any(t.head == head.i and t.text.lower() == "the" for t in two_before)
    if has_the and not titled:
        return None
    namesakes = ctx.namesakes(parts)
    known = any(_same_person(m.parts, parts) for m in namesakes)
    known = known or (len(parts) == 1 and bool(_misspelt_surname(namesakes, parts[0])))
    if titled or len(parts) >= 2 or known:
        return parts, gender, run
    return None


def _names_a_place(tokens: Sequence[Tok], head: Tok) -> bool:
    """A name before a place noun names the place ("Prince Alder station"), not a person."""
    place = tokens[head.head]
    return head.dep == "compound" and place.i > head.i and bare_word(place) in lexicon.PLACE_NOUNS


def is_proper(tokens: Sequence[Tok], tok: Tok, lowercase_words: frozenset[str]) -> bool:
    """A proper noun, or a capitalised word the tagger missed: one that does not start a
    sentence, or one the article never writes in lower case."""
    if tok.pos == "PROPN":
        return True
    if tok.pos not in {"NOUN", "ADV", "ADJ"} or not tok.text[:1].isupper():
        return False
    sentence_start = tok.i == 0 or tokens[tok.i - 1].sent != tok.sent
    return not sentence_start or tok.text.lower() not in lowercase_words


def text_mentions(text: str, paragraphs: Sequence[Paragraph] = ()) -> list[Mention]:
    """Full names in the body text, found by their capitals alone (parsed or not)."""
    found = []
    furniture = [p for p in paragraphs if p.is_furniture]
    common = set(LOWERCASE_WORD.findall(text))
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    title_case: dict[int, bool] = {}
    for match in CAPITALISED_RUN.finditer(text):
        at = match.start()
        line = line_starts[bisect_right(line_starts, at) - 1]
        if line not in title_case:
            title_case[line] = _in_title_case_line(text, line)
        if title_case[line] or _within(furniture, at):
            continue
        words = POSSESSIVE.sub("", match.group(0)).split()
        owner = max((n for n, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), default=-1)
        parts, gender = clean_name(words[owner + 1 :])
        while parts and (parts[0].lower() in lexicon.NOT_NAME_WORDS or parts[0].lower() in common):
            parts = parts[1:]
        parts = _without_opening_noun(text, at, parts)
        if len(parts) < 2 or any(
            p.lower() in lexicon.ORG_WORDS | lexicon.NOT_NAME_WORDS for p in parts
        ):
            continue
        found.append(Mention(match.start(), parts, gender or name_gender(parts), None, None))
    return found


def _within(paragraphs: Sequence[Paragraph], at: int) -> bool:
    """``at`` falls in one of ``paragraphs`` (in text order, none overlapping)."""
    index = bisect_right(paragraphs, at, key=lambda p: p.start) - 1
    return index >= 0 and at < paragraphs[index].end


def _without_opening_noun(text: str, at: int, parts: tuple[str, ...]) -> tuple[str, ...]:
    """A name's parts without the common noun that opens a sentence before it ("Rival Jane
    Doe"): a first word that is no first name before one that is."""
    common_noun = (
        len(parts) > 2
        and first_name_gender(parts[0]) is None
        and first_name_gender(parts[1]) is not None
    )
    return parts[1:] if common_noun and _opens_sentence(text, at) else parts


def _opens_sentence(text: str, at: int) -> bool:
    while at > 0 and text[at - 1] in " \t\"“‘'":
        at -= 1
    return at == 0 or text[at - 1] in ".!?\n"


def _in_title_case_line(text: str, at: int) -> bool:
    """A headline-like line where most words are capitalised, so capitals tell nothing."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = text[start : end if end >= 0 else len(text)].split()
    return sum(w[:1].isupper() for w in words) * 4 > len(words) * 3


def name_gender(parts: tuple[str, ...]) -> str | None:
    return first_name_gender(parts[0]) if len(parts) > 1 else None


def phrase_text(ctx: Context, phrase: Sequence[Tok]) -> str:
    return ctx.text[phrase[0].start : phrase[-1].end]


def name_run(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
    """The proper nouns and titles that run up to ``head`` in its noun phrase."""
    run = [head]
    for tok in (tokens[j] for j in range(head.i - 1, -1, -1)):
        if tok.para != head.para:
            break
        if joined(tok, run[0]) and (tok.text in HYPHENS or run[0].text in HYPHENS):
            run.insert(0, tok)
            continue
        title = bare_word(tok) in lexicon.TITLES
        in_run = tok.head in {t.i for t in run}
        linked = in_run and (tok.dep in {"compound", "flat", "nmod"} or title)
        if not (linked and (tok.pos == "PROPN" or title)):
            break
        run.insert(0, tok)
    return run


def run_words(run: Sequence[Tok]) -> list[str]:
    """The words of a name run as written, hyphenated parts kept together."""
    words: list[str] = []
    for i, tok in enumerate(run):
        if i and joined(run[i - 1], tok) and (tok.text in HYPHENS or run[i - 1].text in HYPHENS):
            words[-1] += tok.text
        else:
            words.append(tok.text)
    return words


def clean_name(words: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """The name in a run of words: titles, roles, parties and nationalities before it and
    post-nominals after it dropped, a shouted word re-cased (RISHI, not QC or G.K.); its gender."""
    gender = None
    parts: list[str] = []
    after_honorific = False
    for index, written in enumerate(words):
        word = LEADING_MARKUP.sub("", written) or written
        bare = word.lower().rstrip(".")
        last = index == len(words) - 1
        if bare in lexicon.MALE_TITLES and not after_honorific and not (last and parts):
            gender = "male"
        elif bare in lexicon.FEMALE_TITLES and not after_honorific and not (last and parts):
            gender = "female"
        if word in {"'s", "’s"}:
            continue
        named = after_honorific and bare not in lexicon.ROLE_WORDS | lexicon.HONORIFICS
        after_honorific = bare in lexicon.HONORIFICS
        if not named and bare in NOT_IN_NAMES:
            parts = _past_word_out_of_name(parts, word, bare, last)
            continue
        if bare.rstrip(",") in NAME_SUFFIXES and parts:
            continue
        parts.append(word.capitalize() if SHOUTED.fullmatch(word) else word)
    while len(parts) > 1 and parts[0].lower() in lexicon.CLAUSE_OPENERS:
        parts.pop(0)
    return tuple(parts), gender


def _past_word_out_of_name(parts: list[str], word: str, bare: str, last: bool) -> list[str]:
    """The name so far past a title, role, party, nationality or post-nominal: one before the
    name starts it afresh; the last word after it is dropped if a role or post-nominal
    ("Ann Kerr QC"), kept if it may be a surname ("Tomas Green"), and a kinship word after a
    name ("Wolf Brother") makes it no name."""
    if not (last and parts):
        return []
    if bare in lexicon.ROLE_WORDS | lexicon.POST_NOMINALS | lexicon.NATIONALITIES:
        return parts
    return [] if bare in lexicon.KINSHIP_TITLES else [*parts, word]


def strip_the(name: str) -> str:
    bare = re.sub(r"^(the|The)\s+", "", name)
    return re.sub(r"\s*['’]s?$", "", bare).strip() or name


def organisation_name(words: str, acronyms: Mapping[str, str]) -> str:
    """An organisation's name as written, without "the"; a party or an acronym the article
    spells out by its full name."""
    name = strip_the(words)
    return acronyms.get(name) or lexicon.PARTY_NAMES.get(name.lower(), name)


def organisation_at(text: str, start: int, end: int, acronyms: Mapping[str, str]) -> str:
    """The organisation named at ``text[start:end]``; a body "of" or "for" something is taken
    on over the fields its name lists ("Department for Ferries, Harbours and Coastal
    Affairs"), which the parse often leaves out."""
    if BODY_OF.search(text, start, end):
        fields = LISTED_FIELDS.match(text, end)
        end = fields.end() if fields else end
    return organisation_name(text[start:end], acronyms)


def spelled_out(text: str) -> dict[str, str]:
    """Acronym → the name it stands for, where the article gives both: "Portwell Ferry
    Users (PFU)", a possessive dropped ("the Portwell Ferry Board's (PFB) plan"); the name
    starts with the acronym's first letter."""
    found: dict[str, str] = {}
    for match in ACRONYM.finditer(text):
        words = match.group(1).split()
        while words and (words[0].lower() in lexicon.NOT_NAME_WORDS or not words[0][:1].isupper()):
            words.pop(0)
        acronym = match.group(2)
        if words and words[0][0] == acronym[0]:
            found.setdefault(acronym, POSSESSIVE.sub("", " ".join(words)).rstrip("'’"))
    return found


def role_and_party(
    phrase: Sequence[Tok], name_toks: Sequence[Tok]
) -> tuple[str | None, str | None]:
    names = {t.i for t in name_toks}
    words = [
        t
        for t in phrase
        if t.pos not in {"DET", "PUNCT", "PART"}
        and bare_word(t) not in lexicon.TITLES - lexicon.ROLE_WORDS
        and (t.i not in names or bare_word(t) in ROLE_OR_PARTY)
    ]
    party = next((t.text for t in words if bare_word(t) in lexicon.PARTY_WORDS), None)
    role_words = [t for t in words if bare_word(t) not in lexicon.PARTY_WORDS or t.pos == "NOUN"]
    has_noun = any(t.pos in {"NOUN", "PROPN"} for t in role_words)
    role = " ".join(t.text for t in role_words) if has_noun and name_toks else None
    return role, party


def named_bodies(text: str, tokens: Sequence[Tok]) -> tuple[Body, ...]:
    """The bodies named in the parsed text (a body noun with capitalised words before it: "the
    Commons transport committee") and the issuers of documents ("a report by the Portwell
    Trust", "the Portwell Trust report"), under the noun "report"."""
    found = []
    for tok in tokens:
        noun = bare_word(tok)
        if tok.pos not in {"NOUN", "PROPN"}:
            continue
        if noun in lexicon.BODY_NOUNS:
            first = _first_capitalised(noun_phrase(tokens, tok))
            if first is not None and first.i < tok.i:
                found.append(Body(first.start, text[first.start : tok.end], noun))
        elif noun in lexicon.ISSUED_NOUNS and tok.pos == "NOUN":  # not "the Business Report"
            issuer = _issuer(tokens, tok) or _introducer(tokens, tok)
            if issuer:
                name = strip_the(text[issuer[0].start : issuer[-1].end])
                found.append(
                    Body(tok.start, name, "statement" if noun == "statement" else "report")
                )
    return tuple(found)


def _first_capitalised(phrase: Sequence[Tok]) -> Tok | None:
    return next((t for t in phrase if t.text[:1].isupper() and t.pos != "DET"), None)


def _issuer(tokens: Sequence[Tok], document: Tok) -> Sequence[Tok]:
    """The capitalised words naming who issued a document, before it or after by/from."""
    before = [t for t in noun_phrase(tokens, document) if t.i < document.i]
    first = _first_capitalised(before)
    if first is not None:
        return [t for t in before if t.i >= first.i and t.text not in {"'s", "’s"}]
    by = next((t for t in children(tokens, document) if t.text in {"by", "from"}), None)
    obj = child(tokens, by, {"pobj"}) if by is not None else None
    if obj is None:
        return []
    phrase = [t for t in noun_phrase(tokens, obj) if t.pos != "DET"]
    return phrase if _first_capitalised(phrase) is not None else []


def _introducer(tokens: Sequence[Tok], document: Tok) -> Sequence[Tok]:
    """The capitalised words naming the subject of the clause a document is brought in by, when
    they name it alone: "the Portwell Trust published a report", "in a statement, Acme said",
    "Acme made the remarks in a report"."""
    verb = tokens[document.head]
    if document.dep == "pobj" and verb.dep == "prep":
        verb = tokens[verb.head]
        verb = tokens[verb.head] if verb.dep == "dobj" else verb
    elif document.dep != "dobj":
        return []
    if verb.pos != "VERB" or verb.lemma.lower() not in lexicon.ISSUING_LEMMAS:
        return []
    subject = next((t for t in children(tokens, verb) if t.dep == "nsubj"), None)
    if subject is None or subject.i in {document.i, verb.i}:
        return []
    words = [t for t in noun_phrase(tokens, subject) if t.pos not in {"DET", "PART", "PUNCT"}]
    capitalised = [t for t in words if t.text[:1].isupper()]
    return capitalised if capitalised and capitalised == words[: len(capitalised)] else []


def name_tokens(run: Sequence[Tok], parts: tuple[str, ...]) -> Sequence[Tok]:
    """The tokens of a name run that spell the name, the title and role before it left out."""
    first = parts[0].lower() if parts else ""
    starts = [i for i, t in enumerate(run) if t.text.lower() == first]
    return run[starts[-1] :] if starts else run


def mentions_in_parse(ctx: Context) -> list[Mention]:
    tokens = ctx.parsed.tokens
    found: list[Mention] = []
    for tok in tokens:
        if _continues_name(tokens, tok):
            continue
        person = person_name(ctx, tok)
        if person is None:
            continue
        parts, gender, run = person
        gender = gender or name_gender(parts)
        role, party = role_and_party(noun_phrase(tokens, tok), name_tokens(run, parts))
        in_apposition = _apposition_role(tokens, tok)
        role = role or in_apposition or _as_role(tokens, tok)
        text = ctx.text[run[0].start : tok.end]
        quoted = tok.i in ctx.inside
        found.append(
            Mention(
                run[0].start,
                parts,
                gender,
                role,
                party,
                tok.sent,
                text,
                quoted,
                introduced=in_apposition is not None,
            )
        )
    return found


def _continues_name(tokens: Sequence[Tok], tok: Tok) -> bool:
    """A proper noun that is part of a longer name ending further right."""
    head = tokens[tok.head]
    return tok.dep in {"compound", "flat"} and head.pos == "PROPN" and head.i > tok.i


def _as_role(tokens: Sequence[Tok], person: Tok) -> str | None:
    """The role in "<person> ... as <role>" within the person's clause."""
    if person.dep not in SUBJECT_DEPS:
        return None
    verb = person.head
    for tok in sentence_of(tokens, person):
        if tok.text.lower() != "as" or tok.i < person.i:
            continue
        if tokens[tok.head].i != verb and tokens[tokens[tok.head].head].i != verb:
            continue
        obj = child(tokens, tok, {"pobj"})
        if obj is not None and (obj.pos == "PROPN" or bare_word(obj) in lexicon.ROLE_WORDS):
            words = [t.text for t in noun_phrase(tokens, obj) if t.pos not in {"DET", "PUNCT"}]
            return " ".join(words)
    return None


def _apposition_role(tokens: Sequence[Tok], head: Tok) -> str | None:
    appos = child(tokens, head, {"appos"})
    if appos is None or appos.pos != "NOUN":
        return None
    phrase = [t for t in noun_phrase(tokens, appos) if t.pos not in {"DET", "PUNCT"}]
    return " ".join(t.text for t in phrase) or None


def resolve_name(
    mentions: Sequence[Mention],
    parts: tuple[str, ...],
    gender: str | None,
    at: int,
    first_name_ok: bool = True,
) -> tuple[str, str | None]:
    """The fullest name in the article for a name or short form, and its gender; a lone
    first name ("Sir Keir") is looked for only when ``first_name_ok`` (no surname title)."""
    if not parts:
        return "", gender
    fitting = [m for m in mentions if _fits(m, gender)]
    fuller = [m for m in fitting if len(m.parts) > 1]
    matches = [m for m in fuller if _same_surname(m.parts, parts)]
    if first_name_ok:
        matches = matches or [m for m in fuller if _same_person(m.parts, parts)]
    matches = [m for m in matches if not m.quoted] or matches
    if not matches and len(parts) == 1:
        matches = _misspelt_surname(fuller, parts[0])
    if not matches:
        return " ".join(parts), gender
    before = [m for m in matches if m.start <= at]
    if len(parts) == 1:
        chosen = _surname_holder(before or matches, at)
    else:
        chosen = max(before, key=lambda m: (len(m.parts) > 1, m.start)) if before else matches[0]
    full = chosen if len(chosen.parts) > 1 else max(matches, key=lambda m: len(m.parts))
    known = gender or next((m.gender for m in matches if m.gender and m.parts == full.parts), None)
    return " ".join(full.parts), known


def _surname_holder(matches: Sequence[Mention], at: int) -> Mention:
    """Whom a bare surname names: of the people with it named in the last few paragraphs,
    the one named first (a family's relatives are named after the person the story is
    about); failing that, the latest named."""
    full = [m for m in matches if len(m.parts) > 1] or list(matches)
    recent = [m for m in full if at - m.start <= SURNAME_REACH]
    if recent:
        return min(recent, key=lambda m: m.start)
    return max(full, key=lambda m: m.start)


def _misspelt_surname(mentions: Sequence[Mention], surname: str) -> list[Mention]:
    """The one person whose long surname the article spells once with a letter dropped or
    added ("Galagher" for "Gallagher") or, in a longer one, two letters next to each other
    swapped ("Fitzgearld"); none if no one or several people fit."""
    if len(surname) < MISSPELT_MIN:
        return []
    fits = [
        m
        for m in mentions
        if len(m.parts) > 1 and _misspelling_of(m.parts[-1].lower(), surname.lower())
    ]
    return fits if len({m.parts for m in fits}) == 1 else []


def _one_letter_less(word: str) -> set[str]:
    """``word`` with any one of its letters dropped."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _two_letters_swapped(word: str) -> set[str]:
    """``word`` with any two different letters next to each other swapped."""
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    }


def _misspelling_of(right: str, written: str) -> bool:
    """``written`` is ``right`` with a letter dropped or added, or, in a long surname, two
    letters next to each other swapped."""
    swapped = len(written) >= TRANSPOSED_MIN and written in _two_letters_swapped(right)
    return swapped or _one_letter_apart(right, written)


def _one_letter_apart(longer: str, shorter: str) -> bool:
    if len(longer) < len(shorter):
        longer, shorter = shorter, longer
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _same_surname(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    return full[-1].lower() == short[-1].lower() and (
        len(short) == 1 or full[0].lower() == short[0].lower()
    )


def _same_person(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    f = [p.lower() for p in full]
    s = [p.lower() for p in short]
    if f == s:
        return True
    if len(s) == 1:
        return s[0] in (f[-1], f[0])
    return s[-1] == f[-1] and s[0] == f[0]


def _fits(mention: Mention, gender: str | None) -> bool:
    return gender is None or mention.gender is None or mention.gender == gender
