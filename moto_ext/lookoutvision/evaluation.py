"""Training and its evaluation: which images train and test a model, whether there are enough,
and the files training writes (the evaluation result and the evaluation manifest).

Facts from the developer guide:
- "Quotas in Amazon Lookout for Vision": images without a label are ignored in training; a
  project with a single dataset needs at least 20 normal and 10 anomalous images; a project with
  separate datasets needs 10 normal images in its training dataset, and 10 normal and 10
  anomalous images in its test dataset.
- "Viewing performance metrics": the files are ``EvaluationResult-<project>-<version>.json``
  and ``EvaluationManifest-<project>-<version>.json`` after the output location's prefix
  (which the AWS SDK's k-fold summary also reads, as ``<prefix>EvaluationResult-...``). The
  result holds ``Version``, ``EvaluationDetails`` (model ARN, end time, numbers of training and
  testing images) and ``AggregatedEvaluationResults.Metrics``; the manifest has one JSON line
  per test image: its ground truth and what the model detected.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .datasets import Entry
    from .resources import Project

SINGLE_DATASET_MINIMUM = {"normal": 20, "anomaly": 10}
SEPARATE_TRAIN_MINIMUM = {"normal": 10, "anomaly": 0}
SEPARATE_TEST_MINIMUM = {"normal": 10, "anomaly": 10}
# [UNVERIFIED] choice: the service splits a single dataset itself and does not say how; the mock
# tests with every fifth labeled image of each class (in source-ref order).
TEST_SHARE = 5


def _labeled(entries: list[Entry]) -> list[Entry]:
    return sorted((e for e in entries if e.labeled), key=lambda e: e.source_ref)


def _counts(entries: list[Entry]) -> dict[str, int]:
    return {label: sum(1 for e in entries if e.label == label) for label in ("normal", "anomaly")}


def _shortfall(what: str, entries: list[Entry], minimum: dict[str, int]) -> list[str]:
    counts = _counts(entries)
    return [
        f"the {what} has {counts[label]} images labeled {label}; at least {needed} are needed"
        for label, needed in minimum.items()
        if counts[label] < needed
    ]


@dataclass(frozen=True)
class TrainingData:
    """The labeled images a model is trained and tested with, as the datasets were at CreateModel."""

    training: list[Entry]
    testing: list[Entry]
    #: why training must fail (too few labeled images), or None
    problem: str | None

    @classmethod
    def of(cls, project: Project) -> TrainingData:
        train = _labeled(list(project.datasets["train"].entries.values()))
        test_dataset = project.datasets.get("test")
        if test_dataset is not None:
            test = _labeled(list(test_dataset.entries.values()))
            problems = _shortfall("training dataset", train, SEPARATE_TRAIN_MINIMUM)
            problems += _shortfall("test dataset", test, SEPARATE_TEST_MINIMUM)
            training, testing = train, test
        else:
            problems = _shortfall("dataset", train, SINGLE_DATASET_MINIMUM)
            training, testing = [], []
            for label in ("normal", "anomaly"):
                of_label = [e for e in train if e.label == label]
                for index, entry in enumerate(of_label):
                    (testing if index % TEST_SHARE == TEST_SHARE - 1 else training).append(entry)
        problem = "Training failed: " + "; ".join(problems) + "." if problems else None
        return cls(training, testing, problem)

    @property
    def anomaly_colors(self) -> dict[str, str]:
        """The anomaly types of a segmentation model (name -> mask color); empty for classification."""
        colors: dict[str, str] = {}
        for entry in self.training + self.testing:
            colors.update(entry.mask_colors)
        return colors


@dataclass(frozen=True)
class Prediction:
    entry: Entry
    anomalous: bool
    confidence: float

    @property
    def anomaly_score(self) -> float:
        return self.confidence if self.anomalous else 1 - self.confidence


def predictions(model_arn: str, testing: list[Entry]) -> list[Prediction]:
    """What the trained model says of each test image: deterministic per model and image, right
    about nine times in ten; it finds at least one anomaly of the test set (choice: a model that
    found none would have metrics of 0, which no test of a client can use)."""
    from .resources import fraction  # resources imports this module

    found = []
    first_anomaly = next((e for e in testing if e.label == "anomaly"), None)
    for entry in testing:
        digest = hashlib.sha256(f"{model_arn}|{entry.source_ref}".encode()).digest()
        truth = entry.label == "anomaly"
        right = digest[0] >= 26 or entry is first_anomaly
        found.append(Prediction(entry, truth if right else not truth, fraction(digest, 1, 0.5, 1.0)))
    return found


def metrics(found: list[Prediction]) -> dict[str, float]:
    """ROCAUC, AveragePrecision, Precision, Recall and F1Score of the predictions (anomaly is the
    positive class)."""
    positives = [p for p in found if p.entry.label == "anomaly"]
    negatives = [p for p in found if p.entry.label != "anomaly"]
    true_positives = sum(1 for p in positives if p.anomalous)
    predicted = sum(1 for p in found if p.anomalous)
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / len(positives) if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # the ROC curve's area is the chance that an anomaly scores above a normal image
    pairs = [(a.anomaly_score, n.anomaly_score) for a in positives for n in negatives]
    roc_auc = sum(1.0 if a > n else 0.5 if a == n else 0.0 for a, n in pairs) / len(pairs) if pairs else 0.0
    ranked = sorted(found, key=lambda p: p.anomaly_score, reverse=True)
    hits, precisions = 0, []
    for rank, prediction in enumerate(ranked, start=1):
        if prediction.entry.label == "anomaly":
            hits += 1
            precisions.append(hits / rank)
    average_precision = sum(precisions) / len(precisions) if precisions else 0.0
    return {
        "ROCAUC": round(roc_auc, 4),
        "AveragePrecision": round(average_precision, 4),
        "Precision": round(precision, 4),
        "Recall": round(recall, 4),
        "F1Score": round(f1, 4),
    }


def result_file(model_arn: str, ended: datetime, data: TrainingData, scores: dict[str, float]) -> dict[str, Any]:
    return {
        "Version": 1,
        "EvaluationDetails": {
            "ModelArn": model_arn,
            "EvaluationEndTimestamp": ended.isoformat(),
            "NumberOfTrainingImages": len(data.training),
            "NumberOfTestingImages": len(data.testing),
        },
        "AggregatedEvaluationResults": {"Metrics": scores},
    }


def manifest_file(model_arn: str, project_name: str, version: str, ended: datetime, found: list[Prediction]) -> str:
    """One JSON line per test image: its manifest line and the ``anomaly-label-detected`` label
    (the guide's sample: 1 and class-name ``anomaly`` for an anomaly)."""
    lines = []
    for prediction in found:
        line = dict(prediction.entry.record)
        class_name = "anomaly" if prediction.anomalous else "normal"
        line["anomaly-label-detected"] = 1 if prediction.anomalous else 0
        line["anomaly-label-detected-metadata"] = {
            "class-name": class_name,
            "confidence": prediction.confidence,
            "type": "groundtruth/image-classification",
            "human-annotated": "no",
            "creation-date": ended.replace(tzinfo=None).isoformat(),
            "job-name": "training-job/anomaly-detection",
            "model-arn": model_arn,
            "project-name": project_name,
            "model-version": version,
        }
        lines.append(json.dumps(line))
    return "\n".join(lines) + ("\n" if lines else "")
