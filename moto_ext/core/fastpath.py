"""A direct route from botocore to moto_ext's own AWS operations.

moto's stubber answers a request by scanning every URL pattern moto knows, building the
backend's URL table and a werkzeug request, then dispatching. botocore already knows the
operation: the ``before-send`` event is ``before-send.<service id>.<Operation>``. The fast path
maps that event straight to the service's response class and runs its own dispatch (moto's
``setup_class`` and ``call_action`` under ExtResponse: the same parsing, validation, faults,
IAM check, idempotency, lifecycle, backend call, errors and request id), with three cheaper
parts whose output is the same:

- ``responses.LightRequest``: the request as moto's classes read it, built straight from
  botocore's (moto builds it through werkzeug's ``EnvironBuilder``);
- ``responses.light_setup``: moto's ``setup_class`` for such a request, without the steps that
  cannot apply to it;
- ``compiled``: a serializer compiled from the output shape for plain dict answers (json and
  rest-json), which writes the bytes moto's serializer writes.

botocore still serializes, signs and parses the bytes, so retries, error parsing and waiters
behave as against the full path. The patched stubber returns the answer itself (it IS moto's
stubber: botocore calls every ``before-send`` handler, and no second one answers).

It steps aside (returns None: moto's full path answers) wherever it could differ: moto's
recorder on, IAM enforcement on, passthrough or whitelist settings, a host that is not the
service's standard AWS host (custom endpoints), a streaming or compressed body, an operation
with a streaming or event-stream payload, a service that extends moto's own (only moto_ext's
operations of it take this path; moto answers its own), a response class with a ``dispatch``
of its own, and any host some earlier URL pattern would claim. tests/core/test_fastpath.py
compares the answers' bytes both ways for every operation.

``MOTO_EXT_FAST_PATH=0`` in the environment turns it off; ``enabled(False)`` does at run time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import MethodType
from typing import Any
from urllib.parse import urlsplit

from .registry import Service

_on = os.environ.get("MOTO_EXT_FAST_PATH", "1").strip().lower() not in ("0", "false", "no", "off")
_lock = threading.Lock()
_INFINITY = float("inf")


def is_enabled() -> bool:
    return _on


def set_enabled(on: bool) -> None:
    global _on
    _on = bool(on)


@contextmanager
def enabled(on: bool) -> Iterator[None]:
    """The fast path on or off inside the block (tests compare both)."""
    before = _on
    set_enabled(on)
    try:
        yield
    finally:
        set_enabled(before)


@dataclass(frozen=True)
class _Route:
    service: Service
    response_class: type
    host_suffix: str
    #: moto's own setup_class and account lookup: ``responses.light_setup`` may stand in for them
    light_setup: bool


_NO_ROUTE = None


class FastPath:
    """Routes ``before-send`` events of registered services to their response classes."""

    def __init__(self, services: Iterable[Service]) -> None:
        self._services = list(services)
        # (service id, operation) -> route, or None where the full path must answer
        self._routes: dict[tuple[str, str], _Route | None] = {}

    # --- routing --------------------------------------------------------------------------------
    def _service(self, service_id: str) -> Service | None:
        """The registered service whose model's hyphenized serviceId botocore's event names.

        Only the model of a service whose name could match is read: a call to any other service
        (S3, IAM ...) reads no model here.
        """
        from moto.core.utils import get_service_model

        squeezed = service_id.replace("-", "")
        for service in self._services:
            if service.boto3_name.replace("-", "") != squeezed:
                continue
            if get_service_model(service.boto3_name).service_id.hyphenize() == service_id:
                return service
        return None

    def _route(self, service_id: str, operation: str) -> _Route | None:
        key = (service_id, operation)
        try:
            return self._routes[key]
        except KeyError:
            pass
        with _lock:
            route = self._routes[key] = self._make_route(service_id, operation)
        return route

    def _make_route(self, service_id: str, operation: str) -> _Route | None:
        from moto.core.responses import BaseResponse
        from moto.core.utils import camelcase_to_underscores, get_service_model

        service = self._service(service_id)
        if service is None:
            return _NO_ROUTE
        model = get_service_model(service.boto3_name)
        if operation not in model.operation_names:
            return _NO_ROUTE
        operation_model = model.operation_model(operation)
        if (
            operation_model.has_streaming_input
            or operation_model.has_streaming_output
            or operation_model.has_event_stream_input
            or operation_model.has_event_stream_output
        ):
            return _NO_ROUTE
        response_class = service.response_class
        if service.extends_moto and not _defined_by_moto_ext(response_class, camelcase_to_underscores(operation)):
            # moto's own operations of the service are answered by moto's full path
            return _NO_ROUTE
        prefix = model.metadata.get("endpointPrefix") or service.name
        # the answer is built as moto's ``dispatch`` builds it: a class with its own is left to moto
        dispatch = getattr(response_class, "dispatch", None)
        if getattr(dispatch, "__func__", None) is not getattr(BaseResponse.dispatch, "__func__", None):
            return _NO_ROUTE
        light_setup = all(
            getattr(response_class, name) is getattr(BaseResponse, name)
            for name in ("setup_class", "get_current_account", "decompress_request_body")
        )
        return _Route(service, response_class, f"{prefix}.", light_setup)

    # --- answering ------------------------------------------------------------------------------
    def answer(self, event_name: str, request: Any) -> Any:
        """moto_ext's answer to ``request`` as an ``AWSResponse``, or None (moto's full path answers)."""
        if not _on:
            return None
        parts = event_name.split(".")
        if len(parts) != 3:
            return None
        route = self._route(parts[1], parts[2])
        if route is None or not _plain_request(request) or not _plain_settings():
            return None
        clean_url = _clean_url(request.url, route)
        if clean_url is None or _claimed_by(clean_url) != route.service.name:
            return None
        return _dispatch(route, request)


def _defined_by_moto_ext(response_class: type, method: str) -> bool:
    for klass in response_class.__mro__:
        if method in vars(klass):
            return klass.__module__.startswith("moto_ext.")
    return False


def _plain_request(request: Any) -> bool:
    body = request.body
    if body is not None and not isinstance(body, (bytes, str)):
        return False  # a file or a stream: moto's request building reads it
    encoding = request.headers.get("Content-Encoding")
    return not encoding


@cache
def _settings_modules() -> tuple[Any, Any, Any]:
    from moto import settings
    from moto.core.config import default_user_config
    from moto.moto_api import recorder

    return settings, default_user_config, recorder


def _plain_settings() -> bool:
    settings, default_user_config, recorder = _settings_modules()
    if recorder._user_enabled or settings.INITIAL_NO_AUTH_ACTION_COUNT != _INFINITY:
        return False
    core = default_user_config.get("core", {})
    passthrough = core.get("passthrough", {})
    return not passthrough.get("urls") and not passthrough.get("services") and core.get("service_whitelist") is None


def _clean_url(url: str, route: _Route) -> str | None:
    """The URL moto's stubber matches patterns against, for a standard AWS host of the service."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host.startswith(route.host_suffix) or not host.endswith(".amazonaws.com"):
        return None
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _claimed_by(clean_url: str) -> str | None:
    """The service whose pattern moto's stubber would match first (moto_ext's are in front)."""
    import moto.backend_index as backend_index

    for name, pattern in backend_index.backend_url_patterns:
        if pattern.match(clean_url):
            return name  # type: ignore[no-any-return]
    return None


def _dispatch(route: _Route, request: Any) -> Any:
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse
    from moto.core.exceptions import HTTPException
    from moto.core.request import normalize_request

    from .responses import LightRequest, light_request, light_setup

    normalized: Any = light_request(request) or normalize_request(request)
    # what ``response_class.dispatch`` does, with the instance's serializer hooked first
    response = route.response_class()
    _compile_answers(response)
    if route.light_setup and type(normalized) is LightRequest:
        response.setup_class = MethodType(light_setup, response)
    try:
        status, headers, body = response._dispatch(normalized, normalized.raw_url, normalized.headers)
    except HTTPException as error:
        status, headers, body = error.code, error.get_headers(), error.get_body()
    finally:
        # the hooks hold the response: dropping them leaves no reference cycle behind
        response.__dict__.pop("setup_class", None)
        response.__dict__.pop("serialized", None)
    return AWSResponse(request.url, status, headers, MockRawResponse(body))


# --- answers serialized by a function compiled from the output shape -------------------------------
def _compile_answers(response: Any) -> None:
    """Route the response's successful plain answers through a compiled serializer.

    The service's own ``serialized`` still runs (it sees an ``ActionResult``); only moto's
    serializer, deep inside it, is replaced, and only where the compiled one is exact (see
    ``compiled``); anything else goes through moto's as before.
    """
    from moto.core.responses import ActionResult

    own = response.serialized
    compiled_result = _compiled_result_class()

    def serialized(action_result: Any) -> Any:
        if type(action_result) is ActionResult and type(action_result.result) is dict:
            action_result = compiled_result(action_result.result)
        return own(action_result)

    response.serialized = serialized


@cache
def _compiled_result_class() -> type:
    from moto.core.responses import ActionResult

    class CompiledResult(ActionResult):  # type: ignore[misc]
        """An ``ActionResult`` whose dict is serialized by the operation's compiled serializer."""

        def execute_result(self, context: Any) -> Any:
            answer = compiled(context)
            if answer is not None:
                body = answer(self.result)
                if body is not None:
                    return answer.status, {"Content-Type": answer.content_type}, body
            return super().execute_result(context)

    return CompiledResult


#: a value the compiled serializer cannot render as moto's would: moto's serializer renders it
_CANNOT = object()


class _Answer:
    """A body serializer for one operation's output (json and rest-json, plain dicts)."""

    def __init__(self, status: int, content_type: str, render: Any) -> None:
        self.status = status
        self.content_type = content_type
        self._render = render

    def __call__(self, result: Any) -> str | None:
        import json

        try:
            body = self._render(result)
        except _Unexact:
            return None
        return json.dumps(body)


class _Unexact(Exception):
    """Raised inside a compiled serializer where moto's serializer must decide."""


# keyed by the operation model itself (held here, so its identity is never reused)
_compiled: dict[tuple[Any, type], _Answer | None] = {}


def compiled(context: Any) -> _Answer | None:
    """The compiled serializer for the context's operation and serializer, None where there is none.

    It is exact for what it takes: a ``dict`` result (nested dicts, lists and maps), moto's
    default serializer of json or rest-json, no response transformers, no pretty printing, an
    output whose members are all in the body. Members are picked as moto's picker picks them
    from a dict (the member's key, else the aliases moto would try, in moto's order); values
    are converted as moto's serializer converts them (timestamps by moto's own converter).
    """
    from moto import settings
    from moto.core.serialize import JSONSerializer, RestJSONSerializer

    serializer_class = context.serializer_class
    if serializer_class not in (JSONSerializer, RestJSONSerializer) or settings.PRETTIFY_RESPONSES:
        return None
    if getattr(context.response, "RESPONSE_KEY_PATH_TO_TRANSFORMER", None):
        return None
    operation = context.operation_model
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
    if kind == "list":
        # moto renders an item under the item shape's own name: a serialization name of its own
        # would make moto keep the raw item
        item_shape = shape.member
        item = _value_renderer(item_shape, serializer, depth + 1)
        if item is None or "name" in item_shape.serialization:
            return None
        return _list_renderer(item)
    if kind == "map":
        value_shape = shape.value
        value_renderer = _value_renderer(value_shape, serializer, depth + 1)
        if value_renderer is None or "name" in value_shape.serialization:
            return None
        return _map_renderer(value_renderer)
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
    import calendar
    from datetime import datetime, timedelta

    zero = timedelta(0)

    def in_utc(value: Any) -> bool:
        return type(value) is datetime and (value.tzinfo is None or value.utcoffset() == zero)

    def convert(value: Any) -> Any:
        return converter._convert_timestamp_to_str(value, timestamp_format)

    kind = timestamp_format.lower()
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

    def fill(out: dict[str, Any], value: Any) -> None:
        if type(value) is not dict:
            raise _Unexact  # a model object: moto's picker reads its attributes
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
