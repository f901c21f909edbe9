"""Neptune Data API (boto3 ``neptunedata``): Neptune ML, the bulk loader, the engine status.

What the service does, as the Neptune user guide and API reference state it:

- Neptune ML runs SageMaker work for a graph: a data-processing job (a SageMaker processing job),
  a model-training job (a processing job, then a hyperparameter-tuning job and a model transform),
  a model-transform job, and inference endpoints. Ids are chosen by the caller (1-48 letters,
  digits, hyphens) or generated; each kind of resource has its own ids. A training job needs a
  completed data-processing job; a transform job needs (a completed data-processing job and a
  completed training job) or the name of a completed SageMaker training job; an endpoint needs a
  completed training or transform job. Jobs go InProgress -> Completed | Failed; a running job can
  be cancelled (Stopping -> Stopped), a finished one cannot. Endpoints go Creating -> InService |
  Failed, Updating -> InService, Deleting -> gone.
- The bulk loader reads its source from S3 (moto's S3 here) and counts records per file (feed).
- Every other operation of the API is answered by the response class with the typed
  UnsupportedOperationException.

Status strings are free-form in the model; the values here are the ones Neptune ML reports
(SageMaker's: InProgress, Completed, Failed, Stopping, Stopped; endpoints InService ...).
"""

import hashlib
import re
import time
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Callable
from uuid import uuid4

import botocore.loaders
import botocore.regions
from moto.core.base_backend import BackendDict, BaseBackend
from moto.s3.models import FakeKey, s3_backends

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind

from .exceptions import (
    BadRequestException,
    BulkLoadIdNotFoundException,
    InvalidParameterException,
    MissingParameterException,
    MLResourceNotFoundException,
    PreconditionsFailedException,
    S3Exception,
)
from .feeds import FeedResult, read_feed

# --- resource kinds: statuses and how in-progress ones settle (test controls: core.lifecycle) ---

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

# "Deleted" is never reported: a read that reaches it finds the endpoint gone.
ENDPOINT_DELETED = "Deleted"
ENDPOINT = LifecycleKind(
    "neptunedata.endpoint",
    steps={"Creating": "InService", "Updating": "InService", "Deleting": ENDPOINT_DELETED},
    failures={"Creating": "Failed"},
    statuses=["Creating", "InService", "Updating", "Failed", "Deleting", ENDPOINT_DELETED],
)

LOAD_RUNNING = {"LOAD_NOT_STARTED", "LOAD_IN_PROGRESS"}
LOAD_WAITING = {"LOAD_IN_QUEUE"}
LOADER_JOB = LifecycleKind(
    "neptunedata.loader_job",
    # LOAD_IN_QUEUE is left out on purpose: a queued load starts when the loader is free
    # and its dependencies have completed, which the backend decides (see _observe_load).
    steps={"LOAD_NOT_STARTED": "LOAD_IN_PROGRESS", "LOAD_IN_PROGRESS": "LOAD_COMPLETED"},
    failures={"LOAD_IN_PROGRESS": "LOAD_FAILED"},
    statuses=[
        "LOAD_NOT_STARTED", "LOAD_IN_QUEUE", "LOAD_IN_PROGRESS", "LOAD_COMPLETED",
        "LOAD_CANCELLED_BY_USER", "LOAD_CANCELLED_DUE_TO_ERRORS", "LOAD_UNEXPECTED_ERROR",
        "LOAD_FAILED", "LOAD_S3_READ_ERROR", "LOAD_S3_ACCESS_DENIED_ERROR",
        "LOAD_COMMITTED_W_WRITE_CONFLICTS", "LOAD_DATA_DEADLOCK",
        "LOAD_DATA_FAILED_DUE_TO_FEED_MODIFIED_OR_DELETED",
        "LOAD_FAILED_BECAUSE_DEPENDENCY_NOT_SATISFIED", "LOAD_FAILED_INVALID_REQUEST",
    ],
)

# --- rules on input -------------------------------------------------------------------------------

ID_CHARACTERS = re.compile(r"[A-Za-z0-9-]+")
ROLE_ARN = re.compile(r"arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}")
INSTANCE_TYPE = re.compile(r"ml\.[a-z0-9]+\.[a-z0-9]+")
S3_URI = re.compile(r"s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?")
# modelType of data processing: heterogeneous graph or knowledge graph; custom models declare "custom"
MODEL_TYPES = {"heterogeneous", "kge", "custom"}
# CreateMLEndpoint modelName (API reference)
MODEL_NAMES = {"rgcn", "kge", "transe", "distmult", "rotate"}
DEFAULT_MAX_ITEMS = 10
DEFAULT_LOAD_LIMIT = 100
LOAD_QUEUE_LIMIT = 64  # the loader queues at most 64 requests
INVALID_S3 = "Invalid S3 URL or incorrect S3 permissions. Please check your S3 configuration."
NOT_FOUND = "Invalid ID provided. Please check whether a resource with the given ID exists."
ALREADY_FINISHED = "Failed to stop the job because it has already completed or failed."


def check_id(job_id: str) -> None:
    if not 1 <= len(job_id) <= 48:
        raise InvalidParameterException("Invalid ID provided. ID can be 1-48 alphanumeric characters.")
    if not ID_CHARACTERS.fullmatch(job_id):
        raise InvalidParameterException("Invalid ID provided. Must contain only letters, digits, or hyphens.")


def check_role_arn(value: str | None, name: str) -> None:
    if value is not None and not ROLE_ARN.fullmatch(value):
        raise InvalidParameterException(
            f"Invalid {name} provided: {value!r}. It must be the ARN of an IAM role "
            "(arn:aws:iam::<account id>:role/<role name>)."
        )


def check_instance_type(value: str | None) -> None:
    if value is not None and not INSTANCE_TYPE.fullmatch(value):
        raise InvalidParameterException("Invalid ML instance type.")


def check_at_least(params: dict[str, Any], name: str, low: int) -> None:
    value = params.get(name)
    if value is not None and value < low:
        raise InvalidParameterException(f"Invalid value for {name}: {value}. It must be at least {low}.")


def parse_s3_uri(uri: str) -> tuple[str, str]:
    match = S3_URI.fullmatch(uri)
    if not match:
        raise BadRequestException(INVALID_S3)
    return match.group(1), (match.group(2) or "").rstrip("/")


def sagemaker_name(job_id: str, suffix: str, limit: int = 63) -> str:
    """A SageMaker resource name for a Neptune ML id: alphanumeric ends, at most ``limit`` long.

    [choice] Neptune ML's own naming of the SageMaker resources it starts is not documented;
    the id plus a stage suffix keeps them recognisable and unique per stage.
    """
    base = job_id.strip("-") or "neptune-ml"
    room = limit - len(suffix) - 1
    if len(base) > room:
        digest = hashlib.sha1(job_id.encode()).hexdigest()[:8]
        base = f"{base[: room - 9].rstrip('-')}-{digest}"
    return f"{base}-{suffix}"


@lru_cache(maxsize=None)
def neptune_regions() -> tuple[str, ...]:
    """The regions botocore lists for Neptune (the ``neptune`` model's endpoint prefix), in every partition.

    Read from botocore's data without a Session: a Session fails on an AWS_PROFILE that names a
    missing profile, which must not break a mock.
    """
    loader = botocore.loaders.create_loader()
    resolver = botocore.regions.EndpointResolver(loader.load_data("endpoints"))
    prefix = loader.load_service_model("neptune", "service-2")["metadata"].get("endpointPrefix", "neptune")
    return tuple(
        region
        for partition in resolver.get_available_partitions()
        for region in resolver.get_available_endpoints(prefix, partition)
    )


def now_millis() -> int:
    return int(time.time() * 1000)


# --- Neptune ML -----------------------------------------------------------------------------------


class MLResource:
    """What the Neptune ML jobs and endpoints share: id, creation time, lifecycle, SageMaker ARNs."""

    kind: LifecycleKind
    initial_status = "InProgress"

    def __init__(self, backend: "NeptuneDataBackend", resource_id: str, params: dict[str, Any]) -> None:
        self.region = backend.region_name
        self.account_id = backend.account_id
        self.partition = backend.partition
        self.id = resource_id
        self.params = params
        self.created = now_millis()
        self.lifecycle = Lifecycle(self.kind, self.initial_status, ids=[self.arn])

    @property
    def arn(self) -> str:
        raise NotImplementedError

    @property
    def status(self) -> str:
        return self.lifecycle.status

    def observe(self) -> str:
        return self.lifecycle.observe()

    def sagemaker_arn(self, resource_type: str, name: str) -> str:
        # SageMaker writes resource names in lower case in its ARNs
        return f"arn:{self.partition}:sagemaker:{self.region}:{self.account_id}:{resource_type}/{name.lower()}"

    def log_url(self, group: str, name: str) -> str:
        return (
            f"https://{self.region}.console.aws.amazon.com/cloudwatch/home?region={self.region}"
            f"#logStream:group=/aws/sagemaker/{group};prefix={name};streamFilter=typeLogStreamPrefix"
        )

    def started(self) -> dict[str, Any]:
        return {"id": self.id, "arn": self.arn, "creationTimeInMillis": self.created}


class MLJob(MLResource):
    """A job with an S3 output: its artifacts live under ``<location>/<id>`` (``output``)."""

    output_parameter: str

    def __init__(self, backend: "NeptuneDataBackend", job_id: str, params: dict[str, Any]) -> None:
        # [choice] Each job writes under its own folder of the location it is given, so jobs
        # sharing a location keep apart and `clean` removes exactly one job's artifacts.
        self.output = f"{params[self.output_parameter].rstrip('/')}/{job_id}"
        super().__init__(backend, job_id, params)

    def stage(self, resource_type: str, name: str, log_group: str, status: str | None = None) -> dict[str, Any]:
        """An MlResourceDefinition for one SageMaker resource the job runs."""
        status = status or self.status
        definition = {
            "name": name,
            "arn": self.sagemaker_arn(resource_type, name),
            "status": status,
            "outputLocation": self.output,
            "cloudwatchLogUrl": self.log_url(log_group, name),
        }
        if status == "Failed":
            definition["failureReason"] = f"The {resource_type} {name} failed (status settled by moto_ext)."
        return definition

    def model(self, name: str) -> dict[str, str]:
        return {"name": name, "arn": self.sagemaker_arn("model", name)}


class DataProcessingJob(MLJob):
    kind = DATA_PROCESSING_JOB
    output_parameter = "processedDataS3Location"

    @property
    def processing_name(self) -> str:
        return sagemaker_name(self.id, "dataprocessing")

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("processing-job", self.processing_name)

    def describe(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "id": self.id,
            "processingJob": self.stage("processing-job", self.processing_name, "ProcessingJobs"),
        }


class TrainingJob(MLJob):
    """Model training: a processing job prepares the data, a tuning job trains, a transform
    computes the model artifacts. The tuning job carries the job's status while it runs."""

    kind = TRAINING_JOB
    output_parameter = "trainModelS3Location"

    @property
    def hpo_name(self) -> str:
        return sagemaker_name(self.id, "hpo", limit=32)  # tuning-job names are at most 32 long

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("hyper-parameter-tuning-job", self.hpo_name)

    def describe(self) -> dict[str, Any]:
        status = self.status
        described: dict[str, Any] = {
            "status": status,
            "id": self.id,
            "processingJob": self.stage(
                "processing-job", sagemaker_name(self.id, "training-prep"), "ProcessingJobs", status="Completed"
            ),
            "hpoJob": self.stage("hyper-parameter-tuning-job", self.hpo_name, "TrainingJobs"),
        }
        if status == "Completed":
            described["modelTransformJob"] = self.stage(
                "training-job", sagemaker_name(self.id, "training-transform"), "TrainingJobs"
            )
            described["mlModels"] = [self.model(sagemaker_name(self.id, "model"))]
        return described


class TransformJob(MLJob):
    kind = TRANSFORM_JOB
    output_parameter = "modelTransformOutputS3Location"

    @property
    def remote_name(self) -> str:
        return sagemaker_name(self.id, "modeltransform")

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("training-job", self.remote_name)

    def describe(self) -> dict[str, Any]:
        status = self.status
        described: dict[str, Any] = {
            "status": status,
            "id": self.id,
            "baseProcessingJob": self.stage(
                "processing-job", sagemaker_name(self.id, "transform-prep"), "ProcessingJobs", status="Completed"
            ),
            "remoteModelTransformJob": self.stage("training-job", self.remote_name, "TrainingJobs"),
        }
        if status == "Completed":
            described["models"] = [self.model(sagemaker_name(self.id, "transform-model"))]
        return described


class Endpoint(MLResource):
    kind = ENDPOINT
    initial_status = "Creating"

    def __init__(self, backend: "NeptuneDataBackend", endpoint_id: str, params: dict[str, Any]) -> None:
        self.config_version = 1
        super().__init__(backend, endpoint_id, params)

    @property
    def name(self) -> str:
        return sagemaker_name(self.id, "endpoint")

    @property
    def config_name(self) -> str:
        return sagemaker_name(self.id, f"config-{self.config_version}")

    @property
    def arn(self) -> str:
        return self.sagemaker_arn("endpoint", self.name)

    def update(self, params: dict[str, Any]) -> None:
        """Point the endpoint at another model: a new endpoint configuration, then InService again."""
        self.params = params
        self.config_version += 1
        self.lifecycle.begin("Updating")

    def describe(self) -> dict[str, Any]:
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
            "endpointConfig": {"name": self.config_name, "arn": self.sagemaker_arn("endpoint-config", self.config_name)},
        }


# --- bulk loader ----------------------------------------------------------------------------------


class Feed:
    """One S3 object of a load, read when the load starts."""

    def __init__(self, uri: str, result: FeedResult) -> None:
        self.uri = uri
        self.result = result


class LoaderJob:
    def __init__(self, load_id: str, params: dict[str, Any], feeds: list[Feed], queued: bool) -> None:
        self.id = load_id
        self.params = params
        self.source = params["source"]
        self.feeds = feeds
        self.dependencies: list[str] = list(params.get("dependencies") or [])
        self.start_time = int(time.time())
        self.end_time: int | None = None
        fail_on_error = params.get("failOnError", True)
        # [choice] A source with no objects is accepted and the load settles in LOAD_FAILED
        # (as the loader finds its feeds after the request); a missing bucket is refused at once.
        self.fails = not feeds or (fail_on_error and any(feed.result.errors for feed in feeds))
        self.lifecycle = Lifecycle(LOADER_JOB, "LOAD_IN_QUEUE" if queued else "LOAD_IN_PROGRESS", ids=[load_id])

    @property
    def status(self) -> str:
        return self.lifecycle.status

    @property
    def finished(self) -> bool:
        return self.status not in LOAD_RUNNING | LOAD_WAITING

    def feed_status(self, feed: Feed) -> str:
        status = self.status
        if status == "LOAD_FAILED" and self.fails and not feed.result.errors and any(f.result.errors for f in self.feeds):
            return "LOAD_COMPLETED"  # the failing feeds failed the load; this one was loaded
        return status

    def error_logs(self) -> list[dict[str, Any]]:
        if not self.feeds:
            return [{
                "errorCode": "FILE_NOT_FOUND",
                "errorMessage": f"No files were found at the source {self.source}.",
                "fileName": self.source,
                "recordNum": 0,
            }]
        return [
            {"errorCode": "PARSING_ERROR", "errorMessage": message, "fileName": feed.uri, "recordNum": number}
            for feed in self.feeds
            for number, message in feed.result.errors
        ]

    def _summary(self, uri: str, status: str, feeds: list[Feed]) -> dict[str, Any]:
        done = self.finished and status != "LOAD_CANCELLED_BY_USER"
        end = self.end_time if self.end_time is not None else int(time.time())
        return {
            "fullUri": uri,
            "runNumber": 1,
            "retryNumber": 0,
            "status": status,
            "totalTimeSpent": end - self.start_time,
            "startTime": self.start_time,
            "totalRecords": sum(feed.result.records for feed in feeds) if done else 0,
            "totalDuplicates": 0,
            "parsingErrors": sum(len(feed.result.errors) for feed in feeds) if done else 0,
            "datatypeMismatchErrors": 0,
            "insertErrors": 0,
        }

    def payload(self, details: bool, errors: bool, page: int, per_page: int) -> dict[str, Any]:
        payload: dict[str, Any] = {"overallStatus": self._summary(self.source, self.status, self.feeds)}
        if self.feeds and self.status not in LOAD_WAITING:
            counts: dict[str, int] = {}
            for feed in self.feeds:
                counts[self.feed_status(feed)] = counts.get(self.feed_status(feed), 0) + 1
            payload["feedCount"] = [{status: count} for status, count in counts.items()]
        if details and self.finished:
            failed = [feed for feed in self.feeds if self.feed_status(feed) not in ("LOAD_COMPLETED",)]
            payload["failedFeeds"] = [self._summary(feed.uri, self.feed_status(feed), [feed]) for feed in failed]
        if errors and self.finished:
            logs = self.error_logs() if self.status != "LOAD_CANCELLED_BY_USER" else []
            start = (page - 1) * per_page
            shown = logs[start : start + per_page]
            payload["errors"] = {
                "startIndex": start + 1 if shown else 0,
                "endIndex": start + len(shown) if shown else 0,
                "loadId": self.id,
                "errorLogs": shown,
            }
        return payload


# --- the backend ----------------------------------------------------------------------------------


class NeptuneDataBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.data_processing_jobs: dict[str, DataProcessingJob] = {}
        self.training_jobs: dict[str, TrainingJob] = {}
        self.transform_jobs: dict[str, TransformJob] = {}
        self.endpoints: dict[str, Endpoint] = {}
        self.loader_jobs: dict[str, LoaderJob] = {}
        self.engine_started = datetime.now(timezone.utc)

    # --- shared rules --------------------------------------------------------------------------
    @staticmethod
    def _check_roles(params: dict[str, Any]) -> None:
        check_role_arn(params.get("neptuneIamRoleArn"), "neptuneIamRoleArn")
        check_role_arn(params.get("sagemakerIamRoleArn"), "sagemakerIamRoleArn")

    @staticmethod
    def _new_id(given: str | None, existing: dict[str, Any], generate: Callable[[], str]) -> str:
        if given is None:
            return generate()
        check_id(given)
        if given in existing:
            raise InvalidParameterException("Another resource with same ID already exists. Please use a new ID.")
        return given

    @staticmethod
    def _find(resources: dict[str, Any], resource_id: str) -> Any:
        resource = resources.get(resource_id)
        if resource is None:
            raise MLResourceNotFoundException(NOT_FOUND)
        return resource

    @staticmethod
    def _completed(resources: dict[str, Any], resource_id: str, missing: str, unfinished: str) -> Any:
        # A precondition reads the status without moving it.
        resource = resources.get(resource_id)
        if resource is None:
            raise BadRequestException(missing)
        if resource.status != "Completed":
            raise BadRequestException(unfinished)
        return resource

    @property
    def _s3(self) -> Any:
        return s3_backends[self.account_id][self.partition]

    def _bucket(self, name: str) -> Any:
        try:
            return self._s3.get_bucket(name)
        except Exception:  # MissingBucket, or a bucket of another account moto keeps locked
            return None

    def _check_s3(self, uri: str) -> None:
        """An S3 location Neptune ML reads or writes: well formed, in a bucket that exists."""
        bucket, _ = parse_s3_uri(uri)
        if self._bucket(bucket) is None:
            raise BadRequestException(INVALID_S3)

    def _objects(self, uri: str, folder: bool) -> list[tuple[str, Any]]:
        """(key, FakeKey) of the objects an S3 URI names, in key order: with ``folder``, the object
        itself and everything under ``<uri>/``; otherwise every key starting with the URI's key
        (the loader's reading of a source, which skips folder markers: keys ending in "/")."""
        bucket_name, prefix = parse_s3_uri(uri)
        bucket = self._bucket(bucket_name)
        if bucket is None:
            return []

        def named(name: str) -> bool:
            if folder:
                return not prefix or name == prefix or name.startswith(prefix + "/")
            return name.startswith(prefix)

        return sorted(
            (name, key)
            for name, key in bucket.keys.items()
            if isinstance(key, FakeKey) and named(name) and (folder or not name.endswith("/"))
        )

    def _clean(self, uri: str) -> None:
        bucket_name, _ = parse_s3_uri(uri)
        for name, _key in self._objects(uri, folder=True):
            self._s3.delete_object(bucket_name, name)

    @staticmethod
    def _newest_first(resources: dict[str, Any], max_items: int | None) -> list[str]:
        return [resource.id for resource in reversed(list(resources.values()))][: max_items or DEFAULT_MAX_ITEMS]

    def _cancel(self, job: MLJob, clean: bool | None) -> str:
        """Stop a running job; the answer is the status it enters ([choice] the documented
        output is only "the status of the cancellation")."""
        if job.status != "InProgress":
            raise InvalidParameterException(ALREADY_FINISHED)
        if clean:
            self._clean(job.output)
        job.lifecycle.begin("Stopping")
        return job.status

    # --- data processing -----------------------------------------------------------------------
    def start_ml_data_processing_job(self, params: dict[str, Any]) -> DataProcessingJob:
        self._check_roles(params)
        job_id = self._new_id(params.get("id"), self.data_processing_jobs, lambda: str(uuid4()))
        self._check_s3(params["inputDataS3Location"])
        self._check_s3(params["processedDataS3Location"])
        check_instance_type(params.get("processingInstanceType"))
        check_at_least(params, "processingInstanceVolumeSizeInGB", 0)
        check_at_least(params, "processingTimeOutInSeconds", 1)
        model_type = params.get("modelType")
        if model_type is not None and model_type not in MODEL_TYPES:
            raise InvalidParameterException(
                f"Invalid modelType: {model_type}. Valid values are {', '.join(sorted(MODEL_TYPES))}."
            )
        previous = params.get("previousDataProcessingJobId")
        if previous is not None:
            self._completed(
                self.data_processing_jobs, previous,
                "Provided MLDataProcessing job doesn't exist.", "Provided MLDataProcessing job is not completed.",
            )
        job = DataProcessingJob(self, job_id, params)
        self.data_processing_jobs[job_id] = job
        return job

    def get_ml_data_processing_job(self, job_id: str, params: dict[str, Any]) -> DataProcessingJob:
        self._check_roles(params)
        job = self._find(self.data_processing_jobs, job_id)
        job.observe()
        return job

    def list_ml_data_processing_jobs(self, max_items: int | None, params: dict[str, Any]) -> list[str]:
        self._check_roles(params)
        return self._newest_first(self.data_processing_jobs, max_items)

    def cancel_ml_data_processing_job(self, job_id: str, clean: bool | None, params: dict[str, Any]) -> str:
        self._check_roles(params)
        return self._cancel(self._find(self.data_processing_jobs, job_id), clean)

    # --- model training ------------------------------------------------------------------------
    def start_ml_model_training_job(self, params: dict[str, Any]) -> TrainingJob:
        self._check_roles(params)
        job_id = self._new_id(params.get("id"), self.training_jobs, lambda: str(uuid4()))
        self._check_s3(params["trainModelS3Location"])
        custom = params.get("customModelTrainingParameters")
        if custom:
            self._check_s3(custom["sourceS3DirectoryPath"])
        check_instance_type(params.get("baseProcessingInstanceType"))
        check_instance_type(params.get("trainingInstanceType"))
        check_at_least(params, "trainingInstanceVolumeSizeInGB", 0)
        check_at_least(params, "trainingTimeOutInSeconds", 1)
        check_at_least(params, "maxHPONumberOfTrainingJobs", 1)
        check_at_least(params, "maxHPOParallelTrainingJobs", 1)
        self._completed(
            self.data_processing_jobs, params["dataProcessingJobId"],
            "Provided MLDataProcessing job doesn't exist.", "Provided MLDataProcessing job is not completed.",
        )
        previous = params.get("previousModelTrainingJobId")
        if previous is not None:
            self._completed(
                self.training_jobs, previous,
                "Provided MLModelTraining job doesn't exist.", "Provided ModelTraining job has not completed.",
            )
        job = TrainingJob(self, job_id, params)
        self.training_jobs[job_id] = job
        return job

    def get_ml_model_training_job(self, job_id: str, params: dict[str, Any]) -> TrainingJob:
        self._check_roles(params)
        job = self._find(self.training_jobs, job_id)
        job.observe()
        return job

    def list_ml_model_training_jobs(self, max_items: int | None, params: dict[str, Any]) -> list[str]:
        self._check_roles(params)
        return self._newest_first(self.training_jobs, max_items)

    def cancel_ml_model_training_job(self, job_id: str, clean: bool | None, params: dict[str, Any]) -> str:
        self._check_roles(params)
        return self._cancel(self._find(self.training_jobs, job_id), clean)

    # --- model transform -----------------------------------------------------------------------
    def start_ml_model_transform_job(self, params: dict[str, Any]) -> TransformJob:
        self._check_roles(params)
        job_id = self._new_id(params.get("id"), self.transform_jobs, lambda: str(uuid4()))
        self._check_s3(params["modelTransformOutputS3Location"])
        custom = params.get("customModelTransformParameters")
        if custom:
            self._check_s3(custom["sourceS3DirectoryPath"])
        check_instance_type(params.get("baseProcessingInstanceType"))
        check_at_least(params, "baseProcessingInstanceVolumeSizeInGB", 0)
        processing_id = params.get("dataProcessingJobId")
        training_id = params.get("mlModelTrainingJobId")
        training_job_name = params.get("trainingJobName")
        if not (processing_id and training_id) and not training_job_name:
            raise MissingParameterException(
                "Provide both dataProcessingJobId and mlModelTrainingJobId, or a trainingJobName."
            )
        if processing_id and training_id:
            self._completed(
                self.data_processing_jobs, processing_id,
                "Provided MLDataProcessing job doesn't exist.", "Provided MLDataProcessing job is not completed.",
            )
            self._completed(
                self.training_jobs, training_id,
                "Provided MLModelTraining job doesn't exist.", "Provided ModelTraining job has not completed.",
            )
        if training_job_name:
            self._check_sagemaker_training_job(training_job_name)
        job = TransformJob(self, job_id, params)
        self.transform_jobs[job_id] = job
        return job

    def _check_sagemaker_training_job(self, name: str) -> None:
        """trainingJobName names a SageMaker training job: look it up in moto's SageMaker."""
        from moto.sagemaker.models import sagemaker_backends

        try:
            training_job = sagemaker_backends[self.account_id][self.region_name].training_jobs.get(name)
        except KeyError:  # a region moto's SageMaker does not serve has no training jobs
            training_job = None
        if training_job is None:
            raise BadRequestException("Unable to find SageMaker AI resource. Please check your input.")
        if training_job.training_job_status != "Completed":
            raise BadRequestException("Provided SageMaker AI Training job has not completed.")

    def get_ml_model_transform_job(self, job_id: str, params: dict[str, Any]) -> TransformJob:
        self._check_roles(params)
        job = self._find(self.transform_jobs, job_id)
        job.observe()
        return job

    def list_ml_model_transform_jobs(self, max_items: int | None, params: dict[str, Any]) -> list[str]:
        self._check_roles(params)
        return self._newest_first(self.transform_jobs, max_items)

    def cancel_ml_model_transform_job(self, job_id: str, clean: bool | None, params: dict[str, Any]) -> str:
        self._check_roles(params)
        return self._cancel(self._find(self.transform_jobs, job_id), clean)

    # --- inference endpoints -------------------------------------------------------------------
    def create_ml_endpoint(self, params: dict[str, Any]) -> Endpoint:
        self._check_roles(params)
        check_instance_type(params.get("instanceType"))
        check_at_least(params, "instanceCount", 1)
        model_name = params.get("modelName")
        if model_name is not None and model_name not in MODEL_NAMES:
            raise InvalidParameterException(
                f"Invalid modelName: {model_name}. Valid values are {', '.join(sorted(MODEL_NAMES))}."
            )
        training_id = params.get("mlModelTrainingJobId")
        transform_id = params.get("mlModelTransformJobId")
        if not training_id and not transform_id:
            raise MissingParameterException("Provide either mlModelTrainingJobId or mlModelTransformJobId.")
        if training_id and transform_id:
            # [choice] The API asks for one or the other; both would leave the model ambiguous.
            raise InvalidParameterException("Provide either mlModelTrainingJobId or mlModelTransformJobId, not both.")
        if params.get("update"):
            endpoint_id = params.get("id")
            if endpoint_id is None:
                raise MissingParameterException("The id of the endpoint to update is required when update is true.")
            endpoint = self._find(self.endpoints, endpoint_id)
            if endpoint.status not in ("InService", "Failed"):
                raise PreconditionsFailedException(
                    f"The endpoint {endpoint_id} cannot be updated while its status is {endpoint.status}."
                )
        else:
            endpoint_id = self._new_id(
                params.get("id"), self.endpoints,
                # the documented default is an autogenerated timestamped name
                lambda: f"{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{uuid4().hex[:8]}",
            )
        if training_id:
            self._completed(
                self.training_jobs, training_id,
                "Provided MLModelTraining job doesn't exist.", "Provided ModelTraining job has not completed.",
            )
        else:
            self._completed(
                self.transform_jobs, transform_id,
                "Provided ModelTransformJob doesn't exist.", "Provided ModelTransformJob has not completed.",
            )
        if params.get("update"):
            endpoint.update(params)
            return endpoint
        endpoint = Endpoint(self, endpoint_id, params)
        self.endpoints[endpoint_id] = endpoint
        return endpoint

    def get_ml_endpoint(self, endpoint_id: str, params: dict[str, Any]) -> Endpoint:
        self._check_roles(params)
        endpoint = self._find(self.endpoints, endpoint_id)
        if endpoint.observe() == ENDPOINT_DELETED:
            del self.endpoints[endpoint_id]
            raise MLResourceNotFoundException(NOT_FOUND)
        return endpoint

    def list_ml_endpoints(self, max_items: int | None, params: dict[str, Any]) -> list[str]:
        self._check_roles(params)
        for endpoint_id in [e.id for e in self.endpoints.values() if e.status == ENDPOINT_DELETED]:
            del self.endpoints[endpoint_id]
        return self._newest_first(self.endpoints, max_items)

    def delete_ml_endpoint(self, endpoint_id: str, clean: bool | None, params: dict[str, Any]) -> str:
        """Delete an endpoint (or cancel its creation). [choice] `clean` has no S3 artifacts to
        remove here: an endpoint serves the model its training or transform job wrote."""
        self._check_roles(params)
        endpoint = self._find(self.endpoints, endpoint_id)
        if endpoint.status in ("Deleting", ENDPOINT_DELETED):
            raise BadRequestException(f"The endpoint {endpoint_id} is already being deleted.")
        endpoint.lifecycle.begin("Deleting")
        return endpoint.status

    # --- bulk loader ---------------------------------------------------------------------------
    def start_loader_job(self, params: dict[str, Any]) -> LoaderJob:
        source = params["source"]
        match = S3_URI.fullmatch(source)
        if not match:
            raise BadRequestException(f"Invalid source: {source}. The source must be an S3 URI (s3://bucket/key).")
        # a comma-separated list of role ARNs chains the roles
        for role_arn in params["iamRoleArn"].split(","):
            check_role_arn(role_arn.strip(), "iamRoleArn")
        bucket = self._bucket(match.group(1))
        if bucket is None:
            raise S3Exception(f"Failed to start new load from the source {source}: the bucket {match.group(1)} does not exist.")
        if bucket.region_name != params["s3BucketRegion"]:
            raise S3Exception(
                f"Failed to start new load from the source {source}: the bucket is in {bucket.region_name}, "
                f"not in the s3BucketRegion {params['s3BucketRegion']}."
            )
        for dependency in params.get("dependencies") or []:
            if dependency not in self.loader_jobs:
                raise BulkLoadIdNotFoundException(f"The load id {dependency} given in dependencies was not found.")
        queued = bool(params.get("dependencies")) or any(job.status in LOAD_RUNNING for job in self.loader_jobs.values())
        if queued:
            if not params.get("queueRequest"):
                raise BadRequestException(
                    f"Failed to start new load for the source {source}. Max concurrent load limit breached with limit 1. "
                    "Set queueRequest to TRUE to queue the request."
                )
            if sum(job.status in LOAD_WAITING for job in self.loader_jobs.values()) >= LOAD_QUEUE_LIMIT:
                raise BadRequestException(f"Failed to queue the load: the queue already holds {LOAD_QUEUE_LIMIT} requests.")
        feeds = [
            Feed(f"s3://{bucket.name}/{name}", read_feed(key.value, name, params["format"]))
            for name, key in self._objects(source, folder=False)
        ]
        load_id = str(uuid4())
        job = LoaderJob(load_id, params, feeds, queued)
        self.loader_jobs[load_id] = job
        return job

    def _find_load(self, load_id: str) -> LoaderJob:
        job = self.loader_jobs.get(load_id)
        if job is None:
            raise BulkLoadIdNotFoundException(f"The load with id = {load_id} is not found.")
        return job

    def _observe_load(self, job: LoaderJob) -> None:
        before = job.status
        if before in LOAD_WAITING:
            dependencies = [self.loader_jobs[d] for d in job.dependencies if d in self.loader_jobs]
            if any(d.finished and d.status != "LOAD_COMPLETED" for d in dependencies):
                job.lifecycle.begin("LOAD_FAILED_BECAUSE_DEPENDENCY_NOT_SATISFIED")
            elif all(d.status == "LOAD_COMPLETED" for d in dependencies) and not any(
                other.status in LOAD_RUNNING for other in self.loader_jobs.values()
            ):
                job.lifecycle.begin("LOAD_IN_PROGRESS")
        else:
            after = job.lifecycle.observe()
            if before in LOAD_RUNNING and after == "LOAD_COMPLETED" and job.fails:
                job.lifecycle.force("LOAD_FAILED")
        if job.finished and job.end_time is None:
            job.end_time = int(time.time())

    def get_loader_job_status(
        self, load_id: str, details: bool | None, errors: bool | None, page: int | None, per_page: int | None
    ) -> dict[str, Any]:
        job = self._find_load(load_id)
        self._observe_load(job)
        return job.payload(bool(details), bool(errors), page or 1, per_page or 10)

    def list_loader_jobs(self, limit: int | None, include_queued: bool | None) -> list[str]:
        jobs = reversed(list(self.loader_jobs.values()))
        if include_queued is False:
            jobs = (job for job in jobs if job.status not in LOAD_WAITING)
        return [job.id for job in jobs][: limit or DEFAULT_LOAD_LIMIT]

    def cancel_loader_job(self, load_id: str) -> None:
        job = self._find_load(load_id)
        if job.finished:
            # [choice] The loader's answer for cancelling a finished load is not documented.
            raise BadRequestException(f"Failed to cancel load {load_id}: the load has already finished with {job.status}.")
        job.lifecycle.begin("LOAD_CANCELLED_BY_USER")
        job.end_time = int(time.time())

    # --- engine --------------------------------------------------------------------------------
    def get_engine_status(self) -> dict[str, Any]:
        # A healthy writer; the versions are those of a current Neptune engine release.
        return {
            "status": "healthy",
            "startTime": self.engine_started.strftime("%a %b %d %H:%M:%S UTC %Y"),
            "dbEngineVersion": "1.4.5.1.R1",
            "role": "writer",
            "dfeQueryEngine": "viaQueryHint",
            "gremlin": {"version": "tinkerpop-3.7.3"},
            "sparql": {"version": "sparql-11"},
            "opencypher": {"version": "Neptune-9.0.20190305-1.0"},
            "labMode": {"ObjectIndex": "disabled", "ReadWriteConflictDetection": "enabled"},
            "features": {
                "SlowQueryLogs": "disabled",
                "ResultCache": {"status": "disabled"},
                "IAMAuthentication": "enabled",
                "Streams": "disabled",
                "AuditLog": "disabled",
            },
            "settings": {"clusterQueryTimeoutInMs": "120000", "SlowQueryLogsThreshold": "5000"},
            "rollingBackTrxCount": 0,
        }


class NeptuneDataBackendDict(BackendDict):
    """moto's BackendDict, taking Neptune's regions from botocore when the first account is used
    rather than at import."""

    def _create_account_specific_backend(self, account_id: str) -> None:
        if self._additional_regions is None:
            self._additional_regions = list(neptune_regions())
        super()._create_account_specific_backend(account_id)


neptunedata_backends = NeptuneDataBackendDict(NeptuneDataBackend, "neptunedata", use_boto3_regions=False)


def backend_for(account_id: str, region: str) -> NeptuneDataBackend:
    account = neptunedata_backends[account_id]
    if region not in account.regions:
        # [choice] A region botocore does not (yet) list for Neptune still gets a backend: the
        # SigV4 scope is the only region a cluster request carries, and a mock must not 500 on it.
        account.regions.append(region)
    return account[region]
