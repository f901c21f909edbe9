"""core.lifecycle: progressions through moto's state manager, outcomes, force, on_change and gone."""

import gc
import itertools

import pytest
from moto.moto_api import state_manager

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import lifecycle
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind

_numbers = itertools.count()

STEPS = {"CREATING": "CREATED", "TRAINING": "TRAINED", "DELETING": "DELETED"}
FAILURES = {"CREATING": "CREATE_FAILED", "TRAINING": "TRAINING_FAILED"}


@pytest.fixture
def make_kind():
    """Kinds with names of their own; whatever they set in core and moto is removed afterwards."""
    names = []

    def make(steps=STEPS, failures=FAILURES, statuses=(), gone=("DELETED",)):
        name = f"coretest.widget{next(_numbers)}"
        names.append(name)
        return LifecycleKind(name, steps, failures, statuses=statuses, gone=gone)

    yield make
    for name in names:
        state_manager.unset_transition(name)
        state_manager._default_transitions.pop(name, None)
        lifecycle._outcome_overrides.pop(name, None)
        lifecycle.KINDS.pop(name, None)


@pytest.fixture
def kind(make_kind):
    return make_kind()


class Recorder:
    def __init__(self):
        self.changes = []
        self.gone = 0

    def on_change(self, old, new):
        self.changes.append((old, new))

    def on_gone(self):
        self.gone += 1


def _tracked(kind, status, ids=(), recorder=None):
    recorder = recorder or Recorder()
    return Lifecycle(kind, status, ids, on_change=recorder.on_change, on_gone=recorder.on_gone), recorder


# --- kinds --------------------------------------------------------------------------------------------
def test_a_kind_registers_itself_and_an_immediate_default(kind):
    assert lifecycle.kind(kind.name) is kind
    assert state_manager.get_transition(kind.name) == {"progression": "immediate"}
    assert kind.name in state_manager.get_registered_models()


def test_a_kind_knows_every_status_it_names(make_kind):
    kind = make_kind(statuses=("NEW",), gone=("DELETED", "PURGED"))
    assert kind.statuses == {
        "NEW", "CREATING", "CREATED", "TRAINING", "TRAINED", "DELETING", "DELETED",
        "CREATE_FAILED", "TRAINING_FAILED", "PURGED",
    }  # fmt: skip
    assert kind.gone == {"DELETED", "PURGED"}
    assert kind.in_progress("TRAINING") and not kind.in_progress("TRAINED")
    assert kind.next_status("TRAINING") == "TRAINED"
    assert kind.next_status("TRAINED") == "TRAINED"  # settled statuses stay


def test_unknown_kind_names_the_known_ones(kind):
    with pytest.raises(KeyError) as error:
        lifecycle.kind("coretest.nosuchkind")
    assert "coretest.nosuchkind" in str(error.value) and kind.name in str(error.value)
    with pytest.raises(KeyError):
        Lifecycle("coretest.nosuchkind", "CREATING")


def test_a_lifecycle_accepts_its_kind_by_name(kind):
    assert Lifecycle(kind.name, "CREATING").kind is kind


# --- progressions ---------------------------------------------------------------------------------------
def test_immediate_moves_one_step_per_observe(make_kind):
    kind = make_kind(steps={"QUEUED": "RUNNING", "RUNNING": "DONE"}, failures={})
    resource, recorder = _tracked(kind, "QUEUED")
    assert resource.observe() == "RUNNING"
    assert resource.observe() == "DONE"
    assert resource.observe() == "DONE"
    assert recorder.changes == [("QUEUED", "RUNNING"), ("RUNNING", "DONE")]


def test_reading_status_never_moves_it(kind):
    resource, recorder = _tracked(kind, "TRAINING", ["coretest-read-only"])
    for _ in range(5):
        assert resource.status == "TRAINING"
    assert resource.gone is False
    assert recorder.changes == []
    assert resource.observe() == "TRAINED"


def test_manual_moves_after_the_configured_number_of_observes(kind):
    state_manager.set_transition(kind.name, {"progression": "manual", "times": 3})
    resource, recorder = _tracked(kind, "TRAINING")
    assert [resource.observe() for _ in range(3)] == ["TRAINING", "TRAINING", "TRAINED"]
    assert recorder.changes == [("TRAINING", "TRAINED")]


def test_manual_count_restarts_when_the_resource_begins_again(kind):
    state_manager.set_transition(kind.name, {"progression": "manual", "times": 2})
    resource, _ = _tracked(kind, "CREATED")
    resource.begin("TRAINING")
    resource.observe()
    resource.begin("TRAINING")  # e.g. retrained: earlier reads no longer count
    assert resource.observe() == "TRAINING"
    assert resource.observe() == "TRAINED"


def test_unset_transition_falls_back_to_immediate(kind):
    state_manager.set_transition(kind.name, {"progression": "manual", "times": 5})
    resource, _ = _tracked(kind, "TRAINING")
    assert resource.observe() == "TRAINING"
    state_manager.unset_transition(kind.name)
    assert resource.observe() == "TRAINED"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(lifecycle, "time", fake)
    return fake


def test_time_moves_one_step_per_interval_and_catches_up(make_kind, clock):
    kind = make_kind(steps={"A": "B", "B": "C", "C": "D"}, failures={})
    state_manager.set_transition(kind.name, {"progression": "time", "seconds": 10})
    resource, recorder = _tracked(kind, "A")
    clock.now += 9.9
    assert resource.observe() == "A"
    clock.now += 0.1
    assert resource.observe() == "B"
    clock.now += 25  # two more intervals went by without a look
    assert resource.observe() == "D"
    assert recorder.changes == [("A", "B"), ("B", "C"), ("C", "D")]


def test_time_keeps_the_clock_of_partial_intervals(make_kind, clock):
    kind = make_kind(steps={"A": "B", "B": "C"}, failures={})
    state_manager.set_transition(kind.name, {"progression": "time", "seconds": 10})
    resource, _ = _tracked(kind, "A")
    clock.now += 15
    assert resource.observe() == "B"
    clock.now += 5  # 20 s since the start: the second interval is complete
    assert resource.observe() == "C"


def test_time_with_zero_seconds_moves_one_step_per_observe(make_kind, clock):
    kind = make_kind(steps={"A": "B", "B": "C"}, failures={})
    state_manager.set_transition(kind.name, {"progression": "time"})
    resource, _ = _tracked(kind, "A")
    assert resource.observe() == "B"
    assert resource.observe() == "C"


def test_time_clock_starts_when_the_resource_begins(kind, clock):
    state_manager.set_transition(kind.name, {"progression": "time", "seconds": 10})
    resource, _ = _tracked(kind, "CREATED")
    clock.now += 100
    resource.begin("TRAINING")
    clock.now += 5
    assert resource.observe() == "TRAINING"
    clock.now += 5
    assert resource.observe() == "TRAINED"


def test_observe_of_a_settled_status_changes_nothing(kind):
    resource, recorder = _tracked(kind, "TRAINED")
    assert resource.observe() == "TRAINED"
    assert recorder.changes == []


# --- outcomes ------------------------------------------------------------------------------------------
def test_set_outcome_makes_in_progress_statuses_fail_until_cleared(kind):
    assert lifecycle.set_outcome(kind.name, "TRAINING_FAILED") == [(kind.name, "TRAINING")]
    failing, recorder = _tracked(kind, "TRAINING")
    assert failing.observe() == "TRAINING_FAILED"
    assert recorder.changes == [("TRAINING", "TRAINING_FAILED")]
    # other in-progress statuses keep their usual outcome
    assert Lifecycle(kind, "CREATING").observe() == "CREATED"

    lifecycle.clear_outcome(kind.name, "TRAINING")
    assert Lifecycle(kind, "TRAINING").observe() == "TRAINED"
    assert kind.name not in lifecycle._outcome_overrides


def test_set_outcome_covers_every_source_of_a_shared_failure(make_kind):
    kind = make_kind(
        steps={"STARTING": "RUNNING", "UPDATING": "RUNNING"},
        failures={"STARTING": "FAILED", "UPDATING": "FAILED"},
        gone=(),
    )
    assert sorted(lifecycle.set_outcome(kind.name, "FAILED")) == [(kind.name, "STARTING"), (kind.name, "UPDATING")]
    assert Lifecycle(kind, "STARTING").observe() == "FAILED"
    assert Lifecycle(kind, "UPDATING").observe() == "FAILED"
    lifecycle.clear_outcome(kind.name, "STARTING")
    assert Lifecycle(kind, "STARTING").observe() == "RUNNING"
    assert Lifecycle(kind, "UPDATING").observe() == "FAILED"  # still overridden


def test_set_outcome_accepts_a_status_some_step_settles_in(kind):
    assert lifecycle.set_outcome(kind.name, "TRAINED") == [(kind.name, "TRAINING")]


def test_set_outcome_rejects_a_status_nothing_settles_in(kind):
    with pytest.raises(ValueError, match="CREATED_TWICE"):
        lifecycle.set_outcome(kind.name, "CREATED_TWICE")
    assert kind.name not in lifecycle._outcome_overrides
    with pytest.raises(KeyError):
        lifecycle.set_outcome("coretest.nosuchkind", "FAILED")


def test_clear_outcome_of_nothing_set_is_harmless(kind):
    lifecycle.clear_outcome(kind.name, "TRAINING")
    lifecycle.clear_outcome("coretest.nosuchkind", "TRAINING")
    assert Lifecycle(kind, "TRAINING").observe() == "TRAINED"


# --- force, on_change --------------------------------------------------------------------------------
def test_force_enters_any_status_and_reports_the_change(kind):
    resource, recorder = _tracked(kind, "TRAINED")
    resource.force("TRAINING_FAILED")
    assert resource.status == "TRAINING_FAILED"
    resource.force("TRAINING_FAILED")  # no change, no report
    assert recorder.changes == [("TRAINED", "TRAINING_FAILED")]


def test_on_change_sees_the_new_status_already_in_place(kind):
    seen = []
    resource = Lifecycle(kind, "TRAINING", on_change=lambda old, new: seen.append((old, new, resource.status)))
    resource.observe()
    assert seen == [("TRAINING", "TRAINED", "TRAINED")]


def test_a_lifecycle_without_hooks_still_moves(kind):
    resource = Lifecycle(kind, "DELETING", ["coretest-no-hooks"])
    assert resource.observe() == "DELETED"
    assert resource.gone


# --- find and gone -------------------------------------------------------------------------------------
def test_find_by_any_of_its_ids(kind):
    resource, _ = _tracked(kind, "CREATED", ["arn:coretest:find:1", "coretest-find-1"])
    assert lifecycle.find("arn:coretest:find:1") is resource
    assert lifecycle.find("coretest-find-1") is resource
    with pytest.raises(KeyError, match="coretest-not-there"):
        lifecycle.find("coretest-not-there")


def test_entering_a_gone_status_calls_on_gone_once_and_forgets_the_ids(kind):
    resource, recorder = _tracked(kind, "DELETING", ["arn:coretest:gone:1", "coretest-gone-1"])
    assert resource.observe() == "DELETED"
    assert resource.gone
    assert recorder.gone == 1
    assert recorder.changes == [("DELETING", "DELETED")]
    for resource_id in ("arn:coretest:gone:1", "coretest-gone-1"):
        with pytest.raises(KeyError):
            lifecycle.find(resource_id)
    resource.observe()
    resource.force("DELETED")
    assert recorder.gone == 1


def test_forcing_a_gone_status_removes_the_resource_too(kind):
    resource, recorder = _tracked(kind, "TRAINED", ["coretest-forced-gone"])
    resource.force("DELETED")
    assert recorder.gone == 1
    with pytest.raises(KeyError):
        lifecycle.find("coretest-forced-gone")


def test_gone_resource_does_not_untrack_a_newer_resource_with_its_id(kind):
    old, _ = _tracked(kind, "DELETING", ["coretest-reused-name"])
    new, _ = _tracked(kind, "CREATING", ["coretest-reused-name"])  # recreated under the same id
    old.observe()
    assert lifecycle.find("coretest-reused-name") is new


def test_tracking_does_not_keep_a_resource_alive(kind):
    Lifecycle(kind, "CREATED", ["coretest-dropped"])
    gc.collect()
    with pytest.raises(KeyError):
        lifecycle.find("coretest-dropped")
