"""Draw the bundled sample report's entity graph to ``docs/sample-graph.png``.

Usage: ``python examples/draw_sample.py [GRAPH_OR_STORE] [-o docs/sample-graph.png]``
(without a graph it builds the sample). Needs matplotlib and a CJK font (Noto Sans CJK,
WenQuanYi, SimHei, Microsoft YaHei or PingFang; on Debian/Ubuntu
``apt-get install fonts-noto-cjk``).

It draws the largest connected part of the graph with a spring layout started from
the map positions of the administrative areas (longitude east, latitude north), so the
picture keeps a rough geography.
Colours and sizes are the ones the GraphML/GEXF exports give Gephi.
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

SAMPLE = Path(reportgraph.__file__).parent / "data" / "sample" / "daixian-cppcc-report.txt"
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


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A seeded spring layout started from the positions the exports give Gephi (areas on
    the map, everything else next to its neighbours), so the picture keeps a rough
    geography (numpy only, no scipy)."""
    looks = node_looks(g)
    xs, ys = [lk.xy[0] for lk in looks.values()], [lk.xy[1] for lk in looks.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    start = {n: ((lk.xy[0] - cx) / span * 2, (lk.xy[1] - cy) / span * 2) for n, lk in looks.items()}
    simple = nx.Graph(g.to_undirected())
    return nx.spring_layout(simple, pos=start, seed=7, k=1.6 / len(simple) ** 0.5, iterations=300)


def draw(graph: ReportGraph, out: Path) -> Path:
    """Render ``graph`` to ``out`` (PNG)."""
    font = cjk_font()
    g = graph.to_networkx()
    main = max(nx.weakly_connected_components(g), key=lambda c: (len(c), sorted(c)))
    g = g.subgraph(main).copy()  # the largest connected part: the rest would crowd the picture
    looks = node_looks(g)
    pos = layout(g)
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
                                 bbox={"alpha": 0}, connectionstyle="arc3,rad=0.08")
    present = sorted({d["type"] for _, d in g.nodes(data=True)})
    ax.legend(handles=[Line2D([], [], marker="o", linestyle="", markersize=9, color=hex_colour(TYPE_COLOURS[t]),
                              label=t) for t in present], loc="lower left", frameon=False)
    ax.set_title(f"largest connected part: {len(g)} of {len(graph)} entities, {g.number_of_edges()} of "
                 f"{len(graph.relations())} relations"
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
