"""The one registry of services: each service declares itself once, and core reads only this.

A service is a folder (``moto_ext/<name>/``) laid out as moto lays out its own services, plus one
``Service`` entry in ``moto_ext/services.py``. Everything that has to know the set of services
(``install()``, the mock handle, the server, the README generator, the robustness tests) iterates
``services()`` and reaches the service's code through its package by convention:

- ``<package>.models`` holds ``<name>_backends`` (a moto ``BackendDict``) and registers the
  service's lifecycle kinds when imported;
- ``<package>.urls`` holds ``url_bases`` (and, for moto's dispatch, ``url_paths``); a
  ``responses`` service's urls module also lists its ``ROUTES`` (method, path, operation);
- ``on_start`` / ``on_stop`` name functions (``"module:function"`` under the package) run when the
  outermost mock starts and stops (``responses`` services add their callbacks there: moto resets
  its ``responses`` mock when it starts).

Entries are plain data: importing this module, or the list, imports no service.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

BOTOCORE = "botocore"
RESPONSES = "responses"


#: the header a redirected request carries its original host in (``my-db.cluster-x...:8182``): a
#: service that keeps state per endpoint (Neptune's graph per cluster) reads it; it is not signed
ENDPOINT_HOST_HEADER = "X-Moto-Ext-Endpoint-Host"


@dataclass(frozen=True)
class Redirect:
    """A ``before-send`` handler that sends a request, whatever host it names, to the mock.

    ``event`` is botocore's event (``before-send.neptunedata``); ``host`` the mocked host, with
    ``{region}`` standing for the region the request is signed for.
    """

    event: str
    host: str


@dataclass(frozen=True)
class Service:
    #: the name the handle, fault injection and the README use; for AWS services also moto's
    #: backend name (the SigV4 signing name's moto spelling)
    name: str
    #: the package that holds models.py, urls.py, responses.py, exceptions.py
    package: str
    #: the README's heading for the service
    title: str
    #: how requests reach it: moto's botocore stubber (and server), or moto's ``responses`` mock
    transport: str = BOTOCORE
    #: the service is one of moto's own: moto_ext's response class (a subclass of moto's) takes
    #: over moto's routes, so moto's operations keep working beside moto_ext's
    extends_moto: bool = False
    redirects: tuple[Redirect, ...] = ()
    #: URL patterns ``requests``-based clients of the service send to (core.requests_transport)
    http_urls: tuple[str, ...] = ()
    #: paths (regexes matched against the request's raw path) on which the service takes unsigned
    #: HTTP requests (a Neptune cluster with IAM authentication off): server mode serves them in
    #: the default region, or the region the Host header names
    unsigned_paths: tuple[str, ...] = ()
    #: the account (or project) and region the handle's ``backend()`` uses when none is named;
    #: None: moto's current account and the environment's region
    default_account: str | None = None
    default_region: str | None = None
    on_start: str | None = None
    on_stop: str | None = None
    #: control endpoints of server mode: ``/moto-ext-api/<name>/<path>`` -> backend method taking
    #: the JSON body's members as keyword arguments
    controls: tuple[tuple[str, str], ...] = ()

    # --- reaching the service's code (imported on first use, never at registration) -------------
    def module(self, name: str) -> Any:
        return importlib.import_module(f"{self.package}.{name}")

    def _function(self, reference: str | None) -> Callable[[], Any] | None:
        if reference is None:
            return None
        module, _, function = reference.partition(":")
        return getattr(self.module(module), function)  # type: ignore[no-any-return]

    @property
    def backends(self) -> Any:
        """The service's ``BackendDict``."""
        return getattr(self.module("models"), f"{self.name}_backends")

    def backend(self, account_id: str | None = None, region: str | None = None) -> Any:
        account = account_id or self.default_account or default_account()
        return self.backends[account][region or self.default_region or default_region()]

    @property
    def url_bases(self) -> list[Any]:
        return list(self.module("urls").url_bases)

    @property
    def url_paths(self) -> dict[str, Any]:
        return dict(self.module("urls").url_paths)

    @property
    def response_class(self) -> type:
        """The class whose methods answer the operations (botocore services)."""
        return next(iter(self.url_paths.values())).__self__  # type: ignore[no-any-return]

    @property
    def boto3_name(self) -> str:
        """botocore's model name of the service."""
        from moto.core.responses import boto3_service_name

        return boto3_service_name.get(self.name, self.name)  # type: ignore[no-any-return]

    def operations(self) -> list[str]:
        """Every operation the service has: from the botocore model, or the service's routes."""
        if self.transport == BOTOCORE:
            from moto.core.utils import get_service_model

            return list(get_service_model(self.boto3_name).operation_names)
        return sorted({operation for _, _, operation in self.module("urls").ROUTES})

    def start(self) -> None:
        hook = self._function(self.on_start)
        if hook is not None:
            hook()

    def stop(self) -> None:
        hook = self._function(self.on_stop)
        if hook is not None:
            hook()


_services: dict[str, Service] = {}


def register(*services: Service) -> None:
    """Add services to the registry (idempotent for the same entry; a clash of names is an error)."""
    for service in services:
        known = _services.get(service.name)
        if known is not None and known != service:
            raise ValueError(f"a different service is already registered as {service.name!r}")
        _services[service.name] = service


def services(transport: str | None = None) -> Iterator[Service]:
    """The registered services, in registration order (optionally of one transport)."""
    for service in list(_services.values()):
        if transport is None or service.transport == transport:
            yield service


def get(name: str) -> Service:
    try:
        return _services[name]
    except KeyError:
        raise KeyError(f"no service {name!r}; known services: {', '.join(_services)}") from None


def find(name: str) -> Service | None:
    """The service moto knows as ``name`` (``-`` ignored, as moto spells some names both ways)."""
    return _services.get(name) or _services.get(name.replace("-", ""))


def default_account() -> str:
    from moto.core import DEFAULT_ACCOUNT_ID

    return os.environ.get("MOTO_ACCOUNT_ID", DEFAULT_ACCOUNT_ID)


def default_region() -> str:
    return os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION") or "us-east-1"
