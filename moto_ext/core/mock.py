"""``mock_ext``: moto's ``mock_aws`` plus moto_ext's services, and the handle tests control them with.

It wraps a ``mock_aws`` instance rather than subclassing ``MockAWS`` (whose class-level nesting
count a subclass would split in two), so nesting and mixing with plain ``mock_aws`` behave.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from moto import mock_aws
from moto.core.base_backend import BackendDict
from moto.core.models import MockAWS
from moto.moto_api import state_manager

from . import faults, lifecycle, registry, requests_transport
from .install import install

_active_count = 0


class MockExt:
    """The handle: ``with mock_ext() as m``, ``m = mock_ext(); m.start()``, or the fixture's value."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        install()
        self._config = config
        self._moto = mock_aws(config=config) if config else mock_aws()  # type: ignore[call-overload]
        self._transitions_set: set[str] = set()
        self._outcomes_set: list[tuple[str, Any]] = []
        self._faults: list[faults.FaultRule] = []

    # --- entering and leaving -----------------------------------------------------------------
    def start(self, reset: bool = True) -> MockExt:
        global _active_count
        self._moto.start(reset=reset)
        _active_count += 1
        if _active_count == 1:
            # a service's start hook runs after moto's start (which resets moto's responses mock)
            for service in registry.services():
                service.start()
            requests_transport.start()
        return self

    def stop(self, remove_data: bool = True) -> None:
        global _active_count
        self._undo_settings()
        _active_count -= 1
        if _active_count == 0:
            for service in registry.services():
                service.stop()
            requests_transport.stop()
        self._moto.stop(remove_data=remove_data)

    def __enter__(self) -> MockExt:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def __call__(self, func: Any, reset: bool = True, remove_data: bool = True) -> Any:
        if inspect.isclass(func):
            return self._decorate_class(func)
        return self._decorate_callable(func, reset, remove_data)

    def _decorate_callable(self, func: Callable[..., Any], reset: bool = True, remove_data: bool = True) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            # a fresh handle per call: settings of one test never reach the next
            handle = MockExt(self._config)
            handle.start(reset=reset)
            try:
                return func(*args, **kwargs)
            finally:
                handle.stop(remove_data=remove_data)

        return wrapper

    def _decorate_class(self, klass: type) -> type:
        # moto's rules for which methods to wrap, and how (setUp resets, a test keeps setUp's
        # data), apply unchanged: its class decorator only calls ``self(method, reset=...,
        # remove_data=...)``, which here wraps the method in a moto_ext handle.
        return MockAWS._decorate_class(self, klass)  # type: ignore[arg-type]

    # --- test-time controls -------------------------------------------------------------------
    def backend(self, service: str, account_id: str | None = None, region: str | None = None) -> Any:
        """The backend of ``service`` for an account (default: the current one) and region."""
        return registry.get(service).backend(account_id, region)

    def register_endpoint(self, service: str, url: str) -> None:
        """Answer ``requests``-based clients of ``service`` that use ``url`` (``http://localhost:8182``,
        a custom DNS name) as its mock, until the mock ends."""
        requests_transport.register_endpoint(service, url, active=_active_count > 0)

    def set_progression(self, kind: str, progression: str = "immediate", *, times: int = 1, seconds: float = 0) -> None:
        """How in-progress statuses of a kind move: immediate, manual (after ``times`` reads), time."""
        lifecycle.kind(kind)
        if progression not in ("immediate", "manual", "time"):
            raise ValueError("progression is one of immediate, manual, time")
        transition: dict[str, Any] = {"progression": progression}
        if progression == "manual":
            transition["times"] = times
        if progression == "time":
            transition["seconds"] = seconds
        state_manager.set_transition(kind, transition)
        self._transitions_set.add(kind)

    def set_outcome(self, kind: str, status: Any) -> None:
        """Make resources of ``kind`` settle in the failure ``status`` (e.g. TRAINING_FAILED)."""
        self._outcomes_set.extend(lifecycle.set_outcome(kind, status))

    def set_status(self, resource_id: str, status: Any) -> None:
        """Put one resource (by ARN or id) in any status of its kind, now."""
        resource = lifecycle.find(resource_id)
        if status not in resource.kind.statuses:
            raise ValueError(
                f"{status!r} is not a status of {resource.kind.name}: {sorted(map(str, resource.kind.statuses))}"
            )
        resource.force(status)

    def inject_fault(
        self,
        service: str,
        operation: str,
        error: str | None = None,
        *,
        message: str = "Fault injected by moto_ext.",
        count: int | None = None,
        fraction: float | None = None,
        seed: int | None = None,
        delay: float = 0.0,
        **members: Any,
    ) -> faults.FaultRule:
        """Fail (or delay) calls of an operation with one of its modeled errors, changing nothing."""
        faults.check(service, operation, error)
        rule = faults.add(
            faults.FaultRule(service, operation, error, message, count, fraction, seed, delay, dict(members))
        )
        self._faults.append(rule)
        return rule

    def reset(self) -> None:
        """Clear every backend (moto's and moto_ext's), as leaving the mock does."""
        BackendDict.reset()

    def _undo_settings(self) -> None:
        for kind in self._transitions_set:
            state_manager.unset_transition(kind)
        self._transitions_set.clear()
        for kind, source in self._outcomes_set:
            lifecycle.clear_outcome(kind, source)
        self._outcomes_set.clear()
        for rule in self._faults:
            faults.remove(rule)
        self._faults.clear()


def mock_ext(func: Any = None, *, config: dict[str, Any] | None = None) -> Any:
    """``@mock_ext``, ``@mock_ext()``, ``with mock_ext() as m``, or ``m = mock_ext(); m.start()``."""
    handle = MockExt(config)
    if func is not None:
        return handle(func)
    return handle
