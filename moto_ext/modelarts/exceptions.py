"""ModelArts v1 errors: one table of codes with their HTTP status, and the classes the mock raises.

The codes and statuses are the Open Telekom Cloud error-code appendix's (reference/modelarts-v1.md).
Bodies follow the v1 envelope ``{"is_success": false, "error_code", "error_message"}``; failed
authentication and unknown paths are answered by the API gateway in its own envelope
(``error_msg``, ``error_code``, ``request_id``).
"""

import uuid
from typing import Any

from moto.core.exceptions import ServiceException

#: every code the mock answers, raised or injected: code -> (HTTP status, default message)
ERRORS: dict[str, tuple[int, str]] = {
    "ModelArts.0010": (500, "Internal error."),
    "ModelArts.0101": (400, "Invalid Argument."),
    "ModelArts.0103": (400, "Name is existed."),
    "ModelArts.0104": (400, "Parameter error."),
    # [UNVERIFIED] no page gives 0105 an HTTP status; 400 like the other ModelArts.01xx codes
    "ModelArts.0105": (400, "The job status does not allow this operation."),
    "ModelArts.0107": (400, "Invalid parameter values."),
    "ModelArts.0108": (403, "You are not authorized to perform the operation."),
    "ModelArts.0118": (400, "Quota insufficient."),
    "ModelArts.0201": (401, "Token doesn't exist."),
    "ModelArts.0202": (401, "Token expired."),
    "ModelArts.0203": (401, "Invalid token."),
    "ModelArts.0205": (401, "No authorization request header."),
    "ModelArts.0206": (401, "Invalid AK/SK."),
    "ModelArts.0210": (403, "The project id in the request URL does not match the token."),
    "ModelArts.2751": (400, "Duplicate training job name."),
    "ModelArts.2775": (400, "Training job not found."),
    "ModelArts.2780": (400, "Engine not found."),
    "ModelArts.2781": (400, "Flavor not found."),
    "ModelArts.2787": (400, "Invalid JSON body."),
    "ModelArts.2788": (400, "Invalid parameter."),
    "ModelArts.2790": (400, "Unsupported sortBy."),
    "ModelArts.2796": (409, "The job cannot be terminated."),
    "ModelArts.2799": (429, "Too many requests."),
    "ModelArts.2803": (405, "Method not allowed."),
    "ModelArts.2818": (400, "Log file not generated."),
    "ModelArts.2878": (409, "The job status has changed."),
    # the API gateway's error codes page: a path or method no API is published on, 404
    "APIG.0101": (404, "The API does not exist or has not been published in the environment."),
    "APIG.0301": (401, "Incorrect IAM authentication information: x-auth-token not found"),
}


class ModelArtsError(ServiceException):
    """An error in the v1 envelope; ``code`` picks the status and default message from ERRORS."""

    code = "ModelArts.0010"

    def __init__(self, message: str | None = None, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(message or ERRORS[self.code][1])

    @property
    def status(self) -> int:
        return ERRORS[self.code][0]

    def body(self) -> dict[str, Any]:
        return {"is_success": False, "error_code": self.code, "error_message": self.message}


class InvalidArgument(ModelArtsError):
    """A query parameter out of its documented range or set (per_page, page, order, lines ...)."""

    code = "ModelArts.0101"


class DuplicateName(ModelArtsError):
    """The v1 samples answer a duplicate job name with 0103 ("Job name:X is existed")."""

    code = "ModelArts.0103"


class ParameterError(ModelArtsError):
    """Names and texts that break their documented pattern or length ("Illegal name: %%123")."""

    code = "ModelArts.0104"


class JobStatusNotAllowed(ModelArtsError):
    """Stop or delete in a status that does not allow it ("This job can't be stop. job status: 10")."""

    code = "ModelArts.0105"


class InvalidParameterValue(ModelArtsError):
    """Values that are well-typed but do not fit together or exist (data inputs, spec_id xor pool_id)."""

    code = "ModelArts.0107"


class QuotaInsufficient(ModelArtsError):
    code = "ModelArts.0118"


class ProjectMismatch(ModelArtsError):
    code = "ModelArts.0210"


class TrainingJobNotFound(ModelArtsError):
    code = "ModelArts.2775"


class EngineNotFound(ModelArtsError):
    code = "ModelArts.2780"


class FlavorNotFound(ModelArtsError):
    code = "ModelArts.2781"


class InvalidJsonBody(ModelArtsError):
    code = "ModelArts.2787"


class InvalidParam(ModelArtsError):
    """Wrong types, missing required fields and fields the API does not know."""

    code = "ModelArts.2788"


class UnsupportedSortBy(ModelArtsError):
    code = "ModelArts.2790"


class MethodNotAllowed(ModelArtsError):
    code = "ModelArts.2803"


class LogFileNotGenerated(ModelArtsError):
    code = "ModelArts.2818"


class GatewayError(ModelArtsError):
    """An answer of the API gateway in front of ModelArts, in the gateway's envelope
    (``error_msg``, ``error_code``, ``request_id``), which huaweicloudsdkcore reads."""

    def body(self) -> dict[str, Any]:
        return {"error_msg": self.message, "error_code": self.code, "request_id": uuid.uuid4().hex}


class ApiNotFound(GatewayError):
    """A path no API is published on: the gateway answers before ModelArts sees the request."""

    code = "APIG.0101"


class GatewayAuthError(GatewayError):
    """The API gateway's 401 for missing or bad credentials."""

    code = "APIG.0301"


def error_for(code: str, message: str) -> ModelArtsError:
    """The error a code stands for (an injected fault names only its code)."""
    if code.startswith("APIG."):
        return GatewayError(message, code=code)
    return ModelArtsError(message, code=code)
