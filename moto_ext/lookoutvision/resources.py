"""Projects, models and model packaging jobs: their lifecycles and how each renders itself.

A resource's status is read without side effects; what a change of status means (a trained
model's evaluation, a deleted model leaving its project, a job's last-updated time) is said
once, in the ``on_change`` / ``on_gone`` hooks the lifecycle engine calls.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from moto.core.utils import get_service_model

from moto_ext.core import s3
from moto_ext.core.jsonbody import NotAJsonObject, json_object
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import Catalog

from . import evaluation
from .evaluation import TrainingData
from .exceptions import ValidationException

if TYPE_CHECKING:
    from .datasets import Dataset
    from .models import LookoutVisionBackend


def enum(shape_name: str) -> list[str]:
    return list(get_service_model("lookoutvision").shape_for(shape_name).enum)


def now() -> datetime:
    return datetime.now(timezone.utc)


def utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def fraction(digest: bytes, start: int, low: float, high: float) -> float:
    """A number in [low, high] taken from two bytes of a digest: deterministic per input."""
    value = int.from_bytes(digest[start : start + 2], "big") / 0xFFFF
    return round(low + (high - low) * value, 4)


# A model in DELETING settles in this status, which the model enum does not have: the resource
# is gone (removed from its project) as it enters it.
MODEL_GONE = "DELETED"

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
    statuses=enum("ModelStatus"),
    gone=[MODEL_GONE],
)
PACKAGING_KIND = LifecycleKind(
    "lookoutvision.packaging_job",
    steps={"CREATED": "RUNNING", "RUNNING": "SUCCEEDED"},
    failures={"RUNNING": "FAILED"},
    statuses=enum("ModelPackagingJobStatus"),
)

#: statuses a model only reaches after training succeeded
TRAINED_STATUSES = {"TRAINED", "STARTING_HOSTING", "HOSTED", "HOSTING_FAILED", "STOPPING_HOSTING", "SYSTEM_UPDATING"}
HOSTING_STATUSES = {"STARTING_HOSTING", "HOSTED", "STOPPING_HOSTING", "SYSTEM_UPDATING"}

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
PACKAGING_MESSAGES = {
    "CREATED": "The model packaging job was created.",
    "RUNNING": "The model packaging job is running.",
    "SUCCEEDED": "The model packaging job completed.",
    "FAILED": "The model packaging job failed.",
}

DATASET_TYPES = ("train", "test")


class Project:
    def __init__(self, backend: LookoutVisionBackend, name: str) -> None:
        self.name = name
        self.arn = f"arn:{backend.partition}:lookoutvision:{backend.region_name}:{backend.account_id}:project/{name}"
        self.created = now()
        self.datasets: dict[str, Dataset] = {}
        # by version, in order of creation (versions are numbered so); ListModels looks at the
        # in-progress ones (a deleting one may be gone after the look)
        self.models: Catalog[str, Model] = Catalog(lifecycles=lambda model: [model.lifecycle])
        self.jobs: Catalog[str, PackagingJob] = Catalog()  # by name, in order of creation
        self.tags: dict[str, str] = {}
        self.versions_made = 0

    def newest_model(self) -> Model | None:
        models = self.models.view()
        return models[len(models) - 1] if models else None

    def to_summary(self) -> dict[str, Any]:
        """ProjectMetadata, as ListProjects and CreateProject report it (no dataset statistics)."""
        return {"ProjectArn": self.arn, "ProjectName": self.name, "CreationTimestamp": self.created}

    def to_dict(self) -> dict[str, Any]:
        """ProjectDescription."""
        datasets = [self.datasets[t].to_dict() for t in DATASET_TYPES if t in self.datasets]
        return {**self.to_summary(), "Datasets": datasets}


class Model:
    def __init__(
        self,
        backend: LookoutVisionBackend,
        project: Project,
        version: str,
        description: str | None,
        kms_key_id: str | None,
        output_config: dict[str, Any],
        tags: dict[str, str],
        training: TrainingData,
    ) -> None:
        self.account_id = backend.account_id
        self.partition = backend.partition
        self.project = project
        self.version = version
        self.arn = f"arn:{backend.partition}:lookoutvision:{backend.region_name}:{backend.account_id}:model/{project.name}/{version}"
        self.created = now()
        self.description = description
        self.kms_key_id = kms_key_id
        self.output_config = output_config
        self.tags = tags
        self.min_units: int | None = None
        self.max_units: int | None = None
        self.performance: dict[str, float] | None = None
        self.evaluation_manifest: dict[str, str] | None = None
        self.evaluation_result: dict[str, str] | None = None
        self.evaluation_end: datetime | None = None
        self.training = training
        #: why training failed (too few images, no output bucket)
        self.failure = training.problem
        self.lifecycle = Lifecycle(MODEL_KIND, "TRAINING", ids=[self.arn], on_change=self._changed, on_gone=self._gone)
        if training.problem:
            self.lifecycle.settle_in("TRAINING", "TRAINING_FAILED")

    @property
    def status(self) -> str:
        return str(self.lifecycle.status)

    def observe(self) -> str:
        return str(self.lifecycle.observe())

    @property
    def inference_units(self) -> int:
        """The units the model holds while hosted (its maximum when it scales)."""
        return self.max_units or self.min_units or 0

    def _changed(self, old: str, new: str) -> None:
        if old == "TRAINING" and new == "TRAINED" and not self._output_bucket_exists():
            # [UNVERIFIED] choice: training that cannot write its results fails
            self.failure = f"Training failed: the output bucket {self._output_bucket} does not exist."
            self.lifecycle.force("TRAINING_FAILED")
            return
        # once training has succeeded (however the status got there), the evaluation exists
        if new in TRAINED_STATUSES and self.performance is None:
            self._evaluate()

    def _gone(self) -> None:
        if self.project.models.get(self.version) is self:
            del self.project.models[self.version]

    @property
    def _output_bucket(self) -> str:
        return str(self.output_config["S3Location"]["Bucket"])

    def _output_bucket_exists(self) -> bool:
        return s3.bucket_exists(self.account_id, self.partition, self._output_bucket)

    def _evaluate(self) -> None:
        found = evaluation.predictions(self.arn, self.training.testing)
        scores = evaluation.metrics(found)
        self.performance = {name: scores[name] for name in ("F1Score", "Precision", "Recall")}
        self.evaluation_end = now()
        # "Viewing performance metrics": <prefix>EvaluationResult-<project>-<version>.json
        prefix = self.output_config["S3Location"].get("Prefix") or ""
        name = f"{self.project.name}-{self.version}.json"
        bucket = self._output_bucket
        self.evaluation_manifest = {"Bucket": bucket, "Key": f"{prefix}EvaluationManifest-{name}"}
        self.evaluation_result = {"Bucket": bucket, "Key": f"{prefix}EvaluationResult-{name}"}
        if not self._output_bucket_exists():  # a status forced by a test, the bucket gone since
            return
        result = evaluation.result_file(self.arn, self.evaluation_end, self.training, scores)
        manifest = evaluation.manifest_file(self.arn, self.project.name, self.version, self.evaluation_end, found)
        s3.write(self.account_id, self.partition, bucket, self.evaluation_result["Key"], json.dumps(result))
        s3.write(self.account_id, self.partition, bucket, self.evaluation_manifest["Key"], manifest)

    def to_dict(self) -> dict[str, Any]:
        """ModelDescription (ModelMetadata is a subset of its members)."""
        status = self.status
        hosting = status in HOSTING_STATUSES or status == "HOSTING_FAILED"
        return {
            "CreationTimestamp": self.created,
            "ModelVersion": self.version,
            "ModelArn": self.arn,
            "Description": self.description,
            "Status": status,
            "StatusMessage": self.failure
            if status == "TRAINING_FAILED" and self.failure
            else MODEL_MESSAGES.get(status),
            "Performance": self.performance,
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
        backend: LookoutVisionBackend,
        project: Project,
        name: str,
        model_version: str,
        configuration: dict[str, Any],
        description: str | None,
        component_version: str,
    ) -> None:
        self.project = project
        self.name = name
        self.model_version = model_version
        self.configuration = configuration
        self.description = description
        self.component_version = component_version
        self.component_arn = (
            f"arn:{backend.partition}:greengrass:{backend.region_name}:{backend.account_id}:"
            f"components:{self.component_name}:versions:{component_version}"
        )
        self.created = now()
        self.last_updated = self.created
        self.lifecycle = Lifecycle(
            PACKAGING_KIND,
            "CREATED",
            ids=[f"{project.arn}/modelpackagingjob/{name}", f"{project.name}/modelpackagingjob/{name}"],
            on_change=self._changed,
        )

    @property
    def status(self) -> str:
        return str(self.lifecycle.status)

    def observe(self) -> str:
        return str(self.lifecycle.observe())

    @property
    def component_name(self) -> str:
        return str(self.configuration["Greengrass"]["ComponentName"])

    def _changed(self, old: str, new: str) -> None:
        self.last_updated = now()

    def to_dict(self) -> dict[str, Any]:
        """ModelPackagingDescription (ModelPackagingJobMetadata is a subset of its members)."""
        status = self.status
        result: dict[str, Any] = {
            "JobName": self.name,
            "ProjectName": self.project.name,
            "ModelVersion": self.model_version,
            "ModelPackagingConfiguration": self.configuration,
            "ModelPackagingJobDescription": self.description,
            "ModelPackagingMethod": "Greengrass",
            "Status": status,
            "StatusMessage": PACKAGING_MESSAGES.get(status),
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.last_updated,
        }
        if status == "SUCCEEDED":
            result["ModelPackagingOutputDetails"] = {
                "Greengrass": {
                    "ComponentName": self.component_name,
                    "ComponentVersion": self.component_version,
                    "ComponentVersionArn": self.component_arn,
                }
            }
        return result


def greengrass_component_version(greengrass: dict[str, Any], model: Model) -> str:
    """The configuration rules of the developer guide ("Package settings"); returns the component version."""
    device, platform = greengrass.get("TargetDevice"), greengrass.get("TargetPlatform")
    if (device is None) == (platform is None):
        raise ValidationException("Specify either TargetDevice or TargetPlatform, not both and not neither.")
    options = greengrass.get("CompilerOptions")
    if device is not None and options is not None:
        raise ValidationException("Don't specify CompilerOptions with a TargetDevice.")
    if platform is not None and platform.get("Accelerator") == "NVIDIA":
        try:
            compiler = json_object(options, "CompilerOptions")
        except NotAJsonObject:
            compiler = {}
        if not {"gpu-code", "trt-ver", "cuda-ver"} <= set(compiler):
            raise ValidationException(
                "A target platform with an NVIDIA accelerator needs CompilerOptions with gpu-code, trt-ver and cuda-ver."
            )
    # the guide: without a value, a version is generated from the model's version number
    return str(greengrass.get("ComponentVersion") or f"{model.version}.0.0")
