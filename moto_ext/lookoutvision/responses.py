"""Lookout for Vision over HTTP: parse with the model, call the backend, serialize with the model.

Each operation builds its wire answer from the backend's objects: a resource's ``to_dict()`` is
its Description shape; its Metadata shape is a subset of those members, and moto's serializer
keeps only the members of the shape it writes.
"""

import functools
from typing import Any

from botocore.exceptions import EndpointConnectionError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.routing import ProtocolRouter, get_router_class
from moto.core.utils import get_service_model

from moto_ext.core.responses import ExtResponse

from .exceptions import ConflictException, ValidationException
from .models import REGIONS, LookoutVisionBackend, lookoutvision_backends

# The resource a ClientToken conflict names: the first noun in the operation's name, and the
# first member of the request that identifies it.
_TOKEN_RESOURCES = (
    ("ModelPackagingJob", "MODEL_PACKAGE_JOB", ("JobName", "ProjectName")),
    ("Model", "MODEL", ("ModelVersion", "ProjectName")),
    ("Dataset", "DATASET", ("DatasetType",)),
    ("Project", "PROJECT", ("ProjectName",)),
)


@functools.cache
def _router() -> ProtocolRouter:
    service_model = get_service_model("lookoutvision")
    router_class = get_router_class(service_model.service_name, service_model.protocol)
    assert router_class is not None
    return router_class(service_model)


class LookoutVisionResponse(ExtResponse):
    validation_error = ValidationException
    # DetectAnomalies sends the image itself as the body: keep it as bytes
    use_raw_body = True

    def __init__(self) -> None:
        super().__init__(service_name="lookoutvision")

    @property
    def backend(self) -> LookoutVisionBackend:
        if self.region not in REGIONS:
            # The service never ran there: the client resolves lookoutvision.<region>.amazonaws.com,
            # which no host answers, and botocore raises EndpointConnectionError (after its retries).
            raise EndpointConnectionError(endpoint_url=self.uri)
        return lookoutvision_backends[self.current_account][self.region]

    # The request's Content-Type is the image's type on DetectAnomalies (a caller may send any
    # value there); moto would pick its protocol, router and serializer from it. This service only
    # speaks rest-json.
    def _route_request(self, request: Any) -> tuple[Any, dict[str, Any]]:
        return _router().match(request)

    def request_protocol(self, request: Any) -> str:
        return str(get_service_model(self.boto3_service_name).protocol)

    def determine_response_protocol(self, service_model: Any) -> str:
        return str(service_model.protocol)

    def token_conflict(self, operation: str, token: str, params: dict[str, Any]) -> ConflictException:
        # [UNVERIFIED] the API reference only says "an error occurs" for a token reused with other
        # parameters; a conflict is the modeled error of that meaning. It names the resource:
        # the first noun of the operation's name, and the first request member that identifies it.
        resource_type, resource_id = next(
            (kind, next(params[m] for m in members if params.get(m)))
            for noun, kind, members in _TOKEN_RESOURCES
            if noun in operation
        )
        return ConflictException(
            f"The client token {token} was already used for a {operation} request with other parameters.",
            resource_id,
            resource_type,
        )

    def _page(self, key: str, found: tuple[list[Any], str | None]) -> ActionResult:
        items, token = found
        return ActionResult({key: [item.to_dict() for item in items], "NextToken": token})

    # --- projects ---------------------------------------------------------------------------------
    def create_project(self) -> ActionResult:
        project = self.backend.create_project(project_name=self._get_param("ProjectName"))
        return ActionResult({"ProjectMetadata": project.to_summary()})

    def describe_project(self) -> ActionResult:
        project = self.backend.describe_project(project_name=self._get_param("ProjectName"))
        return ActionResult({"ProjectDescription": project.to_dict()})

    def list_projects(self) -> ActionResult:
        found = self.backend.list_projects(
            next_token=self._get_param("NextToken"), max_results=self._get_param("MaxResults")
        )
        projects, token = found
        return ActionResult({"Projects": [project.to_summary() for project in projects], "NextToken": token})

    def delete_project(self) -> ActionResult:
        project = self.backend.delete_project(project_name=self._get_param("ProjectName"))
        return ActionResult({"ProjectArn": project.arn})

    # --- datasets ---------------------------------------------------------------------------------
    def create_dataset(self) -> ActionResult:
        dataset = self.backend.create_dataset(
            project_name=self._get_param("ProjectName"),
            dataset_type=self._get_param("DatasetType"),
            dataset_source=self._get_param("DatasetSource"),
        )
        return ActionResult({"DatasetMetadata": dataset.to_dict()})

    def describe_dataset(self) -> ActionResult:
        dataset = self.backend.describe_dataset(
            project_name=self._get_param("ProjectName"), dataset_type=self._get_param("DatasetType")
        )
        return ActionResult({"DatasetDescription": dataset.to_dict()})

    def delete_dataset(self) -> ActionResult:
        self.backend.delete_dataset(
            project_name=self._get_param("ProjectName"), dataset_type=self._get_param("DatasetType")
        )
        return ActionResult({})

    def list_dataset_entries(self) -> ActionResult:
        entries, token = self.backend.list_dataset_entries(
            project_name=self._get_param("ProjectName"),
            dataset_type=self._get_param("DatasetType"),
            labeled=self._get_param("Labeled"),
            anomaly_class=self._get_param("AnomalyClass"),
            before_creation_date=self._get_param("BeforeCreationDate"),
            after_creation_date=self._get_param("AfterCreationDate"),
            source_ref_contains=self._get_param("SourceRefContains"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return ActionResult({"DatasetEntries": [entry.line for entry in entries], "NextToken": token})

    def update_dataset_entries(self) -> ActionResult:
        dataset = self.backend.update_dataset_entries(
            project_name=self._get_param("ProjectName"),
            dataset_type=self._get_param("DatasetType"),
            changes=self._get_param("Changes"),
        )
        return ActionResult({"Status": dataset.status})

    # --- models -----------------------------------------------------------------------------------
    def create_model(self) -> ActionResult:
        model = self.backend.create_model(
            project_name=self._get_param("ProjectName"),
            description=self._get_param("Description"),
            output_config=self._get_param("OutputConfig"),
            kms_key_id=self._get_param("KmsKeyId"),
            tags=self._get_param("Tags"),
        )
        return ActionResult({"ModelMetadata": model.to_dict()})

    def describe_model(self) -> ActionResult:
        model = self.backend.describe_model(
            project_name=self._get_param("ProjectName"), model_version=self._get_param("ModelVersion")
        )
        return ActionResult({"ModelDescription": model.to_dict()})

    def list_models(self) -> ActionResult:
        found = self.backend.list_models(
            project_name=self._get_param("ProjectName"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return self._page("Models", found)

    def delete_model(self) -> ActionResult:
        model = self.backend.delete_model(
            project_name=self._get_param("ProjectName"), model_version=self._get_param("ModelVersion")
        )
        return ActionResult({"ModelArn": model.arn})

    def start_model(self) -> ActionResult:
        model = self.backend.start_model(
            project_name=self._get_param("ProjectName"),
            model_version=self._get_param("ModelVersion"),
            min_inference_units=self._get_param("MinInferenceUnits"),
            max_inference_units=self._get_param("MaxInferenceUnits"),
        )
        return ActionResult({"Status": model.status})

    def stop_model(self) -> ActionResult:
        model = self.backend.stop_model(
            project_name=self._get_param("ProjectName"), model_version=self._get_param("ModelVersion")
        )
        return ActionResult({"Status": model.status})

    def detect_anomalies(self) -> ActionResult:
        body = self._get_param("Body") or b""
        result = self.backend.detect_anomalies(
            project_name=self._get_param("ProjectName"),
            model_version=self._get_param("ModelVersion"),
            body=bytes(body),
            content_type=self._get_param("ContentType"),
        )
        return ActionResult({"DetectAnomalyResult": result})

    # --- model packaging jobs ---------------------------------------------------------------------
    def start_model_packaging_job(self) -> ActionResult:
        job = self.backend.start_model_packaging_job(
            project_name=self._get_param("ProjectName"),
            model_version=self._get_param("ModelVersion"),
            job_name=self._get_param("JobName"),
            configuration=self._get_param("Configuration"),
            description=self._get_param("Description"),
        )
        return ActionResult({"JobName": job.name})

    def describe_model_packaging_job(self) -> ActionResult:
        job = self.backend.describe_model_packaging_job(
            project_name=self._get_param("ProjectName"), job_name=self._get_param("JobName")
        )
        return ActionResult({"ModelPackagingDescription": job.to_dict()})

    def list_model_packaging_jobs(self) -> ActionResult:
        found = self.backend.list_model_packaging_jobs(
            project_name=self._get_param("ProjectName"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return self._page("ModelPackagingJobs", found)

    # --- tags -------------------------------------------------------------------------------------
    def tag_resource(self) -> EmptyResult:
        self.backend.tag_resource(resource_arn=self._get_param("ResourceArn"), tags=self._get_param("Tags"))
        return EmptyResult()

    def untag_resource(self) -> EmptyResult:
        self.backend.untag_resource(resource_arn=self._get_param("ResourceArn"), tag_keys=self._get_param("TagKeys"))
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        tags = self.backend.list_tags_for_resource(resource_arn=self._get_param("ResourceArn"))
        return ActionResult({"Tags": [{"Key": key, "Value": value} for key, value in tags.items()]})
