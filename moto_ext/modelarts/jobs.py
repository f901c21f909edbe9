"""The resources of a project: training jobs and their versions, training-job configurations and
visualization jobs, with the job statuses and the lifecycles that move them.

Each resource renders its wire dict with ``to_dict()`` (and ``to_summary()`` where listings show
less). Reading a status changes nothing; what a status change means (start and end times) is said
once, in each lifecycle's ``on_change`` hook.
"""

import itertools
import json
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import Catalog

from .catalogue import Engine, Flavor, now_ms
from .exceptions import LogFileNotGenerated

JOB_STATUSES = {
    0: "JOBSTAT_UNKNOWN",
    1: "JOBSTAT_INIT",
    2: "JOBSTAT_IMAGE_CREATING",
    3: "JOBSTAT_IMAGE_FAILED",
    4: "JOBSTAT_SUBMIT_TRYING",
    5: "JOBSTAT_SUBMIT_FAILED",
    6: "JOBSTAT_DELETE_FAILED",
    7: "JOBSTAT_WAITING",
    8: "JOBSTAT_RUNNING",
    9: "JOBSTAT_KILLING",
    10: "JOBSTAT_COMPLETED",
    11: "JOBSTAT_FAILED",
    12: "JOBSTAT_KILLED",
    13: "JOBSTAT_CANCELED",
    14: "JOBSTAT_LOST",
    15: "JOBSTAT_SCALING",
    16: "JOBSTAT_SUBMIT_MODEL_FAILED",
    17: "JOBSTAT_DEPLOY_SERVICE_FAILED",
    18: "JOBSTAT_CHECK_INIT",
    19: "JOBSTAT_CHECK_RUNNING",
    20: "JOBSTAT_CHECK_RUNNING_COMPLETED",
    21: "JOBSTAT_CHECK_FAILED",
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

#: a version's system metrics before any are reported (the keys "Obtaining Training Job Versions" documents)
SYSTEM_METRICS = ("cpuUsage", "memUsage", "gpuUtil")

_ids = itertools.count(1001)  # job, version and visualization ids: Longs, unique across projects
_id_lock = threading.Lock()


def next_id() -> int:
    with _id_lock:
        return next(_ids)


class _Timed:
    """Start and end times that follow the status: set by the lifecycle's on_change hook."""

    lifecycle: Lifecycle
    start_time: int | None
    end_time: int | None

    @property
    def status(self) -> int:
        return self.lifecycle.status  # type: ignore[no-any-return]

    def _on_change(self, old: int, new: int) -> None:
        if self.start_time is None and new in (RUNNING, KILLING):
            self.start_time = now_ms()
        if self.end_time is None and new in TERMINAL:
            self.end_time = now_ms()
            if new in (COMPLETED, FAILED, KILLED) and self.start_time is None:
                self.start_time = self.end_time  # went from waiting to its end in one step (forced)

    @property
    def duration(self) -> int:
        if self.start_time is None:
            return 0
        return max((self.end_time or now_ms()) - self.start_time, 0)


def _engine_fields(engine: Engine | None) -> dict[str, Any]:
    return {
        "engine_type": engine.engine_type if engine else None,
        "engine_name": engine.engine_name if engine else None,
        "engine_id": engine.engine_id if engine else None,
        "engine_version": engine.engine_version if engine else None,
    }


def _flavor_fields(flavor: Flavor | None) -> dict[str, Any]:
    return {
        "spec_code": flavor.spec_code if flavor else None,
        "core": flavor.core if flavor else None,
        "cpu": flavor.cpu if flavor else None,
        "gpu_num": flavor.gpu_num if flavor else None,
        "gpu_type": flavor.gpu_type if flavor else None,
    }


# --- training jobs and versions ---------------------------------------------------------------
@dataclass
class LogExcerpt:
    """Lines ``start`` (0-based) to ``end`` of a log file, as the aom-log endpoint reports them."""

    lines: list[str]
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": "\n".join(self.lines),
            "lines": len(self.lines),
            "start_line": str(self.start + 1 if self.lines else self.start),
            "end_line": str(self.end),
        }


class TrainingVersion(_Timed):
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
        self.version_id = next_id()
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
        self.lifecycle = Lifecycle(
            TRAINING_VERSION,
            INIT,
            ids=[str(self.version_id), self.version_id],  # type: ignore[list-item]  # set_status takes either
            on_change=self._on_change,
        )

    def observe(self) -> int:
        self.lifecycle.observe()
        return self.status

    @property
    def log_files(self) -> list[str]:
        if self.start_time is None:
            return []  # logs appear once the job runs
        return [f"job.{worker}" for worker in range(self.config.get("worker_server_num", 1))]

    def log_lines(self, log_file: str) -> list[str]:
        if log_file not in self.log_files:
            raise LogFileNotGenerated(f"Log file {log_file} not generated.")
        worker = log_file.rsplit(".", 1)[-1]
        prefix = f"[ModelArts Service Log][worker-{worker}]"
        started = datetime.fromtimestamp((self.start_time or 0) / 1000, timezone.utc).isoformat()
        lines = [
            f"{prefix} training job {self.job.name} {self.version_name} started at {started}",
            f"{prefix} boot file: {self.config.get('boot_file_url', self.config.get('user_command', ''))}",
        ]
        lines += self.extra_log_lines.get(log_file, [])
        if self.status == COMPLETED:
            lines.append(f"{prefix} training end with return code: 0")
        elif self.status == KILLED:
            lines.append(f"{prefix} training killed")
        elif self.status in TERMINAL:
            lines.append(f"{prefix} training end with return code: 1")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The version as its details page shows it (GET .../versions/{version_id})."""
        config, flavor = self.config, self.flavor
        return {
            "job_id": self.job.job_id,
            "job_name": self.job.name,
            "job_desc": self.job_desc,
            "version_id": self.version_id,
            "version_name": self.version_name,
            "pre_version_id": self.pre_version_id,
            **_engine_fields(self.engine),
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
            # the details page documents an object here (the version list: a JSON-encoded string)
            "system_metric_list": {name: [] for name in SYSTEM_METRICS},
            "user_image_url": config.get("user_image_url", ""),
            "user_command": config.get("user_command", ""),
            "resource_id": self.resource_id,
            # [choice] the names of a ModelArts dataset and its version; the mock has no dataset
            # service to look them up in, so they are empty, as for a job trained from OBS
            "dataset_name": "",
            "dataset_version_name": "",
            "start_time": self.start_time,
            "volumes": config.get("volumes", []),
            "pool_id": config.get("pool_id", ""),
            "pool_name": config.get("pool_id", ""),
            "nas_mount_path": config.get("nas_mount_path", ""),
            "nas_share_addr": config.get("nas_share_addr", ""),
            "nas_type": config.get("nas_type", ""),
        }

    def to_summary(self) -> dict[str, Any]:
        """The version as the version list shows it: "Obtaining Training Job Versions" documents
        ``system_metric_list`` as a JSON-encoded string there, and ``gpu`` (whether the
        specification has GPUs)."""
        entry = self.to_dict()
        entry["system_metric_list"] = json.dumps(entry["system_metric_list"])
        entry["gpu"] = bool(self.flavor and self.flavor.gpu_num)
        return entry


class TrainingJob:
    def __init__(self, name: str, description: str, workspace_id: str) -> None:
        self.job_id = next_id()
        self.name = name
        self.description = description
        self.workspace_id = workspace_id
        self.create_time = now_ms()
        # by id (ids grow: newest last); a listing looks at the in-progress ones
        self.versions: Catalog[int, TrainingVersion] = Catalog(lifecycles=lambda version: [version.lifecycle])
        self._version_numbers = itertools.count(1)

    @property
    def latest(self) -> TrainingVersion | None:
        versions = self.versions.view()
        return versions[len(versions) - 1] if versions else None

    def add_version(
        self,
        config: dict[str, Any],
        job_desc: str,
        flavor: Flavor | None,
        engine: Engine | None,
        pre_version_id: int | None = None,
    ) -> TrainingVersion:
        version = TrainingVersion(self, next(self._version_numbers), config, job_desc, flavor, engine, pre_version_id)
        self.versions[version.version_id] = version
        return version

    @property
    def status(self) -> int:
        # [UNVERIFIED] a job without versions (create_version false, or all deleted) reports UNKNOWN
        latest = self.latest
        return latest.status if latest else UNKNOWN

    @property
    def duration(self) -> int:
        latest = self.latest
        return latest.duration if latest else 0

    def observe(self) -> None:
        """A read of the job reads its latest version."""
        if self.latest:
            self.latest.observe()

    def to_summary(self) -> dict[str, Any]:
        latest = self.latest
        return {
            "job_id": self.job_id,
            "job_name": self.name,
            "version_id": latest.version_id if latest else None,
            "status": self.status,
            "create_time": self.create_time,
            "duration": self.duration,
            "job_desc": self.description,
            "version_count": len(self.versions),
        }


# --- training-job configurations ------------------------------------------------------------
class TrainingJobConfig:
    def __init__(
        self, name: str, description: str, config: dict[str, Any], flavor: Flavor | None, engine: Engine | None
    ) -> None:
        self.name = name
        self.description = description
        self.config = config
        self.flavor = flavor
        self.engine = engine
        self.create_time = now_ms()
        self.sequence = next_id()  # creation order, for ties in create_time

    def to_summary(self) -> dict[str, Any]:
        return {
            "config_name": self.name,
            "config_desc": self.description,
            "create_time": self.create_time,
            **_engine_fields(self.engine),
            "user_image_url": self.config.get("user_image_url", ""),
            "user_command": self.config.get("user_command", ""),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "config_name": self.name,
            "config_desc": self.description,
            "create_time": self.create_time,
            **self.config,
            **_engine_fields(self.engine),
            **_flavor_fields(self.flavor),
        }


# --- visualization jobs ----------------------------------------------------------------------
class VisualizationJob(_Timed):
    def __init__(
        self,
        name: str,
        description: str,
        train_url: str,
        job_type: str,
        flavor_code: str,
        schedule: dict[str, Any] | None,
        service_root: str,
    ) -> None:
        self.job_id = next_id()
        self.name = name
        self.description = description
        self.train_url = train_url
        self.job_type = job_type
        self.flavor_code = flavor_code
        self.schedule = schedule
        self.create_time = now_ms()
        self.resource_id = f"jobvis{uuid.uuid4().hex[:8]}"
        # [UNVERIFIED] the service's TensorBoard address; served by no mock
        self.service_url = f"{service_root}{self.job_id}/"
        self.start_time: int | None = None
        self.end_time: int | None = None
        self.lifecycle = Lifecycle(
            VISUALIZATION_JOB,
            INIT,
            ids=[str(self.job_id), self.job_id],  # type: ignore[list-item]  # set_status takes either
            on_change=self._on_change,
        )

    def observe(self) -> int:
        self.lifecycle.observe()
        return self.status

    def restart(self) -> None:
        self.start_time = self.end_time = None
        self.lifecycle.begin(INIT)

    def remaining_duration(self) -> int | None:
        if not self.schedule:
            return None
        total = self.schedule["duration"] * 3600 * 1000
        return max(total - self.duration, 0)

    def to_summary(self) -> dict[str, Any]:
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

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.to_summary(),
            "job_type": self.job_type,
            "remaining_duration": self.remaining_duration(),
            "flavor": {"code": self.flavor_code},
            "schedule": self.schedule,
        }
