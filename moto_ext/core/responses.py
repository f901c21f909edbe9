"""The base of every moto_ext AWS response class.

It is moto's ``BaseResponse`` with automated parsing from the botocore model, plus two things
every service needs and moto does not do:

- the constraints botocore leaves to the server (max lengths, patterns, enums, ranges) are
  checked against the operation's input shape before the operation runs; a request that breaks
  them gets the service's own validation error (``validation_error``) and changes nothing;
- an operation of the model that the service does not implement gets the service's typed
  "unsupported" error (``unsupported_error``) instead of moto's NotImplementedError.

It also holds what the fast path (core/fastpath.py) gives these classes: ``LightRequest``, the
request as moto reads it built straight from botocore's, and ``light_setup``, moto's
``setup_class`` for it.
"""

import os
import re
import string
import sys
from collections import OrderedDict
from functools import cache, lru_cache
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote, urlparse, urlsplit

from botocore.model import OperationNotFoundError
from moto.core.exceptions import HTTPException, ServiceException
from moto.core.responses import ActionResult, BaseResponse
from moto.core.utils import camelcase_to_underscores, get_service_model, method_names_from_class
from moto.iam.access_control import IAMRequest

from . import faults, lifecycle
from .compiled import compiled
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
    return _waiter_agent(str(headers.get("User-Agent") or headers.get("user-agent") or ""))


@lru_cache(maxsize=256)
def _waiter_agent(user_agent: str) -> bool:
    # a client sends the same few User-Agents over and over
    match = _UA_METRICS.search(user_agent)
    return match is not None and "B" in match.group(1).split(",")


@cache
def _snake_case(name: str) -> str:
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
    same_route = [
        name
        for name in model.operation_names
        if (model.operation_model(name).http_trait.path, model.operation_model(name).http_trait.method)
        == (http.path, http.method)
    ]
    return same_route == [operation.name]


_XML_REQUEST_ID = re.compile(r"(?<=<RequestId>).*(?=<\/RequestId>)")
_REQUEST_ID_CHARACTERS = string.ascii_letters + string.digits


def request_id_long() -> str:
    """moto's ``gen_amzn_requestid_long``: the same 52 characters from the same draws of moto's
    random generator (``choice`` of 62 takes 6-bit draws, each from one 32-bit word, until one is
    below 62), its words drawn 52 at a time."""
    from moto.moto_api._internal import mock_random

    words = memoryview(mock_random.getrandbits(32 * 52).to_bytes(4 * 52, sys.byteorder)).cast("I")
    characters = _REQUEST_ID_CHARACTERS
    picked = [characters[word >> 26] for word in words if word >> 26 < 62]
    while len(picked) < 52:
        draw = mock_random.getrandbits(6)
        if draw < 62:
            picked.append(characters[draw])
    return "".join(picked)


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
        if self.fast_path and type(request) is LightRequest and _setup_is_motos(type(self)):
            return light_setup(self, request, full_url, headers, use_raw_body)
        return super().setup_class(request, full_url, headers, use_raw_body)  # type: ignore[no-any-return]

    def _get_action(self) -> str:
        # moto asks for the action several times a request, matching the route each time;
        # one request has one action, so the first answer is kept (it also sets uri_match).
        cached = self.__dict__.get("_action")
        if cached is None:
            cached = self.__dict__["_action"] = super()._get_action()
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
        member = _token_member(operation)
        token = self.params.get(member) if member else None
        backend = getattr(self, "backend", None)
        if not token or backend is None:
            return
        action = _snake_case(operation.name)
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
        if _snake_case(operation_name) not in _method_names(self.__class__):  # type: ignore[arg-type]
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
        """The compiled serializer moto's ``serialized`` would stand for here, if there is one."""
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


@cache
def _setup_is_motos(klass: type) -> bool:
    # light_setup stands for moto's setup_class and the account and body steps it calls
    return all(
        getattr(klass, name) is getattr(ExtResponse, name)
        for name in ("setup_class", "get_current_account", "decompress_request_body")
    )


# --- the request as moto's response classes read it ------------------------------------------------
# a path botocore percent-encoded (werkzeug's iri_to_uri leaves it as it is) and a host without port
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9\-._~/%!$&'()*+,:;=@]*")
_PLAIN_HOST = re.compile(r"[a-z0-9][a-z0-9.-]*")


class LightRequest:
    """What moto's ``Request`` (a werkzeug request built from an environ) gives moto's response
    classes, computed directly from botocore's request.

    Every value is the one ``moto.core.request.normalize_request`` would give for the requests
    this class takes (``light_request`` says which): the headers are moto's ``EnvironHeaders``
    over the environ werkzeug's ``EnvironBuilder`` would build, in its order; the path is decoded
    as werkzeug decodes it; args and values are werkzeug's multidicts. tests/core/test_fastpath.py
    compares them with ``normalize_request``'s on every operation's request.
    """

    from_wsgi_server = False
    content_encoding = None

    def __init__(
        self, method: str, scheme: str, host: str, path: str, query: str, headers: list[tuple[str, Any]], data: bytes
    ) -> None:
        from moto.core.request import PRESERVED_HEADER_NAMES_ENVIRON_KEY, EnvironHeaders

        self.method = method.upper()
        self.host = host
        self.scheme = scheme
        self.raw_path = path
        self.path = "/" + unquote(path).lstrip("/")
        self.query_string = query.encode()
        self._query = query
        self.raw_url = f"{scheme}://{host}{path}" + (f"?{query}" if query else "")
        self.url = self.raw_url
        self._data = data
        self.environ = environ = _header_environ(host, headers, data)
        environ[PRESERVED_HEADER_NAMES_ENVIRON_KEY] = {}
        environ.setdefault("CONTENT_LENGTH", "0")
        self.headers = EnvironHeaders(environ)
        self.content_type = environ.get("CONTENT_TYPE")
        self._args: Any = None

    @property
    def data(self) -> bytes:
        return self._data

    def get_data(self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False) -> Any:
        return self._data.decode("utf-8", "replace") if as_text else self._data

    @property
    def args(self) -> Any:
        if self._args is None:
            from werkzeug.datastructures import ImmutableMultiDict

            self._args = ImmutableMultiDict(parse_qsl(self._query, keep_blank_values=True, errors="werkzeug.url_quote"))
        return self._args

    @property
    def form(self) -> Any:
        from werkzeug.datastructures import ImmutableMultiDict

        return ImmutableMultiDict()

    files = form

    @property
    def values(self) -> Any:
        from werkzeug.datastructures import CombinedMultiDict

        # werkzeug: "for GET requests, only args are present, not form"
        return CombinedMultiDict([self.args] if self.method == "GET" else [self.args, self.form])


def _header_items(headers: Any) -> list[tuple[str, Any]]:
    """``list(headers.items())``; botocore's HeadersDict read from its dict (no key objects built)."""
    from botocore.awsrequest import HeadersDict

    if type(headers) is HeadersDict:
        return [(key._key, value) for key, value in headers._dict.items()]
    return list(headers.items())


def _header_environ(host: str, items: list[tuple[str, Any]], data: bytes) -> dict[str, Any]:
    """The header keys of the environ werkzeug's EnvironBuilder builds for moto, in its order."""
    environ: dict[str, Any] = {"HTTP_HOST": host}
    content_type = None
    combined: dict[str, list[str]] = {}
    for key, value in items:
        lower = key.lower()
        if lower == "transfer-encoding":
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        if lower == "content-type":
            if content_type is None:
                content_type = value
        elif lower != "content-length":
            name = "HTTP_" + key.upper().replace("-", "_")
            if name in combined:
                combined[name].append(value)
            else:
                combined[name] = [value]
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if data:
        environ["CONTENT_LENGTH"] = str(len(data))
    for name, values in combined.items():
        environ[name] = values[0] if len(values) == 1 else ", ".join(values)
    return environ


def light_request(request: Any) -> LightRequest | None:
    """``request`` as moto's response classes read it, or None where only moto's request is exact."""
    body = request.body
    if body is None:
        data = b""
    elif isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode()
    else:
        return None
    parts = urlsplit(request.url)
    if not _PLAIN_PATH.fullmatch(parts.path) or not _PLAIN_HOST.fullmatch(parts.netloc) or parts.fragment:
        return None
    items = _header_items(request.headers)
    if not parts.query.isascii() or not all(str(value).isascii() for _, value in items):
        return None
    content_type = str(request.headers.get("Content-Type") or "").lower()
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/")):
        return None  # werkzeug parses those bodies into a form
    return LightRequest(request.method, parts.scheme, parts.netloc, parts.path, parts.query, items, data)


# --- moto's setup_class, for the fast path's LightRequest --------------------------------------------
def _header_querystring(environ: dict[str, Any]) -> dict[str, Any]:
    """``OrderedDict().update(request.headers)`` over a LightRequest's environ, in one pass (the
    names and values werkzeug's EnvironHeaders gives, none preserved: LightRequest keeps none)."""
    querystring: dict[str, Any] = OrderedDict()
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                querystring[key[5:].replace("_", "-").title()] = value
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            querystring[key.replace("_", "-").title()] = value
    return querystring


def _account_of(access_key: str) -> str:
    """``moto.iam.models.get_account_id_from``, reading the partitions' backends directly once
    they exist (moto's getter would create a missing one: it still does)."""
    from moto.iam.models import DEFAULT_ACCOUNT_ID, PARTITION_NAMES, iam_backends

    for account_id, account in list(iam_backends.items()):
        for partition in PARTITION_NAMES:
            backend = dict.get(account, partition)
            if backend is None:
                backend = account[partition]
            if access_key in backend.access_keys:
                return account_id  # type: ignore[no-any-return]
    return DEFAULT_ACCOUNT_ID  # type: ignore[no-any-return]


_last_date: tuple[Any, str] = (None, "")


def _http_date(now: Any) -> str:
    """werkzeug's ``http_date`` (whole seconds), formatted once a second."""
    global _last_date
    second = now.replace(microsecond=0)
    seen, text = _last_date
    if seen != second:
        from werkzeug.http import http_date

        text = http_date(second)
        _last_date = (second, text)
    return text


def light_setup(
    self: Any, request: Any, full_url: str | None = None, headers: Any = None, use_raw_body: bool | None = None
) -> None:
    """moto's ``BaseResponse.setup_class`` for a LightRequest: the same attributes with the same
    values, without the steps that cannot apply to one (no form, no files, no compression, a
    host header always) and with the header querystring and the account read directly.
    tests/core/test_fastpath.py compares the attributes with moto's on every operation."""
    from moto.core import responses as moto_responses
    from moto.iam.models import mark_account_as_visited
    from moto.utilities.utils import get_partition

    if type(request) is not LightRequest or (headers is not None and headers is not request.headers):
        return BaseResponse.setup_class(self, request, full_url, headers, use_raw_body)  # type: ignore[no-any-return]
    use_raw_body = self.use_raw_body if use_raw_body is None else use_raw_body
    self.is_werkzeug_request = False
    full_url = request.raw_url if full_url is None else full_url
    self.normalized_request = request
    self.parsed_url = parsed_url = urlparse(full_url)
    self.form_data = request.form
    self.raw_body = request.data
    body: Any = request.data if use_raw_body else request.data.decode("utf-8")
    self.body = body
    querystring: dict[str, Any] = OrderedDict(parse_qs(parsed_url.query, keep_blank_values=True))
    if not querystring and body and not use_raw_body:
        try:
            querystring.update((key, [value]) for key, value in parse_qsl(body, keep_blank_values=True))
        except (UnicodeEncodeError, UnicodeDecodeError, AttributeError):
            pass
    if not querystring:
        querystring = _header_querystring(request.environ)
    # (moto's _decode_dict changes nothing here: every key and value is already a str)
    self.uri = full_url
    self.path = parsed_url.path
    self.raw_path = request.raw_path
    self.querystring = querystring
    self.data = querystring
    self.method = request.method
    self.region = self.get_region_from_url(request, full_url)
    self.partition = get_partition(self.region)
    self.uri_match = {}
    self.headers = request.headers
    self.response_headers = {"server": "amazon.com", "date": _http_date(moto_responses.utcnow())}
    if self.automated_parameter_parsing and self._get_action():
        self.parse_parameters(request)
    self.access_key = self.get_access_key()
    environ = request.environ
    if "MOTO_ACCOUNT_ID" in os.environ:
        self.current_account = os.environ["MOTO_ACCOUNT_ID"]
    elif "HTTP_X_MOTO_ACCOUNT_ID" in environ:
        self.current_account = environ["HTTP_X_MOTO_ACCOUNT_ID"]
    else:
        self.current_account = _account_of(self.access_key)
    mark_account_as_visited(
        account_id=self.current_account, access_key=self.access_key, service=self.service_name, region=self.region
    )
    return None
