"""Custom Labels model versions (and Content Moderation adapters): training, hosting, copies.

``rekognition.project_version``: TRAINING_IN_PROGRESS -> TRAINING_COMPLETED | TRAINING_FAILED;
STARTING -> RUNNING | FAILED; STOPPING -> STOPPED; COPYING_IN_PROGRESS -> COPYING_COMPLETED |
COPYING_FAILED; DELETING -> gone.

Training ends when the status first leaves TRAINING_IN_PROGRESS: the version then gets its end
time and, unless training failed, the results (evaluation, manifests) the service reports, whose
files it writes to its output location (results.py). A copy reports and, once copied, writes the
same results at its own output location.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.shapes import problems

from . import inputs
from .datasets import SETTLED
from .exceptions import InvalidParameterException, ResourceInUseException
from .manifests import Entry
from .projects import CONTENT_MODERATION, GONE, Project
from .results import TrainingResults
from .service_model import enum, shape

if TYPE_CHECKING:
    from .models import CustomLabelsBackend

VERSION_KIND = LifecycleKind(
    "rekognition.project_version",
    steps={
        "TRAINING_IN_PROGRESS": "TRAINING_COMPLETED",
        "STARTING": "RUNNING",
        "STOPPING": "STOPPED",
        "COPYING_IN_PROGRESS": "COPYING_COMPLETED",
        "DELETING": GONE,
    },
    failures={
        "TRAINING_IN_PROGRESS": "TRAINING_FAILED",
        "STARTING": "FAILED",
        "COPYING_IN_PROGRESS": "COPYING_FAILED",
    },
    statuses=enum("ProjectVersionStatus"),
    gone=[GONE],
)

# The content moderation model adapters are trained on ([UNVERIFIED]: the version DetectModerationLabels reports today).
CONTENT_MODERATION_BASE_MODEL = "7.0"

# statuses in which a version holds a trained model (it can be started or copied)
TRAINED = {"TRAINING_COMPLETED", "STARTING", "RUNNING", "FAILED", "STOPPING", "STOPPED", "COPYING_COMPLETED"}
STARTABLE = {"TRAINING_COMPLETED", "STOPPED", "COPYING_COMPLETED", "FAILED"}
# DeleteProjectVersion: "You can't delete a model if it is running or if it is training"; nor mid-start/stop/copy.
UNDELETABLE = {"TRAINING_IN_PROGRESS", "STARTING", "RUNNING", "STOPPING", "COPYING_IN_PROGRESS"}

MESSAGES = {
    "TRAINING_IN_PROGRESS": "The model is being trained.",
    "TRAINING_COMPLETED": "The model is ready to run.",
    "TRAINING_FAILED": "The model training failed.",
    "STARTING": "The model is starting.",
    "RUNNING": "The model is running.",
    "FAILED": "The model failed to start.",
    "STOPPING": "The model is being stopped.",
    "STOPPED": "The model is ready to run.",
    "DELETING": "The model is being deleted.",
    "COPYING_IN_PROGRESS": "The model is being copied.",
    "COPYING_COMPLETED": "The model is ready to run.",
    "COPYING_FAILED": "The model copy failed.",
    "DEPRECATED": "The model is deprecated.",
    "EXPIRED": "The model has expired.",
}


@dataclass(frozen=True)
class CustomLabel:
    """One label DetectCustomLabels reports."""

    name: str
    confidence: float
    geometry: dict[str, Any] | None = None

    @classmethod
    def from_wire(cls, label: str | dict[str, Any]) -> CustomLabel:
        """A label a test sets: a name (confidence 99) or a CustomLabel dict; ValueError if it is not one."""
        wire: dict[str, Any] = {"Name": label} if isinstance(label, str) else dict(label)
        wire.setdefault("Confidence", 99.0)
        found = problems(wire, shape("CustomLabel"))
        if found or not wire.get("Name"):
            raise ValueError(f"not a CustomLabel: {label!r} ({'; '.join(found) or 'Name is required'})")
        return cls(wire["Name"], wire["Confidence"], wire.get("Geometry"))

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"Name": self.name, "Confidence": self.confidence}
        if self.geometry is not None:
            result["Geometry"] = self.geometry
        return result


def training_entries(
    backend: CustomLabelsBackend,
    project: Project,
    training_data: dict[str, Any] | None,
    testing_data: dict[str, Any] | None,
) -> tuple[list[Entry], list[Entry], str | None]:
    """The entries a new version trains and tests on: the project's datasets, or the manifests
    TrainingData and TestingData name; and why training will fail (None: it will not)."""
    if training_data is None and testing_data is None:
        train, test = project.datasets.get("TRAIN"), project.datasets.get("TEST")
        if train is None or test is None:
            raise InvalidParameterException(
                "The project needs a training dataset and a test dataset (or TrainingData and TestingData)."
            )
        for dataset in (train, test):
            if dataset.status not in SETTLED:
                raise ResourceInUseException(f"The {dataset.dataset_type.lower()} dataset is {dataset.status}.")
        return list(train.entries.values()), list(test.entries.values()), None
    # "If you specify TrainingData you must also specify TestingData. The project must not have any associated datasets."
    if project.datasets:
        raise InvalidParameterException(
            "The project has datasets: train from them and leave out TrainingData and TestingData."
        )
    if training_data is None or testing_data is None:
        raise InvalidParameterException("TrainingData and TestingData must be given together.")
    if not training_data.get("Assets"):
        raise InvalidParameterException("TrainingData needs at least one asset.")
    if not testing_data.get("Assets") and not testing_data.get("AutoCreate"):
        raise InvalidParameterException("TestingData needs assets or AutoCreate.")
    train_entries, failure = inputs.read_manifests(backend, training_data["Assets"])
    test_entries, test_failure = inputs.read_manifests(backend, testing_data.get("Assets") or [])
    if testing_data.get("AutoCreate"):
        test_entries = train_entries
    return train_entries, test_entries, failure or test_failure


class ProjectVersion:
    def __init__(
        self,
        backend: CustomLabelsBackend,
        project: Project,
        name: str,
        output_config: dict[str, Any],
        tags: dict[str, str],
        kms_key_id: str | None,
        description: str | None,
        feature_config: dict[str, Any] | None,
        status: str,
    ) -> None:
        millis, self.created = backend.stamp()
        self.project = project
        self.name = name
        self.arn = f"{project.arn_prefix}/version/{name}/{millis}"
        self.output_config = dict(output_config)
        self.tags = dict(tags)
        self.kms_key_id = kms_key_id
        self.version_description = description
        self.feature = project.feature
        self.feature_config = feature_config
        self.min_units: int | None = None
        self.max_units: int | None = None
        # label -> (training images with it, bounding boxes of it; 0 for an image-level label)
        self.labels: dict[str, tuple[int, int]] = {}
        self.detections: list[CustomLabel] | None = None  # set by a test: what the model detects
        self.training_failure: str | None = None  # known at creation: training will fail with this
        self.training_input: dict[str, Any] | None = None
        self.testing_input: dict[str, Any] | None = None
        self.train_entries: list[Entry] = []
        self.test_entries: list[Entry] = []
        self.account_id, self.partition = backend.account_id, backend.partition
        self.training_results: TrainingResults | None = None  # once training (or the copy's source) has ended
        self.training_end: datetime | None = None
        self.source_arn: str | None = None
        self.lifecycle = Lifecycle(
            VERSION_KIND, status, ids=[self.arn], on_change=self._on_change, on_gone=self._on_gone
        )

    @property
    def status(self) -> str:
        return self.lifecycle.status  # type: ignore[no-any-return]

    def train(
        self,
        training_data: dict[str, Any] | None,
        testing_data: dict[str, Any] | None,
        train_entries: list[Entry],
        test_entries: list[Entry],
        failure: str | None,
    ) -> None:
        """Learn the labels of the usable training entries; training fails if there are none."""
        usable_train = [e for e in train_entries if e.labeled and not e.errors]
        if failure is None and not usable_train:
            failure = "The training dataset has no labeled images."
        elif failure is None and not any(e.labeled and not e.errors for e in test_entries):
            failure = "The test dataset has no labeled images."
        self.training_failure = failure
        if failure:
            self.lifecycle.settle_in("TRAINING_IN_PROGRESS", "TRAINING_FAILED")  # fails when training ends
        self.training_input, self.testing_input = training_data, testing_data
        self.train_entries, self.test_entries = train_entries, test_entries
        for entry in usable_train:
            for label, boxes in entry.labels.items():
                images, total = self.labels.get(label, (0, 0))
                self.labels[label] = (images + 1, total + boxes)

    @property
    def results(self) -> dict[str, Any]:
        """TrainingDataResult, EvaluationResult ... as DescribeProjectVersions reports them."""
        return self.training_results.description() if self.training_results else {}

    def _on_change(self, old: str, new: str) -> None:
        if new == "COPYING_COMPLETED" and self.training_results is not None:
            self.training_results.write(self.account_id, self.partition)
        if new == "TRAINING_IN_PROGRESS" or self.training_end is not None or self.source_arn is not None:
            return
        self.training_end = datetime.now(timezone.utc)
        if new != "TRAINING_FAILED":
            self.training_results = self._results_at_own_location(self.arn, self.training_end)
            self.training_results.write(self.account_id, self.partition)

    def _on_gone(self) -> None:
        if self.project.versions.get(self.name) is self:
            del self.project.versions[self.name]

    def _results_at_own_location(self, seed: str, ended: datetime) -> TrainingResults:
        return TrainingResults(
            version_arn=self.arn,
            project_name=self.project.name,
            version_name=self.name,
            output_config=self.output_config,
            train=self.train_entries,
            test=self.test_entries,
            training_input=self.training_input,
            testing_input=self.testing_input,
            ended=ended,
            seed=seed,
        )

    def copy_from(self, source: ProjectVersion) -> None:
        """The source's model and results, reported at this copy's own output location."""
        self.source_arn = source.arn
        self.labels = dict(source.labels)
        self.detections = source.detections
        self.train_entries, self.test_entries = source.train_entries, source.test_entries
        self.training_input, self.testing_input = source.training_input, source.testing_input
        self.training_end = source.training_end
        if source.training_results is not None and source.training_end is not None:
            self.training_results = self._results_at_own_location(source.training_results.seed, source.training_end)

    def detected_labels(self) -> list[CustomLabel]:
        """What the model finds in an image: the test's setting, or an answer built from its labels.

        The default is one detection per training label, most frequent first, with confidences
        spread evenly from 99 down to 51 and a bounding box for the object detection labels.
        """
        if self.detections is not None:
            return list(self.detections)
        names = sorted(self.labels, key=lambda n: (-self.labels[n][0], n))
        found = []
        for index, name in enumerate(names):
            geometry = None
            if self.labels[name][1]:
                box = {
                    "Width": 0.3,
                    "Height": 0.3,
                    "Left": 0.05 + 0.1 * (index % 5),
                    "Top": 0.05 + 0.1 * (index // 5 % 5),
                }
                geometry = {"BoundingBox": box}
            found.append(CustomLabel(name, round(99.0 - 48.0 * index / max(len(names) - 1, 1), 3), geometry))
        return found

    def to_dict(self) -> dict[str, Any]:
        status = self.status
        failed_training = status == "TRAINING_FAILED" and self.training_failure
        result: dict[str, Any] = {
            "ProjectVersionArn": self.arn,
            "CreationTimestamp": self.created,
            "Status": status,
            "StatusMessage": self.training_failure if failed_training else MESSAGES.get(status, status),
            "OutputConfig": self.output_config,
            "Feature": self.feature,
        }
        optional = {
            "MinInferenceUnits": self.min_units,
            "MaxInferenceUnits": self.max_units,
            "TrainingEndTimestamp": self.training_end,
            "KmsKeyId": self.kms_key_id,
            "VersionDescription": self.version_description,
            "SourceProjectVersionArn": self.source_arn,
            "FeatureConfig": self.feature_config,
        }
        result.update({key: value for key, value in optional.items() if value is not None})
        result.update(self.results)
        if self.feature == CONTENT_MODERATION:
            result["BaseModelVersion"] = CONTENT_MODERATION_BASE_MODEL
        return result
