"""core.idempotency: a client token replays the first answer; other parameters under it conflict."""

import pytest

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import idempotency
from moto_ext.core.idempotency import EIGHT_HOURS, IdempotencyCache


class Conflict(Exception):
    pass


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"answer": self.calls}


def _run(cache, action, token="token-1", params=None, operation="CreateThing"):
    return cache.run(operation, token, params if params is not None else {"Name": "a"}, action, Conflict)


def test_lifetime_defaults_to_eight_hours():
    assert EIGHT_HOURS == 28800
    assert IdempotencyCache().lifetime == 28800


def test_same_token_and_parameters_replay_the_first_answer_without_running_again():
    cache, action = IdempotencyCache(), Counter()
    first = _run(cache, action)
    again = _run(cache, action)
    assert again is first
    assert action.calls == 1


def test_parameter_order_does_not_matter():
    cache, action = IdempotencyCache(), Counter()
    _run(cache, action, params={"Name": "a", "Size": 1})
    _run(cache, action, params={"Size": 1, "Name": "a"})
    assert action.calls == 1


def test_same_token_other_parameters_raise_the_conflict_and_run_nothing():
    cache, action = IdempotencyCache(), Counter()
    _run(cache, action, params={"Name": "a"})
    with pytest.raises(Conflict):
        _run(cache, action, params={"Name": "b"})
    with pytest.raises(Conflict):
        _run(cache, action, params={"Name": "a", "Extra": None})
    assert action.calls == 1
    assert _run(cache, action, params={"Name": "a"}) == {"answer": 1}  # the first call still replays


def test_without_a_token_every_call_runs():
    cache, action = IdempotencyCache(), Counter()
    for token in (None, "", None):
        _run(cache, action, token=token)
    assert action.calls == 3


def test_tokens_are_per_operation():
    cache, action = IdempotencyCache(), Counter()
    _run(cache, action, operation="CreateThing")
    assert _run(cache, action, operation="DeleteThing", params={"Other": 1}) == {"answer": 2}
    assert action.calls == 2


def test_different_tokens_run_separately():
    cache, action = IdempotencyCache(), Counter()
    assert _run(cache, action, token="a") == {"answer": 1}
    assert _run(cache, action, token="b") == {"answer": 2}


def test_caches_are_independent():
    action = Counter()
    _run(IdempotencyCache(), action)
    _run(IdempotencyCache(), action)
    assert action.calls == 2


def test_a_failed_action_is_not_remembered():
    cache = IdempotencyCache()

    def fails():
        raise RuntimeError("quota")

    with pytest.raises(RuntimeError):
        _run(cache, fails)
    action = Counter()
    assert _run(cache, action, params={"Name": "other"}) == {"answer": 1}


def test_a_token_expires_after_its_lifetime(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(idempotency.time, "time", lambda: now[0])
    cache, action = IdempotencyCache(lifetime_seconds=60), Counter()
    _run(cache, action)
    now[0] += 59.9
    assert _run(cache, action) == {"answer": 1}
    now[0] += 0.1  # 60 s after the first call: forgotten
    assert _run(cache, action, params={"Name": "something else"}) == {"answer": 2}
    assert _run(cache, action, params={"Name": "something else"}) == {"answer": 2}
    assert action.calls == 2


def test_values_json_cannot_encode_are_compared_by_their_text():
    import datetime

    cache, action = IdempotencyCache(), Counter()
    when = datetime.datetime(2026, 1, 1)
    _run(cache, action, params={"At": when})
    assert _run(cache, action, params={"At": datetime.datetime(2026, 1, 1)}) == {"answer": 1}
    with pytest.raises(Conflict):
        _run(cache, action, params={"At": datetime.datetime(2026, 1, 2)})
