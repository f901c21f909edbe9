"""The base of every moto_ext AWS response class.

It is moto's ``BaseResponse`` with automated parsing from the botocore model, plus two things
every service needs and moto does not do:

- the constraints botocore leaves to the server (max lengths, patterns, enums, ranges) are
  checked against the operation's input shape before the operation runs; a request that breaks
  them gets the service's own validation error (``validation_error``) and changes nothing;
- an operation of the model that the service does not implement gets the service's typed
  "unsupported" error (``unsupported_error``) instead of moto's NotImplementedError.

On the fast path (core/fastpath.py) it sets itself up with ``light.light_setup`` and writes
plain answers with the serializers of core/compiled.py.
"""

import re
import string
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlparse

from botocore.model import OperationNotFoundError
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import HTTPException, ServiceException
from moto.core.parse import PROTOCOL_PARSERS
from moto.core.request import determine_request_protocol
from moto.core.responses import ActionResult, BaseResponse
from moto.core.utils import camelcase_to_underscores, get_service_model, method_names_from_class
from moto.iam.access_control import IAMRequest
from moto.moto_api._internal import mock_random

from . import faults, lifecycle
from .compiled import compiled
from .errors import http_status
from .idempotency import IdempotencyCache, token_member
from .light import LAZY_QUERYSTRING, LightRequest, lazy_querystring, light_setup, may_hold
from .shapes import problems


@cache
def _method_names(klass: type) -> frozenset[str]:
    # listing a class's methods walks its whole MRO: once a class is enough
    return frozenset(method_names_from_class(klass))


# botocore's User-Agent lists the SDK features a request used: "m/B,Z" ("B" is a waiter's poll)
_UA_METRICS = re.compile(r"(?:^|\s)m/([^\s]+)")


def from_waiter(headers: Any) -> bool:
    """Whether a request is a botocore waiter's poll (the AWS CLI's ``wait`` commands included)."""
    return _waiter_agent(str(headers.get("User-Agent") or headers.get("user-agent") or ""))


@lru_cache(maxsize=256)
def _waiter_agent(user_agent: str) -> bool:
    # a client sends the same few User-Agents over and over
    match = _UA_METRICS.search(user_agent)
    return match is not None and "B" in match.group(1).split(",")


@cache
def snake_case(name: str) -> str:
    """moto's ``camelcase_to_underscores``, once a name (member and operation names repeat)."""
    return camelcase_to_underscores(name)  # type: ignore[no-any-return]


@cache
def _token_member(operation: Any) -> str | None:
    # an operation model never changes: its token member is looked up once
    return token_member(operation)


# (response class, method, host, raw path, content type) -> (operation name, URI parameters)
_routed: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
_ROUTED_LIMIT = 4096


@cache
def _routes_by_path(operation: Any) -> bool:
    """Whether moto's router picks ``operation`` for its paths whatever the query and headers:
    no other operation shares its path and method, its URI holds no query part, it requires no
    query member or header (moto's constraints) and takes no host label."""
    http = operation.http_trait
    if http.query_args or "{" in str((operation.endpoint or {}).get("hostPrefix", "")):
        return False
    shape = operation.input_shape
    if shape is not None and (shape.required_query_args or shape.required_headers):
        return False
    model = operation.service_model
    route = _route_of(operation)
    sharing = [name for name in model.operation_names if _route_of(model.operation_model(name)) == route]
    return sharing == [operation.name]


def _route_of(operation: Any) -> tuple[str, str]:
    return operation.http_trait.path, operation.http_trait.method


_XML_REQUEST_ID = re.compile(r"(?<=<RequestId>).*(?=<\/RequestId>)")
_REQUEST_ID_CHARACTERS = string.ascii_letters + string.digits


def request_id_long() -> str:
    """moto's ``gen_amzn_requestid_long``: the same 52 characters from the same draws of moto's
    random generator (``choice`` of 62 takes 6-bit draws, each the top bits of one 32-bit word,
    until one is below 62), its words drawn 52 at a time."""
    # word i is bits 32i..32i+31 of the draw: its top byte is byte 4i+3 in little-endian order;
    # a top byte of 248 or more is a draw of 62 or 63, which choice throws away
    top_bytes = mock_random.getrandbits(32 * 52).to_bytes(4 * 52, "little")[3::4]
    picked = top_bytes.translate(_REQUEST_ID_TABLE, _REJECTED_DRAWS).decode("ascii")
    if len(picked) == 52:
        return picked
    more = [picked]
    missing = 52 - len(picked)
    while missing:
        draw = mock_random.getrandbits(6)
        if draw < 62:
            more.append(_REQUEST_ID_CHARACTERS[draw])
            missing -= 1
    return "".join(more)


_REQUEST_ID_TABLE = bytes(ord(_REQUEST_ID_CHARACTERS[min(byte >> 2, 61)]) for byte in range(256))
_REJECTED_DRAWS = bytes(range(248, 256))


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

    #: set by the fast path on its instances: a LightRequest is set up by ``light_setup`` and
    #: plain answers are written by serializers compiled from the output shape (core/compiled.py)
    fast_path = False

    def __init__(self, service_name: str) -> None:
        super().__init__(service_name=service_name)
        self.automated_parameter_parsing = True

    def setup_class(
        self, request: Any, full_url: str | None = None, headers: Any = None, use_raw_body: bool | None = None
    ) -> None:
        if self.fast_path and type(request) is LightRequest and _setup_is_motos(type(self)):  # type: ignore[arg-type]
            return light_setup(self, request, full_url, headers, use_raw_body)
        return super().setup_class(request, full_url, headers, use_raw_body)  # type: ignore[no-any-return]

    # light_setup leaves the querystring moto builds from the body or the headers, and the parsed
    # URL (which no operation here reads) to their first read. Properties, not ``__getattr__``:
    # moto asks ``hasattr`` of optional hooks on every request, and a miss must stay cheap.
    @property
    def querystring(self) -> Any:
        found = self.__dict__.get("querystring", _MISSING)
        if found is _MISSING:
            lazy = self.__dict__.pop(LAZY_QUERYSTRING, None)
            if lazy is None:
                raise AttributeError("querystring")
            found = self.__dict__["querystring"] = self.__dict__["data"] = lazy_querystring(lazy)
        return found

    @querystring.setter
    def querystring(self, value: Any) -> None:
        self.__dict__["querystring"] = value

    @property
    def data(self) -> Any:
        if "data" not in self.__dict__:
            self.querystring  # noqa: B018 - sets both
        return self.__dict__["data"]

    @data.setter
    def data(self, value: Any) -> None:
        self.__dict__["data"] = value

    @property
    def parsed_url(self) -> Any:
        found = self.__dict__.get("parsed_url")
        if found is None:
            if "uri" not in self.__dict__:
                raise AttributeError("parsed_url")
            found = self.__dict__["parsed_url"] = urlparse(self.uri)
        return found

    @parsed_url.setter
    def parsed_url(self, value: Any) -> None:
        self.__dict__["parsed_url"] = value

    def _get_action(self) -> str:
        # moto asks for the action several times a request, matching the route each time;
        # one request has one action, so the first answer is kept (it also sets uri_match).
        cached = self.__dict__.get("_action")
        if cached is None:
            lazy = self.__dict__.get(LAZY_QUERYSTRING)
            if lazy is not None and not may_hold(lazy, "Action"):
                # moto's order: an "Action" in the querystring (this one has none),
                # then the X-Amz-Target header, then the method and path
                target = self.headers.get("X-Amz-Target")  # (werkzeug's headers ignore case)
                if target:
                    cached = target.split(".")[-1]
                else:
                    cached = self._get_action_from_method_and_request_uri(self.normalized_request)
            else:
                cached = super()._get_action()
            self.__dict__["_action"] = cached
        return cached

    def _route_request(self, request: Any) -> tuple[Any, dict[str, Any]]:
        """moto's routing of a rest request: the operation model and the URI parameters.

        Raises werkzeug's NotFound where no operation matches (a service may route otherwise)."""
        from moto.core.routing import get_service_router

        return get_service_router(self.boto3_service_name).match(request)  # type: ignore[no-any-return]

    def _get_action_from_method_and_request_uri(self, request: Any) -> str:
        # werkzeug's matching costs more than the rest of a describe call's parsing; a path whose
        # operation is decided by the path alone is matched once (``_routes_by_path``)
        key = (type(self), request.method, request.host, request.raw_path, request.content_type)
        found = _routed.get(key)
        if found is None:
            from werkzeug.exceptions import NotFound

            try:
                operation, uri_params = self._route_request(request)
            except (NotFound, NotImplementedError):
                return None  # type: ignore[return-value]
            found = (operation.name, uri_params)
            if _routes_by_path(operation):
                if len(_routed) >= _ROUTED_LIMIT:
                    _routed.clear()
                _routed[key] = found
        self.uri_match = dict(found[1])
        return found[0]

    @property
    def operation_model(self) -> Any:
        # one request has one operation: looked up once
        found = self.__dict__.get("_operation")
        if found is None:
            found = get_service_model(self.boto3_service_name).operation_model(self._get_action())
            self.__dict__["_operation"] = found
        return found

    def request_protocol(self, request: Any) -> str:
        """The protocol a request's parameters are read with: moto picks it from the Content-Type."""
        return determine_request_protocol(get_service_model(self.boto3_service_name), request.content_type)  # type: ignore[no-any-return]

    def parse_parameters(self, request: Any) -> None:
        # moto's, with one parser per operation and protocol (moto's parsers keep no state)
        parser = _parser(self.operation_model, self.request_protocol(request), self.PROTOCOL_PARSER_MAP_TYPE)
        parsed = parser.parse(
            {
                "method": request.method,
                "values": request.values,
                "headers": request.headers,
                "body": request.data,
                "url_path": request.path,
                "url_params": self.uri_match,
            }
        )
        self.params = parsed

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
            if self.fast_path and _runs_plainly(type(self)):  # type: ignore[arg-type]
                return self._run_operation()
            return super().call_action()

    def _run_operation(self) -> Any:
        """moto's ``call_action`` for the fast path, which only runs with IAM enforcement off:
        moto's IAM step then only counts the request. The answer is moto's, step for step: the
        operation's method, its errors serialized (ServiceException) or passed on (HTTPException),
        an ActionResult serialized, a string answered with 200, then the request id."""
        action = snake_case(self._get_action())
        if action not in _method_names(type(self)):  # type: ignore[arg-type]
            return super().call_action()  # moto's answer for an action no method answers
        ActionAuthenticatorMixin.request_count += 1
        try:
            answer = getattr(self, action)()
        except ServiceException as error:
            status, headers, body = self.serialized(ActionResult(error))
            headers["status"] = status
            answer = body, headers
        except HTTPException as error:
            error_headers: dict[str, Any] = dict(error.get_headers() or [])
            error_headers["status"] = error.code
            answer = error.description, error_headers
        if isinstance(answer, ActionResult):
            status, headers, body = self.serialized(answer)
        elif isinstance(answer, str):
            status, headers, body = 200, self.response_headers, answer
        else:
            status, headers, body = self._transform_response(self.response_headers, answer)
        return (status, *self._enrich_response(headers, body))

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
        member = _token_member(operation)
        token = self.params.get(member) if member else None
        if not token:
            return
        backend = getattr(self, "backend", None)
        if backend is None:
            return
        action = snake_case(operation.name)
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

    def request_params(self) -> dict[str, Any]:
        """A copy of the request's parsed members (empty before they are parsed)."""
        return dict(getattr(self, "params", {}) or {})

    def _check_input(self, operation: Any) -> None:
        if self.validation_error is None:
            return
        found = self._input_problems(operation)
        if found:
            raise self.validation_error("; ".join(found))

    def _input_problems(self, operation: Any) -> list[str]:
        """What the request breaks of the operation's input shape (a service may waive some)."""
        return problems(self.request_params(), operation.input_shape, check_required=True)

    def _check_implemented(self, operation_name: str) -> None:
        if self.unsupported_error is None:
            return
        if snake_case(operation_name) not in _method_names(self.__class__):  # type: ignore[arg-type]
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

    @staticmethod
    def _enrich_response(headers: dict[str, Any], body: Any) -> tuple[dict[str, Any], Any]:  # type: ignore[override]
        # moto's, with the same request id drawn faster and its XML rewrite only where it applies
        if "status" in headers:
            headers["status"] = str(headers["status"])
        request_id = request_id_long()
        if isinstance(headers, dict):
            headers["x-amzn-requestid"] = request_id
        if isinstance(body, str) and "<RequestId>" in body:
            body = _XML_REQUEST_ID.sub(request_id, body)
        return headers, body

    def serialized(self, action_result: ActionResult) -> Any:
        if self.fast_path and type(action_result) is ActionResult and type(action_result.result) is dict:
            answer = self._compiled_answer()
            body = answer(action_result.result) if answer is not None else None
            if body is not None:
                headers = {"Content-Type": answer.content_type}  # type: ignore[union-attr]
                headers.update(self.response_headers)
                return answer.status, headers, body  # type: ignore[union-attr]
        status, headers, body = super().serialized(action_result)
        error = action_result.result
        if isinstance(error, ServiceException):
            # the modeled status, also where the model leaves it to the error guide (faults: 500)
            status = http_status(self.boto3_service_name, error.code) or status
        return status, headers, body

    def _compiled_answer(self) -> Any:
        """The compiled serializer moto's ``serialized`` would stand for here, if there is one.

        moto picks the serializer from the class, the operation and the protocol the request's
        Content-Type names: the pick is kept per (class, operation, Content-Type)."""
        key = (type(self), self._get_action(), self.headers.get("Content-Type"))
        try:
            return _answers[key]
        except KeyError:
            if len(_answers) >= _ROUTED_LIMIT:  # a caller's own Content-Types (DetectAnomalies)
                _answers.clear()
            answer = _answers[key] = self._pick_compiled_answer()
            return answer

    def _pick_compiled_answer(self) -> Any:
        from moto.core.serialize import get_serializer_class

        service_model = get_service_model(self.boto3_service_name)
        try:
            operation = service_model.operation_model(self._get_action())
        except OperationNotFoundError:
            return None
        serializer_class = get_serializer_class(
            service_model.service_name, self.determine_response_protocol(service_model)
        )
        return compiled(operation, serializer_class, self)


_answers: dict[tuple[Any, ...], Any] = {}
_MISSING = object()


@lru_cache(maxsize=1024)
def _parser(operation: Any, protocol: str, map_type: type) -> Any:
    return PROTOCOL_PARSERS[protocol](operation, map_type=map_type)


@cache
def _runs_plainly(klass: type) -> bool:
    # moto's call_action asks these: a class with its own leaves the answer to moto's
    return not hasattr(klass, "_determine_resource") and (
        klass._authenticate_and_authorize_normal_action is ExtResponse._authenticate_and_authorize_normal_action  # type: ignore[attr-defined]
    )


@cache
def _setup_is_motos(klass: type) -> bool:
    # light_setup stands for moto's setup_class and the account and body steps it calls
    return all(
        getattr(klass, name) is getattr(ExtResponse, name)
        for name in ("setup_class", "get_current_account", "decompress_request_body", "get_access_key")
    )
