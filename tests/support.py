"""What every test folder shares: clients, the failure of a call, and the output-shape check.

- ``client(name, **config)``: a boto3 client of one session for the whole run (the session's
  loader keeps the parsed models, so a client costs milliseconds);
- ``error_of(excinfo)`` / ``failure(call, ...)``: what a user sees of a failed call: its error
  code, HTTP status, message and whole response;
- ``assert_matches_output_shape``: a response validates against its operation's output shape;
- ``walk_pages(call, items_key, size)``: every item of a listing, read page by page as a user does.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_ext.core.shapes import problems

REGION = "us-east-1"
SESSION = boto3.Session(region_name=REGION)


def client(name: str, region: str | None = None, *, validate: bool = True, **kwargs: Any) -> Any:
    """A client of the run's session; ``validate=False`` turns botocore's parameter checks off,
    so a request reaches the mock as sent."""
    if not validate:
        kwargs["config"] = Config(parameter_validation=False)
    return SESSION.client(name, region_name=region or REGION, **kwargs)


class Failure(NamedTuple):
    code: str
    status: int
    message: str
    response: dict[str, Any]


def error_of(error: Any) -> Failure:
    """The failure of a ClientError, or of pytest's ``ExceptionInfo`` holding one."""
    error = getattr(error, "value", error)
    if not isinstance(error, ClientError):
        raise AssertionError(f"expected a botocore ClientError, got {type(error).__name__}: {error}")
    response = error.response
    return Failure(
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"].get("Message", ""),
        response,
    )


def failure(call: Any, *args: Any, **kwargs: Any) -> Failure:
    """Run a call that must fail with a ClientError; its failure."""
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error_of(error)
    raise AssertionError(f"{getattr(call, '__name__', call)} succeeded")


def assert_matches_output_shape(client: Any, operation_name: str, response: dict[str, Any]) -> None:
    """``operation_name`` as in the model (``DescribeModel``); checks types, required members,
    enums, patterns and lengths of everything returned."""
    operation = client.meta.service_model.operation_model(operation_name)
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    found = problems(body, operation.output_shape)
    assert not found, f"{operation_name} response breaks its output shape: {found}"


def walk_pages(call: Any, items_key: str, size: int, **params: Any) -> list[Any]:
    """Every item ``call`` lists, asked for ``size`` at a time and following ``NextToken``."""
    found: list[Any] = []
    token = None
    while True:
        answer = call(MaxResults=size, **params, **({"NextToken": token} if token else {}))
        found += answer[items_key]
        token = answer.get("NextToken")
        if token is None:
            return found
