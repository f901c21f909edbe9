"""Lookout for Vision over HTTP: parse with the model, call the backend, serialize with the model."""

from functools import lru_cache
from typing import Any, cast

from moto.core.parse import PROTOCOL_PARSERS
from moto.core.responses import ActionResult, EmptyResult
from moto.core.routing import NotFound, ProtocolRouter, get_router_class
from moto.core.utils import get_service_model

from moto_ext.core.responses import ExtResponse

from .exceptions import ValidationException
from .models import LookoutVisionBackend, lookoutvision_backends


@lru_cache(maxsize=None)
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
        return lookoutvision_backends[self.current_account][self.region]

    # The request's Content-Type is the image's type on DetectAnomalies (a caller may send any
    # value there); moto would pick its protocol, router and serializer from it. This service only
    # speaks rest-json.
    def _get_action_from_method_and_request_uri(self, request: Any) -> str:
        try:
            operation, uri_params = _router().match(request)
        except NotFound:
            return None  # type: ignore[return-value]
        self.uri_match = uri_params
        return operation.name

    def parse_parameters(self, request: Any) -> None:
        service_model = get_service_model(self.boto3_service_name)
        operation_model = service_model.operation_model(self._get_action())
        parser = PROTOCOL_PARSERS[service_model.protocol](operation_model, map_type=self.PROTOCOL_PARSER_MAP_TYPE)
        parsed = parser.parse(
            {
                "method": request.method,
                "values": request.values,
                "headers": request.headers,
                "body": request.data,
                "url_path": request.path,
                "url_params": self.uri_match,
            }
        )
        self.params = cast(Any, parsed)

    def determine_response_protocol(self, service_model: Any) -> str:
        return str(service_model.protocol)

    def _token(self) -> str | None:
        return self._get_param("ClientToken")

    # --- projects ---------------------------------------------------------------------------------
    def create_project(self) -> ActionResult:
        return ActionResult(
            self.backend.create_project(client_token=self._token(), project_name=self._get_param("ProjectName"))
        )

    def describe_project(self) -> ActionResult:
        return ActionResult(self.backend.describe_project(self._get_param("ProjectName")))

    def list_projects(self) -> ActionResult:
        return ActionResult(self.backend.list_projects(self._get_param("NextToken"), self._get_param("MaxResults")))

    def delete_project(self) -> ActionResult:
        return ActionResult(
            self.backend.delete_project(client_token=self._token(), project_name=self._get_param("ProjectName"))
        )

    # --- datasets ---------------------------------------------------------------------------------
    def create_dataset(self) -> ActionResult:
        return ActionResult(
            self.backend.create_dataset(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                dataset_type=self._get_param("DatasetType"),
                dataset_source=self._get_param("DatasetSource"),
            )
        )

    def describe_dataset(self) -> ActionResult:
        return ActionResult(self.backend.describe_dataset(self._get_param("ProjectName"), self._get_param("DatasetType")))

    def delete_dataset(self) -> ActionResult:
        return ActionResult(
            self.backend.delete_dataset(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                dataset_type=self._get_param("DatasetType"),
            )
        )

    def list_dataset_entries(self) -> ActionResult:
        return ActionResult(
            self.backend.list_dataset_entries(
                project_name=self._get_param("ProjectName"),
                dataset_type=self._get_param("DatasetType"),
                labeled=self._get_param("Labeled"),
                anomaly_class=self._get_param("AnomalyClass"),
                before=self._get_param("BeforeCreationDate"),
                after=self._get_param("AfterCreationDate"),
                source_ref_contains=self._get_param("SourceRefContains"),
                next_token=self._get_param("NextToken"),
                max_results=self._get_param("MaxResults"),
            )
        )

    def update_dataset_entries(self) -> ActionResult:
        return ActionResult(
            self.backend.update_dataset_entries(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                dataset_type=self._get_param("DatasetType"),
                changes=self._get_param("Changes"),
            )
        )

    # --- models -----------------------------------------------------------------------------------
    def create_model(self) -> ActionResult:
        return ActionResult(
            self.backend.create_model(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                description=self._get_param("Description"),
                output_config=self._get_param("OutputConfig"),
                kms_key_id=self._get_param("KmsKeyId"),
                tags=self._get_param("Tags"),
            )
        )

    def describe_model(self) -> ActionResult:
        return ActionResult(self.backend.describe_model(self._get_param("ProjectName"), self._get_param("ModelVersion")))

    def list_models(self) -> ActionResult:
        return ActionResult(
            self.backend.list_models(
                self._get_param("ProjectName"), self._get_param("NextToken"), self._get_param("MaxResults")
            )
        )

    def delete_model(self) -> ActionResult:
        return ActionResult(
            self.backend.delete_model(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                model_version=self._get_param("ModelVersion"),
            )
        )

    def start_model(self) -> ActionResult:
        return ActionResult(
            self.backend.start_model(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                model_version=self._get_param("ModelVersion"),
                min_inference_units=self._get_param("MinInferenceUnits"),
                max_inference_units=self._get_param("MaxInferenceUnits"),
            )
        )

    def stop_model(self) -> ActionResult:
        return ActionResult(
            self.backend.stop_model(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                model_version=self._get_param("ModelVersion"),
            )
        )

    def detect_anomalies(self) -> ActionResult:
        body = self._get_param("Body") or b""
        if hasattr(body, "read"):
            body = body.read()
        return ActionResult(
            self.backend.detect_anomalies(
                self._get_param("ProjectName"),
                self._get_param("ModelVersion"),
                bytes(body),
                self._get_param("ContentType"),
            )
        )

    # --- model packaging jobs ---------------------------------------------------------------------
    def start_model_packaging_job(self) -> ActionResult:
        return ActionResult(
            self.backend.start_model_packaging_job(
                client_token=self._token(),
                project_name=self._get_param("ProjectName"),
                model_version=self._get_param("ModelVersion"),
                job_name=self._get_param("JobName"),
                configuration=self._get_param("Configuration"),
                description=self._get_param("Description"),
            )
        )

    def describe_model_packaging_job(self) -> ActionResult:
        return ActionResult(
            self.backend.describe_model_packaging_job(self._get_param("ProjectName"), self._get_param("JobName"))
        )

    def list_model_packaging_jobs(self) -> ActionResult:
        return ActionResult(
            self.backend.list_model_packaging_jobs(
                self._get_param("ProjectName"), self._get_param("NextToken"), self._get_param("MaxResults")
            )
        )

    # --- tags -------------------------------------------------------------------------------------
    def tag_resource(self) -> EmptyResult:
        self.backend.tag_resource(self._get_param("ResourceArn"), self._get_param("Tags"))
        return EmptyResult()

    def untag_resource(self) -> EmptyResult:
        self.backend.untag_resource(self._get_param("ResourceArn"), self._get_param("TagKeys"))
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult(self.backend.list_tags_for_resource(self._get_param("ResourceArn")))
