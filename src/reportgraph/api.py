"""Ask the knowledge graph questions from Python: typed lookups over the RDF graph.

A :class:`ReportGraph` reads a graph (a ``graph.ttl``/``.trig`` file, an Oxigraph store
directory, an rdflib graph or a pyoxigraph store) once, through SPARQL, into typed
records: :class:`Entity`, :class:`Relation` and :class:`Evidence`. These are graph-side
views, distinct from the extraction records of :mod:`reportgraph.model`: an entity here
is identified by its IRI and gathers what every report says about it.

>>> from pathlib import Path
>>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
>>> g.find("县政协").name
'代县政协'
>>> [e.name for e in g.neighbors("“双帽”联席会议", predicate="memberOf", direction="in")]
['代县政协', '凤凰县政协', '阆中市政协']
>>> format_path(g.path("凤凰县政协", "代县政协"))
'凤凰县政协 -memberOf-> “双帽”七县(市)政协联席会议 <-memberOf- 代县政协'
"""

from __future__ import annotations

import os
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

import pyoxigraph as ox

from reportgraph.knowledge.normalize import match_key
from reportgraph.model import EntityType, Predicate
from reportgraph.notebook import TablesMixin
from reportgraph.query.read_records import RG, _local, mentioned_as, read_posts, read_records
from reportgraph.rdf.terms import python_term as _term
from reportgraph.query.values import to_value
from reportgraph.records import Entity, Evidence, Post, Relation, _entity_key, format_path
from reportgraph.store import sources

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["Entity", "Evidence", "Post", "Relation", "ReportGraph", "RG", "Source", "format_path", "open_store"]

Direction = Literal["out", "in", "both"]
Source = Union["ReportGraph", ox.Store, ox.Dataset, "rdflib.Graph", str, "os.PathLike[str]"]
"""Anything :meth:`ReportGraph.load` reads."""

_QUERY_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def _norm(text: str) -> str:
    """Compare names loosely: the matching key (:func:`reportgraph.knowledge.normalize.match_key`:
    NFKC, no whitespace or invisible characters, traditional → simplified), case-folded."""
    return match_key(text).casefold()


def open_store(source: Source) -> ox.Store:
    """Read ``source`` into a new in-memory pyoxigraph store laid out as a store on disk
    (:func:`reportgraph.store.sources.open_store`: the report graphs as named graphs, their
    merged graph as the default graph); a :class:`ReportGraph` gives its own store."""
    return sources.open_store(source)


class ReportGraph(TablesMixin):
    """The knowledge graph of one or more reports, with typed lookups.

    Build it from reports (:meth:`build`) or load a graph written before (:meth:`load`).
    Lookups take an entity's name, one of its aliases, its IRI or an :class:`Entity`.
    """

    def __init__(self, store: ox.Store) -> None:
        """Wrap a pyoxigraph store; prefer :meth:`load` or :meth:`build`."""
        self.store = store
        self._entities: dict[str, Entity] = {}
        self._relations: tuple[Relation, ...] = ()
        self._read()

    # --- construction ---

    @classmethod
    def load(cls, source: Source) -> ReportGraph:
        """Load a graph: a file (``graph.ttl``, ``.trig``, ``.nq``, ``.jsonld``), an Oxigraph
        store directory, an rdflib graph or a pyoxigraph ``Store``.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> len(g), len(g.relations())
        (13, 11)
        """
        return cls(open_store(source))

    @classmethod
    def build(
        cls,
        paths_or_texts: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        base_iri: str | None = None,
        home: str | None = None,
        nlp: Any = None,
    ) -> ReportGraph:
        """Extract reports and build their graph in memory.

        Each item is a path (any ``os.PathLike``, or a ``str`` naming an existing file) or
        the text of a report (any other ``str``). ``home`` is the home place of texts
        given directly (for files it overrides the place found in the file); ``nlp`` a pipeline from :func:`reportgraph.load_pipeline` to reuse.
        """
        from reportgraph import extract

        from reportgraph.rdf import to_rdf
        items = [paths_or_texts] if isinstance(paths_or_texts, (str, os.PathLike)) else list(paths_or_texts)
        nlp = nlp if nlp is not None else extract.load_pipeline()
        extractions = []
        for i, item in enumerate(items):
            if isinstance(item, os.PathLike) or ("\n" not in item and len(item) < 4096 and Path(item).is_file()):
                extractions.append(extract.extract_path(item, home=home, nlp=nlp))
            else:
                extractions.append(extract.extract_text(item, doc_id=f"text{i + 1}", home=home, nlp=nlp))
        kwargs = {"base_iri": base_iri} if base_iri else {}
        return cls.load(to_rdf.to_dataset(extractions, **kwargs))
    def _read(self) -> None:
        entities, relations = read_records(self.store)
        self._entities = dict(sorted(entities.items(), key=lambda kv: _entity_key(kv[1])))
        self._relations = tuple(relations)
        self._posts = tuple(read_posts(self.store, self._entities))
        self._names: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
        degree: dict[str, int] = defaultdict(int)
        for r in relations:
            degree[r.subject.iri] += 1
            degree[r.object.iri] += 1
        self._normed = tuple((e, tuple(_norm(n) for n in e.names())) for e in self._entities.values())
        for e in self._entities.values():
            self._names[_norm(e.name)].append((0, e))
            for alias in e.aliases:
                self._names[_norm(alias)].append((1, e))
        for candidates in self._names.values():
            candidates.sort(key=lambda c: (c[0], -degree[c[1].iri], _entity_key(c[1])))

    # --- lookups ---

    def __len__(self) -> int:
        """The number of entities."""
        return len(self._entities)

    def __repr__(self) -> str:
        return f"<ReportGraph: {len(self._entities)} entities, {len(self._relations)} relations>"

    def find(self, name: str) -> Entity | None:
        """The entity named ``name`` (its name, an alias or its IRI), or ``None``.

        A name beats an alias; among several entities with the same alias the best
        connected wins (use :meth:`find_all` to see them all). Full-width and half-width
        forms, case, spaces and traditional or simplified characters don't matter
        (``g.find("代縣政協")`` finds 代县政协).

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> g.find("政协代县委员会")
        Entity(iri='https://w3id.org/reportgraph/id/daixian-zx', name='代县政协', type=<EntityType.ORGANIZATION: 'Organization'>, aliases=('县政协', '政协代县委员会'), code=None, longitude=None, latitude=None)
        >>> g.find("不存在") is None
        True
        """
        found = self.find_all(name)
        return found[0] if found else None

    def find_all(self, name: str) -> tuple[Entity, ...]:
        """Every entity with this name, alias or IRI, best match first. A form that names
        an entity only in its report's context (县政协, 我县) is no label: it finds the entity
        its mentions name when they name only one in the whole graph."""
        if name in self._entities:
            return (self._entities[name],)
        found = tuple(e for _, e in self._names.get(_norm(name), ()))
        if found or not name.strip():
            return found
        iris = mentioned_as(self.store, name.strip())
        return (self._entities[iris[0]],) if len(iris) == 1 and iris[0] in self._entities else ()

    def search(self, text: str, *, type: EntityType | str | None = None) -> tuple[Entity, ...]:
        """Entities whose name or an alias contains ``text``: exact matches first, then
        shorter names.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> [e.name for e in g.search("政协")]
        ['代县政协', '凤凰县政协', '阆中市政协', '“双帽”七县(市)政协联席会议']
        """
        needle = _norm(text)
        if not needle:
            return ()
        kind = EntityType(type) if type is not None else None
        hits = []
        for e, names in self._normed:
            if kind is not None and e.type is not kind:
                continue
            if any(needle in n for n in names):
                exact = 0 if needle in names else 1
                hits.append((exact, len(e.name), _entity_key(e), e))
        return tuple(h[-1] for h in sorted(hits, key=lambda h: h[:3]))

    def entity(self, ref: str | Entity) -> Entity:
        """The entity ``ref`` names; ``KeyError`` naming the fix when there is none."""
        if isinstance(ref, Entity):
            return self._entities.get(ref.iri, ref)
        found = self.find(ref)
        if found is None:
            close = ", ".join(e.name for e in self.search(ref)[:5])
            hint = f" (did you mean: {close}?)" if close else " (try g.search() with part of the name)"
            raise KeyError(f"no entity named {ref!r}{hint}")
        return found

    def entities(self, type: EntityType | str | None = None) -> tuple[Entity, ...]:
        """All entities, or those of one type, sorted by type and name.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> [e.name for e in g.entities(type="AdministrativeArea")]
        ['代县', '凤凰县', '山西省']
        """
        try:
            kind = EntityType(type) if type is not None else None
        except ValueError as err:
            names = ", ".join(t.value for t in EntityType)
            raise ValueError(f"unknown entity type {type!r}: use one of {names}") from err
        return tuple(e for e in self._entities.values() if kind is None or e.type is kind)

    def relations(
        self,
        subject: str | Entity | None = None,
        predicate: Predicate | str | None = None,
        object: str | Entity | None = None,  # noqa: A002 - mirrors the RDF term
    ) -> tuple[Relation, ...]:
        """Relations matching the given subject, predicate and object (``None`` matches
        anything), with their evidence.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> r = g.relations("代县政协", "memberOf")[0]
        >>> r.object.name, r.weight, r.evidence[0].text
        ('“双帽”七县(市)政协联席会议', 2, '与凤凰县政协形成“双帽”七县(市)政协联席会议年会制度')
        """
        s = self.entity(subject).iri if subject is not None else None
        o = self.entity(object).iri if object is not None else None
        p = _predicate(predicate) if predicate is not None else None
        return tuple(
            r for r in self._relations
            if (s is None or r.subject.iri == s) and (o is None or r.object.iri == o)
            and (p is None or r.predicate is p)
        )

    def posts(self, person: str | Entity | None = None, *,
              organization: str | Entity | None = None) -> tuple[Post, ...]:
        """People's posts: a person's (``person``), a body's people (``organization``),
        or all; each with its role, evidence and the years of the reports that state it.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> g.posts("代县政协")
        ()
        """
        p = self.entity(person).iri if person is not None else None
        o = self.entity(organization).iri if organization is not None else None
        return tuple(x for x in self._posts if (p is None or x.person.iri == p)
                     and (o is None or (x.organization is not None and x.organization.iri == o)))

    def people(self, organization: str | Entity) -> tuple[Entity, ...]:
        """The people who hold a post in a body, in the order of :meth:`posts`."""
        return tuple(dict.fromkeys(x.person for x in self.posts(organization=organization)))

    def neighbors(
        self,
        name: str | Entity,
        predicate: Predicate | str | None = None,
        direction: Direction = "out",
    ) -> tuple[Entity, ...]:
        """Entities one relation away: objects of ``name``'s relations (``"out"``),
        subjects of relations pointing at it (``"in"``) or both, sorted by type and name.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> [e.name for e in g.neighbors("代县政协")]
        ['“双帽”七县(市)政协联席会议', '代县', '脱贫攻坚', '“双帽”第五次联席会']
        """
        if direction not in ("out", "in", "both"):
            raise ValueError(f"direction must be 'out', 'in' or 'both', not {direction!r}")
        e = self.entity(name)
        found: dict[str, Entity] = {}
        if direction in ("out", "both"):
            found.update((r.object.iri, r.object) for r in self.relations(e, predicate))
        if direction in ("in", "both"):
            found.update((r.subject.iri, r.subject) for r in self.relations(None, predicate, e))
        return tuple(sorted(found.values(), key=_entity_key))

    def path(self, a: str | Entity, b: str | Entity, *, max_length: int | None = None) -> tuple[Relation, ...]:
        """The shortest chain of relations between ``a`` and ``b``, followed in either
        direction (each :class:`Relation` keeps its own direction); ``()`` if none.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> [r.display() for r in g.path("凤凰县政协", "代县政协")]
        ['凤凰县政协 -memberOf-> “双帽”七县(市)政协联席会议', '代县政协 -memberOf-> “双帽”七县(市)政协联席会议']
        """
        start, goal = self.entity(a).iri, self.entity(b).iri
        if start == goal:
            return ()
        adjacent: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
        for r in self._relations:
            adjacent[r.subject.iri].append((r.object.iri, r))
            adjacent[r.object.iri].append((r.subject.iri, r))
        back: dict[str, tuple[str, Relation] | None] = {start: None}
        queue = deque([(start, 0)])
        while queue:
            node, depth = queue.popleft()
            if max_length is not None and depth >= max_length:
                continue
            for other, rel in adjacent[node]:
                if other in back:
                    continue
                back[other] = (node, rel)
                if other == goal:
                    chain = []
                    step = back[goal]
                    while step is not None:
                        chain.append(step[1])
                        step = back[step[0]]
                    return tuple(reversed(chain))
                queue.append((other, depth + 1))
        return ()

    def query(self, sparql_or_name: str, **bindings: Any) -> Any:
        """Run a SPARQL query (its text, or the name of a query in ``queries/``) with
        ``bindings`` substituted for variables. The default graph is the merged graph of
        the reports (entities and relations, each triple once); mentions and evidence are
        in each report's own graph, reached with ``GRAPH ?g { ... }``.

        A ``SELECT`` gives a tuple of rows (dicts of typed values,
        :mod:`reportgraph.query.values`: IRIs as :class:`~reportgraph.query.values.IRI`,
        literals with a language tag as :class:`~reportgraph.query.values.LangString`, both
        ``str``; numbers, booleans and dates as Python values), an ``ASK`` a bool, a
        ``CONSTRUCT`` a tuple of ``(s, p, o)``. Bound variables must be
        in the ``SELECT`` list. Queries run on the local graph only: ``SERVICE`` (a network
        call) is refused, and updates are not queries.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> q = '''PREFIX rg: <https://w3id.org/reportgraph/ontology#>
        ... PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        ... SELECT ?member ?alliance ?name WHERE { ?member rg:memberOf ?alliance . ?alliance rdfs:label ?name }'''
        >>> row = g.query(q, member=g.find("县政协"))[0]
        >>> row["name"], row["name"].lang, row["alliance"]
        ('“双帽”七县(市)政协联席会议'@zh, 'zh', <https://w3id.org/reportgraph/id/shuangmao>)
        >>> row["name"] == "“双帽”七县(市)政协联席会议"
        True
        """
        result = self._run(sparql_or_name, bindings)
        if result.kind == "ask":
            return bool(result.boolean)
        rows = (tuple(to_value(t) for t in row) for row in result.rows)
        if result.kind == "select":
            return tuple(dict(zip(result.variables, row)) for row in rows)
        return tuple(rows)

    def _run(self, sparql_or_name: str, bindings: dict[str, Any]) -> Any:
        from reportgraph.query.run import execute, load_query

        text = load_query(sparql_or_name).text if _QUERY_NAME.fullmatch(sparql_or_name) else sparql_or_name
        return execute(self.store, text, bindings={k: _term(v) for k, v in bindings.items()})

    def to_networkx(self) -> nx.MultiDiGraph:
        """The entity graph the exports write: one node per entity (keyed by IRI), one
        edge per relation (keyed by predicate); see :func:`reportgraph.export.entity_graph.entity_graph`.

        >>> from pathlib import Path
        >>> g = ReportGraph.load(Path(__file__).parents[2] / "tests/fixtures/small.trig")
        >>> nxg = g.to_networkx()
        >>> nxg.number_of_nodes(), nxg.number_of_edges()
        (13, 11)
        """
        from reportgraph.export.entity_graph import entity_graph

        return entity_graph(self._entities.values(), self._relations, self._posts)


def _predicate(value: Predicate | str) -> Predicate:
    if isinstance(value, Predicate):
        return value
    try:
        return Predicate(_local(value) or value)
    except ValueError as err:
        names = ", ".join(p.value for p in Predicate)
        raise ValueError(f"unknown predicate {value!r}: use one of {names}") from err


