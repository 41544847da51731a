"""Extractions to RDF: the vocabulary from the ontology, the mapping that mints every IRI."""
