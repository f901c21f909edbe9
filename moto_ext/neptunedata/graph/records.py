"""The bulk loader's property-graph formats read into vertex and edge records.

Gremlin CSV (user guide, "Gremlin load data format"): system columns ``~id``, ``~label``
(``;`` separates several labels), ``~from``, ``~to``; property columns ``name:Type``, ``name:Type[]``
(several values, ``;``-separated) or ``name`` (a String); a cardinality suffix ``(single)``/``(set)``
is read and dropped. openCypher CSV ("openCypher load format"): ``:ID`` (``name:ID`` also keeps
``name`` as a property; an ``(IdSpace)`` suffix is dropped), ``:LABEL``, ``:START_ID``, ``:END_ID``,
``:TYPE``. The RDF formats are read by rdflib (rdf.py). An empty cell sets nothing. A file with
``~from``/``~to`` (``:START_ID``/``:END_ID``) holds edges, else vertices. A value that does not
convert to its column's type is an error of its record; the record is not loaded.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from .engine import EdgeRecord, VertexRecord
from .rdf import RDFLIB_FORMATS, parse_quads

_COLUMN = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?P<array>\[\])?(?:\((?P<suffix>[^)]*)\))?)?$")
_INTEGERS = {"byte", "short", "int", "integer", "long"}
_FLOATS = {"float", "double"}
_OPENCYPHER_SYSTEM = {"ID": "id", "LABEL": "label", "START_ID": "from", "END_ID": "to", "TYPE": "label"}


@dataclass
class GraphRecords:
    vertices: list[VertexRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    quads: list[tuple[Any, Any, Any, Any]] = field(default_factory=list)  # the RDF formats' statements


def _convert(value: str, kind: str) -> Any:
    if kind in _INTEGERS:
        return int(value)
    if kind in _FLOATS:
        return float(value)
    if kind in ("bool", "boolean"):
        if value.lower() not in ("true", "false"):
            raise ValueError(f"{value!r} is not a Bool")
        return value.lower() == "true"
    return value  # String, Date, DateTime: kept as their text


def parse(data: bytes, key: str, load_format: str) -> GraphRecords:
    if key.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return GraphRecords()
    if load_format in RDFLIB_FORMATS:
        try:
            return GraphRecords(quads=parse_quads(data, load_format))
        except ValueError as error:
            return GraphRecords(errors=[(0, f"The {load_format} document could not be parsed: {error}")])
    rows = csv.reader(io.StringIO(data.decode("utf-8", errors="replace")))
    header = [column.strip() for column in next(rows, [])]
    if not header:
        return GraphRecords()
    system = {"~id": "id", "~label": "label", "~from": "from", "~to": "to"}
    if load_format == "opencypher":
        system = {}
    roles: list[tuple[str, str, str, bool]] = []  # (role, property name, type, array)
    for column in header:
        match = _COLUMN.match(column)
        if column in system:
            roles.append((system[column], "", "", False))
        elif load_format == "opencypher" and match and (match.group("type") or "").upper() in _OPENCYPHER_SYSTEM:
            roles.append((_OPENCYPHER_SYSTEM[match.group("type").upper()], match.group("name"), "string", False))
        elif match:
            roles.append(
                ("property", match.group("name"), (match.group("type") or "string").lower(), bool(match.group("array")))
            )
        else:
            roles.append(("property", column, "string", False))
    is_edges = any(role == "from" for role, *_ in roles)
    result = GraphRecords()
    for number, row in enumerate(rows, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        record: dict[str, Any] = {"properties": {}}
        try:
            for (role, name, kind, array), cell in zip(roles, row):
                if cell == "":
                    continue
                if role == "property":
                    values = [_convert(part, kind) for part in cell.split(";")] if array else None
                    record["properties"][name] = values if array else _convert(cell, kind)
                else:
                    record[role] = cell
                    if role == "id" and name:
                        record["properties"][name] = cell
        except ValueError as error:
            result.errors.append((number, f"Data type mismatch: {error}"))
            continue
        if is_edges:
            if "from" not in record or "to" not in record:
                result.errors.append((number, "An edge needs its from and to vertex ids."))
                continue
            result.edges.append(
                EdgeRecord(
                    id=record.get("id") or str(uuid.uuid4()),
                    source=record["from"],
                    target=record["to"],
                    label=record.get("label") or "edge",
                    properties=record["properties"],
                    record_number=number,
                )
            )
        elif "id" in record:
            labels = [label for label in record.get("label", "").split(";") if label] or ["vertex"]
            result.vertices.append(VertexRecord(id=record["id"], labels=labels, properties=record["properties"]))
    return result
