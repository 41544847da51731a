"""The project's exceptions: one shallow hierarchy, each naming the bad value and the fix."""

from __future__ import annotations


class ReportGraphError(Exception):
    """Base class: the CLI catches it and prints its message as one line."""


class InputError(ReportGraphError):
    """A file or directory the user gave cannot be read as a report."""


class OutputError(ReportGraphError):
    """An output cannot be written (exists without --force, unwritable, ...)."""


class QueryError(ReportGraphError):
    """A SPARQL query is malformed, refused by the policy, or failed."""


class StoreError(ReportGraphError):
    """A graph store cannot be opened, is in use, or is corrupt."""


class ModelError(ReportGraphError):
    """A spaCy model given with --model cannot be loaded."""


class ConfigError(ReportGraphError):
    """A pipeline config names an unknown setting, table or version."""


class NotFoundError(ReportGraphError, KeyError):
    """A lookup (an entity by name, a named query, a report in a store) found nothing."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
