"""Rekognition's modeled errors: ``code`` is the error shape's name (the shapes carry no members).

The HTTP status is not in the model; the response class sets it (400, or 500 for the shapes the
model marks as faults), as Rekognition's error-handling guide documents.
"""

from moto.core.exceptions import ServiceException


class RekognitionError(ServiceException):
    pass


class AccessDeniedException(RekognitionError):
    code = "AccessDeniedException"


class ImageTooLargeException(RekognitionError):
    code = "ImageTooLargeException"


class InvalidImageFormatException(RekognitionError):
    code = "InvalidImageFormatException"


class InvalidPaginationTokenException(RekognitionError):
    code = "InvalidPaginationTokenException"


class InvalidParameterException(RekognitionError):
    code = "InvalidParameterException"


class InvalidPolicyRevisionIdException(RekognitionError):
    code = "InvalidPolicyRevisionIdException"


class InvalidS3ObjectException(RekognitionError):
    code = "InvalidS3ObjectException"


class LimitExceededException(RekognitionError):
    code = "LimitExceededException"


class MalformedPolicyDocumentException(RekognitionError):
    code = "MalformedPolicyDocumentException"


class ResourceAlreadyExistsException(RekognitionError):
    code = "ResourceAlreadyExistsException"


class ResourceInUseException(RekognitionError):
    code = "ResourceInUseException"


class ResourceNotFoundException(RekognitionError):
    code = "ResourceNotFoundException"


class ResourceNotReadyException(RekognitionError):
    code = "ResourceNotReadyException"


class ServiceQuotaExceededException(RekognitionError):
    code = "ServiceQuotaExceededException"


class NotImplementedByMotoExt(RekognitionError):
    """An operation of the model that neither moto nor moto_ext implements.

    Rekognition models no error for this; the code is moto_ext's own, so a test sees a
    ClientError naming the operation instead of a NotImplementedError traceback.
    """

    code = "NotImplementedByMotoExt"
