"""The embedded engine that holds a cluster's property graph and answers its queries.

Chosen by measure (benchmarks/bench_graph.py --evaluate; tests/neptunedata/conformance.py: 29
openCypher and 23 Gremlin cases in the style of the user guide's air-routes examples), 2026-11-30:

=====================  ===================  =================  ================  ==========================
engine                 openCypher           Gremlin            installed         10k nodes + 30k edges:
                       pass/typed error/    pass/typed error/                    load; 2-hop query
                       silent wrong         silent wrong
=====================  ===================  =================  ================  ==========================
graphersal 0.3.0       29 / 0 / 0 (GQL)     23 / 0 / 0         36 MB             1.6-2.2 s; 0.5 ms Gremlin,
(Rust, embedded)                            (18 / 5 / 0 raw)   (11.8 MB wheel)   1.4-6 ms openCypher
graphqlite 0.12.0      29 / 0 / 0           --                 1.4 MB + apsw     6-8.5 s (one statement a
(SQLite extension)     (needs apsw here)                       11 MB             row); 0.3 ms
kuzu 0.11.3            24 / 4 / 1           --                 21 MB             26-29 s (row by row); 4 ms
nxcypher 1.1.4         21 / 2 / 6           --                 2.7 MB + lark     0.3-0.5 s; 26 ms
grand-cypher 1.2.0     2 / 27 / 0           --                 0.9 MB + lark     --
gremlinpython 3.7.2    --                   no engine: GraphSON readers/writers only
=====================  ===================  =================  ================  ==========================

graphersal is the only candidate that answers both languages on ONE graph (a write in either is
seen by the other), with no silent wrong answer; what it cannot run it refuses with a status
(GQLSTATUS 0A000, "not supported") that maps to UnsupportedOperationException. graphqlite ties on
openCypher but needs a second store for Gremlin (and apsw: this Python's sqlite3 cannot load
extensions); kuzu needs a table schema per label (no schema-less nodes, one label per node; its
wrong answer: labels() as a string), and its last release is 0.11.3 (2025-10); nxcypher answers
6 of 29 wrong without an error; grand-cypher reads no single-quoted strings, no count(), no
writes. gremlinpython's GraphSON writers serialize the results (results.py).

Known differences, by the engine's design: a property holds one value (Cardinality.set/list in a
query is refused; a loaded list property is one list value); integers are 64-bit; ids the engine
generates (addV, CREATE without an id) are its sequence numbers, not UUIDs. Gremlin text is rewritten into
the engine's dialect first (text.py), and results are put back into TinkerPop's types (property
objects, T.id/T.label map keys: results.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import graphersal

from . import text
from .errors import QueryError


@dataclass
class VertexRecord:
    id: str
    labels: list[str]
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class EdgeRecord:
    id: str
    source: str
    target: str
    label: str
    properties: dict[str, Any] = field(default_factory=dict)
    record_number: int = 0


class GraphEngine(Protocol):
    """What the backend needs from an engine; another engine fits behind these methods."""

    def add_vertices(self, vertices: list[VertexRecord], *, update_single: bool) -> None: ...

    def add_edges(self, edges: list[EdgeRecord]) -> list[EdgeRecord]:
        """Adds the edges; answers those whose end vertices do not exist (not added)."""
        ...

    def opencypher(self, query: str, parameters: dict[str, Any]) -> list[dict[str, Any]]: ...

    def gremlin(self, query: str) -> list[Any]: ...

    def profile(self, query: str) -> dict[str, Any]:
        """Runs a Gremlin traversal for its per-step metrics."""
        ...

    def elements(self) -> tuple[list[Any], list[Any]]:
        """Every vertex and every edge (for summaries)."""
        ...

    def reset(self) -> None: ...


# --- the graphersal engine -------------------------------------------------------------------------

_ADD_VERTICES = """
let rows = parse_json(s);
for r in rows {
  if g.V(r.id).count().next() == 0 {
    let t = g.addV(r.label).property(T.id, r.id);
    for k in r.props.keys() { t = t.property(k, r.props[k]); }
    t.iterate();
  } else {
    for k in r.props.keys() {
      if r.update || g.V(r.id).has(k).count().next() == 0 { g.V(r.id).property(k, r.props[k]).iterate(); }
    }
  }
}
"""

_ADD_EDGES = """
let rows = parse_json(s);
let missing = [];
for r in rows {
  if g.E(r.id).count().next() > 0 {
    for k in r.props.keys() { g.E(r.id).property(k, r.props[k]).iterate(); }
  } else if g.V(r.from).count().next() == 0 || g.V(r.to).count().next() == 0 {
    missing.push(r.n);
  } else {
    let t = g.V(r.from).addE(r.label).to(__.V(r.to)).property(T.id, r.id);
    for k in r.props.keys() { t = t.property(k, r.props[k]); }
    t.iterate();
  }
}
missing
"""

#: what a query may do: everything but touch files (no Neptune query reads the server's disk)
QUERY_POLICY = graphersal.AccessPolicy.allow_all().deny("*", "file")
BATCH = 5000  # rows per load script: the engine bounds a script's arrays and maps
_TERMINAL = re.compile(r"\.(toList|next|iterate|toSet)\(\)\s*;?$")
_GQLSTATUS = re.compile(r"GQLSTATUS: (\w+)")
_UNSUPPORTED = ("not supported", "unsupported")
_MALFORMED = ("syntax error", "not found", "unexpected", "invalid", "expected")


def _classify(error: Exception) -> QueryError:
    message = str(error)
    first_line = message.splitlines()[0] if message else type(error).__name__
    lines = [line.strip() for line in message.splitlines() if line.strip().startswith("Caused by:")]
    detail = lines[-1].removeprefix("Caused by:").strip() if lines else first_line.removeprefix("Error: ")
    status = _GQLSTATUS.search(message)
    lowered = message.lower()
    if (status and status.group(1) == "0A000") or any(word in lowered for word in _UNSUPPORTED):
        return QueryError("unsupported", detail)
    if (status and status.group(1).startswith("42")) or any(word in lowered for word in _MALFORMED):
        return QueryError("malformed", detail)
    return QueryError("constraint", detail)


class GraphersalEngine:
    def __init__(self) -> None:
        self.graph = graphersal.Graph()

    def reset(self) -> None:
        self.graph = graphersal.Graph()

    def _run(self, script: str, params: dict[str, Any] | None = None) -> Any:
        try:
            return self.graph.execute(script, params, policy=QUERY_POLICY)
        except graphersal.GraphersalError as error:
            raise _classify(error) from None

    def add_vertices(self, vertices: list[VertexRecord], *, update_single: bool) -> None:
        rows = [
            {"id": v.id, "label": v.labels[0] if v.labels else "vertex", "props": v.properties, "update": update_single}
            for v in vertices
        ]
        for start in range(0, len(rows), BATCH):
            self._run(_ADD_VERTICES, {"s": json.dumps(rows[start : start + BATCH], default=str)})
        for vertex in vertices:
            for extra in vertex.labels[1:]:
                label = extra.replace("`", "``")
                self._run(
                    "g.gql(q, #{i: i})", {"q": f"MATCH (n) WHERE elementId(n) = $i SET n:`{label}`", "i": vertex.id}
                )

    def add_edges(self, edges: list[EdgeRecord]) -> list[EdgeRecord]:
        rows = [
            {"id": e.id, "from": e.source, "to": e.target, "label": e.label, "props": e.properties, "n": n}
            for n, e in enumerate(edges)
        ]
        missing: list[int] = []
        for start in range(0, len(rows), BATCH):
            missing += self._run(_ADD_EDGES, {"s": json.dumps(rows[start : start + BATCH], default=str)}) or []
        return [edges[n] for n in missing]

    def opencypher(self, query: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        rows = self._run(
            "let p = parse_json(s); g.gql(q, p)", {"q": text.opencypher(query), "s": json.dumps(parameters)}
        )
        return list(rows or [])

    def gremlin(self, query: str) -> list[Any]:
        result = self._run(text.gremlin(query))
        if result is None:
            return []
        return result if isinstance(result, list) else [result]

    def profile(self, query: str) -> dict[str, Any]:
        traversal = _TERMINAL.sub("", text.gremlin(query).strip())
        found = self._run(traversal + ".profile()")
        return found[0] if isinstance(found, list) and found else dict(found or {})

    def elements(self) -> tuple[list[Any], list[Any]]:
        return list(self._run("g.V()") or []), list(self._run("g.E()") or [])


def new_engine() -> GraphEngine:
    return GraphersalEngine()
