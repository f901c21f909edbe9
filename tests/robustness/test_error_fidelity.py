"""Every modeled error of every operation reaches the client typed, with its modeled status and members.

For each operation of the four AWS models (Rekognition: the Custom Labels scope), each error the
model lists is raised through fault injection on a valid request, and the client must raise
``client.exceptions.<Error>`` with the status the model gives it (``httpStatusCode``, or 500 for
a server fault and 400 otherwise, as the json services' guides say) and the members set on it.
The test prints, per service, how many operation/error pairs it checked.
"""

import boto3
import pytest
from botocore import xform_name
from botocore.config import Config

from moto_ext import mock_ext

from .model_inputs import NO_VALUE, valid_structure, valid_value
from .test_bad_input import ENDPOINTS, REKOGNITION_SCOPE, SERVICES


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


@pytest.mark.parametrize("service", SERVICES)
def test_every_modeled_error_is_typed_with_its_status_and_members(service, capsys):
    with mock_ext() as m:
        client = boto3.client(
            service,
            region_name="us-east-1",
            endpoint_url=ENDPOINTS.get(service),
            config=Config(retries={"total_max_attempts": 1}, parameter_validation=False),
        )
        model = client.meta.service_model
        checked = 0
        for operation_name in model.operation_names:
            if service == "rekognition" and operation_name not in REKOGNITION_SCOPE:
                continue
            operation = model.operation_model(operation_name)
            request = valid_structure(operation.input_shape) if operation.input_shape is not None else {}
            if request is NO_VALUE:
                continue
            for error_shape in operation.error_shapes:
                members = string_members(error_shape)
                rule = m.inject_fault(service, operation_name, error_shape.name, message="injected", **members)
                try:
                    with pytest.raises(getattr(client.exceptions, error_shape.name)) as raised:
                        getattr(client, xform_name(operation_name))(**request)
                finally:
                    from moto_ext.core import faults

                    faults.remove(rule)
                response = raised.value.response
                assert response["ResponseMetadata"]["HTTPStatusCode"] == expected_status(error_shape), (
                    f"{operation_name} {error_shape.name}"
                )
                for name, value in members.items():
                    assert response.get(name) == value, f"{operation_name} {error_shape.name}: member {name}"
                checked += 1
        assert checked > 0
    with capsys.disabled():
        print(f"\n{service}: {checked} operation/error pairs raised typed, with modeled status and members")
