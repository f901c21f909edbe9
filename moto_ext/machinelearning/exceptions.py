"""Amazon Machine Learning's modeled errors.

``code`` is the error shape's name (moto looks the shape up by it). Most of these shapes also
have an integer member named ``code``; moto's serializer reads members off the exception, and
``ServiceException.code`` is taken, so each class aliases the member to ``error_code`` through
``Meta.serialization_aliases`` (moto's ``ExplicitAlias``). The wire body then carries
``"code": <int>`` and the client still raises ``client.exceptions.<Name>``.

botocore's model gives these shapes no ``httpStatusCode``; the API reference does: 500 for
InternalServerException (the one ``fault`` shape), 400 for the rest. ``http_status`` derives
that from the model, and the response class puts it on the wire.
"""

from typing import Any

from moto.core.errors import ErrorLookupFactory
from moto.core.exceptions import ServiceException
from moto.core.utils import get_service_model


def _status_of(shape_name: str) -> int:
    shape = ErrorLookupFactory().for_service(get_service_model("machinelearning")).from_code(shape_name)
    if shape is None:
        raise LookupError(f"{shape_name} is not an error shape of the machinelearning model")
    declared = shape.metadata.get("error", {}).get("httpStatusCode")
    if declared:
        return int(declared)
    return 400 if shape.is_sender_fault else 500


class MachineLearningError(ServiceException):
    http_status = 400

    class Meta:
        serialization_aliases = {"code": "error_code"}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.http_status = _status_of(cls.code)

    @property
    def error_code(self) -> int | None:
        # [UNVERIFIED] the service's numeric codes are not documented: the HTTP status is
        # the one number a caller can rely on. Shapes without the member never read it.
        return self.http_status


class InvalidInputException(MachineLearningError):
    code = "InvalidInputException"


class ResourceNotFoundException(MachineLearningError):
    code = "ResourceNotFoundException"


class InternalServerException(MachineLearningError):
    code = "InternalServerException"


class IdempotentParameterMismatchException(MachineLearningError):
    code = "IdempotentParameterMismatchException"


class LimitExceededException(MachineLearningError):
    code = "LimitExceededException"


class PredictorNotMountedException(MachineLearningError):
    code = "PredictorNotMountedException"


class InvalidTagException(MachineLearningError):
    code = "InvalidTagException"


class TagLimitExceededException(MachineLearningError):
    code = "TagLimitExceededException"


#: error shape name -> class, for turning a generic error (fault injection) into the typed one
BY_CODE: dict[str, type[MachineLearningError]] = {
    cls.code: cls
    for cls in (
        InvalidInputException,
        ResourceNotFoundException,
        InternalServerException,
        IdempotentParameterMismatchException,
        LimitExceededException,
        PredictorNotMountedException,
        InvalidTagException,
        TagLimitExceededException,
    )
}
