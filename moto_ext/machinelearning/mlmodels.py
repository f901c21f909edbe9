"""ML models: what training computes, the training parameters, Predict, and the real-time endpoint
(lifecycle kind ``machinelearning.realtime_endpoint``: UPDATING -> READY)."""

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from moto_ext.core.jsonbody import json_object
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.shapes import problems

from . import data, predictions
from .entities import DELETED, ML_MODEL_KIND, SERVICE_MODEL, DataSource, Entity, now
from .exceptions import InvalidInputException

if TYPE_CHECKING:
    from .models import MachineLearningBackend

ENDPOINT_STATUSES = list(SERVICE_MODEL.shape_for("RealtimeEndpointStatus").enum)
NO_ENDPOINT, ENDPOINT_READY = "NONE", "READY"
ENDPOINT_KIND = LifecycleKind(
    "machinelearning.realtime_endpoint",
    steps={"UPDATING": ENDPOINT_READY},
    failures={"UPDATING": "FAILED"},
    statuses=ENDPOINT_STATUSES,
)

#: the real-time endpoint's request rate (Amazon ML developer guide: 200 requests per second)
PEAK_REQUESTS_PER_SECOND = 200
#: the classes a MULTICLASS model reports when its training data showed none
FALLBACK_CLASSES = ["0", "1", "2"]

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
    {
        "groups": {},
        "assignments": {},
        "outputs": ["ALL_BINARY", "ALL_CATEGORICAL", "quantile_bin(ALL_NUMERIC,10)", "ALL_TEXT"],
    }
)


def training_parameters(given: dict[str, str] | None) -> dict[str, str]:
    """The parameters a model trains with, defaults included; InvalidInputException for bad ones."""
    given = dict(given or {})
    for name, value in given.items():
        if name not in TRAINING_PARAMETERS:
            raise InvalidInputException(
                f"{name} is not a training parameter; use one of {', '.join(TRAINING_PARAMETERS)}."
            )
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
        raise InvalidInputException(
            "sgd.l1RegularizationAmount and sgd.l2RegularizationAmount cannot be used together."
        )
    # [UNVERIFIED] the model reports the parameters it trained with, defaults included
    defaults = {name: spec[3] for name, spec in TRAINING_PARAMETERS.items() if spec[3] is not None}
    return {**defaults, **given}


@dataclass(frozen=True)
class EndpointInfo:
    """A model's real-time endpoint as RealtimeEndpointInfo reports it."""

    status: str
    created_at: datetime | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.created_at is None:
            return {"PeakRequestsPerSecond": 0, "EndpointStatus": self.status}
        return {
            "PeakRequestsPerSecond": PEAK_REQUESTS_PER_SECOND,
            "CreatedAt": self.created_at,
            "EndpointUrl": self.url,
            "EndpointStatus": self.status,
        }


class MLModel(Entity):
    kind = ML_MODEL_KIND
    resource_type = "MLModel"
    arn_type = "mlmodel"
    id_member = "MLModelId"

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
        self.endpoint = Lifecycle(
            ENDPOINT_KIND,
            NO_ENDPOINT,
            ids=[f"{self.arn}/endpoint", f"{entity_id}/endpoint"],
            on_change=lambda old, new: backend.refile(self),  # RealtimeEndpointStatus is a filter variable
        )
        self.endpoint_created_at: datetime | None = None
        self.endpoint_url: str | None = None
        self.predictions: dict[str, dict[str, Any]] = {}  # set by tests: record key ("" = any) -> Prediction

    def upstreams(self) -> list[Entity]:
        return [self.data_source]

    def lifecycles(self) -> list[Lifecycle]:
        return [self.lifecycle, self.endpoint]

    def _on_change(self, old: str, new: str) -> None:
        super()._on_change(old, new)
        if new == DELETED:
            self.remove_endpoint()  # a deleted model serves no predictions

    def run(self) -> Callable[[], None]:
        source = self.data_source
        if source.schema is None or source.schema.target is None:
            raise data.DataProblem(
                f"The training DataSource {source.id} has no target attribute (targetFieldName) in its schema."
            )
        recipe = self.recipe
        if recipe is None and self.recipe_url:
            recipe = data.read_text(self.backend.account_id, self.backend.partition, self.recipe_url, "recipe")
            try:
                json_object(recipe, "The recipe")
            except ValueError as error:
                raise data.DataProblem(f"The recipe at {self.recipe_url} is not valid: {error}") from None
        targets = source.target_values()

        def publish() -> None:
            self.recipe = recipe or DEFAULT_RECIPE
            if self.model_type == "MULTICLASS":
                # the classes the model learned are the target values it saw
                self.classes = sorted(set(targets)) or FALLBACK_CLASSES
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
                self.score_threshold_updated_at = now()
            max_size = int(self.parameters["sgd.maxMLModelSizeInBytes"])
            self.size = min(max_size, 4096 + (source.size or 0) // 2)
            self.compute_time = 1000 + (source.size or 0) // 50

        return publish

    # --- real-time endpoint --------------------------------------------------------------------
    def endpoint_info(self) -> EndpointInfo:
        status = self.endpoint.status
        if status == NO_ENDPOINT:
            return EndpointInfo(status)
        return EndpointInfo(status, self.endpoint_created_at, self.endpoint_url)

    def mount_endpoint(self, url: str) -> None:
        self.endpoint_created_at = now()
        self.endpoint_url = url
        self.endpoint.begin("UPDATING")

    def remove_endpoint(self) -> EndpointInfo:
        """Unmount the endpoint; what was there, as DeleteRealtimeEndpoint reports it (NONE)."""
        removed = replace(self.endpoint_info(), status=NO_ENDPOINT)
        self.endpoint.force(NO_ENDPOINT)
        return removed

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "TrainingDataSourceId": self.data_source.id,
            "SizeInBytes": self.size,
            "EndpointInfo": self.endpoint_info().to_dict(),
            "TrainingParameters": self.parameters,
            "InputDataLocationS3": self.data_source.location,
            "Algorithm": "sgd",
            "MLModelType": self.model_type,
            "ScoreThreshold": self.score_threshold,
            "ScoreThresholdLastUpdatedAt": self.score_threshold_updated_at,
        }

    def filter_values(self) -> dict[str, Any]:
        return {
            **super().filter_values(),
            "TrainingDataSourceId": self.data_source.id,
            "RealtimeEndpointStatus": self.endpoint.status,
            "MLModelType": self.model_type,
            "Algorithm": "sgd",
            "TrainingDataURI": self.data_source.location,
        }

    def set_prediction(self, prediction: dict[str, Any], record: dict[str, str] | None = None) -> None:
        """(test-time) Predict answers ``prediction`` for ``record``, or for any record."""
        found = problems(prediction, SERVICE_MODEL.shape_for("Prediction"))
        if found:
            raise ValueError(f"not a Prediction: {found}")
        self.predictions[json.dumps(record, sort_keys=True) if record is not None else ""] = prediction

    @property
    def learned_classes(self) -> list[str]:
        return self.classes or FALLBACK_CLASSES

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
            classes=self.learned_classes,
            value_range=self.value_range,
        )
