"""The ``doc._.rg_*`` extensions the reportgraph components communicate through."""

from __future__ import annotations

EXTENSIONS = ("rg_report", "rg_home", "rg_author", "rg_head", "rg_mentions", "rg_entities", "rg_relations", "rg_posts")


def register_extensions(names: tuple[str, ...] = EXTENSIONS) -> None:
    """Install the ``doc._.rg_*`` extensions ``names`` (default: all), each ``None`` until a
    component sets it (idempotent). Every reportgraph factory installs the ones it reads
    and assigns, so a component added to any pipeline works on its own."""
    from spacy.tokens import Doc

    for name in names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
