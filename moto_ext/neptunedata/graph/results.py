"""Query results in Neptune's wire forms.

openCypher (user guide, "openCypher HTTPS endpoint", JSON results): ``{"results": [row, ...]}``; a
node is ``{"~id", "~entityType": "node", "~labels", "~properties"}``, a relationship
``{"~id", "~entityType": "relationship", "~start", "~end", "~type", "~properties"}``; dates are ISO
text.

Gremlin (TinkerPop's HTTP response, as Neptune answers ``/gremlin``): ``result.data`` holds the
results, serialized by gremlinpython's GraphSON writers: v3 by default (``g:List``), v2 or
untyped v1 JSON when the ``serializer`` (the HTTP ``Accept``) asks for them. [choice] Integers are
``g:Int64`` (Neptune's type for counts and Long properties; the engine keeps 64-bit integers).
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import graphersal
from gremlin_python import statics
from gremlin_python.process.traversal import Direction, T
from gremlin_python.structure import graph as tinkerpop
from gremlin_python.structure.io import graphsonV2d0, graphsonV3d0

from .text import PROPERTY_KEYS

GRAPHSON_V3 = "application/vnd.gremlin-v3.0+json"
GRAPHSON_V2 = "application/vnd.gremlin-v2.0+json"
GRAPHSON_V1 = "application/vnd.gremlin-v1.0+json"
SERIALIZERS = {
    GRAPHSON_V3: 3,
    GRAPHSON_V2: 2,
    GRAPHSON_V1: 1,
    "application/json": 3,
    GRAPHSON_V3 + ";types=false": 1,
    GRAPHSON_V2 + ";types=false": 1,
}


def serializer_version(accept: str | None) -> int | None:
    """The GraphSON version an ``Accept`` value (the ``serializer`` member) asks for: the first
    media type of the list that is served; none given, or ``*/*``, is GraphSON v3."""
    if not accept:
        return 3
    for media in accept.replace(" ", "").split(","):
        kind, *params = media.split(";")
        typed = [p for p in params if p.startswith("types=")]
        if kind in ("*/*", "application/*"):
            return 3
        version = SERIALIZERS.get(";".join([kind, *typed]))
        if version is not None:
            return version
    return None


def _scalar(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, graphersal.Vector):
        return value.tolist()
    return value


def cypher_value(value: Any) -> Any:
    if isinstance(value, graphersal.Vertex):
        return {
            "~id": value.id,
            "~entityType": "node",
            "~labels": list(value.labels),
            "~properties": {k: cypher_value(v) for k, v in value.properties.items()},
        }
    if isinstance(value, graphersal.Edge):
        return {
            "~id": value.id,
            "~entityType": "relationship",
            "~start": value.out_v.id,
            "~end": value.in_v.id,
            "~type": value.label,
            "~properties": {k: cypher_value(v) for k, v in value.properties.items()},
        }
    if isinstance(value, dict):
        return {str(k): cypher_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [cypher_value(v) for v in value]
    return _scalar(value)


def opencypher(rows: list[dict[str, Any]], columns: list[str] | None = None) -> dict[str, Any]:
    """``columns``: the RETURN order the row's keys take (the engine gives them in name order)."""
    order = {name: index for index, name in enumerate(columns or [])}
    ordered = [dict(sorted(row.items(), key=lambda item: order.get(item[0], len(order)))) for row in rows]
    return {"results": [cypher_value(row) for row in ordered]}


def _property(value: dict[str, Any]) -> Any:
    """A property the engine answered as its owner, key and value (text.PROPERTY_KEYS)."""
    owner, key, shown = (value[name] for name in PROPERTY_KEYS)
    if isinstance(owner, graphersal.Edge):
        return tinkerpop.Property(key, _tinkerpop(shown), _tinkerpop(owner))
    return tinkerpop.VertexProperty(f"{owner.id}|{key}", key, _tinkerpop(shown), _tinkerpop(owner))


def with_tokens(value: Any) -> Any:
    """Maps of an elementMap / ``valueMap(true)`` keyed by TinkerPop's ``T.id``/``T.label`` and an
    edge's ``Direction.IN``/``OUT``, as TinkerPop answers them."""
    if isinstance(value, list):
        return [with_tokens(item) for item in value]
    if not (isinstance(value, dict) and "id" in value and "label" in value):
        return value
    keys = {"id": T.id, "label": T.label, "IN": Direction.IN, "OUT": Direction.OUT}
    return {keys.get(k, k): with_tokens(v) if k in ("IN", "OUT") else v for k, v in value.items()}


def _is_property(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == set(PROPERTY_KEYS)


def _tinkerpop(value: Any) -> Any:
    """Engine values as gremlinpython's structure types, which its GraphSON writers know."""
    if _is_property(value):
        return _property(value)
    if isinstance(value, graphersal.Vertex):
        return tinkerpop.Vertex(value.id, value.label or "vertex")
    if isinstance(value, graphersal.Edge):
        return tinkerpop.Edge(
            value.id,
            tinkerpop.Vertex(value.out_v.id, value.out_v.label or "vertex"),
            value.label or "edge",
            tinkerpop.Vertex(value.in_v.id, value.in_v.label or "vertex"),
        )
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return statics.long(value)
    if isinstance(value, dict):
        return {_tinkerpop(k): _tinkerpop(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_tinkerpop(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value  # g:Date
    return _scalar(value)


def _untyped(value: Any) -> Any:
    if _is_property(value):
        value = _property(value)
    if isinstance(value, tinkerpop.VertexProperty):
        return {"id": value.id, "value": _untyped(value.value), "label": value.label}
    if isinstance(value, tinkerpop.Property):
        return {"key": value.key, "value": _untyped(value.value)}
    if isinstance(value, graphersal.Vertex):
        return {"id": value.id, "label": value.label, "type": "vertex"}
    if isinstance(value, graphersal.Edge):
        return {
            "id": value.id,
            "label": value.label,
            "type": "edge",
            "inV": value.in_v.id,
            "outV": value.out_v.id,
            "inVLabel": value.in_v.label,
            "outVLabel": value.out_v.label,
        }
    if isinstance(value, dict):
        return {_untyped_key(k): _untyped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_untyped(v) for v in value]
    return _scalar(value)


def _untyped_key(key: Any) -> str:
    """A JSON object key: T.id is "id", an element its id."""
    if isinstance(key, str):
        return key
    if isinstance(key, (graphersal.Vertex, graphersal.Edge)):
        return str(key.id)
    return str(getattr(key, "name", key))


def graphson(results: list[Any], version: int) -> Any:
    if version == 1:
        return json.loads(json.dumps(_untyped(results)))
    if version == 3:
        return graphsonV3d0.GraphSONWriter().to_dict(_tinkerpop(results))
    return graphsonV2d0.GraphSONWriter().to_dict(_string_keys(_tinkerpop(results)))


def _string_keys(value: Any) -> Any:
    """GraphSON 2 writes maps as JSON objects: their keys are text (TinkerPop's own writer does so)."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else _key_text(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def _key_text(key: Any) -> str:
    if isinstance(key, (tinkerpop.Vertex, tinkerpop.Edge)):
        return str(key.id)
    return str(getattr(key, "name", key))


def gremlin_response(results: list[Any], version: int, request_id: str) -> dict[str, Any]:
    empty_map: Any = {"@type": "g:Map", "@value": []} if version == 3 else {}
    return {
        "requestId": request_id,
        "status": {"message": "", "code": 200, "attributes": empty_map},
        "result": {"data": graphson(results, version), "meta": empty_map},
    }
