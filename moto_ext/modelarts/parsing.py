"""Reading a ModelArts request: the JSON body and its schema, query strings, path ids.

The HTTP layer (responses.py) turns a request into typed values here before it calls the backend:
a malformed body, a field of the wrong type or unknown to the API, and a query value out of its
documented range or set are refused with the service's code before any resource is looked at.
"""

import json
import re
from typing import Any

from requests import PreparedRequest

from moto_ext.core.requests_transport import body_bytes

from .exceptions import InvalidArgument, InvalidJsonBody, InvalidParam, ParameterError
from .jobs import JOB_STATUSES

# --- bodies ---------------------------------------------------------------------------------
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "a boolean", dict: "an object", list: "an array"}

PARAMETER_SCHEMA = {"label": str, "value": str}
DATA_SOURCE_SCHEMA = {"dataset_id": str, "dataset_version": str, "type": str, "data_url": str}
VOLUME_SCHEMA = {
    "nfs": {"id": str, "src_path": str, "dest_path": str, "read_only": bool},
    "host_path": {"src_path": str, "dest_path": str, "read_only": bool},
}
#: the ``config`` of a training job (and the flat fields of a training-job configuration)
CONFIG_SCHEMA: dict[str, Any] = {
    "worker_server_num": int,
    "app_url": str,
    "boot_file_url": str,
    "parameter": [PARAMETER_SCHEMA],
    "data_url": str,
    "dataset_id": str,
    "dataset_version_id": str,
    "data_source": [DATA_SOURCE_SCHEMA],
    "spec_id": int,
    "pool_id": str,
    "engine_id": int,
    "train_url": str,
    "log_url": str,
    "user_image_url": str,
    "user_command": str,
    "volumes": [VOLUME_SCHEMA],
    "model_id": int,
    "nas_type": str,
    "nas_share_addr": str,
    "nas_mount_path": str,
}
JOB_CONFIG_SCHEMA = {**CONFIG_SCHEMA, "create_version": bool}
VERSION_CONFIG_SCHEMA = {**CONFIG_SCHEMA, "pre_version_id": int}
CREATE_JOB_SCHEMA = {"job_name": str, "job_desc": str, "workspace_id": str, "config": JOB_CONFIG_SCHEMA}
CREATE_VERSION_SCHEMA = {"job_desc": str, "config": VERSION_CONFIG_SCHEMA}
UPDATE_DESC_SCHEMA = {"job_desc": str}
CONFIG_BODY_SCHEMA = {"config_name": str, "config_desc": str, **CONFIG_SCHEMA}
CONFIG_UPDATE_SCHEMA = {"config_desc": str, **CONFIG_SCHEMA}
SCHEDULE_SCHEMA = {"type": str, "time_unit": str, "duration": int}
VISUALIZATION_SCHEMA = {
    "job_name": str,
    "job_desc": str,
    "train_url": str,
    "job_type": str,
    "flavor": {"code": str},
    "schedule": SCHEDULE_SCHEMA,
}


def _is(value: Any, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def check_object(value: Any, schema: dict[str, Any], path: str = "", required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Check a JSON object against ``schema`` (name -> type, nested schema dict, or [item schema]).

    Unknown fields, wrong types and missing required fields raise InvalidParam (ModelArts.2788).
    ``null`` counts as absent. Returns the object without its null members.
    """
    where = f"{path}." if path else ""
    if not isinstance(value, dict):
        raise InvalidParam(f"Invalid parameter: {path or 'the request body'} must be an object.")
    unknown = sorted(set(value) - set(schema))
    if unknown:
        raise InvalidParam(f"Invalid parameter: unknown field {where}{unknown[0]}.")
    for name in required:
        if value.get(name) is None:
            raise InvalidParam(f"Invalid parameter: {where}{name} is required.")
    return {
        name: _check_value(item, schema[name], f"{where}{name}") for name, item in value.items() if item is not None
    }


def _check_value(value: Any, expected: Any, path: str) -> Any:
    if isinstance(expected, dict):
        return check_object(value, expected, path)
    if isinstance(expected, list):
        if not isinstance(value, list):
            raise InvalidParam(f"Invalid parameter: {path} must be an array.")
        return [_check_value(item, expected[0], f"{path}[{index}]") for index, item in enumerate(value)]
    if not _is(value, expected):
        raise InvalidParam(f"Invalid parameter: {path} must be {_TYPE_NAMES[expected]}.")
    return value


def json_body(request: PreparedRequest, schema: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The request's JSON object, checked against ``schema``."""
    raw = body_bytes(request)
    if not raw.strip():
        raise InvalidJsonBody("Invalid JSON body: the request body is empty.")
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidJsonBody(f"Invalid JSON body: {error}.") from None
    return check_object(value, schema, required=required)


# --- query strings and path ids ---------------------------------------------------------------
def int_query(name: str, value: str | None, low: int, high: int, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise InvalidArgument(f"Invalid Argument: {name} must be an integer in [{low}, {high}].") from None
    if not low <= number <= high:
        raise InvalidArgument(f"Invalid Argument: {name} must be an integer in [{low}, {high}].")
    return number


def descending_query(value: str | None, default: str) -> bool:
    """``order``: True for desc."""
    order = value or default
    if order not in ("asc", "desc"):
        raise InvalidArgument(f"Invalid Argument: order must be asc or desc, not {order}.")
    return order == "desc"


def search_query(value: str | None) -> str:
    text = value or ""
    if len(text) > 64:
        raise ParameterError("Parameter error: search_content must contain 0 to 64 characters.")
    return text


def status_query(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    return int_query("status", value, 0, max(JOB_STATUSES), 0)


def choice_query(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value in (None, ""):
        return None
    if value not in choices:
        raise InvalidArgument(f"Invalid Argument: {name} must be {' or '.join(choices)}, not {value}.")
    return value


def long_id(name: str, value: str) -> int:
    """A job or version id from the path: a Long."""
    if not re.fullmatch(r"\d{1,19}", value):
        raise InvalidParam(f"Invalid parameter: {name} must be a Long, not {value}.")
    return int(value)
