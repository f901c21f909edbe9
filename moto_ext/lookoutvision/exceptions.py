"""Lookout for Vision's modeled errors: ``code`` is the error shape's name, members as modeled.

The HTTP status comes from the error shape (ValidationException 400, ServiceQuotaExceeded 402,
ResourceNotFound 404, Conflict 409), so moto's serializer answers the way botocore expects.
"""

from moto.core.exceptions import ServiceException

#: ServiceCode of this service's quota errors (the Service Quotas code of Lookout for Vision)
SERVICE_CODE = "lookoutvision"


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

    def __init__(
        self,
        message: str,
        quota_code: str,
        resource_id: str | None = None,
        resource_type: str | None = None,
    ) -> None:
        super().__init__(message)
        self.QuotaCode = quota_code
        self.ServiceCode = SERVICE_CODE
        if resource_id is not None:
            self.ResourceId = resource_id
        if resource_type is not None:
            self.ResourceType = resource_type
