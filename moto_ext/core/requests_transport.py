"""``requests``-based clients of botocore services (graph-notebook, awswrangler, SPARQLWrapper ...).

Such a client sends its own HTTP requests to a host boto3 would not use (a Neptune cluster on port
8182, a test's ``localhost:8182``), signed with SigV4 or not at all. While a mock is active, moto's
``responses`` mock catches them here: a service lists the URLs its HTTP clients use
(``Service.http_urls``; a test adds more with ``m.register_endpoint``), and each such request is
sent, like the service's boto3 requests, to the service's mocked host (its first ``Redirect``), in
the region it is signed for, else the region its host names, else the default region. Nothing
leaves the machine, DNS look-ups included.
"""

from __future__ import annotations

import re
import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .registry import Service, default_region, services
from .sigv4 import scope

# "https://x.cluster-y.<region>.neptune.amazonaws.com" names its region before the service's domain
_HOST_REGION = re.compile(r"\.(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.")

_lock = threading.Lock()
#: (service name, URL pattern) of the endpoints tests registered; they end with the mock
_registered_endpoints: list[tuple[str, re.Pattern[str]]] = []
#: what this module added to moto's responses mock, so it can take it back
_added: list[Any] = []


def endpoint_pattern(url: str) -> re.Pattern[str]:
    """The URLs under an endpoint (``http://localhost:8182``): the endpoint, any path, any query."""
    return re.compile(re.escape(url.rstrip("/")) + r"(?:[/?].*)?$")


def _region_of(request: Any) -> str:
    signed = scope(request.headers.get("Authorization"))
    if signed:
        return str(signed.group("region"))
    match = _HOST_REGION.search(urlsplit(request.url).hostname or "")
    return match.group("region") if match else default_region()


def _callback(service: Service) -> Any:
    host_template = service.redirects[0].host

    def answer(request: Any) -> Any:
        from moto.core.models import botocore_stubber

        parts = urlsplit(request.url)
        host = host_template.format(region=_region_of(request))
        request.url = urlunsplit(("https", host, parts.path, parts.query, ""))
        found = botocore_stubber.process_prepared_request(request)
        if found is None:  # no route of the service: still answered here, never sent on
            return 404, {"Content-Type": "application/json"}, '{"message": "No such route in the mock."}'
        return found

    return answer


def _add(service: Service, pattern: re.Pattern[str]) -> None:
    from moto.core.custom_responses_mock import CallbackResponse
    from moto.core.models import RESPONSES_METHODS, responses_mock

    for method in RESPONSES_METHODS:
        response = CallbackResponse(method=method, url=pattern, callback=_callback(service))
        responses_mock.add(response)
        _added.append(response)


def start() -> None:
    """Catch the HTTP clients' URLs of every service (after moto's start, which resets its mock)."""
    with _lock:
        for service in services():
            for url in service.http_urls:
                _add(service, re.compile(url))
        for name, pattern in _registered_endpoints:
            _add(_service(name), pattern)


def stop() -> None:
    from moto.core.models import responses_mock

    with _lock:
        for response in _added:
            try:
                responses_mock.remove(response)
            except ValueError:
                pass
        _added.clear()
        _registered_endpoints.clear()


def register_endpoint(name: str, url: str, active: bool) -> None:
    """Answer the HTTP clients of service ``name`` that use ``url`` (until the mock ends)."""
    service = _service(name)
    pattern = endpoint_pattern(url)
    with _lock:
        _registered_endpoints.append((name, pattern))
        if active:
            _add(service, pattern)


def _service(name: str) -> Service:
    from .registry import get

    service = get(name)
    if not service.redirects:
        raise ValueError(f"{name} has no mocked host to send HTTP clients' requests to")
    return service
