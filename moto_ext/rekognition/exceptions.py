"""Rekognition's errors: ``code`` is the error shape's name (the shapes carry no members).

Their HTTP status comes from the model through core (400, or 500 for the shapes it marks as faults).
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


class ValidationException(RekognitionError):
    """The request breaks a constraint the API reference answers with ValidationException
    (MaxResults over its documented maximum). Rekognition's botocore model has no such shape, so
    clients raise a plain ClientError with this code, as they do against the service."""

    code = "ValidationException"
