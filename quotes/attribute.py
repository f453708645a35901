"""Who said each quote: rules over the token records ``nlp.py`` returns.

The rules, in the order they are tried for a quote:

1. ``transcript``: the quote opens with an all-capitals speaker label ("SMITH: Well, ...").
2. ``governing-cue``: a reporting verb outside the quote that governs it in the parse.
3. ``nearby-cue``: the nearest reporting verb outside quotes in the quote's sentence, then
   in its paragraph.
4. ``colon-intro``: the paragraph before ends with a cue and a colon ("He said:").
5. ``floating``: an all-quoted or continued paragraph, or a lone direct quote, inherits the
   speaker of the quote before it.

The subject of the cue becomes the source: names go to the fullest form used in the
article, pronouns to the nearest fitting named subject, role nouns to their holder, and
other common nouns stay anonymous or group sources.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import product

from quotes import lexicon
from quotes.models import Attribution, Paragraph, QuoteSpan, SpeakerKind
from quotes.names import first_name_gender
from quotes.nlp import Parsed, Tok
from quotes.quotemarks import ALL_MARKS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj"})
HYPHENS = frozenset({"-", "‐", "‑"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
DASH_CREDIT = re.compile(r"[\"”’'»]*\s*[—―–-]{1,2}\s*(?=[A-Z])")
CAPITALISED_RUN = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+)?"
    r"\b[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?){1,2}\b"
)
STAGE_DIRECTION = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\W*")
LEADING_MARKUP = re.compile(r"^[\"'<>=/]+")
POSSESSIVE = re.compile(r"['’]s$")
LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’\- ]{1,40}[A-Z]):\s+")
FLOAT_PARAGRAPHS = 3
PRONOUN_SENTENCES = 6
ROLE_SENTENCES = 3
SURNAME_REACH = 4000
CUE_REACH = 2000
"""Characters either side of a quote searched for a reporting verb in its paragraph."""


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
    all_quoted: dict[int, bool] = field(default_factory=dict)
    """Paragraph number → whether all its words are quoted, filled as the rules ask."""

    @cached_property
    def _name_places(self) -> dict[str, list[int]]:
        places: dict[str, list[int]] = {}
        for n, mention in enumerate(self.mentions):
            for word in {p.lower() for p in mention.parts[:1] + mention.parts[-1:]}:
                places.setdefault(word, []).append(n)
        return places

    @cached_property
    def _role_places(self) -> dict[str, list[int]]:
        places: dict[str, list[int]] = {}
        for n, mention in enumerate(self.mentions):
            for word in set((mention.role or "").lower().split()):
                places.setdefault(word, []).append(n)
        return places

    def namesakes(self, parts: tuple[str, ...]) -> list[Mention]:
        """The mentions, in order, whose first or last name is the first or last of
        ``parts``: all that ``resolve_name`` could match them to."""
        words = {p.lower() for p in parts[:1] + parts[-1:]}
        places = sorted({n for word in words for n in self._name_places.get(word, ())})
        return [self.mentions[n] for n in places]

    def holders(self, role_words: set[str]) -> list[Mention]:
        """The mentions, in order, whose role has every one of ``role_words``."""
        if not role_words:
            return []
        rarest = min((self._role_places.get(w, []) for w in role_words), key=len)
        found = (self.mentions[n] for n in rarest)
        return [m for m in found if m.role and role_words <= set(m.role.lower().split())]


def attribute(
    text: str, paragraphs: Sequence[Paragraph], spans: Sequence[QuoteSpan], parsed: Parsed
) -> list[Attribution]:
    """Attribute every quote span; unsourced scare quotes and titles are left out."""
    ctx = build_context(text, spans, parsed, paragraphs)
    results: list[Attribution] = []
    previous: Attribution | None = None
    for span in spans:
        found = attribute_one(ctx, paragraphs, span, previous)
        if found is None:
            continue
        results.append(found)
        if found.speaker_text is not None:
            previous = found
    return results


def build_context(
    text: str,
    spans: Sequence[QuoteSpan],
    parsed: Parsed,
    paragraphs: Sequence[Paragraph] = (),
) -> Context:
    """Index the quotes' tokens, the people named and the sources of every subject."""
    inside = frozenset(t.i for s in spans for t in parsed.starting_in(s.start, s.end))
    lowercase = frozenset(LOWERCASE_WORD.findall(text))
    base = Context(text, parsed, tuple(spans), inside, (), {}, lowercase)
    parsed_mentions = _mentions(base)
    parsed_starts = {p.start for p in parsed_mentions}
    mentions = tuple(
        parsed_mentions
        + [m for m in text_mentions(text, paragraphs) if m.start not in parsed_starts]
    )
    ctx = replace(base, mentions=mentions)
    return replace(ctx, subject_sources=_subject_sources(ctx))


def attribute_one(
    ctx: Context, paragraphs: Sequence[Paragraph], span: QuoteSpan, previous: Attribution | None
) -> Attribution | None:
    """The attribution of one quote span, or None when it is not a quotation of a source."""
    if STAGE_DIRECTION.fullmatch(ctx.text, span.start, span.end):
        return None
    label = _transcript_label(ctx, span)
    if label is not None:
        return label
    found = _cue_source(ctx, span) or _dash_source(ctx, span) or _colon_source(ctx, span)
    if found is not None:
        source, cue, rule = found
        if _is_title_of_work(ctx, span, source):
            return None
        return _attribution(ctx, span, source, cue, rule)
    inherited = _floating(ctx, paragraphs, span, previous)
    if inherited is not None:
        return inherited
    if span.kind == "partial" or _is_title_of_work(ctx, span, None):
        return None
    return _attribution(ctx, span, None, None, None)


def _attribution(
    ctx: Context, span: QuoteSpan, source: Source | None, cue: Tok | None, rule: str | None
) -> Attribution:
    said_to = _said_to(ctx, cue) if cue is not None else None
    return Attribution(
        start=span.start,
        end=span.end,
        text=ctx.text[span.start : span.end],
        kind=span.kind,
        speaker=source.name if source else None,
        speaker_text=source.text if source else None,
        speaker_start=source.start if source else None,
        speaker_end=source.end if source else None,
        speaker_kind=source.kind if source else None,
        gender=source.gender if source else None,
        role=source.role if source else None,
        party=source.party if source else None,
        cue=cue.text.lower() if cue is not None and rule != "dash-credit" else None,
        said_to=said_to,
        rule=rule,
    )


# --- transcript labels -------------------------------------------------------------------


def _transcript_label(ctx: Context, span: QuoteSpan) -> Attribution | None:
    match = TRANSCRIPT_LABEL.match(ctx.text, span.start, span.end)
    if match is None:
        return None
    label = match.group(1)
    parts = tuple(p.capitalize() for p in label.split())
    name, gender = resolve_name(ctx.namesakes(parts), parts, None, span.start)
    source = Source(label, span.start, span.start + len(label), name, "person", gender)
    moved = replace(span, start=match.end())
    return _attribution(ctx, moved, source, None, "transcript")


# --- cues ----------------------------------------------------------------------------------


def is_cue(tok: Tok) -> bool:
    """A reporting verb, in any inflection."""
    return tok.pos in {"VERB", "AUX"} and tok.lemma.lower() in lexicon.CUE_LEMMAS


def _cue_source(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    if not ctx.parsed.paragraph(span.paragraph):
        return None
    for cue in _governing_cues(ctx, span):
        source = _cue_subject_source(ctx, cue)
        if source is not None:
            return source, cue, "governing-cue"
    window = ctx.parsed.starting_in(span.start - CUE_REACH, span.end + CUE_REACH)
    para_toks = [t for t in window if t.para == span.paragraph]
    sents = {t.sent for t in para_toks if span.start - 2 <= t.start < span.end + 2}
    candidates = [t for t in para_toks if is_cue(t) and t.i not in ctx.inside]
    ranked = sorted(candidates, key=lambda t: (t.sent not in sents, _gap(t, span)))
    if span.kind == "partial":
        ranked = [t for t in ranked if t.sent in sents]
    for cue in ranked:
        source = _cue_subject_source(ctx, cue)
        if source is not None:
            return source, cue, "nearby-cue"
    according = _according_to(ctx, para_toks, span)
    if according is not None:
        return according
    return None


def _gap(tok: Tok, span: QuoteSpan) -> int:
    if tok.start >= span.end:
        return tok.start - span.end
    return max(0, span.start - tok.end)


def _governing_cues(ctx: Context, span: QuoteSpan) -> list[Tok]:
    tokens = ctx.parsed.tokens
    cues: list[Tok] = []
    for tok in ctx.parsed.starting_in(span.start, span.end):
        if tokens[tok.head].i in ctx.inside:
            continue
        head = tokens[tok.head]
        for _ in range(12):
            if is_cue(head) and head.i not in ctx.inside and head not in cues:
                cues.append(head)
                break
            if head.head == head.i:
                break
            head = tokens[head.head]
    return cues


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


def cue_subject(tokens: Sequence[Tok], cue: Tok) -> Tok | None:
    """The subject of a reporting verb, looked for through conjunctions and participles."""
    verb = cue
    for _ in range(4):
        agent = child(tokens, verb, {"agent"})
        by = agent and child(tokens, agent, {"pobj"})
        if by is not None:
            return by
        subjects = [t for t in children(tokens, verb) if is_subject(tokens, t)]
        if subjects:
            return min(subjects, key=lambda t: abs(t.i - verb.i))
        if verb.dep not in {"conj", "advcl", "xcomp", "pcomp"} or verb.head == verb.i:
            return None
        verb = tokens[verb.head]
    return None


def is_subject(tokens: Sequence[Tok], tok: Tok) -> bool:
    """A clause's subject, or a name the parser missed before a verb that has none: a
    proper noun hung on the verb as a compound ("Lee bristles at ..."), or, before a
    reporting verb, "the 24-year-old" or a capitalised word opening the sentence
    ("Okafor says ...")."""
    if tok.dep in SUBJECT_DEPS:
        return True
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


def _cue_subject_source(ctx: Context, cue: Tok) -> Source | None:
    subject = cue_subject(ctx.parsed.tokens, cue)
    if subject is None or subject.i in ctx.inside:
        return None
    return source_of(ctx, subject)


def _according_to(
    ctx: Context, para_toks: Sequence[Tok], span: QuoteSpan
) -> tuple[Source, Tok, str] | None:
    tokens = ctx.parsed.tokens
    for tok in sorted(para_toks, key=lambda t: _gap(t, span)):
        if tok.text.lower() != "according":
            continue
        to = next((t for t in children(tokens, tok) if t.text.lower() == "to"), None)
        obj = to and child(tokens, to, {"pobj"})
        if obj is not None and obj.i not in ctx.inside:
            source = source_of(ctx, obj)
            if source is not None:
                return source, tok, "according-to"
    return None


def _said_to(ctx: Context, cue: Tok) -> str | None:
    tokens = ctx.parsed.tokens
    if not is_cue(cue):
        return None
    if cue.lemma.lower() == "tell":
        target = child(tokens, cue, {"dobj", "dative"})
    else:
        to = next((t for t in children(tokens, cue) if t.dep == "prep" and t.text == "to"), None)
        target = to and child(tokens, to, {"pobj"})
    if target is None or target.i in ctx.inside:
        return None
    return _phrase_text(ctx, _noun_phrase(tokens, target))


def _dash_source(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    """A name after a dash that follows the closing mark: “…” — Jane Roe."""
    match = DASH_CREDIT.match(ctx.text, span.end)
    if match is None:
        return None
    run: list[Tok] = []
    tokens = ctx.parsed.tokens
    for tok in (tokens[j] for j in range(ctx.parsed.index_at(match.end()), len(tokens))):
        if tok.para != span.paragraph:
            break
        if tok.pos != "PROPN" and not (run and tok.text == "."):
            break
        run.append(tok)
    parts, gender = clean_name(_run_words(run))
    if not parts:
        return None
    name, gender = resolve_name(ctx.namesakes(parts), parts, gender, run[0].start)
    source = Source(
        ctx.text[run[0].start : run[-1].end], run[0].start, run[-1].end, name, "person", gender
    )
    return source, run[0], "dash-credit"


def _colon_source(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    """The subject of the clause a colon ends just before the quote: "He had a message: “…”"."""
    tokens = ctx.parsed.tokens
    last = ctx.parsed.index_at(span.start) - 1
    while last >= 0 and (tokens[last].end > span.start or tokens[last].text in ALL_MARKS):
        last -= 1
    colon = tokens[last] if last >= 0 else None
    if colon is None or colon.para < span.paragraph - 1:
        return None
    if colon.text != ":" or colon.i in ctx.inside:
        return None
    root = tokens[colon.head]
    while root.head != root.i and root.dep != "ROOT":
        root = tokens[root.head]
    subject = cue_subject(tokens, root)
    if subject is None or subject.i in ctx.inside:
        return None
    source = source_of(ctx, subject)
    return (source, root, "colon-intro") if source is not None else None


# --- floating quotes -------------------------------------------------------------------------


def _floating(
    ctx: Context, paragraphs: Sequence[Paragraph], span: QuoteSpan, previous: Attribution | None
) -> Attribution | None:
    if previous is None or previous.speaker_text is None:
        return None
    prev_para = _paragraph_of(paragraphs, previous.start)
    if span.paragraph - prev_para > FLOAT_PARAGRAPHS:
        return None
    if not (span.continues_previous or span.kind == "direct" or _all_quoted(ctx, paragraphs, span)):
        return None
    return replace(
        previous,
        start=span.start,
        end=span.end,
        text=ctx.text[span.start : span.end],
        kind=span.kind,
        cue=None,
        said_to=None,
        rule="floating",
    )


def _paragraph_of(paragraphs: Sequence[Paragraph], offset: int) -> int:
    for index, para in enumerate(paragraphs):
        if para.start <= offset <= para.end:
            return index
    return len(paragraphs)


def _all_quoted(ctx: Context, paragraphs: Sequence[Paragraph], span: QuoteSpan) -> bool:
    """No letter of the span's paragraph is outside quotes (worked out once a paragraph)."""
    if span.paragraph not in ctx.all_quoted:
        para = paragraphs[span.paragraph]
        chars = list(ctx.text[para.start : para.end])
        for quote in ctx.spans:
            for i in range(max(quote.start, para.start), min(quote.end, para.end)):
                chars[i - para.start] = " "
        ctx.all_quoted[span.paragraph] = not any(c.isalpha() for c in chars)
    return ctx.all_quoted[span.paragraph]


# --- titles of works ---------------------------------------------------------------------------


def _is_title_of_work(ctx: Context, span: QuoteSpan, source: Source | None) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", ctx.text[span.start : span.end])
    if not words or len(words) > 6 or (span.kind == "direct" and source is not None):
        return False
    capitalised = all(w[0].isupper() for w in words if len(w) > 3)
    before = ctx.text[max(0, span.start - 80) : max(0, span.start - 1)].rstrip().split()
    after_preposition = bool(before) and before[-1].lower().rstrip("’'s") in {
        "of",
        "on",
        "in",
        "the",
        "from",
        "at",
        "to",
        "with",
        "for",
        "called",
        "titled",
        "headlined",
        "dubbed",
        "named",
        "",
    }
    owned = bool(before) and before[-1][:1].isupper() and before[-1].endswith(("'s", "’s"))
    return capitalised and len(words) > 1 and (after_preposition or owned)


# --- sources -------------------------------------------------------------------------------------


def source_of(ctx: Context, subject: Tok) -> Source | None:
    """The source a subject token names, resolved as far as the article allows."""
    if subject.i in ctx.subject_sources:
        return ctx.subject_sources[subject.i]
    return _direct_source(ctx, subject)


def _direct_source(ctx: Context, subject: Tok) -> Source | None:
    tokens = ctx.parsed.tokens
    if subject.text.lower() in lexicon.PERSONAL_PRONOUNS or subject.pos == "PRON":
        return None
    phrase = _noun_phrase(tokens, subject)
    text = _phrase_text(ctx, phrase)
    start, end = phrase[0].start, phrase[-1].end
    named = _appositive_person(ctx, subject)
    if named is not None:
        described = [t for t in phrase if t.pos != "DET"] or phrase
        own_role = named.role or _phrase_text(ctx, described)
        return replace(named, text=text, start=start, end=end, role=own_role)
    person = person_name(ctx, subject)
    if person is not None:
        parts, gender, run = person
        role, party = _role_and_party(phrase, run)
        first_ok = not any(_bare(t) in lexicon.SURNAME_TITLES for t in run)
        name, gender = resolve_name(ctx.namesakes(parts), parts, gender, subject.start, first_ok)
        gender = gender or _first_name_gender(tuple(name.split()))
        return Source(text, start, end, name, "person", gender, role, party)
    role, party = _role_and_party(phrase, [])
    holder = _role_holder(ctx, phrase, subject)
    if holder is not None:
        return replace(holder, text=text, start=start, end=end, role=role, party=party)
    if subject.pos == "PROPN" and _bare(subject) not in lexicon.ROLE_WORDS:
        org = _strip_the(ctx.text[_name_run(tokens, subject)[0].start : subject.end])
        lone = _lone_surname_speaker(tokens, subject, org)
        kind: SpeakerKind = "person" if lone else "organisation"
        return Source(text, start, end, org, kind, None, role, party)
    if subject.pos in {"NOUN", "PROPN"}:  # a description, "the Portwell MP" included
        kind = "group" if subject.tag in {"NNS", "NNPS"} else "anonymous"
        described = _description(tokens, subject)
        text = _phrase_text(ctx, described)
        return Source(text, described[0].start, described[-1].end, None, kind, None, role, party)
    return None


def _appositive_person(ctx: Context, subject: Tok) -> Source | None:
    """The person a description names in apposition: "The city's treasurer, Ms Ana Ruiz,"."""
    if subject.pos != "NOUN":
        return None
    appos = child(ctx.parsed.tokens, subject, {"appos"})
    if appos is None or person_name(ctx, appos) is None:
        return None
    return _direct_source(ctx, appos)


def _lone_surname_speaker(tokens: Sequence[Tok], subject: Tok, name: str) -> bool:
    """One capitalised word, no article, no organisation word, the subject of a reporting
    verb: in news copy that is a person named by surname ("Okafor said")."""
    has_the = any(t.pos == "DET" for t in children(tokens, subject))
    plain = name.isalpha() and name[:1].isupper() and not name.isupper()
    organisation = name.lower() in lexicon.ORG_WORDS | lexicon.PARTY_WORDS
    return plain and not has_the and not organisation and is_cue(tokens[subject.head])


def person_name(ctx: Context, head: Tok) -> tuple[tuple[str, ...], str | None, list[Tok]] | None:
    """(name parts, gender, name tokens) when ``head`` ends a person's name, else None."""
    tokens = ctx.parsed.tokens
    if not is_proper(tokens, head, ctx.lowercase_words):
        return None
    run = _name_run(tokens, head)
    parts, gender = clean_name(_run_words(run))
    parts = _without_opening_noun(ctx.text, run[0].start, parts)
    if not parts:
        return None
    if not all(p[:1].isupper() and not any(c.isdigit() for c in p) for p in parts):
        return None
    titled = len(parts) < len(run) and any(_bare(t) in lexicon.TITLES for t in run)
    personal = titled or (len(parts) > 1 and first_name_gender(parts[0]) is not None)
    if not personal and any(p.lower() in lexicon.ORG_WORDS | lexicon.PARTY_WORDS for p in parts):
        return None
    two_before = tokens[max(0, run[0].i - 2) : run[0].i]
    has_the = any(t.head == head.i and t.text.lower() == "the" for t in two_before)
    if has_the and not titled:
        return None
    known = any(_same_person(m.parts, parts) for m in ctx.namesakes(parts))
    if titled or len(parts) >= 2 or known:
        return parts, gender, run
    return None


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
        if title_case[line] or any(p.start <= at < p.end for p in furniture):
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
        found.append(Mention(match.start(), parts, gender or _first_name_gender(parts), None, None))
    return found


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


def _first_name_gender(parts: tuple[str, ...]) -> str | None:
    return first_name_gender(parts[0]) if len(parts) > 1 else None


def _bare(tok: Tok) -> str:
    return tok.text.lower().rstrip(".")


def _noun_phrase(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
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


def _description(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
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
    for _ in range(12):
        if tok.i == head.i:
            return True
        if (tok.dep in CLAUSE_DEPS and tok.text not in HYPHENS) or tok.pos == "SPACE":
            return False
        if tok.head == tok.i:
            return False
        tok = tokens[tok.head]
    return False


def _descends(tokens: Sequence[Tok], tok: Tok, ancestor: Tok) -> bool:
    for _ in range(8):
        if tok.head == ancestor.i:
            return tok.dep not in CLAUSE_DEPS | {"prep"}
        if tok.head == tok.i:
            return False
        tok = tokens[tok.head]
    return False


def _phrase_text(ctx: Context, phrase: Sequence[Tok]) -> str:
    return ctx.text[phrase[0].start : phrase[-1].end]


def _name_run(tokens: Sequence[Tok], head: Tok) -> list[Tok]:
    """The proper nouns and titles that run up to ``head`` in its noun phrase."""
    run = [head]
    for tok in (tokens[j] for j in range(head.i - 1, -1, -1)):
        if tok.para != head.para:
            break
        if _joined(tok, run[0]) and (tok.text in HYPHENS or run[0].text in HYPHENS):
            run.insert(0, tok)
            continue
        title = _bare(tok) in lexicon.TITLES
        in_run = tok.head in {t.i for t in run}
        linked = in_run and (tok.dep in {"compound", "flat", "nmod"} or title)
        if not (linked and (tok.pos == "PROPN" or title)):
            break
        run.insert(0, tok)
    return run


def _joined(left: Tok, right: Tok) -> bool:
    return left.end == right.start


def _run_words(run: Sequence[Tok]) -> list[str]:
    """The words of a name run as written, hyphenated parts kept together."""
    words: list[str] = []
    for i, tok in enumerate(run):
        if i and _joined(run[i - 1], tok) and (tok.text in HYPHENS or run[i - 1].text in HYPHENS):
            words[-1] += tok.text
        else:
            words.append(tok.text)
    return words


def clean_name(words: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """The name in a run of words: titles, roles and parties before it dropped; its gender."""
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
        if not named and bare in lexicon.TITLES | lexicon.ROLE_WORDS | lexicon.PARTY_WORDS:
            after_name = last and bool(parts)
            if after_name and bare not in lexicon.ROLE_WORDS | lexicon.KINSHIP_TITLES:
                parts.append(word)  # a surname that is also a title or party: King, Green
            elif not (after_name and bare in lexicon.ROLE_WORDS):  # "Ann Kerr MP" keeps Ann Kerr
                parts = []
            continue
        if bare.rstrip(",") in NAME_SUFFIXES and parts:
            continue
        parts.append(word.capitalize() if word.isupper() and len(word) > 1 else word)
    while len(parts) > 1 and parts[0].lower() in lexicon.CLAUSE_OPENERS:
        parts.pop(0)
    return tuple(parts), gender


def _strip_the(name: str) -> str:
    bare = re.sub(r"^(the|The)\s+", "", name)
    return re.sub(r"\s*['’]s?$", "", bare).strip() or name


def _role_and_party(
    phrase: Sequence[Tok], name_toks: Sequence[Tok]
) -> tuple[str | None, str | None]:
    names = {t.i for t in name_toks}
    words = [
        t
        for t in phrase
        if t.pos not in {"DET", "PUNCT", "PART"}
        and _bare(t) not in lexicon.TITLES
        and (t.i not in names or _bare(t) in lexicon.ROLE_WORDS | lexicon.PARTY_WORDS)
    ]
    party = next((t.text for t in words if _bare(t) in lexicon.PARTY_WORDS), None)
    role_words = [t for t in words if _bare(t) not in lexicon.PARTY_WORDS or t.pos == "NOUN"]
    has_noun = any(t.pos in {"NOUN", "PROPN"} for t in role_words)
    role = " ".join(t.text for t in role_words) if has_noun and name_toks else None
    return role, party


# --- names -------------------------------------------------------------------------------------


def _mentions(ctx: Context) -> list[Mention]:
    tokens = ctx.parsed.tokens
    found: list[Mention] = []
    for tok in tokens:
        if _continues_name(tokens, tok):
            continue
        person = person_name(ctx, tok)
        if person is None:
            continue
        parts, gender, run = person
        gender = gender or _first_name_gender(parts)
        role, party = _role_and_party(_noun_phrase(tokens, tok), run)
        role = role or _apposition_role(tokens, tok) or _as_role(tokens, tok)
        text = ctx.text[run[0].start : tok.end]
        quoted = tok.i in ctx.inside
        found.append(Mention(run[0].start, parts, gender, role, party, tok.sent, text, quoted))
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
        if obj is not None and (obj.pos == "PROPN" or _bare(obj) in lexicon.ROLE_WORDS):
            words = [t.text for t in _noun_phrase(tokens, obj) if t.pos not in {"DET", "PUNCT"}]
            return " ".join(words)
    return None


def _apposition_role(tokens: Sequence[Tok], head: Tok) -> str | None:
    appos = child(tokens, head, {"appos"})
    if appos is None or appos.pos != "NOUN":
        return None
    phrase = [t for t in _noun_phrase(tokens, appos) if t.pos not in {"DET", "PUNCT"}]
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


# --- pronouns and roles ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """An earlier source a pronoun may point back to; lower rank is preferred."""

    sent: int
    rank: int
    source: Source


class _Seen:
    """The earlier sources a pronoun or a definite role may point back to: by sentence, and
    the main-clause subjects (rank 0) in the order met."""

    def __init__(self) -> None:
        self.by_sent: dict[int, list[_Candidate]] = {}
        self.leads: list[_Candidate] = []
        self.lead_sents: list[int] = []

    def add(self, candidate: _Candidate) -> None:
        self.by_sent.setdefault(candidate.sent, []).append(candidate)
        if candidate.rank == 0:
            self.leads.append(candidate)
            self.lead_sents.append(candidate.sent)

    def leads_since(self, sent: int) -> list[Source]:
        """The main-clause subjects' sources from sentence ``sent`` on (met in text order)."""
        return [c.source for c in self.leads[bisect_left(self.lead_sents, sent) :]]


def _subject_sources(ctx: Context) -> dict[int, Source]:
    """Each subject outside quotes → its source, pronouns resolved to earlier sources."""
    tokens = ctx.parsed.tokens
    resolved: dict[int, Source] = {}
    seen = _Seen()
    for m in ctx.mentions:
        if not m.quoted:
            named = Source(m.text, m.start, m.start, " ".join(m.parts), "person", m.gender)
            seen.add(_Candidate(m.sent, 2, named))
    genders = {
        resolve_name(ctx.namesakes(m.parts), m.parts, m.gender, m.start)[0]: m.gender
        for m in ctx.mentions
        if m.gender
    }
    for tok in tokens:
        if not is_subject(tokens, tok) or tok.i in ctx.inside:
            continue
        if tok.text.lower() in {"he", "she", "they"}:
            source = _resolve_pronoun(tok, seen, genders)
        else:
            source = _direct_source(ctx, tok) or _age_source(ctx, tok)
        if source is not None and _is_definite_role(tokens, tok, source):
            recent = seen.leads_since(tok.sent - ROLE_SENTENCES)
            source = _resolve_definite_role(source, tok.text.lower(), recent)
        if source is None or (source.name is None and is_age(tokens, tok)):
            continue
        resolved[tok.i] = source
        if source.name and source.gender and tok.text.lower() not in {"he", "she"}:
            genders.setdefault(source.name, source.gender)
        if source.name or source.kind == "group":
            rank = 0 if _main_clause(tokens, tok) else 1
            seen.add(_Candidate(tok.sent, rank, source))
    return resolved


def _main_clause(tokens: Sequence[Tok], subject: Tok) -> bool:
    """The subject of a sentence's main verb, of a reporting verb, or of their conjuncts."""
    verb = tokens[subject.head]
    if verb.dep == "conj":
        verb = tokens[verb.head]
    return verb.dep == "ROOT" or is_cue(verb)


def _is_definite_role(tokens: Sequence[Tok], subject: Tok, source: Source) -> bool:
    """An unresolved "the <role or person noun>" such as "the party leader", "the striker"
    or "the 36-year-old"."""
    word = subject.text.lower()
    person_noun = subject.tag in {"NN", "NNP"} and word in lexicon.ROLE_WORDS | lexicon.PERSON_NOUNS
    if source.name is not None or not (person_noun or is_age(tokens, subject)):
        return False
    first = _description(tokens, subject)[0]
    before = [tokens[first.i - 1]] if first.i and tokens[first.i - 1].sent == first.sent else []
    return any(t.text.lower() == "the" for t in children(tokens, subject) + before)


def _age_source(ctx: Context, subject: Tok) -> Source | None:
    """ "the 36-year-old" as a source still to be resolved to the person it stands for."""
    if not is_age(ctx.parsed.tokens, subject):
        return None
    phrase = _description(ctx.parsed.tokens, subject)
    return Source(_phrase_text(ctx, phrase), phrase[0].start, phrase[-1].end, None, "anonymous")


def is_age(tokens: Sequence[Tok], tok: Tok) -> bool:
    """The head of "36-year-old", which stands for a person."""
    return tok.text.lower() == "old" and any(
        t.text.lower() in {"year", "years"} for t in children(tokens, tok)
    )


def _resolve_definite_role(source: Source, word: str, history: Sequence[Source]) -> Source:
    gender = (
        "female"
        if word in lexicon.FEMALE_PERSON_NOUNS
        else "male"
        if word in lexicon.MALE_PERSON_NOUNS
        else None
    )
    people = [
        p for p in history[-4:] if p.kind == "person" and p.name and _gender_fits(p.gender, gender)
    ]
    holders = [p for p in people if word in (p.role or "").lower().split()]
    if not (holders or people):
        return source
    earlier = (holders or people)[-1]
    return replace(source, name=earlier.name, kind="person", gender=earlier.gender)


def _resolve_pronoun(tok: Tok, seen: _Seen, genders: dict[str, str]) -> Source | None:
    """The source a he/she/they subject points back to, sentence by sentence."""
    gender = {"he": "male", "she": "female"}.get(tok.text.lower())
    wanted = {"person"} if gender else {"organisation", "group"}
    for sent, subjects_only in product(
        range(tok.sent, tok.sent - PRONOUN_SENTENCES, -1), (True, False)
    ):
        in_sentence = seen.by_sent.get(sent, [])
        found = sorted(
            (
                c
                for c in in_sentence
                if c.source.start < tok.start and (c.rank < 2) == subjects_only
            ),
            key=lambda c: (c.rank, c.source.start if c.rank == 0 else -c.source.start),
        )
        for candidate in found:
            source = candidate.source
            known = source.gender or genders.get(source.name or "")
            fits = _gender_fits(known, gender) and (known or not gender or candidate.rank < 2)
            if source.kind in wanted and source.name and fits:
                return replace(source, text=tok.text, start=tok.start, end=tok.end, gender=gender)
    if gender is None:
        return Source(tok.text, tok.start, tok.end, None, "group")
    return None


def _gender_fits(known: str | None, wanted: str | None) -> bool:
    return known is None or wanted is None or known == wanted


def _role_holder(ctx: Context, phrase: Sequence[Tok], subject: Tok) -> Source | None:
    words = [
        lexicon.ROLE_ABBREVIATIONS.get(t.text.lower(), t.text.lower())
        for t in phrase
        if t.pos not in {"DET", "PUNCT"}
    ]
    wanted = set(" ".join(words).split())
    role_word = _bare(subject) in lexicon.ROLE_WORDS | lexicon.ROLE_ABBREVIATIONS.keys()
    if not wanted or (subject.pos != "NOUN" and not role_word):
        return None
    holders = ctx.holders(wanted)
    if not holders:
        return None
    before = [m for m in holders if m.start < subject.start] or holders
    mention = before[-1]
    parts = mention.parts
    name, gender = resolve_name(ctx.namesakes(parts), parts, mention.gender, mention.start)
    return Source(subject.text, subject.start, subject.end, name, "person", gender)
