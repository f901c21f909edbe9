"""What the botocore model says about a service's errors: the HTTP status of each error shape.

A shape's status is its ``error.httpStatusCode``; where the model gives none (json services such
as Rekognition and Machine Learning), AWS's error-handling guides give 500 to the shapes the model
flags ``fault`` (server errors) and 400 to the rest. botocore's ``Shape`` drops the ``fault``
flag, so the raw model is read (once per service).
"""

from __future__ import annotations

from functools import cache

DEFAULT_CLIENT_ERROR = 400
DEFAULT_SERVER_ERROR = 500


@cache
def _error_shapes(boto3_service: str) -> dict[str, dict]:
    import botocore.loaders

    model = botocore.loaders.create_loader().load_service_model(boto3_service, "service-2")
    return {name: shape for name, shape in model["shapes"].items() if shape.get("exception")}


def error_codes(boto3_service: str) -> frozenset[str]:
    """The names of every error shape of the service."""
    return frozenset(_error_shapes(boto3_service))


def http_status(boto3_service: str, code: str) -> int | None:
    """The HTTP status an error shape is answered with; None if the model has no such shape."""
    shape = _error_shapes(boto3_service).get(code)
    if shape is None:
        return None
    declared = (shape.get("error") or {}).get("httpStatusCode")
    if declared:
        return int(declared)
    return DEFAULT_SERVER_ERROR if shape.get("fault") else DEFAULT_CLIENT_ERROR
