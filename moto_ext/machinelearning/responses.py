"""Amazon Machine Learning over HTTP: parse with the model, call the backend, build the answer."""

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult

from moto_ext.core import server_context
from moto_ext.core.responses import ExtResponse, snake_case

from .entities import Entity
from .exceptions import BY_CODE, InvalidInputException, MachineLearningError
from .models import MachineLearningBackend, check_tags, machinelearning_backends

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
        params = self.request_params()
        # the service judges tags before the rest of the request
        if operation.name == "AddTags":
            check_tags(tags=params.get("Tags") or [])
        elif operation.name == "DeleteTags":
            check_tags(keys=params.get("TagKeys") or [])
        super()._check_input(operation)

    def _input_problems(self, operation: Any) -> list[str]:
        # PredictEndpoint only routes the request: whatever host it named, the request is here,
        # so the mock answers it (a custom host, or moto's server) instead of judging the URL.
        found = super()._input_problems(operation)
        return [p for p in found if not (p.startswith("PredictInput.PredictEndpoint:") and "pattern" in p)]

    def _error_response(self, error: ServiceException) -> Any:
        # Errors made outside this package (fault injection) become the typed class, whose
        # integer ``code`` member serializes.
        if not isinstance(error, MachineLearningError) and error.code in BY_CODE:
            error = BY_CODE[error.code](error.message)
        return super()._error_response(error)

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

    def _members(self, *leave_out: str) -> dict[str, Any]:
        """The request's members as the backend's keyword arguments (snake_case)."""
        params = self.request_params()
        return {snake_case(name): value for name, value in params.items() if name not in leave_out}

    def _create(self) -> dict[str, Any]:
        return {**self._members(), "created_by_iam_user": self.backend.caller_arn(self.get_access_key())}

    @staticmethod
    def _named(entity: Entity) -> ActionResult:
        """What Create*, Update* and Delete* answer: the entity's id."""
        return ActionResult({entity.id_member: entity.id})

    def _page(self, page: tuple[Sequence[Entity], str | None]) -> ActionResult:
        entities, token = page
        return ActionResult({"Results": [entity.to_dict() for entity in entities], "NextToken": token})

    # --- data sources ---------------------------------------------------------------------------
    def create_data_source_from_s3(self) -> ActionResult:
        return self._named(self.backend.create_data_source_from_s3(**self._create()))

    def create_data_source_from_rds(self) -> ActionResult:
        return self._named(self.backend.create_data_source_from_rds(**self._create()))

    def create_data_source_from_redshift(self) -> ActionResult:
        return self._named(self.backend.create_data_source_from_redshift(**self._create()))

    def get_data_source(self) -> ActionResult:
        source = self.backend.get_data_source(**self._members("Verbose"))
        result = source.to_dict()
        if self._get_param("Verbose") and source.schema is not None:
            result["DataSourceSchema"] = source.schema.text
        return ActionResult(result)

    def update_data_source(self) -> ActionResult:
        return self._named(self.backend.update_data_source(**self._members()))

    def delete_data_source(self) -> ActionResult:
        return self._named(self.backend.delete_data_source(**self._members()))

    def describe_data_sources(self) -> ActionResult:
        return self._page(self.backend.describe_data_sources(**self._members()))

    # --- models ---------------------------------------------------------------------------------
    def create_ml_model(self) -> ActionResult:
        return self._named(self.backend.create_ml_model(**self._create()))

    def get_ml_model(self) -> ActionResult:
        model = self.backend.get_ml_model(**self._members("Verbose"))
        result = model.to_dict()
        if self._get_param("Verbose"):
            result["Recipe"] = model.recipe
            result["Schema"] = model.data_source.schema.text if model.data_source.schema else None
        return ActionResult(result)

    def update_ml_model(self) -> ActionResult:
        return self._named(self.backend.update_ml_model(**self._members()))

    def delete_ml_model(self) -> ActionResult:
        return self._named(self.backend.delete_ml_model(**self._members()))

    def describe_ml_models(self) -> ActionResult:
        return self._page(self.backend.describe_ml_models(**self._members()))

    # --- evaluations ----------------------------------------------------------------------------
    def create_evaluation(self) -> ActionResult:
        return self._named(self.backend.create_evaluation(**self._create()))

    def get_evaluation(self) -> ActionResult:
        return ActionResult(self.backend.get_evaluation(**self._members()).to_dict())

    def update_evaluation(self) -> ActionResult:
        return self._named(self.backend.update_evaluation(**self._members()))

    def delete_evaluation(self) -> ActionResult:
        return self._named(self.backend.delete_evaluation(**self._members()))

    def describe_evaluations(self) -> ActionResult:
        return self._page(self.backend.describe_evaluations(**self._members()))

    # --- batch predictions ----------------------------------------------------------------------
    def create_batch_prediction(self) -> ActionResult:
        return self._named(self.backend.create_batch_prediction(**self._create()))

    def get_batch_prediction(self) -> ActionResult:
        return ActionResult(self.backend.get_batch_prediction(**self._members()).to_dict())

    def update_batch_prediction(self) -> ActionResult:
        return self._named(self.backend.update_batch_prediction(**self._members()))

    def delete_batch_prediction(self) -> ActionResult:
        return self._named(self.backend.delete_batch_prediction(**self._members()))

    def describe_batch_predictions(self) -> ActionResult:
        return self._page(self.backend.describe_batch_predictions(**self._members()))

    # --- real-time endpoints and Predict ----------------------------------------------------------
    def create_realtime_endpoint(self) -> ActionResult:
        model = self.backend.create_realtime_endpoint(**self._members(), endpoint_url=self._endpoint_url())
        return ActionResult({"MLModelId": model.id, "RealtimeEndpointInfo": model.endpoint_info().to_dict()})

    def delete_realtime_endpoint(self) -> ActionResult:
        model, removed = self.backend.delete_realtime_endpoint(**self._members())
        return ActionResult({"MLModelId": model.id, "RealtimeEndpointInfo": removed.to_dict()})

    def predict(self) -> ActionResult:
        return ActionResult({"Prediction": self.backend.predict(**self._members())})

    # --- tags -----------------------------------------------------------------------------------
    @staticmethod
    def _tagged(entity: Entity, **more: Any) -> ActionResult:
        return ActionResult({"ResourceId": entity.id, "ResourceType": entity.resource_type, **more})

    def add_tags(self) -> ActionResult:
        return self._tagged(self.backend.add_tags(**self._members()))

    def delete_tags(self) -> ActionResult:
        return self._tagged(self.backend.delete_tags(**self._members()))

    def describe_tags(self) -> ActionResult:
        entity = self.backend.describe_tags(**self._members())
        tags = [
            {"Key": key, "Value": value} if value is not None else {"Key": key} for key, value in entity.tags.items()
        ]
        return self._tagged(entity, Tags=tags)
