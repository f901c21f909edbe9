"""The base of every moto_ext AWS response class.

It is moto's ``BaseResponse`` with automated parsing from the botocore model, plus two things
every service needs and moto does not do:

- the constraints botocore leaves to the server (max lengths, patterns, enums, ranges) are
  checked against the operation's input shape before the operation runs; a request that breaks
  them gets the service's own validation error (``validation_error``) and changes nothing;
- an operation of the model that the service does not implement gets the service's typed
  "unsupported" error (``unsupported_error``) instead of moto's NotImplementedError.
"""

import re
from functools import cache
from typing import Any

from botocore.model import OperationNotFoundError
from moto.core.exceptions import HTTPException, ServiceException
from moto.core.responses import ActionResult, BaseResponse
from moto.core.utils import camelcase_to_underscores, get_service_model, method_names_from_class
from moto.iam.access_control import IAMRequest

from . import faults, lifecycle
from .errors import http_status
from .idempotency import IdempotencyCache, token_member
from .shapes import problems


@cache
def _method_names(klass: type) -> frozenset[str]:
    # listing a class's methods walks its whole MRO: once a class is enough
    return frozenset(method_names_from_class(klass))


# botocore's User-Agent lists the SDK features a request used: "m/B,Z" ("B" is a waiter's poll)
_UA_METRICS = re.compile(r"(?:^|\s)m/([^\s]+)")


def from_waiter(headers: Any) -> bool:
    """Whether a request is a botocore waiter's poll (the AWS CLI's ``wait`` commands included)."""
    user_agent = str(headers.get("User-Agent") or headers.get("user-agent") or "")
    match = _UA_METRICS.search(user_agent)
    return match is not None and "B" in match.group(1).split(",")


class _AccessDenied(HTTPException):
    """moto's IAM denial, re-serialized as the service's own typed JSON error."""

    def __init__(self, status: int, headers: dict[str, Any], body: str) -> None:
        super().__init__(description=body)
        self.code = status
        self._headers = headers

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [(k, str(v)) for k, v in self._headers.items()]


class _BodyOnlyIAMRequest(IAMRequest):
    """moto's IAMRequest signs an empty body as the form-encoded query or headers, so a signed
    empty-body rest-json request (GET, DELETE) never verifies. The signed payload is the body."""

    def _create_aws_request(self) -> Any:
        request = super()._create_aws_request()
        request.data = self._body or b""
        return request


class ExtResponse(BaseResponse):
    #: ServiceException subclass taking a message: the service's validation error
    validation_error: type[ServiceException] | None = None
    #: ServiceException subclass taking a message: raised for operations not implemented here
    unsupported_error: type[ServiceException] | None = None

    #: the error code moto's IAM denials are answered with
    access_denied_code = "AccessDeniedException"

    def __init__(self, service_name: str) -> None:
        super().__init__(service_name=service_name)
        self.automated_parameter_parsing = True

    def _get_action(self) -> str:
        # moto asks for the action several times a request, matching the route each time;
        # one request has one action, so the first answer is kept (it also sets uri_match).
        cached = self.__dict__.get("_action")
        if cached is None:
            cached = self.__dict__["_action"] = super()._get_action()
        return cached

    @property
    def operation_model(self) -> Any:
        return get_service_model(self.boto3_service_name).operation_model(self._get_action())

    def call_action(self) -> Any:
        try:
            action = self._get_action()
            operation = self.operation_model if action else None
        except OperationNotFoundError:
            operation = None
        if operation is None and self.validation_error is not None:
            # A request no operation of the model matches (a rest-json path with a required query
            # member left out, say) gets a typed 400, never moto's bare 404.
            return self._error_response(
                self.validation_error(f"No operation of this service matches {self.method} {self.path}.")
            )
        if operation is not None:
            try:
                self._check_input(operation)
                faults.before_call(str(self.service_name), operation.name)
                self._check_implemented(operation.name)
            except ServiceException as error:
                return self._error_response(error)
            self._make_idempotent(operation)
        with lifecycle.answering(waiter=from_waiter(self.headers)):
            return super().call_action()

    # --- idempotency tokens -------------------------------------------------------------------
    def token_conflict(self, operation: str, token: str, params: dict[str, Any]) -> ServiceException:
        """The error for a token reused with other parameters (a service names its own)."""
        assert self.validation_error is not None
        return self.validation_error(f"The client token {token} was already used with other parameters.")

    def _make_idempotent(self, operation: Any) -> None:
        """An operation whose input has an ``idempotencyToken`` member, called with a token: a
        repeat within the token's lifetime answers as the first call, with no second side effect;
        the same token with other parameters gets ``token_conflict``. A call that fails is not
        remembered. The tokens live on the backend, so they end with it."""
        member = token_member(operation)
        token = self.params.get(member) if member else None
        backend = getattr(self, "backend", None)
        if not token or backend is None:
            return
        action = camelcase_to_underscores(operation.name)
        method = getattr(self, action, None)
        if method is None:
            return
        tokens = backend.__dict__.setdefault("idempotency_tokens", IdempotencyCache())
        params = {name: value for name, value in self.params.items() if name != member}

        def replayable() -> Any:
            return tokens.run(
                operation.name, token, params, method, lambda: self.token_conflict(operation.name, token, params)
            )

        # moto's call_action looks the method up on the instance: this call goes through the cache
        self.__dict__[action] = replayable

    def _authenticate_and_authorize_normal_action(self, resource: str = "*") -> None:
        # With moto's IAM enforcement on, a denial must reach a JSON client as the service's
        # typed AccessDeniedException (moto answers with an XML body the client cannot type).
        try:
            self._authenticate_and_authorize_action(_BodyOnlyIAMRequest, resource)
        except HTTPException as denial:
            if isinstance(denial, _AccessDenied):
                raise
            error_class = type(
                self.access_denied_code, (ServiceException,), {"code": self.access_denied_code, "__module__": "ext_iam"}
            )
            status, headers, body = self._error_response(
                error_class(getattr(denial, "message", None) or denial.description)
            )
            raise _AccessDenied(denial.code or status, headers, body) from None

    def _check_input(self, operation: Any) -> None:
        if self.validation_error is None:
            return
        params = dict(getattr(self, "params", {}) or {})
        found = problems(params, operation.input_shape, check_required=True)
        if found:
            raise self.validation_error("; ".join(found))

    def _check_implemented(self, operation_name: str) -> None:
        if self.unsupported_error is None:
            return
        if camelcase_to_underscores(operation_name) not in _method_names(self.__class__):  # type: ignore[arg-type]
            raise self.unsupported_error(
                f"{operation_name} is not implemented by moto_ext: the mock does not support this operation."
            )

    def _error_response(self, error: ServiceException) -> Any:
        """An error answered before the operation runs (validation, faults, IAM), with a request
        id like every answer of the real services (moto adds it to the operations' answers)."""
        status, headers, body = self.serialized(ActionResult(error))
        headers.update(self.response_headers)
        headers, body = self._enrich_response(headers, body)
        return status, headers, body

    def serialized(self, action_result: ActionResult) -> Any:
        status, headers, body = super().serialized(action_result)
        error = action_result.result
        if isinstance(error, ServiceException):
            # the modeled status, also where the model leaves it to the error guide (faults: 500)
            status = http_status(self.boto3_service_name, error.code) or status
        return status, headers, body
