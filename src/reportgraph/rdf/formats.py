"""The RDF formats reportgraph reads and writes: one table, by name, other names and file
suffix. Serialising, reading graph files and exporting all look formats up here.

>>> rdf_format("ttl").name, rdf_format(".nq").name
('turtle', 'nquads')
>>> suffix_formats()[".owl"].name
'rdf-xml'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox


@dataclass(frozen=True, slots=True)
class RdfFormatInfo:
    """One RDF format: its name, other names, file suffixes, pyoxigraph format, and
    whether it holds named graphs."""

    name: str
    aliases: tuple[str, ...]
    suffixes: tuple[str, ...]
    oxigraph: ox.RdfFormat
    datasets: bool


#: Every RDF format, by name.
RDF_FORMATS: dict[str, RdfFormatInfo] = {f.name: f for f in (
    RdfFormatInfo("turtle", ("ttl",), (".ttl", ".turtle"), ox.RdfFormat.TURTLE, False),
    RdfFormatInfo("trig", (), (".trig",), ox.RdfFormat.TRIG, True),
    RdfFormatInfo("nquads", ("nq",), (".nq", ".nquads"), ox.RdfFormat.N_QUADS, True),
    RdfFormatInfo("ntriples", ("nt",), (".nt",), ox.RdfFormat.N_TRIPLES, False),
    RdfFormatInfo("json-ld", ("jsonld",), (".jsonld",), ox.RdfFormat.JSON_LD, True),
    RdfFormatInfo("rdf-xml", (), (".rdf", ".owl"), ox.RdfFormat.RDF_XML, False),
)}

#: The formats written by pyoxigraph from sorted quads (byte-identical output).
SORTED_WRITERS = ("turtle", "trig", "nquads", "ntriples")


@lru_cache(maxsize=1)
def name_formats() -> dict[str, RdfFormatInfo]:
    """Every name and other name of a format → the format."""
    return {n: f for f in RDF_FORMATS.values() for n in (f.name, *f.aliases)}


@lru_cache(maxsize=1)
def suffix_formats() -> dict[str, RdfFormatInfo]:
    """Every file suffix (lower case, with its dot) → the format."""
    return {s: f for f in RDF_FORMATS.values() for s in f.suffixes}


def rdf_format(name_or_suffix: str) -> RdfFormatInfo:
    """The format of a name (``turtle``, ``ttl``) or a suffix (``.ttl``); ``KeyError`` if none."""
    key = name_or_suffix.lower()
    found = (suffix_formats() if key.startswith(".") else name_formats()).get(key)
    if found is None:
        raise KeyError(name_or_suffix)
    return found
