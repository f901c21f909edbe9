"""Property-based bad input, generated from each model's constraints.

For every operation of the four AWS models, hypothesis breaks one constrained member of an
otherwise valid request (past its max length, outside its pattern or enum, out of range, a list
too long) and sends it with botocore's own client-side validation off. Each case must get a
typed 4xx error that the operation models (or the service's validation error), never a 500 and
never a success, and the backend must be unchanged afterwards.
"""

import re
import string
from collections.abc import Mapping

import boto3
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moto_ext import mock_ext
from moto_ext.core import registry

from .model_inputs import NO_VALUE, breakable_members, valid_structure
from .services import ENDPOINTS, SERVICES, owned_operations

CASES_PER_SERVICE = 1000


def client_for(service):
    return boto3.client(
        service,
        region_name="us-east-1",
        endpoint_url=ENDPOINTS.get(service),
        config=Config(parameter_validation=False, retries={"total_max_attempts": 1}),
    )


def cases(service):
    """(operation, valid request, [(member name, member shape)]) for every breakable operation."""
    model = boto3.client(service, region_name="us-east-1", endpoint_url=ENDPOINTS.get(service)).meta.service_model
    found = []
    for name in model.operation_names:
        if name not in owned_operations(service):
            continue
        operation = model.operation_model(name)
        if operation.input_shape is None:
            continue
        base = valid_structure(operation.input_shape)
        members = breakable_members(operation.input_shape)
        if base is not NO_VALUE and members:
            found.append((name, base, members))
    return found


def breaking_value(member, data):
    """A value that breaks one of ``member``'s constraints."""
    meta = member.metadata
    choices = []
    if member.type_name == "string":
        if "max" in meta:
            choices.append(lambda: "a" * (meta["max"] + data.draw(st.integers(1, 64), label="overflow")))
        if member.enum:
            choices.append(
                lambda: data.draw(
                    st.text(string.ascii_letters, min_size=1, max_size=12).filter(lambda s: s not in member.enum),
                    label="not-enum",
                )
            )
        if meta.get("pattern"):
            pattern = re.compile(meta["pattern"])
            choices.append(
                lambda: data.draw(
                    st.text(string.printable.strip() + " é", min_size=1, max_size=min(meta.get("max", 40), 40)).filter(
                        lambda s: not pattern.search(s)
                    ),
                    label="off-pattern",
                )
            )
    elif member.type_name in ("integer", "long"):
        if "max" in meta:
            choices.append(lambda: meta["max"] + data.draw(st.integers(1, 10**6), label="above"))
        if "min" in meta:
            choices.append(lambda: meta["min"] - data.draw(st.integers(1, 10**6), label="below"))
    elif member.type_name == "list":
        item = "a1" if member.member.type_name == "string" else {}
        choices.append(lambda: [item] * (meta["max"] + data.draw(st.integers(1, 5), label="extra-items")))
    return data.draw(st.sampled_from(choices), label="how")()


def state_fingerprint(service):
    """Sizes of every collection a backend keeps: a bad request must leave all of them alone."""
    backend_dict = registry.get(service).backends
    fingerprint = {}
    for account, region, backend in backend_dict.iter_backends():
        for attribute, value in vars(backend).items():
            # (Mapping: the backends' Catalogs are dicts that keep list orders, not dict subclasses)
            if isinstance(value, (Mapping, list, set)) and value:
                fingerprint[(account, region, attribute)] = len(value)
    return fingerprint


@pytest.mark.parametrize("service", SERVICES)
def test_broken_constraints_get_typed_4xx_and_change_nothing(service):
    service_cases = cases(service)
    assert service_cases, f"no breakable operation found in {service}'s model"

    with mock_ext():
        client = client_for(service)
        model = client.meta.service_model
        before = state_fingerprint(service)

        @settings(
            max_examples=CASES_PER_SERVICE,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def run(data):
            operation, base, members = data.draw(st.sampled_from(service_cases), label="operation")
            name, member = data.draw(st.sampled_from(members), label="member")
            request = dict(base)
            request[name] = breaking_value(member, data)
            method = getattr(client, xform_name(operation))
            with pytest.raises(ClientError) as raised:
                method(**request)
            error = raised.value.response
            status = error["ResponseMetadata"]["HTTPStatusCode"]
            code = error["Error"]["Code"]
            modeled = {shape.name for shape in model.operation_model(operation).error_shapes}
            assert 400 <= status < 500, f"{operation} {name}={request[name]!r}: HTTP {status} {error['Error']}"
            # ValidationException is one of the common errors of every AWS API (the API references'
            # "Common Errors"), also where a model leaves it out (Rekognition's MaxResults limits)
            assert code in modeled | {"ValidationException"}, f"{operation} {name}: {code} is not a modeled error"
            assert error["ResponseMetadata"].get("RequestId"), f"{operation} {name}: the error has no request id"

        run()
        assert state_fingerprint(service) == before
