"""The parse as a tree: dependents, subjects, noun phrases, over the records ``nlp.py`` returns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quotes import lexicon
from quotes.nlp import Tok

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


CLAUSE_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj"})


HYPHENS = frozenset({"-", "‐", "‑"})


def is_cue(tok: Tok) -> bool:
    """A reporting verb, in any inflection."""
    return tok.pos in {"VERB", "AUX"} and tok.lemma.lower() in lexicon.CUE_LEMMAS


def sentence_of(tokens: Sequence[Tok], tok: Tok) -> Sequence[Tok]:
    """The tokens of ``tok``'s sentence (a dependency never leaves its sentence)."""
    start, end = tok.i, tok.i + 1
    while start > 0 and tokens[start - 1].sent == tok.sent:
        start -= 1
    while end < len(tokens) and tokens[end].sent == tok.sent:
        end += 1
    return tokens[start:end]


def children(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
    """The tokens that depend on ``head``, in order."""
    return [t for t in sentence_of(tokens, head) if t.head == head.i and t.i != head.i]


def child(tokens: Sequence[Tok], head: Tok, deps: set[str]) -> Tok | None:
    """The first dependent of ``head`` with one of the relations ``deps``."""
    return next((t for t in children(tokens, head) if t.dep in deps), None)


def cue_subject(tokens: Sequence[Tok], cue: Tok, governs: bool = False) -> Tok | None:
    """The subject of a reporting verb, looked for through conjunctions and participles; for
    a cue that ``governs`` the quote, "who" in "the Tories, who said" is the Tories."""
    verb = cue
    for _ in range(4):
        by = _agent(tokens, verb)
        if by is not None:
            return by
        subjects = [t for t in children(tokens, verb) if is_subject(tokens, t)]
        if verb is not cue and all(t.tag == "WDT" for t in subjects):
            subjects = []  # a participle hung on "which is ...": the doer is further up
        if subjects:  # a name before the description beside it: "Roe, transport spokesman"
            subject = min(subjects, key=lambda t: (t.pos != "PROPN", abs(t.i - verb.i)))
            return tokens[verb.head] if governs and _who_said(verb, cue, subject) else subject
        named = (
            (_named_before(tokens, verb) or _inverted_name(tokens, verb)) if verb is cue else None
        )
        named = named or root_name(tokens, verb)
        if named is not None:
            return named
        if verb.dep == "pcomp" and verb.tag == "VBG":
            return _gerund_doer(tokens, verb)
        if verb.dep not in {"conj", "advcl", "xcomp", "pcomp"} or verb.head == verb.i:
            return None
        verb = _reporting_ancestor(tokens, verb) or tokens[verb.head]
    return None


def root_name(tokens: Sequence[Tok], verb: Tok) -> Tok | None:
    """The name the parser made the root of a sentence when it hung the sentence's past-tense
    verb on it as a clause: "Jan Roe, chairman of the board, called on ..."."""
    head = tokens[verb.head]
    misparsed = verb.dep == "acl" and verb.tag == "VBD" and head.dep == "ROOT"
    return head if misparsed and head.pos == "PROPN" and head.i < verb.i else None


def _gerund_doer(tokens: Sequence[Tok], gerund: Tok) -> Tok | None:
    """Who does what a gerund after a preposition says: the subject of the verb it hangs on
    ("Roe apologised for calling it ...", "Roe was banned for calling it ...", "Roe stopped
    taking bets after claiming ..."), the person
    blamed or praised for it ("Kerr criticised Roe for calling it ..."), or the one quoted
    ("Portwell Radio quoted Roe as saying ...")."""
    prep = tokens[gerund.head]
    verb = tokens[prep.head]
    if prep.dep != "prep" or verb.pos not in {"VERB", "AUX"}:
        return None
    below = children(tokens, verb)
    person_like = lexicon.PERSON_NOUNS | lexicon.ROLE_WORDS
    objects = [t for t in below if t.dep == "dobj"]
    blamed = [t for t in objects if t.pos in {"PROPN", "PRON"} or bare_word(t) in person_like]
    if objects and prep.text.lower() == "as":
        return objects[0]
    if blamed and prep.text.lower() == "for":
        return blamed[0]
    for _ in range(3):  # "Roe has stopped taking bets after claiming ...": up to "stopped"
        subject = next((t for t in children(tokens, verb) if t.dep in SUBJECT_DEPS), None)
        if subject is not None or verb.dep not in {"xcomp", "conj"} or verb.head == verb.i:
            return subject
        verb = tokens[verb.head]
    return None


def _inverted_name(tokens: Sequence[Tok], cue: Tok) -> Tok | None:
    """The name an inverted cue opening its sentence was parsed as part of: "Said Roe: …"."""
    name = tokens[cue.head]
    inverted = cue.dep == "compound" and name.pos == "PROPN" and cue.i < name.i
    return name if inverted else None


def _named_before(tokens: Sequence[Tok], cue: Tok) -> Tok | None:
    """The name just before a cue the parser gave no subject: a participle's after a
    preposition ("footage of Roe saying", "with Roe saying"), a verb's wherever the name was
    hung (", Lee and Roe call them")."""
    before = tokens[cue.i - 1] if cue.i > 0 else None
    if before is None or before.sent != cue.sent or before.pos != "PROPN":
        return None
    return before if cue.tag != "VBG" or before.dep == "pobj" else None


def _reporting_ancestor(tokens: Sequence[Tok], participle: Tok) -> Tok | None:
    """The verb a participle cue hung inside a clause belongs to: the reporting verb above it
    (in "it warned the board was weak, describing it as ...", "warned" for "describing"), or
    the verb whose complement the clause is, a verb of thinking included (in "Roe believes a
    short week has merits, explaining: ...", "believes", not the week)."""
    if participle.tag != "VBG" or participle.dep != "advcl" or not is_cue(participle):
        return None
    head = tokens[participle.head]
    complement = False
    while head.dep in {"advcl", "ccomp"} and not is_cue(head):
        complement = complement or head.dep == "ccomp"
        head = tokens[head.head]
    return head if (complement or is_cue(head)) and head.i != participle.head else None


def _who_said(verb: Tok, cue: Tok, subject: Tok) -> bool:
    """ "the Tories, who said": the relative pronoun stands for the noun before it (only for
    "said" itself)."""
    relative = verb.dep == "relcl" and subject.tag in {"WP", "WDT"}
    return relative and verb is cue and cue.lemma.lower() == "say"


def _agent(tokens: Sequence[Tok], verb: Tok) -> Tok | None:
    """Who does a passive verb: "was called a disgrace by Roe", "by" parsed as agent or hung on
    the verb or on what it was called ("was described as a 'rogue' by Roe")."""
    agent = child(tokens, verb, {"agent"})
    below = children(tokens, verb)
    if agent is None and any(t.dep in {"nsubjpass", "auxpass"} for t in below):
        as_what = [t for p in below if p.text == "as" for t in children(tokens, p)]
        called = [t for t in below if t.dep == "oprd"] + [t for t in as_what if t.dep == "pobj"]
        below += [t for c in called for t in children(tokens, c)]
        agent = next((t for t in below if t.text == "by"), None)
    return child(tokens, agent, {"pobj"}) if agent is not None else None


def is_thing(tokens: Sequence[Tok], tok: Tok) -> bool:
    """A subject that cannot speak: "the ruling", "8% of the population" (not "No 10")."""
    if numbered_office(tokens, tok) is not None or is_ranking(tokens, tok):
        return False
    return tok.pos == "NUM" or (tok.pos == "NOUN" and bare_word(tok) in lexicon.THING_NOUNS)


def _object_that_speaks(tokens: Sequence[Tok], obj: Tok) -> bool:
    """An object after a verb with no subject of its own that is who speaks: a statement or
    document after "read" ("“…,” read the statement") or "those" after a reporting verb ("“…”
    say those close to the talks")."""
    verb = tokens[obj.head]
    if verb.i > obj.i or any(t.dep in SUBJECT_DEPS for t in children(tokens, verb)):
        return False
    words = lexicon.OWNED_WORDS | lexicon.DOCUMENT_NOUNS
    read_out = verb.lemma.lower() == "read" and bare_word(obj) in words
    return read_out or those_after_cue(tokens, obj)


def those_after_cue(tokens: Sequence[Tok], tok: Tok) -> bool:
    """ "those" after the reporting verb it hangs on: "“…” say those close to the talks"."""
    verb = tokens[tok.head]
    return tok.text.lower() == "those" and is_cue(verb) and verb.i < tok.i


def ancestors(tokens: Sequence[Tok], tok: Tok, limit: int) -> Iterator[Tok]:
    """``tok`` and the words above it in the parse up to its sentence's root, at most
    ``limit`` of them."""
    for _ in range(limit):
        yield tok
        if tok.head == tok.i:
            return
        tok = tokens[tok.head]


def numbered_office(tokens: Sequence[Tok], tok: Tok) -> tuple[Tok, Tok] | None:
    """The first and last words of an office known by its number ("Number 11", "No 9") when
    ``tok`` is one of them."""
    pairs = [(tokens[i], tokens[i + 1]) for i in (tok.i - 1, tok.i) if 0 <= i < len(tokens) - 1]
    for word, number in pairs:
        if word.text in {"Number", "No"} and number.text.isdigit() and word.sent == number.sent:
            return word, number
    return None


def is_subject(tokens: Sequence[Tok], tok: Tok) -> bool:
    """A clause's subject, or a name the parser missed before a verb that has none: a
    proper noun hung on the verb as a compound ("Lee bristles at ..."), or, before a
    reporting verb, "the 24-year-old" or a capitalised word opening the sentence
    ("Okafor says ...")."""
    if tok.dep in SUBJECT_DEPS:
        return True
    if tok.dep == "dobj":
        return _object_that_speaks(tokens, tok)
    if tok.dep == "ROOT" and tok.pos == "PROPN":
        return any(root_name(tokens, t) is tok for t in children(tokens, tok))
    compound = tok.dep == "compound" and tok.pos == "PROPN"
    if not compound and tok.dep not in {"advmod", "npadvmod", "amod", "nmod"}:
        return False
    verb = tokens[tok.head]
    if verb.pos != "VERB" or verb.i <= tok.i:
        return False
    if any(t.dep in SUBJECT_DEPS for t in children(tokens, verb)):
        return False
    if compound:
        return True
    if not is_cue(verb):
        return False
    opens = tok.i == 0 or tokens[tok.i - 1].sent != tok.sent
    return is_age(tokens, tok) or (opens and verb.i == tok.i + 1 and tok.text[:1].isupper())


def bare_word(tok: Tok) -> str:
    return tok.text.lower().rstrip(".")


def noun_phrase(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
    """The head with its left modifiers (no relative clauses or appositions)."""
    left = head.i
    for tok in (tokens[j] for j in range(head.i - 1, -1, -1)):
        if tok.para != head.para or not _descends(tokens, tok, head) or tok.pos == "PUNCT":
            break
        left = tok.i
    right = head.i
    while (
        right + 1 < len(tokens)
        and tokens[right + 1].head == head.i
        and tokens[right + 1].dep in {"flat", "compound"}
    ):
        right += 1
    return list(tokens[left : right + 1])


def description(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
    """The head's whole phrase, prepositional phrases and hyphenated modifiers included
    ("one source on the panel", "a 34-year-old nurse"), clauses and appositions left out."""
    within = {t.i for t in sentence_of(tokens, head) if _in_phrase(tokens, t, head)}
    left, right = head.i, head.i
    while left - 1 in within:
        left -= 1
    while right + 1 in within:
        right += 1
    return list(tokens[left : right + 1])


def _in_phrase(tokens: Sequence[Tok], tok: Tok, head: Tok) -> bool:
    """``tok`` hangs from ``head`` through no clause, apposition, conjunct or comma."""
    for above in ancestors(tokens, tok, 12):
        if above.i == head.i:
            return True
        if (above.dep in CLAUSE_DEPS and above.text not in HYPHENS) or above.pos == "SPACE":
            return False
    return False


def _descends(tokens: Sequence[Tok], tok: Tok, ancestor: Tok) -> bool:
    for _ in range(8):
        if tok.head == ancestor.i:
            return tok.dep not in CLAUSE_DEPS | {"prep"}
        if tok.head == tok.i:
            return False
        tok = tokens[tok.head]
    return False


def joined(left: Tok, right: Tok) -> bool:
    return left.end == right.start


def is_ranking(tokens: Sequence[Tok], tok: Tok) -> bool:
    """The head of "the world number three", which stands for a person."""
    return bare_word(tok) == "number" and any(
        t.dep == "nummod" and t.i > tok.i for t in children(tokens, tok)
    )


def is_age(tokens: Sequence[Tok], tok: Tok) -> bool:
    """The head of "36-year-old", which stands for a person."""
    return tok.text.lower() == "old" and any(
        t.text.lower() in {"year", "years"} for t in children(tokens, tok)
    )
