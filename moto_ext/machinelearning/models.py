"""Amazon Machine Learning: data sources, ML models, evaluations, batch predictions, real-time
endpoints, Predict and tags.

How the service behaves (API reference and developer guide; choices where they are silent are
marked [UNVERIFIED] and say what was chosen):

- Ids are chosen by the caller. Creating again with an id in use answers as the first create did
  when the parameters are the same, and raises IdempotentParameterMismatchException otherwise.
- Entities move PENDING -> INPROGRESS -> COMPLETED (or FAILED). A data source, model,
  evaluation or batch prediction that cannot be processed ends FAILED with a ``Message``; the
  create call itself succeeds, as the service does its work asynchronously.
- "DataSource in the COMPLETED or PENDING state can be used to perform only CreateMLModel,
  CreateEvaluation or CreateBatchPrediction" (CreateDataSourceFrom* API reference): a model,
  evaluation or batch prediction may be created on an upstream entity still in progress; it stays
  PENDING until the upstream is COMPLETED and fails if the upstream fails or is deleted. A missing,
  FAILED or DELETED upstream is refused at once with InvalidInputException.
- Delete* sets DELETED, irreversibly. Get* still answers for a deleted entity; Describe* no longer
  lists it; every other operation treats it as gone (ResourceNotFoundException) [UNVERIFIED].
- Statuses move when reads report the entity (moto_ext lifecycles): kinds
  ``machinelearning.data_source``, ``.ml_model``, ``.evaluation``, ``.batch_prediction``
  and ``.realtime_endpoint`` (UPDATING -> READY).
"""

import hashlib
import json
import threading
import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.utils import get_service_model

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import paginate
from moto_ext.core.shapes import problems

from . import data, predictions
from .exceptions import (
    IdempotentParameterMismatchException,
    InvalidInputException,
    InvalidTagException,
    PredictorNotMountedException,
    ResourceNotFoundException,
    TagLimitExceededException,
)

_MODEL = get_service_model("machinelearning")
ENTITY_STATUSES = list(_MODEL.shape_for("EntityStatus").enum)
ENDPOINT_STATUSES = list(_MODEL.shape_for("RealtimeEndpointStatus").enum)

PENDING, INPROGRESS, COMPLETED, FAILED, DELETED = "PENDING", "INPROGRESS", "COMPLETED", "FAILED", "DELETED"
USABLE_UPSTREAM = {PENDING, INPROGRESS, COMPLETED}


def _entity_kind(name: str) -> LifecycleKind:
    return LifecycleKind(
        name,
        steps={PENDING: INPROGRESS, INPROGRESS: COMPLETED},
        failures={INPROGRESS: FAILED},
        statuses=ENTITY_STATUSES,
    )


DATA_SOURCE_KIND = _entity_kind("machinelearning.data_source")
ML_MODEL_KIND = _entity_kind("machinelearning.ml_model")
EVALUATION_KIND = _entity_kind("machinelearning.evaluation")
BATCH_PREDICTION_KIND = _entity_kind("machinelearning.batch_prediction")
ENDPOINT_KIND = LifecycleKind(
    "machinelearning.realtime_endpoint",
    steps={"UPDATING": "READY"},
    failures={"UPDATING": "FAILED"},
    statuses=ENDPOINT_STATUSES,
)

#: the real-time endpoint's request rate (Amazon ML developer guide: 200 requests per second)
PEAK_REQUESTS_PER_SECOND = 200
#: tags per ML object (AddTags API reference)
MAX_TAGS = 10

#: sgd training parameters: name -> (kind, low, high, default) (CreateMLModel API reference)
TRAINING_PARAMETERS: dict[str, tuple[str, float, float, str | None]] = {
    "sgd.maxMLModelSizeInBytes": ("int", 100000, 2147483648, "33554432"),
    "sgd.maxPasses": ("int", 1, 10000, "10"),
    "sgd.shuffleType": ("enum", 0, 0, "none"),
    "sgd.l1RegularizationAmount": ("float", 0, float("inf"), None),
    "sgd.l2RegularizationAmount": ("float", 0, float("inf"), None),
}
SHUFFLE_TYPES = ("auto", "none")

# [UNVERIFIED] the recipe Amazon ML writes when the caller gives none: every input, numeric
# ones quantile-binned, which is what the console's default recipe does.
DEFAULT_RECIPE = json.dumps(
    {"groups": {}, "assignments": {}, "outputs": ["ALL_BINARY", "ALL_CATEGORICAL", "quantile_bin(ALL_NUMERIC,10)", "ALL_TEXT"]}
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stable_hex(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def _fingerprint(operation: str, params: dict[str, Any]) -> str:
    return json.dumps({"operation": operation, "params": params}, sort_keys=True, default=str)


class Entity:
    """What data sources, models, evaluations and batch predictions share."""

    kind: LifecycleKind
    resource_type: str  # TaggableResourceType
    arn_type: str

    def __init__(self, backend: "MachineLearningBackend", entity_id: str, name: str | None, fingerprint: str, creator: str) -> None:
        self.backend = backend
        self.id = entity_id
        self.name = name
        self.fingerprint = fingerprint
        self.created_by = creator
        self.created_at = self.last_updated_at = _now()
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None
        self.compute_time: int | None = None
        self.message: str | None = None
        self.tags: dict[str, str | None] = {}
        self.arn = f"arn:{backend.partition}:machinelearning:{backend.region_name}:{backend.account_id}:{self.arn_type}/{entity_id}"
        self.lifecycle = Lifecycle(self.kind, PENDING, ids=[self.arn, entity_id])
        self._seen = PENDING

    # --- status ----------------------------------------------------------------------------------
    @property
    def status(self) -> str:
        self.sync()
        return self.lifecycle.status

    def upstreams(self) -> list["Entity"]:
        return []

    def sync(self, progressed: bool = False) -> None:
        """Fill the fields the service fills when the status changed (by a read, an action or a test).

        ``progressed``: the service's own progression moved it, so a problem with its inputs ends
        it FAILED; a status a test forced is kept, with whatever fields could be computed.
        """
        status = self.lifecycle.status
        if status == self._seen:
            return
        self._seen = status
        now = _now()
        self.last_updated_at = now
        if status == PENDING:
            self.started_at = self.finished_at = None
        elif status == INPROGRESS:
            self.started_at, self.finished_at = now, None
        elif status in (COMPLETED, FAILED):
            self.started_at = self.started_at or now
            self.finished_at = now
        if status == COMPLETED:
            try:
                self.on_completed()
            except data.DataProblem as problem:
                if progressed:
                    self.fail(str(problem))
        elif status == FAILED and not self.message:
            self.message = f"The {self.resource_type} could not be processed."

    def on_completed(self) -> None:
        """Compute what a finished run reports; raise DataProblem to end FAILED instead."""

    def fail(self, message: str) -> None:
        self.message = message
        self.lifecycle.force(FAILED)
        self.sync()

    def delete(self) -> None:
        self.lifecycle.force(DELETED)
        self.sync()

    def rename(self, name: str) -> None:
        self.name = name
        self.last_updated_at = _now()

    def common(self) -> dict[str, Any]:
        return {
            "CreatedByIamUser": self.created_by,
            "CreatedAt": self.created_at,
            "LastUpdatedAt": self.last_updated_at,
            "Name": self.name,
            "Status": self.status,
            "Message": self.message,
            "ComputeTime": self.compute_time,
            "StartedAt": self.started_at,
            "FinishedAt": self.finished_at,
        }

    def filter_values(self) -> dict[str, Any]:
        return {
            "CreatedAt": self.created_at,
            "LastUpdatedAt": self.last_updated_at,
            "Status": self.status,
            "Name": self.name or "",
            "IAMUser": self.created_by,
        }


class DataSource(Entity):
    kind = DATA_SOURCE_KIND
    resource_type = "DataSource"
    arn_type = "datasource"

    def __init__(
        self,
        backend: "MachineLearningBackend",
        entity_id: str,
        name: str | None,
        fingerprint: str,
        creator: str,
        *,
        location: str,
        rearrangement_text: str | None,
        schema: data.Schema | None,
        schema_url: str | None,
        compute_statistics: bool,
        origin: str,
        role_arn: str | None = None,
        rds: dict[str, Any] | None = None,
        redshift: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(backend, entity_id, name, fingerprint, creator)
        self.location = location
        self.rearrangement_text = rearrangement_text
        self.rearrangement = data.parse_rearrangement(rearrangement_text)
        self.schema = schema
        self.schema_url = schema_url
        self.compute_statistics = compute_statistics
        self.origin = origin  # "S3", "RDS" or "Redshift"
        self.role_arn = role_arn
        self.rds = rds
        self.redshift = redshift
        self.size: int | None = None
        self.file_count: int | None = None
        self.files: list[data.DataFile] = []

    def on_completed(self) -> None:
        account, partition = self.backend.account_id, self.backend.partition
        if self.rds is not None:
            instance = self.rds["Database"]["InstanceIdentifier"]
            if not self.backend.rds_instance_exists(instance):
                raise data.DataProblem(f"Amazon ML cannot connect to the RDS DB instance {instance}: it does not exist.")
        if self.redshift is not None:
            cluster = self.redshift["RedshiftDatabase"]["ClusterIdentifier"]
            if not self.backend.redshift_cluster_exists(cluster):
                raise data.DataProblem(f"Amazon ML cannot connect to the Amazon Redshift cluster {cluster}: it does not exist.")
        if self.schema is None and self.schema_url:
            try:
                self.schema = data.parse_schema(data.read_text(account, partition, self.schema_url, "DataSchema"))
            except ValueError as error:
                raise data.DataProblem(f"The DataSchema at {self.schema_url} is not valid: {error}") from None
        # A database source is unloaded to its staging location; the mock runs no query, so the
        # location may hold nothing, but the bucket must exist for the unload to land.
        self.files = data.list_data_files(account, partition, self.location, allow_empty=self.origin != "S3")
        self.size = sum(f.size for f in self.files)
        self.file_count = len(self.files)
        if self.compute_statistics:
            self.compute_time = 1000 + self.size // 100

    def observations(self) -> list[tuple[data.DataFile, data.Observations]]:
        if self.schema is None:
            return []
        return data.read_observations(self.files, self.schema, self.rearrangement)

    def target_values(self) -> list[str]:
        if self.schema is None or self.schema.target is None:
            return []
        values = []
        for _, observations in self.observations():
            values.extend(record[self.schema.target] for record in observations.records)
        return values

    def render(self, verbose: bool = False) -> dict[str, Any]:
        result = {
            "DataSourceId": self.id,
            "DataLocationS3": self.location,
            "DataRearrangement": self.rearrangement_text,
            "DataSizeInBytes": self.size,
            "NumberOfFiles": self.file_count,
            "ComputeStatistics": self.compute_statistics,
            "RoleARN": self.role_arn,
            "RDSMetadata": self.rds,
            "RedshiftMetadata": self.redshift,
            **self.common(),
        }
        if verbose and self.schema is not None:
            result["DataSourceSchema"] = self.schema.text
        return result

    def filter_values(self) -> dict[str, Any]:
        return {**super().filter_values(), "DataLocationS3": self.location}


class MLModel(Entity):
    kind = ML_MODEL_KIND
    resource_type = "MLModel"
    arn_type = "mlmodel"

    def __init__(
        self,
        backend: "MachineLearningBackend",
        entity_id: str,
        name: str | None,
        fingerprint: str,
        creator: str,
        *,
        model_type: str,
        data_source: DataSource,
        parameters: dict[str, str],
        recipe: str | None,
        recipe_url: str | None,
    ) -> None:
        super().__init__(backend, entity_id, name, fingerprint, creator)
        self.model_type = model_type
        self.data_source = data_source
        self.parameters = parameters
        self.recipe = recipe
        self.recipe_url = recipe_url
        self.size: int | None = None
        self.score_threshold: float | None = None
        self.score_threshold_updated_at: datetime | None = None
        self.classes: list[str] = []
        self.value_range = (0.0, 100.0)
        self.endpoint = Lifecycle(ENDPOINT_KIND, "NONE", ids=[f"{self.arn}/endpoint", f"{entity_id}/endpoint"])
        self.endpoint_created_at: datetime | None = None
        self.endpoint_url: str | None = None
        self.predictions: dict[str, dict[str, Any]] = {}  # set by tests: record key ("" = any) -> Prediction

    def upstreams(self) -> list[Entity]:
        return [self.data_source]

    def on_completed(self) -> None:
        source = self.data_source
        if source.schema is None or source.schema.target is None:
            raise data.DataProblem(f"The training DataSource {source.id} has no target attribute (targetFieldName) in its schema.")
        if self.recipe is None:
            if self.recipe_url:
                text = data.read_text(self.backend.account_id, self.backend.partition, self.recipe_url, "recipe")
                try:
                    data.parse_json_object(text, "recipe")
                except ValueError as error:
                    raise data.DataProblem(f"The recipe at {self.recipe_url} is not valid: {error}") from None
                self.recipe = text
            else:
                self.recipe = DEFAULT_RECIPE
        targets = source.target_values()
        if self.model_type == "MULTICLASS":
            # the classes the model learned are the target values it saw
            self.classes = sorted(set(targets)) or ["0", "1", "2"]
        if self.model_type == "REGRESSION":
            numbers = []
            for value in targets:
                try:
                    numbers.append(float(value))
                except ValueError:
                    pass
            if numbers:
                self.value_range = (min(numbers), max(numbers))
        if self.model_type == "BINARY":
            # Binary models start with the service's default cut-off
            self.score_threshold = 0.5
            self.score_threshold_updated_at = _now()
        max_size = int(self.parameters["sgd.maxMLModelSizeInBytes"])
        self.size = min(max_size, 4096 + (source.size or 0) // 2)
        self.compute_time = 1000 + (source.size or 0) // 50

    def delete(self) -> None:
        super().delete()
        self.drop_endpoint()

    # --- real-time endpoint --------------------------------------------------------------------
    def endpoint_info(self) -> dict[str, Any]:
        status = self.endpoint.status
        if status == "NONE":
            return {"PeakRequestsPerSecond": 0, "EndpointStatus": "NONE"}
        return {
            "PeakRequestsPerSecond": PEAK_REQUESTS_PER_SECOND,
            "CreatedAt": self.endpoint_created_at,
            "EndpointUrl": self.endpoint_url,
            "EndpointStatus": status,
        }

    def drop_endpoint(self) -> dict[str, Any]:
        info = self.endpoint_info()
        self.endpoint.force("NONE")
        info["EndpointStatus"] = "NONE"
        return info

    def render(self, verbose: bool = False) -> dict[str, Any]:
        result = {
            "MLModelId": self.id,
            "TrainingDataSourceId": self.data_source.id,
            "SizeInBytes": self.size,
            "EndpointInfo": self.endpoint_info(),
            "TrainingParameters": self.parameters,
            "InputDataLocationS3": self.data_source.location,
            "Algorithm": "sgd",
            "MLModelType": self.model_type,
            "ScoreThreshold": self.score_threshold,
            "ScoreThresholdLastUpdatedAt": self.score_threshold_updated_at,
            **self.common(),
        }
        if verbose:
            result["Recipe"] = self.recipe
            result["Schema"] = self.data_source.schema.text if self.data_source.schema else None
        return result

    def filter_values(self) -> dict[str, Any]:
        return {
            **super().filter_values(),
            "TrainingDataSourceId": self.data_source.id,
            "RealtimeEndpointStatus": self.endpoint.status,
            "MLModelType": self.model_type,
            "Algorithm": "sgd",
            "TrainingDataURI": self.data_source.location,
        }

    def predict(self, record: dict[str, str]) -> dict[str, Any]:
        key = json.dumps(record, sort_keys=True)
        for chosen in (key, ""):
            if chosen in self.predictions:
                return self.predictions[chosen]
        return predictions.predict(
            self.id,
            self.model_type,
            record,
            threshold=self.score_threshold if self.score_threshold is not None else 0.5,
            classes=self.classes or ["0", "1", "2"],
            value_range=self.value_range,
        )


class Evaluation(Entity):
    kind = EVALUATION_KIND
    resource_type = "Evaluation"
    arn_type = "evaluation"

    def __init__(self, backend: "MachineLearningBackend", entity_id: str, name: str | None, fingerprint: str, creator: str, *, model: MLModel, data_source: DataSource) -> None:
        super().__init__(backend, entity_id, name, fingerprint, creator)
        self.model = model
        self.data_source = data_source
        self.metrics: dict[str, str] | None = None
        self.metrics_override: dict[str, str] | None = None

    def upstreams(self) -> list[Entity]:
        return [self.model, self.data_source]

    def on_completed(self) -> None:
        schema = self.data_source.schema
        if schema is None or schema.target is None:
            raise data.DataProblem(f"The evaluation DataSource {self.data_source.id} has no target attribute to compare predictions with.")
        self.metrics = self.metrics_override or predictions.performance_metrics(
            self.id, self.model.id, self.data_source.id, self.model.model_type
        )
        self.compute_time = 500 + (self.data_source.size or 0) // 100

    def render(self, verbose: bool = False) -> dict[str, Any]:
        return {
            "EvaluationId": self.id,
            "MLModelId": self.model.id,
            "EvaluationDataSourceId": self.data_source.id,
            "InputDataLocationS3": self.data_source.location,
            "PerformanceMetrics": {"Properties": self.metrics} if self.metrics is not None else None,
            **self.common(),
        }

    def filter_values(self) -> dict[str, Any]:
        return {**super().filter_values(), "MLModelId": self.model.id, "DataSourceId": self.data_source.id, "DataURI": self.data_source.location}


class BatchPrediction(Entity):
    kind = BATCH_PREDICTION_KIND
    resource_type = "BatchPrediction"
    arn_type = "batchprediction"

    def __init__(self, backend: "MachineLearningBackend", entity_id: str, name: str | None, fingerprint: str, creator: str, *, model: MLModel, data_source: DataSource, output_uri: str) -> None:
        super().__init__(backend, entity_id, name, fingerprint, creator)
        self.model = model
        self.data_source = data_source
        self.output_uri = output_uri
        self.total: int | None = None
        self.invalid: int | None = None

    def upstreams(self) -> list[Entity]:
        return [self.model, self.data_source]

    def on_completed(self) -> None:
        account, partition = self.backend.account_id, self.backend.partition
        data.require_bucket(account, partition, self.output_uri, "batch prediction results")
        model = self.model
        classes = model.classes or ["0", "1", "2"]
        manifest = {}
        total = invalid = 0
        for data_file, observations in self.data_source.observations():
            target = self.data_source.schema.target if self.data_source.schema else None
            rows = []
            for record in observations.records:
                features = {name: value for name, value in record.items() if name != target}
                rows.append(predictions.batch_row(model.predict(features), model.model_type, classes))
            name = data_file.url.rsplit("/", 1)[-1]
            result_url = data.join_s3(self.output_uri, "batch-prediction", "result", f"{self.id}-{name}.gz")
            data.write_object(account, partition, result_url, data.gzip_csv(predictions.batch_header(model.model_type, classes), rows))
            manifest[data_file.url] = result_url
            total += len(observations.records) + observations.invalid
            invalid += observations.invalid
        manifest_url = data.join_s3(self.output_uri, "batch-prediction", f"{self.id}.manifest")
        data.write_object(account, partition, manifest_url, json.dumps(manifest).encode())
        self.total, self.invalid = total, invalid
        self.compute_time = 500 + total

    def render(self, verbose: bool = False) -> dict[str, Any]:
        return {
            "BatchPredictionId": self.id,
            "MLModelId": self.model.id,
            "BatchPredictionDataSourceId": self.data_source.id,
            "InputDataLocationS3": self.data_source.location,
            "OutputUri": self.output_uri,
            "TotalRecordCount": self.total,
            "InvalidRecordCount": self.invalid,
            **self.common(),
        }

    def filter_values(self) -> dict[str, Any]:
        return {**super().filter_values(), "MLModelId": self.model.id, "DataSourceId": self.data_source.id, "DataURI": self.data_source.location}


# --- Describe* filtering -------------------------------------------------------------------------
COMPARATORS = ("EQ", "GT", "LT", "GE", "LE", "NE", "Prefix")
TIME_VARIABLES = {"CreatedAt", "LastUpdatedAt"}
#: filter variables whose value a read can change
MOVING_VARIABLES = {"Status", "LastUpdatedAt", "RealtimeEndpointStatus"}


def _parse_time(value: str) -> datetime:
    # [UNVERIFIED] the API reference does not say how dates are written: accept epoch seconds
    # (how the API returns them) and ISO 8601.
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (ValueError, OverflowError, OSError):
        pass
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputException(f"{value} is not a date: use epoch seconds or ISO 8601.") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _matches(value: Any, comparator: str, operand: str, is_time: bool) -> bool:
    if comparator == "Prefix":
        return str(value).startswith(operand)
    right: Any = _parse_time(operand) if is_time else operand
    left = value if is_time else str(value)
    return {
        "EQ": left == right,
        "NE": left != right,
        "GT": left > right,
        "LT": left < right,
        "GE": left >= right,
        "LE": left <= right,
    }[comparator]


class MachineLearningBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.data_sources: dict[str, DataSource] = {}
        self.ml_models: dict[str, MLModel] = {}
        self.evaluations: dict[str, Evaluation] = {}
        self.batch_predictions: dict[str, BatchPrediction] = {}
        self._lock = threading.RLock()

    # --- who and what ----------------------------------------------------------------------------
    def caller_arn(self, access_key: str | None) -> str:
        """CreatedByIamUser: the IAM user owning the access key in moto's IAM, else the account root."""
        from moto.iam.models import iam_backends

        # Only an IAM backend that exists can know the key: building one (it loads every
        # managed policy) for each create would cost far more than the answer is worth.
        iam = (dict.get(iam_backends, self.account_id) or {}).get(self.partition)
        user = iam.get_user_from_access_key_id(access_key or "") if iam is not None else None
        if user is not None:
            return f"arn:aws:iam::{self.account_id}:user/{user.name}"
        return f"arn:aws:iam::{self.account_id}:root"

    def rds_instance_exists(self, identifier: str) -> bool:
        from moto.rds.models import rds_backends

        return identifier in rds_backends[self.account_id][self.region_name].databases

    def redshift_cluster_exists(self, identifier: str) -> bool:
        from moto.redshift.models import redshift_backends

        return identifier in redshift_backends[self.account_id][self.region_name].clusters

    # --- shared rules ----------------------------------------------------------------------------
    def _claim(self, store: dict[str, Any], entity_id: str, fingerprint: str, build: Callable[[], Entity]) -> Any:
        with self._lock:
            existing = store.get(entity_id)
            if existing is not None:
                if existing.fingerprint != fingerprint:
                    raise IdempotentParameterMismatchException(
                        f"The ID {entity_id} is already used by a {existing.resource_type} created with other parameters."
                    )
                return existing
            entity = build()
            store[entity_id] = entity
            return entity

    @staticmethod
    def _find(store: dict[str, Any], entity_id: str, resource_type: str, *, deleted_ok: bool = False) -> Any:
        entity = store.get(entity_id)
        if entity is None or (not deleted_ok and entity.status == DELETED):
            raise ResourceNotFoundException(f"No {resource_type} exists with the ID {entity_id}.")
        return entity

    @staticmethod
    def _upstream(store: dict[str, Any], entity_id: str, resource_type: str) -> Any:
        entity = store.get(entity_id)
        if entity is None:
            raise InvalidInputException(f"No {resource_type} exists with the ID {entity_id}.")
        if entity.status not in USABLE_UPSTREAM:
            raise InvalidInputException(f"The {resource_type} {entity_id} is {entity.status} and cannot be used.")
        return entity

    def observe(self, entity: Entity) -> None:
        """A read reports ``entity``: the service keeps working on it (and on what it waits for)."""
        upstreams = entity.upstreams()
        if entity.status == PENDING and upstreams:
            for upstream in upstreams:
                self.observe(upstream)
            broken = [u for u in upstreams if u.status in (FAILED, DELETED)]
            if broken:
                entity.fail(f"The {broken[0].resource_type} {broken[0].id} is {broken[0].status}.")
                return
            if any(u.status != COMPLETED for u in upstreams):
                return  # queued behind its inputs
        entity.lifecycle.observe()
        entity.sync(progressed=True)
        if isinstance(entity, MLModel):
            entity.endpoint.observe()

    # --- data sources ----------------------------------------------------------------------------
    def _parse_schema(self, text: str | None, url: str | None, what: str) -> data.Schema | None:
        if not text and not url:
            raise InvalidInputException(f"Provide either DataSchema or {what}.")
        if not text:
            return None
        try:
            return data.parse_schema(text)
        except ValueError as error:
            raise InvalidInputException(str(error)) from None

    @staticmethod
    def _check_rearrangement(text: str | None) -> None:
        try:
            data.parse_rearrangement(text)
        except ValueError as error:
            raise InvalidInputException(str(error)) from None

    def create_data_source_from_s3(self, data_source_id: str, name: str | None, spec: dict[str, Any], compute_statistics: bool, creator: str) -> DataSource:
        fingerprint = _fingerprint("CreateDataSourceFromS3", {"name": name, "spec": spec, "stats": compute_statistics})

        def build() -> DataSource:
            schema = self._parse_schema(spec.get("DataSchema"), spec.get("DataSchemaLocationS3"), "DataSchemaLocationS3")
            self._check_rearrangement(spec.get("DataRearrangement"))
            return DataSource(
                self, data_source_id, name, fingerprint, creator,
                location=spec["DataLocationS3"],
                rearrangement_text=spec.get("DataRearrangement"),
                schema=schema,
                schema_url=spec.get("DataSchemaLocationS3"),
                compute_statistics=compute_statistics,
                origin="S3",
            )

        return self._claim(self.data_sources, data_source_id, fingerprint, build)

    def create_data_source_from_rds(self, data_source_id: str, name: str | None, spec: dict[str, Any], role_arn: str, compute_statistics: bool, creator: str) -> DataSource:
        fingerprint = _fingerprint("CreateDataSourceFromRDS", {"name": name, "spec": spec, "role": role_arn, "stats": compute_statistics})

        def build() -> DataSource:
            schema = self._parse_schema(spec.get("DataSchema"), spec.get("DataSchemaUri"), "DataSchemaUri")
            self._check_rearrangement(spec.get("DataRearrangement"))
            metadata = {
                "Database": spec["DatabaseInformation"],
                "DatabaseUserName": spec["DatabaseCredentials"]["Username"],
                "SelectSqlQuery": spec["SelectSqlQuery"],
                "ResourceRole": spec["ResourceRole"],
                "ServiceRole": spec["ServiceRole"],
                # the Data Pipeline that copies the rows out: "df-" and 21 characters
                "DataPipelineId": "df-" + _stable_hex(self.account_id, self.region_name, data_source_id)[:21].upper(),
            }
            return DataSource(
                self, data_source_id, name, fingerprint, creator,
                location=spec["S3StagingLocation"],
                rearrangement_text=spec.get("DataRearrangement"),
                schema=schema,
                schema_url=spec.get("DataSchemaUri"),
                compute_statistics=compute_statistics,
                origin="RDS",
                role_arn=role_arn,
                rds=metadata,
            )

        return self._claim(self.data_sources, data_source_id, fingerprint, build)

    def create_data_source_from_redshift(self, data_source_id: str, name: str | None, spec: dict[str, Any], role_arn: str, compute_statistics: bool, creator: str) -> DataSource:
        fingerprint = _fingerprint("CreateDataSourceFromRedshift", {"name": name, "spec": spec, "role": role_arn, "stats": compute_statistics})

        def build() -> DataSource:
            schema = self._parse_schema(spec.get("DataSchema"), spec.get("DataSchemaUri"), "DataSchemaUri")
            self._check_rearrangement(spec.get("DataRearrangement"))
            metadata = {
                "RedshiftDatabase": spec["DatabaseInformation"],
                "DatabaseUserName": spec["DatabaseCredentials"]["Username"],
                "SelectSqlQuery": spec["SelectSqlQuery"],
            }
            return DataSource(
                self, data_source_id, name, fingerprint, creator,
                location=spec["S3StagingLocation"],
                rearrangement_text=spec.get("DataRearrangement"),
                schema=schema,
                schema_url=spec.get("DataSchemaUri"),
                compute_statistics=compute_statistics,
                origin="Redshift",
                role_arn=role_arn,
                redshift=metadata,
            )

        return self._claim(self.data_sources, data_source_id, fingerprint, build)

    def get_data_source(self, data_source_id: str) -> DataSource:
        source = self._find(self.data_sources, data_source_id, "DataSource", deleted_ok=True)
        self.observe(source)
        return source

    def update_data_source(self, data_source_id: str, name: str) -> DataSource:
        source = self._find(self.data_sources, data_source_id, "DataSource")
        source.rename(name)
        return source

    def delete_data_source(self, data_source_id: str) -> DataSource:
        source = self._find(self.data_sources, data_source_id, "DataSource")
        source.delete()
        return source

    # --- models ----------------------------------------------------------------------------------
    @staticmethod
    def _training_parameters(given: dict[str, str] | None) -> dict[str, str]:
        given = dict(given or {})
        for name, value in given.items():
            if name not in TRAINING_PARAMETERS:
                raise InvalidInputException(f"{name} is not a training parameter; use one of {', '.join(TRAINING_PARAMETERS)}.")
            kind, low, high, _ = TRAINING_PARAMETERS[name]
            if kind == "enum":
                if value not in SHUFFLE_TYPES:
                    raise InvalidInputException(f"{name} must be one of {', '.join(SHUFFLE_TYPES)}.")
                continue
            try:
                number = int(value) if kind == "int" else float(value)
            except ValueError:
                raise InvalidInputException(f"{name} must be {'an integer' if kind == 'int' else 'a number'}.") from None
            if not low <= number <= high:
                raise InvalidInputException(f"{name} must be between {low:g} and {high:g}.")
        if "sgd.l1RegularizationAmount" in given and "sgd.l2RegularizationAmount" in given:
            raise InvalidInputException("sgd.l1RegularizationAmount and sgd.l2RegularizationAmount cannot be used together.")
        # [UNVERIFIED] the model reports the parameters it trained with, defaults included
        defaults = {name: spec[3] for name, spec in TRAINING_PARAMETERS.items() if spec[3] is not None}
        return {**defaults, **given}

    def create_ml_model(
        self,
        model_id: str,
        name: str | None,
        model_type: str,
        parameters: dict[str, str] | None,
        data_source_id: str,
        recipe: str | None,
        recipe_url: str | None,
        creator: str,
    ) -> MLModel:
        fingerprint = _fingerprint(
            "CreateMLModel",
            {"name": name, "type": model_type, "parameters": parameters or {}, "source": data_source_id, "recipe": recipe, "recipe_url": recipe_url},
        )

        def build() -> MLModel:
            source = self._upstream(self.data_sources, data_source_id, "DataSource")
            if not source.compute_statistics:
                raise InvalidInputException(
                    f"The DataSource {data_source_id} was created without ComputeStatistics; CreateMLModel needs a DataSource with computed statistics."
                )
            if recipe is not None and recipe_url is not None:
                raise InvalidInputException("Specify either Recipe or RecipeUri, not both.")
            if recipe is not None:
                try:
                    data.parse_json_object(recipe, "Recipe")
                except ValueError as error:
                    raise InvalidInputException(str(error)) from None
            return MLModel(
                self, model_id, name, fingerprint, creator,
                model_type=model_type,
                data_source=source,
                parameters=self._training_parameters(parameters),
                recipe=recipe,
                recipe_url=recipe_url,
            )

        return self._claim(self.ml_models, model_id, fingerprint, build)

    def get_ml_model(self, model_id: str) -> MLModel:
        model = self._find(self.ml_models, model_id, "MLModel", deleted_ok=True)
        self.observe(model)
        return model

    def update_ml_model(self, model_id: str, name: str | None, score_threshold: float | None) -> MLModel:
        model = self._find(self.ml_models, model_id, "MLModel")
        if score_threshold is not None:
            if model.model_type != "BINARY":
                raise InvalidInputException("A ScoreThreshold applies only to BINARY models.")
            if model.status != COMPLETED:
                raise InvalidInputException(f"The MLModel {model_id} is {model.status}; its ScoreThreshold can be set once it is COMPLETED.")
            if not 0 <= score_threshold <= 1:
                raise InvalidInputException("The ScoreThreshold must be between 0 and 1.")
        if name is not None:
            model.rename(name)
        if score_threshold is not None:
            model.score_threshold = score_threshold
            model.score_threshold_updated_at = model.last_updated_at = _now()
        return model

    def delete_ml_model(self, model_id: str) -> MLModel:
        model = self._find(self.ml_models, model_id, "MLModel")
        model.delete()
        return model

    # --- evaluations and batch predictions -------------------------------------------------------
    def create_evaluation(self, evaluation_id: str, name: str | None, model_id: str, data_source_id: str, creator: str) -> Evaluation:
        fingerprint = _fingerprint("CreateEvaluation", {"name": name, "model": model_id, "source": data_source_id})

        def build() -> Evaluation:
            model = self._upstream(self.ml_models, model_id, "MLModel")
            source = self._upstream(self.data_sources, data_source_id, "DataSource")
            return Evaluation(self, evaluation_id, name, fingerprint, creator, model=model, data_source=source)

        return self._claim(self.evaluations, evaluation_id, fingerprint, build)

    def get_evaluation(self, evaluation_id: str) -> Evaluation:
        evaluation = self._find(self.evaluations, evaluation_id, "Evaluation", deleted_ok=True)
        self.observe(evaluation)
        return evaluation

    def update_evaluation(self, evaluation_id: str, name: str) -> Evaluation:
        evaluation = self._find(self.evaluations, evaluation_id, "Evaluation")
        evaluation.rename(name)
        return evaluation

    def delete_evaluation(self, evaluation_id: str) -> Evaluation:
        evaluation = self._find(self.evaluations, evaluation_id, "Evaluation")
        evaluation.delete()
        return evaluation

    def create_batch_prediction(self, prediction_id: str, name: str | None, model_id: str, data_source_id: str, output_uri: str, creator: str) -> BatchPrediction:
        fingerprint = _fingerprint("CreateBatchPrediction", {"name": name, "model": model_id, "source": data_source_id, "output": output_uri})

        def build() -> BatchPrediction:
            _, key = data.split_s3_url(output_uri)
            for forbidden in (":", "//", "/./", "/../"):
                if forbidden in key:
                    raise InvalidInputException(f"The key part of the OutputUri must not contain {forbidden!r}.")
            model = self._upstream(self.ml_models, model_id, "MLModel")
            source = self._upstream(self.data_sources, data_source_id, "DataSource")
            return BatchPrediction(self, prediction_id, name, fingerprint, creator, model=model, data_source=source, output_uri=output_uri)

        return self._claim(self.batch_predictions, prediction_id, fingerprint, build)

    def get_batch_prediction(self, prediction_id: str) -> BatchPrediction:
        prediction = self._find(self.batch_predictions, prediction_id, "BatchPrediction", deleted_ok=True)
        self.observe(prediction)
        return prediction

    def update_batch_prediction(self, prediction_id: str, name: str) -> BatchPrediction:
        prediction = self._find(self.batch_predictions, prediction_id, "BatchPrediction")
        prediction.rename(name)
        return prediction

    def delete_batch_prediction(self, prediction_id: str) -> BatchPrediction:
        prediction = self._find(self.batch_predictions, prediction_id, "BatchPrediction")
        prediction.delete()
        return prediction

    # --- Describe* -------------------------------------------------------------------------------
    def describe(self, store: dict[str, Any], filters: dict[str, Any], next_token: str | None, limit: int | None) -> tuple[list[Any], str | None]:
        """One page of the entities matching the request's filter, observed as they are reported."""
        variable = filters.get("FilterVariable")
        used = {name: filters[name] for name in COMPARATORS if filters.get(name) is not None}
        if used and not variable:
            raise InvalidInputException(f"{', '.join(used)} needs a FilterVariable to compare.")
        is_time = variable in TIME_VARIABLES
        candidates = [entity for entity in store.values() if entity.status != DELETED]
        if variable in MOVING_VARIABLES:
            # Filtering on what a read changes: the read happens first, so what is reported
            # matches the filter it was selected by.
            for entity in candidates:
                self.observe(entity)
        selected = []
        for entity in candidates:
            value = entity.filter_values()[variable] if variable else None
            if all(_matches(value, comparator, operand, is_time) for comparator, operand in used.items()):
                selected.append(entity)

        # Results are sorted by FilterVariable (CreatedAt when there is none); ties by creation, id.
        def sort_key(entity: Entity) -> tuple[Any, ...]:
            primary = entity.filter_values()[variable] if variable else entity.created_at
            return (primary, entity.created_at, entity.id)

        selected.sort(key=sort_key, reverse=filters.get("SortOrder") == "dsc")
        page, token = paginate(selected, next_token, limit, default_size=100, invalid=InvalidInputException, scope={**used, "v": variable, "o": filters.get("SortOrder")})
        if variable not in MOVING_VARIABLES:
            for entity in page:
                self.observe(entity)
        return page, token

    # --- real-time endpoints and Predict ---------------------------------------------------------
    def create_realtime_endpoint(self, model_id: str, endpoint_url: str) -> MLModel:
        model = self._find(self.ml_models, model_id, "MLModel")
        if model.status != COMPLETED:
            raise InvalidInputException(f"The MLModel {model_id} is {model.status}; a real-time endpoint needs a COMPLETED MLModel.")
        # Creating again while it exists answers with the endpoint as it is.
        if model.endpoint.status in ("NONE", "FAILED"):
            model.endpoint_created_at = _now()
            model.endpoint_url = endpoint_url
            model.endpoint.begin("UPDATING")
        return model

    def delete_realtime_endpoint(self, model_id: str) -> tuple[MLModel, dict[str, Any]]:
        model = self._find(self.ml_models, model_id, "MLModel")
        # [UNVERIFIED] deleting an endpoint that is not there answers with NONE and changes nothing
        return model, model.drop_endpoint()

    def predict(self, model_id: str, record: dict[str, str]) -> dict[str, Any]:
        model = self._find(self.ml_models, model_id, "MLModel")
        if model.endpoint.status != "READY":
            raise PredictorNotMountedException(f"The MLModel {model_id} has no READY real-time endpoint (it is {model.endpoint.status}).")
        return model.predict(record)

    # --- tags ------------------------------------------------------------------------------------
    def _taggable(self, resource_id: str, resource_type: str) -> Entity:
        stores = {
            "DataSource": self.data_sources,
            "MLModel": self.ml_models,
            "Evaluation": self.evaluations,
            "BatchPrediction": self.batch_predictions,
        }
        return self._find(stores[resource_type], resource_id, resource_type)

    @staticmethod
    def check_tag_text(text: str, what: str, max_length: int) -> None:
        if len(text) > max_length:
            raise InvalidTagException(f"The tag {what} {text!r} is longer than {max_length} characters.")
        for char in text:
            if char in "_.:/=+-@" or unicodedata.category(char)[0] in "LZN":
                continue
            raise InvalidTagException(f"The tag {what} {text!r} contains {char!r}, which tags do not allow.")

    def check_tags(self, tags: Iterable[dict[str, Any]] = (), keys: Iterable[str] = ()) -> None:
        for key in [tag.get("Key") for tag in tags] + list(keys):
            if key is None or key == "":
                raise InvalidTagException("A tag key must not be empty.")
            if key.lower().startswith("aws:"):
                raise InvalidTagException(f"The tag key {key!r} uses the reserved prefix aws:.")
            self.check_tag_text(key, "key", 128)
        for tag in tags:
            if tag.get("Value") is not None:
                self.check_tag_text(tag["Value"], "value", 256)

    def add_tags(self, resource_id: str, resource_type: str, tags: list[dict[str, Any]]) -> None:
        self.check_tags(tags=tags)
        entity = self._taggable(resource_id, resource_type)
        merged = dict(entity.tags)
        for tag in tags:
            merged[tag["Key"]] = tag.get("Value")
        if len(merged) > MAX_TAGS:
            raise TagLimitExceededException(f"An ML object can have at most {MAX_TAGS} tags; this request would give it {len(merged)}.")
        entity.tags = merged

    def delete_tags(self, resource_id: str, resource_type: str, keys: list[str]) -> None:
        self.check_tags(keys=keys)
        entity = self._taggable(resource_id, resource_type)
        for key in keys:
            entity.tags.pop(key, None)  # keys it does not have are ignored (DeleteTags API reference)

    def describe_tags(self, resource_id: str, resource_type: str) -> list[dict[str, Any]]:
        entity = self._taggable(resource_id, resource_type)
        return [{"Key": key, "Value": value} if value is not None else {"Key": key} for key, value in entity.tags.items()]

    # --- test-time controls ----------------------------------------------------------------------
    def set_prediction(self, model_id: str, prediction: dict[str, Any], record: dict[str, str] | None = None) -> None:
        """Make Predict (and batch predictions) on a model answer ``prediction``: for one record, or any."""
        model = self.ml_models.get(model_id)
        if model is None:
            raise KeyError(f"no MLModel {model_id!r} in {self.account_id}/{self.region_name}")
        found = problems(prediction, _MODEL.shape_for("Prediction"))
        if found:
            raise ValueError(f"not a Prediction: {found}")
        key = json.dumps(record, sort_keys=True) if record is not None else ""
        model.predictions[key] = prediction

    def set_performance_metrics(self, evaluation_id: str, properties: dict[str, str]) -> None:
        """Make an evaluation report these PerformanceMetrics properties (now, or when it completes)."""
        evaluation = self.evaluations.get(evaluation_id)
        if evaluation is None:
            raise KeyError(f"no Evaluation {evaluation_id!r} in {self.account_id}/{self.region_name}")
        evaluation.metrics_override = {str(k): str(v) for k, v in properties.items()}
        if evaluation.metrics is not None:
            evaluation.metrics = evaluation.metrics_override


machinelearning_backends = BackendDict(MachineLearningBackend, "machinelearning")
