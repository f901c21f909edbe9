"""Plug moto_ext's services into moto (see DESIGN.md, "How it plugs into moto").

``install()`` runs when ``moto_ext`` is imported and is idempotent. After it, moto's request
routing (the botocore stubber, the ``responses`` mock and server mode, which all read
``moto.backend_index.backend_url_patterns`` and resolve names with ``moto.backends.get_backend``)
serves moto_ext's AWS services too, so a plain ``mock_aws`` reaches them.
"""

import importlib
import os
import re
import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import botocore.loaders
import moto.backend_index as backend_index
import moto.backends as moto_backends
from botocore.handlers import BUILTIN_HANDLERS

from . import speedups

#: moto service name -> the moto_ext package with its models.py (``<name>_backends``) and urls.py
AWS_SERVICES = {
    "lookoutvision": "moto_ext.lookoutvision",
    "machinelearning": "moto_ext.machinelearning",
    "neptunedata": "moto_ext.neptunedata",
}

def boto3_name(service: str) -> str:
    """The botocore model name of a moto service name."""
    from moto.core.responses import boto3_service_name

    return boto3_service_name.get(service, service)


DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")

_installed = False
_install_lock = threading.Lock()
_moto_get_backend = moto_backends.get_backend


def get_backend(name: str) -> Any:
    """moto's ``get_backend``, knowing moto_ext's services as well."""
    package = AWS_SERVICES.get(name.replace("-", ""))
    if package is None:
        return _moto_get_backend(name)  # type: ignore[call-overload]
    module = importlib.import_module(f"{package}.models")
    return getattr(module, f"{name.replace('-', '')}_backends")


def _register_url_patterns() -> None:
    known = {service for service, _ in backend_index.backend_url_patterns}
    added = []
    for service, package in AWS_SERVICES.items():
        if service in known:
            continue
        urls = importlib.import_module(f"{package}.urls")
        for base in urls.url_bases:
            added.append((service, re.compile(base)))
    # Rekognition is moto's, far down the list moto's stubber walks on every request: it joins
    # moto_ext's patterns at the front (first match wins, and no other pattern matches its host).
    rekognition = [entry for entry in backend_index.backend_url_patterns if entry[0] == "rekognition"]
    for entry in rekognition:
        backend_index.backend_url_patterns.remove(entry)
    # In place, at the front: moto's stubber and server hold a reference to this very list.
    backend_index.backend_url_patterns[0:0] = added + rekognition


def _add_data_path() -> None:
    """Let botocore and moto's loader find models botocore no longer ships (Lookout for Vision).

    The folder goes after botocore's own data, so a botocore that still ships a model (1.40.60
    for Lookout for Vision) keeps using its native copy.
    """
    loader_class = botocore.loaders.Loader
    if getattr(loader_class, "_moto_ext_data_path", None):
        return
    original = loader_class.search_paths

    def search_paths(self: Any) -> list[str]:
        paths = original.fget(self)  # type: ignore[attr-defined]
        if DATA_PATH not in paths:
            paths.append(DATA_PATH)
        return paths

    loader_class.search_paths = property(search_paths)  # type: ignore[assignment,method-assign]
    loader_class._moto_ext_data_path = True  # type: ignore[attr-defined]


def _signed_region(request: Any) -> str:
    """The region of the SigV4 credential scope (the host of a cluster endpoint says nothing)."""
    authorization = request.headers.get("Authorization", b"")
    if isinstance(authorization, bytes):
        authorization = authorization.decode("utf-8", "replace")
    match = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", authorization)
    return match.group(1) if match else "us-east-1"


def redirect_to_mock(host_template: str) -> Any:
    """A before-send handler that sends a request, whatever its host, to the mocked endpoint.

    botocore sends neptunedata calls to the cluster endpoint the client names, and Machine
    Learning's Predict to the host its PredictEndpoint names: moto's URL patterns match neither.
    While moto's mock is on, the URL is rewritten to ``host_template`` (formatted with the
    signed region) and the handler returns None, so moto's stubber answers it once.
    """

    def handler(request: Any, **_: Any) -> None:
        from moto.core.models import botocore_stubber

        if not botocore_stubber.enabled:
            return None
        parts = urlsplit(request.url)
        host = host_template.format(region=_signed_region(request))
        request.url = urlunsplit(("https", host, parts.path, parts.query, parts.fragment))
        return None

    return handler


NEPTUNEDATA_REDIRECT = redirect_to_mock("neptune-db.{region}.amazonaws.com")
PREDICT_REDIRECT = redirect_to_mock("machinelearning.{region}.amazonaws.com")


def _register_redirects() -> None:
    BUILTIN_HANDLERS.append(("before-send.neptunedata", NEPTUNEDATA_REDIRECT))
    BUILTIN_HANDLERS.append(("before-send.machine-learning.Predict", PREDICT_REDIRECT))


def _extend_rekognition() -> None:
    """Serve Rekognition with moto_ext's subclass of moto's response: one handler, both surfaces."""
    import moto.rekognition.urls as moto_rekognition_urls

    from moto_ext.rekognition.urls import url_paths

    moto_rekognition_urls.url_paths.clear()
    moto_rekognition_urls.url_paths.update(url_paths)


def install() -> None:
    global _installed
    with _install_lock:
        if _installed:
            return
        _add_data_path()
        speedups.apply()
        moto_backends.get_backend = get_backend  # type: ignore[assignment]
        _register_url_patterns()
        _register_redirects()
        _extend_rekognition()
        _installed = True
        import moto_ext.modelarts  # noqa: F401  (adds ModelArts's responses callbacks to the mock's start/stop hooks)
