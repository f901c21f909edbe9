"""``/moto-ext-api/``: the test-time controls of the mock handle, over HTTP.

Everything goes through one ``MockExt`` handle the server owns (never started: only its controls
are used), so the checks are the handle's own and ``reset`` undoes what was set, as leaving a mock
does. JSON in, JSON out; a bad call gets 400 (404 for an unknown resource or fault) and a message.

Besides the controls every service shares, each service of the registry may declare its own
(``Service.controls``: ``(path, backend method)``): ``POST /moto-ext-api/<service>/<path>`` calls
that method of the service's default backend with the JSON body's members as keyword arguments.
"""

import inspect
import itertools
import json
import threading
import typing
from typing import Any

from moto.moto_api import state_manager

from moto_ext.core import faults, lifecycle, registry
from moto_ext.core.mock import MockExt

from .errors import Answer, json_answer

PREFIX = "/moto-ext-api"

# name: (accepted types, check, what it must be)
_FAULT_FIELDS: dict[str, tuple[tuple[type, ...], Any, str]] = {
    "service": ((str,), None, "a service name"),
    "operation": ((str,), None, "an operation name, or *"),
    "error": ((str, type(None)), None, "an error code of the operation, or null"),
    "message": ((str,), None, "a string"),
    "count": ((int, type(None)), lambda v: v is None or v >= 1, "a positive integer, or null"),
    "fraction": ((int, float, type(None)), lambda v: v is None or 0 <= v <= 1, "a number from 0 to 1, or null"),
    "seed": ((int, type(None)), None, "an integer, or null"),
    "delay": ((int, float), lambda v: v >= 0, "a number of seconds >= 0"),
    "members": ((dict,), None, "an object of the error's members"),
}


class ControlError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _bad(message: str) -> ControlError:
    return ControlError(400, "BadRequest", message)


class Controls:
    """The server's control surface; one per server."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handle = MockExt()
        self._ids = itertools.count(1)
        self._faults: dict[int, faults.FaultRule] = {}

    # --- entry point ---------------------------------------------------------------------------
    def answer(self, method: str, path: str, body: bytes) -> Answer:
        route = path[len(PREFIX) :].strip("/")
        try:
            payload = self._payload(body)
            with self._lock:
                status, result = self._dispatch(method, route, payload)
        except ControlError as error:
            return json_answer(error.status, {"error": error.code, "message": error.message})
        except ValueError as error:  # the core's "not a status / not a modeled error" checks
            return json_answer(400, {"error": "BadRequest", "message": str(error)})
        return json_answer(status, result)

    def _dispatch(self, method: str, route: str, payload: dict[str, Any]) -> tuple[int, Any]:
        if route == "" and method == "GET":
            return 200, self.index()
        if route == "kinds" and method == "GET":
            return 200, {"kinds": self.kinds()}
        if route == "reset" and method == "POST":
            self.reset()
            return 200, {"status": "ok"}
        if route == "progression" and method == "POST":
            return 200, self.set_progression(payload)
        if route == "progression" and method == "DELETE":
            state_manager.unset_transition(self._kind(payload).name)
            return 200, {"status": "ok"}
        if route == "outcome" and method == "POST":
            return 200, self.set_outcome(payload)
        if route == "outcome" and method == "DELETE":
            return 200, self.clear_outcome(payload)
        if route == "status" and method == "POST":
            return 200, self.set_status(payload)
        if route == "faults" and method == "GET":
            return 200, {"faults": [self._describe_fault(i, r) for i, r in self._faults.items()]}
        if route == "faults" and method == "POST":
            return 201, self.add_fault(payload)
        if route == "faults" and method == "DELETE":
            for rule in self._faults.values():
                faults.remove(rule)
            removed = len(self._faults)
            self._faults.clear()
            return 200, {"removed": removed}
        if route.startswith("faults/") and method == "DELETE":
            return 200, self.remove_fault(route[len("faults/") :])
        control = _service_controls().get(route)
        if control is not None and method == "POST":
            return 201, self.service_control(*control, payload)
        known = [f"{m} {PREFIX}/{r}" for m, r in endpoints()]
        raise ControlError(404, "NotFound", f"no control endpoint {method} {PREFIX}/{route}; known: {', '.join(known)}")

    # --- the controls --------------------------------------------------------------------------
    def index(self) -> dict[str, Any]:
        from moto_ext import __version__

        return {"moto_ext": __version__, "endpoints": [f"{m} {PREFIX}/{r}" for m, r in endpoints()]}

    def kinds(self) -> dict[str, Any]:
        return {
            name: {
                "steps": [{"from": a, "to": b} for a, b in kind.steps.items()],
                "failures": [{"from": a, "to": b} for a, b in kind.failures.items()],
                "statuses": sorted(kind.statuses, key=str),
                "transition": state_manager.get_transition(name),
            }
            for name, kind in sorted(lifecycle.KINDS.items())
        }

    def reset(self) -> None:
        """Undo every setting: this server's faults and outcomes, and every kind's progression."""
        self.reset_settings()
        from moto.moto_api._internal.models import moto_api_backend

        moto_api_backend.reset()

    def reset_settings(self) -> None:
        # the handle keeps what it set; undoing it is what leaving a mock does
        self._handle._undo_settings()
        self._faults.clear()
        # progressions set through moto's /moto-api/state-manager too: moto's reset keeps them
        for name in list(lifecycle.KINDS):
            state_manager.unset_transition(name)

    def set_progression(self, payload: dict[str, Any]) -> dict[str, Any]:
        kind = self._kind(payload)
        progression = payload.get("progression", "immediate")
        times, seconds = payload.get("times", 1), payload.get("seconds", 0)
        if not isinstance(times, int) or isinstance(times, bool) or times < 1:
            raise _bad("times must be a positive integer")
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
            raise _bad("seconds must be a number >= 0")
        self._handle.set_progression(kind.name, progression, times=times, seconds=seconds)
        return {"kind": kind.name, "transition": state_manager.get_transition(kind.name)}

    def set_outcome(self, payload: dict[str, Any]) -> dict[str, Any]:
        kind = self._kind(payload)
        status = self._required(payload, "status")
        self._handle.set_outcome(kind.name, status)
        return {"kind": kind.name, "from": kind.failure_sources(status), "status": status}

    def clear_outcome(self, payload: dict[str, Any]) -> dict[str, Any]:
        kind = self._kind(payload)
        sources = kind.failure_sources(payload["status"]) if "status" in payload else list(kind.steps)
        for source in sources:
            lifecycle.clear_outcome(kind.name, source)
        return {"kind": kind.name, "cleared": sources}

    def set_status(self, payload: dict[str, Any]) -> dict[str, Any]:
        resource_id = self._required(payload, "resource_id")
        status = self._required(payload, "status")
        try:
            self._handle.set_status(resource_id, status)
        except KeyError as error:  # lifecycle.find: no resource known by that id
            raise ControlError(404, "NotFound", error.args[0]) from None
        return {"resource_id": resource_id, "status": status}

    def add_fault(self, payload: dict[str, Any]) -> dict[str, Any]:
        for name in ("service", "operation"):
            self._required(payload, name)
        unknown = set(payload) - set(_FAULT_FIELDS)
        if unknown:
            raise _bad(f"unknown fields {sorted(unknown)}; a fault takes {sorted(_FAULT_FIELDS)}")
        for name, value in payload.items():
            types, check, what = _FAULT_FIELDS[name]
            if isinstance(value, bool) or not isinstance(value, types) or (check and not check(value)):
                raise _bad(f"{name} must be {what}, not {value!r}")
        members = payload.pop("members", {})
        rule = self._handle.inject_fault(**payload, **members)
        fault_id = next(self._ids)
        self._faults[fault_id] = rule
        return self._describe_fault(fault_id, rule)

    def remove_fault(self, fault_id: str) -> dict[str, Any]:
        rule = self._faults.pop(int(fault_id), None) if fault_id.isdigit() else None
        if rule is None:
            raise ControlError(404, "NotFound", f"no fault {fault_id!r}; known: {sorted(self._faults)}")
        faults.remove(rule)
        return {"removed": int(fault_id)}

    def service_control(self, service: str, method_name: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Call a service's control method on its default backend with the body's members."""
        method = getattr(self._handle.backend(service), method_name)
        signature = inspect.signature(method)
        try:
            bound = signature.bind(**payload)
        except TypeError as error:
            raise _bad(f"{error}; {service} {method_name} takes {list(signature.parameters)}") from None
        hints = typing.get_type_hints(method)
        for name, value in bound.arguments.items():
            if value is None and signature.parameters[name].default is not None:
                raise _bad(f"{name} is required")
            expected = hints.get(name)
            if isinstance(expected, type) and (
                isinstance(value, bool) != (expected is bool) or not isinstance(value, expected)
            ):
                raise _bad(f"{name} must be {_JSON_TYPES.get(expected, expected.__name__)}, not {value!r}")
        result = method(*bound.args, **bound.kwargs)
        return {"service": service, "control": method_name, "arguments": sorted(bound.arguments), "result": result}

    # --- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _describe_fault(fault_id: int, rule: faults.FaultRule) -> dict[str, Any]:
        return {
            "id": fault_id,
            "service": rule.service,
            "operation": rule.operation,
            "error": rule.error,
            "message": rule.message,
            "count": rule.count,
            "fraction": rule.fraction,
            "seed": rule.seed,
            "delay": rule.delay,
            "members": rule.members,
            "fired": rule.fired,
        }

    @staticmethod
    def _payload(body: bytes) -> dict[str, Any]:
        if not body.strip():
            return {}
        try:
            payload = json.loads(body)
        except ValueError as error:
            raise _bad(f"the body is not JSON: {error}") from None
        if not isinstance(payload, dict):
            raise _bad("the body must be a JSON object")
        return payload

    @staticmethod
    def _required(payload: dict[str, Any], name: str) -> Any:
        if payload.get(name) is None:
            raise _bad(f"{name} is required")
        return payload[name]

    def _kind(self, payload: dict[str, Any]) -> lifecycle.LifecycleKind:
        try:
            return lifecycle.kind(self._required(payload, "kind"))
        except KeyError as error:
            raise _bad(error.args[0]) from None


_JSON_TYPES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    dict: "an object",
    list: "an array",
}

#: the controls every server has
ENDPOINTS = [
    ("GET", ""),
    ("GET", "kinds"),
    ("POST", "reset"),
    ("POST", "progression"),
    ("DELETE", "progression"),
    ("POST", "outcome"),
    ("DELETE", "outcome"),
    ("POST", "status"),
    ("GET", "faults"),
    ("POST", "faults"),
    ("DELETE", "faults"),
    ("DELETE", "faults/{id}"),
]


def _service_controls() -> dict[str, tuple[str, str]]:
    """``<service>/<path>`` -> (service, backend method), from the registry."""
    return {
        f"{service.name}/{path}": (service.name, method)
        for service in registry.services()
        for path, method in service.controls
    }


def endpoints() -> list[tuple[str, str]]:
    """(method, path under the prefix) of every control, the services' included."""
    return ENDPOINTS + [("POST", route) for route in _service_controls()]
