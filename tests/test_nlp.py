"""Tests of the token index ``nlp.Parsed`` offers the rules, on hand-built tokens."""

from __future__ import annotations

from collections import Counter

from quotes.nlp import PIECE_CHARS, Parsed, Tok, parse_many


def parsed(*paragraphs: str) -> Parsed:
    """Tokens split on spaces, one paragraph a line, laid out as ``"\\n".join(paragraphs)``."""
    tokens: list[Tok] = []
    offset = 0
    for para, line in enumerate(paragraphs):
        for word in line.split(" "):
            i = len(tokens)
            tokens.append(Tok(i, offset, word, word, "X", "X", "dep", i, para, para))
            offset += len(word) + 1
    return Parsed(tuple(tokens))


def test_starting_in_gives_tokens_that_start_in_the_range() -> None:
    doc = parsed("Jane Roe said no", "Tom Vale said yes")
    assert [t.text for t in doc.starting_in(5, 14)] == ["Roe", "said"]
    assert [t.text for t in doc.starting_in(6, 9)] == []
    assert [t.text for t in doc.starting_in(-50, 4)] == ["Jane"]
    assert [t.text for t in doc.starting_in(30, 999)] == ["yes"]


def test_index_at_is_the_first_token_at_or_after_an_offset() -> None:
    doc = parsed("Jane Roe said no")
    assert [doc.index_at(n) for n in (0, 1, 5, 16, 17)] == [0, 1, 1, 4, 4]


def test_paragraph_gives_its_tokens_and_none_for_an_unparsed_one() -> None:
    doc = parsed("Jane Roe said no", "Tom Vale said yes")
    assert [t.text for t in doc.paragraph(1)] == ["Tom", "Vale", "said", "yes"]
    assert doc.paragraph(7) == ()


def test_a_paragraph_longer_than_spacys_limit_is_parsed_in_pieces_cut_after_sentences() -> None:
    import spacy

    model = spacy.blank("en")
    model.add_pipe("sentencizer")
    model.max_length = PIECE_CHARS + 1
    sentence = "Jane Roe said the plan would not work. "
    text = sentence * (3 * PIECE_CHARS // len(sentence))
    (doc,) = parse_many(model, [(text, [(0, 0, len(text))])])
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert [t.i for t in doc.tokens] == list(range(len(doc.tokens)))
    assert len(doc.tokens) == 9 * text.count(sentence)
    sentence_lengths = Counter(t.sent for t in doc.tokens)
    assert set(sentence_lengths.values()) == {9}  # every cut fell after a sentence
