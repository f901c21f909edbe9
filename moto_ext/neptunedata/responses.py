"""Neptune Data API over HTTP: parse with the model, call the backend, serialize with the model.

Operations of the model without a method here (queries, statistics, streams, index rebuilds,
fast reset, ...) get ``UnsupportedOperationException`` naming the operation (ExtResponse).
"""

import re
from typing import Any

from moto.core.responses import ActionResult

from moto_ext.core.responses import ExtResponse

from .exceptions import InvalidParameterException, MissingParameterException, UnsupportedOperationException
from .models import NeptuneDataBackend, backend_for

_SIGNED_REGION = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/")


class NeptuneDataResponse(ExtResponse):
    # A value breaking the model's constraints (maxItems 1-1024, an unknown load format ...)
    # is a parameter value that is not valid.
    validation_error = InvalidParameterException
    unsupported_error = UnsupportedOperationException

    def __init__(self) -> None:
        super().__init__(service_name="neptunedata")

    def get_region_from_url(self, request: Any, full_url: str) -> str:
        # A cluster endpoint's host names no region moto can read (moto's regex would take
        # "neptune" from x.cluster-y.us-east-1.neptune.amazonaws.com): the SigV4 scope does.
        match = _SIGNED_REGION.search(request.headers.get("Authorization", "") or "")
        if match:
            return match.group(1)
        return super().get_region_from_url(request, full_url)

    def _check_input(self, operation: Any) -> None:
        # A missing required member is the service's MissingParameterException; other breaches
        # of the input shape are InvalidParameterException (validation_error).
        params = dict(getattr(self, "params", {}) or {})
        missing = [name for name in operation.input_shape.required_members if params.get(name) is None] if (
            operation.input_shape is not None
        ) else []
        if missing:
            raise MissingParameterException(f"Missing required parameter(s): {', '.join(missing)}.")
        super()._check_input(operation)

    @property
    def backend(self) -> NeptuneDataBackend:
        return backend_for(self.current_account, self.region)

    @property
    def all_params(self) -> dict[str, Any]:
        return dict(self.params)

    # --- data processing -----------------------------------------------------------------------
    def start_ml_data_processing_job(self) -> ActionResult:
        return ActionResult(self.backend.start_ml_data_processing_job(self.all_params).started())

    def get_ml_data_processing_job(self) -> ActionResult:
        job = self.backend.get_ml_data_processing_job(self._get_param("id"), self.all_params)
        return ActionResult(job.describe())

    def list_ml_data_processing_jobs(self) -> ActionResult:
        ids = self.backend.list_ml_data_processing_jobs(self._get_param("maxItems"), self.all_params)
        return ActionResult({"ids": ids})

    def cancel_ml_data_processing_job(self) -> ActionResult:
        status = self.backend.cancel_ml_data_processing_job(
            self._get_param("id"), self._get_param("clean"), self.all_params
        )
        return ActionResult({"status": status})

    # --- model training ------------------------------------------------------------------------
    def start_ml_model_training_job(self) -> ActionResult:
        return ActionResult(self.backend.start_ml_model_training_job(self.all_params).started())

    def get_ml_model_training_job(self) -> ActionResult:
        job = self.backend.get_ml_model_training_job(self._get_param("id"), self.all_params)
        return ActionResult(job.describe())

    def list_ml_model_training_jobs(self) -> ActionResult:
        ids = self.backend.list_ml_model_training_jobs(self._get_param("maxItems"), self.all_params)
        return ActionResult({"ids": ids})

    def cancel_ml_model_training_job(self) -> ActionResult:
        status = self.backend.cancel_ml_model_training_job(
            self._get_param("id"), self._get_param("clean"), self.all_params
        )
        return ActionResult({"status": status})

    # --- model transform -----------------------------------------------------------------------
    def start_ml_model_transform_job(self) -> ActionResult:
        return ActionResult(self.backend.start_ml_model_transform_job(self.all_params).started())

    def get_ml_model_transform_job(self) -> ActionResult:
        job = self.backend.get_ml_model_transform_job(self._get_param("id"), self.all_params)
        return ActionResult(job.describe())

    def list_ml_model_transform_jobs(self) -> ActionResult:
        ids = self.backend.list_ml_model_transform_jobs(self._get_param("maxItems"), self.all_params)
        return ActionResult({"ids": ids})

    def cancel_ml_model_transform_job(self) -> ActionResult:
        status = self.backend.cancel_ml_model_transform_job(
            self._get_param("id"), self._get_param("clean"), self.all_params
        )
        return ActionResult({"status": status})

    # --- inference endpoints -------------------------------------------------------------------
    def create_ml_endpoint(self) -> ActionResult:
        return ActionResult(self.backend.create_ml_endpoint(self.all_params).started())

    def get_ml_endpoint(self) -> ActionResult:
        endpoint = self.backend.get_ml_endpoint(self._get_param("id"), self.all_params)
        return ActionResult(endpoint.describe())

    def list_ml_endpoints(self) -> ActionResult:
        ids = self.backend.list_ml_endpoints(self._get_param("maxItems"), self.all_params)
        return ActionResult({"ids": ids})

    def delete_ml_endpoint(self) -> ActionResult:
        status = self.backend.delete_ml_endpoint(self._get_param("id"), self._get_param("clean"), self.all_params)
        return ActionResult({"status": status})

    # --- bulk loader ---------------------------------------------------------------------------
    def start_loader_job(self) -> ActionResult:
        job = self.backend.start_loader_job(self.all_params)
        return ActionResult({"status": "200 OK", "payload": {"loadId": job.id}})

    def get_loader_job_status(self) -> ActionResult:
        payload = self.backend.get_loader_job_status(
            self._get_param("loadId"),
            self._get_param("details"),
            self._get_param("errors"),
            self._get_param("page"),
            self._get_param("errorsPerPage"),
        )
        return ActionResult({"status": "200 OK", "payload": payload})

    def list_loader_jobs(self) -> ActionResult:
        ids = self.backend.list_loader_jobs(self._get_param("limit"), self._get_param("includeQueuedLoads"))
        return ActionResult({"status": "200 OK", "payload": {"loadIds": ids}})

    def cancel_loader_job(self) -> ActionResult:
        self.backend.cancel_loader_job(self._get_param("loadId"))
        return ActionResult({"status": "200 OK"})

    # --- engine --------------------------------------------------------------------------------
    def get_engine_status(self) -> ActionResult:
        return ActionResult(self.backend.get_engine_status())
