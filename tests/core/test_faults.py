"""core.faults: rules that fail or delay calls of an operation with one of its modeled errors."""

import pytest
from moto.core.exceptions import ServiceException

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import faults
from moto_ext.core.faults import FaultRule, add, before_call, check, modeled_errors, remove


@pytest.fixture(autouse=True)
def no_leftover_rules():
    before = list(faults._rules)
    yield
    faults._rules[:] = before


@pytest.fixture
def sleeps(monkeypatch):
    slept = []
    monkeypatch.setattr(faults.time, "sleep", slept.append)
    return slept


def _fires(service="coretestsvc", operation="DoThing"):
    try:
        before_call(service, operation)
    except ServiceException as error:
        return error
    return None


# --- modeled errors ----------------------------------------------------------------------------------
def test_modeled_errors_come_from_the_operation_in_the_model():
    assert modeled_errors("lookoutvision", "CreateProject") == {
        "AccessDeniedException", "InternalServerException", "ValidationException", "ConflictException",
        "ResourceNotFoundException", "ThrottlingException", "ServiceQuotaExceededException",
    }  # fmt: skip
    assert "InvalidParameterException" in modeled_errors("rekognition", "CreateProject")


def test_modeled_errors_of_an_unknown_operation():
    with pytest.raises(ValueError, match="NoSuchOperation"):
        modeled_errors("lookoutvision", "NoSuchOperation")
    with pytest.raises(KeyError):
        modeled_errors("coretest-no-such-service", "CreateProject")


def test_custom_operations_answer_for_services_outside_botocore(monkeypatch):
    monkeypatch.setitem(faults.CUSTOM_OPERATIONS, "coretestrest", {"ListThings": {"ThingError", "Throttled"}})
    assert modeled_errors("coretestrest", "ListThings") == {"ThingError", "Throttled"}
    with pytest.raises(ValueError, match="ListThings"):  # the message lists what exists
        modeled_errors("coretestrest", "Other")


def test_check_accepts_modeled_errors_and_no_error():
    check("lookoutvision", "CreateProject", "ConflictException")
    check("lookoutvision", "CreateProject", None)  # a delay only


def test_check_rejects_an_error_the_operation_cannot_answer_with():
    with pytest.raises(
        ValueError, match="InvalidParameterException is not a modeled error of lookoutvision CreateProject"
    ):
        check("lookoutvision", "CreateProject", "InvalidParameterException")
    with pytest.raises(ValueError):
        check("lookoutvision", "NoSuchOperation", None)


# --- firing --------------------------------------------------------------------------------------------
def test_a_rule_raises_its_error_with_message_and_members():
    add(FaultRule("coretestsvc", "DoThing", "ThrottlingException", "Slow down.", members={"RetryAfterSeconds": 3}))
    error = _fires()
    assert isinstance(error, ServiceException)
    assert type(error).__name__ == "ThrottlingException"
    assert error.code == "ThrottlingException"
    assert error.message == "Slow down."
    assert error.RetryAfterSeconds == 3
    # moto's serializer must not take the class for one of a moto service's
    assert not type(error).__module__.startswith("moto")


def test_default_message():
    add(FaultRule("coretestsvc", "DoThing", "ThrottlingException"))
    assert _fires().message == "Fault injected by moto_ext."


def test_a_rule_without_count_or_fraction_fires_every_time():
    rule = add(FaultRule("coretestsvc", "DoThing", "ConflictException"))
    assert all(_fires() is not None for _ in range(5))
    assert rule.fired == 5


def test_a_counted_rule_fires_that_many_times_then_stops():
    rule = add(FaultRule("coretestsvc", "DoThing", "ConflictException", count=2))
    assert [_fires() is not None for _ in range(4)] == [True, True, False, False]
    assert rule.fired == 2


def test_a_zero_count_never_fires():
    add(FaultRule("coretestsvc", "DoThing", "ConflictException", count=0))
    assert _fires() is None


def test_rules_match_service_and_operation():
    add(FaultRule("coretestsvc", "DoThing", "ConflictException"))
    assert _fires("coretestsvc", "OtherThing") is None
    assert _fires("othersvc", "DoThing") is None
    assert _fires("coretestsvc", "DoThing") is not None


def test_a_star_rule_matches_every_operation_of_its_service():
    add(FaultRule("coretestsvc", "*", "InternalServerException"))
    assert _fires("coretestsvc", "DoThing").code == "InternalServerException"
    assert _fires("coretestsvc", "OtherThing").code == "InternalServerException"
    assert _fires("othersvc", "DoThing") is None


def test_a_fraction_with_a_seed_is_reproducible():
    def pattern():
        rule = add(FaultRule("coretestsvc", "DoThing", "ThrottlingException", fraction=0.5, seed=11))
        outcome = [_fires() is not None for _ in range(40)]
        remove(rule)
        return outcome

    first = pattern()
    assert first == pattern()
    assert 5 < sum(first) < 35  # some calls fail, some pass


@pytest.mark.parametrize("fraction, expected", [(0.0, 0), (1.0, 20)])
def test_fraction_bounds(fraction, expected):
    add(FaultRule("coretestsvc", "DoThing", "ThrottlingException", fraction=fraction, seed=1))
    assert sum(_fires() is not None for _ in range(20)) == expected


def test_count_takes_precedence_over_fraction():
    add(FaultRule("coretestsvc", "DoThing", "ThrottlingException", count=1, fraction=0.0))
    assert _fires() is not None
    assert _fires() is None


def test_the_first_matching_error_rule_wins():
    add(FaultRule("coretestsvc", "DoThing", "ConflictException", count=1))
    add(FaultRule("coretestsvc", "DoThing", "ThrottlingException"))
    assert _fires().code == "ConflictException"
    assert _fires().code == "ThrottlingException"


def test_a_delay_only_rule_sleeps_and_lets_the_call_through(sleeps):
    rule = add(FaultRule("coretestsvc", "DoThing", delay=0.25))
    assert _fires() is None
    assert sleeps == [0.25]
    assert rule.fired == 1


def test_the_longest_delay_applies_once_before_the_error(sleeps):
    add(FaultRule("coretestsvc", "DoThing", delay=0.1))
    add(FaultRule("coretestsvc", "DoThing", "ThrottlingException", delay=0.3))
    assert _fires().code == "ThrottlingException"
    assert sleeps == [0.3]


def test_no_sleep_without_a_delay(sleeps):
    add(FaultRule("coretestsvc", "DoThing", "ConflictException"))
    _fires()
    assert sleeps == []


def test_remove_stops_a_rule_and_is_safe_twice():
    rule = add(FaultRule("coretestsvc", "DoThing", "ConflictException"))
    remove(rule)
    remove(rule)
    assert _fires() is None


def test_rules_are_distinct_even_when_equal_in_content():
    first = add(FaultRule("coretestsvc", "DoThing", "ConflictException"))
    second = add(FaultRule("coretestsvc", "DoThing", "ConflictException"))
    remove(second)  # removes that rule, not the first equal-looking one
    assert first in faults._rules and second not in faults._rules
    assert _fires() is not None
    assert first.fired == 1 and second.fired == 0


def test_add_returns_the_rule():
    rule = FaultRule("coretestsvc", "DoThing")
    assert add(rule) is rule
