"""People's posts and the report's date as RDF.

A post is a W3C ORG membership (``org:Membership`` with ``org:member`` the person,
``org:organization`` the body when it is an entity of the report, ``org:role`` the role);
a role is a SKOS concept with its Chinese label (``skos:prefLabel "副主席"@zh``); a body named
only through the role (县长 → 某县人民政府) is kept by name (``rg:organizationName``). The
membership's IRI is minted from the person, the body and the role, so the same post stated
by two reports is one node; its evidence (``rg:evidence``, the report's evidence nodes, named
below the report's IRI, that relations use too) ties it to the reports, and so to their
years (``dcterms:date``).
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from reportgraph.model import Evidence, Extraction, Post
from reportgraph.rdf.iri import _minted, _sha
from reportgraph.rdf.vocab import DCTERMS, ORG, RDF, SKOS, XSD, rg

_TYPE, _PREF = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SKOS.prefLabel))
_MEMBERSHIP, _MEMBER = ox.NamedNode(str(ORG.Membership)), ox.NamedNode(str(ORG.member))
_ORGANIZATION, _ROLE = ox.NamedNode(str(ORG.organization)), ox.NamedNode(str(ORG.role))
_CONCEPT, _ORG_ROLE = ox.NamedNode(str(SKOS.Concept)), ox.NamedNode(str(ORG.Role))
_ORG_NAME = ox.NamedNode(str(rg("organizationName")))
_EVIDENCE = ox.NamedNode(str(rg("evidence")))
_DATE = ox.NamedNode(str(DCTERMS.date))

Add = Callable[[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"], None]


def date_literal(date: str) -> ox.Literal:
    """``2021-01-06`` as an ``xsd:date``, ``2021`` as an ``xsd:gYear``."""
    kind = XSD.date if len(date) == 10 else XSD.gYear
    return ox.Literal(date, datatype=ox.NamedNode(str(kind)))


def add_date(add: Add, report: ox.NamedNode, x: Extraction) -> None:
    """The report's ``dcterms:date``, when the reader found one."""
    if x.report.date:
        add(report, _DATE, date_literal(x.report.date))


def role_iri(base_iri: str, role: str) -> ox.NamedNode:
    """The SKOS concept of a role: ``{base}role/副主席``."""
    return _minted(base_iri, ("role", role))


def membership_iri(base_iri: str, person: ox.NamedNode, body: str, role: str) -> ox.NamedNode:
    """One node per (person, body, role), whichever report states it."""
    return _minted(base_iri, ("membership", _sha(person.value, body, role)))


def add_posts(add: Add, evidence_node: Callable[[Evidence], ox.NamedNode], base_iri: str,
              posts: tuple[Post, ...], iri_of: Callable[[str, str], ox.NamedNode]) -> None:
    """Each post as an ``org:Membership`` with its role concept and evidence (the node
    ``evidence_node`` gives, written once per report)."""
    for p in posts:
        person = iri_of(p.person, "post person")
        org = iri_of(p.organization, "post organization") if p.organization else None
        body = org.value if org is not None else (p.organization_name or "")
        node = membership_iri(base_iri, person, body, p.role)
        role = role_iri(base_iri, p.role)
        add(node, _TYPE, _MEMBERSHIP)
        add(node, _MEMBER, person)
        if org is not None:
            add(node, _ORGANIZATION, org)
        elif p.organization_name:
            add(node, _ORG_NAME, ox.Literal(p.organization_name, language="zh"))
        add(node, _ROLE, role)
        add(role, _TYPE, _CONCEPT)
        add(role, _TYPE, _ORG_ROLE)
        add(role, _PREF, ox.Literal(p.role, language="zh"))
        for ev in p.evidence:
            add(node, _EVIDENCE, evidence_node(ev))
