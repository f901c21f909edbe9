"""Check a value against a botocore shape: the constraints botocore's client does not check.

botocore validates required members, types and ``min`` on the client side, but not ``max``,
``pattern``, enums or ranges (reference/aws-services.md). The real services do, so the mocks
run every request through ``problems(params, input_shape)``; the tests run every response
through the same function against the output shape.
"""

import base64
import datetime
import re
from functools import lru_cache
from typing import Any

from botocore.model import Shape

_STRINGISH = (str,)
_MAX_PROBLEMS = 20


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> "re.Pattern[str] | None":
    # Model patterns are Java regexes; the few that Python cannot read are not checked.
    try:
        return re.compile(pattern, re.DOTALL)
    except re.error:
        return None


def problems(value: Any, shape: Shape | None, path: str = "", *, check_required: bool = True) -> list[str]:
    """Every way ``value`` breaks ``shape``, as readable sentences (empty when it conforms)."""
    found: list[str] = []
    if shape is not None:
        _check(value, shape, path or shape.name, found, check_required)
    return found[:_MAX_PROBLEMS]


def _check(value: Any, shape: Shape, path: str, found: list[str], check_required: bool) -> None:
    if len(found) >= _MAX_PROBLEMS or value is None:
        return
    kind = shape.type_name
    checker = _CHECKERS.get(kind)
    if checker is not None:
        checker(value, shape, path, found, check_required)


def _check_structure(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if getattr(shape, "is_document_type", False):
        return  # a document (e.g. neptunedata's Document) holds any JSON value
    if not isinstance(value, dict):
        found.append(f"{path}: expected a structure, got {type(value).__name__}")
        return
    if check_required:
        for name in shape.required_members:
            if value.get(name) is None:
                found.append(f"{path}.{name}: required member is missing")
    members = shape.members
    for name, member_value in value.items():
        member = members.get(name)
        if member is None:
            if name == "ResponseMetadata":
                continue
            found.append(f"{path}.{name}: not a member of {shape.name}")
            continue
        _check(member_value, member, f"{path}.{name}", found, check_required)


def _check_list(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if not isinstance(value, (list, tuple)):
        found.append(f"{path}: expected a list, got {type(value).__name__}")
        return
    _check_length(len(value), shape, path, found, "items")
    for index, item in enumerate(value):
        _check(item, shape.member, f"{path}[{index}]", found, check_required)


def _check_map(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if not isinstance(value, dict):
        found.append(f"{path}: expected a map, got {type(value).__name__}")
        return
    _check_length(len(value), shape, path, found, "entries")
    for key, item in value.items():
        _check(key, shape.key, f"{path} key {key!r}", found, check_required)
        _check(item, shape.value, f"{path}[{key!r}]", found, check_required)


def _check_string(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if not isinstance(value, _STRINGISH):
        found.append(f"{path}: expected a string, got {type(value).__name__}")
        return
    _check_length(len(value), shape, path, found, "characters")
    if shape.enum and value not in shape.enum:
        found.append(f"{path}: {value!r} is not one of {', '.join(shape.enum)}")
    pattern = shape.metadata.get("pattern")
    if pattern:
        compiled = _compiled(pattern)
        # AWS validates the whole value against the pattern (Java `matches`), not a substring:
        # "no spaces!" is not a `[a-zA-Z0-9_.\-]+` name, though the pattern occurs in it.
        if compiled is not None and not compiled.fullmatch(value):
            found.append(f"{path}: {value!r} does not match the pattern {pattern}")


def _check_number(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    integral = shape.type_name in ("integer", "long")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integral and not isinstance(value, int)):
        found.append(f"{path}: expected {'an integer' if integral else 'a number'}, got {value!r}")
        return
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and value < low:
        found.append(f"{path}: {value} is below the minimum {low}")
    if high is not None and value > high:
        found.append(f"{path}: {value} is above the maximum {high}")


def _check_boolean(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if not isinstance(value, bool):
        found.append(f"{path}: expected a boolean, got {value!r}")


def _check_timestamp(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if not isinstance(value, (datetime.datetime, int, float, str)) or isinstance(value, bool):
        found.append(f"{path}: expected a timestamp, got {type(value).__name__}")


def _check_blob(value: Any, shape: Any, path: str, found: list[str], check_required: bool) -> None:
    if hasattr(value, "read"):  # a streaming body: its length is not known without reading it
        return
    if isinstance(value, str):
        # rest/json parsers may hand blobs over still base64-encoded
        try:
            value = base64.b64decode(value, validate=True)
        except ValueError:
            value = value.encode()
    if not isinstance(value, (bytes, bytearray)):
        found.append(f"{path}: expected bytes, got {type(value).__name__}")
        return
    _check_length(len(value), shape, path, found, "bytes")


def _check_length(length: int, shape: Any, path: str, found: list[str], unit: str) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and length < low:
        found.append(f"{path}: has {length} {unit}, fewer than the minimum {low}")
    if high is not None and length > high:
        found.append(f"{path}: has {length} {unit}, more than the maximum {high}")


_CHECKERS = {
    "structure": _check_structure,
    "list": _check_list,
    "map": _check_map,
    "string": _check_string,
    "integer": _check_number,
    "long": _check_number,
    "float": _check_number,
    "double": _check_number,
    "boolean": _check_boolean,
    "timestamp": _check_timestamp,
    "blob": _check_blob,
}
