"""IAM (Keystone v3) errors: ``{"error": {"code": 401, "title": "Unauthorized", "message": ...}}``.

``code`` is Keystone's title; its HTTP status comes from one table.
"""

from typing import Any

from moto.core.exceptions import ServiceException

#: title -> HTTP status, for every error the mock answers (raised or injected)
STATUS_BY_TITLE: dict[str, int] = {
    "Bad Request": 400,
    "Unauthorized": 401,
    "Forbidden": 403,
    "Not Found": 404,
    "Method Not Allowed": 405,
    "Internal Server Error": 500,
}


class IamError(ServiceException):
    def __init__(self, title: str, message: str) -> None:
        super().__init__(message)
        self.code = title

    @property
    def status(self) -> int:
        return STATUS_BY_TITLE[self.code]

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.status, "title": self.code, "message": self.message}}
