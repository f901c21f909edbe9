"""Amazon Machine Learning's modeled errors.

``code`` is the error shape's name (moto looks the shape up by it). Most of these shapes also
have an integer member named ``code``; moto's serializer reads members off the exception, and
``ServiceException.code`` is taken, so each class aliases the member to ``error_code`` through
``Meta.serialization_aliases`` (moto's ``ExplicitAlias``). The wire body then carries
``"code": <int>`` and the client still raises ``client.exceptions.<Name>``. The HTTP status
itself comes from core (``core.errors.http_status``), as for every service.
"""

from moto.core.exceptions import ServiceException

from moto_ext.core.errors import http_status


class MachineLearningError(ServiceException):
    class Meta:
        serialization_aliases = {"code": "error_code"}

    @property
    def error_code(self) -> int | None:
        # [UNVERIFIED] the service's numeric codes are not documented: the HTTP status is
        # the one number a caller can rely on. Shapes without the member never read it.
        return http_status("machinelearning", self.code)


class InvalidInputException(MachineLearningError):
    code = "InvalidInputException"


class ResourceNotFoundException(MachineLearningError):
    code = "ResourceNotFoundException"


class IdempotentParameterMismatchException(MachineLearningError):
    code = "IdempotentParameterMismatchException"


class PredictorNotMountedException(MachineLearningError):
    code = "PredictorNotMountedException"


class InvalidTagException(MachineLearningError):
    code = "InvalidTagException"


class TagLimitExceededException(MachineLearningError):
    code = "TagLimitExceededException"


# Raised only by fault injection, through BY_CODE: the typed class puts the integer ``code``
# member on the wire, which core's generic fault error cannot.
class InternalServerException(MachineLearningError):
    code = "InternalServerException"


class LimitExceededException(MachineLearningError):
    code = "LimitExceededException"


#: error shape name -> class, for turning a generic error (fault injection) into the typed one
BY_CODE: dict[str, type[MachineLearningError]] = {cls.code: cls for cls in MachineLearningError.__subclasses__()}
