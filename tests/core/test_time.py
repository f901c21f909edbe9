"""Time is part of the API: the one lifecycle engine's rules for waiters, programs and the clock.

- immediate (default): a program's look moves one step (it can act on an intermediate status);
  a botocore waiter's look settles the resource, so every waiter returns on its first poll;
- time: status is a function of real time, whoever calls: ``tick()`` (run before every request)
  moves resources nobody looked at;
- a resource whose status enters a gone status is removed at once (``on_gone``);
- a resource's own outcome (``settle_in``) wins over its kind's, a forced status stays forced.
"""

import time

import pytest
from moto.moto_api import state_manager

from moto_ext.core import lifecycle
from moto_ext.core.lifecycle import Lifecycle
from moto_ext.core.responses import from_waiter

CHAIN = {"PENDING": "INPROGRESS", "INPROGRESS": "COMPLETED", "DELETING": "DELETED"}


def test_a_program_sees_every_intermediate_status(make_kind):
    kind = make_kind(steps=CHAIN, failures={})
    resource = Lifecycle(kind, "PENDING")
    with lifecycle.answering():
        assert resource.observe() == "INPROGRESS"
    with lifecycle.answering():
        assert resource.observe() == "COMPLETED"


def test_a_waiters_first_poll_settles_the_resource(make_kind):
    kind = make_kind(steps=CHAIN, failures={})
    resource = Lifecycle(kind, "PENDING")
    with lifecycle.answering(waiter=True):
        assert resource.observe() == "COMPLETED"


def test_a_waiters_poll_ends_in_the_failure_a_resource_is_bound_for(make_kind):
    kind = make_kind(steps=CHAIN, failures={"INPROGRESS": "FAILED"})
    resource = Lifecycle(kind, "PENDING")
    resource.settle_in("INPROGRESS", "FAILED")
    with lifecycle.answering(waiter=True):
        assert resource.observe() == "FAILED"


def test_manual_mode_counts_a_waiters_poll_as_one_look(make_kind):
    kind = make_kind(steps=CHAIN, failures={})
    state_manager.set_transition(kind.name, {"progression": "manual", "times": 2})
    resource = Lifecycle(kind, "PENDING")
    with lifecycle.answering(waiter=True):
        assert resource.observe() == "PENDING"
        assert resource.observe() == "INPROGRESS"


def test_time_moves_resources_nobody_looks_at(make_kind):
    kind = make_kind(steps=CHAIN, failures={})
    state_manager.set_transition(kind.name, {"progression": "time", "seconds": 0.05})
    gone = []
    resource = Lifecycle(kind, "PENDING")
    deleting = Lifecycle(kind, "DELETING", on_gone=lambda: gone.append(True))
    time.sleep(0.11)
    lifecycle.tick()
    assert resource.status == "COMPLETED"  # two intervals: two steps, without a single look
    assert deleting.status == "DELETED" and gone == [True]


def test_time_mode_does_not_move_early(make_kind):
    kind = make_kind(steps=CHAIN, failures={})
    state_manager.set_transition(kind.name, {"progression": "time", "seconds": 60})
    resource = Lifecycle(kind, "PENDING")
    lifecycle.tick()
    with lifecycle.answering(waiter=True):  # a waiter cannot make time pass faster
        assert resource.observe() == "PENDING"


def test_reading_a_status_moves_nothing(make_kind):
    kind = make_kind(steps=CHAIN, failures={})
    resource = Lifecycle(kind, "PENDING")
    for _ in range(3):
        assert resource.status == "PENDING"


@pytest.mark.parametrize(
    "user_agent, waiter",
    [
        ("Boto3/1.44.8 md/Botocore#1.44.8 ua/2.1 os/linux lang/python#3.11.7 m/B,Z cfg/retry-mode#legacy", True),
        ("aws-cli/1.40.0 md/Botocore#1.40.0 ua/2.1 os/linux m/Z,B", True),
        ("Boto3/1.44.8 md/Botocore#1.44.8 ua/2.1 os/linux lang/python#3.11.7 m/Z,b cfg/retry-mode#legacy", False),
        ("Boto3/1.44.8 md/Botocore#1.44.8 ua/2.1 os/linux md/Bm/B", False),
        ("", False),
    ],
)
def test_a_waiters_requests_are_told_by_their_user_agent(user_agent, waiter):
    assert from_waiter({"User-Agent": user_agent}) is waiter


def test_botocore_marks_its_waiters_requests(moto_ext_mock):
    """The fact the engine rests on, checked on the installed botocore: a waiter's request carries
    the "B" metric, a plain call does not."""
    from tests.support import client

    rekognition = client("rekognition")
    seen = []
    rekognition.meta.events.register("before-send", lambda request, **_: seen.append(from_waiter(request.headers)))
    rekognition.create_project(ProjectName="ua-check")
    arn = rekognition.describe_projects()["ProjectDescriptions"][0]["ProjectArn"]
    waiter_seen = len(seen)
    with pytest.raises(Exception):  # no version: the waiter fails, but its poll was sent
        rekognition.get_waiter("project_version_running").wait(
            ProjectArn=arn, VersionNames=["none"], WaiterConfig={"Delay": 0, "MaxAttempts": 1}
        )
    assert seen[:waiter_seen] == [False] * waiter_seen
    assert seen[waiter_seen:] and all(seen[waiter_seen:])
