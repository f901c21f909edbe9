"""What moto_ext answers through moto's ``responses`` mock: every ``requests``-based client.

Services mocked through ``responses`` (``transport=RESPONSES``: ModelArts, Huawei IAM) answer with
``<package>.responses.callback`` for the URLs their ``urls.url_bases`` match, for every method;
a guard refuses any other method on those URLs (moto's mock would send it to the network).

``requests``-based clients of botocore services (graph-notebook, awswrangler, SPARQLWrapper ...):

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

from .registry import ENDPOINT_HOST_HEADER, RESPONSES, Service, default_region, services
from .sigv4 import scope

#: every method a client may send; moto's registry keys callbacks by method
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE")

# "https://x.cluster-y.<region>.neptune.amazonaws.com" names its region before the service's domain
_HOST_REGION = re.compile(r"\.(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.")

_lock = threading.Lock()
#: (service name, URL pattern) of the endpoints tests registered; they end with the mock
_registered_endpoints: list[tuple[str, re.Pattern[str]]] = []
#: what this module added to moto's responses mock, so it can take it back
_added: list[Any] = []
#: the same, by method: core.patches looks here first when ``responses`` routes a request
_by_method: dict[str, list[Any]] = {}


def callbacks(method: str) -> list[Any]:
    """moto_ext's callbacks for an HTTP method, in the order they were added."""
    return _by_method.get(method, [])


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
        request.headers[ENDPOINT_HOST_HEADER] = parts.netloc
        request.url = urlunsplit(("https", host, parts.path, parts.query, ""))
        found = botocore_stubber.process_prepared_request(request)
        if found is None:  # no route of the service: still answered here, never sent on
            return 404, {"Content-Type": "application/json"}, '{"message": "No such route in the mock."}'
        return found

    return answer


def _add(pattern: re.Pattern[str], callback: Any) -> None:
    from moto.core.custom_responses_mock import CallbackResponse
    from moto.core.models import responses_mock

    for method in METHODS:
        response = CallbackResponse(method=method, url=pattern, callback=callback, content_type="application/json")
        responses_mock.add(response)
        _added.append(response)
        _by_method.setdefault(method, []).append(response)


def start() -> None:
    """Catch every URL moto_ext answers (after moto's start, which resets its ``responses`` mock)."""
    with _lock:
        for service in services():
            if service.transport == RESPONSES:
                callback = service.module("responses").callback
                for base in service.url_bases:
                    _add(base if isinstance(base, re.Pattern) else re.compile(base), callback)
            for url in service.http_urls:
                _add(re.compile(url), _callback(service))
        for name, pattern in _registered_endpoints:
            _add(pattern, _callback(_service(name)))
        _guard()


def stop() -> None:
    from moto.core.models import responses_mock

    with _lock:
        for response in _added:
            try:
                responses_mock.remove(response)
            except ValueError:
                pass
        _added.clear()
        _by_method.clear()
        _registered_endpoints.clear()
        send = responses_mock._real_send
        if getattr(send, "moto_ext_guard", False):
            responses_mock._real_send = send.unguarded  # type: ignore[attr-defined]


def _guard() -> None:
    """moto's mock sends unmatched requests to the network: a method no callback names (WebDAV,
    custom verbs) on a URL of a ``responses`` service is refused here instead."""
    from moto.core.models import responses_mock
    from requests.exceptions import ConnectionError as RequestsConnectionError

    real_send = responses_mock._real_send
    if getattr(real_send, "moto_ext_guard", False):
        return
    patterns = [
        re.compile(base) if isinstance(base, str) else base for s in services(RESPONSES) for base in s.url_bases
    ]

    def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        url = (request.url or "").split("?", 1)[0]
        if any(pattern.match(url) for pattern in patterns):
            raise RequestsConnectionError(
                f"moto_ext refuses {request.method} {request.url}: no method of the mock, and never sent to the network",
                request=request,
            )
        return real_send(adapter, request, *args, **kwargs)

    send.moto_ext_guard = True  # type: ignore[attr-defined]
    send.unguarded = real_send  # type: ignore[attr-defined]
    responses_mock._real_send = send


def body_bytes(request: Any) -> bytes:
    """The body of a ``requests.PreparedRequest`` as bytes, whatever form ``requests`` keeps it in."""
    body = request.body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        read = body.read()
        return read.encode("utf-8") if isinstance(read, str) else bytes(read)
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    # a generator body (chunked upload): read it once, keep it for whoever reads it next
    data = b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in body)
    request.body = data
    return data


def register_endpoint(name: str, url: str, active: bool) -> None:
    """Answer the HTTP clients of service ``name`` that use ``url`` (until the mock ends)."""
    service = _service(name)
    pattern = endpoint_pattern(url)
    with _lock:
        _registered_endpoints.append((name, pattern))
        if active:
            _add(pattern, _callback(service))


def _service(name: str) -> Service:
    from .registry import get

    service = get(name)
    if not service.redirects:
        raise ValueError(f"{name} has no mocked host to send HTTP clients' requests to")
    return service
