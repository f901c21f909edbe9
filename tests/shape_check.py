"""Test helper: assert that a boto3 response validates against its operation's output shape."""

from typing import Any

from moto_ext.core.shapes import problems


def assert_matches_output_shape(client: Any, operation_name: str, response: dict[str, Any]) -> None:
    """``operation_name`` as in the model (``DescribeModel``); checks types, required members,
    enums, patterns and lengths of everything returned."""
    operation = client.meta.service_model.operation_model(operation_name)
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    found = problems(body, operation.output_shape)
    assert not found, f"{operation_name} response breaks its output shape: {found}"
