"""Inputs derived from a botocore model: a valid request for an operation, and ways to break it.

Used by the conformance walk and the property-based bad-input tests. Valid values are taken
from a short list of candidates checked against the shape's own constraints (enum, pattern,
lengths, ranges) with moto_ext's shape checker, so nothing here is hand-kept per service.
"""

import datetime
from typing import Any

from moto_ext.core.shapes import problems

STRING_CANDIDATES = [
    "a1",
    "train",
    "1",
    "abc-123",
    "arn:aws:iam::123456789012:role/moto-ext-role",
    "arn:aws:rekognition:us-east-1:123456789012:project/p/1",
    "arn:aws:rekognition:us-east-1:123456789012:project/p/version/v/1",
    "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1",
    "https://realtime.machinelearning.us-east-1.amazonaws.com",
    "s3://bucket/key",
    "https://example.com",
    "00000000-0000-0000-0000-000000000000",
    "a" * 20,
    "0" * 32,
]

NO_VALUE = object()


def valid_value(shape: Any, depth: int = 0) -> Any:
    """A value that satisfies ``shape``, or NO_VALUE when none of the candidates does."""
    kind = shape.type_name
    if depth > 6:
        return NO_VALUE
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        for candidate in STRING_CANDIDATES:
            if not problems(candidate, shape):
                return candidate
        low = shape.metadata.get("min", 1)
        candidate = "a" * max(low, 1)
        return candidate if not problems(candidate, shape) else NO_VALUE
    if kind in ("integer", "long"):
        return int(shape.metadata.get("min", 1))
    if kind in ("float", "double"):
        return float(shape.metadata.get("min", 0.5))
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    if kind == "blob":
        return b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    if kind == "list":
        # one item where the list allows it: an empty required list can leave a rest-json
        # request without its query member, which is a different (unmatched) request
        low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 1)
        item = valid_value(shape.member, depth + 1)
        if item is NO_VALUE or (item == {} and low == 0):  # an empty structure is no real item
            return [] if low == 0 else NO_VALUE
        return [item] * max(low, min(1, high))
    if kind == "map":
        return {}
    if kind == "structure":
        return valid_structure(shape, depth + 1)
    return NO_VALUE


def valid_structure(shape: Any, depth: int = 0) -> Any:
    result = {}
    for name in shape.required_members:
        value = valid_value(shape.members[name], depth)
        if value is NO_VALUE:
            return NO_VALUE
        result[name] = value
    return result


def breakable_members(shape: Any) -> list[tuple[str, Any]]:
    """Top-level members whose constraints a request can break without breaking the URL."""
    members = []
    for name, member in shape.members.items() if shape is not None else []:
        if member.serialization.get("location") == "uri":
            continue  # a broken path segment is a different request, not a bad parameter
        if member.serialization.get("location") == "header" or member.metadata.get("idempotencyToken"):
            continue
        if str(member.metadata.get("pattern", "")).startswith("https://"):
            continue  # a URL the client sends the request to (Predict's PredictEndpoint): broken, no request

        meta = member.metadata
        constrained = (
            (member.type_name == "string" and (member.enum or meta.get("pattern") or "max" in meta))
            or (member.type_name in ("integer", "long") and ("max" in meta or "min" in meta))
            or (member.type_name == "list" and "max" in meta)
        )
        if constrained:
            members.append((name, member))
    return members
