"""ModelArts v1 training: jobs, versions, logs, configurations, visualization jobs, catalogues, IAM.

The rules of the service and nothing about HTTP: responses.py parses a request into Python
values and calls one method here; what a method raises is a ``ModelArtsError`` from
exceptions.py, and every check runs before anything changes.

State lives in moto's registry: ``modelarts_backends[project_id][region]`` (one backend per
project and region, reset with every other moto backend), and ``iam_backends`` for the tokens
and access keys the mocked IAM issued or a test registered.
"""

import hashlib
import itertools
import re
import secrets
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from moto.core.base_backend import AccountSpecificBackend, BackendDict, BaseBackend, backend_lock

from moto_ext.core import server_context
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind

from .exceptions import (
    DuplicateName,
    EngineNotFound,
    FlavorNotFound,
    GatewayAuthError,
    IamError,
    InvalidArgument,
    InvalidParam,
    InvalidParameterValue,
    JobStatusNotAllowed,
    LogFileNotGenerated,
    ParameterError,
    ProjectMismatch,
    QuotaInsufficient,
    TrainingJobNotFound,
    UnsupportedSortBy,
)

DEFAULT_PROJECT_ID = "0" * 32
DEFAULT_REGION = "eu-de"
#: Open Telekom Cloud and Huawei Cloud regions; any other region-shaped name works too
REGIONS = [
    "eu-de", "eu-nl", "eu-ch2",
    "cn-north-1", "cn-north-4", "cn-north-9", "cn-east-2", "cn-east-3", "cn-south-1", "cn-southwest-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
    "af-south-1", "la-north-2", "la-south-2", "sa-brazil-1", "na-mexico-1", "me-east-1", "tr-west-1",
]
REGION_PATTERN = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+$")

# --- job statuses ---------------------------------------------------------------------------
JOB_STATUSES = {
    0: "JOBSTAT_UNKNOWN", 1: "JOBSTAT_INIT", 2: "JOBSTAT_IMAGE_CREATING", 3: "JOBSTAT_IMAGE_FAILED",
    4: "JOBSTAT_SUBMIT_TRYING", 5: "JOBSTAT_SUBMIT_FAILED", 6: "JOBSTAT_DELETE_FAILED", 7: "JOBSTAT_WAITING",
    8: "JOBSTAT_RUNNING", 9: "JOBSTAT_KILLING", 10: "JOBSTAT_COMPLETED", 11: "JOBSTAT_FAILED",
    12: "JOBSTAT_KILLED", 13: "JOBSTAT_CANCELED", 14: "JOBSTAT_LOST", 15: "JOBSTAT_SCALING",
    16: "JOBSTAT_SUBMIT_MODEL_FAILED", 17: "JOBSTAT_DEPLOY_SERVICE_FAILED", 18: "JOBSTAT_CHECK_INIT",
    19: "JOBSTAT_CHECK_RUNNING", 20: "JOBSTAT_CHECK_RUNNING_COMPLETED", 21: "JOBSTAT_CHECK_FAILED",
}
UNKNOWN, INIT, WAITING, RUNNING, KILLING, COMPLETED, FAILED, KILLED, CANCELED = 0, 1, 7, 8, 9, 10, 11, 12, 13
#: statuses a job ends in
TERMINAL = {3, 5, COMPLETED, FAILED, KILLED, CANCELED, 14, 16, 17, 21}
#: the console deletes jobs that are Running, Completed, Failed or Canceled; killed and the other
#: failed or lost statuses count as ended too. Transitional statuses (init, waiting, killing ...) do not.
DELETABLE = {RUNNING} | TERMINAL

TRAINING_VERSION = LifecycleKind(
    "modelarts.training_version",
    steps={INIT: WAITING, WAITING: RUNNING, RUNNING: COMPLETED, KILLING: KILLED},
    failures={RUNNING: FAILED},
    statuses=JOB_STATUSES,
)
# A visualization job (TensorBoard/MindInsight) settles in RUNNING and serves until stopped.
VISUALIZATION_JOB = LifecycleKind(
    "modelarts.visualization_job",
    steps={INIT: WAITING, WAITING: RUNNING, KILLING: KILLED},
    failures={WAITING: FAILED},
    statuses=JOB_STATUSES,
)

NAME_PATTERN = re.compile(r"^[0-9A-Za-z_-]+$")
# [UNVERIFIED] no page gives the default training-job quota; 200 is large enough not to surprise.
DEFAULT_JOB_QUOTA = 200
DEFAULT_VISUALIZATION_QUOTA = 200

_ids = itertools.count(1001)  # job, version and visualization ids: Longs, unique across projects
_id_lock = threading.Lock()


def _next_id() -> int:
    with _id_lock:
        return next(_ids)


def now_ms() -> int:
    return int(time.time() * 1000)


# --- request-body checking ------------------------------------------------------------------
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "a boolean", dict: "an object", list: "an array"}


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
    cleaned: dict[str, Any] = {}
    for name, item in value.items():
        if item is None:
            continue
        cleaned[name] = _check_value(item, schema[name], f"{where}{name}")
    return cleaned


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
VISUALIZATION_SCHEMA = {
    "job_name": str,
    "job_desc": str,
    "train_url": str,
    "job_type": str,
    "flavor": {"code": str},
    "schedule": {"type": str, "time_unit": str, "duration": int},
}

DATA_INPUT_FIELDS = ("data_url", "dataset_id", "dataset_version_id", "data_source")
RESOURCE_FIELDS = ("spec_id", "pool_id")
VISUALIZATION_TYPES = {"tensorboard": "TensorBoard", "mindinsight": "MindInsight"}


def check_name(name: str, max_length: int = 64) -> None:
    if not (1 <= len(name) <= max_length) or not NAME_PATTERN.match(name):
        raise ParameterError(f"Illegal name: {name}")


def check_description(text: str, field_name: str = "job_desc") -> None:
    if len(text) > 256:
        raise ParameterError(f"Parameter error: {field_name} must contain 0 to 256 characters.")


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


def order_query(value: str | None, default: str) -> bool:
    """True for descending."""
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


def page_of(items: list[Any], per_page: int, page: int) -> list[Any]:
    start = (page - 1) * per_page
    return items[start : start + per_page]


def _job_listing(
    held: dict[int, Any],
    keys: dict[str, Any],
    *,
    status_of: Any,
    read: Any,
    quota: int,
    keep: Any = None,
    status: str | None,
    per_page: str | None,
    page: str | None,
    sort_by: str | None,
    order: str | None,
    search_content: str | None,
) -> dict[str, Any]:
    """A v1 job listing (training or visualization): every query is checked before any job is read."""
    wanted_status = status_query(status)
    size = int_query("per_page", per_page, 1, 1000, 10)
    number = int_query("page", page, 1, 65535, 1)
    descending = order_query(order, "asc")
    search = search_query(search_content).lower()
    if (sort_by or "job_name") not in keys:
        sort_items([], keys, sort_by, "job_name", descending)
    jobs = [j for j in held.values() if search in j.name.lower() and (keep is None or keep(j))]
    for job in jobs:  # a listing reads every job it considers
        read(job)
    if wanted_status is not None:
        jobs = [j for j in jobs if status_of(j) == wanted_status]
    jobs = sort_items(jobs, keys, sort_by, "job_name", descending)
    return {
        "job_total_count": len(jobs),
        "job_count_limit": max(quota - len(held), 0),
        "jobs": [job.summary() for job in page_of(jobs, size, number)],
        "quotas": quota,
    }


def sort_items(items: list[Any], keys: dict[str, Any], sort_by: str | None, default: str, descending: bool) -> list[Any]:
    chosen = sort_by or default
    if chosen not in keys:
        raise UnsupportedSortBy(f"Unsupported sortBy: {chosen}. Use one of {', '.join(keys)}.")
    return sorted(items, key=keys[chosen], reverse=descending)


# --- catalogue: resource specifications, AI engines, built-in algorithms ----------------------
@dataclass
class Flavor:
    spec_id: int
    spec_code: str
    core: str
    cpu: str
    gpu_num: int = 0
    gpu_type: str = ""
    max_num: int = 1
    unit_num: int = 1
    storage: str = ""
    interface_type: int = 1
    no_resource: bool = False
    job_types: tuple[str, ...] = ("train", "inference")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("job_types")
        return data


@dataclass
class Engine:
    engine_id: int
    engine_name: str
    engine_version: str
    engine_type: int
    job_types: tuple[str, ...] = ("train", "inference")

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine_type": self.engine_type,
            "engine_id": self.engine_id,
            "engine_name": self.engine_name,
            "engine_version": self.engine_version,
        }


@dataclass
class BuiltinAlgorithm:
    model_id: int
    model_name: str
    engine_id: int
    model_usage: int = 1  # 1 image classification, 2 object detection, 3 image semantic segmentation
    model_precision: str = ""
    model_size: int = 0
    model_train_dataset: str = ""
    model_dataset_format: str = ""
    model_description_url: str = ""
    parameter: str = "[]"  # a JSON-encoded list, as the service sends it
    create_time: int = field(default_factory=now_ms)

    def to_dict(self, engines: dict[int, Engine]) -> dict[str, Any]:
        data = asdict(self)
        engine = engines.get(self.engine_id)
        data["engine_name"] = engine.engine_name if engine else ""
        data["engine_version"] = engine.engine_version if engine else ""
        return data


# Test data shaped like the real catalogue (ids and versions are the mock's own; tests extend it).
DEFAULT_FLAVORS = [
    Flavor(2, "modelarts.vm.cpu.2u", core="2", cpu="8", max_num=2),
    Flavor(3, "modelarts.vm.cpu.8u", core="8", cpu="32", max_num=5),
    Flavor(4, "modelarts.vm.gpu.p100", core="8", cpu="64", gpu_num=1, gpu_type="P100", max_num=5, job_types=("train",)),
    Flavor(5, "modelarts.vm.gpu.v100", core="8", cpu="64", gpu_num=1, gpu_type="V100", max_num=5, job_types=("train",)),
]
DEFAULT_ENGINES = [
    Engine(1, "TensorFlow", "TF-1.4.0-python2.7", 1),
    Engine(2, "TensorFlow", "TF-1.8.0-python3.6", 1),
    Engine(3, "MXNet", "MXNet-1.2.1-python3.6", 2),
    Engine(4, "Caffe", "Caffe-1.0.0-python2.7", 3),
    Engine(5, "Spark_MLlib", "Spark-2.3.2-python3.6", 5),
    Engine(6, "Scikit_Learn", "Scikit_Learn-0.18.1-python3.6", 6),
    Engine(7, "XGBoost-Sklearn", "XGBoost-0.80-Sklearn-0.18.1-python3.6", 9),
    Engine(8, "PyTorch", "PyTorch-1.0.0-python3.6", 10),
    Engine(9, "MindSpore-GPU", "MindSpore-1.2.0-python3.7", 17),
]
DEFAULT_ALGORITHMS = [
    BuiltinAlgorithm(
        1, "ResNet_v1_50", engine_id=2, model_usage=1, model_precision="75.2%(top1), 92.2%(top5)",
        model_size=102276861, model_train_dataset="ImageNet", model_dataset_format="TFRecord",
        parameter='[{"label": "batch_size", "value": "4", "required": true}, {"label": "lr", "value": "0.01", "required": true}]',
    ),
    BuiltinAlgorithm(
        2, "YOLOv3_Darknet53", engine_id=3, model_usage=2, model_precision="81.7%(mAP)",
        model_size=248007430, model_train_dataset="PASCAL VOC2007", model_dataset_format="shape=(416,416,3)",
        parameter='[{"label": "lr", "value": "0.0001", "required": true}]',
    ),
]


# --- training jobs and versions ---------------------------------------------------------------
class TrainingVersion:
    def __init__(
        self,
        job: "TrainingJob",
        number: int,
        config: dict[str, Any],
        job_desc: str,
        flavor: Flavor | None,
        engine: Engine | None,
        pre_version_id: int | None,
    ) -> None:
        self.job = job
        self.version_id = _next_id()
        self.version_name = f"V{number:04d}"
        self.pre_version_id = pre_version_id
        self.config = config
        self.job_desc = job_desc
        self.flavor = flavor
        self.engine = engine
        self.create_time = now_ms()
        self.resource_id = f"job{uuid.uuid4().hex[:8]}"
        self.start_time: int | None = None
        self.end_time: int | None = None
        self.extra_log_lines: dict[str, list[str]] = {}
        self.lifecycle = Lifecycle(TRAINING_VERSION, INIT, ids=[str(self.version_id), self.version_id])  # type: ignore[list-item]

    @property
    def status(self) -> int:
        self._sync_times()
        return self.lifecycle.status

    def observe(self) -> int:
        self.lifecycle.observe()
        return self.status

    def _sync_times(self) -> None:
        status = self.lifecycle.status
        if self.start_time is None and status in (RUNNING, KILLING):
            self.start_time = now_ms()
        if self.end_time is None and status in TERMINAL:
            self.end_time = now_ms()
            if status in (COMPLETED, FAILED, KILLED) and self.start_time is None:
                self.start_time = self.end_time  # ran between two reads (time progression)

    @property
    def duration(self) -> int:
        self._sync_times()
        if self.start_time is None:
            return 0
        return max((self.end_time or now_ms()) - self.start_time, 0)

    @property
    def log_files(self) -> list[str]:
        self._sync_times()
        if self.start_time is None:
            return []  # logs appear once the job runs
        return [f"job.{worker}" for worker in range(self.config.get("worker_server_num", 1))]

    def log_lines(self, log_file: str) -> list[str]:
        if log_file not in self.log_files:
            raise LogFileNotGenerated(f"Log file {log_file} not generated.")
        worker = log_file.rsplit(".", 1)[-1]
        started = datetime.fromtimestamp((self.start_time or 0) / 1000, timezone.utc).isoformat()
        lines = [
            f"[ModelArts Service Log][worker-{worker}] training job {self.job.name} {self.version_name} started at {started}",
            f"[ModelArts Service Log][worker-{worker}] boot file: {self.config.get('boot_file_url', self.config.get('user_command', ''))}",
        ]
        lines += self.extra_log_lines.get(log_file, [])
        status = self.lifecycle.status
        if status == COMPLETED:
            lines.append(f"[ModelArts Service Log][worker-{worker}] training end with return code: 0")
        elif status == KILLED:
            lines.append(f"[ModelArts Service Log][worker-{worker}] training killed")
        elif status in TERMINAL:
            lines.append(f"[ModelArts Service Log][worker-{worker}] training end with return code: 1")
        return lines

    def details(self) -> dict[str, Any]:
        config = self.config
        flavor, engine = self.flavor, self.engine
        data = {
            "job_id": self.job.job_id,
            "job_name": self.job.name,
            "job_desc": self.job_desc,
            "version_id": self.version_id,
            "version_name": self.version_name,
            "pre_version_id": self.pre_version_id,
            "engine_type": engine.engine_type if engine else None,
            "engine_name": engine.engine_name if engine else None,
            "engine_id": engine.engine_id if engine else None,
            "engine_version": engine.engine_version if engine else None,
            "status": self.status,
            "app_url": config.get("app_url", ""),
            "boot_file_url": config.get("boot_file_url", ""),
            "create_time": self.create_time,
            "parameter": config.get("parameter", []),
            "duration": self.duration,
            "spec_id": config.get("spec_id"),
            "core": flavor.core if flavor else None,
            "cpu": flavor.cpu if flavor else None,
            "gpu_num": flavor.gpu_num if flavor else None,
            "gpu_type": flavor.gpu_type if flavor else None,
            "spec_code": flavor.spec_code if flavor else None,
            "max_num": flavor.max_num if flavor else None,
            "worker_server_num": config.get("worker_server_num"),
            "data_url": config.get("data_url", ""),
            "train_url": config.get("train_url", ""),
            "log_url": config.get("log_url", ""),
            "dataset_id": config.get("dataset_id", ""),
            "dataset_version_id": config.get("dataset_version_id", ""),
            "data_source": config.get("data_source", []),
            "model_id": config.get("model_id"),
            # [UNVERIFIED] the service sends metrics as a JSON-encoded string; empty until reported
            "model_metric_list": '{"total_metric": {"total_metric_meta": {}, "total_reserved_data": {}, "total_metric_values": {}}, "metric": []}',
            "system_metric_list": {"cpuUsage": [], "memUsage": [], "gpuUtil": []},
            "user_image_url": config.get("user_image_url", ""),
            "user_command": config.get("user_command", ""),
            "resource_id": self.resource_id,
            "start_time": self.start_time,
            "volumes": config.get("volumes", []),
            "pool_id": config.get("pool_id", ""),
            "pool_name": config.get("pool_id", ""),
            "nas_mount_path": config.get("nas_mount_path", ""),
            "nas_share_addr": config.get("nas_share_addr", ""),
            "nas_type": config.get("nas_type", ""),
        }
        return data


class TrainingJob:
    def __init__(self, name: str, description: str, workspace_id: str) -> None:
        self.job_id = _next_id()
        self.name = name
        self.description = description
        self.workspace_id = workspace_id
        self.create_time = now_ms()
        self.versions: dict[int, TrainingVersion] = {}
        self._version_numbers = itertools.count(1)

    @property
    def latest(self) -> TrainingVersion | None:
        return self.versions[max(self.versions)] if self.versions else None

    def add_version(
        self, config: dict[str, Any], job_desc: str, flavor: Flavor | None, engine: Engine | None, pre_version_id: int | None = None
    ) -> TrainingVersion:
        version = TrainingVersion(self, next(self._version_numbers), config, job_desc, flavor, engine, pre_version_id)
        self.versions[version.version_id] = version
        return version

    def status(self) -> int:
        # [UNVERIFIED] a job without versions (create_version false, or all deleted) reports UNKNOWN
        latest = self.latest
        return latest.status if latest else UNKNOWN

    def duration(self) -> int:
        latest = self.latest
        return latest.duration if latest else 0

    def summary(self) -> dict[str, Any]:
        latest = self.latest
        return {
            "job_id": self.job_id,
            "job_name": self.name,
            "version_id": latest.version_id if latest else None,
            "status": self.status(),
            "create_time": self.create_time,
            "duration": self.duration(),
            "job_desc": self.description,
            "version_count": len(self.versions),
        }


class TrainingJobConfig:
    def __init__(self, name: str, description: str, config: dict[str, Any], flavor: Flavor | None, engine: Engine | None) -> None:
        self.name = name
        self.description = description
        self.config = config
        self.flavor = flavor
        self.engine = engine
        self.create_time = now_ms()
        self.sequence = _next_id()  # creation order, for ties in create_time

    def _engine_fields(self) -> dict[str, Any]:
        engine = self.engine
        return {
            "engine_type": engine.engine_type if engine else None,
            "engine_name": engine.engine_name if engine else None,
            "engine_id": engine.engine_id if engine else None,
            "engine_version": engine.engine_version if engine else None,
        }

    def summary(self) -> dict[str, Any]:
        return {
            "config_name": self.name,
            "config_desc": self.description,
            "create_time": self.create_time,
            **self._engine_fields(),
            "user_image_url": self.config.get("user_image_url", ""),
        }

    def details(self) -> dict[str, Any]:
        flavor = self.flavor
        return {
            "config_name": self.name,
            "config_desc": self.description,
            "create_time": self.create_time,
            **self.config,
            **self._engine_fields(),
            "spec_code": flavor.spec_code if flavor else None,
            "core": flavor.core if flavor else None,
            "cpu": flavor.cpu if flavor else None,
            "gpu_num": flavor.gpu_num if flavor else None,
            "gpu_type": flavor.gpu_type if flavor else None,
        }


class VisualizationJob:
    def __init__(self, backend: "ModelArtsBackend", name: str, description: str, train_url: str, job_type: str, flavor_code: str, schedule: dict[str, Any] | None) -> None:
        self.job_id = _next_id()
        self.name = name
        self.description = description
        self.train_url = train_url
        self.job_type = job_type
        self.flavor_code = flavor_code
        self.schedule = schedule
        self.create_time = now_ms()
        self.resource_id = f"jobvis{uuid.uuid4().hex[:8]}"
        # [UNVERIFIED] the service's TensorBoard address; served by no mock
        self.service_url = f"https://modelarts.{backend.region_name}.otc.t-systems.com/visualization/{backend.project_id}/{self.job_id}/"
        self.start_time: int | None = None
        self.end_time: int | None = None
        self.lifecycle = Lifecycle(VISUALIZATION_JOB, INIT, ids=[str(self.job_id), self.job_id])  # type: ignore[list-item]

    @property
    def status(self) -> int:
        self._sync_times()
        return self.lifecycle.status

    def _sync_times(self) -> None:
        state = self.lifecycle.status
        if state == RUNNING and self.start_time is None:
            self.start_time = now_ms()
        if state in TERMINAL and self.end_time is None:
            self.end_time = now_ms()

    def observe(self) -> int:
        self.lifecycle.observe()
        return self.status

    def restart(self) -> None:
        self.start_time = self.end_time = None
        self.lifecycle.begin(INIT)

    @property
    def duration(self) -> int:
        self._sync_times()
        if self.start_time is None:
            return 0
        return max((self.end_time or now_ms()) - self.start_time, 0)

    def remaining_duration(self) -> int | None:
        if not self.schedule:
            return None
        total = self.schedule["duration"] * 3600 * 1000
        return max(total - self.duration, 0)

    def summary(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "job_name": self.name,
            "status": self.status,
            "create_time": self.create_time,
            "duration": self.duration,
            "job_desc": self.description,
            "service_url": self.service_url if self.status == RUNNING else "",
            "train_url": self.train_url,
            "resource_id": self.resource_id,
        }

    def details(self) -> dict[str, Any]:
        data = self.summary()
        data.update(
            {
                "job_type": self.job_type,
                "remaining_duration": self.remaining_duration(),
                "flavor": {"code": self.flavor_code},
                "schedule": self.schedule,
            }
        )
        return data


class ModelArtsBackend(BaseBackend):
    """One project in one region. ``account_id`` is the project id."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.project_id = account_id
        self.jobs: dict[int, TrainingJob] = {}
        self.configs: dict[str, TrainingJobConfig] = {}
        self.sample_configs: dict[str, TrainingJobConfig] = {}
        self.visualization_jobs: dict[int, VisualizationJob] = {}
        self.flavors = {flavor.spec_id: Flavor(**asdict(flavor)) for flavor in DEFAULT_FLAVORS}
        self.engines = {engine.engine_id: Engine(**asdict(engine)) for engine in DEFAULT_ENGINES}
        self.algorithms = {algo.model_id: BuiltinAlgorithm(**asdict(algo)) for algo in DEFAULT_ALGORITHMS}
        self.job_quota = DEFAULT_JOB_QUOTA
        self.visualization_quota = DEFAULT_VISUALIZATION_QUOTA

    # --- test-time controls ---------------------------------------------------------------
    def add_flavor(self, spec_id: int, spec_code: str, **attributes: Any) -> Flavor:
        """Extend the resource-spec catalogue (core, cpu, gpu_num, gpu_type, max_num, job_types ...)."""
        attributes.setdefault("core", "2")
        attributes.setdefault("cpu", "8")
        flavor = Flavor(spec_id, spec_code, **attributes)
        self.flavors[spec_id] = flavor
        return flavor

    def add_engine(self, engine_id: int, engine_name: str, engine_version: str, engine_type: int = 1, **attributes: Any) -> Engine:
        engine = Engine(engine_id, engine_name, engine_version, engine_type, **attributes)
        self.engines[engine_id] = engine
        return engine

    def add_builtin_algorithm(self, model_id: int, model_name: str, engine_id: int, **attributes: Any) -> BuiltinAlgorithm:
        algorithm = BuiltinAlgorithm(model_id, model_name, engine_id, **attributes)
        self.algorithms[model_id] = algorithm
        return algorithm

    def add_sample_config(self, config_name: str, config_desc: str = "", **fields: Any) -> TrainingJobConfig:
        """A sample configuration (``config_type=sample``), checked like a created one."""
        fields = check_object(fields, CONFIG_SCHEMA)
        flavor, engine = self._resolve_config(fields)
        sample = TrainingJobConfig(config_name, config_desc, fields, flavor, engine)
        self.sample_configs[config_name] = sample
        return sample

    def set_quota(self, training_jobs: int | None = None, visualization_jobs: int | None = None) -> None:
        if training_jobs is not None:
            self.job_quota = training_jobs
        if visualization_jobs is not None:
            self.visualization_quota = visualization_jobs

    def add_log_lines(self, job_id: int, version_id: int, lines: list[str], log_file: str = "job.0") -> None:
        """Lines the training code "printed", returned by the aom-log endpoint once the job runs."""
        self._version(job_id, version_id).extra_log_lines.setdefault(log_file, []).extend(lines)

    def register_access_key(self, access_key: str, secret_key: str) -> None:
        """Accept requests signed (SDK-HMAC-SHA256) with this AK/SK pair."""
        iam_backend().access_keys[access_key] = secret_key

    def issue_token(self, expires_in: int = 24 * 3600, user_name: str = "moto-user") -> str:
        """A token scoped to this backend's project, as IAM would issue (for plain ``requests`` tests)."""
        token = iam_backend().issue_token(
            user_name=user_name, domain_name=f"{user_name}-domain", project_id=self.project_id,
            project_name=self.region_name, region=self.region_name, host_suffix="otc.t-systems.com",
            methods=["password"], expires_in=expires_in,
        )
        return token.token_id

    def expire_token(self, token_id: str) -> None:
        iam_backend().expire(token_id)

    def set_authentication(self, enabled: bool) -> None:
        """Switch credential checks on ModelArts requests on or off (back on when the mock ends)."""
        AUTH_SETTINGS["enabled"] = enabled

    # --- lookups --------------------------------------------------------------------------
    def _job(self, job_id: int) -> TrainingJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise TrainingJobNotFound(f"Training job (ID: {job_id}) not found.")
        return job

    def _version(self, job_id: int, version_id: int) -> TrainingVersion:
        version = self._job(job_id).versions.get(version_id)
        if version is None:
            # [UNVERIFIED] no code for a missing version; the job's not-found code, naming the version
            raise TrainingJobNotFound(f"Training job (ID: {job_id}) version (ID: {version_id}) not found.")
        return version

    def _flavor(self, spec_id: int) -> Flavor:
        flavor = self.flavors.get(spec_id)
        if flavor is None:
            raise FlavorNotFound(f"Flavor ({spec_id}) not found.")
        return flavor

    def _engine(self, engine_id: int) -> Engine:
        engine = self.engines.get(engine_id)
        if engine is None:
            raise EngineNotFound(f"Engine ({engine_id}) not found.")
        return engine

    # --- config rules shared by jobs, versions and configurations --------------------------
    def _resolve_config(self, config: dict[str, Any]) -> tuple[Flavor | None, Engine | None]:
        """Check how a complete config's fields fit together; return its flavor and engine."""
        workers = config.get("worker_server_num")
        if workers is None:
            raise InvalidParam("Invalid parameter: worker_server_num is required.")
        if workers < 1:
            raise InvalidParameterValue("Invalid parameter values: worker_server_num must be at least 1.")
        resources = [name for name in RESOURCE_FIELDS if name in config]
        if len(resources) != 1:
            raise InvalidParameterValue("Invalid parameter values: set exactly one of spec_id (public resource pool) and pool_id (dedicated pool).")
        flavor = None
        if "spec_id" in config:
            flavor = self._flavor(config["spec_id"])
            if workers > flavor.max_num:
                raise InvalidParameterValue(
                    f"Invalid parameter values: worker_server_num {workers} exceeds the maximum {flavor.max_num} of {flavor.spec_code}."
                )
        if ("dataset_id" in config) != ("dataset_version_id" in config):
            raise InvalidParameterValue("Invalid parameter values: dataset_id and dataset_version_id are set together.")
        inputs = [name for name in ("data_url", "dataset_id", "data_source") if config.get(name) not in (None, [], "")]
        if len(inputs) != 1:
            raise InvalidParameterValue(
                "Invalid parameter values: set exactly one data input: data_url, dataset_id with dataset_version_id, or data_source."
            )
        for index, source in enumerate(config.get("data_source", [])):
            kind = source.get("type")
            if kind not in ("obs", "dataset"):
                raise InvalidParam(f"Invalid parameter: data_source[{index}].type must be obs or dataset.")
            needed = ("data_url",) if kind == "obs" else ("dataset_id", "dataset_version")
            missing = [name for name in needed if not source.get(name)]
            if missing:
                raise InvalidParam(f"Invalid parameter: data_source[{index}].{missing[0]} is required for type {kind}.")
        for index, volume in enumerate(config.get("volumes", [])):
            if len(volume) != 1:
                raise InvalidParameterValue(f"Invalid parameter values: volumes[{index}] has exactly one of nfs and host_path.")
        if ("app_url" in config) != ("boot_file_url" in config):
            raise InvalidParameterValue("Invalid parameter values: app_url and boot_file_url are set together.")
        engine = None
        if "model_id" in config:
            algorithm = self.algorithms.get(config["model_id"])
            if algorithm is None:
                raise InvalidParameterValue(f"Invalid parameter values: built-in algorithm (model_id: {config['model_id']}) not found.")
            engine = self._engine(config.get("engine_id", algorithm.engine_id))
        elif "user_image_url" in config:
            if not config.get("user_command"):
                raise InvalidParameterValue("Invalid parameter values: user_command is required with user_image_url.")
            if "engine_id" in config:
                engine = self._engine(config["engine_id"])
        else:
            if "app_url" not in config:
                raise InvalidParameterValue("Invalid parameter values: app_url and boot_file_url are required unless model_id or user_image_url is set.")
            engine = self._engine(config.get("engine_id", 1))
        return flavor, engine

    # --- training jobs --------------------------------------------------------------------
    def create_training_job(self, body: Any) -> tuple[TrainingJob, TrainingVersion | None]:
        body = check_object(body, CREATE_JOB_SCHEMA, required=("job_name", "config"))
        name = body["job_name"]
        check_name(name)
        description = body.get("job_desc", "")
        check_description(description)
        config = dict(body["config"])
        create_version = config.pop("create_version", True)
        flavor, engine = self._resolve_config(config)
        if any(job.name == name for job in self.jobs.values()):
            raise DuplicateName(f"Job name:{name} is existed")
        if len(self.jobs) >= self.job_quota:
            raise QuotaInsufficient(f"Quota insufficient: the project may hold {self.job_quota} training jobs.")
        job = TrainingJob(name, description, body.get("workspace_id", "0"))
        version = job.add_version(config, description, flavor, engine) if create_version else None
        self.jobs[job.job_id] = job
        return job, version

    def list_training_jobs(
        self,
        status: str | None = None,
        per_page: str | None = None,
        page: str | None = None,
        sort_by: str | None = None,
        order: str | None = None,
        search_content: str | None = None,
        workspace_id: str | None = None,
    ) -> dict[str, Any]:
        keys = {
            "job_name": lambda j: (j.name, j.job_id),
            "job_desc": lambda j: (j.description, j.job_id),
            "status": lambda j: (j.status(), j.job_id),
            "duration": lambda j: (j.duration(), j.job_id),
            "version_count": lambda j: (len(j.versions), j.job_id),
            "create_time": lambda j: (j.create_time, j.job_id),
        }

        def read(job: TrainingJob) -> None:
            if job.latest:
                job.latest.observe()

        return _job_listing(
            self.jobs,
            keys,
            status_of=lambda j: j.status(),
            read=read,
            quota=self.job_quota,
            keep=(lambda j: j.workspace_id == workspace_id) if workspace_id else None,
            status=status, per_page=per_page, page=page, sort_by=sort_by, order=order, search_content=search_content,
        )

    def update_training_job(self, job_id: int, body: Any) -> None:
        job = self._job(job_id)
        body = check_object(body, UPDATE_DESC_SCHEMA, required=("job_desc",))
        check_description(body["job_desc"])
        job.description = body["job_desc"]

    def delete_training_job(self, job_id: int) -> None:
        job = self._job(job_id)
        for version in job.versions.values():
            if version.status not in DELETABLE:
                raise JobStatusNotAllowed(f"This job can't be delete. job status: {version.status}")
        del self.jobs[job_id]

    # --- versions -------------------------------------------------------------------------
    def create_training_job_version(self, job_id: int, body: Any) -> TrainingVersion:
        job = self._job(job_id)
        body = check_object(body, CREATE_VERSION_SCHEMA, required=("config",))
        request = check_object(body["config"], VERSION_CONFIG_SCHEMA, "config", required=("train_url", "pre_version_id"))
        description = body.get("job_desc", job.description)
        check_description(description)
        previous = self._version(job_id, request["pre_version_id"])
        # [UNVERIFIED] a new version starts from its pre-version's settings; a data input or a
        # resource named in the request replaces the inherited group as a whole
        config = dict(previous.config)
        if any(name in request for name in DATA_INPUT_FIELDS):
            for name in DATA_INPUT_FIELDS:
                config.pop(name, None)
        if any(name in request for name in RESOURCE_FIELDS):
            for name in RESOURCE_FIELDS:
                config.pop(name, None)
        config.update(request)
        pre_version_id = config.pop("pre_version_id")
        flavor, engine = self._resolve_config(config)
        return job.add_version(config, description, flavor, engine, pre_version_id)

    def list_training_job_versions(self, job_id: int, per_page: str | None = None, page: str | None = None) -> tuple[TrainingJob, list[TrainingVersion]]:
        job = self._job(job_id)
        size = int_query("per_page", per_page, 1, 1000, 10)
        number = int_query("page", page, 0, 65535, 0)
        versions = sorted(job.versions.values(), key=lambda v: v.version_id, reverse=True)  # newest first
        for version in versions:
            version.observe()
        return job, (versions if number == 0 else page_of(versions, size, number))

    def get_training_job_version(self, job_id: int, version_id: int) -> TrainingVersion:
        version = self._version(job_id, version_id)
        version.observe()
        return version

    def delete_training_job_version(self, job_id: int, version_id: int) -> None:
        job = self._job(job_id)
        version = self._version(job_id, version_id)
        if version.status not in DELETABLE:
            raise JobStatusNotAllowed(f"This job can't be delete. job status: {version.status}")
        del job.versions[version_id]

    def stop_training_job_version(self, job_id: int, version_id: int) -> None:
        version = self._version(job_id, version_id)
        if version.status != RUNNING:
            raise JobStatusNotAllowed(f"This job can't be stop. job status: {version.status}")
        version.lifecycle.begin(KILLING)

    def list_log_file_names(self, job_id: int, version_id: int) -> list[str]:
        return self._version(job_id, version_id).log_files

    def get_training_job_logs(
        self, job_id: int, version_id: int, log_file: str | None, base_line: str | None = None, lines: str | None = None, order: str | None = None
    ) -> dict[str, Any]:
        version = self._version(job_id, version_id)
        if not log_file:
            raise InvalidArgument("Invalid Argument: log_file is required.")
        count = int_query("lines", lines, 0, 500, 50)
        descending = order_query(order, "desc")
        content = version.log_lines(log_file)
        total = len(content)
        if base_line in (None, ""):
            end = total
            start = max(end - count, 0)
        else:
            base = int_query("base_line", base_line, 0, total, 0)
            # desc reads the records after base_line, asc the ones before it
            start, end = (base, min(base + count, total)) if descending else (max(base - 1 - count, 0), max(base - 1, 0))
        chosen = content[start:end]
        return {
            "content": "\n".join(chosen),
            "lines": len(chosen),
            "start_line": str(start + 1 if chosen else start),
            "end_line": str(end),
        }

    # --- catalogue reads -------------------------------------------------------------------
    def list_flavors(self, job_type: str | None = None, engine_id: str | None = None, project_type: str | None = None) -> list[Flavor]:
        if job_type not in (None, "", "train", "inference"):
            raise InvalidArgument(f"Invalid Argument: job_type must be train or inference, not {job_type}.")
        if engine_id not in (None, ""):
            self._engine(int_query("engine_id", engine_id, 0, 2**63 - 1, 0))
        flavors = sorted(self.flavors.values(), key=lambda f: f.spec_id)
        return [f for f in flavors if not job_type or job_type in f.job_types]

    def list_engines(self, job_type: str | None = None) -> list[Engine]:
        if job_type not in (None, "", "train", "inference"):
            raise InvalidArgument(f"Invalid Argument: job_type must be train or inference, not {job_type}.")
        engines = sorted(self.engines.values(), key=lambda e: e.engine_id)
        return [e for e in engines if not job_type or job_type in e.job_types]

    def list_builtin_algorithms(
        self, per_page: str | None = None, page: str | None = None, sort_by: str | None = None, order: str | None = None, search_content: str | None = None
    ) -> tuple[int, list[dict[str, Any]]]:
        size = int_query("per_page", per_page, 1, 100, 10)
        number = int_query("page", page, 1, 65535, 1)
        descending = order_query(order, "asc")
        search = search_query(search_content).lower()
        keys = {
            "model_name": lambda a: (a.model_name, a.model_id),
            "model_usage": lambda a: (a.model_usage, a.model_id),
            "model_size": lambda a: (a.model_size, a.model_id),
            "create_time": lambda a: (a.create_time, a.model_id),
        }
        algorithms = [a for a in self.algorithms.values() if search in a.model_name.lower()]
        algorithms = sort_items(algorithms, keys, sort_by, "model_name", descending)
        return len(algorithms), [a.to_dict(self.engines) for a in page_of(algorithms, size, number)]

    # --- training-job configurations -------------------------------------------------------
    def _config(self, name: str) -> TrainingJobConfig:
        config = self.configs.get(name)
        if config is None:
            # [UNVERIFIED] no code for a missing configuration: "invalid parameter values"
            raise InvalidParameterValue(f"Invalid parameter values: training job config {name} does not exist.")
        return config

    def create_training_job_config(self, body: Any) -> TrainingJobConfig:
        body = check_object(body, CONFIG_BODY_SCHEMA, required=("config_name",))
        name = body.pop("config_name")
        check_name(name)
        description = body.pop("config_desc", "")
        check_description(description, "config_desc")
        flavor, engine = self._resolve_config(body)
        if name in self.configs:
            raise DuplicateName(f"Config name:{name} is existed")
        config = TrainingJobConfig(name, description, body, flavor, engine)
        self.configs[name] = config
        return config

    def list_training_job_configs(
        self,
        per_page: str | None = None,
        page: str | None = None,
        sort_by: str | None = None,
        order: str | None = None,
        search_content: str | None = None,
        config_type: str | None = None,
    ) -> tuple[int, list[TrainingJobConfig]]:
        size = int_query("per_page", per_page, 1, 1000, 10)
        number = int_query("page", page, 1, 65535, 1)
        descending = order_query(order, "desc")
        search = search_query(search_content).lower()
        kind = config_type or "custom"
        if kind not in ("custom", "sample"):
            raise InvalidArgument(f"Invalid Argument: config_type must be custom or sample, not {kind}.")
        keys = {
            "config_name": lambda c: (c.name,),
            "config_desc": lambda c: (c.description, c.name),
            "create_time": lambda c: (c.create_time, c.sequence),
        }
        if kind == "sample":
            keys.pop("create_time")  # the service does not sort samples by creation time
        source = self.configs if kind == "custom" else self.sample_configs
        configs = [c for c in source.values() if search in c.name.lower()]
        configs = sort_items(configs, keys, sort_by, "config_name", descending)
        return len(configs), page_of(configs, size, number)

    def get_training_job_config(self, name: str, config_type: str | None = None) -> TrainingJobConfig:
        if config_type == "sample" and name in self.sample_configs:
            return self.sample_configs[name]
        return self._config(name)

    def update_training_job_config(self, name: str, body: Any) -> None:
        existing = self._config(name)
        request = check_object(body, CONFIG_UPDATE_SCHEMA)
        description = request.pop("config_desc", existing.description)
        check_description(description, "config_desc")
        # [UNVERIFIED] fields left out keep their values (otcextensions sends only what changed)
        config = dict(existing.config)
        if any(field_name in request for field_name in DATA_INPUT_FIELDS):
            for field_name in DATA_INPUT_FIELDS:
                config.pop(field_name, None)
        if any(field_name in request for field_name in RESOURCE_FIELDS):
            for field_name in RESOURCE_FIELDS:
                config.pop(field_name, None)
        config.update(request)
        flavor, engine = self._resolve_config(config)
        existing.description, existing.config, existing.flavor, existing.engine = description, config, flavor, engine

    def delete_training_job_config(self, name: str) -> None:
        self._config(name)
        del self.configs[name]

    # --- visualization jobs ----------------------------------------------------------------
    def _visualization_job(self, job_id: int) -> VisualizationJob:
        job = self.visualization_jobs.get(job_id)
        if job is None:
            # [UNVERIFIED] visualization jobs share the training job table and its not-found code
            raise TrainingJobNotFound(f"Visualization job (ID: {job_id}) not found.")
        return job

    def create_visualization_job(self, body: Any) -> VisualizationJob:
        body = check_object(body, VISUALIZATION_SCHEMA, required=("job_name", "train_url"))
        name = body["job_name"]
        check_name(name, max_length=20)
        description = body.get("job_desc", "")
        check_description(description)
        job_type = body.get("job_type", "tensorboard")
        if job_type.lower() not in VISUALIZATION_TYPES:
            raise InvalidParam(f"Invalid parameter: job_type must be TensorBoard or MindInsight, not {job_type}.")
        flavor_code = body.get("flavor", {}).get("code") or self._default_visualization_flavor()
        if flavor_code not in {f.spec_code for f in self.flavors.values()}:
            raise FlavorNotFound(f"Flavor ({flavor_code}) not found.")
        schedule = body.get("schedule")
        if schedule is not None:
            check_object(schedule, VISUALIZATION_SCHEMA["schedule"], "schedule", required=("type", "time_unit", "duration"))
            if schedule["type"] != "stop" or schedule["time_unit"] != "HOURS" or not 0 <= schedule["duration"] <= 24:
                raise InvalidParameterValue("Invalid parameter values: schedule is {type: stop, time_unit: HOURS, duration: 0-24}.")
        if any(job.name == name for job in self.visualization_jobs.values()):
            raise DuplicateName(f"Job name:{name} is existed")
        if len(self.visualization_jobs) >= self.visualization_quota:
            raise QuotaInsufficient(f"Quota insufficient: the project may hold {self.visualization_quota} visualization jobs.")
        job = VisualizationJob(self, name, description, body["train_url"], VISUALIZATION_TYPES[job_type.lower()], flavor_code, schedule)
        self.visualization_jobs[job.job_id] = job
        return job

    def _default_visualization_flavor(self) -> str:
        cpu = [f for f in sorted(self.flavors.values(), key=lambda f: f.spec_id) if not f.gpu_num]
        return cpu[0].spec_code if cpu else ""

    def list_visualization_jobs(
        self,
        status: str | None = None,
        per_page: str | None = None,
        page: str | None = None,
        sort_by: str | None = None,
        order: str | None = None,
        search_content: str | None = None,
    ) -> dict[str, Any]:
        keys = {
            "job_name": lambda j: (j.name, j.job_id),
            "job_desc": lambda j: (j.description, j.job_id),
            "status": lambda j: (j.status, j.job_id),
            "duration": lambda j: (j.duration, j.job_id),
            "create_time": lambda j: (j.create_time, j.job_id),
        }
        return _job_listing(
            self.visualization_jobs,
            keys,
            status_of=lambda j: j.status,
            read=lambda j: j.observe(),
            quota=self.visualization_quota,
            status=status, per_page=per_page, page=page, sort_by=sort_by, order=order, search_content=search_content,
        )

    def get_visualization_job(self, job_id: int) -> VisualizationJob:
        job = self._visualization_job(job_id)
        job.observe()
        return job

    def update_visualization_job(self, job_id: int, body: Any) -> None:
        job = self._visualization_job(job_id)
        body = check_object(body, UPDATE_DESC_SCHEMA, required=("job_desc",))
        check_description(body["job_desc"])
        job.description = body["job_desc"]

    def delete_visualization_job(self, job_id: int) -> None:
        job = self._visualization_job(job_id)
        if job.status not in DELETABLE:
            raise JobStatusNotAllowed(f"This job can't be delete. job status: {job.status}")
        del self.visualization_jobs[job_id]

    def stop_visualization_job(self, job_id: int) -> None:
        job = self._visualization_job(job_id)
        if job.status != RUNNING:
            raise JobStatusNotAllowed(f"This job can't be stop. job status: {job.status}")
        job.lifecycle.begin(KILLING)

    def restart_visualization_job(self, job_id: int) -> None:
        job = self._visualization_job(job_id)
        # [UNVERIFIED] a job that has ended (completed, failed, stopped) may be restarted
        if job.status not in TERMINAL:
            raise JobStatusNotAllowed(f"This job can't be restart. job status: {job.status}")
        job.restart()


class _AnyRegionBackends(AccountSpecificBackend):  # type: ignore[type-arg]
    """A project's backends by region: any region-shaped name is a region (Huawei adds regions often)."""

    def __getitem__(self, region_name: str) -> Any:
        if region_name not in self.regions and REGION_PATTERN.match(region_name):
            self.regions.append(region_name)
        return super().__getitem__(region_name)


class ModelArtsBackendDict(BackendDict):  # type: ignore[type-arg]
    def _create_account_specific_backend(self, account_id: str) -> None:
        with backend_lock:
            if account_id not in list(self.keys()):
                self[account_id] = _AnyRegionBackends(
                    service_name=self.service_name,
                    account_id=account_id,
                    backend=self.backend,
                    use_boto3_regions=False,
                    additional_regions=list(REGIONS),
                )
            if self not in BackendDict._instances:
                BackendDict._instances.append(self)


modelarts_backends = ModelArtsBackendDict(ModelArtsBackend, "modelarts", use_boto3_regions=False, additional_regions=REGIONS)


# --- IAM: tokens, projects, access keys -----------------------------------------------------
#: test-time switch (the handle's ``m.backend("modelarts").set_authentication(False)``); reset when the mock ends
AUTH_SETTINGS: dict[str, bool] = {"enabled": True}
GLOBAL = "iam"  # one identity store for every region ("global" is taken by moto for partitions)


@dataclass
class Token:
    token_id: str
    user: dict[str, Any]
    methods: list[str]
    issued_at: datetime
    expires_at: datetime
    project: dict[str, Any] | None
    region: str
    host_suffix: str

    @property
    def expired(self) -> bool:
        return datetime.now(timezone.utc) >= self.expires_at

    def catalog(self) -> list[dict[str, Any]]:
        # Behind the moto_ext server the catalog points back at the server, so keystoneauth and
        # otcextensions clients reach ModelArts there without an endpoint override.
        base = server_context.public_url()
        iam_url = f"{base}/v3" if base else f"https://iam.{self.region}.{self.host_suffix}/v3"
        entries = [("identity", "iam", iam_url)]
        if self.project:
            modelarts_base = base or f"https://modelarts.{self.region}.{self.host_suffix}"
            url = f"{modelarts_base}/v1/{self.project['id']}"
            entries += [("modelartsv1", "modelartsv1", url), ("modelarts", "modelarts", url)]
        return [
            {
                "id": hashlib.md5(f"{kind}{self.region}".encode()).hexdigest(),
                "type": kind,
                "name": name,
                "endpoints": [
                    {
                        "id": hashlib.md5(f"{kind}{url}".encode()).hexdigest(),
                        "interface": "public",
                        "region": self.region,
                        "region_id": self.region,
                        "url": url,
                    }
                ],
            }
            for kind, name, url in entries
        ]

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "methods": self.methods,
            "expires_at": _isotime(self.expires_at),
            "issued_at": _isotime(self.issued_at),
            "user": self.user,
            "catalog": self.catalog(),
            "roles": [{"id": hashlib.md5(b"te_admin").hexdigest(), "name": "te_admin"}],
        }
        if self.project:
            data["project"] = self.project
        else:
            data["domain"] = self.user["domain"]
        return {"token": data}


def _isotime(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _hex_id(*parts: str) -> str:
    return hashlib.md5("/".join(parts).encode()).hexdigest()


class IamBackend(BaseBackend):
    """Tokens the mocked IAM issued, access keys tests registered, the projects tokens named."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.tokens: dict[str, Token] = {}
        self.access_keys: dict[str, str] = {}
        self.projects: dict[str, dict[str, Any]] = {}
        self.passwords: dict[tuple[str, str], str] = {}

    def register_user(self, name: str, password: str, domain_name: str) -> None:
        """From now on this user must give this password (any password is accepted otherwise)."""
        self.passwords[(domain_name, name)] = password

    def project_id_for(self, name: str) -> str:
        """The id of a project by name: a region's main project (named after the region) is
        DEFAULT_PROJECT_ID, so ``m.backend("modelarts", region=...)`` finds it; others derive one."""
        for project_id, project in self.projects.items():
            if project["name"] == name:
                return project_id
        if "_" not in name and REGION_PATTERN.match(name):
            return DEFAULT_PROJECT_ID
        return _hex_id("project", name)

    def register_project(self, name: str, project_id: str | None = None, domain: dict[str, Any] | None = None) -> str:
        project_id = project_id or self.project_id_for(name)
        self.projects[project_id] = {"id": project_id, "name": name, "domain": domain or {"id": _hex_id("domain", "default"), "name": "default"}}
        return project_id

    def issue_token(
        self,
        user_name: str,
        domain_name: str,
        project_id: str | None,
        project_name: str | None,
        region: str,
        host_suffix: str,
        methods: list[str],
        expires_in: int = 24 * 3600,
        user_id: str | None = None,
    ) -> Token:
        domain = {"id": _hex_id("domain", domain_name), "name": domain_name}
        user = {"id": user_id or _hex_id("user", domain_name, user_name), "name": user_name, "domain": domain, "password_expires_at": ""}
        project = None
        if project_id or project_name:
            project_id = project_id or self.project_id_for(project_name or "")
            known = self.projects.get(project_id)
            name = project_name or (known["name"] if known else region)
            project = {"id": project_id, "name": name, "domain": domain}
            self.projects.setdefault(project_id, project)
            region = name.split("_", 1)[0] if REGION_PATTERN.match(name.split("_", 1)[0]) else region
        issued = datetime.now(timezone.utc)
        token = Token(
            token_id="MIIT" + secrets.token_urlsafe(96),
            user=user,
            methods=methods,
            issued_at=issued,
            expires_at=issued + timedelta(seconds=expires_in),
            project=project,
            region=region,
            host_suffix=host_suffix,
        )
        self.tokens[token.token_id] = token
        return token

    def expire(self, token_id: str) -> None:
        self.tokens[token_id].expires_at = datetime.now(timezone.utc) - timedelta(seconds=1)

    def revoke(self, token_id: str) -> None:
        self.tokens.pop(token_id, None)

    def valid_token(self, token_id: str) -> Token | None:
        token = self.tokens.get(token_id)
        return token if token is not None and not token.expired else None

    # --- the mocked IAM API -----------------------------------------------------------------
    def authenticate(self, body: Any, header_token: str | None, region: str | None, host_suffix: str) -> Token:
        """POST /v3/auth/tokens: the password or token method, scoped to a project or domain."""
        try:
            auth = body["auth"]
            identity = auth["identity"]
            methods = list(identity["methods"])
        except (KeyError, TypeError):
            raise IamError(400, "Bad Request", "The request body is not a valid auth request: auth.identity.methods is required.") from None
        scope = auth.get("scope") or {}
        if "password" in methods:
            try:
                user = identity["password"]["user"]
                password = user["password"]
            except (KeyError, TypeError):
                raise IamError(400, "Bad Request", "auth.identity.password.user with a password is required.") from None
            user_domain = user.get("domain") or {}
            domain_name = user_domain.get("name") or user_domain.get("id") or user.get("id") or "default"
            user_name = user.get("name") or user.get("id")
            if not user_name:
                raise IamError(400, "Bad Request", "auth.identity.password.user needs a name or an id.")
            expected = self.passwords.get((domain_name, user_name))
            if expected is not None and expected != password:
                raise IamError(401, "Unauthorized", "The username or password is wrong.")
            user_id = user.get("id")
        elif "token" in methods:
            given = (identity.get("token") or {}).get("id") or header_token
            source = self.valid_token(given or "")
            if source is None:
                raise IamError(401, "Unauthorized", "The token is invalid or has expired.")
            user_name, domain_name, user_id = source.user["name"], source.user["domain"]["name"], source.user["id"]
        else:
            raise IamError(401, "Unauthorized", f"Unsupported authentication methods: {methods}.")
        project = scope.get("project") or {}
        project_id = project.get("id")
        project_name = project.get("name")
        region_name = region or (project_name or "").split("_", 1)[0] or DEFAULT_REGION
        if not REGION_PATTERN.match(region_name):
            region_name = DEFAULT_REGION
        return self.issue_token(user_name, domain_name, project_id, project_name, region_name, host_suffix, methods, user_id=user_id)

    def projects_named(self, name: str | None) -> list[dict[str, Any]]:
        """Projects for an AK/SK-signed lookup (huaweicloudsdkcore asks ``?name=<region>``)."""
        known = list(self.projects.values())
        if name and all(p["name"] != name for p in known):
            known.append({"id": self.project_id_for(name), "name": name, "domain": {"id": _hex_id("domain", "default"), "name": "default"}})
        return [dict(p, enabled=True, is_domain=False, domain_id=p["domain"]["id"]) for p in known if name is None or p["name"] == name]

    def list_projects(self, token: Token, name: str | None = None) -> list[dict[str, Any]]:
        projects = [p for p in self.projects.values() if p["domain"]["id"] == token.user["domain"]["id"]]
        if token.project and all(p["id"] != token.project["id"] for p in projects):
            projects.append(token.project)
        return [dict(p, enabled=True, is_domain=False, parent_id=p["domain"]["id"], domain_id=p["domain"]["id"]) for p in projects if name is None or p["name"] == name]


iam_backends = BackendDict(IamBackend, "modelarts-iam", use_boto3_regions=False, additional_regions=[GLOBAL])


def iam_backend() -> IamBackend:
    return iam_backends[DEFAULT_PROJECT_ID][GLOBAL]


def authenticate_request(project_id: str, token_id: str | None, signature_check: Any) -> None:
    """Check a ModelArts request's credentials: a valid token scoped to the URL's project, or an
    AK/SK signature (``signature_check`` verifies it against the registered keys, or raises)."""
    if not AUTH_SETTINGS["enabled"]:
        return
    iam = iam_backend()
    if token_id:
        token = iam.tokens.get(token_id)
        if token is None:
            raise GatewayAuthError("Incorrect IAM authentication information: decrypt token fail")
        if token.expired:
            raise GatewayAuthError("Incorrect IAM authentication information: token expired")
        if not token.project or token.project["id"] != project_id:
            raise ProjectMismatch()
        return
    if signature_check is None:
        raise GatewayAuthError()
    signature_check(iam.access_keys)
