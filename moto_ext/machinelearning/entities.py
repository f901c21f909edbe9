"""What the four entities of Amazon Machine Learning share (statuses, timestamps, names, tags), and
the data sources, evaluations and batch predictions, with what each computes when it completes.
ML models and their real-time endpoints are in mlmodels.py.

Statuses move through the lifecycle engine (kinds ``machinelearning.data_source``, ``.ml_model``,
``.evaluation``, ``.batch_prediction``). Reading ``status`` changes nothing: what a status change
means (timestamps, results) is said once, in ``_on_change``, which the engine calls whoever moved
the status. DELETED is not a gone status: Get* still answers for a deleted entity (see models.py).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from moto.core.utils import get_service_model

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind

from . import data, predictions

if TYPE_CHECKING:
    from .mlmodels import MLModel
    from .models import MachineLearningBackend

SERVICE_MODEL = get_service_model("machinelearning")
ENTITY_STATUSES = list(SERVICE_MODEL.shape_for("EntityStatus").enum)

PENDING, INPROGRESS, COMPLETED, FAILED, DELETED = "PENDING", "INPROGRESS", "COMPLETED", "FAILED", "DELETED"
#: what a new model, evaluation or batch prediction may be built on (CreateDataSourceFrom* API reference)
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

# creation order, for ties between entities created in the same millisecond
_creation_order = itertools.count()


def now() -> datetime:
    """The current time at the precision the API reports (epoch milliseconds): Describe* filters
    then compare exactly the dates a caller has seen."""
    moment = datetime.now(timezone.utc)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class Entity:
    """What data sources, models, evaluations and batch predictions share."""

    kind: LifecycleKind
    resource_type: str  # TaggableResourceType
    arn_type: str
    #: the member that names the entity in requests and answers (DataSourceId, ...)
    id_member: str

    def __init__(
        self, backend: MachineLearningBackend, entity_id: str, name: str | None, fingerprint: str, creator: str
    ) -> None:
        self.backend = backend
        self.id = entity_id
        self.name = name
        self.fingerprint = fingerprint
        self.created_by = creator
        self.created_at = self.last_updated_at = now()
        self.creation_order = next(_creation_order)
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None
        self.compute_time: int | None = None
        self.message: str | None = None
        #: why the current run cannot use its inputs (it then ends FAILED, with this Message)
        self.problem: str | None = None
        self._results: Callable[[], None] | None = None  # the current run's, shown once COMPLETED
        self.tags: dict[str, str | None] = {}
        self.arn = f"arn:{backend.partition}:machinelearning:{backend.region_name}:{backend.account_id}:{self.arn_type}/{entity_id}"
        self.lifecycle = Lifecycle(
            self.kind, PENDING, ids=[self.arn, entity_id], on_change=self._on_change, may_step=self._may_step
        )

    @property
    def status(self) -> str:
        return self.lifecycle.status  # type: ignore[no-any-return]

    def upstreams(self) -> list[Entity]:
        """The entities this one is computed from: it waits for them and fails with them."""
        return []

    def lifecycles(self) -> list[Lifecycle]:
        """What moves on a look at this entity (its status; a model's endpoint too)."""
        return [self.lifecycle]

    def look(self) -> None:
        """An operation looks at this entity (or at one computed from it): the service works on."""
        self.lifecycle.observe()

    def _may_step(self, status: str) -> bool:
        """A PENDING entity is queued behind its inputs: it starts once they are COMPLETED, and fails
        if one fails or is deleted. Checking an input counts as looking at it."""
        if status != PENDING:
            return True
        upstreams = self.upstreams()
        for upstream in upstreams:
            upstream.look()
        broken = next((u for u in upstreams if u.status in (FAILED, DELETED)), None)
        if broken is not None:
            self.fail(f"The {broken.resource_type} {broken.id} is {broken.status}.")
            return False
        return all(upstream.status == COMPLETED for upstream in upstreams)

    def _on_change(self, old: str, new: str) -> None:
        """Fill the fields the service fills when the status changes (by a look, an action or a test)."""
        moment = now()
        self.last_updated_at = moment
        if new == PENDING:
            self.started_at = self.finished_at = None
        elif new == INPROGRESS:
            self.started_at, self.finished_at = moment, None
            self._start_run()
        elif new in (COMPLETED, FAILED):
            self.started_at = self.started_at or moment
            self.finished_at = moment
        if new == COMPLETED:
            self._publish_run()
        elif new == FAILED and not self.message:
            self.message = self.problem or f"The {self.resource_type} could not be processed."
        self.backend.refile(self)

    def _start_run(self) -> None:
        """The service does its work while INPROGRESS: a run that cannot use its inputs settles in
        FAILED (with the reason as its Message) when it ends; its results show once COMPLETED."""
        self.problem = None
        self._results = None
        try:
            self._results = self.run()
        except data.DataProblem as problem:
            self.problem = str(problem)
        self.lifecycle.settle_in(INPROGRESS, FAILED if self.problem else None)

    def _publish_run(self) -> None:
        # A status a test forced to COMPLETED keeps whatever fields can be computed.
        try:
            (self._results or self.run())()
        except data.DataProblem:
            pass
        self._results = None

    def run(self) -> Callable[[], None]:
        """Read and check the inputs, raising DataProblem when they are unusable; what publishing
        the results does (they show once the entity is COMPLETED)."""
        return lambda: None

    def fail(self, message: str) -> None:
        self.message = message
        self.lifecycle.force(FAILED)

    def delete(self) -> None:
        self.lifecycle.force(DELETED)

    def rename(self, name: str) -> None:
        self.name = name
        self.last_updated_at = now()
        self.backend.refile(self)

    def to_dict(self) -> dict[str, Any]:
        """The members every entity shape shares; each kind adds its own."""
        return {
            self.id_member: self.id,
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
        """The value of each Describe* FilterVariable for this entity."""
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
    id_member = "DataSourceId"

    def __init__(
        self,
        backend: MachineLearningBackend,
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

    def run(self) -> Callable[[], None]:
        account, partition = self.backend.account_id, self.backend.partition
        if self.rds is not None:
            instance = self.rds["Database"]["InstanceIdentifier"]
            if not data.rds_instance_exists(account, self.backend.region_name, instance):
                raise data.DataProblem(
                    f"Amazon ML cannot connect to the RDS DB instance {instance}: it does not exist."
                )
        if self.redshift is not None:
            cluster = self.redshift["RedshiftDatabase"]["ClusterIdentifier"]
            if not data.redshift_cluster_exists(account, self.backend.region_name, cluster):
                raise data.DataProblem(
                    f"Amazon ML cannot connect to the Amazon Redshift cluster {cluster}: it does not exist."
                )
        schema = self.schema
        if schema is None and self.schema_url:
            try:
                schema = data.parse_schema(data.read_text(account, partition, self.schema_url, "DataSchema"))
            except ValueError as error:
                raise data.DataProblem(f"The DataSchema at {self.schema_url} is not valid: {error}") from None
        # A database source is unloaded to its staging location; the mock runs no query, so the
        # location may hold nothing, but the bucket must exist for the unload to land.
        files = data.list_data_files(account, partition, self.location, allow_empty=self.origin != "S3")

        def publish() -> None:
            self.schema, self.files = schema, files
            self.size = sum(f.size for f in files)
            self.file_count = len(files)
            if self.compute_statistics:
                self.compute_time = 1000 + self.size // 100

        return publish

    def observations(self) -> list[tuple[data.DataFile, data.Observations]]:
        if self.schema is None:
            return []
        return data.read_observations(self.files, self.schema, self.rearrangement)

    def target_values(self) -> list[str]:
        if self.schema is None or self.schema.target is None:
            return []
        values: list[str] = []
        for _, observations in self.observations():
            values.extend(record[self.schema.target] for record in observations.records)
        return values

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "DataLocationS3": self.location,
            "DataRearrangement": self.rearrangement_text,
            "DataSizeInBytes": self.size,
            "NumberOfFiles": self.file_count,
            "ComputeStatistics": self.compute_statistics,
            "RoleARN": self.role_arn,
            "RDSMetadata": self.rds,
            "RedshiftMetadata": self.redshift,
        }

    def filter_values(self) -> dict[str, Any]:
        return {**super().filter_values(), "DataLocationS3": self.location}


class ModelRun(Entity):
    """An evaluation or a batch prediction: a model run over a data source."""

    def __init__(
        self,
        backend: MachineLearningBackend,
        entity_id: str,
        name: str | None,
        fingerprint: str,
        creator: str,
        *,
        model: MLModel,
        data_source: DataSource,
    ) -> None:
        super().__init__(backend, entity_id, name, fingerprint, creator)
        self.model = model
        self.data_source = data_source

    def upstreams(self) -> list[Entity]:
        return [self.model, self.data_source]

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "MLModelId": self.model.id, "InputDataLocationS3": self.data_source.location}

    def filter_values(self) -> dict[str, Any]:
        return {
            **super().filter_values(),
            "MLModelId": self.model.id,
            "DataSourceId": self.data_source.id,
            "DataURI": self.data_source.location,
        }


class Evaluation(ModelRun):
    kind = EVALUATION_KIND
    resource_type = "Evaluation"
    arn_type = "evaluation"
    id_member = "EvaluationId"
    # none until the evaluation computes them, or a test sets them (set_metrics)
    metrics: dict[str, str] | None = None
    metrics_override: dict[str, str] | None = None

    def set_metrics(self, properties: dict[str, str]) -> None:
        """(test-time) The PerformanceMetrics properties it reports, now or when it completes."""
        self.metrics_override = {str(k): str(v) for k, v in properties.items()}
        if self.metrics is not None:
            self.metrics = self.metrics_override

    def run(self) -> Callable[[], None]:
        schema = self.data_source.schema
        if schema is None or schema.target is None:
            raise data.DataProblem(
                f"The evaluation DataSource {self.data_source.id} has no target attribute to compare predictions with."
            )

        def publish() -> None:
            self.metrics = self.metrics_override or predictions.performance_metrics(
                self.id, self.model.id, self.data_source.id, self.model.model_type
            )
            self.compute_time = 500 + (self.data_source.size or 0) // 100

        return publish

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "EvaluationDataSourceId": self.data_source.id,
            "PerformanceMetrics": {"Properties": self.metrics} if self.metrics is not None else None,
        }


class BatchPrediction(ModelRun):
    kind = BATCH_PREDICTION_KIND
    resource_type = "BatchPrediction"
    arn_type = "batchprediction"
    id_member = "BatchPredictionId"

    def __init__(
        self,
        backend: MachineLearningBackend,
        entity_id: str,
        name: str | None,
        fingerprint: str,
        creator: str,
        *,
        model: MLModel,
        data_source: DataSource,
        output_uri: str,
    ) -> None:
        super().__init__(backend, entity_id, name, fingerprint, creator, model=model, data_source=data_source)
        self.output_uri = output_uri
        self.total: int | None = None
        self.invalid: int | None = None

    def run(self) -> Callable[[], None]:
        account, partition = self.backend.account_id, self.backend.partition
        data.require_bucket(account, partition, self.output_uri, "batch prediction results")
        return self._predict_and_write

    def _predict_and_write(self) -> None:
        """Predict every observation and write the result files and manifest to the OutputUri."""
        account, partition = self.backend.account_id, self.backend.partition
        model = self.model
        classes = model.learned_classes
        target = self.data_source.schema.target if self.data_source.schema else None
        manifest = {}
        total = invalid = 0
        for data_file, observations in self.data_source.observations():
            rows = []
            for record in observations.records:
                features = {name: value for name, value in record.items() if name != target}
                rows.append(predictions.batch_row(model.predict(features), model.model_type, classes))
            name = data_file.url.rsplit("/", 1)[-1]
            result_url = data.join_s3(self.output_uri, "batch-prediction", "result", f"{self.id}-{name}.gz")
            data.write_object(
                account, partition, result_url, data.gzip_csv(predictions.batch_header(model.model_type, classes), rows)
            )
            manifest[data_file.url] = result_url
            total += len(observations.records) + observations.invalid
            invalid += observations.invalid
        manifest_url = data.join_s3(self.output_uri, "batch-prediction", f"{self.id}.manifest")
        data.write_object(account, partition, manifest_url, json.dumps(manifest).encode())
        self.total, self.invalid = total, invalid
        self.compute_time = 500 + total

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "BatchPredictionDataSourceId": self.data_source.id,
            "OutputUri": self.output_uri,
            "TotalRecordCount": self.total,
            "InvalidRecordCount": self.invalid,
        }
