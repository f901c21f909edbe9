"""Serve the ``responses`` services of the registry over HTTP.

A ``responses`` service answers with a callback (``PreparedRequest`` in, ``(status, headers,
body)`` out) that ``responses`` calls for its cloud hosts' URLs. The bridge turns each WSGI request
into the ``PreparedRequest`` the client would have sent to the cloud host and calls the callback
whose URL pattern matches, as the in-process mock does.

What the server needs of such a service is declared by the service itself:

- ``urls.url_bases``: the cloud URLs it answers; a request whose Host header is one of those
  hosts (through a proxy or DNS) is the service's;
- ``urls.server_paths``: the paths it claims on the server's own address, for requests that are
  not AWS-signed (AWS-signed requests to such paths stay with moto: S3 buckets named ``v1``,
  ``/v1/...`` REST APIs);
- ``urls.default_host``: the cloud host those requests stand for, unless the server is told
  another (``MotoExtApp``/``--service-host NAME=HOST``, or ``MOTO_EXT_<NAME>_HOST``);
- ``responses.callback``, and ``responses.not_found(request)`` / ``responses.internal_error(error)``
  for the service's own envelope when no callback matches or one fails.
"""

import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import requests

from moto_ext.core import registry

from . import wsgi
from .errors import Answer

logger = logging.getLogger("moto_ext.server")

# hop-by-hop and framing headers: the WSGI server writes its own
_DROPPED_HEADERS = {"connection", "content-length", "transfer-encoding", "keep-alive"}

Callback = Callable[[requests.PreparedRequest], Any]


def is_aws_signed(environ: dict[str, Any]) -> bool:
    """Signed with SigV4, in the Authorization header or a presigned query string."""
    if environ.get("HTTP_AUTHORIZATION", "").startswith("AWS4-"):
        return True
    query = environ.get("QUERY_STRING", "")
    return "X-Amz-Credential=" in query or "X-Amz-Signature=" in query


def host_variable(name: str) -> str:
    """The environment variable that names the cloud host of service ``name``."""
    return f"MOTO_EXT_{name.upper()}_HOST"


class CallbackBridge:
    """Answers ``PreparedRequest``s with the first callback whose URL pattern matches."""

    def __init__(self, routes: Iterable[tuple[re.Pattern[str], Callback]]) -> None:
        self.routes = list(routes)

    def answer(self, request: requests.PreparedRequest) -> Answer | None:
        """The callback's answer to ``request``; None when no pattern matches its URL."""
        # matched without the query string, as moto's CallbackResponse matches
        url = (request.url or "").split("?", 1)[0]
        for pattern, callback in self.routes:
            if pattern.match(url):
                return normalized(callback(request))
        return None


def normalized(result: Any) -> Answer:
    """(status, headers, body) from what a ``responses`` callback may return."""
    if isinstance(result, Exception):
        raise result
    status, headers, body = result
    if isinstance(body, Exception):
        raise body
    items = headers.items() if hasattr(headers, "items") else headers
    pairs = [(str(k), str(v)) for k, v in items if str(k).lower() not in _DROPPED_HEADERS]
    if body is None:
        body = b""
    return int(status), pairs, body.encode("utf-8") if isinstance(body, str) else bytes(body)


class ServedService:
    """What the bridge knows of one ``responses`` service."""

    def __init__(self, service: registry.Service, host: str | None = None) -> None:
        urls = service.module("urls")
        self.name = service.name
        self.service = service
        self.url_bases: list[re.Pattern[str]] = list(urls.url_bases)
        self.server_paths: re.Pattern[str] = urls.server_paths
        self.host: str = host or os.environ.get(host_variable(service.name)) or urls.default_host

    @property
    def responses(self) -> Any:
        return self.service.module("responses")

    def serves_host(self, host: str) -> bool:
        return any(pattern.match(f"https://{host}/") for pattern in self.url_bases)


class ResponsesBridge:
    """The server's routes of every ``responses`` service of the registry.

    ``hosts`` maps a service name to the cloud host requests on the server's own address stand for.
    """

    def __init__(self, hosts: Mapping[str, str] | None = None) -> None:
        hosts = dict(hosts or {})
        services = list(registry.services(registry.RESPONSES))
        unknown = set(hosts) - {service.name for service in services}
        if unknown:
            raise ValueError(
                f"no responses service {', '.join(sorted(unknown))}; known: {', '.join(s.name for s in services)}"
            )
        self.services = [ServedService(service, hosts.get(service.name)) for service in services]
        self.callbacks = CallbackBridge(
            (pattern, served.responses.callback) for served in self.services for pattern in served.url_bases
        )

    def service_for(self, environ: dict[str, Any], path: str) -> ServedService | None:
        """The service a request is for, or None when it is not a ``responses`` service's."""
        host = wsgi.host(environ)
        for served in self.services:
            if served.serves_host(host):
                return served
        if is_aws_signed(environ):
            return None
        return next((served for served in self.services if served.server_paths.match(path)), None)

    def claims(self, environ: dict[str, Any], path: str) -> bool:
        return self.service_for(environ, path) is not None

    def answer(self, environ: dict[str, Any], path: str, body: bytes) -> Answer:
        served = self.service_for(environ, path)
        if served is None:
            raise ValueError(f"{path} is not a path of a responses service: ask claims() first")
        request = self.prepared_request(environ, served, body)
        try:
            answer = self.callbacks.answer(request)
        except Exception as error:
            logger.exception("moto_ext server: %s %s %s failed", served.name, request.method, path)
            return normalized(served.responses.internal_error(error))
        if answer is None:
            return normalized(served.responses.not_found(request))
        return answer

    @staticmethod
    def prepared_request(environ: dict[str, Any], served: ServedService, body: bytes) -> requests.PreparedRequest:
        """The request as the client would have sent it to the cloud host."""
        host = wsgi.host(environ)
        if not served.serves_host(host):
            host = served.host
        url = f"https://{host}{wsgi.raw_target(environ)}"
        # the Host header stays the one the client sent (and signed, with AK/SK)
        headers = dict(wsgi.headers(environ, _DROPPED_HEADERS))
        return requests.Request(environ["REQUEST_METHOD"], url, headers=headers, data=body or None).prepare()
