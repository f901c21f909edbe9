"""Rekognition Custom Labels: projects, datasets, model versions, project policies, tags.

The rules of the service live here; HTTP lives in responses.py. Statuses move through the
foundation's lifecycles (moto_ext.core.lifecycle), one kind per resource type:

- ``rekognition.project``: CREATING -> CREATED; DeleteProject: DELETING -> gone.
- ``rekognition.project_version``: TRAINING_IN_PROGRESS -> TRAINING_COMPLETED | TRAINING_FAILED;
  STARTING -> RUNNING | FAILED; STOPPING -> STOPPED; COPYING_IN_PROGRESS -> COPYING_COMPLETED |
  COPYING_FAILED; DELETING -> gone.
- ``rekognition.dataset``: CREATE_IN_PROGRESS -> CREATE_COMPLETE | CREATE_FAILED;
  UPDATE_IN_PROGRESS -> UPDATE_COMPLETE | UPDATE_FAILED; DELETE_IN_PROGRESS -> gone.

Reads that report a resource (DescribeProjects, DescribeProjectVersions, DescribeDataset,
ListDatasetEntries, ListDatasetLabels) move it; preconditions look at the status without moving
it. A dataset change (a manifest, UpdateDatasetEntries, DistributeDatasetEntries) takes effect
when the dataset's status settles in *_COMPLETE and is dropped if it settles in *_FAILED.
"""

import base64
import dataclasses
import hashlib
import re
import time
import unicodedata
from datetime import datetime, timezone
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import get_service_model
from moto.moto_api._internal import mock_random

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import paginate
from moto_ext.core.shapes import problems

from . import manifests, policies
from .exceptions import (
    AccessDeniedException,
    InvalidImageFormatException,
    InvalidPaginationTokenException,
    InvalidParameterException,
    InvalidPolicyRevisionIdException,
    InvalidS3ObjectException,
    MalformedPolicyDocumentException,
    ResourceAlreadyExistsException,
    ResourceInUseException,
    ResourceNotFoundException,
    ResourceNotReadyException,
    ServiceQuotaExceededException,
)
from .manifests import Entry

_MODEL = get_service_model("rekognition")


def _enum(shape_name: str) -> list[str]:
    return list(_MODEL.shape_for(shape_name).enum)


#: a resource whose deletion has finished: it is removed the moment a read sees this status
GONE = "DELETED"

PROJECT_KIND = LifecycleKind(
    "rekognition.project",
    steps={"CREATING": "CREATED", "DELETING": GONE},
    statuses=_enum("ProjectStatus"),
)
VERSION_KIND = LifecycleKind(
    "rekognition.project_version",
    steps={
        "TRAINING_IN_PROGRESS": "TRAINING_COMPLETED",
        "STARTING": "RUNNING",
        "STOPPING": "STOPPED",
        "COPYING_IN_PROGRESS": "COPYING_COMPLETED",
        "DELETING": GONE,
    },
    failures={
        "TRAINING_IN_PROGRESS": "TRAINING_FAILED",
        "STARTING": "FAILED",
        "COPYING_IN_PROGRESS": "COPYING_FAILED",
    },
    statuses=_enum("ProjectVersionStatus"),
)
DATASET_KIND = LifecycleKind(
    "rekognition.dataset",
    steps={"CREATE_IN_PROGRESS": "CREATE_COMPLETE", "UPDATE_IN_PROGRESS": "UPDATE_COMPLETE", "DELETE_IN_PROGRESS": GONE},
    failures={"CREATE_IN_PROGRESS": "CREATE_FAILED", "UPDATE_IN_PROGRESS": "UPDATE_FAILED"},
    statuses=_enum("DatasetStatus"),
)

CUSTOM_LABELS = "CUSTOM_LABELS"
CONTENT_MODERATION = "CONTENT_MODERATION"
# The content moderation model adapters are trained on ([UNVERIFIED]: the version DetectModerationLabels reports today).
CONTENT_MODERATION_BASE_MODEL = "7.0"

# statuses in which a version holds a trained model (it can be started or copied)
TRAINED = {"TRAINING_COMPLETED", "STARTING", "RUNNING", "FAILED", "STOPPING", "STOPPED", "COPYING_COMPLETED"}
STARTABLE = {"TRAINING_COMPLETED", "STOPPED", "COPYING_COMPLETED", "FAILED"}
# DeleteProjectVersion: "You can't delete a model if it is running or if it is training"; nor mid-start/stop/copy.
UNDELETABLE = {"TRAINING_IN_PROGRESS", "STARTING", "RUNNING", "STOPPING", "COPYING_IN_PROGRESS"}
# datasets whose entries can be read, trained on, updated or split
SETTLED_DATASET = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_FAILED"}

VERSION_MESSAGES = {
    "TRAINING_IN_PROGRESS": "The model is being trained.",
    "TRAINING_COMPLETED": "The model is ready to run.",
    "TRAINING_FAILED": "The model training failed.",
    "STARTING": "The model is starting.",
    "RUNNING": "The model is running.",
    "FAILED": "The model failed to start.",
    "STOPPING": "The model is being stopped.",
    "STOPPED": "The model is ready to run.",
    "DELETING": "The model is being deleted.",
    "COPYING_IN_PROGRESS": "The model is being copied.",
    "COPYING_COMPLETED": "The model is ready to run.",
    "COPYING_FAILED": "The model copy failed.",
    "DEPRECATED": "The model is deprecated.",
    "EXPIRED": "The model has expired.",
}

# DetectCustomLabels without MinConfidence applies each label's "assumed threshold";
# moto_ext assumes 50 for every label ([UNVERIFIED]: the real threshold comes from training).
ASSUMED_THRESHOLD = 50.0
MAX_TAGS = 200
MAX_POLICIES = 5  # project policies per project (Rekognition quotas)
DISTRIBUTE_SHARE = 0.2  # DistributeDatasetEntries moves 20% of the training entries

_ARN = re.compile(r"^arn:(?P<partition>[a-z\d-]+):rekognition:(?P<region>[a-z\d-]+):(?P<account>\d{12}):(?P<resource>.+)$")


def _tags_problem(tags: dict[str, str]) -> str | None:
    """TagKey/TagValue use \\p{..} classes Python's re cannot read: check them here."""

    def allowed(text: str) -> bool:
        return all(unicodedata.category(ch)[0] in "LZN" or ch in "_.:/=+-@" for ch in text)

    for key, value in tags.items():
        if key.lower().startswith("aws:"):
            return f"Tag key {key!r}: the aws: prefix is reserved."
        if not allowed(key) or not allowed(value):
            return f"Tag {key!r}: keys and values may hold letters, digits, spaces and _.:/=+-@ only."
    return None


class Project:
    def __init__(self, backend: "CustomLabelsBackend", name: str, feature: str, auto_update: str | None, tags: dict) -> None:
        millis, self.created = backend.stamp()
        self.name = name
        self.arn = f"arn:{backend.partition}:rekognition:{backend.region_name}:{backend.account_id}:project/{name}/{millis}"
        self.feature = feature
        self.auto_update = auto_update
        self.tags = dict(tags)
        self.versions: dict[str, ProjectVersion] = {}
        self.datasets: dict[str, Dataset] = {}
        self.policies: dict[str, ProjectPolicy] = {}
        self.lifecycle = Lifecycle(PROJECT_KIND, "CREATING", ids=[self.arn])

    @property
    def status(self) -> str:
        return self.lifecycle.status

    def description(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ProjectArn": self.arn,
            "CreationTimestamp": self.created,
            "Status": self.status,
            "Datasets": [d.metadata() for d in self.datasets.values()],
            "Feature": self.feature,
        }
        if self.auto_update:
            result["AutoUpdate"] = self.auto_update
        return result


@dataclasses.dataclass
class DatasetChange:
    """A change that takes effect when the dataset's status settles."""

    replace: list[Entry] | None = None  # the dataset's new content (CreateDataset)
    upsert: list[Entry] = dataclasses.field(default_factory=list)
    remove: set[str] = dataclasses.field(default_factory=set)  # source-refs
    failure: str | None = None  # the change cannot succeed: it settles in *_FAILED with this message


class Dataset:
    def __init__(self, backend: "CustomLabelsBackend", project: Project, dataset_type: str, tags: dict) -> None:
        millis, self.created = backend.stamp()
        self.project = project
        self.dataset_type = dataset_type
        self.arn = f"{project.arn.rsplit('/', 1)[0]}/dataset/{dataset_type.lower()}/{millis}"
        self.updated = self.created
        self.tags = dict(tags)
        self.entries: dict[str, Entry] = {}  # by source-ref, in order of arrival
        self.pending: DatasetChange | None = None
        self.message = "The dataset is being created."
        self.message_code: str | None = None
        self.lifecycle = Lifecycle(DATASET_KIND, "CREATE_IN_PROGRESS", ids=[self.arn])

    @property
    def status(self) -> str:
        self.sync()
        return self.lifecycle.status

    def begin(self, status: str, change: DatasetChange | None, message: str) -> None:
        self.pending = change
        self.message, self.message_code = message, None
        self.lifecycle.begin(status)

    def on_step(self, before: str, after: str) -> None:
        """A read moved the status: a change known to fail settles in the failure status."""
        if self.pending is not None and self.pending.failure and after in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
            self.lifecycle.force(DATASET_KIND.failures[before])

    def sync(self) -> None:
        status = self.lifecycle.status
        if self.pending is None or DATASET_KIND.in_progress(status):
            return
        change, self.pending = self.pending, None
        if status in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
            if change.replace is not None:
                self.entries = {e.source_ref: e for e in change.replace}
            for source_ref in change.remove:
                self.entries.pop(source_ref, None)
            for entry in change.upsert:
                self.entries[entry.source_ref] = entry
            self.updated = datetime.now(timezone.utc)
            self.message = "The dataset was successfully created." if status == "CREATE_COMPLETE" else "The dataset was successfully updated."
            self.message_code = "SUCCESS"
        elif status in ("CREATE_FAILED", "UPDATE_FAILED"):
            if change.failure:
                self.message, self.message_code = change.failure, "CLIENT_ERROR"
            else:
                verb = "created" if status == "CREATE_FAILED" else "updated"
                self.message, self.message_code = f"The dataset could not be {verb}.", "SERVICE_ERROR"

    def metadata(self) -> dict[str, Any]:
        result = {
            "CreationTimestamp": self.created,
            "DatasetType": self.dataset_type,
            "DatasetArn": self.arn,
            "Status": self.status,
            "StatusMessage": self.message,
        }
        if self.message_code:
            result["StatusMessageCode"] = self.message_code
        return result

    def labels(self) -> dict[str, tuple[int, int]]:
        """label -> (entries with it, bounding boxes of it)."""
        found: dict[str, tuple[int, int]] = {}
        for entry in self.entries.values():
            for name, boxes in entry.labels.items():
                count, total = found.get(name, (0, 0))
                found[name] = (count + 1, total + boxes)
        return found

    def description(self) -> dict[str, Any]:
        status = self.status
        entries = list(self.entries.values())
        result = {
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.updated,
            "Status": status,
            "StatusMessage": self.message,
            "DatasetStats": {
                "LabeledEntries": sum(1 for e in entries if e.labeled),
                "TotalEntries": len(entries),
                "TotalLabels": len(self.labels()),
                "ErrorEntries": sum(1 for e in entries if e.errors),
            },
        }
        if self.message_code:
            result["StatusMessageCode"] = self.message_code
        return result


def _asset(bucket: str, name: str) -> dict[str, Any]:
    return {"GroundTruthManifest": {"S3Object": {"Bucket": bucket, "Name": name}}}


class ProjectVersion:
    def __init__(
        self,
        backend: "CustomLabelsBackend",
        project: Project,
        name: str,
        output_config: dict,
        tags: dict,
        kms_key_id: str | None,
        description: str | None,
        feature_config: dict | None,
        status: str,
    ) -> None:
        millis, self.created = backend.stamp()
        self.project = project
        self.name = name
        self.arn = f"{project.arn.rsplit('/', 1)[0]}/version/{name}/{millis}"
        self.output_config = dict(output_config)
        self.tags = dict(tags)
        self.kms_key_id = kms_key_id
        self.version_description = description
        self.feature = project.feature
        self.feature_config = feature_config
        self.min_units: int | None = None
        self.max_units: int | None = None
        # label -> (training images with it, bounding boxes of it; 0 for an image-level label)
        self.labels: dict[str, tuple[int, int]] = {}
        self.detections: list[dict[str, Any]] | None = None  # set by a test: what the model detects
        self.training_failure: str | None = None  # known at creation: training will fail with this
        self.training_input: dict | None = None
        self.testing_input: dict | None = None
        self.entry_count = 0
        self.results: dict[str, Any] = {}  # TrainingDataResult ... once training has ended
        self.training_end: datetime | None = None
        self.source_arn: str | None = None
        self.lifecycle = Lifecycle(VERSION_KIND, status, ids=[self.arn])

    @property
    def status(self) -> str:
        self.sync()
        return self.lifecycle.status

    def on_step(self, before: str, after: str) -> None:
        if before == "TRAINING_IN_PROGRESS" and after == "TRAINING_COMPLETED" and self.training_failure:
            self.lifecycle.force("TRAINING_FAILED")

    def sync(self) -> None:
        """Record the end of training the first time the version is seen past it."""
        status = self.lifecycle.status
        if self.training_end is not None or self.source_arn is not None or status == "TRAINING_IN_PROGRESS":
            return
        self.training_end = datetime.now(timezone.utc)
        if status == "TRAINING_FAILED":
            return
        self.results = self._training_results()

    def _training_results(self) -> dict[str, Any]:
        bucket = self.output_config["S3Bucket"]
        base = f"{self.output_config.get('S3KeyPrefix', '')}{self.project.name}/{self.name}/"
        digest = int(hashlib.sha256(self.arn.encode()).hexdigest()[:8], 16)

        def data(kind: str, given: dict | None) -> dict[str, Any]:
            given = given or {"Assets": [_asset(bucket, f"{base}datasets/{kind}.manifest")]}
            output: dict[str, Any] = {"Assets": [_asset(bucket, f"{base}manifests/output/{kind}.manifest")]}
            if "AutoCreate" in given:
                output["AutoCreate"] = given["AutoCreate"]
            return {
                "Input": given,
                "Output": output,
                "Validation": {"Assets": [_asset(bucket, f"{base}manifests/validation/{kind}.manifest")]},
            }

        return {
            "TrainingDataResult": data("train", self.training_input),
            "TestingDataResult": data("test", self.testing_input),
            # deterministic, plausible figures
            "EvaluationResult": {
                "F1Score": round(0.85 + (digest % 1000) / 10000, 3),
                "Summary": {"S3Object": {"Bucket": bucket, "Name": f"{base}EvaluationResultSummary-{self.project.name}-{self.name}.json"}},
            },
            "ManifestSummary": {"S3Object": {"Bucket": bucket, "Name": f"{base}manifests/manifest_summary.json"}},
            "BillableTrainingTimeInSeconds": 1800 + 2 * self.entry_count,
        }

    def copy_from(self, source: "ProjectVersion") -> None:
        source.sync()
        self.source_arn = source.arn
        self.labels = dict(source.labels)
        self.detections = source.detections
        self.entry_count = source.entry_count
        self.training_end = source.training_end
        self.results = dict(source.results)

    def description(self) -> dict[str, Any]:
        status = self.status
        result: dict[str, Any] = {
            "ProjectVersionArn": self.arn,
            "CreationTimestamp": self.created,
            "Status": status,
            "StatusMessage": (self.training_failure if status == "TRAINING_FAILED" and self.training_failure else VERSION_MESSAGES.get(status, status)),
            "OutputConfig": self.output_config,
            "Feature": self.feature,
        }
        optional = {
            "MinInferenceUnits": self.min_units,
            "MaxInferenceUnits": self.max_units,
            "TrainingEndTimestamp": self.training_end,
            "KmsKeyId": self.kms_key_id,
            "VersionDescription": self.version_description,
            "SourceProjectVersionArn": self.source_arn,
            "FeatureConfig": self.feature_config,
        }
        result.update({k: v for k, v in optional.items() if v is not None})
        result.update(self.results)
        if self.feature == CONTENT_MODERATION:
            result["BaseModelVersion"] = CONTENT_MODERATION_BASE_MODEL
        return result

    def detected_labels(self) -> list[dict[str, Any]]:
        """What the model finds in an image: the test's setting, or an answer built from its labels.

        The default is one detection per training label, most frequent first, with confidences
        spread evenly from 99 down to 51 and a bounding box for the object detection labels.
        """
        if self.detections is not None:
            return [dict(d) for d in self.detections]
        names = sorted(self.labels, key=lambda n: (-self.labels[n][0], n))
        found = []
        for index, name in enumerate(names):
            label: dict[str, Any] = {"Name": name, "Confidence": round(99.0 - 48.0 * index / max(len(names) - 1, 1), 3)}
            if self.labels[name][1]:
                label["Geometry"] = {
                    "BoundingBox": {"Width": 0.3, "Height": 0.3, "Left": 0.05 + 0.1 * (index % 5), "Top": 0.05 + 0.1 * (index // 5 % 5)}
                }
            found.append(label)
        return found


class ProjectPolicy:
    def __init__(self, project: Project, name: str, document: str) -> None:
        self.project = project
        self.name = name
        self.document = document
        self.created = self.updated = datetime.now(timezone.utc)
        self.revision = mock_random.uuid4().hex

    def revise(self, document: str) -> None:
        self.document = document
        self.updated = datetime.now(timezone.utc)
        self.revision = mock_random.uuid4().hex

    def description(self) -> dict[str, Any]:
        return {
            "ProjectArn": self.project.arn,
            "PolicyName": self.name,
            "PolicyRevisionId": self.revision,
            "PolicyDocument": self.document,
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.updated,
        }


def _image_format_ok(data: bytes) -> bool:
    # Custom Labels accepts JPEG and PNG images
    return data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")


class CustomLabelsBackend(BaseBackend):
    """Rekognition Custom Labels for one account and region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.projects: dict[str, Project] = {}  # by ARN, in order of creation
        self._last_millis = 0

    def stamp(self) -> tuple[int, datetime]:
        """Creation time of a new resource: ARNs end with it in epoch milliseconds, unique here."""
        millis = max(int(time.time() * 1000), self._last_millis + 1)
        self._last_millis = millis
        return millis, datetime.fromtimestamp(millis / 1000, tz=timezone.utc)

    # --- finding things ---------------------------------------------------------------------
    def _project(self, arn: str) -> Project:
        project = self.projects.get(arn)
        if project is None:
            raise ResourceNotFoundException(f"The project {arn} does not exist.")
        return project

    def _version(self, arn: str) -> ProjectVersion:
        for project in self.projects.values():
            for version in project.versions.values():
                if version.arn == arn:
                    return version
        raise ResourceNotFoundException(f"The project version {arn} does not exist.")

    def _dataset(self, arn: str) -> Dataset:
        for project in self.projects.values():
            for dataset in project.datasets.values():
                if dataset.arn == arn:
                    return dataset
        raise ResourceNotFoundException(f"The dataset {arn} does not exist.")

    # --- reads move statuses ----------------------------------------------------------------
    def _observe_project(self, project: Project) -> bool:
        """Count a read of a project (and its datasets); False once its deletion has finished."""
        if project.lifecycle.observe() == GONE:
            self.projects.pop(project.arn, None)
            return False
        for dataset in list(project.datasets.values()):
            self._observe_dataset(dataset)
        return True

    def _observe_version(self, version: ProjectVersion) -> bool:
        before = version.lifecycle.status
        after = version.lifecycle.observe()
        if after != before:
            version.on_step(before, after)
        if version.lifecycle.status == GONE:
            version.project.versions.pop(version.name, None)
            return False
        version.sync()
        return True

    def _observe_dataset(self, dataset: Dataset) -> bool:
        before = dataset.lifecycle.status
        after = dataset.lifecycle.observe()
        if after != before:
            dataset.on_step(before, after)
        if dataset.lifecycle.status == GONE:
            dataset.project.datasets.pop(dataset.dataset_type, None)
            return False
        dataset.sync()
        return True

    # --- S3 ---------------------------------------------------------------------------------
    def read_s3_object(self, s3_object: dict[str, Any]) -> bytes:
        """An object of moto's S3, in this region, or InvalidS3ObjectException."""
        from moto.s3.models import s3_backends

        message = "Unable to get object metadata from S3. Check object key, region and/or access permissions."
        bucket_name, key_name = s3_object.get("Bucket"), s3_object.get("Name")
        if not bucket_name or not key_name:
            raise InvalidParameterException("An S3Object needs a Bucket and a Name.")
        s3 = s3_backends[self.account_id][self.partition]
        try:
            bucket = s3.get_bucket(bucket_name)
            key = s3.get_object(bucket_name, key_name, version_id=s3_object.get("Version"))
        except Exception:  # moto's MissingBucket, AccessDenied ...: the service says the same for all
            raise InvalidS3ObjectException(message) from None
        # Rekognition reads buckets of its own region only
        if key is None or getattr(bucket, "region_name", self.region_name) != self.region_name:
            raise InvalidS3ObjectException(message)
        return bytes(key.value)

    def _read_manifests(self, assets: list[dict]) -> tuple[list[Entry], str | None]:
        """Entries of the GroundTruth manifests of TrainingData/TestingData, or why training will fail."""
        entries: list[Entry] = []
        for asset in assets:
            s3_object = (asset.get("GroundTruthManifest") or {}).get("S3Object")
            if not s3_object:
                raise InvalidParameterException("Each asset needs a GroundTruthManifest with an S3Object.")
            location = f"s3://{s3_object.get('Bucket')}/{s3_object.get('Name')}"
            try:
                entries += manifests.parse_manifest(self.read_s3_object(s3_object).decode("utf-8"))
            except InvalidS3ObjectException:
                return [], f"The manifest file {location} could not be read."
            except (manifests.ManifestError, UnicodeDecodeError) as error:
                return [], f"The manifest file {location} is not valid: {error}"
        return entries, None

    # --- projects ---------------------------------------------------------------------------
    def create_project(self, name: str, feature: str | None, auto_update: str | None, tags: dict | None) -> Project:
        tags = tags or {}
        problem = _tags_problem(tags)
        if problem:
            raise InvalidParameterException(problem)
        feature = feature or CUSTOM_LABELS
        if auto_update and feature != CONTENT_MODERATION:
            raise InvalidParameterException("AutoUpdate applies to CONTENT_MODERATION projects only.")
        if feature == CONTENT_MODERATION:
            auto_update = auto_update or "DISABLED"
        if any(p.name == name for p in self.projects.values()):
            # [UNVERIFIED] error for a duplicate name: ResourceInUseException is the one modeled
            raise ResourceInUseException(f"A project named {name} already exists.")
        project = Project(self, name, feature, auto_update, tags)
        self.projects[project.arn] = project
        return project

    def describe_projects(
        self, names: list[str] | None, features: list[str] | None, next_token: str | None, max_results: int | None
    ) -> tuple[list[Project], str | None]:
        # "If no value is specified, CUSTOM_LABELS is used as a default."
        features = features or [CUSTOM_LABELS]
        # [UNVERIFIED] order: oldest first (creation order), stable across pages
        projects = [p for p in self.projects.values() if p.feature in features and (not names or p.name in names)]
        scope = {"op": "DescribeProjects", "names": sorted(names or []), "features": sorted(features)}
        page, token = paginate(projects, next_token, max_results, default_size=100, invalid=InvalidPaginationTokenException, scope=scope)
        return [p for p in page if self._observe_project(p)], token

    def delete_project(self, arn: str) -> str:
        project = self._project(arn)
        if project.versions:
            raise ResourceInUseException("The project has model versions. Delete them with DeleteProjectVersion first.")
        if project.status != "DELETING":
            project.lifecycle.begin("DELETING")
        return "DELETING"

    # --- model versions ---------------------------------------------------------------------
    def create_project_version(
        self,
        project_arn: str,
        name: str,
        output_config: dict,
        training_data: dict | None,
        testing_data: dict | None,
        tags: dict | None,
        kms_key_id: str | None,
        description: str | None,
        feature_config: dict | None,
    ) -> ProjectVersion:
        project = self._project(project_arn)
        if project.status == "DELETING":
            raise ResourceInUseException("The project is being deleted.")
        tags = tags or {}
        problem = _tags_problem(tags)
        if problem:
            raise InvalidParameterException(problem)
        if not output_config.get("S3Bucket"):
            raise InvalidParameterException("OutputConfig needs an S3Bucket for the training results.")
        if feature_config and project.feature != CONTENT_MODERATION:
            raise InvalidParameterException("FeatureConfig applies to CONTENT_MODERATION projects only.")
        if name in project.versions:
            raise ResourceInUseException(f"A version named {name} already exists in the project.")

        failure = None
        if training_data is not None or testing_data is not None:
            # "If you specify TrainingData you must also specify TestingData. The project must not have any associated datasets."
            if project.datasets:
                raise InvalidParameterException("The project has datasets: train from them and leave out TrainingData and TestingData.")
            if training_data is None or testing_data is None:
                raise InvalidParameterException("TrainingData and TestingData must be given together.")
            if not training_data.get("Assets"):
                raise InvalidParameterException("TrainingData needs at least one asset.")
            if not testing_data.get("Assets") and not testing_data.get("AutoCreate"):
                raise InvalidParameterException("TestingData needs assets or AutoCreate.")
            train_entries, failure = self._read_manifests(training_data["Assets"])
            test_entries, test_failure = self._read_manifests(testing_data.get("Assets") or [])
            failure = failure or test_failure
            if testing_data.get("AutoCreate"):
                test_entries = train_entries
        else:
            train, test = project.datasets.get("TRAIN"), project.datasets.get("TEST")
            if train is None or test is None:
                raise InvalidParameterException("The project needs a training dataset and a test dataset (or TrainingData and TestingData).")
            for dataset in (train, test):
                if dataset.status not in SETTLED_DATASET:
                    raise ResourceInUseException(f"The {dataset.dataset_type.lower()} dataset is {dataset.status}.")
            train_entries, test_entries = list(train.entries.values()), list(test.entries.values())

        usable_train = [e for e in train_entries if e.labeled and not e.errors]
        if failure is None and not usable_train:
            failure = "The training dataset has no labeled images."
        elif failure is None and not any(e.labeled and not e.errors for e in test_entries):
            failure = "The test dataset has no labeled images."

        version = ProjectVersion(self, project, name, output_config, tags, kms_key_id, description, feature_config, "TRAINING_IN_PROGRESS")
        version.training_failure = failure
        version.training_input, version.testing_input = training_data, testing_data
        version.entry_count = len(train_entries) + len(test_entries)
        for entry in usable_train:
            for label, boxes in entry.labels.items():
                images, total = version.labels.get(label, (0, 0))
                version.labels[label] = (images + 1, total + boxes)
        project.versions[name] = version
        return version

    def describe_project_versions(
        self, project_arn: str, names: list[str] | None, next_token: str | None, max_results: int | None
    ) -> tuple[list[ProjectVersion], str | None]:
        project = self._project(project_arn)
        # [UNVERIFIED] order: newest first, as the console lists model versions
        versions = [v for v in reversed(project.versions.values()) if not names or v.name in names]
        scope = {"op": "DescribeProjectVersions", "project": project_arn, "names": sorted(names or [])}
        page, token = paginate(versions, next_token, max_results, default_size=100, invalid=InvalidPaginationTokenException, scope=scope)
        return [v for v in page if self._observe_version(v)], token

    def start_project_version(self, arn: str, min_units: int, max_units: int | None) -> str:
        version = self._version(arn)
        if version.feature != CUSTOM_LABELS:
            raise InvalidParameterException("Only Custom Labels models are started; adapters are used by DetectModerationLabels.")
        if max_units is not None and max_units < min_units:
            raise InvalidParameterException("MaxInferenceUnits must be at least MinInferenceUnits.")
        status = version.status
        if status not in STARTABLE:
            # [UNVERIFIED] wrong-state error: ResourceInUseException is the modeled conflict
            raise ResourceInUseException(f"The model version is {status} and can't be started.")
        version.min_units, version.max_units = min_units, max_units
        version.lifecycle.begin("STARTING")
        return "STARTING"

    def stop_project_version(self, arn: str) -> str:
        version = self._version(arn)
        status = version.status
        if status != "RUNNING":
            raise ResourceInUseException(f"The model version is {status}: only a RUNNING model can be stopped.")
        version.lifecycle.begin("STOPPING")
        return "STOPPING"

    def delete_project_version(self, arn: str) -> str:
        version = self._version(arn)
        status = version.status
        if status in UNDELETABLE:
            raise ResourceInUseException(f"The model version is {status} and can't be deleted.")
        if status != "DELETING":  # a repeated delete answers as the first did
            version.lifecycle.begin("DELETING")
        return "DELETING"

    def copy_project_version(
        self,
        source_project_arn: str,
        source_version_arn: str,
        destination_project_arn: str,
        name: str,
        output_config: dict,
        tags: dict | None,
        kms_key_id: str | None,
    ) -> ProjectVersion:
        destination = self._project(destination_project_arn)
        if destination.feature != CUSTOM_LABELS:
            raise InvalidParameterException("CopyProjectVersion applies to Custom Labels projects only.")
        if destination.status == "DELETING":
            raise ResourceInUseException("The destination project is being deleted.")
        tags = tags or {}
        problem = _tags_problem(tags)
        if problem:
            raise InvalidParameterException(problem)
        if not output_config.get("S3Bucket"):
            raise InvalidParameterException("OutputConfig needs an S3Bucket.")
        source_arn = _ARN.match(source_project_arn)
        assert source_arn is not None  # the model's pattern was checked already
        if source_arn["region"] != self.region_name:
            raise InvalidParameterException("The source and destination projects must be in the same AWS Region.")
        owner = self if source_arn["account"] == self.account_id else rekognition_backends[source_arn["account"]][self.region_name]
        source_project = owner._project(source_project_arn)
        source = next((v for v in source_project.versions.values() if v.arn == source_version_arn), None)
        if source is None:
            raise ResourceNotFoundException(f"The project version {source_version_arn} does not exist in {source_project_arn}.")
        if owner is not self:
            documents = [p.document for p in source_project.policies.values()]
            if not policies.allows_copy(documents, self.account_id, self.partition, source.arn):
                raise AccessDeniedException("No project policy of the source project allows this account to copy the model.")
        status = source.status
        if status not in TRAINED:
            raise ResourceInUseException(f"The source model version is {status}: only a trained model can be copied.")
        if name in destination.versions:
            raise ResourceInUseException(f"A version named {name} already exists in the project.")
        version = ProjectVersion(self, destination, name, output_config, tags, kms_key_id, None, None, "COPYING_IN_PROGRESS")
        version.copy_from(source)
        destination.versions[name] = version
        return version

    def detect_custom_labels(
        self, arn: str, image: dict[str, Any], max_results: int | None, min_confidence: float | None
    ) -> list[dict[str, Any]]:
        # An ARN this backend never made (moto's old fixed answer) gets ResourceNotFoundException.
        version = self._version(arn)
        if version.feature != CUSTOM_LABELS:
            raise InvalidParameterException("DetectCustomLabels takes a Custom Labels model; use DetectModerationLabels for adapters.")
        status = version.status
        if status != "RUNNING":
            raise ResourceNotReadyException(f"The model version is {status}; start it with StartProjectVersion.")
        if ("Bytes" in image) == ("S3Object" in image):
            raise InvalidParameterException("Image needs exactly one of Bytes and S3Object.")
        data = image["Bytes"] if "Bytes" in image else self.read_s3_object(image["S3Object"])
        if isinstance(data, str):
            data = base64.b64decode(data)
        if not _image_format_ok(data):
            raise InvalidImageFormatException("Request has invalid image format")
        threshold = ASSUMED_THRESHOLD if min_confidence is None else min_confidence
        labels = [label for label in version.detected_labels() if label["Confidence"] >= threshold]
        labels.sort(key=lambda label: -label["Confidence"])
        return labels if max_results is None else labels[:max_results]

    def set_custom_labels(self, version_arn: str, labels: list[Any] | None) -> None:
        """Test-time control: what DetectCustomLabels finds with this version (None: the default).

        Each label is a name (confidence 99) or a CustomLabel dict (Name, Confidence, Geometry).
        MinConfidence and MaxResults still apply; without MinConfidence, labels under 50 are
        left out, as the service leaves out labels under their assumed threshold.
        """
        try:
            version = self._version(version_arn)
        except ResourceNotFoundException:
            raise KeyError(f"no project version {version_arn!r} in account {self.account_id}, region {self.region_name}") from None
        if labels is None:
            version.detections = None
            return
        normalized = [{"Name": label, "Confidence": 99.0} if isinstance(label, str) else dict(label) for label in labels]
        for label in normalized:
            label.setdefault("Confidence", 99.0)
            found = problems(label, _MODEL.shape_for("CustomLabel"))
            if found or not label.get("Name"):
                raise ValueError(f"not a CustomLabel: {label!r} ({'; '.join(found) or 'Name is required'})")
        version.detections = normalized

    # --- datasets ---------------------------------------------------------------------------
    def create_dataset(self, project_arn: str, dataset_type: str, source: dict | None, tags: dict | None) -> Dataset:
        project = self._project(project_arn)
        if project.status == "DELETING":
            raise ResourceNotFoundException(f"The project {project_arn} is being deleted.")
        tags = tags or {}
        problem = _tags_problem(tags)
        if problem:
            raise InvalidParameterException(problem)
        if dataset_type in project.datasets:
            raise ResourceAlreadyExistsException(f"The project already has a {dataset_type.lower()} dataset.")
        source = source or {}
        if "GroundTruthManifest" in source and "DatasetArn" in source:
            raise InvalidParameterException("DatasetSource takes a GroundTruthManifest or a DatasetArn, not both.")
        change = DatasetChange(replace=[])
        if "GroundTruthManifest" in source:
            s3_object = source["GroundTruthManifest"].get("S3Object")
            if not s3_object:
                raise InvalidParameterException("GroundTruthManifest needs an S3Object.")
            content = self.read_s3_object(s3_object)
            try:
                change.replace = manifests.parse_manifest(content.decode("utf-8"))
            except (manifests.ManifestError, UnicodeDecodeError) as error:
                # the object is there but unreadable: creation fails asynchronously, as in the service
                change.failure = f"The manifest file is not valid: {error}"
        elif "DatasetArn" in source:
            original = self._dataset(source["DatasetArn"])
            original.sync()
            change.replace = [dataclasses.replace(e, labels=dict(e.labels), errors=list(e.errors)) for e in original.entries.values()]
        dataset = Dataset(self, project, dataset_type, tags)
        dataset.pending = change
        project.datasets[dataset_type] = dataset
        return dataset

    def describe_dataset(self, arn: str) -> Dataset:
        dataset = self._dataset(arn)
        if not self._observe_dataset(dataset):
            raise ResourceNotFoundException(f"The dataset {arn} does not exist.")
        return dataset

    def delete_dataset(self, arn: str) -> None:
        dataset = self._dataset(arn)
        status = dataset.status
        if status in ("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS"):
            raise ResourceInUseException(f"The dataset is {status} and can't be deleted.")
        if status != "DELETE_IN_PROGRESS":
            dataset.begin("DELETE_IN_PROGRESS", None, "The dataset is being deleted.")

    def _readable_dataset(self, arn: str) -> Dataset:
        dataset = self.describe_dataset(arn)
        status = dataset.status
        if status in ("CREATE_IN_PROGRESS", "CREATE_FAILED"):
            raise ResourceNotReadyException(f"The dataset is {status}.")
        if status not in SETTLED_DATASET:
            raise ResourceInUseException(f"The dataset is {status}.")
        return dataset

    def list_dataset_entries(
        self,
        arn: str,
        contains_labels: list[str] | None,
        labeled: bool | None,
        source_ref_contains: str | None,
        has_errors: bool | None,
        next_token: str | None,
        max_results: int | None,
    ) -> tuple[list[str], str | None]:
        dataset = self._readable_dataset(arn)
        entries = list(dataset.entries.values())
        if contains_labels:
            entries = [e for e in entries if any(label in e.labels for label in contains_labels)]
        if labeled is not None:
            entries = [e for e in entries if e.labeled == labeled]
        if source_ref_contains:
            entries = [e for e in entries if source_ref_contains in e.source_ref]
        if has_errors is not None:
            entries = [e for e in entries if bool(e.errors) == has_errors]
        scope = {"op": "ListDatasetEntries", "arn": arn, "labels": contains_labels, "labeled": labeled, "ref": source_ref_contains, "errors": has_errors}
        page, token = paginate(entries, next_token, max_results, default_size=100, invalid=InvalidPaginationTokenException, scope=scope)
        return [e.line for e in page], token

    def list_dataset_labels(self, arn: str, next_token: str | None, max_results: int | None) -> tuple[list[dict], str | None]:
        dataset = self._readable_dataset(arn)
        labels = [
            {"LabelName": name, "LabelStats": {"EntryCount": count, "BoundingBoxCount": boxes}}
            for name, (count, boxes) in sorted(dataset.labels().items())
        ]
        scope = {"op": "ListDatasetLabels", "arn": arn}
        return paginate(labels, next_token, max_results, default_size=100, invalid=InvalidPaginationTokenException, scope=scope)

    def update_dataset_entries(self, arn: str, ground_truth: bytes) -> None:
        dataset = self._dataset(arn)
        status = dataset.status
        if status not in SETTLED_DATASET:
            raise ResourceInUseException(f"The dataset is {status} and can't be updated now.")
        try:
            # [UNVERIFIED] an unreadable GroundTruth is rejected at once rather than failing the update later
            entries = manifests.parse_manifest(bytes(ground_truth).decode("utf-8"))
        except (manifests.ManifestError, UnicodeDecodeError) as error:
            raise InvalidParameterException(f"Changes.GroundTruth is not a valid manifest: {error}") from None
        if not entries:
            raise InvalidParameterException("Changes.GroundTruth holds no entries.")
        dataset.begin("UPDATE_IN_PROGRESS", DatasetChange(upsert=entries), "The dataset is being updated.")

    def distribute_dataset_entries(self, arns: list[str]) -> None:
        if len(set(arns)) != 2:
            raise InvalidParameterException("Give the training dataset and the test dataset of one project.")
        datasets = [self._dataset(arn) for arn in arns]
        if datasets[0].project is not datasets[1].project:
            raise InvalidParameterException("The datasets must belong to the same project.")
        by_type = {d.dataset_type: d for d in datasets}
        if set(by_type) != {"TRAIN", "TEST"}:
            raise InvalidParameterException("Give one TRAIN and one TEST dataset.")
        train, test = by_type["TRAIN"], by_type["TEST"]
        for dataset in (train, test):
            if dataset.status not in SETTLED_DATASET:
                raise ResourceNotReadyException(f"The {dataset.dataset_type.lower()} dataset is {dataset.status}.")
        if test.entries:
            raise InvalidParameterException("The test dataset must be empty.")
        if len(train.entries) < 2:
            raise InvalidParameterException("The training dataset needs at least 2 entries to split.")
        share = max(1, round(len(train.entries) * DISTRIBUTE_SHARE))
        moved = sorted(train.entries.values(), key=lambda e: e.order_key)[:share]
        train.begin("UPDATE_IN_PROGRESS", DatasetChange(remove={e.source_ref for e in moved}), "The dataset is being updated.")
        test.begin("UPDATE_IN_PROGRESS", DatasetChange(upsert=moved), "The dataset is being updated.")

    # --- project policies -------------------------------------------------------------------
    def _policy_project(self, arn: str) -> Project:
        project = self._project(arn)
        if project.feature != CUSTOM_LABELS:
            raise InvalidParameterException("Project policies apply to Custom Labels projects only.")
        return project

    def put_project_policy(self, arn: str, name: str, revision: str | None, document: str) -> str:
        project = self._policy_project(arn)
        try:
            policies.parse(document)
        except policies.MalformedPolicy as error:
            raise MalformedPolicyDocumentException(str(error)) from None
        policy = project.policies.get(name)
        if policy is None:
            if revision:
                raise InvalidPolicyRevisionIdException(f"The project has no policy {name} with revision {revision}.")
            if len(project.policies) >= MAX_POLICIES:
                # [UNVERIFIED] which error: a quota, and botocore retries LimitExceededException as throttling
                raise ServiceQuotaExceededException(f"A project has at most {MAX_POLICIES} project policies.")
            policy = ProjectPolicy(project, name, document)
            project.policies[name] = policy
            return policy.revision
        if not revision:
            raise ResourceAlreadyExistsException(f"The policy {name} exists: give its PolicyRevisionId to update it.")
        if revision != policy.revision:
            raise InvalidPolicyRevisionIdException(f"{revision} is not the current revision of the policy {name}.")
        policy.revise(document)
        return policy.revision

    def delete_project_policy(self, arn: str, name: str, revision: str | None) -> None:
        project = self._policy_project(arn)
        policy = project.policies.get(name)
        if policy is None:
            raise ResourceNotFoundException(f"The project has no policy named {name}.")
        if revision and revision != policy.revision:
            raise InvalidPolicyRevisionIdException(f"{revision} is not the current revision of the policy {name}.")
        del project.policies[name]

    def list_project_policies(self, arn: str, next_token: str | None, max_results: int | None) -> tuple[list[ProjectPolicy], str | None]:
        project = self._policy_project(arn)
        scope = {"op": "ListProjectPolicies", "arn": arn}
        return paginate(list(project.policies.values()), next_token, max_results, default_size=5, invalid=InvalidPaginationTokenException, scope=scope)

    # --- tags -------------------------------------------------------------------------------
    def _taggable(self, arn: str) -> Project | ProjectVersion | Dataset:
        if not _ARN.match(arn):
            raise InvalidParameterException(f"{arn} is not a Rekognition ARN.")
        if arn in self.projects:
            return self.projects[arn]
        for find in (self._version, self._dataset):
            try:
                return find(arn)
            except ResourceNotFoundException:
                pass
        raise ResourceNotFoundException(f"The resource {arn} does not exist.")

    def tag_resource(self, arn: str, tags: dict[str, str]) -> None:
        resource = self._taggable(arn)
        problem = _tags_problem(tags)
        if problem:
            raise InvalidParameterException(problem)
        if len({**resource.tags, **tags}) > MAX_TAGS:
            raise ServiceQuotaExceededException(f"A resource has at most {MAX_TAGS} tags.")
        resource.tags.update(tags)

    def untag_resource(self, arn: str, keys: list[str]) -> None:
        resource = self._taggable(arn)
        for key in keys:
            resource.tags.pop(key, None)

    def list_tags_for_resource(self, arn: str) -> dict[str, str]:
        return dict(self._taggable(arn).tags)


rekognition_backends = BackendDict(CustomLabelsBackend, "rekognition")
