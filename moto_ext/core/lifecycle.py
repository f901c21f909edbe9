"""Status progression for long-running resources, controlled per resource kind from tests.

A kind (``"lookoutvision.model"``) declares which statuses are in progress and where each one
settles, on success and on failure. Every resource of that kind carries a ``Lifecycle``. The
backends call ``observe()`` whenever a read reports the resource (Describe*, Get*, List*):
that is the moment the status may move, following the kind's progression:

- ``immediate`` (default): each look moves an in-progress status one step, so a program that
  polls in order to act on an intermediate status (stop a STARTING model) sees it; a look made by
  a botocore waiter (``aws ... wait`` included: botocore marks a waiter's requests in their
  User-Agent) settles the resource at once, so every waiter returns on its first poll;
- ``manual``: one step after ``times`` looks;
- ``time``: one step each ``seconds`` seconds of real time, whoever calls and whatever they
  call: ``tick()``, run before every request a service answers, moves every in-progress
  resource of a kind in ``time`` mode to where the clock says (reads, lists, the precondition
  checks of writes and Detect/Predict calls all see the same status).

Reading a status (``lifecycle.status``) never changes anything: only ``observe()`` (any
operation that looks at the resource), ``begin``/``force`` and the engine move it. What a status
change means for the resource (entries that join a dataset, a model that is gone) is said once,
in the resource's ``on_change`` hook, which the engine calls after every change, whoever caused
it. A kind's ``gone`` statuses mean the resource no longer exists: the engine calls the
resource's ``on_gone`` (which removes it from its backend) as it enters one, so Describe, Get and
every List stop showing it at the same moment.

The progression is stored in moto's state manager under the kind's name, so moto's
``/moto-api/state-manager`` endpoints drive it too. Outcome overrides (``set_outcome``) make a
kind's in-progress status settle in a failure status instead, and ``force`` puts one resource
in any status. What a mock handle sets is undone when the handle stops (see core.mock).
"""

import threading
import time
import weakref
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from moto.moto_api import state_manager

_lock = threading.RLock()

KINDS: dict[str, "LifecycleKind"] = {}
# kind name -> {in-progress status: status it settles in}, set by tests through the handle
_outcome_overrides: dict[str, dict[Any, Any]] = {}
# resource id (ARN, job id ...) -> its lifecycle, so a test can force one resource by id
_tracked: "weakref.WeakValueDictionary[str, Lifecycle]" = weakref.WeakValueDictionary()
# kind name -> the lifecycles of that kind in an in-progress status: what tick() may have to move
_moving: "dict[str, weakref.WeakSet[Lifecycle]]" = {}
# whether the request being answered comes from a botocore waiter
_waiter_request: ContextVar[bool] = ContextVar("moto_ext_waiter_request", default=False)


def progression(kind_name: str) -> dict[str, Any]:
    """The progression of a kind: ``{"progression": "immediate" | "manual" | "time", ...}``."""
    return state_manager.get_transition(kind_name)  # type: ignore[no-any-return]


class answering:  # noqa: N801 - used as a function: ``with lifecycle.answering(waiter=...)``
    """The frame of one request: the clock catches up first (``tick``), and looks made while it
    lasts count as a waiter's when ``waiter``. (A class, not a generator: every request enters one.)"""

    __slots__ = ("_token", "_waiter")

    def __init__(self, *, waiter: bool = False) -> None:
        self._waiter = waiter

    def __enter__(self) -> None:
        tick()
        self._token = _waiter_request.set(self._waiter)

    def __exit__(self, *_: Any) -> None:
        _waiter_request.reset(self._token)


def tick() -> None:
    """Move every in-progress resource of a kind in ``time`` mode to where the clock says (the
    kinds in another mode cost one look-up each, whatever number of resources they hold)."""
    if not any(list(_moving.values())):
        return  # nothing in progress anywhere
    with _lock:
        for name, group in list(_moving.items()):
            if group and progression(name).get("progression") == "time":
                for lifecycle in list(group):
                    lifecycle._catch_up()


def moving(kind_names: Iterable[str]) -> "list[Lifecycle]":
    """The lifecycles of these kinds that are in an in-progress status."""
    with _lock:
        return [lifecycle for name in kind_names for lifecycle in list(_moving.get(name, ()))]


class LifecycleKind:
    """The statuses of one kind of resource and how in-progress ones settle."""

    def __init__(
        self,
        name: str,
        steps: dict[Any, Any],
        failures: dict[Any, Any] | None = None,
        statuses: Iterable[Any] = (),
        gone: Iterable[Any] = (),
    ) -> None:
        self.name = name
        self.steps = dict(steps)
        self.failures = dict(failures or {})
        #: statuses in which the resource no longer exists (removed from its backend on entry)
        self.gone = frozenset(gone)
        known = set(statuses) | set(self.steps) | set(self.steps.values()) | set(self.failures.values()) | self.gone
        self.statuses = known
        KINDS[name] = self
        state_manager.register_default_transition(name, {"progression": "immediate"})

    def next_status(self, status: Any) -> Any:
        overrides = _outcome_overrides.get(self.name, {})
        if status in overrides:
            return overrides[status]
        return self.steps.get(status, status)

    def in_progress(self, status: Any) -> bool:
        return status in self.steps

    def failure_sources(self, failure_status: Any) -> list[Any]:
        """The in-progress statuses that settle in ``failure_status`` when they fail."""
        sources = [source for source, failure in self.failures.items() if failure == failure_status]
        sources = sources or [source for source, target in self.steps.items() if target == failure_status]
        if not sources:
            raise ValueError(
                f"{failure_status!r} is not an outcome of any in-progress status of {self.name}; "
                f"known failures: {sorted(map(str, self.failures.values()))}"
            )
        return sources


class Lifecycle:
    """The status of one resource, moved forward by reads according to its kind's settings."""

    def __init__(
        self,
        kind: LifecycleKind | str,
        status: Any,
        ids: Iterable[str] = (),
        *,
        on_change: Callable[[Any, Any], None] | None = None,
        on_gone: Callable[[], None] | None = None,
        may_step: Callable[[Any], bool] | None = None,
    ) -> None:
        self.kind = KINDS[kind] if isinstance(kind, str) else kind
        self._status = status
        self._reads = 0
        self._since = time.monotonic()
        #: called as ``on_change(old, new)`` after every change of status
        self.on_change = on_change
        #: called once when the status enters one of the kind's ``gone`` statuses
        self.on_gone = on_gone
        #: asked before a progression step from the current status: False holds the resource there
        #: (a job queued behind its inputs); it may also settle it (``force``) instead
        self.may_step = may_step
        self._ids = list(ids)
        # in-progress status -> the status this one resource settles in (a known failure)
        self._outcomes: dict[Any, Any] = {}
        for resource_id in self._ids:
            _tracked[resource_id] = self
        if self.kind.in_progress(status):
            _moving.setdefault(self.kind.name, weakref.WeakSet()).add(self)

    def settle_in(self, in_progress: Any, status: Any | None) -> None:
        """Make this resource settle in ``status`` when it leaves ``in_progress`` by progression
        (a job whose input is known to be bad fails when it ends); None: as its kind says. A
        forced status is kept as forced."""
        if status is None:
            self._outcomes.pop(in_progress, None)
        else:
            self._outcomes[in_progress] = status

    @property
    def gone(self) -> bool:
        return self._status in self.kind.gone

    @property
    def status(self) -> Any:
        """The current status, without counting as a read."""
        return self._status

    def begin(self, status: Any) -> None:
        """Enter a (usually in-progress) status as the result of an action."""
        with _lock:
            self._reads = 0
            self._since = time.monotonic()
            self._enter(status)

    force = begin

    def _enter(self, status: Any) -> None:
        old, self._status = self._status, status
        group = _moving.setdefault(self.kind.name, weakref.WeakSet())
        if self.kind.in_progress(status):
            group.add(self)
        else:
            group.discard(self)
        if old == status:
            return
        if self.on_change is not None:
            self.on_change(old, status)
        if status in self.kind.gone:
            for resource_id in self._ids:
                if _tracked.get(resource_id) is self:
                    del _tracked[resource_id]
            if self.on_gone is not None:
                self.on_gone()

    def observe(self) -> Any:
        """Count a look at this resource (by any operation); move the status as the progression says."""
        with _lock:
            if not self.kind.in_progress(self._status):
                return self._status
            config = progression(self.kind.name)
            mode = config.get("progression", "immediate")
            if mode == "manual":
                self._reads += 1
                if self._reads >= int(config.get("times", 1)):
                    self._step()
            elif mode == "time":
                self._catch_up(config)
            elif _waiter_request.get():
                # a waiter's poll: settle (bounded: a kind's steps can not chain longer than this)
                for _ in range(len(self.kind.steps) + 1):
                    if not self.kind.in_progress(self._status) or not self._step():
                        break
            else:
                self._step()
            return self._status

    def _catch_up(self, config: dict[str, Any] | None = None) -> None:
        """``time`` mode: take every step whose interval has passed since the status began."""
        interval = float((config or progression(self.kind.name)).get("seconds", 0))
        while self.kind.in_progress(self._status) and time.monotonic() - self._since >= interval:
            if not self._step(keep_clock=True):
                break
            self._since += interval
            if interval <= 0:
                break

    def _step(self, keep_clock: bool = False) -> bool:
        """One progression step; False if the resource holds where it is (``may_step``)."""
        status = self._status
        if self.may_step is not None and (not self.may_step(status) or self._status != status):
            return False
        self._reads = 0
        self._enter(self._outcomes.get(status) or self.kind.next_status(status))
        if not keep_clock:
            self._since = time.monotonic()
        return True


def kind(name: str) -> LifecycleKind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown resource kind {name!r}; known kinds: {', '.join(sorted(KINDS))}") from None


def set_outcome(kind_name: str, status: Any) -> list[tuple[str, Any]]:
    """Make resources of a kind settle in ``status`` from every in-progress status that can fail so."""
    sources = kind(kind_name).failure_sources(status)
    with _lock:
        overrides = _outcome_overrides.setdefault(kind_name, {})
        for source in sources:
            overrides[source] = status
    return [(kind_name, source) for source in sources]


def clear_outcome(kind_name: str, source: Any) -> None:
    with _lock:
        overrides = _outcome_overrides.get(kind_name, {})
        overrides.pop(source, None)
        if not overrides:
            _outcome_overrides.pop(kind_name, None)


def find(resource_id: str) -> Lifecycle:
    try:
        return _tracked[resource_id]
    except KeyError:
        raise KeyError(f"no resource with a lifecycle is known as {resource_id!r}") from None
