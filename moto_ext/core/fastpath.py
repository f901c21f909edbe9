"""A direct route from botocore to moto_ext's own AWS operations.

moto's stubber answers a request by scanning every URL pattern moto knows, building the
backend's URL table and a werkzeug request, then dispatching. botocore already knows the
operation: the ``before-send`` event is ``before-send.<service id>.<Operation>``. The fast path
maps that event straight to the service's response class and runs its own dispatch (moto's
``setup_class`` and ``call_action`` under ExtResponse: the same parsing, validation, faults,
IAM check, idempotency, lifecycle, backend call, errors and request id), with three cheaper
parts whose output is the same:

- ``light.LightRequest``: the request as moto's classes read it, built straight from
  botocore's (moto builds it through werkzeug's ``EnvironBuilder``);
- ``light.light_setup``: moto's ``setup_class`` for such a request, without the steps that
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
        return _Route(service, response_class, f"{prefix}.")

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
        url = urlsplit(request.url)
        clean_url = _clean_url(url, route)
        if clean_url is None or _claimed_by(clean_url) != route.service.name:
            return None
        return _dispatch(route, request, url)


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


def _clean_url(parts: Any, route: _Route) -> str | None:
    """The URL moto's stubber matches patterns against, for a standard AWS host of the service."""
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


@cache
def _dispatch_parts() -> tuple[Any, ...]:
    # imported on the first answer, not at import: ``import moto_ext`` loads none of them
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse
    from moto.core.exceptions import HTTPException
    from moto.core.request import normalize_request

    from .light import light_request

    return AWSResponse, MockRawResponse, HTTPException, normalize_request, light_request


def _dispatch(route: _Route, request: Any, url: Any) -> Any:
    aws_response, raw_response, http_exception, normalize_request, light_request = _dispatch_parts()
    normalized: Any = light_request(request, url) or normalize_request(request)
    # what ``response_class.dispatch`` does; the flag lets ExtResponse take its light setup
    # (for a LightRequest) and its compiled serializers
    response = route.response_class()
    response.fast_path = True
    try:
        status, headers, body = response._dispatch(normalized, normalized.raw_url, normalized.headers)
    except http_exception as error:
        status, headers, body = error.code, error.get_headers(), error.get_body()
    return aws_response(request.url, status, headers, raw_response(body))
