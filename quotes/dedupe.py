"""Deduplicate quote occurrences into statements.

Public API
----------
``normalise(text) -> str`` and ``words(text) -> tuple[str, ...]``
    The matching form of a quote: Unicode NFKC, editorial brackets ("[Name]") dropped,
    apostrophes (straight or curly) deleted, case folded, every run of anything that is
    not a letter or digit (quotation marks, dashes, ellipses, punctuation, whitespace)
    turned into one word break. ``normalise`` joins the words with single spaces.

``cluster(occurrences) -> Clustering``
    Groups occurrences (unique ``key``) into statements. ``Clustering`` has
    ``memberships`` (occurrence key -> ``Membership``) and ``statements`` (id ->
    ``Statement``). Statement ids are the smallest occurrence key of their members, so
    they depend on the partition only.

``word_diff(canonical, other) -> str``
    The ``Membership.diff`` format: a JSON list of ``[op, words]`` pairs, ``op`` one of
    ``"="`` (words in both), ``"-"`` (only in the canonical wording) and ``"+"`` (only in
    this occurrence, editorial insertions such as "[Name]" included). Words are compared
    in their normalised form but kept as printed: "=" and "+" runs are the occurrence's
    own words (casing and punctuation kept), "-" runs the canonical wording's, so reading
    "=" and "+" gives the occurrence's text verbatim (runs of spaces as one), e.g.
    ``[["=", "We will"], ["-", "never"], ["+", "not ever"], ["=", "give up"]]``.

Rules
-----
* Occurrences with the same normalised text (an *exact* key) form one *form*. Texts of
  ``SHORT_MAX`` words or fewer are keyed with their speaker as well, and stay alone
  when they have no speaker.
* Two forms of similar length (the shorter at least ``VARIANT_LENGTH`` of the longer)
  are *variants* when their word sets and word 3-gram sets overlap enough; variants are
  joined with union-find into *cores*.
* A shorter form is a *fragment* of a longer one when nearly all of its words and at
  least half of its 3-grams are in it (small edits allowed). A fragment of
  ``SHORT_MAX`` words or fewer must be contained word for word in a form spoken by the
  same (non-null) speaker. A core attaches to the single best container that is longer
  than all of its members (same speaker first, then the closest match, then the longest
  container), so a fragment never glues two statements together.
* A statement is a root core with everything attached to it. Its text is the verbatim
  text of its longest non-fragment occurrence; its id is its smallest occurrence key;
  speakers are its distinct non-null speakers, most frequent first; ``conflict`` is true
  when there is more than one. "Longest" counts normalised words, then normalised
  characters; among equals the occurrence with the smallest key wins. Memberships are
  "exact" (same normalised text as the canonical), "variant" (with ``diff``) or
  "fragment" (no diff); an "exact" occurrence whose printed words differ from the
  canonical wording's only by an editorial insertion has a diff too.

Candidates come from an inverted index of word 3-gram hashes over the forms (a 3-gram in
more than ``POSTING_CAP`` forms is ignored for candidate search); each form is verified,
with set operations, only against the larger forms it shares enough 3-grams with, so the
work is near-linear; short fragments are checked against the forms of their speaker.
``cluster`` pauses the cyclic garbage collector while it runs (and restores it):
the structures hold no cycles and full collections would dominate large runs.
Pure functions: no module state, no output; ``ValueError`` for bad arguments.
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import chain
from math import ceil

from quotes.models import Membership, Occurrence, Statement

SHORT_MAX = 3
POSTING_CAP = 48
VARIANT_LENGTH = 0.8
VARIANT_WORDS = 0.75
VARIANT_SHINGLES = 0.25
FRAGMENT_WORDS = 0.8
FRAGMENT_SHINGLES = 0.5

_BRACKETS = re.compile(r"\[[^\]]*\]")
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile("['’‘ʼ`´′]")
_PRINTED_WORD = re.compile(r"\[[^\]]*\]|[^\s\[]+|\[")


@dataclass(frozen=True)
class Clustering:
    """Statements by id and each occurrence's membership by occurrence key."""

    memberships: dict[int, Membership] = field(default_factory=dict)
    statements: dict[int, Statement] = field(default_factory=dict)


def words(text: str) -> tuple[str, ...]:
    """The normalised words of a quote."""
    if text.isascii():
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
    else:
        text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    if "[" in text:
        text = _BRACKETS.sub(" ", text)
    return tuple(_WORD.findall(text.casefold()))


def normalise(text: str) -> str:
    """The matching form of a quote: its normalised words joined by single spaces."""
    return " ".join(words(text))


def word_diff(canonical: str, other: str) -> str:
    """Word-level difference from ``canonical`` to ``other`` as a JSON list of [op, words],
    with the words as each text printed them (see the module docstring)."""
    before, after = _printed_words(canonical), _printed_words(other)
    ops: list[list[str]] = []
    matcher = SequenceMatcher(None, [k for k, _ in before], [k for k, _ in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["=", " ".join(w for _, w in after[j1:j2])])
            continue
        if i2 > i1:
            ops.append(["-", " ".join(w for _, w in before[i1:i2])])
        if j2 > j1:
            ops.append(["+", " ".join(w for _, w in after[j1:j2])])
    return json.dumps(ops, ensure_ascii=False)


def _printed_words(text: str) -> list[tuple[str, str]]:
    """(matching key, printed word) for each word of ``text``: an editorial insertion
    ("[Name]") is one word whose key no plain word has; punctuation with no letter or digit
    joins the word before it (or after it, at the start)."""
    found: list[tuple[str, str]] = []
    loose = ""
    for match in _PRINTED_WORD.finditer(text):
        word = match.group()
        key = f"[{normalise(word)}]" if word.startswith("[") and len(word) > 1 else normalise(word)
        if not key:
            if found:
                found[-1] = (found[-1][0], found[-1][1] + word)
            else:
                loose += word
            continue
        found.append((key, loose + word))
        loose = ""
    return found


def _insertion_diff(canonical: str, other: str) -> str | None:
    """The diff of an exact occurrence that printed an editorial insertion, else None."""
    if "[" not in canonical and "[" not in other:
        return None
    keys = [k for k, _ in _printed_words(canonical)], [k for k, _ in _printed_words(other)]
    return word_diff(canonical, other) if keys[0] != keys[1] else None


def _shingles(tokens: tuple[str, ...]) -> set[int]:
    return set(map(hash, zip(tokens, tokens[1:], tokens[2:], strict=False)))


@dataclass
class _Forms:
    """Distinct exact keys, the occurrences behind each and the 3-gram index over them."""

    tokens: list[tuple[str, ...]] = field(default_factory=list)
    norm: list[str] = field(default_factory=list)
    occs: list[list[Occurrence]] = field(default_factory=list)
    form_of: dict[int, int] = field(default_factory=dict)
    postings: dict[int, int | list[int]] = field(default_factory=dict)
    by_speaker: dict[str, list[int]] = field(default_factory=dict)

    def order(self, f: int) -> tuple[int, str]:
        return len(self.tokens[f]), self.norm[f]

    def speakers(self, f: int) -> set[str]:
        return {o.speaker for o in self.occs[f] if o.speaker}


def _build(occurrences: Iterable[Occurrence]) -> _Forms:
    forms = _Forms()
    by_key: dict[str, int] = {}
    for occ in occurrences:
        if not isinstance(occ, Occurrence):
            raise ValueError(f"not an Occurrence: {occ!r}")
        if occ.key in forms.form_of:
            raise ValueError(f"duplicate occurrence key {occ.key}")
        toks = words(occ.text)
        norm = " ".join(toks)
        if len(toks) > SHORT_MAX:
            exact = norm
        elif occ.speaker and toks:
            exact = f"{norm}\x00{occ.speaker}"
        else:
            exact = f"\x01{occ.key}"
        f = by_key.get(exact)
        if f is None:
            f = by_key[exact] = len(forms.norm)
            forms.tokens.append(toks)
            forms.norm.append(norm)
            forms.occs.append([occ])
        else:
            forms.occs[f].append(occ)
        forms.form_of[occ.key] = f
    _index(forms)
    return forms


def _index(forms: _Forms) -> None:
    postings = forms.postings
    setdefault = postings.setdefault
    short_speakers = set()
    for f, toks in enumerate(forms.tokens):
        if len(toks) <= SHORT_MAX:
            if toks and forms.occs[f][0].speaker:
                short_speakers.add(forms.occs[f][0].speaker)
            continue
        for h in _shingles(toks):
            posting = setdefault(h, f)
            if posting is f:
                continue
            if isinstance(posting, int):
                postings[h] = [posting, f]
            elif len(posting) <= POSTING_CAP:
                posting.append(f)
    for f, toks in enumerate(forms.tokens):
        if not toks:
            continue
        for speaker in forms.speakers(f) & short_speakers:
            forms.by_speaker.setdefault(speaker, []).append(f)


def _judge(
    na: int, nb: int, sa: set[str], sb: set[str], covered: float
) -> tuple[str, float] | None:
    """How a form of ``na`` words relates to a larger one of ``nb``, from their overlaps."""
    shared = len(sa & sb)
    if na >= VARIANT_LENGTH * nb:
        dice = 2 * shared / (len(sa) + len(sb))
        if dice >= VARIANT_WORDS and covered >= VARIANT_SHINGLES:
            return "variant", dice + covered
        return None
    contained = shared / len(sa)
    if contained >= FRAGMENT_WORDS and covered >= FRAGMENT_SHINGLES:
        return "fragment", contained + covered
    return None


def _least(shingles: int) -> int:
    """Fewest uncapped shared 3-grams worth verifying for a smaller form with ``shingles``."""
    return max(1, ceil(VARIANT_SHINGLES * shingles))


def _short_in(forms: _Forms, a: int, b: int) -> bool:
    return f" {forms.norm[a]} " in f" {forms.norm[b]} "


_Rank = tuple[bool, float, int, str]


def _links(forms: _Forms, a: int) -> tuple[list[int], list[tuple[_Rank, int]]]:
    """Verified links from form ``a`` to larger forms: variant partners and containers."""
    ta = forms.tokens[a]
    na = len(ta)
    if not ta:
        return [], []
    norm_a = forms.norm[a]
    containers: list[tuple[_Rank, int]] = []
    if na <= SHORT_MAX:
        speaker = forms.occs[a][0].speaker
        if speaker is None:
            return [], []
        for b in forms.by_speaker.get(speaker, ()):
            if len(forms.tokens[b]) > na and _short_in(forms, a, b):
                containers.append(((True, 2.0, len(forms.tokens[b]), forms.norm[b]), b))
        return [], containers
    ha = _shingles(ta)
    lists = []
    capped = False
    get = forms.postings.get
    for h in ha:
        posting = get(h)
        if isinstance(posting, list):
            if len(posting) > POSTING_CAP:
                capped = True
            else:
                lists.append(posting)
    counts = Counter(chain.from_iterable(lists))
    least = _least(len(ha))
    variants: list[int] = []
    sa: set[str] | None = None
    speakers: set[str] | None = None
    tokens, norm = forms.tokens, forms.norm
    for b, n in counts.items():
        if n < least:
            continue
        tb = tokens[b]
        nb = len(tb)
        if nb < na or (nb == na and norm[b] <= norm_a):
            continue
        if sa is None:
            sa = set(ta)
        covered = (len(ha & _shingles(tb)) if capped else n) / len(ha)
        link = _judge(na, nb, sa, set(tb), covered)
        if link is None:
            continue
        if link[0] == "variant":
            variants.append(b)
            continue
        if speakers is None:
            speakers = forms.speakers(a)
        same = bool(speakers & forms.speakers(b))
        containers.append(((same, link[1], nb, norm[b]), b))
    return variants, containers


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _solve(forms: _Forms) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Cluster all forms: the cores of each root, and each root's own core (root first)."""
    everything = range(len(forms.norm))
    uf = _UnionFind()
    containers: dict[int, list[tuple[_Rank, int]]] = {}
    for a in everything:
        variants, containers[a] = _links(forms, a)
        for b in variants:
            uf.union(a, b)
    cores: dict[int, list[int]] = {}
    for f in everything:
        cores.setdefault(uf.find(f), []).append(f)
    parent: dict[int, int] = {}
    for core, members in cores.items():
        if len(members) == 1 and not containers[members[0]]:
            continue
        top = max(forms.order(f) for f in members)
        best: tuple[_Rank, int] | None = None
        for f in members:
            for rank, b in containers[f]:
                eligible = uf.find(b) != core and forms.order(b) > top
                if eligible and (best is None or rank > best[0]):
                    best = (rank, b)
        if best is not None:
            parent[core] = uf.find(best[1])
    trees: dict[int, list[int]] = {}
    for core, members in cores.items():
        root = core
        while root in parent:
            root = parent[root]
        trees.setdefault(root, []).extend(members)
    return trees, {r: cores[r] for r in trees}


def _size(forms: _Forms, f: int) -> tuple[int, int]:
    return len(forms.tokens[f]), len(forms.norm[f])


def _statement(
    forms: _Forms, root: list[Occurrence], fragments: list[Occurrence]
) -> tuple[Statement, list[Membership]]:
    canonical = max(root, key=lambda o: (*_size(forms, forms.form_of[o.key]), -o.key))
    canon_form = forms.form_of[canonical.key]
    ident = min(o.key for o in (*root, *fragments))
    members: list[Membership] = []
    diffs: dict[str, str] = {}
    for occ in root:
        f = forms.form_of[occ.key]
        if forms.norm[f] == forms.norm[canon_form]:
            inserted = _insertion_diff(canonical.text, occ.text)
            members.append(Membership(occ.key, ident, "exact", inserted))
            continue
        if occ.text not in diffs:
            diffs[occ.text] = word_diff(canonical.text, occ.text)
        members.append(Membership(occ.key, ident, "variant", diffs[occ.text]))
    members.extend(Membership(o.key, ident, "fragment") for o in fragments)
    named = [o.speaker for o in (*root, *fragments) if o.speaker]
    counts = Counter(named)
    if len(counts) > 1:
        speakers = tuple(s for s, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    else:
        speakers = tuple(counts)
    keys = tuple(sorted(o.key for o in (*root, *fragments)))
    statement = Statement(ident, canonical.text, speakers, keys, len(speakers) > 1)
    return statement, members


def _assemble(
    forms: _Forms, trees: dict[int, list[int]], roots: dict[int, list[int]]
) -> list[tuple[Statement, list[Membership]]]:
    out = []
    for root, tree in trees.items():
        core = set(roots[root])
        root_occs = [o for f in tree if f in core for o in forms.occs[f]]
        frag_occs = [o for f in tree if f not in core for o in forms.occs[f]]
        out.append(_statement(forms, root_occs, frag_occs))
    return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the bulk structures built here hold no cycles,
    and full collections over millions of fresh objects would dominate the run time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cluster(occurrences: Iterable[Occurrence]) -> Clustering:
    """Group occurrences into statements (see the module docstring for the rules)."""
    with _collector_paused():
        forms = _build(occurrences)
        trees, roots = _solve(forms)
        forms.postings.clear()
        memberships: dict[int, Membership] = {}
        statements: dict[int, Statement] = {}
        for statement, members in _assemble(forms, trees, roots):
            statements[statement.id] = statement
            memberships.update((m.key, m) for m in members)
        return Clustering(memberships, statements)
