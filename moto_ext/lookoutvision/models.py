"""Lookout for Vision: projects, datasets, models, hosting, packaging jobs, tags.

What the service does, as a state machine (statuses from the botocore model):

- a project holds at most one ``train`` and one ``test`` dataset, its models and its packaging jobs;
- datasets: see datasets.py;
- CreateModel makes version "1", "2", ... : TRAINING -> TRAINED | TRAINING_FAILED (too few
  labeled images, see evaluation.py); a trained model's evaluation files are in its output
  bucket, which must exist; StartModel: STARTING_HOSTING -> HOSTED | HOSTING_FAILED; StopModel: STOPPING_HOSTING -> TRAINED;
  DeleteModel: DELETING until it is gone;
- a packaging job: CREATED -> RUNNING -> SUCCEEDED | FAILED.

In-progress statuses move when an operation looks at the resource (see moto_ext.core.lifecycle):
a Describe or List, and also a write's precondition check (DeleteProject looking at the datasets
and models, StartModel or DetectAnomalies at the model); the kinds registered are ``lookoutvision.model``, ``lookoutvision.dataset`` and
``lookoutvision.packaging_job``. ``m.set_status`` finds a model by its ARN, a dataset as
``<project>/dataset/<train|test>`` and a packaging job as ``<project>/modelpackagingjob/<job>``
(or the same after the project's ARN). The backend also offers ``set_detection_result`` and
``quotas`` to tests.

Names, versions, dataset types and other members are checked against the model's constraints
before an operation runs (moto_ext.core.shapes); what is checked here is what the model cannot say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from moto.core.base_backend import BaseBackend
from moto.core.utils import get_service_model
from moto.moto_api._internal import mock_random as random

from moto_ext.core import groundtruth, s3
from moto_ext.core.backends import ExtBackendDict
from moto_ext.core.paging import Catalog, page_size, paginate

from . import detection, regions
from .datasets import DATASET_BUSY, DATASET_READY, Dataset, Entry, entries_of
from .evaluation import TrainingData
from .exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ValidationException,
)
from .resources import (
    HOSTING_STATUSES,
    TRAINED_STATUSES,
    Model,
    PackagingJob,
    Project,
    greengrass_component_version,
    utc,
)

# The regions of botocore 1.40.60's endpoints data; current botocore no longer lists them, so
# BackendDict is told (core's patches give botocore's loader the entry back: see regions.py).
REGIONS = regions.regions()

ARN = re.compile(r"arn:(aws[a-z-]*):lookoutvision:([a-z0-9-]+):([0-9]{12}):(project|model)/(.+)")

IMAGE_MAGIC = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}


@dataclass
class Quotas:
    """[UNVERIFIED] values: the public quota table no longer lists them (200 tags is the model's
    TagList max). Tests lower them per backend (``backend.quotas.projects = 2``); each field's
    ``code`` is the QuotaCode its ServiceQuotaExceededException names."""

    projects: int = field(default=100, metadata={"code": "projects-per-region"})
    inference_units: int = field(default=20, metadata={"code": "running-inference-units"})
    tags_per_resource: int = field(default=200, metadata={"code": "tags-per-resource"})

    def exceeded(
        self, name: str, message: str, resource_id: str | None = None, resource_type: str | None = None
    ) -> Exception:
        code = next(f.metadata["code"] for f in fields(self) if f.name == name)
        return ServiceQuotaExceededException(message, code, resource_id, resource_type)


def _page(
    items: Sequence[Any],
    operation: str,
    next_token: str | None,
    max_results: int | None,
    scope: Any = None,
    keep: Callable[[Any], bool] | None = None,
) -> tuple[list[Any], str | None]:
    default_size = page_size("lookoutvision", operation)
    return paginate(
        items, next_token, max_results, default_size=default_size, invalid=ValidationException, scope=scope, keep=keep
    )


class LookoutVisionBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.projects: Catalog[str, Project] = Catalog({"name": lambda project: project.name})
        #: answers of calls made with a ClientToken (the HTTP layer replays them)
        self.quotas = Quotas()
        self.detection_results: dict[tuple[str, str], dict[str, Any]] = {}
        #: packaging jobs by the component (name, version) they make: the duplicate check
        self.components: dict[tuple[str, str], list[PackagingJob]] = {}

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
        project = self.projects.get(name)
        if project is None:
            raise ResourceNotFoundException(f"The project {name} does not exist.", name, "PROJECT")
        return project

    @staticmethod
    def _dataset(project: Project, dataset_type: str) -> Dataset:
        dataset = project.datasets.get(dataset_type)
        if dataset is None:
            raise ResourceNotFoundException(
                f"The {dataset_type} dataset of project {project.name} does not exist.", dataset_type, "DATASET"
            )
        return dataset

    @classmethod
    def _looked_at(cls, project: Project, dataset_type: str) -> Dataset:
        """A dataset an operation looks at (which may find it gone)."""
        dataset = cls._dataset(project, dataset_type)
        dataset.observe()
        return cls._dataset(project, dataset_type)

    @staticmethod
    def _model(project: Project, version: str) -> Model:
        model = project.newest_model() if version == "latest" else project.models.get(version)
        if model is None:
            raise ResourceNotFoundException(
                f"Model version {version} of project {project.name} does not exist.", version, "MODEL"
            )
        return model

    # --- projects ---------------------------------------------------------------------------------
    def create_project(self, project_name: str) -> Project:
        if project_name in self.projects:
            raise ConflictException(f"A project named {project_name} already exists.", project_name, "PROJECT")
        if len(self.projects) >= self.quotas.projects:
            raise self.quotas.exceeded("projects", f"You have reached the quota of {self.quotas.projects} projects.")
        project = Project(self, project_name)
        self.projects[project_name] = project
        return project

    def describe_project(self, project_name: str) -> Project:
        project = self._project(project_name)
        for dataset in list(project.datasets.values()):
            dataset.observe()  # a deleting dataset may be gone after this look
        return project

    def list_projects(self, next_token: str | None, max_results: int | None) -> tuple[list[Project], str | None]:
        return _page(self.projects.view("name"), "ListProjects", next_token, max_results)

    def delete_project(self, project_name: str) -> Project:
        project = self._project(project_name)
        # models in DELETING and datasets in DELETE_IN_PROGRESS exist until they are gone: this
        # check looks at each of them, which may find it gone
        for model in list(project.models.values()):
            model.observe()
        for dataset in list(project.datasets.values()):
            dataset.observe()
        if project.models:
            raise ConflictException(
                f"The project {project_name} still has models; delete them first.", project_name, "PROJECT"
            )
        if project.datasets:
            raise ConflictException(
                f"The project {project_name} still has datasets; delete them first.", project_name, "PROJECT"
            )
        del self.projects[project_name]
        return project

    # --- datasets ---------------------------------------------------------------------------------
    def create_dataset(self, project_name: str, dataset_type: str, dataset_source: dict[str, Any] | None) -> Dataset:
        project = self._project(project_name)
        existing = project.datasets.get(dataset_type)
        if existing is not None:
            existing.observe()  # a deleting dataset may be gone after this look
        if dataset_type in project.datasets:
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
            try:
                entries = entries_of(body, "manifest file")
            except groundtruth.ManifestError as error:
                # the content is checked while the dataset is created: the import fails, the call does not
                entries, failure = [], str(error)
        dataset = Dataset(project, dataset_type, entries, failure)
        project.datasets[dataset_type] = dataset
        return dataset

    def _read_manifest(self, s3_object: dict[str, Any]) -> bytes:
        """The manifest's bytes from moto's S3.

        Choice: a missing bucket, object or version is a ValidationException of CreateDataset
        (nothing is created), so the caller learns at once that the location is wrong.
        """
        try:
            return s3.read(
                self.account_id, self.partition, s3_object["Bucket"], s3_object["Key"], s3_object.get("VersionId")
            )
        except s3.S3LocationError as error:
            raise ValidationException(f"The manifest file cannot be read: {error}") from None

    def describe_dataset(self, project_name: str, dataset_type: str) -> Dataset:
        project = self._project(project_name)
        dataset = self._dataset(project, dataset_type)
        dataset.observe()
        if dataset.lifecycle.gone:  # this look found it gone
            raise ResourceNotFoundException(
                f"The {dataset_type} dataset of project {project_name} does not exist.", dataset_type, "DATASET"
            )
        return dataset

    def delete_dataset(self, project_name: str, dataset_type: str) -> Dataset:
        project = self._project(project_name)
        dataset = self._looked_at(project, dataset_type)
        for model in list(project.models.values()):
            model.observe()
        if dataset.status in DATASET_BUSY:
            raise ConflictException(
                f"The {dataset_type} dataset is {dataset.status}; it cannot be deleted now.", dataset_type, "DATASET"
            )
        # [UNVERIFIED] a training run reads the datasets: they stay until it ends
        if any(m.status == "TRAINING" for m in project.models.values()):
            raise ConflictException(
                f"A model of project {project_name} is training; the dataset cannot be deleted now.",
                dataset_type,
                "DATASET",
            )
        dataset.lifecycle.begin("DELETE_IN_PROGRESS")
        return dataset

    def list_dataset_entries(
        self,
        project_name: str,
        dataset_type: str,
        labeled: bool | None = None,
        anomaly_class: str | None = None,
        before_creation_date: datetime | None = None,
        after_creation_date: datetime | None = None,
        source_ref_contains: str | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> tuple[list[Entry], str | None]:
        project = self._project(project_name)
        dataset = self._looked_at(project, dataset_type)
        before = utc(before_creation_date) if before_creation_date else None
        after = utc(after_creation_date) if after_creation_date else None

        def keep(e: Entry) -> bool:
            return (
                (labeled is None or e.labeled == labeled)
                and (anomaly_class is None or e.label == anomaly_class)
                # the entry's date is its label's creation-date, or when it joined the dataset
                and (before is None or e.created < before)
                and (after is None or e.created > after)
                and (source_ref_contains is None or source_ref_contains in e.source_ref)
            )

        scope = [project_name, dataset_type, labeled, anomaly_class, before, after, source_ref_contains]
        filters = (labeled, anomaly_class, before, after, source_ref_contains)
        # filtered: read in order until the page is full, O(skipped + page)
        return _page(
            dataset.entries.view(),
            "ListDatasetEntries",
            next_token,
            max_results,
            scope,
            keep=None if all(f is None for f in filters) else keep,
        )

    def update_dataset_entries(self, project_name: str, dataset_type: str, changes: bytes) -> Dataset:
        project = self._project(project_name)
        dataset = self._looked_at(project, dataset_type)
        status = dataset.status
        if status in DATASET_BUSY or status in ("CREATE_FAILED", "DELETE_FAILED"):
            raise ConflictException(
                f"The {dataset_type} dataset is {status}; its entries cannot be updated now.", dataset_type, "DATASET"
            )
        try:
            entries = entries_of(changes, "Changes")
        except groundtruth.ManifestError as error:
            raise ValidationException(str(error)) from None
        dataset.update(entries)
        return dataset

    # --- models -----------------------------------------------------------------------------------
    def create_model(
        self,
        project_name: str,
        output_config: dict[str, Any],
        description: str | None = None,
        kms_key_id: str | None = None,
        tags: list[dict[str, str]] | None = None,
    ) -> Model:
        project = self._project(project_name)
        tag_map = self._checked_tags(tags or [], {}, project_name, "MODEL")
        for dataset in list(project.datasets.values()):
            dataset.observe()
        if "train" not in project.datasets:
            # Choice: a project without a training dataset is a bad request (ValidationException),
            # not a conflict with some resource's state.
            raise ValidationException(f"The project {project_name} has no train dataset to train a model with.")
        for dataset in project.datasets.values():
            status = dataset.status
            if status in DATASET_BUSY:
                raise ConflictException(
                    f"The {dataset.dataset_type} dataset is {status}; wait until it completes.",
                    dataset.dataset_type,
                    "DATASET",
                )
            if status not in DATASET_READY:
                raise ValidationException(
                    f"The {dataset.dataset_type} dataset is {status} and cannot be used for training."
                )
        bucket = output_config["S3Location"]["Bucket"]
        # Choice: the service validates the output location at once; a bucket that does not
        # exist is a bad request, and nothing is created.
        if not s3.bucket_exists(self.account_id, self.partition, bucket):
            raise ValidationException(f"The output bucket {bucket} does not exist.")
        project.versions_made += 1
        training = TrainingData.of(project)
        model = Model(
            self, project, str(project.versions_made), description, kms_key_id, output_config, tag_map, training
        )
        project.models[model.version] = model
        return model

    def describe_model(self, project_name: str, model_version: str) -> Model:
        project = self._project(project_name)
        model = self._model(project, model_version)
        model.observe()
        if model.lifecycle.gone:  # this look found it gone
            raise ResourceNotFoundException(
                f"Model version {model_version} of project {project_name} does not exist.", model_version, "MODEL"
            )
        return model

    def list_models(
        self, project_name: str, next_token: str | None = None, max_results: int | None = None
    ) -> tuple[list[Model], str | None]:
        project = self._project(project_name)
        for model in project.models.in_progress():
            model.observe()  # a deleting model may be gone after this look (settled ones do not move)
        return _page(project.models.view(), "ListModels", next_token, max_results, project_name)

    def delete_model(self, project_name: str, model_version: str) -> Model:
        model = self._model(self._project(project_name), model_version)
        status = model.observe()
        if status not in ("TRAINED", "TRAINING_FAILED", "HOSTING_FAILED"):
            raise ConflictException(
                f"Model version {model.version} is {status}; stop it or wait until it settles before deleting it.",
                model.version,
                "MODEL",
            )
        model.lifecycle.begin("DELETING")
        return model

    def start_model(
        self, project_name: str, model_version: str, min_inference_units: int, max_inference_units: int | None = None
    ) -> Model:
        model = self._model(self._project(project_name), model_version)
        if max_inference_units is not None and max_inference_units < min_inference_units:
            raise ValidationException("MaxInferenceUnits must not be less than MinInferenceUnits.")
        status = model.observe()
        # a model whose hosting failed may be started again
        if status not in ("TRAINED", "HOSTING_FAILED"):
            raise ConflictException(
                f"Model version {model.version} is {status}; only a TRAINED model can be started.",
                model.version,
                "MODEL",
            )
        wanted = max_inference_units or min_inference_units
        running = sum(
            m.inference_units
            for p in self.projects.values()
            for m in p.models.values()
            if m is not model and m.status in HOSTING_STATUSES
        )
        if running + wanted > self.quotas.inference_units:
            raise self.quotas.exceeded(
                "inference_units",
                f"Starting this model needs {wanted} inference units; {running} of the quota of "
                f"{self.quotas.inference_units} are in use.",
                model.version,
                "MODEL",
            )
        model.min_units, model.max_units = min_inference_units, max_inference_units
        model.lifecycle.begin("STARTING_HOSTING")
        return model

    def stop_model(self, project_name: str, model_version: str) -> Model:
        model = self._model(self._project(project_name), model_version)
        status = model.observe()
        if status != "HOSTED":
            raise ConflictException(
                f"Model version {model.version} is {status}; only a HOSTED model can be stopped.",
                model.version,
                "MODEL",
            )
        model.lifecycle.begin("STOPPING_HOSTING")
        return model

    def detect_anomalies(self, project_name: str, model_version: str, body: bytes, content_type: str) -> dict[str, Any]:
        """The DetectAnomalyResult for one image."""
        magic = IMAGE_MAGIC.get(content_type)
        if magic is None:
            raise ValidationException(
                f"The content type {content_type!r} is not supported: use image/jpeg or image/png."
            )
        # Choice: the service decodes the image, so bytes that are not of the declared type fail
        # validation; the mock checks the format's signature (magic bytes) only.
        if not body.startswith(magic):
            raise ValidationException(f"The image is not a valid {content_type.split('/')[1].upper()} image.")
        project = self._project(project_name)
        model = self._model(project, model_version)
        status = model.observe()
        if status != "HOSTED":
            raise ConflictException(
                f"Model version {model.version} is {status}; start it before detecting anomalies.",
                model.version,
                "MODEL",
            )
        result = detection.answer(body, model.training.anomaly_colors)
        result.update(self.detection_results.get((project.name, model.version), {}))
        result["Source"] = {"Type": "direct"}
        return result

    # --- model packaging jobs ---------------------------------------------------------------------
    def start_model_packaging_job(
        self,
        project_name: str,
        model_version: str,
        configuration: dict[str, Any],
        job_name: str | None = None,
        description: str | None = None,
    ) -> PackagingJob:
        project = self._project(project_name)
        model = self._model(project, model_version)
        greengrass = configuration["Greengrass"]
        component_version = greengrass_component_version(greengrass, model)
        status = model.observe()
        if status not in TRAINED_STATUSES:
            raise ConflictException(
                f"Model version {model.version} is {status}; only a trained model can be packaged.",
                model.version,
                "MODEL",
            )
        if job_name is not None and job_name in project.jobs:
            raise ConflictException(
                f"A model packaging job named {job_name} already exists.", job_name, "MODEL_PACKAGE_JOB"
            )
        # [UNVERIFIED] the developer guide: a component name and version can't be used twice;
        # the mock refuses a second job that would make the same component.
        component = (greengrass["ComponentName"], component_version)
        for job in self.components.get(component, []):
            if job.status != "FAILED" and self.projects.get(job.project.name) is job.project:
                raise ConflictException(
                    f"The component {job.component_name} version {component_version} already exists.",
                    job.name,
                    "MODEL_PACKAGE_JOB",
                )
        name = job_name or str(random.uuid4())
        job = PackagingJob(self, project, name, model.version, configuration, description, component_version)
        project.jobs[name] = job
        self.components.setdefault(component, []).append(job)
        return job

    def describe_model_packaging_job(self, project_name: str, job_name: str) -> PackagingJob:
        project = self._project(project_name)
        job = project.jobs.get(job_name)
        if job is None:
            raise ResourceNotFoundException(
                f"The model packaging job {job_name} does not exist.", job_name, "MODEL_PACKAGE_JOB"
            )
        job.observe()
        return job

    def list_model_packaging_jobs(
        self, project_name: str, next_token: str | None = None, max_results: int | None = None
    ) -> tuple[list[PackagingJob], str | None]:
        project = self._project(project_name)
        page, token = _page(project.jobs.view(), "ListModelPackagingJobs", next_token, max_results, project_name)
        for job in page:
            job.observe()
        return page, token

    # --- tags -------------------------------------------------------------------------------------
    def _tagged(self, arn: str) -> tuple[dict[str, str], str]:
        """The tags of a project or model ARN, and its ResourceType."""
        match = ARN.fullmatch(arn)
        if not match:
            raise ValidationException(f"{arn} is not a Lookout for Vision project or model ARN.")
        partition, region, account, kind, rest = match.groups()
        known = partition == self.partition and region == self.region_name and account == self.account_id
        if kind == "project":
            project = self.projects.get(rest) if known else None
            if project is None:
                raise ResourceNotFoundException(f"The resource {arn} does not exist.", arn, "PROJECT")
            return project.tags, "PROJECT"
        project_name, _, version = rest.rpartition("/")
        owner = self.projects.get(project_name) if known else None
        model = owner.models.get(version) if owner is not None else None
        if model is not None and owner is not None:
            model.observe()  # a deleting model may be gone after this look
            model = owner.models.get(version)
        if model is None:
            raise ResourceNotFoundException(f"The resource {arn} does not exist.", arn, "MODEL")
        return model.tags, "MODEL"

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
            raise self.quotas.exceeded(
                "tags_per_resource",
                f"A resource can have at most {self.quotas.tags_per_resource} tags.",
                resource_id,
                resource_type,
            )
        return merged

    def tag_resource(self, resource_arn: str, tags: list[dict[str, str]]) -> None:
        current, resource_type = self._tagged(resource_arn)
        merged = self._checked_tags(tags, current, resource_arn, resource_type)
        current.clear()
        current.update(merged)

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        current, _ = self._tagged(resource_arn)
        for key in tag_keys:
            if key.lower().startswith("aws:"):
                raise ValidationException(f"Tag keys starting with aws: are reserved: {key}.")
        for key in tag_keys:
            current.pop(key, None)

    def list_tags_for_resource(self, resource_arn: str) -> dict[str, str]:
        current, _ = self._tagged(resource_arn)
        return dict(current)


lookoutvision_backends = ExtBackendDict(
    LookoutVisionBackend, "lookoutvision", use_boto3_regions=False, additional_regions=REGIONS
)
