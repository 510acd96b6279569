#!/usr/bin/env python3
"""Read a newsgraph export with networkx, as a researcher would, and dump
what networkx made of it as JSON on stdout, for the Go tests to check.

    networkx_dump.py graphml FILE   # nx.read_graphml
    networkx_dump.py json FILE      # nx.node_link_graph on the parsed JSON

The dump: {"networkx": version, "class": graph class, "directed": bool,
"multigraph": bool, "nodes": {id: {attr: typed}}, "edges": [[u, v, key,
{attr: typed}]]}, where typed is {"type": the Python type networkx gave the
value (int, float, str, bool, list), "value": the value}: the tests check
both.
"""
import json
import sys

import networkx as nx


def version_tuple(v):
    parts = []
    for p in v.split(".")[:2]:
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "json":
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if version_tuple(nx.__version__) >= (3, 4):
            # networkx 3.4 renamed the default edge list key to "edges";
            # the export keeps D3's and older networkx's "links".
            return nx.node_link_graph(data, edges="links")
        return nx.node_link_graph(data)
    raise SystemExit(f"unknown format {fmt!r}")


def typed(attrs):
    return {k: {"type": type(v).__name__, "value": v} for k, v in attrs.items()}


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    g = read(sys.argv[1], sys.argv[2])
    if g.is_multigraph():
        edges = [[u, v, k, typed(d)] for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edges = [[u, v, None, typed(d)] for u, v, d in g.edges(data=True)]
    json.dump({
        "networkx": nx.__version__,
        "class": type(g).__name__,
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodes": {n: typed(d) for n, d in g.nodes(data=True)},
        "edges": edges,
    }, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
