"""reportgraph: Chinese government work reports → a queryable knowledge graph.

The public surface is re-exported here and imported lazily, so ``reportgraph --help``
does not pay for spaCy or rdflib.

>>> import reportgraph
>>> "ReportGraph" in reportgraph.__all__
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "EntityType": "model",
    "Predicate": "model",
    "Report": "model",
    "Extraction": "model",
    "Mention": "model",
    "Sentence": "model",
    "ReportGraphError": "errors",
    "InputError": "errors",
    "OutputError": "errors",
    "QueryError": "errors",
    "StoreError": "errors",
    "read_report": "read.report",
    "report_from_text": "read.report",
    "load_pipeline": "extract",
    "extract_report": "extract",
    "extract_path": "extract",
    "extract_text": "extract",
    "ReportGraph": "api",
    "Entity": "api",
    "Relation": "api",
    "Evidence": "api",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reportgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
