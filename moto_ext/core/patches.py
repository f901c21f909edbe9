"""Every change moto_ext makes to moto, botocore and responses, in one place.

Each patch checks that what it replaces is there and shaped as expected, and fails with a clear
error naming the library's attribute if a release moved it (rather than misbehaving later). All
are idempotent: ``apply(services)`` runs once per process, through ``install()``.

- moto's backend lookup (``moto.backends.get_backend``) resolves registered services;
- their URL patterns go to the front of ``moto.backend_index.backend_url_patterns``, in place
  (moto's stubber and server hold a reference to that very list);
- for a service that extends one of moto's, moto's ``urls.url_paths`` point at moto_ext's
  subclass of moto's response class (one handler, both surfaces);
- botocore's model search path also reads moto_ext's ``data`` folder (models botocore dropped),
  and the ``endpoints.json`` shipped beside such a model joins botocore's endpoints data where
  botocore has no entry of its own (so ``get_available_regions`` lists the service's regions);
- moto's botocore stubber (the ``before-send`` handler every client gets from ``import moto``):
  first sends requests of clients that name hosts no pattern can know to the mocked host (a
  registry ``Redirect``), and turns a ``bytearray`` body into bytes (moto's request building
  takes it for form fields and fails), then lets the fast path (core/fastpath.py) answer
  moto_ext's own operations straight from botocore's event. Patching the stubber's
  class reaches every client, also those created before ``moto_ext`` was imported;
- two behaviour-preserving speed-ups of moto's per-request path (see ``DirectDictPicker``).
"""

from __future__ import annotations

import glob
import importlib
import json
import os
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .registry import BOTOCORE, ENDPOINT_HOST_HEADER, Service, find
from .sigv4 import signed_region

DATA_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")

_lock = threading.Lock()
_applied = False


class PatchError(RuntimeError):
    """A library no longer has what moto_ext patches: the installed version is not supported."""


def _require(owner: Any, name: str) -> Any:
    try:
        return getattr(owner, name)
    except AttributeError:
        where = getattr(owner, "__name__", repr(owner))
        raise PatchError(f"moto_ext patches {where}.{name}, which this version does not have") from None


# --- moto's backend lookup --------------------------------------------------------------------
def _patch_get_backend() -> None:
    import moto.backends as moto_backends

    original = _require(moto_backends, "get_backend")
    if getattr(original, "_moto_ext", False):
        return

    def get_backend(name: str) -> Any:
        service = find(name)
        if service is None or service.extends_moto or service.transport != BOTOCORE:
            return original(name)
        return service.backends

    get_backend._moto_ext = True  # type: ignore[attr-defined]
    moto_backends.get_backend = get_backend


def _patch_url_patterns(services: Iterable[Service]) -> None:
    import moto.backend_index as backend_index

    patterns = _require(backend_index, "backend_url_patterns")
    if not isinstance(patterns, list):
        raise PatchError("moto.backend_index.backend_url_patterns is no longer a list")
    front: list[tuple[str, Any]] = []
    for service in services:
        if service.extends_moto:
            # moto's own entry joins the front too: moto's stubber walks the list on every
            # request, first match wins, and no other pattern matches the service's host
            own = [entry for entry in patterns if entry[0] == service.name]
            for entry in own:
                patterns.remove(entry)
            front += own
        elif not any(name == service.name for name, _ in patterns):
            front += [(service.name, re.compile(base)) for base in service.url_bases]
    patterns[0:0] = front


def _patch_moto_routes(service: Service) -> None:
    # moto's routes module is light; the service's own (with its response class) loads lazily
    moto_urls = importlib.import_module(f"moto.{service.name}.urls")
    routes = _require(moto_urls, "url_paths")
    routes.clear()
    routes.update(service.url_paths)


# --- botocore ------------------------------------------------------------------------------------
def _patch_data_path() -> None:
    """Let botocore and moto's loader find models botocore no longer ships (Lookout for Vision).

    The folder goes after botocore's own data, so a botocore that still ships a model keeps
    using its native copy.
    """
    import botocore.loaders

    loader_class = botocore.loaders.Loader
    if getattr(loader_class, "_moto_ext_data_path", False):
        return
    original = _require(loader_class, "search_paths")
    if not isinstance(original, property):
        raise PatchError("botocore.loaders.Loader.search_paths is no longer a property")

    def search_paths(self: Any) -> list[str]:
        paths: list[str] = original.fget(self)  # type: ignore[misc]
        if DATA_PATH not in paths:
            paths.append(DATA_PATH)
        return paths

    loader_class.search_paths = property(search_paths)  # type: ignore[assignment,method-assign]
    loader_class._moto_ext_data_path = True  # type: ignore[attr-defined]


def shipped_endpoints() -> list[dict[str, Any]]:
    """The ``endpoints.json`` entries shipped beside moto_ext's models (``data/<service>/<version>/``)."""
    found = []
    for path in sorted(glob.glob(os.path.join(DATA_PATH, "*", "*", "endpoints.json"))):
        with open(path, encoding="utf-8") as file:
            found.append(json.load(file))
    return found


def merged_endpoints(endpoints: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``endpoints`` with the services of ``extra`` added to their partitions where the partition
    does not list them. Nothing is changed in place: botocore caches what its loader returns."""
    added = {partition["partition"]: partition["services"] for partition in extra.get("partitions", [])}
    partitions = []
    for partition in endpoints.get("partitions", []):
        missing = {
            name: service
            for name, service in added.get(partition.get("partition"), {}).items()
            if name not in partition.get("services", {})
        }
        if missing:
            partition = {**partition, "services": {**partition.get("services", {}), **missing}}
        partitions.append(partition)
    return {**endpoints, "partitions": partitions}


def _patch_endpoints_data() -> None:
    import botocore.loaders

    loader_class = botocore.loaders.Loader
    original = _require(loader_class, "load_data_with_path")
    if getattr(original, "_moto_ext", False):
        return
    shipped = shipped_endpoints()

    def load_data_with_path(self: Any, name: str) -> Any:
        data, path = original(self, name)
        if name == "endpoints" and isinstance(data, dict):
            for extra in shipped:
                data = merged_endpoints(data, extra)
        return data, path

    load_data_with_path._moto_ext = True  # type: ignore[attr-defined]
    loader_class.load_data_with_path = load_data_with_path  # type: ignore[method-assign]


def redirect_to(host_template: str) -> Any:
    """A function that sends a request, whatever its host, to the mocked host.

    Only while moto's mock is on: the URL is rewritten to ``host_template`` (formatted with the
    signed region: a cluster host says nothing reliable); moto's stubber then answers it.
    """

    def handler(request: Any, **_: Any) -> None:
        from moto.core.models import botocore_stubber

        if not botocore_stubber.enabled:
            return None
        parts = urlsplit(request.url)
        host = host_template.format(region=signed_region(request.headers))
        request.headers[ENDPOINT_HOST_HEADER] = parts.netloc
        request.url = urlunsplit(("https", host, parts.path, parts.query, parts.fragment))
        return None

    return handler


def _body_bytes(request: Any) -> None:
    """A ``bytearray`` or ``memoryview`` body becomes bytes (file objects moto reads itself)."""
    if isinstance(request.body, (bytearray, memoryview)):
        request.body = bytes(request.body)


def _patch_stubber(services: Iterable[Service]) -> None:
    from moto.core.botocore_stubber import BotocoreStubber

    original = _require(BotocoreStubber, "__call__")
    if getattr(original, "_moto_ext", False):
        return
    from .fastpath import FastPath

    services = list(services)
    # "before-send.neptunedata" covers every operation; "before-send.machine-learning.Predict" one
    redirects = [(redirect.event, redirect_to(redirect.host)) for s in services for redirect in s.redirects]
    fast_path = FastPath(services)

    def __call__(self: Any, event_name: str, request: Any, **kwargs: Any) -> Any:
        if self.enabled:
            for event, redirect in redirects:
                if event_name == event or event_name.startswith(event + "."):
                    redirect(request)
            _body_bytes(request)
            # botocore calls every before-send handler: an answer here is the only one
            answer = fast_path.answer(event_name, request)
            if answer is not None:
                return answer
        return original(self, event_name, request, **kwargs)

    __call__._moto_ext = True  # type: ignore[attr-defined]
    BotocoreStubber.__call__ = __call__  # type: ignore[method-assign]


def _patch_responses_registry() -> None:
    """moto's ``responses`` registry matches a request against every pattern it holds (some 200
    a method) before choosing; a URL moto_ext answers (ModelArts, IAM, Neptune's HTTP clients)
    is found among moto_ext's own callbacks first. Only when no user ``responses`` mock holds
    anything: a user's URLs keep winning, as moto decides."""
    import responses
    from moto.core.responses_custom_registry import CustomRegistry

    original = _require(CustomRegistry, "find")
    if getattr(original, "_moto_ext", False):
        return
    from moto.core.config import default_user_config
    from moto.core.custom_responses_mock import CallbackResponse

    from . import requests_transport

    _require(CallbackResponse, "matches")
    plain_match = super(CallbackResponse, CallbackResponse).matches  # responses' own

    def find(self: Any, request: Any) -> Any:
        if not responses._default_mock._registry.registered:
            passthrough = default_user_config.get("core", {}).get("passthrough", {})
            # moto's match adds a passthrough check that scans every URL pattern of moto's for
            # the service; with no passthrough configured it can only say "not passed through"
            plain = not passthrough.get("services") and not passthrough.get("urls")
            for response in requests_transport.callbacks(request.method):
                if (plain_match(response, request) if plain else response.matches(request))[0]:
                    return response, []
        return original(self, request)

    find._moto_ext = True  # type: ignore[attr-defined]
    CustomRegistry.find = find  # type: ignore[method-assign]


# --- speed-ups of moto's per-request path ----------------------------------------------------------
def _patch_speedups() -> None:
    """Three answers moto recomputes on every call although they never change:

    - ``camelcase_to_underscores`` of the action name (a pure function of a string): cached;
    - ``method_names_from_class`` walks a response class's whole MRO with ``inspect``: cached
      per class (response classes do not grow methods at run time);
    - the output value picker tries several spellings per member: a dict that holds the
      member's model name (and no response transformer applies) gives its value at once;
      anything else goes through moto's picker, so objects and aliases behave as before.
    """
    import moto.core.responses as moto_responses
    from moto.core.serialize import AttributePickerContext, XFormedAttributePicker

    if getattr(moto_responses, "_moto_ext_speedups", False):
        return
    _require(moto_responses, "XFormedAttributePicker")
    missing = object()

    class DirectDictPicker(XFormedAttributePicker):  # type: ignore[misc]
        def __call__(self, context: AttributePickerContext) -> Any:
            obj = context.obj
            if type(obj) is dict and not self.response_transformers:
                value = obj.get(context.key, missing)
                if value is not missing:
                    return value
            return super().__call__(context)

    moto_responses.method_names_from_class = lru_cache(maxsize=None)(
        _require(moto_responses, "method_names_from_class")
    )
    moto_responses.camelcase_to_underscores = lru_cache(maxsize=4096)(
        _require(moto_responses, "camelcase_to_underscores")
    )
    moto_responses.XFormedAttributePicker = DirectDictPicker  # type: ignore[misc]
    moto_responses._moto_ext_speedups = True  # type: ignore[attr-defined]


def apply(services: Iterable[Service]) -> None:
    global _applied
    services = list(services)
    with _lock:
        if _applied:
            return
        _patch_data_path()
        _patch_endpoints_data()
        _patch_speedups()
        _patch_responses_registry()
        _patch_get_backend()
        aws = [service for service in services if service.transport == BOTOCORE]
        _patch_url_patterns(aws)
        _patch_stubber(aws)
        for service in aws:
            if service.extends_moto:
                _patch_moto_routes(service)
        _applied = True
