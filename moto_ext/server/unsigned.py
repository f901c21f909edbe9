"""Unsigned requests a service takes on the server's own address (``Service.unsigned_paths``).

A Neptune cluster with IAM authentication off answers any HTTP client: graph-notebook or a plain
``requests`` program pointed at the server (host 127.0.0.1, port <server port>) sends no signature,
so moto's dispatcher, which tells services apart by the SigV4 credential scope, cannot place it.
Such a request is served as the in-process mock serves it (``core.requests_transport``): it goes to
the service's mocked host (its first ``Redirect``), in the region the Host header names, else the
default region, and moto's application of that service answers it.
"""

import re
from typing import Any

from moto_ext.core import registry

from . import wsgi

#: the environ key naming the backend whose application must answer (read by app.Dispatcher)
BACKEND_KEY = "moto_ext.backend"

# "x.cluster-y.<region>.neptune.amazonaws.com" names its region before the service's domain
_HOST_REGION = re.compile(r"(?:^|\.)(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.")
# hosts of the cloud: a request that names one of another service (S3 ...) is not taken
_CLOUD_HOST = re.compile(r"(?:^|\.)(?:amazonaws\.com(?:\.cn)?|api\.aws)$")


class UnsignedRoute:
    """One service's unsigned paths, and the host its requests are served on."""

    def __init__(self, service: registry.Service) -> None:
        if not service.redirects:
            raise ValueError(
                f"{service.name} takes unsigned paths but has no mocked host (a Redirect) to serve them on"
            )
        self.service = service
        self.paths = [re.compile(pattern) for pattern in service.unsigned_paths]
        self.host_template = service.redirects[0].host
        self.own_hosts = [re.compile(url) for url in service.http_urls] + [
            base if isinstance(base, re.Pattern) else re.compile(base) for base in service.url_bases
        ]

    def takes(self, host: str, path: str) -> bool:
        if not any(pattern.match(path) for pattern in self.paths):
            return False
        # [choice] the server's own address (127.0.0.1, localhost, a container's name) or one of the
        # service's hosts; a Host naming another cloud service (bucket.s3.amazonaws.com) stays moto's
        if _CLOUD_HOST.search(host):
            return any(pattern.match(f"https://{host}/") for pattern in self.own_hosts)
        return True

    def host_for(self, host: str) -> str:
        match = _HOST_REGION.search(host)
        return self.host_template.format(region=match.group("region") if match else registry.default_region())


class UnsignedRoutes:
    """Every service's unsigned paths, from the registry."""

    def __init__(self) -> None:
        self.routes = [UnsignedRoute(service) for service in registry.services() if service.unsigned_paths]

    def covers(self, name: str, path: str) -> bool:
        """Service ``name`` takes ``path`` unsigned (on its own hosts)."""
        return any(r.service.name == name and any(p.match(path) for p in r.paths) for r in self.routes)

    def take(self, environ: dict[str, Any]) -> bool:
        """Send an unsigned request to the service that takes it unsigned; False when none does.

        [choice] On the server's own address a path-style anonymous S3 request to a bucket named
        like one of these paths (``GET /status``, ``/loader``, ``/ml/...``) is taken by the service
        too: the path cannot tell them apart, and anonymous S3 access is the rarer of the two in
        tests. Signed S3 requests, and anonymous ones naming an S3 host, stay with S3.
        """
        host, path = wsgi.host(environ), wsgi.raw_path(environ)
        for route in self.routes:
            if route.takes(host, path):
                environ["HTTP_HOST"] = route.host_for(host)
                environ[BACKEND_KEY] = route.service.name
                return True
        return False
