"""The HTTP side: ``responses`` callbacks for the ModelArts v1 and IAM endpoints.

While a ``mock_ext`` is active, one callback per HTTP method answers every URL of the ModelArts
hosts and one every URL of the IAM hosts, on moto's own ``responses`` mock (so they sit beside
moto's AWS callbacks, and requests a user's ``responses.add`` names first still win). Each callback
routes, authenticates, runs fault injection, parses, calls the backend once and serializes;
an unknown path or method is answered here too, never passed to the network.
"""

import json
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from moto.core.custom_responses_mock import CallbackResponse
from moto.core.exceptions import ServiceException
from moto.core.models import responses_mock
from requests import PreparedRequest
from requests.exceptions import ConnectionError as RequestsConnectionError

from moto_ext.core import faults

from . import signing
from .exceptions import (
    STATUS_BY_CODE,
    ApiNotFound,
    GatewayAuthError,
    IamError,
    InvalidJsonBody,
    InvalidParam,
    MethodNotAllowed,
    ModelArtsError,
)
from .models import (
    AUTH_SETTINGS,
    ModelArtsBackend,
    authenticate_request,
    iam_backend,
    modelarts_backends,
)
from .urls import IAM_URL, MODELARTS_URL, OPERATIONS, PROJECT_PATH, ROUTES, route

Reply = tuple[int, dict[str, str], str]
__all__ = ["ROUTES", "iam_callback", "modelarts_callback", "register_callbacks", "unregister_callbacks"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]

# Errors each operation can answer with (fault injection accepts these), besides the ones every
# request can meet: authentication, throttling, internal errors.
_COMMON_ERRORS = {
    "ModelArts.0010", "ModelArts.2799", "ModelArts.0201", "ModelArts.0202", "ModelArts.0203",
    "ModelArts.0205", "ModelArts.0206", "ModelArts.0108", "ModelArts.0210", "APIG.0301",
}
_BODY = {"ModelArts.2787", "ModelArts.2788"}
_CONFIG = {"ModelArts.0104", "ModelArts.0107", "ModelArts.2780", "ModelArts.2781"} | _BODY
_LIST = {"ModelArts.0101", "ModelArts.0104", "ModelArts.2790"}
_JOB = {"ModelArts.2775"}
OPERATION_ERRORS: dict[str, set[str]] = {
    "CreateTrainingJob": _CONFIG | {"ModelArts.0103", "ModelArts.0118", "ModelArts.2751"},
    "ListTrainingJobs": _LIST,
    "UpdateTrainingJob": _JOB | _BODY | {"ModelArts.0104"},
    "DeleteTrainingJob": _JOB | {"ModelArts.0105", "ModelArts.2796"},
    "CreateTrainingJobVersion": _JOB | _CONFIG,
    "ListTrainingJobVersions": _JOB | {"ModelArts.0101"},
    "GetTrainingJobVersion": _JOB,
    "DeleteTrainingJobVersion": _JOB | {"ModelArts.0105", "ModelArts.2796"},
    "StopTrainingJobVersion": _JOB | {"ModelArts.0105", "ModelArts.2796", "ModelArts.2878"},
    "ListTrainingJobLogFileNames": _JOB,
    "GetTrainingJobLogs": _JOB | {"ModelArts.0101", "ModelArts.2818"},
    "CreateTrainingJobConfig": _CONFIG | {"ModelArts.0103"},
    "ListTrainingJobConfigs": _LIST,
    "GetTrainingJobConfig": {"ModelArts.0107"},
    "UpdateTrainingJobConfig": _CONFIG,
    "DeleteTrainingJobConfig": {"ModelArts.0107"},
    "ListJobFlavors": {"ModelArts.0101", "ModelArts.2780"},
    "ListJobEngines": {"ModelArts.0101"},
    "ListBuiltinAlgorithms": _LIST,
    "CreateVisualizationJob": _BODY | {"ModelArts.0103", "ModelArts.0104", "ModelArts.0107", "ModelArts.0118", "ModelArts.2781"},
    "ListVisualizationJobs": _LIST,
    "GetVisualizationJob": _JOB,
    "UpdateVisualizationJob": _JOB | _BODY | {"ModelArts.0104"},
    "DeleteVisualizationJob": _JOB | {"ModelArts.0105"},
    "StopVisualizationJob": _JOB | {"ModelArts.0105", "ModelArts.2796"},
    "RestartVisualizationJob": _JOB | {"ModelArts.0105"},
}
assert set(OPERATION_ERRORS) == set(OPERATIONS), "every routed operation names its errors"
faults.CUSTOM_OPERATIONS["modelarts"] = {op: errors | _COMMON_ERRORS for op, errors in OPERATION_ERRORS.items()}

_lock = threading.RLock()


def _reply(status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
    all_headers = {"Content-Type": "application/json", "X-Request-Id": uuid.uuid4().hex}
    all_headers.update(headers or {})
    return status, all_headers, "" if body is None else json.dumps(body)


def _error(error: Exception) -> Reply:
    if isinstance(error, (ModelArtsError, GatewayAuthError, IamError)):
        return _reply(error.status, error.body())
    if isinstance(error, ServiceException):  # an injected fault: the code names the error
        status = STATUS_BY_CODE.get(error.code, 500)
        if error.code == GatewayAuthError.code:
            return _reply(status, GatewayAuthError(error.message).body())
        return _reply(status, {"is_success": False, "error_code": error.code, "error_message": error.message})
    raise error


def _body_bytes(request: PreparedRequest) -> bytes:
    body = request.body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        return body.read()  # type: ignore[no-any-return]
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    chunks = list(body)  # a generator body (chunked upload): read it once, keep it for the handlers
    request.body = b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in chunks)
    return request.body


def _json(request: PreparedRequest) -> Any:
    raw = _body_bytes(request)
    if not raw.strip():
        raise InvalidJsonBody("Invalid JSON body: the request body is empty.")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidJsonBody(f"Invalid JSON body: {error}.") from None


def _long(name: str, value: str) -> int:
    if not re.fullmatch(r"\d{1,19}", value):
        raise InvalidParam(f"Invalid parameter: {name} must be a Long, not {value}.")
    return int(value)


def _snake(operation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


# --- ModelArts --------------------------------------------------------------------------------
class ModelArtsResponse:
    """One method per operation: parse what the backend needs, call it, shape the answer."""

    def __init__(self, backend: ModelArtsBackend, request: PreparedRequest, params: dict[str, str]) -> None:
        self.backend = backend
        self.request = request
        self.params = params
        self.query = dict(parse_qsl(urlsplit(request.url or "").query, keep_blank_values=True))

    def _q(self, *names: str) -> dict[str, str | None]:
        return {name: self.query.get(name) for name in names}

    @property
    def job_id(self) -> int:
        return _long("job_id", self.params["job_id"])

    @property
    def version_id(self) -> int:
        return _long("version_id", self.params["version_id"])

    # training jobs
    def create_training_job(self) -> dict[str, Any]:
        job, version = self.backend.create_training_job(_json(self.request))
        answer = {"job_id": job.job_id, "job_name": job.name, "create_time": job.create_time, "status": job.status()}
        if version is not None:
            answer.update(version_id=version.version_id, version_name=version.version_name, resource_id=version.resource_id)
        return answer

    def list_training_jobs(self) -> dict[str, Any]:
        query = self.query
        return self.backend.list_training_jobs(
            status=query.get("status"), per_page=query.get("per_page"), page=query.get("page"), sort_by=query.get("sortBy"),
            order=query.get("order"), search_content=query.get("search_content"), workspace_id=query.get("workspace_id"),
        )

    def update_training_job(self) -> dict[str, Any]:
        job_id = self.job_id
        self.backend.update_training_job(job_id, _json(self.request))
        return {}

    def delete_training_job(self) -> dict[str, Any]:
        self.backend.delete_training_job(self.job_id)
        return {}

    # versions
    def create_training_job_version(self) -> dict[str, Any]:
        job_id = self.job_id
        version = self.backend.create_training_job_version(job_id, _json(self.request))
        return {
            "job_id": version.job.job_id,
            "job_name": version.job.name,
            "status": version.status,
            "create_time": version.create_time,
            "version_id": version.version_id,
            "version_name": version.version_name,
        }

    def list_training_job_versions(self) -> dict[str, Any]:
        job, versions = self.backend.list_training_job_versions(self.job_id, self.query.get("per_page"), self.query.get("page"))
        return {
            "job_id": job.job_id,
            "job_name": job.name,
            "job_desc": job.description,
            "version_count": len(job.versions),
            "versions": [version.details() for version in versions],
        }

    def get_training_job_version(self) -> dict[str, Any]:
        return self.backend.get_training_job_version(self.job_id, self.version_id).details()

    def delete_training_job_version(self) -> dict[str, Any]:
        self.backend.delete_training_job_version(self.job_id, self.version_id)
        return {}

    def stop_training_job_version(self) -> dict[str, Any]:
        self.backend.stop_training_job_version(self.job_id, self.version_id)
        return {}

    def list_training_job_log_file_names(self) -> dict[str, Any]:
        return {"log_file_list": self.backend.list_log_file_names(self.job_id, self.version_id)}

    def get_training_job_logs(self) -> dict[str, Any]:
        return self.backend.get_training_job_logs(self.job_id, self.version_id, **self._q("log_file", "base_line", "lines", "order"))

    # configurations
    def create_training_job_config(self) -> dict[str, Any]:
        config = self.backend.create_training_job_config(_json(self.request))
        return {"config_name": config.name, "create_time": config.create_time}

    def list_training_job_configs(self) -> dict[str, Any]:
        query = self.query
        total, configs = self.backend.list_training_job_configs(
            per_page=query.get("per_page"), page=query.get("page"), sort_by=query.get("sortBy"), order=query.get("order"),
            search_content=query.get("search_content"), config_type=query.get("config_type"),
        )
        return {"config_total_count": total, "configs": [config.summary() for config in configs]}

    def get_training_job_config(self) -> dict[str, Any]:
        return self.backend.get_training_job_config(unquote(self.params["config_name"]), self.query.get("config_type")).details()

    def update_training_job_config(self) -> dict[str, Any]:
        name = unquote(self.params["config_name"])
        self.backend.update_training_job_config(name, _json(self.request))
        return {}

    def delete_training_job_config(self) -> dict[str, Any]:
        self.backend.delete_training_job_config(unquote(self.params["config_name"]))
        return {}

    # catalogue
    def list_job_flavors(self) -> dict[str, Any]:
        specs = self.backend.list_flavors(**self._q("job_type", "engine_id", "project_type"))
        return {"spec_total_count": len(specs), "specs": [spec.to_dict() for spec in specs]}

    def list_job_engines(self) -> dict[str, Any]:
        return {"engines": [engine.to_dict() for engine in self.backend.list_engines(self.query.get("job_type"))]}

    def list_builtin_algorithms(self) -> dict[str, Any]:
        query = self.query
        total, models = self.backend.list_builtin_algorithms(
            per_page=query.get("per_page"), page=query.get("page"), sort_by=query.get("sortBy"), order=query.get("order"),
            search_content=query.get("search_content"),
        )
        return {"model_total_count": total, "models": models}

    # visualization jobs
    def create_visualization_job(self) -> dict[str, Any]:
        job = self.backend.create_visualization_job(_json(self.request))
        return {"job_id": job.job_id, "job_name": job.name, "status": job.status, "create_time": job.create_time, "service_url": ""}

    def list_visualization_jobs(self) -> dict[str, Any]:
        query = self.query
        return self.backend.list_visualization_jobs(
            status=query.get("status"), per_page=query.get("per_page"), page=query.get("page"), sort_by=query.get("sortBy"),
            order=query.get("order"), search_content=query.get("search_content"),
        )

    def get_visualization_job(self) -> dict[str, Any]:
        return self.backend.get_visualization_job(self.job_id).details()

    def update_visualization_job(self) -> dict[str, Any]:
        job_id = self.job_id
        self.backend.update_visualization_job(job_id, _json(self.request))
        return {}

    def delete_visualization_job(self) -> dict[str, Any]:
        self.backend.delete_visualization_job(self.job_id)
        return {}

    def stop_visualization_job(self) -> dict[str, Any]:
        self.backend.stop_visualization_job(self.job_id)
        return {}

    def restart_visualization_job(self) -> dict[str, Any]:
        self.backend.restart_visualization_job(self.job_id)
        return {}


def _signature_check(request: PreparedRequest) -> Callable[[dict[str, str]], None] | None:
    authorization = request.headers.get("Authorization")
    if not authorization:
        return None

    def check(access_keys: dict[str, str]) -> None:
        try:
            signing.verify(request.method or "GET", request.url or "", request.headers, _body_bytes(request), access_keys)
        except signing.SignatureError as error:
            raise GatewayAuthError(f"Incorrect IAM authentication information: {error}") from None

    return check


def modelarts_callback(request: PreparedRequest) -> Reply:
    url = urlsplit(request.url or "")
    host = MODELARTS_URL.match(f"{url.scheme}://{url.netloc}{url.path}")
    region = host["region"].lower() if host else ""
    method = (request.method or "GET").upper()
    located = PROJECT_PATH.match(url.path)
    found = route(located["rest"] or "/") if located else None
    try:
        if located is None or found is None:
            raise ApiNotFound(
                f"{ApiNotFound.message} (moto_ext serves the ModelArts v1 training API; {method} {url.path} is not part of it)"
            )
        methods, params = found
        operation = methods.get(method)
        if operation is None:
            raise MethodNotAllowed(f"Method {method} is not allowed on {url.path}; allowed: {', '.join(sorted(methods))}.")
        project_id = located["project_id"]
        authenticate_request(project_id, request.headers.get("X-Auth-Token"), _signature_check(request))
        faults.before_call("modelarts", operation)
        with _lock:
            backend = modelarts_backends[project_id][region]
            handler = getattr(ModelArtsResponse(backend, request, params), _snake(operation))
            payload = handler()
        return _reply(200, {"is_success": True, **payload})
    except (ServiceException,) as error:
        return _error(error)


# --- IAM ---------------------------------------------------------------------------------------
def _version_document(base: str) -> dict[str, Any]:
    return {
        "id": "v3.0",
        "status": "stable",
        "updated": "2013-03-06T00:00:00Z",
        "links": [{"rel": "self", "href": f"{base}/v3/"}],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}],
    }


def _signed_iam_caller(request: PreparedRequest) -> bool:
    """huaweicloudsdkcore looks projects up with AK/SK-signed IAM calls: verify such a signature."""
    if not (request.headers.get("Authorization") or "").startswith(signing.ALGORITHM):
        return False
    try:
        signing.verify(request.method or "GET", request.url or "", request.headers, _body_bytes(request), iam_backend().access_keys)
    except signing.SignatureError as error:
        raise IamError(401, "Unauthorized", f"The AK/SK signature is invalid: {error}.") from None
    return True


def _iam_token(request: PreparedRequest, header: str = "X-Auth-Token") -> Any:
    token = iam_backend().valid_token(request.headers.get(header) or "")
    if token is None:
        raise IamError(401, "Unauthorized", "The request you have made requires authentication.")
    return token


def iam_callback(request: PreparedRequest) -> Reply:
    url = urlsplit(request.url or "")
    host = IAM_URL.match(f"{url.scheme}://{url.netloc}{url.path}")
    region = host["region"].lower() if host and host["region"] else None
    cloud = host["cloud"].lower() if host else "otc.t-systems.com"
    base = f"{url.scheme}://{url.netloc}"
    path = url.path.rstrip("/") or "/"
    method = (request.method or "GET").upper()
    query = dict(parse_qsl(url.query, keep_blank_values=True))
    iam = iam_backend()
    try:
        with _lock:
            if path == "/" and method == "GET":
                return _reply(300, {"versions": {"values": [_version_document(base)]}})
            if path == "/v3" and method == "GET":
                return _reply(200, {"version": _version_document(base)})
            if path == "/v3/auth/tokens":
                if method == "POST":
                    try:
                        body = json.loads(_body_bytes(request) or b"null")
                    except ValueError:
                        raise IamError(400, "Bad Request", "The request body is not valid JSON.") from None
                    token = iam.authenticate(body, request.headers.get("X-Auth-Token"), region, cloud)
                    return _reply(201, token.body(), {"X-Subject-Token": token.token_id})
                _iam_token(request)
                subject = _iam_token(request, "X-Subject-Token")
                if method in ("GET", "HEAD"):
                    return _reply(200, None if method == "HEAD" else subject.body(), {"X-Subject-Token": subject.token_id})
                if method == "DELETE":
                    iam.revoke(subject.token_id)
                    return _reply(204, None)
                raise IamError(405, "Method Not Allowed", f"{method} is not allowed on {path}.")
            known = path in ("/", "/v3", "/v3/auth/catalog", "/v3/projects", "/v3/auth/projects") or re.fullmatch(r"/v3/projects/[^/]+", path)
            if not known:
                raise IamError(404, "Not Found", f"The resource could not be found: {method} {path} (moto_ext mocks IAM token and project calls only).")
            if method != "GET":
                raise IamError(405, "Method Not Allowed", f"{method} is not allowed on {path} (moto_ext mocks reads of it only).")
            if path == "/v3/auth/catalog":
                return _reply(200, {"catalog": _iam_token(request).catalog(), "links": {"self": f"{base}{path}"}})
            if path in ("/v3/projects", "/v3/auth/projects"):
                if not request.headers.get("X-Auth-Token") and _signed_iam_caller(request):
                    projects = iam.projects_named(query.get("name"))
                else:
                    projects = iam.list_projects(_iam_token(request), query.get("name"))
                return _reply(200, {"projects": projects, "links": {"self": f"{base}{path}", "next": None, "previous": None}})
            project = re.fullmatch(r"/v3/projects/([^/]+)", path)
            if project:
                token = _iam_token(request)
                matches = [p for p in iam.list_projects(token) if p["id"] == project.group(1)]
                if not matches:
                    raise IamError(404, "Not Found", f"Could not find project: {project.group(1)}.")
                return _reply(200, {"project": matches[0]})
            raise IamError(404, "Not Found", f"The resource could not be found: {method} {path}.")
    except (IamError, ModelArtsError) as error:
        return _error(error)


# --- activation -------------------------------------------------------------------------------
_registered: list[CallbackResponse] = []


def _callbacks() -> list[CallbackResponse]:
    made = []
    for method in METHODS:
        for pattern, callback in ((MODELARTS_URL, modelarts_callback), (IAM_URL, iam_callback)):
            made.append(CallbackResponse(method=method, url=pattern, callback=callback, content_type="application/json"))
    return made


_guarded_send: list[Any] = []  # the passthrough send the guard wraps, while it is in place


def _guard_passthrough() -> None:
    """moto's mock passes unmatched requests to the network, and ``responses`` matches by method:
    a request with a method no callback is registered for (WebDAV, custom verbs) would leave.
    Refuse those for the ModelArts and IAM hosts instead."""
    real_send = responses_mock._real_send  # type: ignore[attr-defined]

    def send(adapter: Any, request: PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        url = request.url or ""
        if MODELARTS_URL.match(url.split("?", 1)[0]) or IAM_URL.match(url.split("?", 1)[0]):
            raise RequestsConnectionError(
                f"moto_ext refuses {request.method} {url}: not a method of the ModelArts/IAM mock, and never sent to the network",
                request=request,
            )
        return real_send(adapter, request, *args, **kwargs)

    _guarded_send.append(real_send)
    responses_mock._real_send = send  # type: ignore[attr-defined]


def _unguard_passthrough() -> None:
    if _guarded_send:
        responses_mock._real_send = _guarded_send.pop()  # type: ignore[attr-defined]
        _guarded_send.clear()


def register_callbacks() -> None:
    """Add the callbacks to moto's responses mock (moto's start resets it, so after every start)."""
    unregister_callbacks()
    AUTH_SETTINGS["enabled"] = True
    for response in _callbacks():
        responses_mock.add(response)
        _registered.append(response)
    _guard_passthrough()


def unregister_callbacks() -> None:
    for response in _registered:
        try:
            responses_mock.remove(response)
        except ValueError:
            pass
    _registered.clear()
    _unguard_passthrough()
    AUTH_SETTINGS["enabled"] = True
