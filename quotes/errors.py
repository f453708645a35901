"""The exceptions the package raises for conditions a user can act on."""

from __future__ import annotations


class QuotesError(Exception):
    """Base of every error the quotes package raises on purpose."""


class InputError(QuotesError):
    """An input file or record that cannot be read as an article."""


class ModelError(QuotesError):
    """The spaCy model named cannot be loaded."""


class DatabaseError(QuotesError):
    """The database cannot be opened or written."""


class BuildRunningError(DatabaseError):
    """Another build is writing the same database."""


class ClusterError(QuotesError):
    """The Dask scheduler cannot be reached."""


class WorkerError(QuotesError):
    """A worker process died while extracting articles."""
