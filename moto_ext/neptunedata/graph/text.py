"""Rewrites of query text into the embedded engine's spelling, token by token (never inside a string).

Gremlin: graphersal reads a Gremlin dialect whose strings are double-quoted and whose enums and
anonymous traversals are qualified. Neptune users write TinkerPop's Groovy form, so:
``'SEA'`` -> ``"SEA"``; a bare ``desc``/``asc``/``shuffle`` -> ``Order.x``; ``single``/``list``/
``set`` as a ``property()`` cardinality -> ``Cardinality.x``; ``id``/``label`` used as tokens ->
``T.id``/``T.label``; an anonymous traversal (``out()`` not after a ``.``) -> ``__.out()``;
``gt(1)`` and the other predicates -> ``P.gt(1)``, ``TextP`` ones likewise; ``28L``/``0.5D`` -> ``28``/``0.5``;
a Groovy map ``[code: 'SEA']`` -> ``#{code: "SEA"}`` (maps keyed by ``(T.id)`` and other tokens
are refused: the engine's maps cannot hold them).

A traversal ending in ``properties(...)`` answers property objects in TinkerPop (``vp[name->marko]``)
where the engine answers bare values: it is rewritten to project each property's owner, key and
value (``PROPERTY_KEYS``), which results.py turns back into property objects.

openCypher: Neptune's ``id(n)`` is the string ``~id`` of the element; the engine calls that
``elementId(n)``.
"""

from __future__ import annotations

import json
import re

from .errors import QueryError

_TOKEN = re.compile(
    r"""(?P<string>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")"""
    r"|(?P<backtick>`[^`]*`)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)

ORDER = {"desc", "asc", "shuffle", "decr", "incr"}
NUMBER_SUFFIXES = {"L", "l", "D", "d", "F", "f"}
CARDINALITY = {"single", "list", "set"}
PREDICATES = {
    "eq": "P",
    "neq": "P",
    "gt": "P",
    "gte": "P",
    "lt": "P",
    "lte": "P",
    "inside": "P",
    "outside": "P",
    "between": "P",
    "within": "P",
    "without": "P",
    "containing": "TextP",
    "notContaining": "TextP",
    "startingWith": "TextP",
    "notStartingWith": "TextP",
    "endingWith": "TextP",
    "notEndingWith": "TextP",
}
#: steps that may start an anonymous traversal (TinkerPop's ``__`` methods in common use)
ANONYMOUS_STEPS = {
    "out",
    "in",
    "both",
    "outE",
    "inE",
    "bothE",
    "outV",
    "inV",
    "bothV",
    "otherV",
    "values",
    "valueMap",
    "elementMap",
    "count",
    "has",
    "hasLabel",
    "hasId",
    "hasNot",
    "id",
    "label",
    "identity",
    "constant",
    "fold",
    "unfold",
    "select",
    "project",
    "path",
    "dedup",
    "where",
    "not",
    "and",
    "or",
    "is",
    "as",
    "limit",
    "order",
    "sum",
    "max",
    "min",
    "mean",
    "properties",
    "addV",
    "addE",
    "coalesce",
    "union",
    "repeat",
    "local",
    "optional",
    "choose",
    "math",
    "group",
    "groupCount",
    "key",
    "value",
    "map",
    "flatMap",
    "tail",
    "range",
    "sideEffect",
    "drop",
    "property",
    "V",
}


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(match.lastgroup or "other", match.group()) for match in _TOKEN.finditer(text)]


def _previous(tokens: list[tuple[str, str]], index: int) -> str:
    for kind, value in reversed(tokens[:index]):
        if kind != "space":
            return value
    return ""


def _following(tokens: list[tuple[str, str]], index: int) -> str:
    for kind, value in tokens[index + 1 :]:
        if kind != "space":
            return value
    return ""


PROPERTY_KEYS = ("__owner", "__key", "__value")
_TOKEN_KEYED_MAP = re.compile(r"\(\s*(T|Direction)\.\w+\s*\)\s*:")
_PROJECT_PROPERTY = '.project("__owner", "__key", "__value").by(__.select("__o")).by(__.key()).by(__.value())'


def _trailing_properties(text: str) -> str:
    """``X.properties(a)`` at the end of the traversal, rewritten as described above."""
    tokens = _tokens(text.rstrip().rstrip(";").rstrip())
    depth, last_step = 0, -1
    for index, (kind, value) in enumerate(tokens):
        if kind == "other" and value == "(":
            depth += 1
        elif kind == "other" and value == ")":
            depth -= 1
        elif kind == "other" and value == "." and depth == 0:
            last_step = index
    if last_step < 0 or _following(tokens, last_step) != "properties":
        return text
    head = "".join(value for _, value in tokens[:last_step])
    tail = "".join(value for _, value in tokens[last_step:])
    return f'{head}.as("__o"){tail}{_PROJECT_PROPERTY}'


_TOKEN_MAPS = re.compile(r"\belementMap\s*\(|\bvalueMap\s*\(\s*true|WithOptions\.(tokens|all)")


def answers_token_maps(text: str) -> bool:
    """Whether a traversal asks for maps keyed by the ``T.id``/``T.label`` tokens (elementMap,
    ``valueMap(true)``, ``with(WithOptions.tokens)``): the engine keys them ``"id"``/``"label"``."""
    return bool(_TOKEN_MAPS.search(text))


def gremlin(text: str) -> str:
    return _trailing_properties(_gremlin_tokens(text))


def _next_tokens(tokens: list[tuple[str, str]], index: int, count: int) -> list[str]:
    found = [value for kind, value in tokens[index + 1 :] if kind != "space"]
    return found[:count]


def _gremlin_tokens(text: str) -> str:
    if _TOKEN_KEYED_MAP.search(text):
        raise QueryError(
            "unsupported",
            "Maps keyed by T or Direction tokens ((T.id), (T.label), (Direction.OUT) in mergeV, mergeE ...) "
            "are not supported by moto_ext's embedded engine.",
        )
    tokens = _tokens(text)
    out: list[str] = []
    brackets: list[bool] = []  # per open "[": whether it opened a Groovy map
    for index, (kind, value) in enumerate(tokens):
        if kind == "string":
            out.append(json.dumps(_unquote(value)))
            continue
        if kind == "other" and value == "[":
            following = _next_tokens(tokens, index, 2)
            is_map = following[:1] == [":"] or (len(following) == 2 and following[1] == ":")
            brackets.append(is_map)
            if following[:1] == [":"]:  # [:] is the empty map
                out.append("#{")
                continue
            out.append("#{" if is_map else "[")
            continue
        if kind == "other" and value == ":" and out and out[-1] == "#{":
            continue  # the colon of [:]
        if kind == "other" and value == "]":
            out.append("}" if brackets and brackets.pop() else "]")
            continue
        if kind != "word":
            out.append(value)
            continue
        if value in NUMBER_SUFFIXES and index and tokens[index - 1][1][-1:].isdigit():
            continue  # 28L, 0.5D: Groovy's typed numbers, plain numbers to the engine
        before, after = _previous(tokens, index), _following(tokens, index)
        if before == "." or after == ":":  # a step, or a map key
            out.append(value)
        elif after == "(" and value in PREDICATES and before != "__":
            out.append(f"{PREDICATES[value]}.{value}")
        elif after == "(" and value in ANONYMOUS_STEPS and before not in ("", ";"):
            out.append(f"__.{value}")
        elif after != "(" and value in ORDER:
            out.append(f"Order.{value}")
        elif after != "(" and value in CARDINALITY and before == "(":
            out.append(f"Cardinality.{value}")
        elif after != "(" and value in ("id", "label", "key", "value") and before in ("(", ","):
            out.append(f"T.{value}")
        else:
            out.append(value)
    return "".join(out)


def _unquote(literal: str) -> str:
    body = literal[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


def opencypher(text: str) -> str:
    tokens = _tokens(text)
    out: list[str] = []
    for index, (kind, value) in enumerate(tokens):
        is_id_call = kind == "word" and value.lower() == "id" and _following(tokens, index) == "("
        out.append("elementId" if is_id_call and _previous(tokens, index) != "." else value)
    return "".join(out)
