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
- Statuses move when operations look at the entity (the lifecycle engine; entities.py).

This module is the backend: the operations and the rules between entities. The entities are in
entities.py (ML models and endpoints in mlmodels.py), Describe*'s filter in filtering.py, tag rules
in tags.py, S3, databases and the documents callers send in data.py, computed predictions and
metrics in predictions.py.
"""

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from moto.core.base_backend import BaseBackend

from moto_ext.core.backends import ExtBackendDict
from moto_ext.core.jsonbody import json_object
from moto_ext.core.paging import Catalog, paginate

from . import data
from .entities import (
    COMPLETED,
    DELETED,
    SERVICE_MODEL,
    USABLE_UPSTREAM,
    BatchPrediction,
    DataSource,
    Entity,
    Evaluation,
    now,
)
from .exceptions import (
    IdempotentParameterMismatchException,
    InvalidInputException,
    PredictorNotMountedException,
    ResourceNotFoundException,
    TagLimitExceededException,
)
from .filtering import Filter
from .mlmodels import ENDPOINT_READY, NO_ENDPOINT, EndpointInfo, MLModel, training_parameters
from .tags import check_tags

E = TypeVar("E", bound=Entity)


@dataclass
class Quotas:
    """The service's limits; tests lower them per backend (``backend.quotas.tags_per_resource = 2``)."""

    #: tags per ML object (AddTags API reference)
    tags_per_resource: int = 10


#: CreateDataSourceFrom* origin -> (the spec member with the schema's S3 location, the one with the data's)
_SPEC_MEMBERS = {
    "S3": ("DataSchemaLocationS3", "DataLocationS3"),
    "RDS": ("DataSchemaUri", "S3StagingLocation"),
    "Redshift": ("DataSchemaUri", "S3StagingLocation"),
}
#: TaggableResourceType -> entity class
ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.resource_type: cls for cls in (DataSource, MLModel, Evaluation, BatchPrediction)
}


def _stable_hex(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


def _fingerprint(operation: str, *parameters: Any) -> str:
    """What a create with a caller-chosen id is compared by when the id is used again."""
    return json.dumps([operation, *parameters], sort_keys=True, default=str)


def _entity_store(cls: type[E]) -> Catalog[str, E]:
    """Entities by id, with Describe*'s orders: one per FilterVariable of the entity type (the
    default order is CreatedAt's); a deleted entity stays for Get* but is not listed."""
    variables = SERVICE_MODEL.shape_for(f"{cls.resource_type}FilterVariable").enum

    def order(variable: str) -> Callable[[E], Any]:
        return lambda entity: entity.filter_values()[variable]

    return Catalog(
        {variable: order(variable) for variable in variables},
        listed=lambda entity: entity.status != DELETED,
        lifecycles=lambda entity: entity.lifecycles(),
    )


class MachineLearningBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.data_sources: Catalog[str, DataSource] = _entity_store(DataSource)
        self.ml_models: Catalog[str, MLModel] = _entity_store(MLModel)
        self.evaluations: Catalog[str, Evaluation] = _entity_store(Evaluation)
        self.batch_predictions: Catalog[str, BatchPrediction] = _entity_store(BatchPrediction)
        self.quotas = Quotas()
        self._lock = threading.RLock()

    # --- who and what ----------------------------------------------------------------------------
    def caller_arn(self, access_key: str | None) -> str:
        """CreatedByIamUser: the IAM user owning the access key in moto's IAM, else the account root."""
        from moto.iam.models import iam_backends

        # Only an IAM backend that exists can know the key: building one (it loads every
        # managed policy) for each create would cost far more than the answer is worth.
        by_account: dict[str, Any] = iam_backends  # dict.get, unlike BackendDict[...], creates nothing
        iam = (dict.get(by_account, self.account_id) or {}).get(self.partition)
        user = iam.get_user_from_access_key_id(access_key or "") if iam is not None else None
        if user is not None:
            return f"arn:aws:iam::{self.account_id}:user/{user.name}"
        return f"arn:aws:iam::{self.account_id}:root"

    # --- what every entity type shares -----------------------------------------------------------
    def _store(self, cls: type[E]) -> Catalog[str, E]:
        stores: dict[type[Entity], Catalog[str, Any]] = {
            DataSource: self.data_sources,
            MLModel: self.ml_models,
            Evaluation: self.evaluations,
            BatchPrediction: self.batch_predictions,
        }
        return stores[cls]

    def _claim(self, cls: type[E], entity_id: str, fingerprint: str, build: Callable[[], E]) -> E:
        """The entity with a caller-chosen id: the existing one for a repeated create, else a new one."""
        store = self._store(cls)
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

    def _find(self, cls: type[E], entity_id: str, *, deleted_ok: bool = False) -> E:
        entity = self._store(cls).get(entity_id)
        if entity is None or (not deleted_ok and entity.status == DELETED):
            raise ResourceNotFoundException(f"No {cls.resource_type} exists with the ID {entity_id}.")
        return entity

    def _upstream(self, cls: type[E], entity_id: str) -> E:
        entity = self._store(cls).get(entity_id)
        if entity is None:
            raise InvalidInputException(f"No {cls.resource_type} exists with the ID {entity_id}.")
        if entity.status not in USABLE_UPSTREAM:
            raise InvalidInputException(f"The {cls.resource_type} {entity_id} is {entity.status} and cannot be used.")
        return entity

    def _get(self, cls: type[E], entity_id: str) -> E:
        entity = self._find(cls, entity_id, deleted_ok=True)  # Get* still answers for a deleted entity
        self.observe(entity)
        return entity

    def _rename(self, cls: type[E], entity_id: str, name: str | None) -> E:
        entity = self._find(cls, entity_id)
        if name is not None:
            entity.rename(name)
        return entity

    def _delete(self, cls: type[E], entity_id: str) -> E:
        entity = self._find(cls, entity_id)
        entity.delete()
        return entity

    def _describe(
        self,
        cls: type[E],
        filter_variable: str | None = None,
        sort_order: str | None = None,
        next_token: str | None = None,
        limit: int | None = None,
        **comparisons: str | None,
    ) -> tuple[list[E], str | None]:
        """One page of the entities matching the request's filter, observed as they are reported."""
        query = Filter(filter_variable, comparisons, sort_order)
        store = self._store(cls)
        if query.moves:
            # Filtering on what a read changes: the read happens first, so what is reported
            # matches the filter it was selected by. Only in-progress entities move on a look.
            for entity in store.in_progress():
                if entity.status != DELETED:
                    self.observe(entity)
        selected, keep = query.listing(store)
        page, token = paginate(
            selected, next_token, limit, default_size=100, invalid=InvalidInputException, scope=query.scope, keep=keep
        )
        if not query.moves:
            for entity in page:
                self.observe(entity)
        return page, token

    def refile(self, entity: Entity) -> None:
        """Keep Describe*'s orders current after an entity's status, name or dates changed."""
        self._store(type(entity)).refile(entity.id)

    def observe(self, entity: Entity) -> None:
        """An operation looks at ``entity``: the service keeps working on it (and on what it waits for)."""
        entity.look()
        if isinstance(entity, MLModel):
            entity.endpoint.observe()

    # --- data sources ----------------------------------------------------------------------------
    @staticmethod
    def _parse_schema(text: str | None, url: str | None, url_member: str) -> data.Schema | None:
        if not text and not url:
            raise InvalidInputException(f"Provide either DataSchema or {url_member}.")
        if not text:
            return None
        try:
            return data.parse_schema(text)
        except ValueError as error:
            raise InvalidInputException(str(error)) from None

    def _create_data_source(
        self,
        origin: str,
        data_source_id: str,
        spec: dict[str, Any],
        creator: str,
        name: str | None,
        compute_statistics: bool,
        **database: Any,
    ) -> DataSource:
        """What the three CreateDataSourceFrom* share; ``database``: the role and metadata of RDS and Redshift."""
        schema_url_member, location_member = _SPEC_MEMBERS[origin]
        fingerprint = _fingerprint(
            f"CreateDataSourceFrom{origin}", name, spec, compute_statistics, database.get("role_arn")
        )

        def build() -> DataSource:
            schema = self._parse_schema(spec.get("DataSchema"), spec.get(schema_url_member), schema_url_member)
            try:
                data.parse_rearrangement(spec.get("DataRearrangement"))
            except ValueError as error:
                raise InvalidInputException(str(error)) from None
            return DataSource(
                self,
                data_source_id,
                name,
                fingerprint,
                creator,
                location=spec[location_member],
                rearrangement_text=spec.get("DataRearrangement"),
                schema=schema,
                schema_url=spec.get(schema_url_member),
                compute_statistics=compute_statistics,
                origin=origin,
                **database,
            )

        return self._claim(DataSource, data_source_id, fingerprint, build)

    def create_data_source_from_s3(
        self,
        data_source_id: str,
        data_spec: dict[str, Any],
        created_by_iam_user: str,
        data_source_name: str | None = None,
        compute_statistics: bool = False,
    ) -> DataSource:
        return self._create_data_source(
            "S3", data_source_id, data_spec, created_by_iam_user, data_source_name, compute_statistics
        )

    def create_data_source_from_rds(
        self,
        data_source_id: str,
        rds_data: dict[str, Any],
        role_arn: str,
        created_by_iam_user: str,
        data_source_name: str | None = None,
        compute_statistics: bool = False,
    ) -> DataSource:
        rds = {
            "Database": rds_data["DatabaseInformation"],
            "DatabaseUserName": rds_data["DatabaseCredentials"]["Username"],
            "SelectSqlQuery": rds_data["SelectSqlQuery"],
            "ResourceRole": rds_data["ResourceRole"],
            "ServiceRole": rds_data["ServiceRole"],
            # the Data Pipeline that copies the rows out: "df-" and 21 characters
            "DataPipelineId": "df-" + _stable_hex(self.account_id, self.region_name, data_source_id)[:21].upper(),
        }
        return self._create_data_source(
            "RDS",
            data_source_id,
            rds_data,
            created_by_iam_user,
            data_source_name,
            compute_statistics,
            role_arn=role_arn,
            rds=rds,
        )

    def create_data_source_from_redshift(
        self,
        data_source_id: str,
        data_spec: dict[str, Any],
        role_arn: str,
        created_by_iam_user: str,
        data_source_name: str | None = None,
        compute_statistics: bool = False,
    ) -> DataSource:
        redshift = {
            "RedshiftDatabase": data_spec["DatabaseInformation"],
            "DatabaseUserName": data_spec["DatabaseCredentials"]["Username"],
            "SelectSqlQuery": data_spec["SelectSqlQuery"],
        }
        return self._create_data_source(
            "Redshift",
            data_source_id,
            data_spec,
            created_by_iam_user,
            data_source_name,
            compute_statistics,
            role_arn=role_arn,
            redshift=redshift,
        )

    def get_data_source(self, data_source_id: str) -> DataSource:
        return self._get(DataSource, data_source_id)

    def update_data_source(self, data_source_id: str, data_source_name: str) -> DataSource:
        return self._rename(DataSource, data_source_id, data_source_name)

    def delete_data_source(self, data_source_id: str) -> DataSource:
        return self._delete(DataSource, data_source_id)

    def describe_data_sources(self, **filters: Any) -> tuple[list[DataSource], str | None]:
        return self._describe(DataSource, **filters)

    # --- models ----------------------------------------------------------------------------------
    def create_ml_model(
        self,
        ml_model_id: str,
        ml_model_type: str,
        training_data_source_id: str,
        created_by_iam_user: str,
        ml_model_name: str | None = None,
        parameters: dict[str, str] | None = None,
        recipe: str | None = None,
        recipe_uri: str | None = None,
    ) -> MLModel:
        fingerprint = _fingerprint(
            "CreateMLModel", ml_model_name, ml_model_type, parameters or {}, training_data_source_id, recipe, recipe_uri
        )

        def build() -> MLModel:
            source = self._upstream(DataSource, training_data_source_id)
            if not source.compute_statistics:
                raise InvalidInputException(
                    f"The DataSource {training_data_source_id} was created without ComputeStatistics; CreateMLModel needs a DataSource with computed statistics."
                )
            if recipe is not None and recipe_uri is not None:
                raise InvalidInputException("Specify either Recipe or RecipeUri, not both.")
            if recipe is not None:
                try:
                    json_object(recipe, "The Recipe")
                except ValueError as error:
                    raise InvalidInputException(str(error)) from None
            return MLModel(
                self,
                ml_model_id,
                ml_model_name,
                fingerprint,
                created_by_iam_user,
                model_type=ml_model_type,
                data_source=source,
                parameters=training_parameters(parameters),
                recipe=recipe,
                recipe_url=recipe_uri,
            )

        return self._claim(MLModel, ml_model_id, fingerprint, build)

    def get_ml_model(self, ml_model_id: str) -> MLModel:
        return self._get(MLModel, ml_model_id)

    def update_ml_model(
        self, ml_model_id: str, ml_model_name: str | None = None, score_threshold: float | None = None
    ) -> MLModel:
        model = self._find(MLModel, ml_model_id)
        if score_threshold is not None:
            if model.model_type != "BINARY":
                raise InvalidInputException("A ScoreThreshold applies only to BINARY models.")
            if model.status != COMPLETED:
                raise InvalidInputException(
                    f"The MLModel {ml_model_id} is {model.status}; its ScoreThreshold can be set once it is COMPLETED."
                )
            if not 0 <= score_threshold <= 1:
                raise InvalidInputException("The ScoreThreshold must be between 0 and 1.")
        if ml_model_name is not None:
            model.rename(ml_model_name)
        if score_threshold is not None:
            model.score_threshold = score_threshold
            model.score_threshold_updated_at = model.last_updated_at = now()
            self.refile(model)
        return model

    def delete_ml_model(self, ml_model_id: str) -> MLModel:
        return self._delete(MLModel, ml_model_id)

    def describe_ml_models(self, **filters: Any) -> tuple[list[MLModel], str | None]:
        return self._describe(MLModel, **filters)

    # --- evaluations -----------------------------------------------------------------------------
    def create_evaluation(
        self,
        evaluation_id: str,
        ml_model_id: str,
        evaluation_data_source_id: str,
        created_by_iam_user: str,
        evaluation_name: str | None = None,
    ) -> Evaluation:
        fingerprint = _fingerprint("CreateEvaluation", evaluation_name, ml_model_id, evaluation_data_source_id)

        def build() -> Evaluation:
            model = self._upstream(MLModel, ml_model_id)
            source = self._upstream(DataSource, evaluation_data_source_id)
            return Evaluation(
                self, evaluation_id, evaluation_name, fingerprint, created_by_iam_user, model=model, data_source=source
            )

        return self._claim(Evaluation, evaluation_id, fingerprint, build)

    def get_evaluation(self, evaluation_id: str) -> Evaluation:
        return self._get(Evaluation, evaluation_id)

    def update_evaluation(self, evaluation_id: str, evaluation_name: str) -> Evaluation:
        return self._rename(Evaluation, evaluation_id, evaluation_name)

    def delete_evaluation(self, evaluation_id: str) -> Evaluation:
        return self._delete(Evaluation, evaluation_id)

    def describe_evaluations(self, **filters: Any) -> tuple[list[Evaluation], str | None]:
        return self._describe(Evaluation, **filters)

    # --- batch predictions -----------------------------------------------------------------------
    def create_batch_prediction(
        self,
        batch_prediction_id: str,
        ml_model_id: str,
        batch_prediction_data_source_id: str,
        output_uri: str,
        created_by_iam_user: str,
        batch_prediction_name: str | None = None,
    ) -> BatchPrediction:
        fingerprint = _fingerprint(
            "CreateBatchPrediction", batch_prediction_name, ml_model_id, batch_prediction_data_source_id, output_uri
        )

        def build() -> BatchPrediction:
            try:
                _, key = data.split_s3_url(output_uri)
            except data.DataProblem as problem:
                raise InvalidInputException(str(problem)) from None
            for forbidden in (":", "//", "/./", "/../"):
                if forbidden in key:
                    raise InvalidInputException(f"The key part of the OutputUri must not contain {forbidden!r}.")
            model = self._upstream(MLModel, ml_model_id)
            source = self._upstream(DataSource, batch_prediction_data_source_id)
            return BatchPrediction(
                self,
                batch_prediction_id,
                batch_prediction_name,
                fingerprint,
                created_by_iam_user,
                model=model,
                data_source=source,
                output_uri=output_uri,
            )

        return self._claim(BatchPrediction, batch_prediction_id, fingerprint, build)

    def get_batch_prediction(self, batch_prediction_id: str) -> BatchPrediction:
        return self._get(BatchPrediction, batch_prediction_id)

    def update_batch_prediction(self, batch_prediction_id: str, batch_prediction_name: str) -> BatchPrediction:
        return self._rename(BatchPrediction, batch_prediction_id, batch_prediction_name)

    def delete_batch_prediction(self, batch_prediction_id: str) -> BatchPrediction:
        return self._delete(BatchPrediction, batch_prediction_id)

    def describe_batch_predictions(self, **filters: Any) -> tuple[list[BatchPrediction], str | None]:
        return self._describe(BatchPrediction, **filters)

    # --- real-time endpoints and Predict ---------------------------------------------------------
    def create_realtime_endpoint(self, ml_model_id: str, endpoint_url: str) -> MLModel:
        """``endpoint_url``: where the new endpoint answers (the HTTP layer knows the host)."""
        model = self._find(MLModel, ml_model_id)
        if model.status != COMPLETED:
            raise InvalidInputException(
                f"The MLModel {ml_model_id} is {model.status}; a real-time endpoint needs a COMPLETED MLModel."
            )
        # Creating again while it exists answers with the endpoint as it is.
        if model.endpoint.status in (NO_ENDPOINT, "FAILED"):
            model.mount_endpoint(endpoint_url)
        return model

    def delete_realtime_endpoint(self, ml_model_id: str) -> tuple[MLModel, EndpointInfo]:
        """The model and the endpoint that was removed."""
        model = self._find(MLModel, ml_model_id)
        # [UNVERIFIED] deleting an endpoint that is not there answers with NONE and changes nothing
        return model, model.remove_endpoint()

    def predict(self, ml_model_id: str, record: dict[str, str], predict_endpoint: str | None = None) -> dict[str, Any]:
        """A Prediction. ``predict_endpoint`` only routes the request: whatever it names, it is here."""
        model = self._find(MLModel, ml_model_id)
        if model.endpoint.status != ENDPOINT_READY:
            raise PredictorNotMountedException(
                f"The MLModel {ml_model_id} has no READY real-time endpoint (it is {model.endpoint.status})."
            )
        return model.predict(record)

    # --- tags ------------------------------------------------------------------------------------
    def _taggable(self, resource_id: str, resource_type: str) -> Entity:
        return self._find(ENTITY_TYPES[resource_type], resource_id)

    def add_tags(self, resource_id: str, resource_type: str, tags: list[dict[str, Any]]) -> Entity:
        check_tags(tags=tags)
        entity = self._taggable(resource_id, resource_type)
        merged = dict(entity.tags)
        for tag in tags:
            merged[tag["Key"]] = tag.get("Value")
        limit = self.quotas.tags_per_resource
        if len(merged) > limit:
            raise TagLimitExceededException(
                f"An ML object can have at most {limit} tags; this request would give it {len(merged)}."
            )
        entity.tags = merged
        return entity

    def delete_tags(self, resource_id: str, resource_type: str, tag_keys: list[str]) -> Entity:
        check_tags(keys=tag_keys)
        entity = self._taggable(resource_id, resource_type)
        for key in tag_keys:
            entity.tags.pop(key, None)  # keys it does not have are ignored (DeleteTags API reference)
        return entity

    def describe_tags(self, resource_id: str, resource_type: str) -> Entity:
        return self._taggable(resource_id, resource_type)

    # --- test-time controls ----------------------------------------------------------------------
    def set_prediction(self, model_id: str, prediction: dict[str, Any], record: dict[str, str] | None = None) -> None:
        """Make Predict (and batch predictions) on a model answer ``prediction``: for one record, or any."""
        model = self.ml_models.get(model_id)
        if model is None:
            raise KeyError(f"no MLModel {model_id!r} in {self.account_id}/{self.region_name}")
        model.set_prediction(prediction, record)

    def set_performance_metrics(self, evaluation_id: str, properties: dict[str, str]) -> None:
        """Make an evaluation report these PerformanceMetrics properties (now, or when it completes)."""
        evaluation = self.evaluations.get(evaluation_id)
        if evaluation is None:
            raise KeyError(f"no Evaluation {evaluation_id!r} in {self.account_id}/{self.region_name}")
        evaluation.set_metrics(properties)


machinelearning_backends = ExtBackendDict(MachineLearningBackend, "machinelearning")
