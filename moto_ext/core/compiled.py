"""Serializers compiled from an operation's output shape, for plain ``dict`` answers.

moto's serializer walks the output shape for every answer, asking its value picker for each
member. For a json or rest-json operation whose output lives wholly in the body, the walk is the
same every time: it is done once, here, into a function per operation that writes the same bytes
(tests/core/test_fastpath.py compares them with moto's for every operation, on full answers, on
snake_case keys and on empty ones). Anything it cannot render exactly (a model object, a list
holding None ...) goes back to moto's serializer.
"""

from __future__ import annotations

import json
import threading
from typing import Any

_lock = threading.Lock()


#: a value the compiled serializer cannot render as moto's would: moto's serializer renders it
_CANNOT = object()


class _Answer:
    """A body serializer for one operation's output (json and rest-json, plain dicts)."""

    def __init__(self, status: int, content_type: str, render: Any) -> None:
        self.status = status
        self.content_type = content_type
        self._render = render

    def __call__(self, result: Any) -> str | None:
        try:
            body = self._render(result)
        except _Unexact:
            return None
        return json.dumps(body)


class _Unexact(Exception):
    """Raised inside a compiled serializer where moto's serializer must decide."""


# keyed by the operation model itself (held here, so its identity is never reused)
_compiled: dict[tuple[Any, type], _Answer | None] = {}


def compiled(operation: Any, serializer_class: type, response: Any) -> _Answer | None:
    """The compiled serializer for an operation answered by ``response`` with moto's
    ``serializer_class``; None where there is none.

    It is exact for what it takes: a ``dict`` result (nested dicts, lists and maps), moto's
    default serializer of json or rest-json, no response transformers, no pretty printing, an
    output whose members are all in the body. Members are picked as moto's picker picks them
    from a dict (the member's key, else the aliases moto would try, in moto's order); values
    are converted as moto's serializer converts them (timestamps by moto's own converter).
    """
    from moto import settings
    from moto.core.serialize import JSONSerializer, RestJSONSerializer

    if serializer_class not in (JSONSerializer, RestJSONSerializer) or settings.PRETTIFY_RESPONSES:
        return None
    if getattr(response, "RESPONSE_KEY_PATH_TO_TRANSFORMER", None):
        return None
    key = (operation, serializer_class)
    if key not in _compiled:
        with _lock:
            _compiled[key] = _compile_operation(operation, serializer_class)
    return _compiled[key]


def _compile_operation(operation: Any, serializer_class: type) -> _Answer | None:
    from moto.core.serialize import RestJSONSerializer

    shape = operation.output_shape
    if shape is None or operation.has_event_stream_output or shape.serialization.get("payload"):
        return None
    if any("location" in member.serialization for member in shape.members.values()):
        return None
    serializer = serializer_class(operation_model=operation, pretty_print=False, value_picker=None)
    render_members = _structure_renderer(shape, serializer)
    if render_members is None:
        return None
    status = operation.http.get("responseCode", serializer.DEFAULT_RESPONSE_CODE)
    if serializer_class is RestJSONSerializer:
        content_type = RestJSONSerializer.CONTENT_TYPE
    else:
        content_type = serializer._get_protocol_specific_content_type()

    def render(result: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {}
        render_members(body, result)
        return body

    return _Answer(status, content_type, render)


def _value_renderer(shape: Any, serializer: Any, depth: int = 0) -> Any:
    """A function rendering a value of ``shape`` as moto's serializer does, None if unsupported."""
    from enum import Enum

    kind = shape.type_name
    if depth > 20:
        return None
    if kind == "string":

        def string(value: Any) -> Any:
            if type(value) is str:
                return value
            if isinstance(value, Enum):
                value = value.value
            return str(value) if value not in [None, {}, []] else value

        return string
    if kind == "boolean":
        return lambda value: value
    if kind in ("integer", "long"):
        return int
    if kind in ("float", "double"):
        return float
    if kind == "timestamp":
        converter = serializer._timestamp_serializer
        timestamp_format = shape.serialization.get("timestampFormat", converter.default_format)
        return _timestamp_renderer(converter, timestamp_format)
    if kind == "blob":
        return serializer._base64
    if kind in ("list", "map"):
        # moto renders an item (a map value) under its shape's own name: a serialization name of
        # its own would make moto keep the raw item
        inner = shape.member if kind == "list" else shape.value
        render = _value_renderer(inner, serializer, depth + 1)
        if render is None or "name" in inner.serialization:
            return None
        return _list_renderer(render) if kind == "list" else _map_renderer(render)
    if kind == "structure":
        if shape.is_document_type:
            return lambda value: value
        members = _structure_renderer(shape, serializer, depth + 1)
        if members is None:
            return None

        def structure(value: Any) -> Any:
            wrapper: dict[str, Any] = {}
            members(wrapper, value)
            return wrapper

        return structure
    return None


def _timestamp_renderer(converter: Any, timestamp_format: str) -> Any:
    """moto's timestamp conversion; a datetime in UTC (naive ones are read as UTC, as moto reads
    them) converted directly, anything else by moto's converter."""
    from datetime import datetime, timedelta, timezone

    zero = timedelta(0)

    def in_utc(value: Any) -> bool:
        return type(value) is datetime and (value.tzinfo is None or value.utcoffset() == zero)

    def convert(value: Any) -> Any:
        return converter._convert_timestamp_to_str(value, timestamp_format)

    kind = timestamp_format.lower()
    render = _uncached_timestamp_renderer(kind, converter, in_utc, convert)
    if render is convert:
        return convert
    # A resource's timestamps are rendered on every describe: each datetime once. Only naive
    # ones and fixed offsets (datetime.timezone) are kept: their equal values render alike.
    rendered: dict[tuple[Any, Any], Any] = {}

    def cached(value: Any) -> Any:
        if type(value) is not datetime:
            return render(value)
        zone = value.tzinfo
        if zone is not None and type(zone) is not timezone:
            return render(value)
        key = (value, zone)
        found = rendered.get(key)
        if found is None:
            if len(rendered) >= _TIMESTAMPS_KEPT:
                rendered.clear()
            found = rendered[key] = render(value)
        return found

    return cached


_TIMESTAMPS_KEPT = 4096


def _uncached_timestamp_renderer(kind: str, converter: Any, in_utc: Any, convert: Any) -> Any:
    import calendar

    if kind == "unixtimestamp":

        def unix(value: Any) -> Any:
            if not in_utc(value):
                return convert(value)
            seconds = calendar.timegm(value.timetuple())
            if value.microsecond:
                return seconds + (value.microsecond // 1000) / 1000.0
            return seconds

        return unix
    if kind == "iso8601":
        whole, micro = converter.ISO8601, converter.ISO8601_MICRO

        def iso8601(value: Any) -> Any:
            if not in_utc(value):
                return convert(value)
            return value.strftime(micro if value.microsecond > 0 else whole)

        return iso8601
    return convert


def _list_renderer(item: Any) -> Any:
    def render(value: Any) -> Any:
        if type(value) is not list or None in value:
            raise _Unexact
        return [item(entry) for entry in value]

    return render


def _map_renderer(value_renderer: Any) -> Any:
    def render(value: Any) -> Any:
        if type(value) is not dict or None in value.values():
            raise _Unexact
        return {key: value_renderer(entry) for key, entry in value.items()}

    return render


def _structure_renderer(shape: Any, serializer: Any, depth: int = 0) -> Any:
    """A function filling a dict with a dict value's members, as moto's serializer does."""
    from moto.core import responses as moto_responses
    from moto.core.serialize import AttributePickerContext

    picker = moto_responses.XFormedAttributePicker(response_transformers=None)
    members = []
    for key, member in shape.members.items():
        member.parent = shape  # moto's serializer sets it too; its aliases read it
        render = _value_renderer(member, serializer, depth)
        if render is None:
            return None
        context = AttributePickerContext(obj={}, key=key, shape=member)
        aliases = tuple(picker.get_possible_keys(context))
        if any("." in alias for alias in aliases):
            return None
        # moto puts a document under the member's key, anything else under its serialized name
        document = member.type_name == "structure" and member.is_document_type
        name = key if document else serializer.get_serialized_name(member, key)
        members.append((key, name, aliases, render))

    # A dict holding only members' own keys (what the services' to_dict() give) has none of the
    # other spellings moto's picker tries, unless one member's spelling is another's key.
    own_keys = frozenset(key for key, _, _, _ in members)
    spellings_clash = any(alias in own_keys and alias != key for key, _, aliases, _ in members for alias in aliases)
    by_own_key = tuple((key, name, render) for key, name, _, render in members)

    def fill(out: dict[str, Any], value: Any) -> None:
        if type(value) is not dict:
            raise _Unexact  # a model object: moto's picker reads its attributes
        if not spellings_clash and own_keys.issuperset(value):
            for key, name, render in by_own_key:
                found = value.get(key)
                if found is not None:
                    out[name] = render(found)
            return
        for key, name, aliases, render in members:
            if key in value:
                found = value[key]
            else:
                found = None
                for alias in aliases:
                    if alias in value:
                        found = value[alias]
                        break
            if found is not None:
                out[name] = render(found)

    return fill
