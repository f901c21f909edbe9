"""The DFE statistics of a cluster's property graph, and the graph summary drawn from them.

User guide ("Managing statistics for the Neptune DFE", "Getting a quick summary report"): the
summary is read from the statistics, and is available whenever statistics are; statistics are on
by default and regenerated automatically unless auto-compute is disabled; ``refresh`` computes
them at once; deleting them makes the summary unavailable (StatisticsNotAvailableException).

[choice] Auto-compute regenerates the statistics on every read, so a summary is always current
while it is on; with it off, reads see the last computation. Deleted statistics stay deleted
until a ``refresh``. A statistics id is the computation time in milliseconds, as text.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


@dataclass
class Statistics:
    #: the summary members only the detailed mode shows
    structures: tuple[str, ...] = ("nodeStructures", "edgeStructures")
    auto_compute: bool = True
    deleted: bool = False
    statistics_id: str | None = None
    computed: datetime | None = None
    summary: dict[str, Any] = field(default_factory=dict)  # the detailed summary of the last computation
    signature_info: dict[str, int] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.statistics_id is not None and not self.deleted

    def compute(self, summary: dict[str, Any], signature_info: dict[str, int]) -> None:
        millis = int(time.time() * 1000)
        self.statistics_id = str(millis)
        self.computed = datetime.fromtimestamp(millis // 1000, timezone.utc)
        self.summary = summary
        self.signature_info = signature_info
        self.deleted = False

    def delete(self) -> None:
        self.deleted = True

    def to_dict(self) -> dict[str, Any]:
        """The ``payload`` of Get(Propertygraph|Sparql)Statistics."""
        if not self.active:
            return {"autoCompute": self.auto_compute, "active": False}
        return {
            "autoCompute": self.auto_compute,
            "active": True,
            "statisticsId": self.statistics_id,
            "date": self.computed,
            "signatureInfo": dict(self.signature_info),
        }

    def to_summary(self, detailed: bool) -> dict[str, Any]:
        """The ``payload`` of GetPropertygraphSummary / GetRDFGraphSummary."""
        shown = {k: v for k, v in self.summary.items() if detailed or k not in self.structures}
        return {"version": "v1", "lastStatisticsComputationTime": self.computed, "graphSummary": shown}


def pg_snapshot(vertices: list[Any], edges: list[Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """The property graph's detailed summary and signature figures (characteristic sets: the
    distinct node shapes; predicates: property keys and edge labels)."""
    summary = graph_summary(vertices, edges)
    return summary, {
        "signatureCount": len(summary["nodeStructures"]),
        "instanceCount": summary["numNodes"],
        "predicateCount": summary["numNodeProperties"] + summary["numEdgeLabels"],
    }


def rdf_snapshot(summary: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    return summary, {
        "signatureCount": len(summary["subjectStructures"]),
        "instanceCount": summary["numDistinctSubjects"],
        "predicateCount": summary["numDistinctPredicates"],
    }


def graph_summary(vertices: list[Any], edges: list[Any]) -> dict[str, Any]:
    node_labels: Counter[str] = Counter(label for v in vertices for label in v.labels)
    edge_labels: Counter[str] = Counter(e.label for e in edges)
    node_properties: Counter[str] = Counter(key for v in vertices for key in v.properties)
    edge_properties: Counter[str] = Counter(key for e in edges for key in e.properties)
    return {
        "numNodes": len(vertices),
        "numEdges": len(edges),
        "numNodeLabels": len(node_labels),
        "numEdgeLabels": len(edge_labels),
        "nodeLabels": sorted(node_labels),
        "edgeLabels": sorted(edge_labels),
        "numNodeProperties": len(node_properties),
        "numEdgeProperties": len(edge_properties),
        "nodeProperties": [{key: count} for key, count in sorted(node_properties.items())],
        "edgeProperties": [{key: count} for key, count in sorted(edge_properties.items())],
        "totalNodePropertyValues": sum(node_properties.values()),
        "totalEdgePropertyValues": sum(edge_properties.values()),
        "nodeStructures": _node_structures(vertices, edges),
        "edgeStructures": _edge_structures(edges),
    }


def _node_structures(vertices: list[Any], edges: list[Any]) -> list[dict[str, Any]]:
    outgoing: dict[str, set[str]] = {}
    for edge in edges:
        outgoing.setdefault(edge.out_v.id, set()).add(edge.label)
    shapes: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter(
        (tuple(sorted(v.properties)), tuple(sorted(outgoing.get(v.id, ())))) for v in vertices
    )
    return [
        {"count": count, "nodeProperties": list(props), "distinctOutgoingEdgeLabels": list(labels)}
        for (props, labels), count in sorted(shapes.items(), key=lambda item: -item[1])
    ]


def _edge_structures(edges: list[Any]) -> list[dict[str, Any]]:
    shapes: Counter[tuple[str, ...]] = Counter(tuple(sorted(e.properties)) for e in edges)
    return [
        {"count": count, "edgeProperties": list(props)}
        for props, count in sorted(shapes.items(), key=lambda item: -item[1])
    ]
