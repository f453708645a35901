"""Who said each quote: rules over the token records ``nlp.py`` returns.

The rules, in the order they are tried for a quote:

1. ``transcript``: the quote opens with an all-capitals speaker label ("SMITH: Well, ...").
2. ``dash-aside``: a quote set off by dashes just after a name ("Jane Roe — “…” — and").
3. ``governing-cue``: a reporting verb outside the quote that governs it in the parse.
4. ``nearby-cue``: the nearest reporting verb outside quotes in the quote's sentence, then
   in its paragraph; before one outside its sentence, ``narrative-subject``: the named person
   the sentence just before is about, when the next reporting verb credits them.
5. ``colon-intro``: the paragraph before ends with a cue and a colon ("He said:"); then
   ``lead-in``: the paragraph before reports someone's words without quoting them.
6. ``floating``: an all-quoted or continued paragraph, or a lone direct quote, inherits the
   speaker of the quote before it.
7. ``sentence-subject``: a partial quote with none of these goes to the named person its
   sentence is about ("Roe attacked the 'chaotic' service").
8. ``speech-goes-on``: a partial quote in a past-tense sentence with no cue, right after a
   sentence with a quote a reporting verb credited, continues that reported speech.

The subject of the cue becomes the source, resolved in ``resolve.py`` against the article's
cast (``cast.py``): names go to the fullest form used in the article, pronouns to the
nearest fitting named subject, role nouns to their holder, and other common nouns stay
anonymous or group sources. ``tree.py`` holds the dependency-tree helpers all three share.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from quotes.cast import (
    LOWERCASE_WORD,
    Context,
    Source,
    clean_name,
    mentions_in_parse,
    named_bodies,
    phrase_text,
    resolve_name,
    run_words,
    spelled_out,
    text_mentions,
)
from quotes.lexicon import ACTION_CUE_LEMMAS, SPOKESPERSON_NOUNS, SUBORDINATORS, WORK_NOUNS
from quotes.models import Attribution, Paragraph, QuoteSpan
from quotes.nlp import Parsed, Tok
from quotes.quotemarks import ALL_MARKS, after_marks, before_marks
from quotes.resolve import resolve_subjects, source_of
from quotes.tree import (
    ancestors,
    child,
    children,
    cue_subject,
    is_cue,
    is_thing,
    noun_phrase,
    sentence_of,
)

DASH_CREDIT = re.compile(r"[\"”’'»]*\s*[—―–-]{1,2}\s*(?=[A-Z])")
TERM_INTRODUCED = re.compile(r"(?i:\bknown as|\bso-called)(?: (?:the|a|an))?\s*$")
NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\.? $")
NAME_AFTER = re.compile(r" [A-Z][a-z]")
DASH_BEFORE = re.compile(r"[—―–]\s*$|\s--\s*$")
DASH_AFTER = re.compile(r"\s*(?:[—―–]|--)")


SUBORDINATE_DEPS = frozenset(
    {"relcl", "advcl", "pcomp", "acl", "ccomp", "xcomp", "csubj", "conj", "parataxis"}
)
STAGE_DIRECTION = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\W*")


TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’\- ]{1,40}[A-Z]):\s+")


FLOAT_PARAGRAPHS = 3
CUE_REACH = 2000
"""Characters either side of a quote searched for a reporting verb in its paragraph."""
CUE_RULES = frozenset({"governing-cue", "nearby-cue", "colon-intro", "lead-in", "according-to"})
"""Rules that credit a quote through a reporting verb or its like in the text."""


def attribute(
    text: str, paragraphs: Sequence[Paragraph], spans: Sequence[QuoteSpan], parsed: Parsed
) -> list[Attribution]:
    """Attribute every quote span; unsourced scare quotes, titles and nicknames are left out."""
    spans = [span for span in spans if not _is_nickname(text, span)]
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


def _is_term(ctx: Context, span: QuoteSpan) -> bool:
    """A short quote that names a term ("known as the “Quinn rule”", "the so-called “fund”")."""
    opening = before_marks(ctx.text, span.start, 0)
    short = len(ctx.text[span.start : span.end].split()) <= 4
    return short and TERM_INTRODUCED.search(ctx.text, max(0, opening - 20), opening) is not None


def _is_nickname(text: str, span: QuoteSpan) -> bool:
    """One or two capitalised words quoted between the parts of a name: Margaret “Peg” Quinn."""
    words = text[span.start : span.end].split()
    before = text[: before_marks(text, span.start, 0)]
    after = text[after_marks(text, span.end, len(text)) :]
    return (
        0 < len(words) <= 2
        and all(w[:1].isupper() for w in words)
        and NAME_BEFORE.search(before[-30:]) is not None
        and NAME_AFTER.match(after) is not None
    )


def build_context(
    text: str,
    spans: Sequence[QuoteSpan],
    parsed: Parsed,
    paragraphs: Sequence[Paragraph] = (),
) -> Context:
    """Index the quotes' tokens, the people named and the sources of every subject."""
    inside = frozenset(t.i for s in spans for t in parsed.starting_in(s.start, s.end))
    lowercase = frozenset(LOWERCASE_WORD.findall(text))
    base = Context(text, parsed, tuple(spans), inside, (), {}, lowercase, spelled_out(text))
    parsed_mentions = mentions_in_parse(base)
    parsed_starts = {p.start for p in parsed_mentions}
    mentions = tuple(
        parsed_mentions
        + [m for m in text_mentions(text, paragraphs) if m.start not in parsed_starts]
    )
    ctx = replace(base, mentions=mentions, bodies=named_bodies(text, parsed.tokens))
    return replace(ctx, subject_sources=resolve_subjects(ctx))


def attribute_one(
    ctx: Context, paragraphs: Sequence[Paragraph], span: QuoteSpan, previous: Attribution | None
) -> Attribution | None:
    """The attribution of one quote span, or None when it is not a quotation of a source."""
    if STAGE_DIRECTION.fullmatch(ctx.text, span.start, span.end):
        return None
    label = _transcript_label(ctx, span)
    if label is not None:
        return label
    if _is_term(ctx, span):
        return None
    aside = _dash_aside_source(ctx, span)
    if aside is not None:
        return _attribution(ctx, span, aside, None, "dash-aside")
    continued = _open_quote_goes_on(ctx, paragraphs, span, previous)
    if continued is not None:
        return continued
    found = (
        _cue_source(ctx, span)
        or _dash_source(ctx, span)
        or _colon_source(ctx, span)
        or _lead_in_source(ctx, span)
    )
    if found is not None:
        source, cue, rule = found
        if _is_title_of_work(ctx, span):
            return None
        return _attribution(ctx, span, source, cue, rule)
    if _is_heading(ctx, paragraphs[span.paragraph], span) or _is_title_of_work(ctx, span):
        return None
    inherited = _floating(ctx, paragraphs, span, previous)
    if inherited is not None:
        return inherited
    subject = _sentence_subject(ctx, span) if span.kind == "partial" else None
    if subject is not None and not _title_cased(ctx.text[span.start : span.end]):
        return _attribution(ctx, span, subject, None, "sentence-subject")
    if span.kind == "partial":
        return _speech_goes_on(ctx, span, previous)
    return _attribution(ctx, span, None, None, None)


def _attribution(
    ctx: Context, span: QuoteSpan, source: Source | None, cue: Tok | None, rule: str | None
) -> Attribution:
    cue = None if rule == "narrative-subject" else cue  # the next quote's cue, not this one's
    said_to = _said_to(ctx, cue) if cue is not None else None
    return Attribution(
        start=span.start,
        end=span.end,
        text=ctx.text[span.start : span.end],
        kind=span.kind,
        speaker=source.name if source else None,
        speaker_text=source.text if source else None,
        speaker_kind=source.kind if source else None,
        role=source.role if source else None,
        party=source.party if source else None,
        cue=cue.text.lower() if cue is not None and rule != "dash-credit" else None,
        said_to=said_to,
        rule=rule,
    )


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


def _cue_source(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    if not ctx.parsed.paragraph(span.paragraph):
        return None
    for governing in _governing_cues(ctx, span):
        if _circumstance_after(ctx, governing, span):
            continue
        cue: Tok | None = _reporter_of_action(ctx, governing) or governing
        while cue is not None:
            source = _cue_subject_source(ctx, cue, governs=True)
            if source is not None:
                return source, cue, "governing-cue"
            cue = _outer_cue(ctx, cue)
    window = ctx.parsed.starting_in(span.start - CUE_REACH, span.end + CUE_REACH)
    para_toks = [t for t in window if t.para == span.paragraph]
    sents = {t.sent for t in para_toks if span.start - 2 <= t.start < span.end + 2}
    candidates = [
        t
        for t in para_toks
        if is_cue(t) and t.i not in ctx.inside and not _circumstance_after(ctx, t, span)
    ]
    ranked = sorted(candidates, key=lambda t: (t.sent not in sents, _gap(t, span)))
    if span.kind == "partial":
        ranked = [t for t in ranked if t.sent in sents]
    elif not any(t.sent in sents for t in ranked):
        narrated = _narrative_speaker(ctx, span)
        if narrated is not None:
            return narrated
    passed_over = False  # a later cue that is not this quote's: none further on is either
    for cue in ranked:
        later = cue.sent not in sents and cue.start >= span.end
        if later and passed_over:
            continue
        if cue.sent not in sents and (
            _governs_another(ctx, cue, span) or _reports_own_words(ctx, cue, span)
        ):
            passed_over = passed_over or later
            continue
        source = _cue_subject_source(ctx, cue)
        if source is not None:
            return source, cue, "nearby-cue"
    if span.kind == "partial":
        para_toks = [t for t in para_toks if t.sent in sents]
    elif _goes_on_from_paragraph_before(ctx, span):
        para_toks = [t for t in para_toks if t.sent in sents or t.start < span.start]
    according = _according_to(ctx, para_toks, span)
    if according is not None:
        return according
    return None


def _narrative_speaker(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    """A direct quote with no cue in its sentence, right after a sentence of narrative about a
    named person whom the next reporting verb credits, is that person's: "Coach Jane Roe wants
    more training. “It will help.” … said Roe"."""
    tokens = ctx.parsed.tokens
    at = ctx.parsed.index_at(span.start) - 1
    while at >= 0 and tokens[at].text in ALL_MARKS:
        at -= 1
    if at < 0 or tokens[at].para != span.paragraph:
        return None
    sentence = sentence_of(tokens, tokens[at])
    if any(t.i in ctx.inside or is_cue(t) for t in sentence):
        return None
    root = next((t for t in sentence if t.dep == "ROOT"), None)
    subject = cue_subject(tokens, root) if root is not None else None
    source = source_of(ctx, subject) if subject is not None else None
    if source is None or source.kind != "person" or source.name is None:
        return None
    credited = _next_credit(ctx, span)
    if credited is None or credited[0].name != source.name:
        return None
    return source, credited[1], "narrative-subject"


def _next_credit(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok] | None:
    """The source of the first reporting verb after a quote, in its paragraph or the next."""
    for tok in ctx.parsed.starting_in(span.end, span.end + CUE_REACH):
        if tok.para > span.paragraph + 1:
            return None
        if is_cue(tok) and tok.i not in ctx.inside:
            source = _cue_subject_source(ctx, tok)
            if source is not None:
                return source, tok
    return None


def _circumstance_after(ctx: Context, cue: Tok, span: QuoteSpan) -> bool:
    """A cue after the quote, in its sentence, in a clause of circumstance ("…,” when Roe
    criticised her")."""
    if cue.start < span.end or cue.sent not in {
        t.sent for t in ctx.parsed.starting_in(span.start, span.end)
    }:
        return False
    openers = children(ctx.parsed.tokens, cue)
    return any(t.dep in {"mark", "advmod"} and t.text.lower() in SUBORDINATORS for t in openers)


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
        for head in ancestors(tokens, tokens[tok.head], 12):
            if is_cue(head) and head.i not in ctx.inside and head not in cues:
                cues.append(head)
                break
    return cues


def _governs_another(ctx: Context, cue: Tok, span: QuoteSpan) -> bool:
    """A cue in a later sentence that introduces a quote of its own ("Roe said: '...'") is no
    cue for this one."""
    tokens = ctx.parsed.tokens
    for tok in sentence_of(tokens, cue):
        if tok.i not in ctx.inside or tok.start < span.end:
            continue
        if any(head.i == cue.i for head in ancestors(tokens, tok, 12)):
            return True
    return False


def _goes_on_from_paragraph_before(ctx: Context, span: QuoteSpan) -> bool:
    """A direct quote opening its paragraph just after one that ended with a credited direct
    quote goes on with it: an "according to" in a later sentence credits that sentence."""
    at = bisect_left(ctx.spans, span.start, key=lambda s: s.start) - 1
    if at < 0 or span.kind != "direct":
        return False
    before = ctx.spans[at]
    between = ctx.text[after_marks(ctx.text, before.end, span.start) : span.start]
    opens = not between[between.rfind("\n") + 1 :].strip(ALL_MARKS + " ")
    ends = sum(between.count(c) for c in ".?!")
    return (
        opens and before.kind == "direct" and before.paragraph == span.paragraph - 1 and ends <= 1
    )


def _reports_own_words(ctx: Context, cue: Tok, span: QuoteSpan) -> bool:
    """A cue in a later sentence that reports words of its own outside quotes ("Roe says the
    trial went well", "It helps, said Roe, that …") is no cue for the quote before it."""
    if cue.start < span.end:
        return False
    below = children(ctx.parsed.tokens, cue)
    return any(t.dep == "ccomp" and t.i not in ctx.inside for t in below)


def _cue_subject_source(ctx: Context, cue: Tok, governs: bool = False) -> Source | None:
    subject = cue_subject(ctx.parsed.tokens, cue, governs)
    if subject is None or subject.i in ctx.inside or is_thing(ctx.parsed.tokens, subject):
        return None
    return source_of(ctx, subject)


def _sentence_subject(ctx: Context, span: QuoteSpan) -> Source | None:
    """The named person a sentence with a partial quote and no cue is about, the quote in its
    main clause and the person doing something: "Roe launched an attack on the 'chaotic'
    service" (not "Roe is the 'favourite'", "Roe was 'reminded'"; a quote in title case is a
    name); or the body whose unnamed spokesperson the sentence is about, whatever the verb:
    "a Portwell Council spokeswoman was 'appalled'"."""
    tokens = ctx.parsed.tokens
    at = bisect_left(tokens, span.start, key=lambda t: t.start)
    if at == len(tokens) or tokens[at].start >= span.end:
        return None
    root = tokens[at]
    for _ in range(40):
        if root.head == root.i:
            break
        if root.dep in SUBORDINATE_DEPS:
            return None
        root = tokens[root.head]
    subject = cue_subject(tokens, root)
    if subject is None or {subject.i, root.i} & ctx.inside:
        return None
    source = source_of(ctx, subject)
    if source is None or source.name is None:
        return None
    if source.kind == "organisation" and source.role in SPOKESPERSON_NOUNS:
        return source
    if source.kind != "person" or not _acts(tokens, root, subject):
        return None
    return source


def _title_cased(words: str) -> bool:
    """Every word longer than a function word capitalised: a name ("Action Plan for Growth")."""
    return all(w[:1].isupper() for w in re.findall(r"[^\W\d_][\w'’-]*", words) if len(w) > 3)


def _acts(tokens: Sequence[Tok], verb: Tok, subject: Tok) -> bool:
    """The subject does what the verb says: no copula, no passive, no thing."""
    passive = subject.dep == "nsubjpass" or any(t.dep == "auxpass" for t in children(tokens, verb))
    return (
        verb.lemma.lower() != "be"
        and verb.pos != "AUX"
        and not passive
        and not is_thing(tokens, subject)
    )


def _outer_cue(ctx: Context, cue: Tok) -> Tok | None:
    """The reporting verb a cue with a thing for its subject is reported under: in "Roe said
    the ruling was fair and praised its 'clear' majority", "said" for "praised"."""
    tokens = ctx.parsed.tokens
    subject = cue_subject(tokens, cue)
    if subject is None or not is_thing(tokens, subject):
        return None
    head = cue
    for _ in range(12):
        if head.head == head.i:
            return None
        head = tokens[head.head]
        if is_cue(head) and head.i not in ctx.inside:
            return head
    return None


def _reporter_of_action(ctx: Context, cue: Tok) -> Tok | None:
    """The reporting verb an act is told under when a cue that can name an act ("offered a
    'clear choice'", "agreed to sell it after 'long talks'") reports no words of its own: in
    "Roe said his party offered a 'clear choice'", "said"."""
    tokens = ctx.parsed.tokens
    if cue.lemma.lower() not in ACTION_CUE_LEMMAS or cue.dep != "ccomp":
        return None
    if any(t.dep in {"ccomp", "parataxis"} for t in children(tokens, cue)):
        return None
    outer = tokens[cue.head]
    return outer if is_cue(outer) and outer.i not in ctx.inside else None


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
    return phrase_text(ctx, noun_phrase(tokens, target))


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
    parts, gender = clean_name(run_words(run))
    if not parts:
        return None
    name, gender = resolve_name(ctx.namesakes(parts), parts, gender, run[0].start)
    source = Source(
        ctx.text[run[0].start : run[-1].end], run[0].start, run[-1].end, name, "person", gender
    )
    return source, run[0], "dash-credit"


def _dash_aside_source(ctx: Context, span: QuoteSpan) -> Source | None:
    """The person named just before a quote set off by dashes: "including Jane Roe — “…” —"."""
    opening = before_marks(ctx.text, span.start, 0)
    dash = DASH_BEFORE.search(ctx.text, max(0, opening - 4), opening)
    closed = DASH_AFTER.match(ctx.text, after_marks(ctx.text, span.end, len(ctx.text)))
    if dash is None or closed is None or not ctx.text[span.start].isupper():
        return None
    tokens = ctx.parsed.tokens
    at = bisect_left(tokens, dash.start(), key=lambda t: t.start) - 1
    if at < 0 or tokens[at].pos != "PROPN" or tokens[at].end > dash.start():
        return None
    source = source_of(ctx, tokens[at])
    return source if source is not None and source.kind == "person" else None


def _colon_source(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    """The subject of the clause a colon ends just before the quote ("He had a message: “…”"),
    or the name the colon ends ("Portwell boss Ann Kerr: “…”")."""
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
    subject = cue_subject(tokens, root) or (root if root.pos == "PROPN" else None)
    if subject is None or subject.i in ctx.inside:
        return None
    source = source_of(ctx, subject)
    return (source, root, "colon-intro") if source is not None else None


def _lead_in_source(ctx: Context, span: QuoteSpan) -> tuple[Source, Tok, str] | None:
    """A direct quote opening its paragraph after one of reported speech with no quote of its
    own ("Roe says his firm is the only one.") is the reported speaker's."""
    tokens = ctx.parsed.tokens
    first = bisect_left(tokens, span.paragraph - 1, key=lambda t: t.para)
    last = bisect_left(tokens, span.paragraph, key=lambda t: t.para)
    before = tokens[first:last]
    if span.kind != "direct" or not before or any(t.i in ctx.inside for t in before):
        return None
    if any(c.isalpha() for c in ctx.text[ctx.text.rfind("\n", 0, span.start) + 1 : span.start]):
        return None  # the quote does not open its paragraph
    for cue in reversed([t for t in before if is_cue(t)]):
        source = _cue_subject_source(ctx, cue)
        if source is not None:
            return source, cue, "lead-in"
    return None


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
    return _inherited(ctx, span, previous, "floating")


def _open_quote_goes_on(
    ctx: Context, paragraphs: Sequence[Paragraph], span: QuoteSpan, previous: Attribution | None
) -> Attribution | None:
    """A paragraph that goes on with an open quote (it opens with a mark, the one before did
    not close) is its first speaker's unless a cue outside governs it in the parse: a cue
    nearby after it ("The chancellor has said …") is someone else's."""
    if not span.continues_previous or _governing_cues(ctx, span):
        return None
    return _floating(ctx, paragraphs, span, previous)


def _inherited(ctx: Context, span: QuoteSpan, previous: Attribution, rule: str) -> Attribution:
    return replace(
        previous,
        start=span.start,
        end=span.end,
        text=ctx.text[span.start : span.end],
        kind=span.kind,
        cue=None,
        said_to=None,
        rule=rule,
    )


def _speech_goes_on(
    ctx: Context, span: QuoteSpan, previous: Attribution | None
) -> Attribution | None:
    """A partial quote in a sentence with no reporting verb, told in the past as reported speech
    is, right after a sentence with a quote credited by a reporting verb, goes on with that
    speech: "Roe said the ban was 'a mistake'. Ministers were 'simply wrong' to impose it." """
    if previous is None or previous.speaker is None or previous.rule not in CUE_RULES:
        return None
    if _title_cased(ctx.text[span.start : span.end]):
        return None
    sentence = sentence_of(ctx.parsed.tokens, _token_at(ctx, span.start))
    if sentence[0].sent - _token_at(ctx, previous.end - 1).sent != 1:
        return None
    outside = [t for t in sentence if t.i not in ctx.inside]
    root = next((t for t in outside if t.dep == "ROOT"), None)
    if root is None or any(is_cue(t) for t in outside) or not _backshifted(root, outside):
        return None
    if _about_someone_else(ctx, root, previous):
        return None
    return _inherited(ctx, span, previous, "speech-goes-on")


def _backshifted(root: Tok, sentence: Sequence[Tok]) -> bool:
    """A main verb in the past tense or under a modal, as reported speech is told."""
    return root.tag == "VBD" or any(t.tag == "MD" and t.head == root.i for t in sentence)


def _about_someone_else(ctx: Context, root: Tok, previous: Attribution) -> bool:
    """The sentence tells what another named person did ("Ms Roe secured a majority"): the
    reporter's narrative, not the speech before it going on."""
    subject = cue_subject(ctx.parsed.tokens, root)
    source = source_of(ctx, subject) if subject is not None else None
    if source is None or source.kind != "person" or source.name is None:
        return False
    return source.name != previous.speaker


def _token_at(ctx: Context, offset: int) -> Tok:
    """The token that holds a character offset, or the last one before it."""
    tokens = ctx.parsed.tokens
    at = bisect_left(tokens, offset + 1, key=lambda t: t.start) - 1
    return tokens[min(max(at, 0), len(tokens) - 1)]


def _paragraph_of(paragraphs: Sequence[Paragraph], offset: int) -> int:
    """The number of the paragraph (in text order, none overlapping) holding ``offset``, or
    ``len(paragraphs)`` when none does."""
    index = bisect_right(paragraphs, offset, key=lambda p: p.start) - 1
    return index if index >= 0 and offset <= paragraphs[index].end else len(paragraphs)


def _all_quoted(ctx: Context, paragraphs: Sequence[Paragraph], span: QuoteSpan) -> bool:
    """No letter of the span's paragraph is outside quotes (worked out once a paragraph)."""
    if span.paragraph not in ctx.all_quoted:
        para = paragraphs[span.paragraph]
        chars = list(ctx.text[para.start : para.end])
        first = bisect_left(ctx.spans, span.paragraph, key=lambda s: s.paragraph)
        last = bisect_right(ctx.spans, span.paragraph, first, key=lambda s: s.paragraph)
        for quote in ctx.spans[first:last]:
            for i in range(max(quote.start, para.start), min(quote.end, para.end)):
                chars[i - para.start] = " "
        ctx.all_quoted[span.paragraph] = not any(c.isalpha() for c in chars)
    return ctx.all_quoted[span.paragraph]


def _title_words(ctx: Context, span: QuoteSpan) -> list[str]:
    """The words of a quote that could be a title: at most six, every word of four letters or
    more capitalised ("Storms Over the Harbour"); none otherwise."""
    words = re.findall(r"[A-Za-z][\w'’-]*", ctx.text[span.start : span.end])
    if len(words) > 6 or not all(w[0].isupper() for w in words if len(w) > 3):
        return []
    return words


def _is_heading(ctx: Context, para: Paragraph, span: QuoteSpan) -> bool:
    """A short quoted line in title case standing alone between paragraphs is a heading."""
    line = ctx.text[para.start : para.end].strip(ALL_MARKS + " ")
    quoted = ctx.text[span.start : span.end].strip(ALL_MARKS + " ")
    return line == quoted and sum(w[0].isupper() for w in _title_words(ctx, span)) >= 2


def _is_title_of_work(ctx: Context, span: QuoteSpan) -> bool:
    """A short quote in title case after a preposition, an owner ("Portwell Radio's") or the
    noun of a work ("her memoir,") names a work: it is no quotation even beside a cue."""
    words = _title_words(ctx, span)
    if not words:
        return False
    line = ctx.text[max(0, span.start - 80) : span.start].rsplit("\n", 1)[-1]
    before = line.rstrip(ALL_MARKS + " ").split()
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
    after_work = bool(before) and before[-1].lower().rstrip(",:") in WORK_NOUNS
    return len(words) > 1 and (after_preposition or owned or after_work)
