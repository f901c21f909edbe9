"""Lookout for Vision's modeled errors: ``code`` is the error shape's name, members as modeled."""

from moto.core.exceptions import ServiceException


class LookoutVisionError(ServiceException):
    pass


class ValidationException(LookoutVisionError):
    code = "ValidationException"


class ResourceNotFoundException(LookoutVisionError):
    code = "ResourceNotFoundException"

    def __init__(self, message: str, resource_id: str, resource_type: str) -> None:
        super().__init__(message)
        self.ResourceId = resource_id
        self.ResourceType = resource_type


class ConflictException(LookoutVisionError):
    code = "ConflictException"

    def __init__(self, message: str, resource_id: str, resource_type: str) -> None:
        super().__init__(message)
        self.ResourceId = resource_id
        self.ResourceType = resource_type


class ServiceQuotaExceededException(LookoutVisionError):
    code = "ServiceQuotaExceededException"
