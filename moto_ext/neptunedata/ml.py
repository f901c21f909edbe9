"""Neptune ML's resources: data-processing, model-training and model-transform jobs, inference endpoints.

Each one stands for SageMaker work Neptune ML starts for a graph, and reports the SageMaker
resources (names, ARNs, log URLs) it runs. Statuses move through core.lifecycle: jobs go
InProgress -> Completed | Failed and Stopping -> Stopped; endpoints Creating -> InService | Failed,
Updating -> InService, Deleting -> gone.

Status strings are free-form in the model; the values here are the ones Neptune ML reports
(SageMaker's: InProgress, Completed, Failed, Stopping, Stopped; endpoints InService ...).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from moto_ext.core import s3
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind, progression

from . import outputs

if TYPE_CHECKING:
    from .models import NeptuneDataBackend

JOB_STATUSES = ["InProgress", "Completed", "Failed", "Stopping", "Stopped"]


def _job_kind(name: str) -> LifecycleKind:
    return LifecycleKind(
        name,
        steps={"InProgress": "Completed", "Stopping": "Stopped"},
        failures={"InProgress": "Failed"},
        statuses=JOB_STATUSES,
    )


DATA_PROCESSING_JOB = _job_kind("neptunedata.data_processing_job")
TRAINING_JOB = _job_kind("neptunedata.training_job")
TRANSFORM_JOB = _job_kind("neptunedata.transform_job")

# "Deleted" is never reported: the endpoint is gone from Get and List as it enters it.
ENDPOINT_DELETED = "Deleted"
ENDPOINT = LifecycleKind(
    "neptunedata.endpoint",
    steps={"Creating": "InService", "Updating": "InService", "Deleting": ENDPOINT_DELETED},
    failures={"Creating": "Failed"},
    statuses=["Creating", "InService", "Updating", "Failed", "Deleting", ENDPOINT_DELETED],
    gone=[ENDPOINT_DELETED],
)


def sagemaker_name(resource_id: str, suffix: str, limit: int = 63) -> str:
    """A SageMaker resource name for a Neptune ML id: alphanumeric ends, at most ``limit`` long.

    [choice] Neptune ML's own naming of the SageMaker resources it starts is not documented;
    the id plus a stage suffix keeps them recognisable and unique per stage.
    """
    base = resource_id.strip("-") or "neptune-ml"
    room = limit - len(suffix) - 1
    if len(base) > room:
        digest = hashlib.sha1(resource_id.encode()).hexdigest()[:8]
        base = f"{base[: room - 9].rstrip('-')}-{digest}"
    return f"{base}-{suffix}"


def now_millis() -> int:
    return int(time.time() * 1000)


class MLResource:
    """What the Neptune ML jobs and endpoints share: id, creation time, lifecycle, SageMaker ARNs."""

    kind: LifecycleKind
    initial_status = "InProgress"

    def __init__(
        self,
        backend: NeptuneDataBackend,
        resource_id: str,
        on_gone: Callable[[], None] | None = None,
        on_change: Callable[[str, str], None] | None = None,
    ) -> None:
        self.region = backend.region_name
        self.account_id = backend.account_id
        self.partition = backend.partition
        self.id = resource_id
        self.created = now_millis()
        self.lifecycle = Lifecycle(self.kind, self.initial_status, ids=[self.arn], on_gone=on_gone, on_change=on_change)

    @property
    def arn(self) -> str:
        raise NotImplementedError

    @property
    def status(self) -> str:
        return self.lifecycle.status  # type: ignore[no-any-return]

    def observe(self) -> str:
        return self.lifecycle.observe()  # type: ignore[no-any-return]

    def sagemaker_arn(self, resource_type: str, name: str) -> str:
        # SageMaker writes resource names in lower case in its ARNs
        return f"arn:{self.partition}:sagemaker:{self.region}:{self.account_id}:{resource_type}/{name.lower()}"

    def to_dict(self) -> dict[str, Any]:
        raise NotImplementedError


class MLJob(MLResource):
    """A job with an S3 output: its artifacts live under ``<location>/<id>`` (``output``); what
    its first stage wrote is there while it runs, the rest is written as it completes (outputs.py)."""

    def __init__(self, backend: NeptuneDataBackend, job_id: str, output_location: str) -> None:
        # [choice] Each job writes under its own folder of the location it is given, so jobs
        # sharing a location keep apart and `clean` removes exactly one job's artifacts.
        self.output = f"{output_location.rstrip('/')}/{job_id}"
        self._looked_at = False
        super().__init__(backend, job_id, on_change=self._changed)
        self._write(self.started_files())

    def observe(self) -> str:
        """A look at the job. [choice] In ``immediate`` mode the first look shows the status the
        job started in (Start* answers no status), so a program that polls to act on InProgress
        (a cancel) sees it once; later looks move it as the engine says."""
        first, self._looked_at = not self._looked_at, True
        if first and progression(self.kind.name).get("progression", "immediate") == "immediate":
            return self.status
        return super().observe()

    def _changed(self, old: str, new: str) -> None:
        if new == "Completed":
            self._write(self.output_files())

    def started_files(self) -> dict[str, bytes]:
        """The files the job's first stage has written by the time the job is running, by relative key."""
        return {}

    def output_files(self) -> dict[str, bytes]:
        """The files the job leaves under its output folder when it completes, by relative key."""
        return {}

    def _write(self, files: dict[str, bytes]) -> None:
        bucket_name, folder = s3.split_uri(self.output)
        try:
            for key, body in files.items():
                s3.write(self.account_id, self.partition, bucket_name, f"{folder}/{key}", body)
        except s3.S3LocationError:
            pass  # the bucket went away while the job ran: there is nowhere to write

    def _resource_definition(
        self, resource_type: str, name: str, log_group: str, status: str | None = None
    ) -> dict[str, Any]:
        """The MlResourceDefinition of one SageMaker resource the job runs."""
        status = status or self.status
        definition = {
            "name": name,
            "arn": self.sagemaker_arn(resource_type, name),
            "status": status,
            "outputLocation": self.output,
            "cloudwatchLogUrl": (
                f"https://{self.region}.console.aws.amazon.com/cloudwatch/home?region={self.region}"
                f"#logStream:group=/aws/sagemaker/{log_group};prefix={name};streamFilter=typeLogStreamPrefix"
            ),
        }
        if status == "Failed":
            definition["failureReason"] = f"The {resource_type} {name} failed (status settled by moto_ext)."
        return definition

    def _model_config(self, name: str) -> dict[str, str]:
        return {"name": name, "arn": self.sagemaker_arn("model", name)}


class DataProcessingJob(MLJob):
    kind = DATA_PROCESSING_JOB

    def __init__(
        self, backend: NeptuneDataBackend, job_id: str, output_location: str, model_type: str | None = None
    ) -> None:
        self.model_type = model_type
        super().__init__(backend, job_id, output_location)

    def output_files(self) -> dict[str, bytes]:
        return {outputs.HPO_CONFIGURATION: outputs.hpo_configuration(self.model_type)}

    @property
    def processing_name(self) -> str:
        return sagemaker_name(self.id, "dataprocessing")

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("processing-job", self.processing_name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "id": self.id,
            "processingJob": self._resource_definition("processing-job", self.processing_name, "ProcessingJobs"),
        }


class TrainingJob(MLJob):
    """Model training: a processing job prepares the data, a tuning job trains, a transform
    computes the model artifacts. The tuning job carries the job's status while it runs."""

    kind = TRAINING_JOB

    def __init__(
        self, backend: NeptuneDataBackend, job_id: str, output_location: str, hpo_configuration: bytes
    ) -> None:
        self.hpo_configuration = hpo_configuration
        super().__init__(backend, job_id, output_location)

    def started_files(self) -> dict[str, bytes]:
        # its preparation step (reported Completed while the tuning job runs) fixes the
        # hyperparameter configuration the tuning job trains with
        return {outputs.HPO_CONFIGURATION: self.hpo_configuration}

    def output_files(self) -> dict[str, bytes]:
        return {outputs.MODEL_ARCHIVE: outputs.model_archive("modeltraining", self.id)}

    @property
    def hpo_name(self) -> str:
        return sagemaker_name(self.id, "hpo", limit=32)  # tuning-job names are at most 32 long

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("hyper-parameter-tuning-job", self.hpo_name)

    def to_dict(self) -> dict[str, Any]:
        status = self.status
        described: dict[str, Any] = {
            "status": status,
            "id": self.id,
            "processingJob": self._resource_definition(
                "processing-job", sagemaker_name(self.id, "training-prep"), "ProcessingJobs", status="Completed"
            ),
            "hpoJob": self._resource_definition("hyper-parameter-tuning-job", self.hpo_name, "TrainingJobs"),
        }
        if status == "Completed":
            described["modelTransformJob"] = self._resource_definition(
                "training-job", sagemaker_name(self.id, "training-transform"), "TrainingJobs"
            )
            described["mlModels"] = [self._model_config(sagemaker_name(self.id, "model"))]
        return described


class TransformJob(MLJob):
    kind = TRANSFORM_JOB

    def output_files(self) -> dict[str, bytes]:
        return {outputs.MODEL_ARCHIVE: outputs.model_archive("modeltransform", self.id)}

    @property
    def remote_name(self) -> str:
        return sagemaker_name(self.id, "modeltransform")

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("training-job", self.remote_name)

    def to_dict(self) -> dict[str, Any]:
        status = self.status
        described: dict[str, Any] = {
            "status": status,
            "id": self.id,
            "baseProcessingJob": self._resource_definition(
                "processing-job", sagemaker_name(self.id, "transform-prep"), "ProcessingJobs", status="Completed"
            ),
            "remoteModelTransformJob": self._resource_definition("training-job", self.remote_name, "TrainingJobs"),
        }
        if status == "Completed":
            described["models"] = [self._model_config(sagemaker_name(self.id, "transform-model"))]
        return described


class Endpoint(MLResource):
    """An inference endpoint serving the model of a training or transform job."""

    kind = ENDPOINT
    initial_status = "Creating"

    def __init__(
        self,
        backend: NeptuneDataBackend,
        endpoint_id: str,
        *,
        ml_model_training_job_id: str | None,
        ml_model_transform_job_id: str | None,
        on_gone: Callable[[], None],
    ) -> None:
        self.config_version = 1
        self.ml_model_training_job_id = ml_model_training_job_id
        self.ml_model_transform_job_id = ml_model_transform_job_id
        super().__init__(backend, endpoint_id, on_gone=on_gone)

    @property
    def name(self) -> str:
        return sagemaker_name(self.id, "endpoint")

    @property
    def config_name(self) -> str:
        return sagemaker_name(self.id, f"config-{self.config_version}")

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("endpoint", self.name)

    def update(self, ml_model_training_job_id: str | None, ml_model_transform_job_id: str | None) -> None:
        """Point the endpoint at another model: a new endpoint configuration, then InService again."""
        self.ml_model_training_job_id = ml_model_training_job_id
        self.ml_model_transform_job_id = ml_model_transform_job_id
        self.config_version += 1
        self.lifecycle.begin("Updating")

    def to_dict(self) -> dict[str, Any]:
        status = self.status
        endpoint: dict[str, Any] = {
            "name": self.name,
            "arn": self.arn,
            "status": status,
            "cloudwatchLogUrl": (
                f"https://{self.region}.console.aws.amazon.com/cloudwatch/home?region={self.region}"
                f"#logStream:group=/aws/sagemaker/Endpoints/{self.name}"
            ),
        }
        if status == "Failed":
            endpoint["failureReason"] = f"The endpoint {self.name} failed (status settled by moto_ext)."
        return {
            "status": status,
            "id": self.id,
            "endpoint": endpoint,
            "endpointConfig": {
                "name": self.config_name,
                "arn": self.sagemaker_arn("endpoint-config", self.config_name),
            },
        }
