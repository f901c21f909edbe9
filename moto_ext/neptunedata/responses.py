"""Neptune Data API over HTTP: parse with the model, call the backend, build the wire shape.

The HTTP forms the user guide documents beside the API's (``GET /loader?loadId=``, form-encoded
``POST /system`` ...) are rewritten into the model's requests first (http_forms.py). Operations
of the model without a method here (index rebuilds, storage info) get
``UnsupportedOperationException`` naming the operation (ExtResponse). Graph operations act on
the data of the cluster endpoint the client named (graph/backend.py); SPARQL, which has no
operation in the API, is answered at ``/sparql`` (``_answer_sparql``).
"""

from typing import Any

from moto.core.responses import ActionResult

from moto_ext.core import sigv4
from moto_ext.core.registry import ENDPOINT_HOST_HEADER
from moto_ext.core.responses import ExtResponse

from . import http_forms
from .exceptions import (
    InvalidParameterException,
    MissingParameterException,
    NeptuneDataError,
    UnsupportedOperationException,
)
from .graph.backend import cluster_key
from .ml import MLResource
from .models import NeptuneDataBackend, neptunedata_backends

LOADER_OK = "200 OK"  # the status line the loader and fast reset put in their answers


def _started(resource: MLResource) -> ActionResult:
    return ActionResult({"id": resource.id, "arn": resource.arn, "creationTimeInMillis": resource.created})


def _ids(resources: list[Any]) -> ActionResult:
    return ActionResult({"ids": [resource.id for resource in resources]})


class NeptuneDataResponse(ExtResponse):
    # A value breaking the model's constraints (maxItems 1-1024, an unknown load format ...)
    # is a parameter value that is not valid.
    validation_error = InvalidParameterException
    unsupported_error = UnsupportedOperationException

    def __init__(self) -> None:
        super().__init__(service_name="neptunedata")
        self.unsupported_form: str | None = None
        self.sparql_request: dict[str, str] | None = None

    def _dispatch(self, request: Any, full_url: str | None = None, headers: Any = None) -> Any:
        routed = http_forms.model_form(request)
        self.unsupported_form = routed.unsupported
        self.sparql_request = routed.sparql
        if routed.request is request:
            return super()._dispatch(request, full_url, headers)
        return super()._dispatch(routed.request, routed.request.raw_url, routed.request.headers)

    def call_action(self) -> Any:
        if self.sparql_request is not None:
            return self._answer_sparql(self.sparql_request)
        if self.unsupported_form:
            return self._error_response(
                UnsupportedOperationException(
                    f"{self.unsupported_form} are not implemented by moto_ext: the mock does not support them."
                )
            )
        return super().call_action()

    def _answer_sparql(self, sparql: dict[str, str]) -> Any:
        try:
            media, body = self.backend.sparql(
                self.cluster, sparql.get("query"), sparql.get("update"), sparql.get("accept")
            )
        except NeptuneDataError as error:
            return self._error_response(error)
        return 200, {"Content-Type": media}, body

    def parse_parameters(self, request: Any) -> None:
        super().parse_parameters(request)
        # The loader's HTTP form takes "TRUE"/"FALSE" strings for its flags (load-api-reference-load):
        # read them as the booleans the model's members are.
        members = self.operation_model.input_shape.members if self.operation_model.input_shape else {}
        for name, shape in members.items():
            value = self.params.get(name)
            if shape.type_name == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
                self.params[name] = value.lower() == "true"

    def get_region_from_url(self, request: Any, full_url: str) -> str:
        # A cluster endpoint's host names no region moto can read (moto's regex would take
        # "neptune" from x.cluster-y.us-east-1.neptune.amazonaws.com): the SigV4 scope does.
        signed = sigv4.scope(request.headers.get("Authorization"))
        return signed.group("region") if signed else super().get_region_from_url(request, full_url)

    def _check_input(self, operation: Any) -> None:
        # A missing required member is the service's MissingParameterException; other breaches
        # of the input shape are InvalidParameterException (validation_error).
        params = self.request_params()
        required = operation.input_shape.required_members if operation.input_shape is not None else []
        missing = [name for name in required if params.get(name) is None]
        if missing:
            raise MissingParameterException(f"Missing required parameter(s): {', '.join(missing)}.")
        super()._check_input(operation)

    @property
    def backend(self) -> NeptuneDataBackend:
        return neptunedata_backends[self.current_account][self.region]

    @property
    def cluster(self) -> str:
        return cluster_key(self.headers.get(ENDPOINT_HOST_HEADER) if self.headers else None)

    def _neptune_role(self) -> str | None:
        return self._get_param("neptuneIamRoleArn")

    # --- data processing -----------------------------------------------------------------------
    def start_ml_data_processing_job(self) -> ActionResult:
        job = self.backend.start_ml_data_processing_job(
            job_id=self._get_param("id"),
            input_data_s3_location=self._get_param("inputDataS3Location"),
            processed_data_s3_location=self._get_param("processedDataS3Location"),
            previous_data_processing_job_id=self._get_param("previousDataProcessingJobId"),
            sagemaker_iam_role_arn=self._get_param("sagemakerIamRoleArn"),
            neptune_iam_role_arn=self._neptune_role(),
            processing_instance_type=self._get_param("processingInstanceType"),
            processing_instance_volume_size_in_gb=self._get_param("processingInstanceVolumeSizeInGB"),
            processing_time_out_in_seconds=self._get_param("processingTimeOutInSeconds"),
            model_type=self._get_param("modelType"),
        )
        return _started(job)

    def get_ml_data_processing_job(self) -> ActionResult:
        job = self.backend.get_ml_data_processing_job(self._get_param("id"), neptune_iam_role_arn=self._neptune_role())
        return ActionResult(job.to_dict())

    def list_ml_data_processing_jobs(self) -> ActionResult:
        return _ids(self.backend.list_ml_data_processing_jobs(self._get_param("maxItems"), self._neptune_role()))

    def cancel_ml_data_processing_job(self) -> ActionResult:
        job = self.backend.cancel_ml_data_processing_job(
            self._get_param("id"), self._get_param("clean"), self._neptune_role()
        )
        return ActionResult({"status": job.status})

    # --- model training ------------------------------------------------------------------------
    def start_ml_model_training_job(self) -> ActionResult:
        job = self.backend.start_ml_model_training_job(
            job_id=self._get_param("id"),
            data_processing_job_id=self._get_param("dataProcessingJobId"),
            train_model_s3_location=self._get_param("trainModelS3Location"),
            previous_model_training_job_id=self._get_param("previousModelTrainingJobId"),
            sagemaker_iam_role_arn=self._get_param("sagemakerIamRoleArn"),
            neptune_iam_role_arn=self._neptune_role(),
            base_processing_instance_type=self._get_param("baseProcessingInstanceType"),
            training_instance_type=self._get_param("trainingInstanceType"),
            training_instance_volume_size_in_gb=self._get_param("trainingInstanceVolumeSizeInGB"),
            training_time_out_in_seconds=self._get_param("trainingTimeOutInSeconds"),
            max_hpo_number_of_training_jobs=self._get_param("maxHPONumberOfTrainingJobs"),
            max_hpo_parallel_training_jobs=self._get_param("maxHPOParallelTrainingJobs"),
            custom_model_training_parameters=self._get_param("customModelTrainingParameters"),
        )
        return _started(job)

    def get_ml_model_training_job(self) -> ActionResult:
        job = self.backend.get_ml_model_training_job(self._get_param("id"), neptune_iam_role_arn=self._neptune_role())
        return ActionResult(job.to_dict())

    def list_ml_model_training_jobs(self) -> ActionResult:
        return _ids(self.backend.list_ml_model_training_jobs(self._get_param("maxItems"), self._neptune_role()))

    def cancel_ml_model_training_job(self) -> ActionResult:
        job = self.backend.cancel_ml_model_training_job(
            self._get_param("id"), self._get_param("clean"), self._neptune_role()
        )
        return ActionResult({"status": job.status})

    # --- model transform -----------------------------------------------------------------------
    def start_ml_model_transform_job(self) -> ActionResult:
        job = self.backend.start_ml_model_transform_job(
            job_id=self._get_param("id"),
            model_transform_output_s3_location=self._get_param("modelTransformOutputS3Location"),
            data_processing_job_id=self._get_param("dataProcessingJobId"),
            ml_model_training_job_id=self._get_param("mlModelTrainingJobId"),
            training_job_name=self._get_param("trainingJobName"),
            sagemaker_iam_role_arn=self._get_param("sagemakerIamRoleArn"),
            neptune_iam_role_arn=self._neptune_role(),
            custom_model_transform_parameters=self._get_param("customModelTransformParameters"),
            base_processing_instance_type=self._get_param("baseProcessingInstanceType"),
            base_processing_instance_volume_size_in_gb=self._get_param("baseProcessingInstanceVolumeSizeInGB"),
        )
        return _started(job)

    def get_ml_model_transform_job(self) -> ActionResult:
        job = self.backend.get_ml_model_transform_job(self._get_param("id"), neptune_iam_role_arn=self._neptune_role())
        return ActionResult(job.to_dict())

    def list_ml_model_transform_jobs(self) -> ActionResult:
        return _ids(self.backend.list_ml_model_transform_jobs(self._get_param("maxItems"), self._neptune_role()))

    def cancel_ml_model_transform_job(self) -> ActionResult:
        job = self.backend.cancel_ml_model_transform_job(
            self._get_param("id"), self._get_param("clean"), self._neptune_role()
        )
        return ActionResult({"status": job.status})

    # --- inference endpoints -------------------------------------------------------------------
    def create_ml_endpoint(self) -> ActionResult:
        endpoint = self.backend.create_ml_endpoint(
            endpoint_id=self._get_param("id"),
            ml_model_training_job_id=self._get_param("mlModelTrainingJobId"),
            ml_model_transform_job_id=self._get_param("mlModelTransformJobId"),
            update=self._get_param("update"),
            neptune_iam_role_arn=self._neptune_role(),
            model_name=self._get_param("modelName"),
            instance_type=self._get_param("instanceType"),
            instance_count=self._get_param("instanceCount"),
        )
        return _started(endpoint)

    def get_ml_endpoint(self) -> ActionResult:
        endpoint = self.backend.get_ml_endpoint(self._get_param("id"), neptune_iam_role_arn=self._neptune_role())
        return ActionResult(endpoint.to_dict())

    def list_ml_endpoints(self) -> ActionResult:
        return _ids(self.backend.list_ml_endpoints(self._get_param("maxItems"), self._neptune_role()))

    def delete_ml_endpoint(self) -> ActionResult:
        endpoint = self.backend.delete_ml_endpoint(
            self._get_param("id"), self._get_param("clean"), self._neptune_role()
        )
        return ActionResult({"status": endpoint.status})

    # --- bulk loader ---------------------------------------------------------------------------
    def start_loader_job(self) -> ActionResult:
        job = self.backend.start_loader_job(
            source=self._get_param("source"),
            load_format=self._get_param("format"),
            s3_bucket_region=self._get_param("s3BucketRegion"),
            iam_role_arn=self._get_param("iamRoleArn"),
            fail_on_error=self._get_param("failOnError"),
            queue_request=self._get_param("queueRequest"),
            dependencies=self._get_param("dependencies"),
            update_single_cardinality_properties=self._get_param("updateSingleCardinalityProperties"),
            cluster=self.cluster,
        )
        return ActionResult({"status": LOADER_OK, "payload": {"loadId": job.id}})

    def get_loader_job_status(self) -> ActionResult:
        job = self.backend.get_loader_job_status(self._get_param("loadId"))
        payload = job.to_dict(
            details=bool(self._get_param("details")),
            errors=bool(self._get_param("errors")),
            page=self._get_param("page", 1),
            errors_per_page=self._get_param("errorsPerPage", 10),
        )
        return ActionResult({"status": LOADER_OK, "payload": payload})

    def list_loader_jobs(self) -> ActionResult:
        jobs = self.backend.list_loader_jobs(self._get_param("limit"), self._get_param("includeQueuedLoads"))
        return ActionResult({"status": LOADER_OK, "payload": {"loadIds": [job.id for job in jobs]}})

    def cancel_loader_job(self) -> ActionResult:
        self.backend.cancel_loader_job(self._get_param("loadId"))
        return ActionResult({"status": LOADER_OK})

    # --- engine --------------------------------------------------------------------------------
    def get_engine_status(self) -> ActionResult:
        return ActionResult(self.backend.get_engine_status().to_dict())

    def execute_fast_reset(self) -> ActionResult:
        token = self.backend.execute_fast_reset(self._get_param("action"), self._get_param("token"), self.cluster)
        if token is None:
            return ActionResult({"status": LOADER_OK})
        return ActionResult({"status": LOADER_OK, "payload": {"token": token}})

    # --- queries -------------------------------------------------------------------------------
    def execute_open_cypher_query(self) -> ActionResult:
        return ActionResult(
            self.backend.execute_open_cypher_query(
                self.cluster, self._get_param("openCypherQuery"), self._get_param("parameters")
            )
        )

    def execute_gremlin_query(self) -> ActionResult:
        return ActionResult(
            self.backend.execute_gremlin_query(
                self.cluster, self._get_param("gremlinQuery"), self._get_param("serializer")
            )
        )

    # --- explain, profile, queries in flight ---------------------------------------------------
    def execute_open_cypher_explain_query(self) -> ActionResult:
        document = self.backend.execute_open_cypher_explain_query(
            self.cluster,
            self._get_param("openCypherQuery"),
            self._get_param("explainMode"),
            self._get_param("parameters"),
        )
        return ActionResult({"results": document})

    def execute_gremlin_explain_query(self) -> ActionResult:
        return ActionResult(
            {"output": self.backend.execute_gremlin_explain_query(self.cluster, self._get_param("gremlinQuery"))}
        )

    def execute_gremlin_profile_query(self) -> ActionResult:
        document = self.backend.execute_gremlin_profile_query(
            self.cluster, self._get_param("gremlinQuery"), self._get_param("results"), self._get_param("chop")
        )
        return ActionResult({"output": document})

    def list_gremlin_queries(self) -> ActionResult:
        return ActionResult(self.backend.list_queries(self.cluster, "Gremlin"))

    def list_open_cypher_queries(self) -> ActionResult:
        return ActionResult(self.backend.list_queries(self.cluster, "openCypher"))

    def get_gremlin_query_status(self) -> ActionResult:
        self.backend.find_query(self.cluster, "Gremlin", self._get_param("queryId"))
        return ActionResult({})

    def get_open_cypher_query_status(self) -> ActionResult:
        self.backend.find_query(self.cluster, "openCypher", self._get_param("queryId"))
        return ActionResult({})

    def cancel_gremlin_query(self) -> ActionResult:
        self.backend.find_query(self.cluster, "Gremlin", self._get_param("queryId"), "cancel")
        return ActionResult({})

    def cancel_open_cypher_query(self) -> ActionResult:
        self.backend.find_query(self.cluster, "openCypher", self._get_param("queryId"), "cancel")
        return ActionResult({})

    # --- statistics and summaries -------------------------------------------------------------
    def get_propertygraph_summary(self) -> ActionResult:
        summary = self.backend.get_summary("pg", self.cluster, self._get_param("mode"))
        return ActionResult({"statusCode": 200, "payload": summary})

    def get_rdf_graph_summary(self) -> ActionResult:
        summary = self.backend.get_summary("rdf", self.cluster, self._get_param("mode"))
        return ActionResult({"statusCode": 200, "payload": summary})

    def _get_statistics(self, kind: str) -> ActionResult:
        return ActionResult({"status": LOADER_OK, "payload": self.backend.get_statistics(kind, self.cluster).to_dict()})

    def _manage_statistics(self, kind: str) -> ActionResult:
        refreshed = self.backend.manage_statistics(kind, self.cluster, self._get_param("mode"))
        if refreshed is None:
            return ActionResult({"status": LOADER_OK})
        return ActionResult({"status": LOADER_OK, "payload": {"statisticsId": refreshed.statistics_id}})

    def _delete_statistics(self, kind: str) -> ActionResult:
        self.backend.delete_statistics(kind, self.cluster)
        return ActionResult(
            {"statusCode": 200, "status": LOADER_OK, "payload": {"active": False, "statisticsId": "-1"}}
        )

    def get_propertygraph_statistics(self) -> ActionResult:
        return self._get_statistics("pg")

    def manage_propertygraph_statistics(self) -> ActionResult:
        return self._manage_statistics("pg")

    def delete_propertygraph_statistics(self) -> ActionResult:
        return self._delete_statistics("pg")

    def get_sparql_statistics(self) -> ActionResult:
        return self._get_statistics("rdf")

    def manage_sparql_statistics(self) -> ActionResult:
        return self._manage_statistics("rdf")

    def delete_sparql_statistics(self) -> ActionResult:
        return self._delete_statistics("rdf")

    # --- streams -------------------------------------------------------------------------------
    def _stream(self, kind: str) -> ActionResult:
        return ActionResult(
            self.backend.get_stream(
                kind,
                self.cluster,
                self._get_param("limit"),
                self._get_param("iteratorType"),
                self._get_param("commitNum"),
                self._get_param("opNum"),
            )
        )

    def get_propertygraph_stream(self) -> ActionResult:
        return self._stream("pg")

    def get_sparql_stream(self) -> ActionResult:
        return self._stream("rdf")
