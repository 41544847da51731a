"""Draw the bundled sample report's entity graph to ``docs/sample-graph.png``.

Usage: ``python examples/draw_sample.py [GRAPH_OR_STORE] [-o docs/sample-graph.png]``
(without a graph it builds the sample). Needs matplotlib and a CJK font (Noto Sans CJK,
WenQuanYi, SimHei, Microsoft YaHei or PingFang; on Debian/Ubuntu
``apt-get install fonts-noto-cjk``).

It draws every entity where the exports put it (the default layout,
:func:`reportgraph.export.layout.force_layout`: force-directed, administrative areas fixed
at their map position), with the colours and sizes the GraphML/GEXF exports give Gephi.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

import reportgraph  # noqa: E402
from reportgraph import ReportGraph  # noqa: E402
from reportgraph.export.style import TYPE_COLOURS, hex_colour, node_looks  # noqa: E402

SAMPLE = Path(reportgraph.__file__).parent / "sample" / "daixian-cppcc-report.txt"
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC")


def cjk_font() -> str:
    """The first installed font that has Chinese glyphs."""
    for attempt in range(2):
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for name in CJK_FONTS:
            if name in installed:
                return name
        if attempt == 0:  # fonts installed after matplotlib built its cache: add them directly
            for folder in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts")):
                for pattern in ("NotoSansCJK*", "SourceHanSans*", "wqy*", "simhei*", "msyh*"):
                    for path in sorted(Path(folder).rglob(pattern)) if Path(folder).is_dir() else ():
                        font_manager.fontManager.addfont(str(path))
    sys.exit("no CJK font found: install one (e.g. apt-get install fonts-noto-cjk) and retry")


def draw(graph: ReportGraph, out: Path) -> Path:
    """Render ``graph`` to ``out`` (PNG)."""
    font = cjk_font()
    g = graph.to_networkx()
    looks = node_looks(g)  # the default layout the exports write (GraphML, GEXF, JSON, HTML)
    pos = {n: lk.xy for n, lk in looks.items()}
    fig, ax = plt.subplots(figsize=(16, 12), dpi=110)
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#9a9a9a", width=0.8, arrowsize=9, alpha=0.8,
                           connectionstyle="arc3,rad=0.08", node_size=[looks[n].size * 14 for n in g])
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[looks[n].size * 14 for n in g],
                           node_color=[hex_colour(looks[n].colour) for n in g], linewidths=0.6,
                           edgecolors="white")
    nx.draw_networkx_labels(g, pos, ax=ax, labels={n: d["label"] for n, d in g.nodes(data=True)},
                            font_family=font, font_size=8.5, verticalalignment="bottom")
    edge_labels = {(u, v): k for u, v, k in g.edges(keys=True)}
    nx.draw_networkx_edge_labels(g, pos, ax=ax, edge_labels=edge_labels, font_size=6.5, font_color="#555555",
                                 font_family=font,
                                 bbox={"alpha": 0}, connectionstyle="arc3,rad=0.08")
    present = sorted({d["type"] for _, d in g.nodes(data=True)})
    ax.legend(handles=[Line2D([], [], marker="o", linestyle="", markersize=9, color=hex_colour(TYPE_COLOURS[t]),
                              label=t) for t in present], loc="lower left", frameon=False)
    ax.set_title(f"the exports' default layout: {len(g)} entities, {g.number_of_edges()} relations"
                 " — sample report (代县政协常委会工作报告)",
                 fontfamily=font, fontsize=13)
    ax.set_axis_off()
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata={"Software": None})
    plt.close(fig)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", help="graph file or store (default: build the bundled sample)")
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).parents[1] / "docs" / "sample-graph.png")
    args = parser.parse_args()
    graph = ReportGraph.load(args.graph) if args.graph else ReportGraph.build([SAMPLE])
    print(draw(graph, args.output))


if __name__ == "__main__":
    main()
