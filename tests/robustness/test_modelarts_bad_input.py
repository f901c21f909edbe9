"""Property-based bad input for ModelArts v1: random bodies for the create endpoints.

Each generated request is malformed JSON, has wrong types, unknown or missing fields, or values
out of the documented ranges. The mock must answer with the v1 error envelope and a 4xx status,
never a 500 or a success, and the project's state must be unchanged afterwards.
"""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moto_ext import mock_ext
from tests.modelarts.conftest import CONFIG, ModelArts, snapshot

CASES = 1000

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False), st.text(max_size=80)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


def broken_config():
    """A valid config with one field given a wrong value, removed, or joined by an unknown one."""
    field = st.sampled_from(sorted(CONFIG))
    wrong_value = st.tuples(field, json_values).map(lambda fv: {**CONFIG, fv[0]: fv[1]})
    removed = field.map(lambda f: {k: v for k, v in CONFIG.items() if k != f})
    unknown = st.tuples(st.text(min_size=1, max_size=12).filter(lambda k: k not in CONFIG), json_values).map(
        lambda kv: {**CONFIG, kv[0]: kv[1]}
    )
    return st.one_of(wrong_value, removed, unknown)


def valid_like_body(config):
    return st.fixed_dictionaries({"job_name": st.just("fuzzed-job"), "config": config})


bodies = st.one_of(
    st.text(max_size=60).map(lambda text: ("raw", text)),  # rarely valid JSON, mostly malformed
    json_values.map(lambda value: ("json", value)),  # a JSON value of any shape
    valid_like_body(broken_config()).map(lambda body: ("json", body)),
    st.tuples(st.text(max_size=80), st.text(max_size=300)).map(
        lambda nd: ("json", {"job_name": nd[0], "job_desc": nd[1], "config": CONFIG})
    ),
)


def _acceptable_success(kind, body):
    # a generated body may happen to be a valid request (a name that fits, a removed field that
    # is optional): then success is right, and the job is cleaned up by the caller
    return kind == "json" and isinstance(body, dict)


def test_create_training_job_rejects_bad_bodies_typed_and_unchanged():
    with mock_ext() as m:
        ma = ModelArts(m)

        @settings(
            max_examples=CASES, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        @given(case=bodies)
        def run(case):
            kind, body = case
            before = snapshot(ma.backend)
            data = body if kind == "raw" else json.dumps(body)
            response = ma.call("POST", "/training-jobs", data=data, headers={"Content-Type": "application/json"})
            assert response.status_code < 500, response.text
            answer = response.json()
            if response.status_code == 200 and answer.get("is_success"):
                assert _acceptable_success(kind, body), f"accepted {body!r}"
                m.set_status(answer["version_id"], 10)  # a new job cannot be deleted before it ends
                ma.ok("DELETE", f"/training-jobs/{answer['job_id']}")
                return
            assert 400 <= response.status_code < 500, response.text
            assert answer["is_success"] is False
            assert answer["error_code"].startswith("ModelArts."), answer
            assert answer["error_message"]
            assert snapshot(ma.backend) == before

        run()
