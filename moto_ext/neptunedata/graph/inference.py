"""Neptune ML's Gremlin inference queries, answered from the mock's inference endpoints.

User guide ("Gremlin inference queries in Neptune ML", "Neptune ML predicates"): the traversal
source names the endpoint and options with ``with("Neptune#ml.endpoint", <id or invocation
URL>)``, ``Neptune#ml.iamRoleArn``, ``Neptune#ml.limit`` (results per entity, default 1, at most
100) and ``Neptune#ml.threshold`` (scores below it are dropped); then

- node / edge classification: ``V(ids)`` or ``E(ids)`` ``.properties("key")`` (``, "Neptune#ml.score"``
  adds each result's score) ``.with("Neptune#ml.classification")``, answering property objects
  (``vp[genre->Action]``), or their values with a trailing ``.value()``;
- node / edge regression: the same with ``Neptune#ml.regression``;
- link prediction: ``V(ids).out("label")`` (or ``in``) ``.with("Neptune#ml.prediction")``, optionally
  ``.hasLabel("label")``, then vertices, or ``.id()`` / ``.values("key")`` of them.

Predictions are the test's (``backend.set_ml_predictions``), else stand-ins derived from the
graph: a class is the entity's own value of the key, else the key's most common value in the
graph; a regression is the key's mean over the graph; predicted links are the vertices (of the
label asked) not yet linked, in id order. A form outside these answers UnsupportedOperationException.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gremlin_python.structure import graph as tinkerpop

from ..exceptions import BadRequestException, UnsupportedOperationException

ML_MARKER = "Neptune#ml."
_CALL = re.compile(r"\.?\s*(\w+)\s*\(([^()]*)\)")
_ARGUMENT = re.compile(r"""\s*("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[-+]?\d+(?:\.\d+)?[dDfFlL]?)\s*(?:,|$)""")
TASKS = {"Neptune#ml.classification", "Neptune#ml.regression", "Neptune#ml.prediction"}


def is_inference(query: str) -> bool:
    return any(task in query for task in TASKS)


@dataclass
class InferenceQuery:
    options: dict[str, Any] = field(default_factory=dict)
    element: str = "V"  # V or E
    ids: list[str] = field(default_factory=list)
    task: str = ""
    key: str = ""  # the property of a classification / regression
    with_score: bool = False
    direction: str = ""  # out / in of a link prediction
    edge_label: str = ""
    target_label: str | None = None
    tail: tuple[str, list[Any]] | None = None  # value() / id() / values("k")


def _arguments(text: str) -> list[Any]:
    values: list[Any] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _ARGUMENT.match(text, position)
        if not match:
            raise UnsupportedOperationException(f"Unsupported argument in a Neptune ML inference query: {text}")
        token = match.group(1)
        if token[0] in "'\"":
            values.append(re.sub(r"\\(.)", r"\1", token[1:-1]))
        else:
            number = token.rstrip("dDfFlL")
            values.append(float(number) if "." in number or token[-1] in "dDfF" else int(number))
        position = match.end()
    return values


def parse(query: str) -> InferenceQuery:
    text = re.sub(r"\s+", " ", query.strip())
    if not text.startswith("g"):
        raise UnsupportedOperationException("A Neptune ML inference query starts at the traversal source g.")
    steps = [(m.group(1), _arguments(m.group(2))) for m in _CALL.finditer(text[1:])]
    if "".join(m.group(0) for m in _CALL.finditer(text[1:])).replace(" ", "") != text[1:].replace(" ", ""):
        raise UnsupportedOperationException("Only a chain of steps is supported in a Neptune ML inference query.")
    parsed = InferenceQuery()
    index = 0
    while index < len(steps) and steps[index][0] == "with":
        name, *value = steps[index][1]
        parsed.options[name] = value[0] if value else True
        index += 1
    if index >= len(steps) or steps[index][0] not in ("V", "E"):
        raise UnsupportedOperationException("A Neptune ML inference query reads V(ids) or E(ids).")
    parsed.element, parsed.ids = steps[index][0], [str(i) for i in steps[index][1]]
    rest = steps[index + 1 :]
    if len(rest) >= 2 and rest[0][0] == "properties" and rest[1][0] == "with":
        arguments = rest[0][1]
        parsed.key = str(arguments[0]) if arguments else ""
        parsed.with_score = "Neptune#ml.score" in arguments[1:]
        parsed.task = str(rest[1][1][0]) if rest[1][1] else ""
        rest = rest[2:]
        if rest and rest[0][0] == "value":
            parsed.tail, rest = ("value", []), rest[1:]
    elif len(rest) >= 2 and rest[0][0] in ("out", "in") and rest[1][0] == "with" and parsed.element == "V":
        parsed.direction, parsed.edge_label = rest[0][0], str(rest[0][1][0]) if rest[0][1] else ""
        parsed.task = str(rest[1][1][0]) if rest[1][1] else ""
        rest = rest[2:]
        if rest and rest[0][0] == "hasLabel":
            parsed.target_label, rest = str(rest[0][1][0]), rest[1:]
        if rest and rest[0][0] in ("id", "values"):
            parsed.tail, rest = (rest[0][0], rest[0][1]), rest[1:]
    if parsed.task not in TASKS or rest or (parsed.direction and parsed.task != "Neptune#ml.prediction"):
        raise UnsupportedOperationException(
            "This form of Neptune ML inference query is not supported by moto_ext: use properties(key)"
            ".with(Neptune#ml.classification|regression) or out|in(label).with(Neptune#ml.prediction)."
        )
    limit = parsed.options.get("Neptune#ml.limit", 1)
    if not isinstance(limit, int) or not 1 <= limit <= 100:
        raise BadRequestException("Neptune#ml.limit must be an integer from 1 to 100.")
    return parsed


def endpoint_id(reference: str | None, endpoints: Mapping[str, Any]) -> Any:
    """The endpoint a query names, by id or by its SageMaker invocation URL."""
    if reference is None:
        raise BadRequestException("No Neptune#ml.endpoint given, and the cluster has no neptune_ml_endpoint set.")
    url = re.search(r"/endpoints/([^/]+)/invocations", reference)
    for endpoint in endpoints.values():
        if endpoint.id == reference or (url and endpoint.name == url.group(1)):
            return endpoint
    raise BadRequestException(f"The Neptune ML endpoint {reference} does not exist.")


def _scored(found: Any) -> list[tuple[Any, float]]:
    """A set prediction as (value, score) pairs: a value, a list of values, or of (value, score)."""
    items = found if isinstance(found, list) else [found]
    pairs = []
    for rank, item in enumerate(items):
        if isinstance(item, (tuple, list)) and len(item) == 2:
            pairs.append((item[0], float(item[1])))
        else:
            pairs.append((item, round(1.0 - 0.1 * rank, 4)))
    return pairs


def answer(parsed: InferenceQuery, predictions: dict[str, Any], graph: Any) -> list[Any]:
    limit = parsed.options.get("Neptune#ml.limit", 1)
    threshold = float(parsed.options.get("Neptune#ml.threshold", 0.0))
    vertices, edges = graph.elements()
    elements = {e.id: e for e in (vertices if parsed.element == "V" else edges)}
    results: list[Any] = []
    for element_id in parsed.ids:
        element = elements.get(element_id)
        if element is None:
            continue  # as a traversal, an id that matches nothing gives nothing
        if parsed.direction:
            results += _links(parsed, element, vertices, edges, predictions.get(element_id), limit, threshold)
            continue
        found = predictions.get(element_id)
        pairs = _scored(found) if found is not None else _stand_in(parsed, element, elements.values())
        for value, score in [pair for pair in pairs if pair[1] >= threshold][:limit]:
            results += _properties(parsed, element, value, score)
    return results


def _stand_in(parsed: InferenceQuery, element: Any, elements: Any) -> list[tuple[Any, float]]:
    values = [e.properties[parsed.key] for e in elements if parsed.key in e.properties]
    if parsed.task == "Neptune#ml.regression":
        numbers = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        return [(round(sum(numbers) / len(numbers), 6) if numbers else 0.0, 1.0)]
    own = element.properties.get(parsed.key)
    ranked = [own] if own is not None else []
    ranked += [value for value, _ in Counter(str(v) for v in values).most_common() if value not in ranked]
    return _scored([str(value) for value in ranked]) if ranked else []


def _properties(parsed: InferenceQuery, element: Any, value: Any, score: float) -> list[Any]:
    if parsed.tail == ("value", []):
        return [value] + ([score] if parsed.with_score else [])
    owner: Any = tinkerpop.Vertex(element.id, element.label) if parsed.element == "V" else None
    found = []
    for key, shown in [(parsed.key, value)] + ([("Neptune#ml.score", score)] if parsed.with_score else []):
        if parsed.element == "V":
            found.append(tinkerpop.VertexProperty(f"{element.id}-{key}", key, shown, owner))
        else:
            found.append(tinkerpop.Property(key, shown, None))
    return found


def _links(
    parsed: InferenceQuery,
    vertex: Any,
    vertices: list[Any],
    edges: list[Any],
    chosen: Any,
    limit: int,
    threshold: float,
) -> list[Any]:
    by_id = {v.id: v for v in vertices}
    if chosen is not None:
        pairs = _scored(chosen)
    else:
        linked = {
            (e.in_v.id if parsed.direction == "out" else e.out_v.id)
            for e in edges
            if e.label == parsed.edge_label and (e.out_v.id if parsed.direction == "out" else e.in_v.id) == vertex.id
        }
        candidates = sorted(v.id for v in vertices if v.id != vertex.id and v.id not in linked)
        pairs = _scored(candidates)
    targets = [
        by_id[target]
        for target, score in pairs
        if score >= threshold
        and target in by_id
        and (parsed.target_label is None or parsed.target_label in by_id[target].labels)
    ][:limit]
    if parsed.tail and parsed.tail[0] == "id":
        return [target.id for target in targets]
    if parsed.tail and parsed.tail[0] == "values":
        keys = parsed.tail[1]
        return [v for t in targets for k, v in t.properties.items() if not keys or k in keys]
    return targets
