"""Who is in the “双帽” alliance? Three lines of Python over the sample report's graph.

Usage: ``python examples/alliance_members.py [GRAPH_OR_STORE]``; without an argument it
builds the bundled sample first (a few seconds). With a graph written by
``reportgraph build`` (``out/graph.ttl``, ``out/graph.trig`` or a store directory), the
three lines are::

    g = ReportGraph.load("out/graph.ttl")
    alliance = g.search("双帽", type="Organization")[0]
    print([e.name for e in g.neighbors(alliance, predicate="memberOf", direction="in")])
"""

from __future__ import annotations

import sys
from pathlib import Path

import reportgraph
from reportgraph import ReportGraph
from reportgraph.api import format_path

SAMPLE = Path(reportgraph.__file__).parent / "data" / "sample" / "daixian-cppcc-report.txt"

if __name__ == "__main__":
    g = ReportGraph.load(sys.argv[1]) if len(sys.argv) > 1 else ReportGraph.build([SAMPLE])

    alliance = g.search("双帽", type="Organization")[0]
    print([e.name for e in g.neighbors(alliance, predicate="memberOf", direction="in")])

    # and how two members are connected, arrow by arrow
    members = g.neighbors(alliance, predicate="memberOf", direction="in")
    if len(members) >= 2:
        print(format_path(g.path(members[-1], members[0])))
