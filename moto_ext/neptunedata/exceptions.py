"""Neptune Data API's modeled errors.

Every neptunedata error shape has the members ``detailedMessage``, ``requestId`` and ``code``
(the error's own name), so the body reads as the real engine's does:
``{"code": "BadRequestException", "detailedMessage": "...", "requestId": "..."}``.
``code`` doubles as moto's ``ServiceException.code``, which is the error shape's name too.
"""

from uuid import uuid4

from moto.core.exceptions import ServiceException


class NeptuneDataError(ServiceException):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.detailedMessage = message
        self.requestId = str(uuid4())


class BadRequestException(NeptuneDataError):
    code = "BadRequestException"


class InvalidParameterException(NeptuneDataError):
    code = "InvalidParameterException"


class MissingParameterException(NeptuneDataError):
    code = "MissingParameterException"


class MLResourceNotFoundException(NeptuneDataError):
    code = "MLResourceNotFoundException"


class PreconditionsFailedException(NeptuneDataError):
    code = "PreconditionsFailedException"


class UnsupportedOperationException(NeptuneDataError):
    code = "UnsupportedOperationException"


class BulkLoadIdNotFoundException(NeptuneDataError):
    code = "BulkLoadIdNotFoundException"


class S3Exception(NeptuneDataError):
    code = "S3Exception"


class MalformedQueryException(NeptuneDataError):
    code = "MalformedQueryException"


class ConstraintViolationException(NeptuneDataError):
    code = "ConstraintViolationException"


class StatisticsNotAvailableException(NeptuneDataError):
    code = "StatisticsNotAvailableException"


class StreamRecordsNotFoundException(NeptuneDataError):
    code = "StreamRecordsNotFoundException"
