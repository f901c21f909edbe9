"""The HTTP side of ModelArts v1: one ``responses`` callback for every URL of the ModelArts hosts.

While a ``mock_ext`` is active the callback answers every method on the ModelArts hosts, on
moto's own ``responses`` mock (beside moto's AWS callbacks; requests a user's ``responses.add``
names first still win). It routes, authenticates as the API gateway does, runs fault injection,
reads the request into typed values (parsing.py), calls the backend once and serializes; an
unknown path or method is answered here too, never passed to the network.
"""

import json
import re
import threading
import uuid
from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from moto.core.exceptions import ServiceException
from requests import PreparedRequest

from moto_ext.core import faults, lifecycle

from .exceptions import (
    ERRORS,
    ApiNotFound,
    GatewayAuthError,
    InvalidArgument,
    MethodNotAllowed,
    ModelArtsError,
    ProjectMismatch,
    error_for,
)
from .listing import JobListing
from .models import AUTH_SETTINGS, ModelArtsBackend, iam, modelarts_backends
from .parsing import (
    CONFIG_BODY_SCHEMA,
    CONFIG_UPDATE_SCHEMA,
    CREATE_JOB_SCHEMA,
    CREATE_VERSION_SCHEMA,
    SCHEDULE_SCHEMA,
    UPDATE_DESC_SCHEMA,
    VERSION_CONFIG_SCHEMA,
    VISUALIZATION_SCHEMA,
    body_bytes,
    check_object,
    choice_query,
    descending_query,
    int_query,
    json_body,
    long_id,
    search_query,
    status_query,
)
from .urls import MODELARTS_URL, OPERATIONS, PROJECT_PATH, route

Reply = tuple[int, dict[str, str], str]

# Errors each operation can answer with (fault injection accepts these), besides the ones every
# request can meet: authentication, throttling, internal errors.
_COMMON_ERRORS = {
    "ModelArts.0010",
    "ModelArts.2799",
    "ModelArts.0201",
    "ModelArts.0202",
    "ModelArts.0203",
    "ModelArts.0205",
    "ModelArts.0206",
    "ModelArts.0108",
    "ModelArts.0210",
    "APIG.0301",
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
    "CreateVisualizationJob": _BODY
    | {"ModelArts.0103", "ModelArts.0104", "ModelArts.0107", "ModelArts.0118", "ModelArts.2781"},
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


def _reply(status: int, body: Any) -> Reply:
    # the gateway's envelope repeats the request id its X-Request-Id header carries
    request_id = body.get("request_id") if isinstance(body, dict) else None
    headers = {"Content-Type": "application/json", "X-Request-Id": request_id or uuid.uuid4().hex}
    return status, headers, "" if body is None else json.dumps(body)


def _snake(operation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


def _listing(listing: JobListing) -> dict[str, Any]:
    return {
        "job_total_count": listing.total,
        "job_count_limit": max(listing.quota - listing.held, 0),
        "jobs": [job.to_summary() for job in listing.jobs],
        "quotas": listing.quota,
    }


class ModelArtsResponse:
    """One method per operation: read what the backend needs, call it, shape the answer."""

    def __init__(self, backend: ModelArtsBackend, request: PreparedRequest, params: dict[str, str]) -> None:
        self.backend = backend
        self.request = request
        self.params = params
        self.query = dict(parse_qsl(urlsplit(request.url or "").query, keep_blank_values=True))

    @property
    def job_id(self) -> int:
        return long_id("job_id", self.params["job_id"])

    @property
    def version_id(self) -> int:
        return long_id("version_id", self.params["version_id"])

    @property
    def config_name(self) -> str:
        return unquote(self.params["config_name"])

    def _page(self, max_per_page: int = 1000, first_page: int = 1) -> dict[str, Any]:
        return {
            "per_page": int_query("per_page", self.query.get("per_page"), 1, max_per_page, 10),
            "page": int_query("page", self.query.get("page"), first_page, 65535, first_page),
        }

    def _sorted_search(self, default_order: str) -> dict[str, Any]:
        return {
            "descending": descending_query(self.query.get("order"), default_order),
            "search_content": search_query(self.query.get("search_content")),
            "sort_by": self.query.get("sortBy"),
        }

    def _job_listing_query(self) -> dict[str, Any]:
        return {"status": status_query(self.query.get("status")), **self._page(), **self._sorted_search("asc")}

    # training jobs
    def create_training_job(self) -> dict[str, Any]:
        body = json_body(self.request, CREATE_JOB_SCHEMA, required=("job_name", "config"))
        config = dict(body["config"])
        create_version = config.pop("create_version", True)
        job, version = self.backend.create_training_job(
            body["job_name"],
            config,
            job_desc=body.get("job_desc", ""),
            workspace_id=body.get("workspace_id", "0"),
            create_version=create_version,
        )
        answer = {"job_id": job.job_id, "job_name": job.name, "create_time": job.create_time, "status": job.status}
        if version is not None:
            answer.update(
                version_id=version.version_id, version_name=version.version_name, resource_id=version.resource_id
            )
        return answer

    def list_training_jobs(self) -> dict[str, Any]:
        # "Querying a Training Job List": workspace_id defaults to "0"
        listing = self.backend.list_training_jobs(
            **self._job_listing_query(), workspace_id=self.query.get("workspace_id") or "0"
        )
        return _listing(listing)

    def update_training_job(self) -> dict[str, Any]:
        job_id = self.job_id
        body = json_body(self.request, UPDATE_DESC_SCHEMA, required=("job_desc",))
        self.backend.update_training_job(job_id, body["job_desc"])
        return {}

    def delete_training_job(self) -> dict[str, Any]:
        self.backend.delete_training_job(self.job_id)
        return {}

    # versions
    def create_training_job_version(self) -> dict[str, Any]:
        job_id = self.job_id
        body = json_body(self.request, CREATE_VERSION_SCHEMA, required=("config",))
        config = check_object(body["config"], VERSION_CONFIG_SCHEMA, "config", required=("train_url", "pre_version_id"))
        version = self.backend.create_training_job_version(job_id, config, job_desc=body.get("job_desc"))
        return {
            "job_id": version.job.job_id,
            "job_name": version.job.name,
            "status": version.status,
            "create_time": version.create_time,
            "version_id": version.version_id,
            "version_name": version.version_name,
        }

    def list_training_job_versions(self) -> dict[str, Any]:
        job_id = self.job_id
        job, versions = self.backend.list_training_job_versions(job_id, **self._page(first_page=0))
        return {
            "job_id": job.job_id,
            "job_name": job.name,
            "job_desc": job.description,
            "version_count": len(job.versions),
            "versions": [version.to_summary() for version in versions],
        }

    def get_training_job_version(self) -> dict[str, Any]:
        return self.backend.get_training_job_version(self.job_id, self.version_id).to_dict()

    def delete_training_job_version(self) -> dict[str, Any]:
        self.backend.delete_training_job_version(self.job_id, self.version_id)
        return {}

    def stop_training_job_version(self) -> dict[str, Any]:
        self.backend.stop_training_job_version(self.job_id, self.version_id)
        return {}

    def list_training_job_log_file_names(self) -> dict[str, Any]:
        return {"log_file_list": self.backend.list_training_job_log_file_names(self.job_id, self.version_id)}

    def get_training_job_logs(self) -> dict[str, Any]:
        job_id, version_id = self.job_id, self.version_id
        log_file = self.query.get("log_file")
        if not log_file:
            raise InvalidArgument("Invalid Argument: log_file is required.")
        base_line = self.query.get("base_line")
        excerpt = self.backend.get_training_job_logs(
            job_id,
            version_id,
            log_file,
            lines=int_query("lines", self.query.get("lines"), 0, 500, 50),
            descending=descending_query(self.query.get("order"), "desc"),
            base_line=None if base_line in (None, "") else int_query("base_line", base_line, 0, 2**31 - 1, 0),
        )
        return excerpt.to_dict()

    # configurations
    def create_training_job_config(self) -> dict[str, Any]:
        body = json_body(self.request, CONFIG_BODY_SCHEMA, required=("config_name",))
        name = body.pop("config_name")
        description = body.pop("config_desc", "")
        config = self.backend.create_training_job_config(name, body, config_desc=description)
        return {"config_name": config.name, "create_time": config.create_time}

    def list_training_job_configs(self) -> dict[str, Any]:
        query = {**self._page(), **self._sorted_search("desc")}
        config_type = choice_query("config_type", self.query.get("config_type"), ("custom", "sample"))
        total, configs = self.backend.list_training_job_configs(**query, config_type=config_type)
        return {"config_total_count": total, "configs": [config.to_summary() for config in configs]}

    def get_training_job_config(self) -> dict[str, Any]:
        return self.backend.get_training_job_config(self.config_name, self.query.get("config_type")).to_dict()

    def update_training_job_config(self) -> dict[str, Any]:
        name = self.config_name
        changes = json_body(self.request, CONFIG_UPDATE_SCHEMA)
        description = changes.pop("config_desc", None)
        self.backend.update_training_job_config(name, changes, config_desc=description)
        return {}

    def delete_training_job_config(self) -> dict[str, Any]:
        self.backend.delete_training_job_config(self.config_name)
        return {}

    # catalogue
    def list_job_flavors(self) -> dict[str, Any]:
        job_type = choice_query("job_type", self.query.get("job_type"), ("train", "inference"))
        # "Querying Job Resource Specifications": engine_id defaults to 0, which names no engine
        engine_id = int_query("engine_id", self.query.get("engine_id"), 0, 2**63 - 1, 0)
        specs = self.backend.list_job_flavors(job_type, engine_id or None)
        return {"spec_total_count": len(specs), "specs": [spec.to_dict() for spec in specs]}

    def list_job_engines(self) -> dict[str, Any]:
        job_type = choice_query("job_type", self.query.get("job_type"), ("train", "inference"))
        return {"engines": [engine.to_dict() for engine in self.backend.list_job_engines(job_type)]}

    def list_builtin_algorithms(self) -> dict[str, Any]:
        # "Querying a Built-in Algorithm": order defaults to desc
        total, algorithms = self.backend.list_builtin_algorithms(
            **self._page(max_per_page=100), **self._sorted_search("desc")
        )
        return {"model_total_count": total, "models": [a.to_dict(self.backend.engines) for a in algorithms]}

    # visualization jobs
    def create_visualization_job(self) -> dict[str, Any]:
        body = json_body(self.request, VISUALIZATION_SCHEMA, required=("job_name", "train_url"))
        schedule = body.get("schedule")
        if schedule is not None:
            check_object(schedule, SCHEDULE_SCHEMA, "schedule", required=("type", "time_unit", "duration"))
        job = self.backend.create_visualization_job(
            body["job_name"],
            body["train_url"],
            job_desc=body.get("job_desc", ""),
            job_type=body.get("job_type", "tensorboard"),
            flavor_code=body.get("flavor", {}).get("code"),
            schedule=schedule,
        )
        return {
            "job_id": job.job_id,
            "job_name": job.name,
            "status": job.status,
            "create_time": job.create_time,
            "service_url": "",
        }

    def list_visualization_jobs(self) -> dict[str, Any]:
        return _listing(self.backend.list_visualization_jobs(**self._job_listing_query()))

    def get_visualization_job(self) -> dict[str, Any]:
        return self.backend.get_visualization_job(self.job_id).to_dict()

    def update_visualization_job(self) -> dict[str, Any]:
        job_id = self.job_id
        body = json_body(self.request, UPDATE_DESC_SCHEMA, required=("job_desc",))
        self.backend.update_visualization_job(job_id, body["job_desc"])
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


# --- the API gateway's credential check -----------------------------------------------------------
def authenticate(request: PreparedRequest, project_id: str) -> None:
    """A valid IAM token scoped to the URL's project, or an AK/SK signature with a registered key."""
    if not AUTH_SETTINGS["enabled"]:
        return
    identities = iam()
    headers = cast(Mapping[str, str], request.headers)
    token_id = headers.get("X-Auth-Token")
    if token_id:
        token = identities.tokens.get(token_id)
        if token is None:
            raise GatewayAuthError("Incorrect IAM authentication information: decrypt token fail")
        if token.expired:
            raise GatewayAuthError("Incorrect IAM authentication information: token expired")
        if not token.project or token.project["id"] != project_id:
            raise ProjectMismatch()
        return
    if not headers.get("Authorization"):
        raise GatewayAuthError()
    refused = identities.signature_error(request.method or "GET", request.url or "", headers, body_bytes(request))
    if refused:
        raise GatewayAuthError(f"Incorrect IAM authentication information: {refused}")


def callback(request: PreparedRequest) -> Reply:
    """Answer any request to a ModelArts host (``responses`` callback shape)."""
    url = urlsplit(request.url or "")
    host = MODELARTS_URL.match(f"{url.scheme}://{url.netloc}{url.path}")
    region = host["region"].lower() if host else ""
    method = (request.method or "GET").upper()
    located = PROJECT_PATH.match(url.path)
    found = route(located["rest"] or "/") if located else None
    try:
        if located is None or found is None:
            raise ApiNotFound(
                f"{ERRORS[ApiNotFound.code][1]} (moto_ext serves the ModelArts v1 training API; {method} {url.path} is not part of it)"
            )
        methods, params = found
        operation = methods.get(method)
        if operation is None:
            raise MethodNotAllowed(
                f"Method {method} is not allowed on {url.path}; allowed: {', '.join(sorted(methods))}."
            )
        project_id = located["project_id"]
        authenticate(request, project_id)
        faults.before_call("modelarts", operation)
        with _lock, lifecycle.answering():
            backend = modelarts_backends[project_id][region]
            payload = getattr(ModelArtsResponse(backend, request, params), _snake(operation))()
        return _reply(200, {"is_success": True, **payload})
    except ModelArtsError as error:
        return _reply(error.status, error.body())
    except ServiceException as error:  # an injected fault: the code names the error
        injected = error_for(error.code, error.message)
        return _reply(injected.status, injected.body())


# --- server mode: answers the bridge gives for this service when the callback cannot -----------
def not_found(request: PreparedRequest) -> Reply:
    """The API gateway's answer to a path no API is published on."""
    message = f"{ERRORS[ApiNotFound.code][1]} ({request.method} {urlsplit(request.url or '').path})"
    return _reply(404, ApiNotFound(message).body())


def internal_error(error: Exception) -> Reply:
    """ModelArts.0010 in the v1 envelope, saying what failed."""
    return _reply(500, ModelArtsError(f"Internal error. (moto_ext: {type(error).__name__}: {error})").body())


# --- activation (the service's on_start / on_stop hooks) ---------------------------------------
def reset_settings() -> None:
    """Test-time switches end with the mock (core registers the callbacks themselves)."""
    AUTH_SETTINGS["enabled"] = True
