"""ModelArts v1 errors: ``code`` is the service's error code, ``status`` its HTTP status.

The codes and statuses are the Open Telekom Cloud error-code appendix's (reference/modelarts-v1.md).
Bodies follow the v1 envelope ``{"is_success": false, "error_code", "error_message"}``; failed
authentication is answered by the API gateway in its own envelope (``error_msg``, ``error_code``,
``request_id``), and IAM errors in Keystone's (``{"error": {"code", "title", "message"}}``).
"""

import uuid
from typing import Any

from moto.core.exceptions import ServiceException


class ModelArtsError(ServiceException):
    code = "ModelArts.0010"
    status = 500
    message = "Internal error."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or type(self).message)

    def body(self) -> dict[str, Any]:
        return {"is_success": False, "error_code": self.code, "error_message": self.message}


class InternalError(ModelArtsError):
    code = "ModelArts.0010"
    status = 500
    message = "Internal error."


# --- request problems (400) ---------------------------------------------------------------------
class InvalidArgument(ModelArtsError):
    """A query parameter out of its documented range or set (per_page, page, order, lines ...)."""

    code = "ModelArts.0101"
    status = 400
    message = "Invalid Argument."


class DuplicateName(ModelArtsError):
    """The v1 samples answer a duplicate job name with 0103 ("Job name:X is existed")."""

    code = "ModelArts.0103"
    status = 400
    message = "Name is existed."


class ParameterError(ModelArtsError):
    """Names and texts that break their documented pattern or length ("Illegal name: %%123")."""

    code = "ModelArts.0104"
    status = 400
    message = "Parameter error."


class JobStatusNotAllowed(ModelArtsError):
    """Stop or delete in a status that does not allow it ("This job can't be stop. job status: 10").

    [UNVERIFIED] no page gives 0105 an HTTP status; 400 like the other ModelArts.01xx codes.
    """

    code = "ModelArts.0105"
    status = 400
    message = "The job status does not allow this operation."


class InvalidParameterValue(ModelArtsError):
    """Values that are well-typed but do not fit together or exist (data inputs, spec_id xor pool_id)."""

    code = "ModelArts.0107"
    status = 400
    message = "Invalid parameter values."


class QuotaInsufficient(ModelArtsError):
    code = "ModelArts.0118"
    status = 400
    message = "Quota insufficient."


class TrainingJobNotFound(ModelArtsError):
    code = "ModelArts.2775"
    status = 400
    message = "Training job not found."


class EngineNotFound(ModelArtsError):
    code = "ModelArts.2780"
    status = 400
    message = "Engine not found."


class FlavorNotFound(ModelArtsError):
    code = "ModelArts.2781"
    status = 400
    message = "Flavor not found."


class InvalidJsonBody(ModelArtsError):
    code = "ModelArts.2787"
    status = 400
    message = "Invalid JSON body."


class InvalidParam(ModelArtsError):
    """Wrong types, missing required fields and fields the API does not know."""

    code = "ModelArts.2788"
    status = 400
    message = "Invalid parameter."


class UnsupportedSortBy(ModelArtsError):
    code = "ModelArts.2790"
    status = 400
    message = "Unsupported sortBy."


class LogFileNotGenerated(ModelArtsError):
    code = "ModelArts.2818"
    status = 400
    message = "Log file not generated."


class DuplicateTrainingJobName(ModelArtsError):
    code = "ModelArts.2751"
    status = 400
    message = "Duplicate training job name."


# --- state conflicts, method, throttling ---------------------------------------------------------
class NotAllowedToTerminate(ModelArtsError):
    code = "ModelArts.2796"
    status = 409
    message = "The job cannot be terminated."


class JobStatusChanged(ModelArtsError):
    code = "ModelArts.2878"
    status = 409
    message = "The job status has changed."


class MethodNotAllowed(ModelArtsError):
    code = "ModelArts.2803"
    status = 405
    message = "Method not allowed."


class TooManyRequests(ModelArtsError):
    code = "ModelArts.2799"
    status = 429
    message = "Too many requests."


# --- authentication and authorization -------------------------------------------------------------
class TokenNotExist(ModelArtsError):
    code = "ModelArts.0201"
    status = 401
    message = "Token doesn't exist."


class TokenExpired(ModelArtsError):
    code = "ModelArts.0202"
    status = 401
    message = "Token expired."


class InvalidToken(ModelArtsError):
    code = "ModelArts.0203"
    status = 401
    message = "Invalid token."


class NoAuthorizationHeader(ModelArtsError):
    code = "ModelArts.0205"
    status = 401
    message = "No authorization request header."


class BadAuthorizationHeader(ModelArtsError):
    code = "ModelArts.0206"
    status = 401
    message = "Invalid AK/SK."


class NotAuthorized(ModelArtsError):
    code = "ModelArts.0108"
    status = 403
    message = "You are not authorized to perform the operation."


class ProjectMismatch(ModelArtsError):
    code = "ModelArts.0210"
    status = 403
    message = "The project id in the request URL does not match the token."


class ApiNotFound(ModelArtsError):
    """A path no API serves: the API gateway's code (APIG.0101) in the v1 envelope.

    [UNVERIFIED] the gateway answers unknown paths before ModelArts sees them; the v1 keys are
    kept so a client parses every ModelArts answer the same way.
    """

    code = "APIG.0101"
    status = 404
    message = "The API does not exist or has not been published in the environment."


class GatewayAuthError(ServiceException):
    """The API gateway's 401 for missing or bad credentials (reference: APIG.0301)."""

    code = "APIG.0301"
    status = 401
    message = "Incorrect IAM authentication information: x-auth-token not found"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or type(self).message)

    def body(self) -> dict[str, Any]:
        return {"error_msg": self.message, "error_code": self.code, "request_id": uuid.uuid4().hex}


class IamError(ServiceException):
    """IAM (Keystone v3) errors: ``{"error": {"code": 401, "title": "Unauthorized", "message": ...}}``."""

    code = "Unauthorized"
    status = 401

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = title

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.status, "title": self.code, "message": self.message}}


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


#: error code -> HTTP status, for every ModelArts code above (fault injection uses it)
STATUS_BY_CODE: dict[str, int] = {sub.code: sub.status for sub in _subclasses(ModelArtsError)}
STATUS_BY_CODE[GatewayAuthError.code] = GatewayAuthError.status
