"""Every modeled error of every operation reaches the client typed, with its modeled status and members.

For each operation of the four AWS models (Rekognition: the Custom Labels scope), each error the
model lists is raised through fault injection on a valid request, and the client must raise
``client.exceptions.<Error>`` with the status the model gives it (``httpStatusCode``, or 500 for
a server fault and 400 otherwise, as the json services' guides say) and the members set on it.
There is one test per operation.
"""

import pytest
from botocore import xform_name
from botocore.config import Config

from moto_ext import mock_ext
from moto_ext.core import faults
from tests.support import SESSION

from .model_inputs import NO_VALUE, valid_structure, valid_value
from .services import ENDPOINTS, SERVICES, owned_operations


def expected_status(shape):
    status = shape.metadata.get("error", {}).get("httpStatusCode")
    if status:
        return status
    return 500 if shape._shape_model.get("fault") else 400


def string_members(shape):
    """Modeled string members of an error other than the message, with a valid value each."""
    members = {}
    for name, member in shape.members.items():
        if name.lower() in ("message", "code") or member.type_name != "string":
            continue
        value = valid_value(member)
        if value is not NO_VALUE:
            members[name] = value
    return members


def _walk():
    """(service, operation) of every operation moto_ext answers, from the registry and the models."""
    for service in SERVICES:
        for operation in sorted(owned_operations(service)):
            yield pytest.param(service, operation, id=f"{service}.{operation}")


def client_for(service):
    return SESSION.client(
        service,
        region_name="us-east-1",
        endpoint_url=ENDPOINTS.get(service),
        config=Config(retries={"total_max_attempts": 1}, parameter_validation=False),
    )


@pytest.mark.parametrize("service, operation_name", list(_walk()))
def test_every_modeled_error_is_typed_with_its_status_and_members(service, operation_name):
    client = client_for(service)
    operation = client.meta.service_model.operation_model(operation_name)
    request = valid_structure(operation.input_shape) if operation.input_shape is not None else {}
    if request is NO_VALUE or not operation.error_shapes:
        pytest.skip(f"{operation_name}: no valid request can be generated, or no modeled error")
    with mock_ext() as m:
        for error_shape in operation.error_shapes:
            members = string_members(error_shape)
            rule = m.inject_fault(service, operation_name, error_shape.name, message="injected", **members)
            try:
                with pytest.raises(getattr(client.exceptions, error_shape.name)) as raised:
                    getattr(client, xform_name(operation_name))(**request)
            finally:
                faults.remove(rule)
            response = raised.value.response
            assert response["ResponseMetadata"]["HTTPStatusCode"] == expected_status(error_shape), (
                f"{operation_name} {error_shape.name}"
            )
            assert response["ResponseMetadata"].get("RequestId"), f"{operation_name} {error_shape.name}: no request id"
            for name, value in members.items():
                assert response.get(name) == value, f"{operation_name} {error_shape.name}: member {name}"
