"""JSON documents a service reads from its callers: a request body, a policy, a schema, a manifest line."""

from __future__ import annotations

import json
from typing import Any


class NotAJsonObject(ValueError):
    """The text is not JSON, or not a JSON object; the message says which and names the document."""


def _not_json(constant: str) -> Any:
    # NaN, Infinity and -Infinity: Python's json reads them, JSON (RFC 8259) has no such values
    raise ValueError(f"{constant} is not a JSON value")


def json_object(text: str | bytes | bytearray | None, what: str = "The document") -> dict[str, Any]:
    """The JSON object ``text`` holds, or NotAJsonObject (``what`` names it in the message)."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise NotAJsonObject(f"{what} is not UTF-8 text.") from None
    try:
        value = json.loads(text or "", parse_constant=_not_json)
    except ValueError as error:
        raise NotAJsonObject(f"{what} is not valid JSON: {error}.") from None
    if not isinstance(value, dict):
        raise NotAJsonObject(f"{what} is not a JSON object.")
    return value
