"""Rekognition's modeled errors: ``code`` is the error shape's name (the shapes carry no members).

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


class NotImplementedByMotoExt(RekognitionError):
    """An operation of the model that neither moto nor moto_ext implements.

    Rekognition models no error for this; the code is moto_ext's own, so a test sees a
    ClientError naming the operation instead of a NotImplementedError traceback.
    """

    code = "NotImplementedByMotoExt"
