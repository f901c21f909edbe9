"""Fault injection: make calls of an operation fail with one of its modeled errors, or slow down.

A fault is checked before the operation runs, so a failed call changes nothing. Rules are set
through the mock handle (``m.inject_fault``) and end with it.
"""

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from moto.core.exceptions import ServiceException

_lock = threading.Lock()
_rules: list["FaultRule"] = []


@dataclass(eq=False)
class FaultRule:
    service: str
    operation: str
    error: str | None = None
    message: str = "Fault injected by moto_ext."
    count: int | None = None  # fire on the next `count` calls; None: every call (or by fraction)
    fraction: float | None = None  # fire on this share of calls, drawn from a seeded generator
    seed: int | None = None
    delay: float = 0.0
    members: dict[str, Any] = field(default_factory=dict)
    fired: int = 0

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def should_fire(self) -> bool:
        if self.count is not None:
            return self.fired < self.count
        if self.fraction is not None:
            return self._random.random() < self.fraction
        return True


def _error_class(code: str) -> type[ServiceException]:
    # The module name must not start with "moto": moto's serializer would then look the code up
    # in a service named after the package (see DESIGN.md, pitfalls).
    return type(code, (ServiceException,), {"code": code, "__module__": "ext_faults"})


#: services outside botocore (ModelArts) name their operations and errors here
CUSTOM_OPERATIONS: dict[str, dict[str, set[str]]] = {}


def modeled_errors(service: str, operation: str) -> set[str]:
    """The error codes an operation may answer with, from its model."""
    if service in CUSTOM_OPERATIONS:
        operations = CUSTOM_OPERATIONS[service]
        if operation not in operations:
            raise ValueError(f"{service} has no operation {operation!r}: {sorted(operations)}")
        return operations[operation]
    from moto.core.utils import get_service_model

    from .registry import get

    model = get_service_model(get(service).boto3_name)
    if operation not in model.operation_names:
        raise ValueError(f"{service} has no operation {operation!r}")
    return {shape.name for shape in model.operation_model(operation).error_shapes}


def check(service: str, operation: str, error: str | None) -> None:
    allowed = modeled_errors(service, operation)
    if error is not None and error not in allowed:
        raise ValueError(f"{error} is not a modeled error of {service} {operation}: {sorted(allowed)}")


def add(rule: FaultRule) -> FaultRule:
    with _lock:
        _rules.append(rule)
    return rule


def remove(rule: FaultRule) -> None:
    with _lock:
        if rule in _rules:
            _rules.remove(rule)


def before_call(service: str, operation: str) -> None:
    """Raise or delay the call if a rule says so."""
    fire: FaultRule | None = None
    delay = 0.0
    with _lock:
        for rule in _rules:
            if rule.service != service or rule.operation not in (operation, "*"):
                continue
            if rule.should_fire():
                rule.fired += 1
                delay = max(delay, rule.delay)
                if rule.error and fire is None:
                    fire = rule
    if delay:
        time.sleep(delay)
    if fire is not None:
        error = _error_class(fire.error)(fire.message)  # type: ignore[arg-type]
        for name, value in fire.members.items():
            setattr(error, name, value)
        raise error
