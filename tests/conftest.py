"""Shared fixtures: the spaCy model, loaded once, and a helper that runs extraction on a text."""

from __future__ import annotations

from typing import Any

import pytest

from quotes import nlp, pipeline
from quotes.models import Article, Attribution


@pytest.fixture(scope="session")
def model() -> Any:
    """The project's spaCy pipeline, loaded once for the whole test session."""
    return nlp.load()


def run_extract(model: Any, text: str, title: str | None = None) -> tuple[Attribution, ...]:
    """The attributed quotes ``pipeline.extract`` finds in an article made of ``text``."""
    article = Article(id="t.txt", text=text, sha256="x", title=title)
    return pipeline.extract(article, model).quotes


@pytest.fixture
def quotes_of(model: Any) -> Any:
    """``run_extract`` bound to the session's model."""

    def run(text: str, title: str | None = None) -> tuple[Attribution, ...]:
        return run_extract(model, text, title)

    return run
