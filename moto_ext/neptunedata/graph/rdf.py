"""A cluster's RDF data: an rdflib dataset fed by the bulk loader's RDF formats, queried and
updated with SPARQL 1.1 at ``/sparql`` (the Data API has no SPARQL query operation), summarized
for GetRDFGraphSummary.

User guide ("SPARQL HTTP API"): a query is the ``query`` parameter (GET, or a form POST) or an
``application/sparql-query`` body; an update is the ``update`` form parameter or an
``application/sparql-update`` body. Triples without a graph go to Neptune's default named graph
``http://aws.amazon.com/neptune/vocab/v01/DefaultNamedGraph``; a query reads the union of all
graphs. SELECT and ASK answer ``application/sparql-results+json`` unless ``Accept`` asks for XML,
CSV or TSV; CONSTRUCT and DESCRIBE answer N-Triples unless it asks for Turtle, RDF/XML or JSON-LD.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pyparsing import ParseException
from rdflib import RDF, BNode, Dataset, Graph, URIRef

DEFAULT_GRAPH = URIRef("http://aws.amazon.com/neptune/vocab/v01/DefaultNamedGraph")
RDFLIB_FORMATS = {"ntriples": "nt", "nquads": "nquads", "turtle": "turtle", "rdfxml": "xml"}
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
}


@contextmanager
def _quiet() -> Iterator[None]:
    """rdflib's SPARQL parser calls pyparsing names pyparsing 3.3 deprecates: not the user's concern."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


class SparqlError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def parse_quads(data: bytes, load_format: str) -> list[tuple[Any, Any, Any, Any]]:
    """The quads of one feed (``ValueError`` when rdflib cannot read it)."""
    if load_format == "nquads":
        dataset = Dataset()
        dataset.parse(data=data, format="nquads")
        return [
            (s, p, o, g if g != dataset.default_context.identifier else DEFAULT_GRAPH) for s, p, o, g in dataset.quads()
        ]
    graph = Graph()
    try:
        graph.parse(data=data, format=RDFLIB_FORMATS[load_format])
    except Exception as error:  # rdflib raises its parsers' own error types
        raise ValueError(str(error)) from None
    return [(s, p, o, DEFAULT_GRAPH) for s, p, o in graph]


def _media(accept: str | None, table: dict[str, str], default: str) -> tuple[str, str]:
    for media in (accept or "").replace(" ", "").split(","):
        kind = media.split(";")[0]
        if kind in table:
            return kind, table[kind]
    return default, table[default]


def _n3(node: Any) -> str:
    return str(node.n3())


class RdfStore:
    def __init__(self) -> None:
        self.dataset = Dataset(default_union=True)

    def add(self, quads: list[tuple[Any, Any, Any, Any]]) -> None:
        self.dataset.addN((s, p, o, self.dataset.graph(g)) for s, p, o, g in quads)

    def query(self, text: str, accept: str | None) -> tuple[str, bytes]:
        try:
            with _quiet():
                result = self.dataset.query(text)
        except ParseException as error:
            raise SparqlError("malformed", f"The SPARQL query could not be parsed: {error}") from None
        except Exception as error:  # rdflib's evaluation errors
            raise SparqlError("malformed", str(error)) from None
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            media, fmt = _media(accept, GRAPH_FORMATS, "application/n-triples")
            graph = result.graph if result.graph is not None else Graph()
            return media, graph.serialize(format=fmt, encoding="utf-8")
        media, fmt = _media(accept, RESULT_FORMATS, "application/sparql-results+json")
        return media, result.serialize(format=fmt) or b""

    def update(self, text: str) -> None:
        try:
            with _quiet():
                self.dataset.update(text)
        except ParseException as error:
            raise SparqlError("malformed", f"The SPARQL update could not be parsed: {error}") from None
        # rdflib inserts the triples an update names without a graph into a blank-node graph of
        # its own: Neptune puts them in its default named graph
        # (the blank-node graph may also show what the update put in named graphs: left there)
        contexts = list(self.dataset.contexts())
        named = [c for c in contexts if not isinstance(c.identifier, BNode)]
        for context in contexts:
            if isinstance(context.identifier, BNode):
                target = self.dataset.graph(DEFAULT_GRAPH)
                for triple in list(context.triples((None, None, None))):
                    if not any(triple in graph for graph in named if graph.identifier != DEFAULT_GRAPH):
                        target.add(triple)
                self.dataset.remove_graph(context)

    def statements(self) -> set[str]:
        """Every statement as an N-Quads line (the graph left out for the default named graph)."""
        lines = set()
        default = (DEFAULT_GRAPH, self.dataset.default_context.identifier)
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            graph: Any = getattr(g, "identifier", g)
            named = "" if graph in default else f" {graph.n3()}"
            lines.add(" ".join(_n3(node) for node in (s, p, o)) + f"{named} .\n")
        return lines

    def summary(self) -> dict[str, Any]:
        quads = list(self.dataset.quads((None, None, None, None)))
        predicates: Counter[str] = Counter(str(p) for _, p, _, _ in quads)
        classes = sorted({str(o) for _, p, o, _ in quads if p == RDF.type})
        by_subject: dict[Any, set[str]] = {}
        for s, p, _, _ in quads:
            by_subject.setdefault(s, set()).add(str(p))
        structures: Counter[tuple[str, ...]] = Counter(tuple(sorted(preds)) for preds in by_subject.values())
        return {
            "numDistinctSubjects": len(by_subject),
            "numDistinctPredicates": len(predicates),
            "numQuads": len(quads),
            "numClasses": len(classes),
            "classes": classes,
            "predicates": [{predicate: count} for predicate, count in sorted(predicates.items())],
            "subjectStructures": [
                {"count": count, "predicates": list(preds)}
                for preds, count in sorted(structures.items(), key=lambda item: -item[1])
            ],
        }
