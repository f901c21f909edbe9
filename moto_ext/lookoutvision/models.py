"""Lookout for Vision: projects, datasets, models, hosting, packaging jobs, tags.

What the service does, as a state machine (statuses from the botocore model):

- a project holds at most one ``train`` and one ``test`` dataset, its models and its packaging jobs;
- a dataset is created empty (CREATE_COMPLETE at once) or from a Ground Truth manifest in S3
  (CREATE_IN_PROGRESS -> CREATE_COMPLETE | CREATE_FAILED); UpdateDatasetEntries moves it through
  UPDATE_IN_PROGRESS -> UPDATE_COMPLETE (or the rollback statuses), DeleteDataset through
  DELETE_IN_PROGRESS until it is gone;
- CreateModel makes version "1", "2", ... : TRAINING -> TRAINED | TRAINING_FAILED;
  StartModel: STARTING_HOSTING -> HOSTED | HOSTING_FAILED; StopModel: STOPPING_HOSTING -> TRAINED;
  DeleteModel: DELETING until it is gone;
- a packaging job: CREATED -> RUNNING -> SUCCEEDED | FAILED.

In-progress statuses move when a read reports the resource (see moto_ext.core.lifecycle); the
kinds registered here are ``lookoutvision.model``, ``lookoutvision.dataset`` and
``lookoutvision.packaging_job``. ``m.set_status`` finds a model by its ARN, a dataset as
``<project>/dataset/<train|test>`` and a packaging job as ``<project>/modelpackagingjob/<job>``
(or the same after the project's ARN). The backend also offers ``set_detection_result`` and
``quotas`` to tests.
"""

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import get_service_model
from moto.moto_api._internal import mock_random as random

from moto_ext.core.idempotency import IdempotencyCache
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import paginate

from .exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ValidationException,
)

# Lookout for Vision was offered in these regions (AWS general reference); botocore no longer
# lists them, so BackendDict is told.
REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1", "ap-northeast-2"]


def _enum(shape_name: str) -> list[str]:
    return list(get_service_model("lookoutvision").shape_for(shape_name).enum)


MODEL_STATUSES = _enum("ModelStatus")
DATASET_STATUSES = _enum("DatasetStatus")
PACKAGING_STATUSES = _enum("ModelPackagingJobStatus")
DATASET_TYPES = ("train", "test")

# Internal end states: a model in DELETING and a dataset in DELETE_IN_PROGRESS settle here, and
# the next read finds them gone (ResourceNotFoundException).
MODEL_GONE = "DELETED"
DATASET_GONE = "DELETE_COMPLETE"

MODEL_KIND = LifecycleKind(
    "lookoutvision.model",
    steps={
        "TRAINING": "TRAINED",
        "STARTING_HOSTING": "HOSTED",
        "STOPPING_HOSTING": "TRAINED",
        "SYSTEM_UPDATING": "HOSTED",
        "DELETING": MODEL_GONE,
    },
    failures={"TRAINING": "TRAINING_FAILED", "STARTING_HOSTING": "HOSTING_FAILED"},
    statuses=MODEL_STATUSES,
)
DATASET_KIND = LifecycleKind(
    "lookoutvision.dataset",
    steps={
        "CREATE_IN_PROGRESS": "CREATE_COMPLETE",
        "UPDATE_IN_PROGRESS": "UPDATE_COMPLETE",
        "UPDATE_FAILED_ROLLBACK_IN_PROGRESS": "UPDATE_FAILED_ROLLBACK_COMPLETE",
        "DELETE_IN_PROGRESS": DATASET_GONE,
    },
    failures={
        "CREATE_IN_PROGRESS": "CREATE_FAILED",
        "UPDATE_IN_PROGRESS": "UPDATE_FAILED_ROLLBACK_IN_PROGRESS",
        "DELETE_IN_PROGRESS": "DELETE_FAILED",
    },
    statuses=DATASET_STATUSES,
)
PACKAGING_KIND = LifecycleKind(
    "lookoutvision.packaging_job",
    steps={"CREATED": "RUNNING", "RUNNING": "SUCCEEDED"},
    failures={"RUNNING": "FAILED"},
    statuses=PACKAGING_STATUSES,
)

#: statuses a model only reaches after training succeeded
TRAINED_STATUSES = {"TRAINED", "STARTING_HOSTING", "HOSTED", "HOSTING_FAILED", "STOPPING_HOSTING", "SYSTEM_UPDATING"}
HOSTING_STATUSES = {"STARTING_HOSTING", "HOSTED", "STOPPING_HOSTING", "SYSTEM_UPDATING"}
#: dataset statuses in which its entries can be used (train) or changed
DATASET_READY = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_FAILED_ROLLBACK_COMPLETE"}
DATASET_BUSY = {"CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_FAILED_ROLLBACK_IN_PROGRESS", "DELETE_IN_PROGRESS"}

MODEL_MESSAGES = {
    "TRAINING": "Training in progress.",
    "TRAINED": "Training completed successfully.",
    "TRAINING_FAILED": "Training failed.",
    "STARTING_HOSTING": "Hosting starting.",
    "HOSTED": "The model is running.",
    "HOSTING_FAILED": "Hosting failed.",
    "STOPPING_HOSTING": "Hosting stopping.",
    "SYSTEM_UPDATING": "The model is being updated.",
    "DELETING": "Deleting the model.",
}
DATASET_MESSAGES = {
    "CREATE_IN_PROGRESS": "Creating the dataset.",
    "CREATE_COMPLETE": "Dataset created.",
    "CREATE_FAILED": "Dataset creation failed.",
    "UPDATE_IN_PROGRESS": "Updating the dataset.",
    "UPDATE_COMPLETE": "Dataset updated.",
    "UPDATE_FAILED_ROLLBACK_IN_PROGRESS": "Dataset update failed; rolling back.",
    "UPDATE_FAILED_ROLLBACK_COMPLETE": "Dataset update failed; rolled back.",
    "DELETE_IN_PROGRESS": "Deleting the dataset.",
    "DELETE_FAILED": "Dataset deletion failed.",
}
PACKAGING_MESSAGES = {
    "CREATED": "The model packaging job was created.",
    "RUNNING": "The model packaging job is running.",
    "SUCCEEDED": "The model packaging job completed.",
    "FAILED": "The model packaging job failed.",
}

# Full-match rules for identifiers. The model's patterns are unanchored (Smithy semantics), so a
# search accepts "my project!"; the service takes these as whole names, so they must match whole.
PROJECT_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_\-]*")
MODEL_VERSION = re.compile(r"[1-9][0-9]*|latest")
JOB_NAME = re.compile(r"[a-zA-Z0-9-]+")
COMPONENT_NAME = re.compile(r"[a-zA-Z0-9-_.]+")
COMPONENT_VERSION = re.compile(r"[0-9]{1,6}\.[0-9]{1,6}\.[0-9]{1,6}")
ARN = re.compile(r"arn:(aws[a-z-]*):lookoutvision:([a-z0-9-]+):([0-9]{12}):(project|model)/(.+)")



@dataclass
class Quotas:
    """[UNVERIFIED] values: the public quota table no longer lists them (200 tags is the model's
    TagList max). Tests lower them per backend (``backend.quotas.projects = 2``)."""

    projects: int = 100
    inference_units: int = 20
    tags_per_resource: int = 200


QUOTA_CODES = {
    "projects": "projects-per-region",
    "inference_units": "running-inference-units",
    "tags_per_resource": "tags-per-resource",
}

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
IMAGE_MAGIC = {"image/jpeg": JPEG_MAGIC, "image/png": PNG_MAGIC}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _fraction(digest: bytes, start: int, low: float, high: float) -> float:
    """A number in [low, high] taken from two bytes of a digest: deterministic per input."""
    value = int.from_bytes(digest[start : start + 2], "big") / 0xFFFF
    return round(low + (high - low) * value, 4)


# --- resources -----------------------------------------------------------------------------------


class Entry:
    """One image of a dataset: a JSON line of a Ground Truth manifest."""

    def __init__(self, line: str, obj: dict[str, Any], added: datetime) -> None:
        self.line = line
        self.source_ref: str = obj["source-ref"]
        self.label, created = _label_of(obj)
        self.created = _parse_date(created) or added

    @property
    def labeled(self) -> bool:
        return self.label is not None


def _label_of(obj: dict[str, Any]) -> tuple[str | None, Any]:
    """The anomaly class of a manifest line and its label's creation date, if it is labeled.

    A label is an attribute ``X`` with an ``X-metadata`` object (Ground Truth's layout, e.g.
    ``anomaly-label`` / ``anomaly-label-metadata``): the class is the metadata's ``class-name``
    (normal / anomaly), or else the value 0 (normal) / 1 (anomaly).
    """
    for key, metadata in obj.items():
        if not key.endswith("-metadata") or not isinstance(metadata, dict):
            continue
        attribute = key[: -len("-metadata")]
        if attribute not in obj:
            continue
        class_name = metadata.get("class-name")
        if isinstance(class_name, str) and class_name.lower() in ("normal", "anomaly"):
            return class_name.lower(), metadata.get("creation-date")
        value = obj[attribute]
        if not isinstance(value, bool) and value in (0, 1):
            return ("anomaly" if value == 1 else "normal"), metadata.get("creation-date")
    return None, None


def _parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return _utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def parse_entries(blob: bytes, what: str) -> list[tuple[str, dict[str, Any]]]:
    """JSON lines of a manifest or a change set; raises ValueError naming the first bad line."""
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"The {what} is not UTF-8 text.") from None
    parsed = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        # each line becomes a DatasetEntry: a JSON object of at most 8192 characters
        if len(line) > 8192:
            raise ValueError(f"Line {number} of the {what} is longer than 8192 characters.")
        try:
            obj = json.loads(line)
        except ValueError:
            raise ValueError(f"Line {number} of the {what} is not valid JSON.") from None
        if not isinstance(obj, dict):
            raise ValueError(f"Line {number} of the {what} is not a JSON object.")
        source_ref = obj.get("source-ref")
        if not isinstance(source_ref, str) or not source_ref.startswith("s3://"):
            raise ValueError(f"Line {number} of the {what} has no source-ref with an s3:// location.")
        parsed.append((line, obj))
    if not parsed:
        raise ValueError(f"The {what} has no entries.")
    return parsed


class Dataset:
    def __init__(
        self,
        project: "Project",
        dataset_type: str,
        entries: list[Entry] | None = None,
        failure: str | None = None,
    ) -> None:
        self.project = project
        self.dataset_type = dataset_type
        self.created = _now()
        self.last_updated = self.created
        self.entries: dict[str, Entry] = {}
        # entries that join when the running create/update completes (and are dropped if it fails)
        self.pending: list[Entry] | None = entries
        # why a manifest import must fail once it settles (found when the manifest was read)
        self.failure = failure
        self.message: str | None = None
        initial = "CREATE_COMPLETE" if entries is None else "CREATE_IN_PROGRESS"
        self.lifecycle = Lifecycle(
            DATASET_KIND,
            initial,
            ids=[f"{project.arn}/dataset/{dataset_type}", f"{project.name}/dataset/{dataset_type}"],
        )

    @property
    def status(self) -> str:
        self.settle()
        return self.lifecycle.status

    def observe(self) -> str:
        self.lifecycle.observe()
        return self.status

    def settle(self) -> None:
        """Apply what the current status means for the entries (the status may have been forced)."""
        status = self.lifecycle.status
        if self.pending is None:
            return
        if status == "CREATE_COMPLETE" and self.failure:
            self.lifecycle.force("CREATE_FAILED")
            self.message = self.failure
            self.pending = None
        elif status in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
            for entry in self.pending:
                self.entries[entry.source_ref] = entry
            self.pending = None
            self.last_updated = _now()
        elif status in ("CREATE_FAILED", "UPDATE_FAILED_ROLLBACK_IN_PROGRESS", "UPDATE_FAILED_ROLLBACK_COMPLETE"):
            self.pending = None

    def metadata(self) -> dict[str, Any]:
        status = self.status
        return {
            "DatasetType": self.dataset_type,
            "CreationTimestamp": self.created,
            "Status": status,
            "StatusMessage": self.message if status == "CREATE_FAILED" and self.message else DATASET_MESSAGES.get(status),
        }

    def description(self) -> dict[str, Any]:
        entries = list(self.entries.values())
        labeled = [e for e in entries if e.labeled]
        return {
            **self.metadata(),
            "ProjectName": self.project.name,
            "LastUpdatedTimestamp": self.last_updated,
            "ImageStats": {
                "Total": len(entries),
                "Labeled": len(labeled),
                "Normal": sum(1 for e in labeled if e.label == "normal"),
                "Anomaly": sum(1 for e in labeled if e.label == "anomaly"),
            },
        }


class Model:
    def __init__(
        self,
        backend: "LookoutVisionBackend",
        project: "Project",
        version: str,
        description: str | None,
        kms_key_id: str | None,
        output_config: dict[str, Any],
        tags: dict[str, str],
    ) -> None:
        self.backend = backend
        self.project = project
        self.version = version
        self.arn = f"arn:{backend.partition}:lookoutvision:{backend.region_name}:{backend.account_id}:model/{project.name}/{version}"
        self.created = _now()
        self.description_text = description
        self.kms_key_id = kms_key_id
        self.output_config = output_config
        self.tags = tags
        self.min_units: int | None = None
        self.max_units: int | None = None
        self.performance: dict[str, float] | None = None
        self.evaluation_manifest: dict[str, str] | None = None
        self.evaluation_result: dict[str, str] | None = None
        self.evaluation_end: datetime | None = None
        self.lifecycle = Lifecycle(MODEL_KIND, "TRAINING", ids=[self.arn])

    @property
    def status(self) -> str:
        self.settle()
        return self.lifecycle.status

    def observe(self) -> str:
        self.lifecycle.observe()
        return self.status

    def settle(self) -> None:
        """Once training has succeeded (however the status got there), the evaluation exists."""
        if self.lifecycle.status in TRAINED_STATUSES and self.performance is None:
            self._evaluate()

    def _evaluate(self) -> None:
        digest = hashlib.sha256(self.arn.encode()).digest()
        precision = _fraction(digest, 0, 0.85, 1.0)
        recall = _fraction(digest, 2, 0.85, 1.0)
        self.performance = {
            "F1Score": round(2 * precision * recall / (precision + recall), 4),
            "Precision": precision,
            "Recall": recall,
        }
        location = self.output_config["S3Location"]
        prefix = location.get("Prefix") or ""
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        base = f"{prefix}{self.project.name}/model/{self.version}"
        bucket = location["Bucket"]
        self.evaluation_manifest = {"Bucket": bucket, "Key": f"{base}/evaluation-manifest.json"}
        self.evaluation_result = {"Bucket": bucket, "Key": f"{base}/evaluation-result.json"}
        self.evaluation_end = _now()
        self.backend.write_evaluation(self)

    def message(self) -> str | None:
        return MODEL_MESSAGES.get(self.lifecycle.status)

    def metadata(self) -> dict[str, Any]:
        status = self.status
        return {
            "CreationTimestamp": self.created,
            "ModelVersion": self.version,
            "ModelArn": self.arn,
            "Description": self.description_text,
            "Status": status,
            "StatusMessage": self.message(),
            "Performance": self.performance,
        }

    def description(self) -> dict[str, Any]:
        status = self.status
        hosting = status in HOSTING_STATUSES or status == "HOSTING_FAILED"
        return {
            **self.metadata(),
            "OutputConfig": self.output_config,
            "EvaluationManifest": self.evaluation_manifest,
            "EvaluationResult": self.evaluation_result,
            "EvaluationEndTimestamp": self.evaluation_end,
            "KmsKeyId": self.kms_key_id,
            "MinInferenceUnits": self.min_units if hosting else None,
            "MaxInferenceUnits": self.max_units if hosting else None,
        }


class PackagingJob:
    def __init__(
        self,
        backend: "LookoutVisionBackend",
        project: "Project",
        name: str,
        model_version: str,
        configuration: dict[str, Any],
        description: str | None,
        component_version: str,
    ) -> None:
        self.backend = backend
        self.project = project
        self.name = name
        self.model_version = model_version
        self.configuration = configuration
        self.description_text = description
        self.component_version = component_version
        self.created = _now()
        self.last_updated = self.created
        self._seen = "CREATED"
        self.lifecycle = Lifecycle(
            PACKAGING_KIND,
            "CREATED",
            ids=[f"{project.arn}/modelpackagingjob/{name}", f"{project.name}/modelpackagingjob/{name}"],
        )

    @property
    def status(self) -> str:
        status = self.lifecycle.status
        if status != self._seen:
            self._seen = status
            self.last_updated = _now()
        return status

    def observe(self) -> str:
        self.lifecycle.observe()
        return self.status

    @property
    def component_name(self) -> str:
        return self.configuration["Greengrass"]["ComponentName"]

    def metadata(self) -> dict[str, Any]:
        status = self.status
        return {
            "JobName": self.name,
            "ProjectName": self.project.name,
            "ModelVersion": self.model_version,
            "ModelPackagingJobDescription": self.description_text,
            "ModelPackagingMethod": "Greengrass",
            "Status": status,
            "StatusMessage": PACKAGING_MESSAGES.get(status),
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.last_updated,
        }

    def description(self) -> dict[str, Any]:
        result = {**self.metadata(), "ModelPackagingConfiguration": self.configuration}
        if result["Status"] == "SUCCEEDED":
            backend = self.backend
            arn = (
                f"arn:{backend.partition}:greengrass:{backend.region_name}:{backend.account_id}:"
                f"components:{self.component_name}:versions:{self.component_version}"
            )
            result["ModelPackagingOutputDetails"] = {
                "Greengrass": {
                    "ComponentName": self.component_name,
                    "ComponentVersion": self.component_version,
                    "ComponentVersionArn": arn,
                }
            }
        return result


class Project:
    def __init__(self, backend: "LookoutVisionBackend", name: str) -> None:
        self.name = name
        self.arn = f"arn:{backend.partition}:lookoutvision:{backend.region_name}:{backend.account_id}:project/{name}"
        self.created = _now()
        self.datasets: dict[str, Dataset] = {}
        self.models: dict[str, Model] = {}
        self.jobs: dict[str, PackagingJob] = {}
        self.tags: dict[str, str] = {}
        self.versions_made = 0

    def metadata(self) -> dict[str, Any]:
        return {"ProjectArn": self.arn, "ProjectName": self.name, "CreationTimestamp": self.created}

    def newest_model(self) -> Model | None:
        if not self.models:
            return None
        return self.models[max(self.models, key=int)]


# --- the backend ---------------------------------------------------------------------------------


def idempotent(resource_type: str, resource_id: Callable[[dict[str, Any]], str]) -> Callable[..., Any]:
    """An operation with a ClientToken: a repeat answers as the first call did, with no second
    side effect; the same token with other parameters is a ConflictException ([UNVERIFIED]: the
    API reference only says "an error occurs"; a conflict is the modeled error of that meaning)."""

    def decorate(method: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(method)
        def wrapper(self: "LookoutVisionBackend", client_token: str | None = None, **params: Any) -> dict[str, Any]:
            def mismatch() -> Exception:
                return ConflictException(
                    f"The client token {client_token} was already used for a {method.__name__} request with other parameters.",
                    resource_id(params),
                    resource_type,
                )

            return self.tokens.run(method.__name__, client_token, params, lambda: method(self, **params), mismatch)

        return wrapper

    return decorate


class LookoutVisionBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.projects: dict[str, Project] = {}
        self.tokens = IdempotencyCache()
        self.quotas = Quotas()
        self.detection_results: dict[tuple[str, str], dict[str, Any]] = {}

    # --- test-time helpers ------------------------------------------------------------------------
    def set_detection_result(self, project_name: str, model_version: str | int, result: dict[str, Any] | None) -> None:
        """What DetectAnomalies answers for one model (None: back to the hash-derived answer).

        ``result`` holds members of DetectAnomalyResult (IsAnomalous, Confidence, Anomalies,
        AnomalyMask); they replace the derived ones, Source stays ``{"Type": "direct"}``.
        """
        key = (project_name, str(model_version))
        if result is None:
            self.detection_results.pop(key, None)
            return
        members = set(get_service_model("lookoutvision").shape_for("DetectAnomalyResult").members)
        unknown = set(result) - members
        if unknown:
            raise ValueError(f"not members of DetectAnomalyResult: {sorted(unknown)}; members: {sorted(members)}")
        self.detection_results[key] = dict(result)

    # --- lookups ----------------------------------------------------------------------------------
    def _project(self, name: str) -> Project:
        if not PROJECT_NAME.fullmatch(name):
            raise ValidationException(f"The project name {name!r} is not valid.")
        project = self.projects.get(name)
        if project is None:
            raise ResourceNotFoundException(f"The project {name} does not exist.", name, "PROJECT")
        return project

    def _dataset(self, project: Project, dataset_type: str) -> Dataset:
        self._check_dataset_type(dataset_type)
        dataset = project.datasets.get(dataset_type)
        if dataset is not None and dataset.status == DATASET_GONE:
            del project.datasets[dataset_type]
            dataset = None
        if dataset is None:
            raise ResourceNotFoundException(
                f"The {dataset_type} dataset of project {project.name} does not exist.", dataset_type, "DATASET"
            )
        return dataset

    @staticmethod
    def _check_dataset_type(dataset_type: str) -> None:
        if dataset_type not in DATASET_TYPES:
            raise ValidationException(f"The dataset type {dataset_type!r} is not one of train, test.")

    def _live_datasets(self, project: Project) -> list[Dataset]:
        for dataset_type in list(project.datasets):
            if project.datasets[dataset_type].status == DATASET_GONE:
                del project.datasets[dataset_type]
        return [project.datasets[t] for t in DATASET_TYPES if t in project.datasets]

    def _model(self, project: Project, version: str) -> Model:
        if not MODEL_VERSION.fullmatch(version):
            raise ValidationException(f"The model version {version!r} is not valid.")
        self._purge_models(project)
        model = project.newest_model() if version == "latest" else project.models.get(version)
        if model is None:
            raise ResourceNotFoundException(
                f"Model version {version} of project {project.name} does not exist.", version, "MODEL"
            )
        return model

    @staticmethod
    def _purge_models(project: Project) -> None:
        for version in list(project.models):
            if project.models[version].lifecycle.status == MODEL_GONE:
                del project.models[version]

    def _observed_model(self, project: Project, version: str) -> Model:
        model = self._model(project, version)
        if model.observe() == MODEL_GONE:
            del project.models[model.version]
            raise ResourceNotFoundException(
                f"Model version {version} of project {project.name} does not exist.", version, "MODEL"
            )
        return model

    def _quota(self, name: str, message: str, resource_id: str | None = None, resource_type: str | None = None) -> Exception:
        return ServiceQuotaExceededException(message, QUOTA_CODES[name], resource_id, resource_type)

    # --- projects ---------------------------------------------------------------------------------
    @idempotent("PROJECT", lambda p: p["project_name"])
    def create_project(self, project_name: str) -> dict[str, Any]:
        if not PROJECT_NAME.fullmatch(project_name):
            raise ValidationException(f"The project name {project_name!r} is not valid.")
        if project_name in self.projects:
            raise ConflictException(f"A project named {project_name} already exists.", project_name, "PROJECT")
        if len(self.projects) >= self.quotas.projects:
            raise self._quota("projects", f"You have reached the quota of {self.quotas.projects} projects.")
        project = Project(self, project_name)
        self.projects[project_name] = project
        return {"ProjectMetadata": project.metadata()}

    def describe_project(self, project_name: str) -> dict[str, Any]:
        project = self._project(project_name)
        datasets = []
        for dataset in self._live_datasets(project):
            if dataset.observe() == DATASET_GONE:
                del project.datasets[dataset.dataset_type]
                continue
            datasets.append(dataset.metadata())
        return {"ProjectDescription": {**project.metadata(), "Datasets": datasets}}

    def list_projects(self, next_token: str | None, max_results: int | None) -> dict[str, Any]:
        projects = sorted(self.projects.values(), key=lambda p: p.name)
        page, token = paginate(projects, next_token, max_results, default_size=100, invalid=ValidationException)
        return {"Projects": [p.metadata() for p in page], "NextToken": token}

    @idempotent("PROJECT", lambda p: p["project_name"])
    def delete_project(self, project_name: str) -> dict[str, Any]:
        project = self._project(project_name)
        self._purge_models(project)
        # models in DELETING and datasets in DELETE_IN_PROGRESS still exist until a read finds them gone
        if project.models:
            raise ConflictException(
                f"The project {project_name} still has models; delete them first.", project_name, "PROJECT"
            )
        if self._live_datasets(project):
            raise ConflictException(
                f"The project {project_name} still has datasets; delete them first.", project_name, "PROJECT"
            )
        del self.projects[project_name]
        return {"ProjectArn": project.arn}

    # --- datasets ---------------------------------------------------------------------------------
    @idempotent("DATASET", lambda p: p["dataset_type"])
    def create_dataset(self, project_name: str, dataset_type: str, dataset_source: dict[str, Any] | None) -> dict[str, Any]:
        project = self._project(project_name)
        self._check_dataset_type(dataset_type)
        if dataset_type in {d.dataset_type for d in self._live_datasets(project)}:
            raise ConflictException(
                f"The project {project_name} already has a {dataset_type} dataset.", dataset_type, "DATASET"
            )
        entries: list[Entry] | None = None
        failure = None
        manifest = (dataset_source or {}).get("GroundTruthManifest")
        if dataset_source and manifest is None:
            raise ValidationException("DatasetSource needs a GroundTruthManifest.")
        if manifest is not None:
            s3_object = manifest.get("S3Object")
            if not s3_object:
                raise ValidationException("GroundTruthManifest needs an S3Object.")
            body = self._read_manifest(s3_object)
            added = _now()
            try:
                entries = [Entry(line, obj, added) for line, obj in parse_entries(body, "manifest file")]
            except ValueError as error:
                # the content is checked while the dataset is created: the import fails, the call does not
                entries, failure = [], str(error)
        dataset = Dataset(project, dataset_type, entries, failure)
        project.datasets[dataset_type] = dataset
        return {"DatasetMetadata": dataset.metadata()}

    def _read_manifest(self, s3_object: dict[str, Any]) -> bytes:
        """The manifest's bytes from moto's S3.

        Choice: a missing bucket, object or version is a ValidationException of CreateDataset
        (nothing is created), so the caller learns at once that the location is wrong.
        """
        from moto.s3.models import s3_backends

        bucket, key, version = s3_object["Bucket"], s3_object["Key"], s3_object.get("VersionId")
        s3 = s3_backends[self.account_id][self.partition]
        try:
            found = s3.get_object(bucket, key, version_id=version)
        except Exception:  # moto's MissingBucket and cross-account access errors
            found = None
            if bucket not in s3.buckets:
                raise ValidationException(f"The manifest bucket {bucket} does not exist or is not accessible.") from None
        if found is None:
            where = f"s3://{bucket}/{key}" + (f" (version {version})" if version else "")
            raise ValidationException(f"The manifest file {where} does not exist.")
        return bytes(found.value)

    def describe_dataset(self, project_name: str, dataset_type: str) -> dict[str, Any]:
        project = self._project(project_name)
        dataset = self._dataset(project, dataset_type)
        if dataset.observe() == DATASET_GONE:
            del project.datasets[dataset_type]
            raise ResourceNotFoundException(
                f"The {dataset_type} dataset of project {project_name} does not exist.", dataset_type, "DATASET"
            )
        return {"DatasetDescription": dataset.description()}

    @idempotent("DATASET", lambda p: p["dataset_type"])
    def delete_dataset(self, project_name: str, dataset_type: str) -> dict[str, Any]:
        project = self._project(project_name)
        dataset = self._dataset(project, dataset_type)
        if dataset.status in DATASET_BUSY:
            raise ConflictException(
                f"The {dataset_type} dataset is {dataset.status}; it cannot be deleted now.", dataset_type, "DATASET"
            )
        self._purge_models(project)
        # [UNVERIFIED] a training run reads the datasets: they stay until it ends
        if any(m.status == "TRAINING" for m in project.models.values()):
            raise ConflictException(
                f"A model of project {project_name} is training; the dataset cannot be deleted now.", dataset_type, "DATASET"
            )
        dataset.lifecycle.begin("DELETE_IN_PROGRESS")
        return {}

    def list_dataset_entries(
        self,
        project_name: str,
        dataset_type: str,
        labeled: bool | None,
        anomaly_class: str | None,
        before: datetime | None,
        after: datetime | None,
        source_ref_contains: str | None,
        next_token: str | None,
        max_results: int | None,
    ) -> dict[str, Any]:
        project = self._project(project_name)
        dataset = self._dataset(project, dataset_type)
        if anomaly_class is not None and anomaly_class not in ("normal", "anomaly"):
            raise ValidationException(f"The anomaly class {anomaly_class!r} is not one of normal, anomaly.")
        before = _utc(before) if before else None
        after = _utc(after) if after else None
        entries = [
            e
            for e in dataset.entries.values()
            if (labeled is None or e.labeled == labeled)
            and (anomaly_class is None or e.label == anomaly_class)
            # the entry's date is its label's creation-date, or when it joined the dataset
            and (before is None or e.created < before)
            and (after is None or e.created > after)
            and (source_ref_contains is None or source_ref_contains in e.source_ref)
        ]
        scope = [project_name, dataset_type, labeled, anomaly_class, before, after, source_ref_contains]
        page, token = paginate(entries, next_token, max_results, default_size=100, invalid=ValidationException, scope=scope)
        return {"DatasetEntries": [e.line for e in page], "NextToken": token}

    @idempotent("DATASET", lambda p: p["dataset_type"])
    def update_dataset_entries(self, project_name: str, dataset_type: str, changes: bytes) -> dict[str, Any]:
        project = self._project(project_name)
        dataset = self._dataset(project, dataset_type)
        status = dataset.status
        if status in DATASET_BUSY or status in ("CREATE_FAILED", "DELETE_FAILED"):
            raise ConflictException(
                f"The {dataset_type} dataset is {status}; its entries cannot be updated now.", dataset_type, "DATASET"
            )
        try:
            parsed = parse_entries(changes, "Changes")
        except ValueError as error:
            raise ValidationException(str(error)) from None
        added = _now()
        dataset.pending = [Entry(line, obj, added) for line, obj in parsed]
        dataset.lifecycle.begin("UPDATE_IN_PROGRESS")
        return {"Status": dataset.status}

    # --- models -----------------------------------------------------------------------------------
    @idempotent("MODEL", lambda p: p["project_name"])
    def create_model(
        self,
        project_name: str,
        description: str | None,
        output_config: dict[str, Any],
        kms_key_id: str | None,
        tags: list[dict[str, str]] | None,
    ) -> dict[str, Any]:
        project = self._project(project_name)
        tag_map = self._checked_tags(tags or [], {}, project_name, "MODEL")
        datasets = {d.dataset_type: d for d in self._live_datasets(project)}
        if "train" not in datasets:
            # Choice: a project without a training dataset is a bad request (ValidationException),
            # not a conflict with some resource's state.
            raise ValidationException(f"The project {project_name} has no train dataset to train a model with.")
        for dataset in datasets.values():
            status = dataset.status
            if status in DATASET_BUSY:
                raise ConflictException(
                    f"The {dataset.dataset_type} dataset is {status}; wait until it completes.",
                    dataset.dataset_type,
                    "DATASET",
                )
            if status not in DATASET_READY:
                raise ValidationException(f"The {dataset.dataset_type} dataset is {status} and cannot be used for training.")
        project.versions_made += 1
        model = Model(self, project, str(project.versions_made), description, kms_key_id, output_config, tag_map)
        project.models[model.version] = model
        return {"ModelMetadata": model.metadata()}

    def write_evaluation(self, model: Model) -> None:
        """Put the evaluation files where DescribeModel says they are, if that bucket exists in moto's S3
        (the mock does not require the output bucket; a real training run would write there)."""
        from moto.s3.models import s3_backends

        s3 = s3_backends[self.account_id][self.partition]
        bucket = model.output_config["S3Location"]["Bucket"]
        if bucket not in s3.buckets:
            return
        summary = {"model": model.arn, "performance": model.performance}
        assert model.evaluation_manifest and model.evaluation_result
        s3.put_object(bucket, model.evaluation_manifest["Key"], json.dumps({"evaluation": model.arn}).encode())
        s3.put_object(bucket, model.evaluation_result["Key"], json.dumps(summary).encode())

    def describe_model(self, project_name: str, model_version: str) -> dict[str, Any]:
        project = self._project(project_name)
        model = self._observed_model(project, model_version)
        return {"ModelDescription": model.description()}

    def list_models(self, project_name: str, next_token: str | None, max_results: int | None) -> dict[str, Any]:
        project = self._project(project_name)
        self._purge_models(project)
        models = []
        for version in sorted(project.models, key=int):
            model = project.models[version]
            if model.observe() == MODEL_GONE:
                del project.models[version]
                continue
            models.append(model)
        page, token = paginate(models, next_token, max_results, default_size=100, invalid=ValidationException, scope=project_name)
        return {"Models": [m.metadata() for m in page], "NextToken": token}

    @idempotent("MODEL", lambda p: p["model_version"])
    def delete_model(self, project_name: str, model_version: str) -> dict[str, Any]:
        project = self._project(project_name)
        model = self._model(project, model_version)
        status = model.status
        if status not in ("TRAINED", "TRAINING_FAILED", "HOSTING_FAILED"):
            raise ConflictException(
                f"Model version {model.version} is {status}; stop it or wait until it settles before deleting it.",
                model.version,
                "MODEL",
            )
        model.lifecycle.begin("DELETING")
        return {"ModelArn": model.arn}

    @idempotent("MODEL", lambda p: p["model_version"])
    def start_model(
        self, project_name: str, model_version: str, min_inference_units: int, max_inference_units: int | None
    ) -> dict[str, Any]:
        project = self._project(project_name)
        model = self._model(project, model_version)
        if min_inference_units < 1:
            raise ValidationException("MinInferenceUnits must be at least 1.")
        if max_inference_units is not None and max_inference_units < min_inference_units:
            raise ValidationException("MaxInferenceUnits must not be less than MinInferenceUnits.")
        status = model.status
        # a model whose hosting failed may be started again
        if status not in ("TRAINED", "HOSTING_FAILED"):
            raise ConflictException(
                f"Model version {model.version} is {status}; only a TRAINED model can be started.", model.version, "MODEL"
            )
        wanted = max_inference_units or min_inference_units
        running = sum(
            (m.max_units or m.min_units or 0)
            for p in self.projects.values()
            for m in p.models.values()
            if m is not model and m.status in HOSTING_STATUSES
        )
        if running + wanted > self.quotas.inference_units:
            raise self._quota(
                "inference_units",
                f"Starting this model needs {wanted} inference units; {running} of the quota of "
                f"{self.quotas.inference_units} are in use.",
                model.version,
                "MODEL",
            )
        model.min_units, model.max_units = min_inference_units, max_inference_units
        model.lifecycle.begin("STARTING_HOSTING")
        return {"Status": model.status}

    @idempotent("MODEL", lambda p: p["model_version"])
    def stop_model(self, project_name: str, model_version: str) -> dict[str, Any]:
        project = self._project(project_name)
        model = self._model(project, model_version)
        status = model.status
        if status != "HOSTED":
            raise ConflictException(
                f"Model version {model.version} is {status}; only a HOSTED model can be stopped.", model.version, "MODEL"
            )
        model.lifecycle.begin("STOPPING_HOSTING")
        return {"Status": model.status}

    def detect_anomalies(self, project_name: str, model_version: str, body: bytes, content_type: str) -> dict[str, Any]:
        magic = IMAGE_MAGIC.get(content_type)
        if magic is None:
            raise ValidationException(f"The content type {content_type!r} is not supported: use image/jpeg or image/png.")
        # Choice: the service decodes the image, so bytes that are not of the declared type fail
        # validation; the mock checks the format's signature (magic bytes) only.
        if not body.startswith(magic):
            raise ValidationException(f"The image is not a valid {content_type.split('/')[1].upper()} image.")
        project = self._project(project_name)
        model = self._model(project, model_version)
        status = model.status
        if status != "HOSTED":
            raise ConflictException(
                f"Model version {model.version} is {status}; start it before detecting anomalies.", model.version, "MODEL"
            )
        digest = hashlib.sha256(body).digest()
        result: dict[str, Any] = {
            "Source": {"Type": "direct"},
            "IsAnomalous": digest[0] % 2 == 1,
            "Confidence": _fraction(digest, 1, 0.5, 1.0),
        }
        result.update(self.detection_results.get((project.name, model.version), {}))
        result["Source"] = {"Type": "direct"}
        return {"DetectAnomalyResult": result}

    # --- model packaging jobs ---------------------------------------------------------------------
    @idempotent("MODEL_PACKAGE_JOB", lambda p: p.get("job_name") or p["project_name"])
    def start_model_packaging_job(
        self,
        project_name: str,
        model_version: str,
        job_name: str | None,
        configuration: dict[str, Any],
        description: str | None,
    ) -> dict[str, Any]:
        project = self._project(project_name)
        model = self._model(project, model_version)
        if job_name is not None and not JOB_NAME.fullmatch(job_name):
            raise ValidationException(f"The job name {job_name!r} is not valid.")
        greengrass = configuration["Greengrass"]
        component_version = self._check_greengrass(greengrass, model)
        status = model.status
        if status not in TRAINED_STATUSES:
            raise ConflictException(
                f"Model version {model.version} is {status}; only a trained model can be packaged.", model.version, "MODEL"
            )
        if job_name is not None and job_name in project.jobs:
            raise ConflictException(
                f"A model packaging job named {job_name} already exists.", job_name, "MODEL_PACKAGE_JOB"
            )
        # [UNVERIFIED] the developer guide: a component name and version can't be used twice;
        # the mock refuses a second job that would make the same component.
        for other_project in self.projects.values():
            for job in other_project.jobs.values():
                if (
                    job.component_name == greengrass["ComponentName"]
                    and job.component_version == component_version
                    and job.status != "FAILED"
                ):
                    raise ConflictException(
                        f"The component {job.component_name} version {component_version} already exists.",
                        job.name,
                        "MODEL_PACKAGE_JOB",
                    )
        name = job_name or str(random.uuid4())
        job = PackagingJob(self, project, name, model.version, configuration, description, component_version)
        project.jobs[name] = job
        return {"JobName": name}

    def _check_greengrass(self, greengrass: dict[str, Any], model: Model) -> str:
        """The configuration rules of the developer guide ("Package settings"); returns the component version."""
        if not COMPONENT_NAME.fullmatch(greengrass["ComponentName"]):
            raise ValidationException(f"The component name {greengrass['ComponentName']!r} is not valid.")
        device, platform = greengrass.get("TargetDevice"), greengrass.get("TargetPlatform")
        if (device is None) == (platform is None):
            raise ValidationException("Specify either TargetDevice or TargetPlatform, not both and not neither.")
        options = greengrass.get("CompilerOptions")
        if device is not None and options is not None:
            raise ValidationException("Don't specify CompilerOptions with a TargetDevice.")
        if platform is not None and platform.get("Accelerator") == "NVIDIA":
            try:
                parsed = json.loads(options) if options else None
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict) or not {"gpu-code", "trt-ver", "cuda-ver"} <= set(parsed):
                raise ValidationException(
                    "A target platform with an NVIDIA accelerator needs CompilerOptions with gpu-code, trt-ver and cuda-ver."
                )
        version = greengrass.get("ComponentVersion")
        if version is None:
            # the guide: without a value, a version is generated from the model's version number
            return f"{model.version}.0.0"
        if not COMPONENT_VERSION.fullmatch(version):
            raise ValidationException(f"The component version {version!r} is not major.minor.patch.")
        return version

    def describe_model_packaging_job(self, project_name: str, job_name: str) -> dict[str, Any]:
        project = self._project(project_name)
        job = project.jobs.get(job_name)
        if job is None:
            raise ResourceNotFoundException(
                f"The model packaging job {job_name} does not exist.", job_name, "MODEL_PACKAGE_JOB"
            )
        job.observe()
        return {"ModelPackagingDescription": job.description()}

    def list_model_packaging_jobs(self, project_name: str, next_token: str | None, max_results: int | None) -> dict[str, Any]:
        project = self._project(project_name)
        page, token = paginate(
            list(project.jobs.values()), next_token, max_results, default_size=100, invalid=ValidationException, scope=project_name
        )
        for job in page:
            job.observe()
        return {"ModelPackagingJobs": [j.metadata() for j in page], "NextToken": token}

    # --- tags -------------------------------------------------------------------------------------
    def _tagged(self, arn: str) -> tuple[dict[str, str], Project | Model, str]:
        match = ARN.fullmatch(arn)
        if not match:
            raise ValidationException(f"{arn} is not a Lookout for Vision project or model ARN.")
        partition, region, account, kind, rest = match.groups()
        known = partition == self.partition and region == self.region_name and account == self.account_id
        if kind == "project":
            project = self.projects.get(rest) if known else None
            if project is None:
                raise ResourceNotFoundException(f"The resource {arn} does not exist.", arn, "PROJECT")
            return project.tags, project, "PROJECT"
        project_name, _, version = rest.rpartition("/")
        project = self.projects.get(project_name) if known else None
        model = None
        if project is not None:
            self._purge_models(project)
            model = project.models.get(version)
        if model is None:
            raise ResourceNotFoundException(f"The resource {arn} does not exist.", arn, "MODEL")
        return model.tags, model, "MODEL"

    def _checked_tags(
        self, tags: list[dict[str, str]], existing: dict[str, str], resource_id: str, resource_type: str
    ) -> dict[str, str]:
        merged = dict(existing)
        for tag in tags:
            if tag["Key"].lower().startswith("aws:"):
                raise ValidationException(f"Tag keys starting with aws: are reserved: {tag['Key']}.")
            merged[tag["Key"]] = tag["Value"]
        # Choice: more than 200 tags on one resource is a quota (ServiceQuotaExceededException,
        # which TagResource and CreateModel model); one request of more than 200 fails validation.
        if len(merged) > self.quotas.tags_per_resource:
            raise self._quota(
                "tags_per_resource",
                f"A resource can have at most {self.quotas.tags_per_resource} tags.",
                resource_id,
                resource_type,
            )
        return merged

    def tag_resource(self, resource_arn: str, tags: list[dict[str, str]]) -> dict[str, Any]:
        current, _, resource_type = self._tagged(resource_arn)
        merged = self._checked_tags(tags, current, resource_arn, resource_type)
        current.clear()
        current.update(merged)
        return {}

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> dict[str, Any]:
        current, _, _ = self._tagged(resource_arn)
        for key in tag_keys:
            if key.lower().startswith("aws:"):
                raise ValidationException(f"Tag keys starting with aws: are reserved: {key}.")
        for key in tag_keys:
            current.pop(key, None)
        return {}

    def list_tags_for_resource(self, resource_arn: str) -> dict[str, Any]:
        current, _, _ = self._tagged(resource_arn)
        return {"Tags": [{"Key": k, "Value": v} for k, v in current.items()]}


lookoutvision_backends = BackendDict(LookoutVisionBackend, "lookoutvision", use_boto3_regions=False, additional_regions=REGIONS)
