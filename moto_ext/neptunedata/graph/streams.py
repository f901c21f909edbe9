"""Neptune Streams: the change log of a cluster's graph, read with GetPropertygraphStream
(``PG_JSON`` records) and GetSparqlStream (``NQUADS`` records).

User guide ("Neptune Streams API response format", "Serialization formats", examples): each
committed write is a commit (``commitNum``) of one or more operations (``opNum`` from 1), each an
``ADD`` or ``REMOVE`` of a vertex label (``vl``), vertex property (``vp``), edge (``e``) or edge
property (``ep``), or of an N-Quads statement; the last operation of a commit has ``isLastOp``.
Readers start ``AT_SEQUENCE_NUMBER`` or ``AFTER_SEQUENCE_NUMBER`` a (commitNum, opNum), at the
``TRIM_HORIZON`` (the first record) or at the ``LATEST`` record; ``limit`` (default 10) bounds the
records answered.

[choice] Streams are off until a test turns them on for a cluster (``backend.enable_streams``;
Neptune turns them on with the cluster parameter ``neptune_streams=1``); a read while they are off
is UnsupportedOperationException. A write's records are the difference of the graph before and
after it, so one request is one commit (a changed property is a REMOVE of the old value and an
ADD of the new one). Records are answered uncompressed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import InvalidParameterException, StreamRecordsNotFoundException

ITERATORS = {"AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST"}
DEFAULT_LIMIT = 10

Snapshot = tuple[dict[str, Any], dict[str, Any]]


def _data_type(value: Any) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer" if -(2**31) <= value < 2**31 else "Long"
    if isinstance(value, float):
        return "Double"
    return "String"


def _typed(value: Any) -> dict[str, Any]:
    return {"value": value, "dataType": _data_type(value)}


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def pg_snapshot(vertices: list[Any], edges: list[Any]) -> Snapshot:
    return (
        {v.id: (tuple(v.labels), dict(v.properties)) for v in vertices},
        {e.id: (e.label, e.out_v.id, e.in_v.id, dict(e.properties)) for e in edges},
    )


def pg_changes(before: Snapshot, after: Snapshot) -> list[tuple[str, dict[str, Any]]]:
    """(op, data) records that take the graph from ``before`` to ``after``."""
    changes: list[tuple[str, dict[str, Any]]] = []
    (old_vertices, old_edges), (new_vertices, new_edges) = before, after

    def properties(element_id: str, kind: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        for key in sorted(set(old) | set(new)):
            if old.get(key) == new.get(key):
                continue
            for value in _values(old[key]) if key in old else []:
                changes.append(("REMOVE", {"id": element_id, "type": kind, "key": key, "value": _typed(value)}))
            for value in _values(new[key]) if key in new else []:
                changes.append(("ADD", {"id": element_id, "type": kind, "key": key, "value": _typed(value)}))

    def edge(op: str, edge_id: str, shape: tuple[Any, ...]) -> None:
        label, source, target, _ = shape
        data = {"id": edge_id, "type": "e", "key": "label", "value": _typed(label), "from": source, "to": target}
        changes.append((op, data))

    for edge_id in [e for e in old_edges if e not in new_edges]:
        properties(edge_id, "ep", old_edges[edge_id][3], {})
        edge("REMOVE", edge_id, old_edges[edge_id])
    for vertex_id, (labels, props) in new_vertices.items():
        old_labels, old_props = old_vertices.get(vertex_id, ((), {}))
        for label in labels:
            if label not in old_labels:
                changes.append(("ADD", {"id": vertex_id, "type": "vl", "key": "label", "value": _typed(label)}))
        properties(vertex_id, "vp", old_props, props)
        for label in old_labels:
            if label not in labels:
                changes.append(("REMOVE", {"id": vertex_id, "type": "vl", "key": "label", "value": _typed(label)}))
    for vertex_id in [v for v in old_vertices if v not in new_vertices]:
        labels, props = old_vertices[vertex_id]
        properties(vertex_id, "vp", props, {})
        for label in labels:
            changes.append(("REMOVE", {"id": vertex_id, "type": "vl", "key": "label", "value": _typed(label)}))
    for edge_id, shape in new_edges.items():
        if edge_id not in old_edges:
            edge("ADD", edge_id, shape)
            properties(edge_id, "ep", {}, shape[3])
        else:
            properties(edge_id, "ep", old_edges[edge_id][3], shape[3])
    return changes


def rdf_changes(before: set[str], after: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """N-Quads statements removed, then added."""
    return [("REMOVE", {"stmt": s}) for s in sorted(before - after)] + [
        ("ADD", {"stmt": s}) for s in sorted(after - before)
    ]


@dataclass
class Stream:
    format: str  # PG_JSON or NQUADS
    records: list[dict[str, Any]] = field(default_factory=list)
    commits: int = 0

    def commit(self, changes: list[tuple[str, dict[str, Any]]]) -> None:
        if not changes:
            return
        self.commits += 1
        stamp = int(time.time() * 1000)
        for number, (op, data) in enumerate(changes, start=1):
            record: dict[str, Any] = {
                "commitTimestampInMillis": stamp,
                "eventId": {"commitNum": self.commits, "opNum": number},
                "data": data,
                "op": op,
            }
            if number == len(changes):
                record["isLastOp"] = True
            self.records.append(record)

    def read(
        self,
        limit: int | None = None,
        iterator_type: str | None = None,
        commit_num: int | None = None,
        op_num: int | None = None,
    ) -> dict[str, Any]:
        iterator_type = iterator_type or "AT_SEQUENCE_NUMBER"
        if iterator_type not in ITERATORS:
            raise InvalidParameterException(f"Invalid iteratorType {iterator_type}.")
        limit = limit or DEFAULT_LIMIT
        if not 1 <= limit <= 100000:
            raise InvalidParameterException("limit must be from 1 to 100000.")
        if iterator_type == "TRIM_HORIZON":
            start = 0
        elif iterator_type == "LATEST":
            start = max(len(self.records) - 1, 0)
        else:
            if commit_num is None:
                raise InvalidParameterException(f"commitNum is required with the iteratorType {iterator_type}.")
            position = (commit_num, op_num or 1)
            keys = [(r["eventId"]["commitNum"], r["eventId"]["opNum"]) for r in self.records]
            if iterator_type == "AT_SEQUENCE_NUMBER":
                start = next((i for i, key in enumerate(keys) if key >= position), len(keys))
            else:
                start = next((i for i, key in enumerate(keys) if key > position), len(keys))
        shown = self.records[start : start + limit]
        if not shown:
            raise StreamRecordsNotFoundException("No stream records were found for the requested position.")
        return {
            "lastEventId": dict(shown[-1]["eventId"]),
            "lastTrxTimestampInMillis": shown[-1]["commitTimestampInMillis"],
            "format": self.format,
            "records": shown,
            "totalRecords": len(shown),
        }
