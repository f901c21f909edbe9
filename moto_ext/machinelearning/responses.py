"""Amazon Machine Learning over HTTP: parse with the model, call the backend, serialize with the model."""

import re
from typing import Any
from urllib.parse import urlsplit

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult

from moto_ext.core import server_context
from moto_ext.core.responses import ExtResponse
from moto_ext.core.shapes import problems

from .exceptions import BY_CODE, InvalidInputException, MachineLearningError
from .models import MachineLearningBackend, machinelearning_backends

_SERVICE_HOST = re.compile(r"^machinelearning\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$")


class MachineLearningResponse(ExtResponse):
    validation_error = InvalidInputException
    unsupported_error = InvalidInputException

    def __init__(self) -> None:
        super().__init__(service_name="machinelearning")

    @property
    def backend(self) -> MachineLearningBackend:
        return machinelearning_backends[self.current_account][self.region]

    # --- protocol details moto leaves open ---------------------------------------------------------
    def _check_input(self, operation: Any) -> None:
        params = dict(getattr(self, "params", {}) or {})
        if operation.name == "AddTags":
            self.backend.check_tags(tags=params.get("Tags") or [])
        elif operation.name == "DeleteTags":
            self.backend.check_tags(keys=params.get("TagKeys") or [])
        found = problems(params, operation.input_shape, check_required=True)
        # PredictEndpoint only routes the request: whatever host it named, the request is here,
        # so the mock answers it (a custom host, or moto's server) instead of judging the URL.
        found = [p for p in found if not (p.startswith("PredictInput.PredictEndpoint:") and "pattern" in p)]
        if found:
            raise InvalidInputException("; ".join(found))

    def _error_response(self, error: ServiceException) -> Any:
        # Errors made outside this package (fault injection) become the typed class, whose
        # integer ``code`` member and HTTP status serialize correctly.
        if not isinstance(error, MachineLearningError) and error.code in BY_CODE:
            error = BY_CODE[error.code](error.message)
        return super()._error_response(error)

    def serialized(self, action_result: ActionResult) -> Any:
        status, headers, body = super().serialized(action_result)
        error = action_result.result
        if isinstance(error, MachineLearningError):
            status = error.http_status
        return status, headers, body

    def _endpoint_url(self) -> str:
        """Where Predict calls for a new real-time endpoint should go.

        Against AWS's hosts (moto's in-process mock) it is the service's real-time host; in
        server mode (moto_ext's server, or moto's own) it is the server itself, so a client's
        Predict comes back to it.
        """
        served_at = server_context.public_url()
        if served_at:
            return served_at
        parts = urlsplit(self.uri)
        host = (parts.hostname or "").lower()
        if _SERVICE_HOST.match(host):
            return f"https://realtime.{host}"
        return f"{parts.scheme}://{parts.netloc}"

    def _creator(self) -> str:
        return self.backend.caller_arn(self.get_access_key())

    # --- data sources ---------------------------------------------------------------------------
    def create_data_source_from_s3(self) -> ActionResult:
        source = self.backend.create_data_source_from_s3(
            self._get_param("DataSourceId"),
            self._get_param("DataSourceName"),
            self._get_param("DataSpec"),
            bool(self._get_param("ComputeStatistics", False)),
            self._creator(),
        )
        return ActionResult({"DataSourceId": source.id})

    def create_data_source_from_rds(self) -> ActionResult:
        source = self.backend.create_data_source_from_rds(
            self._get_param("DataSourceId"),
            self._get_param("DataSourceName"),
            self._get_param("RDSData"),
            self._get_param("RoleARN"),
            bool(self._get_param("ComputeStatistics", False)),
            self._creator(),
        )
        return ActionResult({"DataSourceId": source.id})

    def create_data_source_from_redshift(self) -> ActionResult:
        source = self.backend.create_data_source_from_redshift(
            self._get_param("DataSourceId"),
            self._get_param("DataSourceName"),
            self._get_param("DataSpec"),
            self._get_param("RoleARN"),
            bool(self._get_param("ComputeStatistics", False)),
            self._creator(),
        )
        return ActionResult({"DataSourceId": source.id})

    def get_data_source(self) -> ActionResult:
        source = self.backend.get_data_source(self._get_param("DataSourceId"))
        return ActionResult(source.render(verbose=bool(self._get_param("Verbose", False))))

    def update_data_source(self) -> ActionResult:
        source = self.backend.update_data_source(self._get_param("DataSourceId"), self._get_param("DataSourceName"))
        return ActionResult({"DataSourceId": source.id})

    def delete_data_source(self) -> ActionResult:
        source = self.backend.delete_data_source(self._get_param("DataSourceId"))
        return ActionResult({"DataSourceId": source.id})

    def describe_data_sources(self) -> ActionResult:
        return self._describe(self.backend.data_sources)

    # --- models ---------------------------------------------------------------------------------
    def create_ml_model(self) -> ActionResult:
        model = self.backend.create_ml_model(
            self._get_param("MLModelId"),
            self._get_param("MLModelName"),
            self._get_param("MLModelType"),
            self._get_param("Parameters"),
            self._get_param("TrainingDataSourceId"),
            self._get_param("Recipe"),
            self._get_param("RecipeUri"),
            self._creator(),
        )
        return ActionResult({"MLModelId": model.id})

    def get_ml_model(self) -> ActionResult:
        model = self.backend.get_ml_model(self._get_param("MLModelId"))
        return ActionResult(model.render(verbose=bool(self._get_param("Verbose", False))))

    def update_ml_model(self) -> ActionResult:
        model = self.backend.update_ml_model(
            self._get_param("MLModelId"), self._get_param("MLModelName"), self._get_param("ScoreThreshold")
        )
        return ActionResult({"MLModelId": model.id})

    def delete_ml_model(self) -> ActionResult:
        model = self.backend.delete_ml_model(self._get_param("MLModelId"))
        return ActionResult({"MLModelId": model.id})

    def describe_ml_models(self) -> ActionResult:
        return self._describe(self.backend.ml_models)

    # --- evaluations ----------------------------------------------------------------------------
    def create_evaluation(self) -> ActionResult:
        evaluation = self.backend.create_evaluation(
            self._get_param("EvaluationId"),
            self._get_param("EvaluationName"),
            self._get_param("MLModelId"),
            self._get_param("EvaluationDataSourceId"),
            self._creator(),
        )
        return ActionResult({"EvaluationId": evaluation.id})

    def get_evaluation(self) -> ActionResult:
        return ActionResult(self.backend.get_evaluation(self._get_param("EvaluationId")).render())

    def update_evaluation(self) -> ActionResult:
        evaluation = self.backend.update_evaluation(self._get_param("EvaluationId"), self._get_param("EvaluationName"))
        return ActionResult({"EvaluationId": evaluation.id})

    def delete_evaluation(self) -> ActionResult:
        evaluation = self.backend.delete_evaluation(self._get_param("EvaluationId"))
        return ActionResult({"EvaluationId": evaluation.id})

    def describe_evaluations(self) -> ActionResult:
        return self._describe(self.backend.evaluations)

    # --- batch predictions ----------------------------------------------------------------------
    def create_batch_prediction(self) -> ActionResult:
        prediction = self.backend.create_batch_prediction(
            self._get_param("BatchPredictionId"),
            self._get_param("BatchPredictionName"),
            self._get_param("MLModelId"),
            self._get_param("BatchPredictionDataSourceId"),
            self._get_param("OutputUri"),
            self._creator(),
        )
        return ActionResult({"BatchPredictionId": prediction.id})

    def get_batch_prediction(self) -> ActionResult:
        return ActionResult(self.backend.get_batch_prediction(self._get_param("BatchPredictionId")).render())

    def update_batch_prediction(self) -> ActionResult:
        prediction = self.backend.update_batch_prediction(
            self._get_param("BatchPredictionId"), self._get_param("BatchPredictionName")
        )
        return ActionResult({"BatchPredictionId": prediction.id})

    def delete_batch_prediction(self) -> ActionResult:
        prediction = self.backend.delete_batch_prediction(self._get_param("BatchPredictionId"))
        return ActionResult({"BatchPredictionId": prediction.id})

    def describe_batch_predictions(self) -> ActionResult:
        return self._describe(self.backend.batch_predictions)

    def _describe(self, store: dict[str, Any]) -> ActionResult:
        names = ("FilterVariable", "EQ", "GT", "LT", "GE", "LE", "NE", "Prefix", "SortOrder")
        filters = {name: self._get_param(name) for name in names}
        page, token = self.backend.describe(store, filters, self._get_param("NextToken"), self._get_param("Limit"))
        return ActionResult({"Results": [entity.render() for entity in page], "NextToken": token})

    # --- real-time endpoints and Predict ----------------------------------------------------------
    def create_realtime_endpoint(self) -> ActionResult:
        model = self.backend.create_realtime_endpoint(self._get_param("MLModelId"), self._endpoint_url())
        return ActionResult({"MLModelId": model.id, "RealtimeEndpointInfo": model.endpoint_info()})

    def delete_realtime_endpoint(self) -> ActionResult:
        model, info = self.backend.delete_realtime_endpoint(self._get_param("MLModelId"))
        return ActionResult({"MLModelId": model.id, "RealtimeEndpointInfo": info})

    def predict(self) -> ActionResult:
        prediction = self.backend.predict(self._get_param("MLModelId"), self._get_param("Record") or {})
        return ActionResult({"Prediction": prediction})

    # --- tags -----------------------------------------------------------------------------------
    def add_tags(self) -> ActionResult:
        resource_id, resource_type = self._get_param("ResourceId"), self._get_param("ResourceType")
        self.backend.add_tags(resource_id, resource_type, self._get_param("Tags") or [])
        return ActionResult({"ResourceId": resource_id, "ResourceType": resource_type})

    def delete_tags(self) -> ActionResult:
        resource_id, resource_type = self._get_param("ResourceId"), self._get_param("ResourceType")
        self.backend.delete_tags(resource_id, resource_type, self._get_param("TagKeys") or [])
        return ActionResult({"ResourceId": resource_id, "ResourceType": resource_type})

    def describe_tags(self) -> ActionResult:
        resource_id, resource_type = self._get_param("ResourceId"), self._get_param("ResourceType")
        tags = self.backend.describe_tags(resource_id, resource_type)
        return ActionResult({"ResourceId": resource_id, "ResourceType": resource_type, "Tags": tags})
