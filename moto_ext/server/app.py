"""The server's WSGI application: moto's own application, with moto_ext's routes in front.

A request is answered by, in this order:

1. ``/moto-ext-api/...``: the test-time controls (``control.py``);
2. ``/moto-api/...`` and instance metadata: moto (``POST /moto-api/reset`` also undoes the controls);
3. the registry's ``responses`` services (``bridge.py``);
4. an unsigned request on a path a service takes unsigned (``Service.unsigned_paths``): that
   service, in the region the Host header names or the default region;
5. moto's ``DomainDispatcherApplication``, which picks the service from the SigV4 credential scope
   (moto_ext's services are in the same table: ``core.install``), after the checks that give a
   clear error where moto would answer a confusing one or fail: an unknown service, a malformed
   Authorization header, an unsigned call to a moto_ext service, a body that is not JSON.

Whatever fails inside a service is answered with an error in the service's protocol (501 for an
operation moto does not implement) and logged; the server keeps serving.
"""

import json
import logging
import re
import sys
from functools import cached_property
from typing import Any

from moto.backends import list_of_moto_modules
from moto.moto_server.werkzeug_app import UNSIGNED_REQUESTS, DomainDispatcherApplication, create_backend_app

from moto_ext.core import registry, server_context
from moto_ext.core.install import install
from moto_ext.core.sigv4 import SCOPE as _SCOPE

from .bridge import ResponsesBridge, is_aws_signed
from .control import PREFIX, Controls
from .errors import Answer, aws_error, service_protocol, status_line
from .unsigned import BACKEND_KEY, UnsignedRoutes
from .wsgi import base_url, raw_path, read_body
from .wsgi import path as _path

logger = logging.getLogger("moto_ext.server")


def ext_services() -> list[str]:
    """moto backend names whose requests moto_ext's response classes answer."""
    return sorted(service.name for service in registry.services(registry.BOTOCORE))


class Dispatcher(DomainDispatcherApplication):
    """moto's dispatcher, but moto's module names are listed once, not on every request.

    (moto's ``get_backend_for_host`` lists moto's package folder for each request: a third of the
    time the server spends on a call.) Unknown hosts are answered by ``MotoExtApp`` before this;
    an unsigned request ``MotoExtApp`` placed names its backend in the environ.
    """

    def __init__(self) -> None:
        super().__init__(create_backend_app)
        self.moto_modules = frozenset(list_of_moto_modules())

    def get_application(self, environ: dict[str, Any]) -> Any:
        backend = environ.get(BACKEND_KEY)  # an unsigned request placed by MotoExtApp
        if backend is None:
            return super().get_application(environ)
        with self.lock:
            app = self.app_instances.get(backend)
            if app is None:
                app = self.app_instances[backend] = self.create_app(backend)
        return app

    def get_backend_for_host(self, host: str | None) -> Any:
        if host is None:
            return None
        if host == "moto_api" or host in self.moto_modules:
            return host
        for backend, pattern in self.backend_url_patterns:
            if pattern.match(f"http://{host}"):
                return backend
        return None


class MotoExtApp:
    """WSGI application serving moto's services, moto_ext's and the controls.

    ``service_hosts`` maps a ``responses`` service's name to the cloud host requests on the
    server's own address stand for (default: ``MOTO_EXT_<NAME>_HOST``, else the service's own).
    """

    def __init__(self, service_hosts: dict[str, str] | None = None) -> None:
        install()
        self.moto = Dispatcher()
        self.controls = Controls()
        self.bridge = ResponsesBridge(service_hosts)
        self.unsigned = UnsignedRoutes()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        with server_context.serving(base_url(environ)):
            try:
                answer = self.route(environ)
                if answer is None:
                    return self.moto(environ, start_response)
                exc_info = None
            except Exception as error:
                answer = self.failure(environ, error)
                exc_info = sys.exc_info()
        status, headers, body = answer
        start_response(status_line(status), headers + [("Content-Length", str(len(body)))], exc_info)
        return [body]

    # --- routing ---------------------------------------------------------------------------------
    def route(self, environ: dict[str, Any]) -> Answer | None:
        """moto_ext's answer to the request, or None to hand it to moto."""
        path = _path(environ)
        method = environ.get("REQUEST_METHOD", "GET")
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return self.controls.answer(method, path, read_body(environ))
        if path.startswith("/moto-api") or path.startswith("/latest/"):
            if path.rstrip("/") == "/moto-api/reset" and method == "POST":
                self.controls.reset_settings()  # moto clears the backends; the controls are ours
            return None
        if self.bridge.claims(environ, path):
            return self.bridge.answer(environ, path, read_body(environ))
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        if authorization.startswith("AWS4-"):
            return self._check_signed(environ, path, authorization)
        if authorization or is_aws_signed(environ):
            return None  # SigV2 (S3), presigned URLs: moto's as ever
        if self.unsigned.take(environ):
            return None  # moto's application of the service that takes it answers
        return self._check_unsigned(environ, method, path)

    def _check_signed(self, environ: dict[str, Any], path: str, authorization: str) -> Answer | None:
        scope = _SCOPE.match(authorization)
        if scope is None:
            return aws_error(
                403,
                "IncompleteSignatureException",
                "The Authorization header is not a SigV4 header the server can read: expected "
                "'AWS4-HMAC-SHA256 Credential=<access key>/<yyyymmdd>/<region>/<service>/aws4_request, "
                "SignedHeaders=..., Signature=...'.",
            )
        try:
            backend = self.backend_of(environ, path)
        except Exception:  # moto's dispatcher fails on it the same way; failure() answers then
            return None
        if backend is None:
            return aws_error(
                400,
                "UnknownServiceException",
                f"The moto_ext server has no mock of the service {scope['service']!r} named in the request's "
                f"SigV4 credential scope (region {scope['region']!r}).",
            )
        if backend in self._models:
            return self._check_ext_request(environ, backend)
        return None

    def _check_ext_request(self, environ: dict[str, Any], backend: str) -> Answer | None:
        """A moto_ext service's request body must be JSON, and name one of the model's operations."""
        protocol = self._protocols[backend]
        if "json" in environ.get("CONTENT_TYPE", ""):
            body = read_body(environ)
            if body.strip():
                try:
                    parsed = json.loads(body)
                except ValueError as error:
                    return aws_error(
                        400, "SerializationException", f"The request body is not valid JSON: {error}.", protocol
                    )
                if not isinstance(parsed, dict):
                    return aws_error(400, "SerializationException", "The request body must be a JSON object.", protocol)
        if protocol == "rest-json":
            method, path = environ.get("REQUEST_METHOD", "GET"), raw_path(environ)
            if not any(m == method and pattern.match(path) for m, pattern in self._rest_routes[backend]):
                return aws_error(
                    404, "UnknownOperationException", f"{method} {path} is not an operation of {backend}.", protocol
                )
        if protocol == "json":
            model = self._models[backend]
            prefix, _, operation = environ.get("HTTP_X_AMZ_TARGET", "").partition(".")
            if prefix != model.metadata.get("targetPrefix") or operation not in model.operation_names:
                target = environ.get("HTTP_X_AMZ_TARGET")
                return aws_error(
                    400,
                    "UnknownOperationException",
                    f"{target!r} is not an operation of {model.service_name} "
                    f"(X-Amz-Target is {model.metadata.get('targetPrefix')}.<Operation>).",
                    protocol,
                )
        return None

    def _check_unsigned(self, environ: dict[str, Any], method: str, path: str) -> Answer | None:
        """An unsigned call moto would take for S3 gets a clear error when it is meant for moto_ext."""
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            if target.split(".", 1)[0] in UNSIGNED_REQUESTS:
                return None  # moto serves Cognito's unsigned operations
            return _missing_authentication(f"X-Amz-Target {target}")
        sent_path = raw_path(environ)
        for backend, routes in self._rest_routes.items():
            if self.unsigned.covers(backend, sent_path):
                continue  # the service takes it unsigned where it is its own (not with an S3 Host)
            if any(m == method and pattern.match(sent_path) for m, pattern in routes):
                return _missing_authentication(f"{backend} {method} {path}")
        return None

    def backend_of(self, environ: dict[str, Any], path: str) -> str | None:
        """The moto backend moto's dispatcher sends a signed request to, or None if none.

        Raises where moto's dispatcher would (it reads X-Amz-Target of a DynamoDB call, say)."""
        return self.moto.get_backend_for_host(self.moto.infer_service_region_host(environ, path))

    def failure(self, environ: dict[str, Any], error: Exception) -> Answer:
        method, path = environ.get("REQUEST_METHOD"), _path(environ)
        if isinstance(error, NotImplementedError):
            logger.error("moto_ext server: %s %s: %s", method, path, error)
        else:
            logger.exception("moto_ext server: %s %s failed", method, path)
        try:
            signed = environ.get("HTTP_AUTHORIZATION", "").startswith("AWS4-")
            backend = self.backend_of(environ, path) if signed else environ.get(BACKEND_KEY)
        except Exception:
            backend = None
        protocol = service_protocol(backend)
        if isinstance(error, NotImplementedError):
            return aws_error(501, "NotImplemented", f"{error} (moto_ext server: {method} {path}).", protocol)
        return aws_error(
            500,
            "InternalFailure",
            f"The mock failed on {method} {path}: {type(error).__name__}: {error}. The server's log has the traceback.",
            protocol,
        )

    # --- derived from the botocore models, once --------------------------------------------------
    @cached_property
    def _models(self) -> dict[str, Any]:
        from moto.core.utils import get_service_model

        return {service.name: get_service_model(service.boto3_name) for service in registry.services(registry.BOTOCORE)}

    @cached_property
    def _protocols(self) -> dict[str, str]:
        return {backend: str(model.protocol) for backend, model in self._models.items()}

    @cached_property
    def _rest_routes(self) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
        """(method, path pattern) of every operation of moto_ext's REST services, by backend."""
        routes: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for backend, model in self._models.items():
            if model.protocol != "rest-json":
                continue
            for name in model.operation_names:
                http = model.operation_model(name).http
                template = http["requestUri"].split("?", 1)[0]
                pattern = re.sub(r"\\\{[^}]+\\\+\\\}", ".+", re.escape(template))
                pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", pattern)
                routes.setdefault(backend, []).append((http["method"], re.compile(f"^{pattern}/?$")))
        return routes


def _missing_authentication(what: str) -> Answer:
    return aws_error(
        403,
        "MissingAuthenticationTokenException",
        f"Missing Authentication Token: the request ({what}) is not signed. The server tells services apart "
        "by the SigV4 credential scope: sign it (any access key works), e.g. with an AWS SDK pointed at the server.",
    )


__all__ = ["Dispatcher", "MotoExtApp", "ext_services"]
