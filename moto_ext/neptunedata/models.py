"""Neptune Data API (boto3 ``neptunedata``): Neptune ML, the bulk loader, the graph, the engine status.

What the service does, as the Neptune user guide and API reference state it:

- Neptune ML runs SageMaker work for a graph (ml.py): a data-processing job (a SageMaker
  processing job), a model-training job (a processing job, then a hyperparameter-tuning job and a
  model transform), a model-transform job, and inference endpoints. Ids are chosen by the caller
  (1-48 letters, digits, hyphens) or generated; each kind of resource has its own ids. A training
  job needs a completed data-processing job; a transform job needs (a completed data-processing job
  and a completed training job) or the name of a completed SageMaker training job; an endpoint
  needs a completed training or transform job. A running job can be cancelled, a finished one
  cannot.
- The bulk loader (loader.py) reads its source from S3 (moto's S3 here), counts records per
  file (feed) and writes them into the cluster's data (graph/): the property-graph formats into
  its property graph, the RDF formats into its RDF store; one load runs at a time, others queue.
- The graph operations (graph/backend.py, the GraphOperations base of the backend): openCypher
  and Gremlin queries (Neptune ML inference queries against the endpoints here), SPARQL at
  /sparql, explain and profile, statistics and summaries, streams.
- Fast reset (ExecuteFastReset) is a token exchange: initiate, then perform with the token; it
  empties the cluster's data and removes Neptune ML's metadata about its jobs and endpoints
  (user guide, "fast reset API").
- Every other operation of the API is answered by the response class with the typed
  UnsupportedOperationException.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar
from uuid import uuid4

from moto.core.base_backend import BaseBackend

from moto_ext.core import s3
from moto_ext.core.backends import AnyRegionBackendDict
from moto_ext.core.paging import Catalog

from . import outputs
from .engine import EngineStatus
from .exceptions import (
    BadRequestException,
    BulkLoadIdNotFoundException,
    InvalidParameterException,
    MissingParameterException,
    MLResourceNotFoundException,
    PreconditionsFailedException,
    S3Exception,
)
from .graph.backend import GraphOperations
from .loader import LOAD_RUNNING, LOAD_WAITING, LoaderJob, read_object
from .ml import DataProcessingJob, Endpoint, MLJob, MLResource, TrainingJob, TransformJob
from .regions import neptune_regions
from .rules import (
    INVALID_S3,
    MODEL_NAMES,
    MODEL_TYPES,
    check_at_least,
    check_id,
    check_instance_type,
    check_one_of,
    check_role_arn,
    check_roles,
    parse_s3_uri,
)

DEFAULT_MAX_ITEMS = 10
DEFAULT_LOAD_LIMIT = 100
NOT_FOUND = "Invalid ID provided. Please check whether a resource with the given ID exists."
ALREADY_FINISHED = "Failed to stop the job because it has already completed or failed."
PROCESSING_MISSING = "Provided MLDataProcessing job doesn't exist."
PROCESSING_UNFINISHED = "Provided MLDataProcessing job is not completed."
TRAINING_MISSING = "Provided MLModelTraining job doesn't exist."
TRAINING_UNFINISHED = "Provided ModelTraining job has not completed."

Resource = TypeVar("Resource", bound=MLResource)


@dataclass
class Quotas:
    """The bulk loader's limits (tests lower them: ``backend.quotas.queued_loads = 1``)."""

    concurrent_loads: int = 1  # a load arriving while this many run must queue
    queued_loads: int = 64  # the loader queues at most 64 requests


def _lifecycle(resource: MLResource) -> list[Any]:
    return [resource.lifecycle]


# --- the backend ----------------------------------------------------------------------------------


class NeptuneDataBackend(GraphOperations, BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # Catalogs: a list looks only at the resources in progress (``in_progress()``)
        self.data_processing_jobs: Catalog[str, DataProcessingJob] = Catalog(lifecycles=_lifecycle)
        self.training_jobs: Catalog[str, TrainingJob] = Catalog(lifecycles=_lifecycle)
        self.transform_jobs: Catalog[str, TransformJob] = Catalog(lifecycles=_lifecycle)
        self.endpoints: Catalog[str, Endpoint] = Catalog(lifecycles=_lifecycle)
        self.loader_jobs: dict[str, LoaderJob] = {}
        self.engine = EngineStatus(started=datetime.now(timezone.utc))
        self.quotas = Quotas()
        self.reset_token: str | None = None
        self.graphs = {}  # cluster endpoint host -> its graph (graph/backend.py)
        self.rdf_stores = {}  # cluster endpoint host -> its RDF data
        self.graph_statistics = {}  # ("pg" or "rdf", cluster endpoint host) -> its DFE statistics
        self.ml_predictions = {}  # endpoint id -> what its Gremlin inference queries answer
        self.streams = {}  # ("pg" or "rdf", cluster endpoint host) -> its change log, while streams are on

    # --- shared rules --------------------------------------------------------------------------
    @staticmethod
    def _new_id(given: str | None, existing: Mapping[str, Any], generate: Callable[[], str]) -> str:
        if given is None:
            return generate()
        check_id(given)
        if given in existing:
            raise InvalidParameterException("Another resource with same ID already exists. Please use a new ID.")
        return given

    @staticmethod
    def _find(resources: Mapping[str, Resource], resource_id: str) -> Resource:
        resource = resources.get(resource_id)
        if resource is None:
            raise MLResourceNotFoundException(NOT_FOUND)
        return resource

    @staticmethod
    def _completed(resources: Mapping[str, Any], resource_id: str, missing: str, unfinished: str) -> None:
        # A dependent checking its input looks at it (and may move it, as any look does).
        resource = resources.get(resource_id)
        if resource is None:
            raise BadRequestException(missing)
        if resource.observe() != "Completed":
            raise BadRequestException(unfinished)

    @staticmethod
    def _newest_first(resources: Catalog[str, Resource], max_items: int | None) -> list[Resource]:
        """A list looks at every resource it could report; only those in progress can move, so
        they are the ones looked at (in creation order) and the list costs its page, not the
        backend. Those gone by then (a deleted endpoint) have left ``resources`` through their
        on_gone before the page is read."""
        for resource in resources.in_progress():
            resource.observe()
        return resources.view(descending=True)[: max_items or DEFAULT_MAX_ITEMS]

    def _check_s3(self, uri: str) -> None:
        """An S3 location Neptune ML reads or writes: well formed, in a bucket that exists."""
        bucket_name, _ = parse_s3_uri(uri)
        if not s3.bucket_exists(self.account_id, self.partition, bucket_name):
            raise BadRequestException(INVALID_S3)

    def _cancel(self, job: MLJob, clean: bool | None) -> MLJob:
        """Stop a running job ([choice] the documented answer is only "the status of the
        cancellation": the status the job enters); ``clean`` deletes its S3 artifacts.

        [choice] A cancel acts on the status the program last saw: it reads the status without
        taking a step (``time`` mode has already moved it, see lifecycle.tick), so a program
        that saw InProgress can cancel in ``immediate`` mode too."""
        if job.status != "InProgress":
            raise InvalidParameterException(ALREADY_FINISHED)
        if clean:
            bucket_name, folder = parse_s3_uri(job.output)
            s3.delete_prefix(self.account_id, self.partition, bucket_name, folder + "/")
        job.lifecycle.begin("Stopping")
        return job

    # --- data processing -----------------------------------------------------------------------
    def start_ml_data_processing_job(
        self,
        *,
        job_id: str | None,
        input_data_s3_location: str,
        processed_data_s3_location: str,
        previous_data_processing_job_id: str | None = None,
        sagemaker_iam_role_arn: str | None = None,
        neptune_iam_role_arn: str | None = None,
        processing_instance_type: str | None = None,
        processing_instance_volume_size_in_gb: int | None = None,
        processing_time_out_in_seconds: int | None = None,
        model_type: str | None = None,
    ) -> DataProcessingJob:
        check_roles(neptune_iam_role_arn, sagemaker_iam_role_arn)
        job_id = self._new_id(job_id, self.data_processing_jobs, lambda: str(uuid4()))
        self._check_s3(input_data_s3_location)
        self._check_s3(processed_data_s3_location)
        check_instance_type(processing_instance_type)
        check_at_least("processingInstanceVolumeSizeInGB", processing_instance_volume_size_in_gb, 0)
        check_at_least("processingTimeOutInSeconds", processing_time_out_in_seconds, 1)
        check_one_of("modelType", model_type, MODEL_TYPES)
        if previous_data_processing_job_id is not None:
            self._completed(
                self.data_processing_jobs, previous_data_processing_job_id, PROCESSING_MISSING, PROCESSING_UNFINISHED
            )
        job = DataProcessingJob(self, job_id, processed_data_s3_location, model_type)
        self.data_processing_jobs[job_id] = job
        return job

    def get_ml_data_processing_job(self, job_id: str, neptune_iam_role_arn: str | None = None) -> DataProcessingJob:
        check_roles(neptune_iam_role_arn)
        job = self._find(self.data_processing_jobs, job_id)
        job.observe()
        return job

    def list_ml_data_processing_jobs(
        self, max_items: int | None = None, neptune_iam_role_arn: str | None = None
    ) -> list[DataProcessingJob]:
        check_roles(neptune_iam_role_arn)
        return self._newest_first(self.data_processing_jobs, max_items)

    def cancel_ml_data_processing_job(
        self, job_id: str, clean: bool | None = None, neptune_iam_role_arn: str | None = None
    ) -> MLJob:
        check_roles(neptune_iam_role_arn)
        return self._cancel(self._find(self.data_processing_jobs, job_id), clean)

    # --- model training ------------------------------------------------------------------------
    def start_ml_model_training_job(
        self,
        *,
        job_id: str | None,
        data_processing_job_id: str,
        train_model_s3_location: str,
        previous_model_training_job_id: str | None = None,
        sagemaker_iam_role_arn: str | None = None,
        neptune_iam_role_arn: str | None = None,
        base_processing_instance_type: str | None = None,
        training_instance_type: str | None = None,
        training_instance_volume_size_in_gb: int | None = None,
        training_time_out_in_seconds: int | None = None,
        max_hpo_number_of_training_jobs: int | None = None,
        max_hpo_parallel_training_jobs: int | None = None,
        custom_model_training_parameters: dict[str, Any] | None = None,
    ) -> TrainingJob:
        check_roles(neptune_iam_role_arn, sagemaker_iam_role_arn)
        job_id = self._new_id(job_id, self.training_jobs, lambda: str(uuid4()))
        self._check_s3(train_model_s3_location)
        if custom_model_training_parameters:
            self._check_s3(custom_model_training_parameters["sourceS3DirectoryPath"])
        check_instance_type(base_processing_instance_type)
        check_instance_type(training_instance_type)
        check_at_least("trainingInstanceVolumeSizeInGB", training_instance_volume_size_in_gb, 0)
        check_at_least("trainingTimeOutInSeconds", training_time_out_in_seconds, 1)
        check_at_least("maxHPONumberOfTrainingJobs", max_hpo_number_of_training_jobs, 1)
        check_at_least("maxHPOParallelTrainingJobs", max_hpo_parallel_training_jobs, 1)
        self._completed(self.data_processing_jobs, data_processing_job_id, PROCESSING_MISSING, PROCESSING_UNFINISHED)
        if previous_model_training_job_id is not None:
            self._completed(self.training_jobs, previous_model_training_job_id, TRAINING_MISSING, TRAINING_UNFINISHED)
        job = TrainingJob(self, job_id, train_model_s3_location, self._hpo_configuration(data_processing_job_id))
        self.training_jobs[job_id] = job
        return job

    def _hpo_configuration(self, data_processing_job_id: str) -> bytes:
        """The hyperparameter configuration training starts from: the file in the data-processing
        job's output, as the user may have edited it (user guide, "Customizing model
        hyperparameter configurations"), else the one that job wrote."""
        processing = self.data_processing_jobs[data_processing_job_id]
        bucket_name, folder = s3.split_uri(processing.output)
        try:
            return s3.read(self.account_id, self.partition, bucket_name, f"{folder}/{outputs.HPO_CONFIGURATION}")
        except s3.S3LocationError:
            return outputs.hpo_configuration(processing.model_type)

    def get_ml_model_training_job(self, job_id: str, neptune_iam_role_arn: str | None = None) -> TrainingJob:
        check_roles(neptune_iam_role_arn)
        job = self._find(self.training_jobs, job_id)
        job.observe()
        return job

    def list_ml_model_training_jobs(
        self, max_items: int | None = None, neptune_iam_role_arn: str | None = None
    ) -> list[TrainingJob]:
        check_roles(neptune_iam_role_arn)
        return self._newest_first(self.training_jobs, max_items)

    def cancel_ml_model_training_job(
        self, job_id: str, clean: bool | None = None, neptune_iam_role_arn: str | None = None
    ) -> MLJob:
        check_roles(neptune_iam_role_arn)
        return self._cancel(self._find(self.training_jobs, job_id), clean)

    # --- model transform -----------------------------------------------------------------------
    def start_ml_model_transform_job(
        self,
        *,
        job_id: str | None,
        model_transform_output_s3_location: str,
        data_processing_job_id: str | None = None,
        ml_model_training_job_id: str | None = None,
        training_job_name: str | None = None,
        sagemaker_iam_role_arn: str | None = None,
        neptune_iam_role_arn: str | None = None,
        custom_model_transform_parameters: dict[str, Any] | None = None,
        base_processing_instance_type: str | None = None,
        base_processing_instance_volume_size_in_gb: int | None = None,
    ) -> TransformJob:
        check_roles(neptune_iam_role_arn, sagemaker_iam_role_arn)
        job_id = self._new_id(job_id, self.transform_jobs, lambda: str(uuid4()))
        self._check_s3(model_transform_output_s3_location)
        if custom_model_transform_parameters:
            self._check_s3(custom_model_transform_parameters["sourceS3DirectoryPath"])
        check_instance_type(base_processing_instance_type)
        check_at_least("baseProcessingInstanceVolumeSizeInGB", base_processing_instance_volume_size_in_gb, 0)
        if not (data_processing_job_id and ml_model_training_job_id) and not training_job_name:
            raise MissingParameterException(
                "Provide both dataProcessingJobId and mlModelTrainingJobId, or a trainingJobName."
            )
        if data_processing_job_id and ml_model_training_job_id:
            self._completed(
                self.data_processing_jobs, data_processing_job_id, PROCESSING_MISSING, PROCESSING_UNFINISHED
            )
            self._completed(self.training_jobs, ml_model_training_job_id, TRAINING_MISSING, TRAINING_UNFINISHED)
        if training_job_name:
            self._check_sagemaker_training_job(training_job_name)
        job = TransformJob(self, job_id, model_transform_output_s3_location)
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

    def get_ml_model_transform_job(self, job_id: str, neptune_iam_role_arn: str | None = None) -> TransformJob:
        check_roles(neptune_iam_role_arn)
        job = self._find(self.transform_jobs, job_id)
        job.observe()
        return job

    def list_ml_model_transform_jobs(
        self, max_items: int | None = None, neptune_iam_role_arn: str | None = None
    ) -> list[TransformJob]:
        check_roles(neptune_iam_role_arn)
        return self._newest_first(self.transform_jobs, max_items)

    def cancel_ml_model_transform_job(
        self, job_id: str, clean: bool | None = None, neptune_iam_role_arn: str | None = None
    ) -> MLJob:
        check_roles(neptune_iam_role_arn)
        return self._cancel(self._find(self.transform_jobs, job_id), clean)

    # --- inference endpoints -------------------------------------------------------------------
    def create_ml_endpoint(
        self,
        *,
        endpoint_id: str | None = None,
        ml_model_training_job_id: str | None = None,
        ml_model_transform_job_id: str | None = None,
        update: bool | None = None,
        neptune_iam_role_arn: str | None = None,
        model_name: str | None = None,
        instance_type: str | None = None,
        instance_count: int | None = None,
    ) -> Endpoint:
        check_roles(neptune_iam_role_arn)
        check_instance_type(instance_type)
        check_at_least("instanceCount", instance_count, 1)
        check_one_of("modelName", model_name, MODEL_NAMES)
        if not ml_model_training_job_id and not ml_model_transform_job_id:
            raise MissingParameterException("Provide either mlModelTrainingJobId or mlModelTransformJobId.")
        if ml_model_training_job_id and ml_model_transform_job_id:
            # [choice] The API asks for one or the other; both would leave the model ambiguous.
            raise InvalidParameterException("Provide either mlModelTrainingJobId or mlModelTransformJobId, not both.")
        if update:
            if endpoint_id is None:
                raise MissingParameterException("The id of the endpoint to update is required when update is true.")
            endpoint = self._find(self.endpoints, endpoint_id)
            if endpoint.status not in ("InService", "Failed"):
                raise PreconditionsFailedException(
                    f"The endpoint {endpoint_id} cannot be updated while its status is {endpoint.status}."
                )
        else:
            endpoint_id = self._new_id(
                endpoint_id,
                self.endpoints,
                # the documented default is an autogenerated timestamped name
                lambda: f"{time.strftime('%Y%m%d%H%M%S', time.gmtime())}-{uuid4().hex[:8]}",
            )
        if ml_model_training_job_id:
            self._completed(self.training_jobs, ml_model_training_job_id, TRAINING_MISSING, TRAINING_UNFINISHED)
        elif ml_model_transform_job_id:
            self._completed(
                self.transform_jobs,
                ml_model_transform_job_id,
                "Provided ModelTransformJob doesn't exist.",
                "Provided ModelTransformJob has not completed.",
            )
        if update:
            endpoint.update(ml_model_training_job_id, ml_model_transform_job_id)
            return endpoint
        new_id: str = endpoint_id

        def forget() -> None:  # a completed deletion: gone from Get and List at once
            self.endpoints.pop(new_id, None)

        endpoint = Endpoint(
            self,
            new_id,
            ml_model_training_job_id=ml_model_training_job_id,
            ml_model_transform_job_id=ml_model_transform_job_id,
            on_gone=forget,
        )
        self.endpoints[new_id] = endpoint
        return endpoint

    def get_ml_endpoint(self, endpoint_id: str, neptune_iam_role_arn: str | None = None) -> Endpoint:
        check_roles(neptune_iam_role_arn)
        endpoint = self._find(self.endpoints, endpoint_id)
        endpoint.observe()
        if endpoint.lifecycle.gone:  # this look completed its deletion (on_gone removed it)
            raise MLResourceNotFoundException(NOT_FOUND)
        return endpoint

    def list_ml_endpoints(
        self, max_items: int | None = None, neptune_iam_role_arn: str | None = None
    ) -> list[Endpoint]:
        check_roles(neptune_iam_role_arn)
        return self._newest_first(self.endpoints, max_items)

    def delete_ml_endpoint(
        self, endpoint_id: str, clean: bool | None = None, neptune_iam_role_arn: str | None = None
    ) -> Endpoint:
        """Delete an endpoint (or cancel its creation). [choice] `clean` has no S3 artifacts to
        remove here: an endpoint serves the model its training or transform job wrote."""
        check_roles(neptune_iam_role_arn)
        endpoint = self._find(self.endpoints, endpoint_id)
        if endpoint.status == "Deleting":
            raise BadRequestException(f"The endpoint {endpoint_id} is already being deleted.")
        endpoint.lifecycle.begin("Deleting")
        return endpoint

    # --- bulk loader ---------------------------------------------------------------------------
    def start_loader_job(
        self,
        *,
        source: str,
        load_format: str,
        s3_bucket_region: str,
        iam_role_arn: str,
        fail_on_error: bool | None = None,
        queue_request: bool | None = None,
        dependencies: list[str] | None = None,
        update_single_cardinality_properties: bool | None = None,
        cluster: str = "",
    ) -> LoaderJob:
        try:
            bucket_name, prefix = parse_s3_uri(source)
        except BadRequestException:
            raise BadRequestException(
                f"Invalid source: {source}. The source must be an S3 URI (s3://bucket/key)."
            ) from None
        # a comma-separated list of role ARNs chains the roles
        for role_arn in iam_role_arn.split(","):
            check_role_arn(role_arn.strip(), "iamRoleArn")
        try:
            bucket = s3.bucket(self.account_id, self.partition, bucket_name)
        except s3.S3LocationError:
            raise S3Exception(
                f"Failed to start new load from the source {source}: the bucket {bucket_name} does not exist."
            ) from None
        if bucket.region_name != s3_bucket_region:
            raise S3Exception(
                f"Failed to start new load from the source {source}: the bucket is in {bucket.region_name}, "
                f"not in the s3BucketRegion {s3_bucket_region}."
            )
        dependencies = list(dependencies or [])
        for dependency in dependencies:
            if dependency not in self.loader_jobs:
                raise BulkLoadIdNotFoundException(f"The load id {dependency} given in dependencies was not found.")
        queued = bool(dependencies) or self._running_loads() >= self.quotas.concurrent_loads
        if queued:
            if not queue_request:
                raise BadRequestException(
                    f"Failed to start new load for the source {source}. Max concurrent load limit breached with "
                    f"limit {self.quotas.concurrent_loads}. Set queueRequest to TRUE to queue the request."
                )
            if sum(job.status in LOAD_WAITING for job in self.loader_jobs.values()) >= self.quotas.queued_loads:
                raise BadRequestException(
                    f"Failed to queue the load: the queue already holds {self.quotas.queued_loads} requests."
                )
        # the loader reads every object whose key starts with the source's, folder markers aside
        feeds = [
            read_object(f"s3://{bucket_name}/{key}", self._read(bucket_name, key), load_format)
            for key in s3.objects(self.account_id, self.partition, bucket_name, prefix)
            if not key.endswith("/")
        ]
        load_id = str(uuid4())
        job = LoaderJob(
            load_id,
            source=source,
            feeds=feeds,
            dependencies=dependencies,
            fail_on_error=True if fail_on_error is None else fail_on_error,
            queued=queued,
            cluster=cluster,
            update_single=bool(update_single_cardinality_properties),
        )
        self.loader_jobs[load_id] = job
        if not queued:
            self.load_job(job)
        return job

    def _read(self, bucket_name: str, key: str) -> bytes:
        return s3.read(self.account_id, self.partition, bucket_name, key)

    def _running_loads(self) -> int:
        return sum(job.status in LOAD_RUNNING for job in self.loader_jobs.values())

    def _find_load(self, load_id: str) -> LoaderJob:
        job = self.loader_jobs.get(load_id)
        if job is None:
            raise BulkLoadIdNotFoundException(f"The load with id = {load_id} is not found.")
        return job

    def _observe_load(self, job: LoaderJob) -> None:
        """A look at a load: a queued one starts once its dependencies completed and the loader
        is free (or fails with a dependency); a running one moves on, and settles in LOAD_FAILED
        instead of LOAD_COMPLETED when its feeds fail it."""
        before = job.status
        if before in LOAD_WAITING:
            dependencies = [self.loader_jobs[d] for d in job.dependencies if d in self.loader_jobs]
            if any(d.finished and d.status != "LOAD_COMPLETED" for d in dependencies):
                job.lifecycle.begin("LOAD_FAILED_BECAUSE_DEPENDENCY_NOT_SATISFIED")
            elif (
                all(d.status == "LOAD_COMPLETED" for d in dependencies)
                and self._running_loads() < self.quotas.concurrent_loads
            ):
                job.lifecycle.begin("LOAD_IN_PROGRESS")
                self.load_job(job)
        elif job.lifecycle.observe() == "LOAD_COMPLETED" and before in LOAD_RUNNING and job.fails:
            job.lifecycle.force("LOAD_FAILED")

    def get_loader_job_status(self, load_id: str) -> LoaderJob:
        job = self._find_load(load_id)
        self._observe_load(job)
        return job

    def list_loader_jobs(self, limit: int | None = None, include_queued_loads: bool | None = None) -> list[LoaderJob]:
        jobs = list(reversed(list(self.loader_jobs.values())))
        if include_queued_loads is False:
            jobs = [job for job in jobs if job.status not in LOAD_WAITING]
        return jobs[: limit or DEFAULT_LOAD_LIMIT]

    def cancel_loader_job(self, load_id: str) -> LoaderJob:
        job = self._find_load(load_id)
        if job.finished:
            # The loader's Cancel Job reference: "The load with id = load_id does not exist or not
            # active (HTTP 404)"; the API models a 404 for an unknown load as BulkLoadIdNotFound.
            raise BulkLoadIdNotFoundException(f"The load with id = {load_id} does not exist or not active")
        job.lifecycle.begin("LOAD_CANCELLED_BY_USER")
        return job

    # --- engine --------------------------------------------------------------------------------
    def get_engine_status(self) -> EngineStatus:
        return self.engine

    def execute_fast_reset(self, action: str, token: str | None = None, cluster: str = "") -> str | None:
        """initiateDatabaseReset answers a new token; performDatabaseReset with that token empties
        the database. [choice] A token serves once, and a newer one replaces it (the expiry of a
        token is not documented); a missing or other token is an InvalidParameterException."""
        if action == "initiateDatabaseReset":
            self.reset_token = str(uuid4())
            return self.reset_token
        if not token or token != self.reset_token:
            raise InvalidParameterException(
                "The fast reset token is missing, invalid or already used: initiate a new database reset."
            )
        self.reset_token = None
        self.reset_graph(cluster)
        # "Fast reset removes all metadata about SageMaker AI resources being used by Neptune ML,
        # including jobs and endpoints" (user guide); they stay in SageMaker (not modeled here).
        for resources in (self.data_processing_jobs, self.training_jobs, self.transform_jobs, self.endpoints):
            resources.clear()
        return None


# --- backends by account and region ---------------------------------------------------------------


# [choice] A region botocore does not (yet) list for Neptune still gets a backend: the SigV4 scope
# is the only region a cluster request carries, and a mock must not fail on it.
neptunedata_backends = AnyRegionBackendDict(NeptuneDataBackend, "neptunedata", regions=neptune_regions)
