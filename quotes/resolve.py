"""From the words of a source to a speaker: names, pronouns and role nouns resolved against
the article's cast."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product, takewhile

from quotes import lexicon
from quotes.cast import (
    Context,
    Source,
    clean_name,
    name_gender,
    name_run,
    name_tokens,
    organisation_at,
    person_name,
    phrase_text,
    resolve_name,
    role_and_party,
)
from quotes.models import SpeakerKind
from quotes.nlp import Tok
from quotes.tree import (
    SUBJECT_DEPS,
    ancestors,
    bare_word,
    child,
    children,
    description,
    is_age,
    is_cue,
    is_ranking,
    is_subject,
    is_thing,
    noun_phrase,
    numbered_office,
    sentence_of,
    those_after_cue,
)

PRONOUN_SENTENCES = 6
AND = frozenset({"&", "and"})


ROLE_SENTENCES = 3
NAMED_NEXT_REACH = 400
"""How far after an opening line's role (in characters) the person holding it is named."""
PRONOUN_GENDERS = {"he": "male", "his": "male", "she": "female", "her": "female"}
SPOKESPERSON_GENDERS: dict[str, str | None] = {
    "spokesman": "male",
    "spokeswoman": "female",
    "spokesperson": None,
}


def source_of(ctx: Context, subject: Tok) -> Source | None:
    """The source a subject token names, resolved as far as the article allows."""
    if subject.i in ctx.subject_sources:
        return ctx.subject_sources[subject.i]
    return _direct_source(ctx, subject)


def _direct_source(ctx: Context, subject: Tok) -> Source | None:
    tokens = ctx.parsed.tokens
    if _those_described(tokens, subject):
        described = description(tokens, subject)
        text = phrase_text(ctx, described)
        return Source(text, described[0].start, described[-1].end, None, "group")
    if subject.text.lower() in lexicon.PERSONAL_PRONOUNS or subject.pos == "PRON":
        return None
    phrase = noun_phrase(tokens, subject)
    text = phrase_text(ctx, phrase)
    start, end = phrase[0].start, phrase[-1].end
    named = _appositive_person(ctx, subject)
    if named is not None:
        described = [t for t in phrase if t.pos != "DET"] or phrase
        own_role = named.role or phrase_text(ctx, described)
        return replace(named, text=text, start=start, end=end, role=own_role)
    person = person_name(ctx, subject)
    if person is not None:
        parts, gender, run = person
        role, party = role_and_party(phrase, name_tokens(run, parts))
        first_ok = not any(bare_word(t) in lexicon.SURNAME_TITLES for t in run)
        name, gender = resolve_name(ctx.namesakes(parts), parts, gender, subject.start, first_ok)
        gender = gender or name_gender(tuple(name.split()))
        return Source(text, start, end, name, "person", gender, role, party)
    spoken_for = (
        _spokesperson(ctx, subject) or _named_body(ctx, subject) or _named_outlet(ctx, subject)
    )
    if spoken_for is not None:
        return spoken_for
    office = numbered_office(tokens, subject)
    if office is not None:
        words = ctx.text[office[0].start : office[1].end]
        return Source(words, office[0].start, office[1].end, words, "organisation")
    role, party = role_and_party(phrase, [])
    holder = _role_holder(ctx, phrase, subject)
    if holder is not None:
        return replace(holder, text=text, start=start, end=end, role=role, party=party)
    if subject.pos == "PROPN" and bare_word(subject) not in lexicon.ROLE_WORDS | lexicon.DEMONYMS:
        end = _name_continued(tokens, subject).end
        org = organisation_at(ctx.text, _name_start(tokens, subject), end, ctx.acronyms)
        text = ctx.text[start:end]
        lone = _lone_surname_speaker(tokens, subject, org)
        kind: SpeakerKind = "person" if lone else "organisation"
        return Source(text, start, end, org, kind, None, role, party)
    if subject.pos in {"NOUN", "PROPN"}:  # a description, "the Portwell MP" included
        kind = "group" if subject.tag in {"NNS", "NNPS"} else "anonymous"
        described = description(tokens, subject)
        text = phrase_text(ctx, described)
        return Source(text, described[0].start, described[-1].end, None, kind, None, role, party)
    return None


def _those_described(tokens: Sequence[Tok], subject: Tok) -> bool:
    """ "those" after a reporting verb, with a phrase saying who they are ("say those close to
    the talks", "say those behind the bid"): a group source."""
    return those_after_cue(tokens, subject) and any(
        t.dep in {"prep", "amod", "acl"} for t in children(tokens, subject)
    )


def _appositive_person(ctx: Context, subject: Tok) -> Source | None:
    """The person a description names in apposition: "The city's treasurer, Ms Ana Ruiz,"."""
    if subject.pos != "NOUN" and bare_word(subject) not in lexicon.ROLE_WORDS:
        return None
    appos = child(ctx.parsed.tokens, subject, {"appos"}) or _name_after_comma(ctx, subject)
    if appos is None:
        return None
    if person_name(ctx, appos) is None:
        return _relative_named(ctx, subject, appos)
    return _direct_source(ctx, appos)


def _relative_named(ctx: Context, subject: Tok, appos: Tok) -> Source | None:
    """A relative named by one word after a possessive ("his brother Ned", "Roe's wife,
    Amy,") is that person, by the fullest form of the name the article gives, else, for a
    blood relative, with the surname of the one whose relative they are ("Ned Roe")."""
    tokens = ctx.parsed.tokens
    word = bare_word(subject)
    one_word = appos.pos == "PROPN" and appos.text.isalpha() and appos.text[:1].isupper()
    one_word = one_word and name_run(tokens, appos) == [appos]
    owner = child(tokens, subject, {"poss"})
    if word not in lexicon.RELATIVE_NOUNS or owner is None:
        return None
    if not one_word or appos.text.lower() in lexicon.ORG_WORDS | lexicon.NOT_NAME_WORDS:
        return None
    gender = _noun_gender(word)
    parts: tuple[str, ...] = (appos.text,)
    name, gender = resolve_name(ctx.namesakes(parts), parts, gender, appos.start)
    surname = _family_name(ctx, owner) if word in lexicon.BLOOD_RELATIVES else None
    if name == appos.text and surname is not None:
        parts = (appos.text, surname)
        name, gender = resolve_name(ctx.namesakes(parts), parts, gender, appos.start)
    return Source(appos.text, appos.start, appos.end, name, "person", gender)


def _noun_gender(word: str) -> str | None:
    """The gender a noun for a person tells ("wife", "the Welshman"), if any."""
    if word in lexicon.FEMALE_PERSON_NOUNS:
        return "female"
    return "male" if word in lexicon.MALE_PERSON_NOUNS else None


def _family_name(ctx: Context, owner: Tok) -> str | None:
    """The surname of the one a possessive names: "Roe's" (by the fullest form of the name),
    or "his" or "her", the last person not of the other gender named in full before it."""
    gender = PRONOUN_GENDERS.get(owner.text.lower())
    if gender is not None:
        other = "female" if gender == "male" else "male"
        named = [
            m
            for m in ctx.mentions
            if m.start < owner.start and not m.quoted and len(m.parts) > 1 and m.gender != other
        ]
        return max(named, key=lambda m: m.start).parts[-1] if named else None
    person = person_name(ctx, owner)
    if person is None:
        return None
    name, _ = resolve_name(ctx.namesakes(person[0]), person[0], person[1], owner.start)
    return name.split()[-1] if name else None


def _name_after_comma(ctx: Context, subject: Tok) -> Tok | None:
    """The last word of a name that follows a description after a comma, the parser having
    hung it elsewhere: "by his friend, the comedian John Roe"."""
    tokens = ctx.parsed.tokens
    at = description(tokens, subject)[-1].i + 1
    if at >= len(tokens) or tokens[at].text != ",":
        return None
    words = [t for t in tokens[at + 1 : at + 8] if t.sent == subject.sent]
    while words and words[0].pos in {"DET", "ADJ", "NOUN"} and not words[0].text[:1].isupper():
        words.pop(0)
    run = list(takewhile(lambda t: t.pos == "PROPN", words))
    return run[-1] if run else None


def _spokesperson(ctx: Context, subject: Tok) -> Source | None:
    """The organisation an unnamed spokesperson speaks for, named before the noun ("a
    Portwell Council spokesman") or after it ("a spokeswoman for the Ferry Board")."""
    if bare_word(subject) not in lexicon.SPOKESPERSON_NOUNS:
        return None
    tokens = ctx.parsed.tokens
    org = _last_capitalised_run([t for t in noun_phrase(tokens, subject) if t.i < subject.i])
    if not org:
        preps = [t for t in children(tokens, subject) if t.text.lower() in {"for", "of", "at"}]
        pobj = child(tokens, preps[0], {"pobj"}) if preps else None
        org = [t for t in noun_phrase(tokens, pobj) if t.pos != "DET"] if pobj else []
        org = [*org, _name_continued(tokens, org[-1])] if org else org
    if not any(t.text[:1].isupper() for t in org):
        return None  # "a spokesman for the company": no organisation named
    name = organisation_at(ctx.text, org[0].start, org[-1].end, ctx.acronyms)
    words = description(tokens, subject)
    role = subject.text.lower()
    return Source(
        phrase_text(ctx, words), words[0].start, words[-1].end, name, "organisation", None, role
    )


def _named_outlet(ctx: Context, subject: Tok) -> Source | None:
    """The body named just before a noun such as "magazine" or "firm": "the influential Edge
    magazine" speaks as Edge."""
    if subject.pos != "NOUN" or bare_word(subject) not in lexicon.OUTLET_NOUNS:
        return None
    tokens = ctx.parsed.tokens
    before = [t for t in noun_phrase(tokens, subject) if t.i < subject.i]
    name = _last_capitalised_run(before)
    generic = all(bare_word(t) in lexicon.ORG_WORDS for t in name)  # "TV channel Five"
    if not name or generic or name[-1].i != subject.i - 1 or _indefinite(before):
        return None
    words = description(tokens, subject)
    org = organisation_at(ctx.text, name[0].start, name[-1].end, ctx.acronyms)
    return Source(phrase_text(ctx, words), words[0].start, words[-1].end, org, "organisation")


def _name_start(tokens: Sequence[Tok], head: Tok) -> int:
    """Where a name ending at ``head`` starts, names joined to it by "&" or "and" before it
    taken in: "the Widget & Gadget Commission"."""
    phrase = {t.i for t in noun_phrase(tokens, head)}
    first = at = name_run(tokens, head)[0].i
    while at - 1 in phrase and (tokens[at - 1].pos == "PROPN" or tokens[at - 1].text in AND):
        at -= 1
        first = at if tokens[at].pos == "PROPN" else first
    return tokens[first].start


def _named_body(ctx: Context, subject: Tok) -> Source | None:
    """The body named last for "the committee" (a committee), "the report" (the issuer of the
    last report) or "the MPs" (a committee or inquiry)."""
    noun = bare_word(subject)
    if subject.pos != "NOUN":
        return None
    if noun in lexicon.DOCUMENT_NOUNS:
        nouns = {"report"}
    elif noun == "statement":
        nouns = {"statement"}
    elif noun in lexicon.MEMBER_NOUNS:
        nouns = {"committee", "inquiry", "panel", "commission"}
    else:
        nouns = {noun} & lexicon.BODY_NOUNS
    named = [b for b in ctx.bodies if b.start <= subject.start and b.noun in nouns]
    if not named:
        return None
    body = named[-1]
    words = description(ctx.parsed.tokens, subject)
    text, start, end = phrase_text(ctx, words), words[0].start, words[-1].end
    person = _person_named(ctx, body.name, body.start)
    if person is not None:
        return Source(text, start, end, person[0], "person", person[1])
    return Source(text, start, end, ctx.acronyms.get(body.name, body.name), "organisation")


def _person_named(ctx: Context, words: str, at: int) -> tuple[str, str | None] | None:
    """The person a body's name stands for when it is a name the article gives a person in
    full ("the Roe report" after "Jan Roe"), with their gender."""
    parts, gender = clean_name(words.split())
    namesakes = ctx.namesakes(parts)
    name, gender = resolve_name(namesakes, parts, gender, at, first_name_ok=False)
    named = any(m.parts == parts and len(parts) > 1 for m in namesakes)
    return (name, gender) if parts and (named or name != " ".join(parts)) else None


def _last_capitalised_run(phrase: Sequence[Tok]) -> list[Tok]:
    """The last run of capitalised words in a phrase, determiners and possessives left out."""
    run: list[Tok] = []
    for tok in phrase:
        if tok.text[:1].isupper() and tok.pos not in {"DET", "PART", "PUNCT"}:
            run = [*run, tok] if run and run[-1].i == tok.i - 1 else [tok]
    return run


def _name_continued(tokens: Sequence[Tok], head: Tok) -> Tok:
    """The last word of a name that runs on through "of" or "for" ("College of Nursing")."""
    prep = next((t for t in children(tokens, head) if t.text in {"of", "for"}), None)
    obj = child(tokens, prep, {"pobj"}) if prep is not None else None
    return obj if obj is not None and obj.pos == "PROPN" else head


def _lone_surname_speaker(tokens: Sequence[Tok], subject: Tok, name: str) -> bool:
    """One capitalised word, no article, no organisation word, the subject of a reporting
    verb: in news copy that is a person named by surname ("Okafor said")."""
    has_the = any(t.pos == "DET" for t in children(tokens, subject))
    plain = name.isalpha() and name[:1].isupper() and not name.isupper()
    organisation = name.lower() in lexicon.ORG_WORDS | lexicon.PARTY_WORDS
    return plain and not has_the and not organisation and is_cue(tokens[subject.head])


@dataclass(frozen=True)
class _Candidate:
    """An earlier source a pronoun may point back to; lower rank is preferred."""

    sent: int
    rank: int
    source: Source
    spoke: bool = False
    """The subject of a reporting verb, not merely someone mentioned."""
    agent: bool = False
    """Named only as the doer of a passive whose subject is someone described ("the newcomer
    was beaten by Jan Roe"): the passage is about the one described, not them."""


class _Seen:
    """The earlier sources a pronoun or a definite role may point back to: by sentence, and
    the main-clause subjects (rank 0) in the order met, spokespeople among them apart."""

    def __init__(self) -> None:
        self.by_sent: dict[int, list[_Candidate]] = {}
        self.leads: list[_Candidate] = []
        self.lead_sents: list[int] = []
        self.spokespeople: list[Source] = []

    def add(self, candidate: _Candidate) -> None:
        self.by_sent.setdefault(candidate.sent, []).append(candidate)
        if candidate.rank == 0:
            self.leads.append(candidate)
            self.lead_sents.append(candidate.sent)
            source = candidate.source
            if source.name and lexicon.SPOKESPERSON_NOUNS & _role_words(source):
                self.spokespeople.append(source)

    def leads_since(self, sent: int) -> list[Source]:
        """The main-clause subjects' sources from sentence ``sent`` on (met in text order)."""
        return [c.source for c in self.leads[bisect_left(self.lead_sents, sent) :]]


def resolve_subjects(ctx: Context) -> dict[int, Source]:
    """Each subject outside quotes → its source, pronouns resolved to earlier sources."""
    tokens = ctx.parsed.tokens
    resolved: dict[int, Source] = {}
    seen = _Seen()
    agents = _agents_of_the_described(tokens)
    for m in ctx.mentions:
        if not m.quoted:
            named = Source(m.text, m.start, m.start, " ".join(m.parts), "person", m.gender, m.role)
            # one brought in with a description ranks with the subjects of clauses
            rank = 1 if m.introduced else 2
            seen.add(_Candidate(m.sent, rank, named, agent=rank == 2 and m.start in agents))
    genders = {
        resolve_name(ctx.namesakes(m.parts), m.parts, m.gender, m.start)[0]: m.gender
        for m in ctx.mentions
        if m.gender
    }
    for tok in tokens:
        if not is_subject(tokens, tok) or tok.i in ctx.inside:
            continue
        word = tok.text.lower()
        owner = _owner(tokens, tok)
        if owner is not None:
            source = _owners_source(ctx, owner, seen, genders, description(tokens, tok))
        elif word in {"he", "she", "they"} or _it_said(tokens, tok):
            source = _spokesperson_went_on(ctx, tok, seen) or _resolve_pronoun(tok, seen, genders)
        else:
            source = _direct_source(ctx, tok) or _age_source(ctx, tok)
        if source is not None and _is_definite_role(tokens, tok, source):
            source = _resolve_definite_role(ctx, source, tok, seen)
            source = source if source.name else _named_next(ctx, source, tok)
        elif source is not None and source.name is None and _indefinite(description(tokens, tok)):
            source = _named_next(ctx, source, tok)
        if source is not None and source.name is None and _stands_for_a_body(tokens, tok):
            source = _last_body_to_speak(source, seen, tok.sent)
        if source is None or (source.name is None and is_age(tokens, tok)):
            continue
        resolved[tok.i] = source
        if source.name and source.gender and (word not in {"he", "she"} or source.kind == "person"):
            genders.setdefault(source.name, source.gender)  # "she" told of Roe: Roe is a woman
        if source.name or source.kind == "group":
            rank = 0 if _main_clause(tokens, tok) else 1
            seen.add(_Candidate(tok.sent, rank, source, is_cue(tokens[tok.head])))
    return resolved


def _stands_for_a_body(tokens: Sequence[Tok], subject: Tok) -> bool:
    """ "the company", "the board", "the statement" (whose issuer is not known), or "a statement
    from the firm" ("read a statement from the firm"): words for an organisation already in
    the story. A report is left alone: it may be anyone's."""
    noun = bare_word(subject)
    if subject.pos != "NOUN" or noun not in lexicon.COMPANY_NOUNS | {"statement"}:
        return False
    if _the(tokens, subject):
        return True
    heads = [subject, tokens[subject.head]] if subject.dep == "dobj" else [subject]
    after = [t for h in heads for t in children(tokens, h) if t.i > subject.i]
    source = next((t for t in after if t.text in {"from", "by"}), None)
    issuer = child(tokens, source, {"pobj"}) if source is not None else None
    return noun == "statement" and issuer is not None and _stands_for_a_body(tokens, issuer)


def _the(tokens: Sequence[Tok], noun: Tok) -> bool:
    return any(t.dep == "det" and t.text.lower() == "the" for t in children(tokens, noun))


def _last_body_to_speak(source: Source, seen: _Seen, sent: int) -> Source:
    """The organisation that was last the subject of a reporting verb, in this sentence or the
    few before it, or ``source`` unchanged when none was. A one-word name never given in full
    ("Acme said") counts: a company, not a person known by surname alone."""
    for earlier in range(sent, sent - PRONOUN_SENTENCES, -1):
        bodies = [
            c.source
            for c in seen.by_sent.get(earlier, [])
            if c.spoke
            and c.source.name
            and (c.source.kind == "organisation" or _one_word(c.source))
        ]
        if bodies:
            body = max(bodies, key=lambda s: s.start)
            return replace(source, name=body.name, kind="organisation", gender=None)
    return source


def _one_word(source: Source) -> bool:
    return source.kind == "person" and source.name is not None and " " not in source.name


def _agents_of_the_described(tokens: Sequence[Tok]) -> frozenset[int]:
    """Where the words of each passive's doer start, when the passive's subject is a definite
    description that is no thing: "the newcomer was beaten by fellow Canadian Jan Roe"."""
    starts: set[int] = set()
    for tok in tokens:
        if tok.dep != "pobj" or tokens[tok.head].dep != "agent":
            continue
        verb = tokens[tokens[tok.head].head]
        patient = child(tokens, verb, {"nsubjpass"})
        described = patient is not None and patient.pos == "NOUN" and _the(tokens, patient)
        if described and patient is not None and not is_thing(tokens, patient):
            starts.update(t.start for t in noun_phrase(tokens, tok))
    return frozenset(starts)


def _spokesperson_went_on(ctx: Context, tok: Tok, seen: _Seen) -> Source | None:
    """ "he said" of a quote in the voice of a body ("we", never "I") when the last to speak was
    a spokesman for one: the spokesman goes on, whoever was mentioned in between."""
    gender = PRONOUN_GENDERS.get(tok.text.lower())
    if gender is None or not is_cue(ctx.parsed.tokens[tok.head]):
        return None
    last = _last_speaker(seen, tok.sent)
    if last is None or not _spokesperson_for(last, gender) or not _voice_of_a_body(ctx, tok):
        return None
    return replace(last, text=tok.text, start=tok.start, end=tok.end)


def _last_speaker(seen: _Seen, sent: int) -> Source | None:
    """The source of the last subject of a reporting verb in the sentences before ``sent``."""
    for earlier in range(sent - 1, sent - PRONOUN_SENTENCES, -1):
        speakers = [c.source for c in seen.by_sent.get(earlier, []) if c.spoke]
        if speakers:
            return max(speakers, key=lambda s: s.start)
    return None


def _spokesperson_for(source: Source, gender: str) -> bool:
    """An organisation speaking through a spokesman or spokeswoman "he" or "she" can stand for."""
    role = source.role or ""
    spokesperson = source.kind == "organisation" and role in SPOKESPERSON_GENDERS
    return spokesperson and _gender_fits(SPOKESPERSON_GENDERS[role], gender)


def _voice_of_a_body(ctx: Context, tok: Tok) -> bool:
    """The quotes in a token's sentence say "we" or "our" and never "I" or "my"."""
    sentence = sentence_of(ctx.parsed.tokens, tok)
    start, end = sentence[0].start, sentence[-1].end
    quoted = " ".join(
        ctx.text[s.start : s.end] for s in ctx.spans if s.start < end and s.end > start
    )
    words = set(re.findall(r"[a-z]+", quoted.lower()))
    return bool(words & {"we", "our", "us", "ours"}) and not words & {"i", "me", "my", "mine"}


def _it_said(tokens: Sequence[Tok], subject: Tok) -> bool:
    """ "it" as the active subject of a reporting verb ("it warned"), which only an
    organisation does; "it was reported that" is nobody."""
    verb = tokens[subject.head]
    passive = any(t.dep == "auxpass" for t in children(tokens, verb))
    return subject.text.lower() == "it" and subject.dep == "nsubj" and is_cue(verb) and not passive


def _owner(tokens: Sequence[Tok], subject: Tok) -> Tok | None:
    """Whose statement, reaction, letter or report a subject is: "Mr Roe's statement", "his
    reply", "her report"."""
    owned = lexicon.OWNED_WORDS | lexicon.DOCUMENT_NOUNS
    if subject.pos != "NOUN" or bare_word(subject) not in owned:
        return None
    return child(tokens, subject, {"poss"})


def _owners_source(
    ctx: Context,
    owner: Tok,
    seen: _Seen,
    genders: dict[str, str],
    phrase: Sequence[Tok],
) -> Source | None:
    if owner.text.lower() in PRONOUN_GENDERS.keys() | {"its", "their"}:
        source = _resolve_pronoun(owner, seen, genders)
    else:
        source = _direct_source(ctx, owner)
    if source is None or source.name is None:
        return None
    return replace(source, text=phrase_text(ctx, phrase), start=phrase[0].start, end=phrase[-1].end)


def _main_clause(tokens: Sequence[Tok], subject: Tok) -> bool:
    """The subject of a sentence's main verb, of a reporting verb, or of their conjuncts."""
    verb = tokens[subject.head]
    if verb.dep == "conj":
        verb = tokens[verb.head]
    return verb.dep == "ROOT" or is_cue(verb)


def _is_definite_role(tokens: Sequence[Tok], subject: Tok, source: Source) -> bool:
    """An unresolved "the <role or person noun>" such as "the party leader", "the striker",
    "the Canadian", "the world number three" or "the 36-year-old"."""
    word = subject.text.lower()
    nouns = lexicon.ROLE_WORDS | lexicon.PERSON_NOUNS | lexicon.DEMONYMS
    person_noun = subject.tag in {"NN", "NNP"} and word in nouns
    epithet = person_noun or is_age(tokens, subject) or is_ranking(tokens, subject)
    if source.name is not None or not epithet:
        return False
    first = description(tokens, subject)[0]
    before = [tokens[first.i - 1]] if first.i and tokens[first.i - 1].sent == first.sent else []
    return any(t.text.lower() == "the" for t in [*children(tokens, subject), first, *before])


def _age_source(ctx: Context, subject: Tok) -> Source | None:
    """ "the 36-year-old" as a source still to be resolved to the person it stands for."""
    if not is_age(ctx.parsed.tokens, subject):
        return None
    phrase = description(ctx.parsed.tokens, subject)
    return Source(phrase_text(ctx, phrase), phrase[0].start, phrase[-1].end, None, "anonymous")


def _resolve_definite_role(ctx: Context, source: Source, subject: Tok, seen: _Seen) -> Source:
    """ "the spokesman" is whoever's spokesman spoke last; "the chairman", "the striker" a
    person just named, the one holding exactly that role first (never the shadow chancellor
    for "the chancellor"); an epithet that is no role ("the Canadian") failing that the
    passage's topic person."""
    tokens = ctx.parsed.tokens
    word = subject.text.lower()
    if word in lexicon.SPOKESPERSON_NOUNS and seen.spokespeople:
        spokes = seen.spokespeople
        return replace(source, name=spokes[-1].name, kind=spokes[-1].kind, gender=None)
    history = seen.leads_since(subject.sent - ROLE_SENTENCES)
    gender = _noun_gender(word)
    people = [
        p for p in history[-4:] if p.kind == "person" and p.name and _gender_fits(p.gender, gender)
    ]
    qualifiers = lexicon.ROLE_QUALIFIERS | lexicon.RANKS
    wanted = {word} | {bare_word(t) for t in description(tokens, subject)} & qualifiers
    people = [p for p in people if holds_role(p.role, wanted) or word not in _role_words(p)]
    people = [p for p in people if gender and p.gender == gender] or people
    holders = [p for p in people if holds_role(p.role, wanted)]
    if not (holders or people) and word not in lexicon.ROLE_WORDS:
        topic = _topic_person(ctx, seen, subject, gender)
        people = [topic] if topic is not None else []
    if not (holders or people):
        return source
    earlier = (holders or people)[-1]
    return replace(source, name=earlier.name, kind="person", gender=earlier.gender)


def _topic_person(ctx: Context, seen: _Seen, subject: Tok, gender: str | None) -> Source | None:
    """The person a passage is about: of the nearest sentence before ``subject`` to name one
    outside quotes and relative clauses, its main subject, else the first named (in the
    description's own sentence, the first subject), one of the wanted gender first ("Few
    shone more than Tom Pellow, who is compared with Ed Marsh. The 24-year-old ..." is about
    Tom Pellow)."""
    tokens = ctx.parsed.tokens
    for sent in range(subject.sent, subject.sent - PRONOUN_SENTENCES, -1):
        subjects = [c.source for c in seen.by_sent.get(sent, []) if c.rank == 0]
        first = bisect_left(tokens, sent, key=lambda t: t.sent)
        sentence = (t for t in tokens[first : subject.i] if t.sent == sent)
        if sent == subject.sent:  # "Speaking to Portwell Radio, the Canadian said"
            sentence = (t for t in sentence if t.dep in SUBJECT_DEPS)
        named = (_person_at(ctx, t) for t in sentence if t.i not in ctx.inside)
        found = [*subjects, *named]
        people = [
            p
            for p in found
            if p is not None
            and p.kind == "person"
            and p.name
            and p.start < subject.start
            and _gender_fits(p.gender, gender)
        ]
        if people:
            return next((p for p in people if gender and p.gender == gender), people[0])
    return None


def _person_at(ctx: Context, tok: Tok) -> Source | None:
    """The person whose name ends at ``tok``, outside any relative clause."""
    tokens = ctx.parsed.tokens
    if tok.pos != "PROPN" or tok.dep == "compound" or _in_clause(tokens, tok):
        return None  # "the Tom Pellow show" names a show
    source = _direct_source(ctx, tok) if person_name(ctx, tok) is not None else None
    return source if source is not None and source.kind == "person" else None


def _in_clause(tokens: Sequence[Tok], tok: Tok) -> bool:
    """``tok`` sits in a relative clause or one hung on a noun."""
    return any(above.dep in {"relcl", "acl"} for above in ancestors(tokens, tok, 40))


def holds_role(role: str | None, wanted: set[str]) -> bool:
    """``role`` is the one wanted: every wanted word in it, and the same qualifiers."""
    words = set((role or "").lower().split())
    qualifiers = lexicon.ROLE_QUALIFIERS
    return bool(wanted) and wanted <= words and words & qualifiers == wanted & qualifiers


def _named_next(ctx: Context, source: Source, subject: Tok) -> Source:
    """A role in the opening lines, before anyone is named ("the ferry minister has said", "a
    Portwell MP has resigned"), is the person named just after it, unless another role is
    given to them."""
    word = bare_word(subject)
    if word not in lexicon.ROLE_WORDS or any(m.start < subject.start for m in ctx.mentions):
        return source
    later = [
        m for m in ctx.mentions if 0 < m.start - subject.start <= NAMED_NEXT_REACH and not m.quoted
    ]
    people = [
        m
        for m in later
        if len(m.parts) > 1 and not any(p.lower() in lexicon.PARTY_WORDS for p in m.parts)
    ]
    fitting = [m for m in people if m.role is None or holds_role(m.role, {word})]
    if not fitting:
        return source
    first = min(fitting, key=lambda m: m.start)
    name, gender = resolve_name(ctx.namesakes(first.parts), first.parts, first.gender, first.start)
    return replace(source, name=name, kind="person", gender=gender)


def _role_words(source: Source) -> set[str]:
    return set((source.role or "").lower().split())


def _resolve_pronoun(tok: Tok, seen: _Seen, genders: dict[str, str]) -> Source | None:
    """The source a he/she/they subject points back to, sentence by sentence; "it" said
    only an organisation."""
    word = tok.text.lower()
    gender = PRONOUN_GENDERS.get(word)
    wanted = (
        {"person"}
        if gender
        else {"organisation"}
        if word in {"it", "its"}
        else {"organisation", "group"}
    )
    for sent, subjects_only in product(
        range(tok.sent, tok.sent - PRONOUN_SENTENCES, -1), (True, False)
    ):
        in_sentence = seen.by_sent.get(sent, [])
        found = sorted(
            (
                c
                for c in in_sentence
                if c.source.start < tok.start and (c.rank < 2) == subjects_only and not c.agent
            ),
            key=lambda c: (c.rank, c.source.start if c.rank == 0 else -c.source.start),
        )
        for candidate in found:
            source = candidate.source
            known = source.gender or genders.get(source.name or "")
            fits = _gender_fits(known, gender) and (known or not gender or candidate.rank < 2)
            if source.kind in wanted and source.name and fits:
                return replace(source, text=tok.text, start=tok.start, end=tok.end, gender=gender)
            if gender and source.name and _spokesperson_for(source, gender):
                return replace(source, text=tok.text, start=tok.start, end=tok.end)
    if word == "they":
        return Source(tok.text, tok.start, tok.end, None, "group")
    return None


def _indefinite(phrase: Sequence[Tok]) -> bool:
    """ "a spokesman", "one minister": someone new, not a holder named before."""
    return bool(phrase) and phrase[0].text.lower() in lexicon.ANONYMOUS_DETERMINERS


def _gender_fits(known: str | None, wanted: str | None) -> bool:
    return known is None or wanted is None or known == wanted


def _role_holder(ctx: Context, phrase: Sequence[Tok], subject: Tok) -> Source | None:
    words = [
        lexicon.ROLE_ABBREVIATIONS.get(t.text.lower(), t.text.lower())
        for t in phrase
        if t.pos not in {"DET", "PUNCT"}
    ]
    wanted = set(" ".join(words).split())
    role_word = bare_word(subject) in lexicon.ROLE_WORDS | lexicon.ROLE_ABBREVIATIONS.keys()
    if not wanted or (subject.pos != "NOUN" and not role_word) or _indefinite(phrase):
        return None
    if bare_word(subject) in lexicon.SPOKESPERSON_NOUNS:
        return None  # whose spokesman spoke last, not who was once called one
    holders = [m for m in ctx.holders(wanted) if holds_role(m.role, wanted)]
    if not holders:
        return None
    before = [m for m in holders if m.start < subject.start] or holders
    mention = before[-1]
    parts = mention.parts
    name, gender = resolve_name(ctx.namesakes(parts), parts, mention.gender, mention.start)
    return Source(subject.text, subject.start, subject.end, name, "person", gender)
