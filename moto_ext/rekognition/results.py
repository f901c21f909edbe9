"""The files a finished training writes to the version's OutputConfig location, and the
locations DescribeProjectVersions reports for them.

What the Custom Labels guide documents, and what is written:
- "Reference: Training results summary file": ``Version``, ``EvaluationDetails``,
  ``AggregatedEvaluationResults.Metrics`` (a confusion matrix for image-level labels,
  AveragePrecision/AverageRecall for object detection) and per-label ``LabelEvaluationResults``
  sorted by F1 score; ``EvaluationResult.Summary`` points to it. Its key follows the example
  DescribeProjectVersions answer of "Accessing the summary file and evaluation manifest snapshot"
  (``<prefix>EvaluationResultSummary-<project>-<version>.json``);
- "Getting the validation results": ``training_manifest_with_validation.json``,
  ``testing_manifest_with_validation.json`` (the lines with their errors, see manifests.py) and
  ``manifest_summary.json`` ("Understanding the manifest summary"), reported as the ``Validation``
  of TrainingDataResult/TestingDataResult and as ``ManifestSummary``;
- the manifests of the images used (``Output``) and, when training used the project's datasets,
  a snapshot of them (``Input``). These keys are moto_ext's choice: the guide does not name them.

The figures are deterministic and plausible, derived from the labels and a seed (the ARN of the
version that trained; a copy keeps its source's).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from moto_ext.core import s3

from .manifests import Entry


def key_prefix(output_config: dict[str, Any]) -> str:
    """OutputConfig's S3KeyPrefix as a folder: ``out`` and ``out/`` both give ``out/``."""
    prefix = str(output_config.get("S3KeyPrefix") or "")
    return prefix if not prefix or prefix.endswith("/") else prefix + "/"


def _fraction(seed: str, low: float, high: float) -> float:
    digest = int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16)
    return low + (high - low) * (digest % 10000) / 10000


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _asset(bucket: str, key: str) -> dict[str, Any]:
    return {"GroundTruthManifest": {"S3Object": {"Bucket": bucket, "Name": key}}}


def _usable(entry: Entry) -> bool:
    return entry.labeled and not entry.errors


class TrainingResults:
    """The results of one trained (or copied) version at its own output location."""

    def __init__(
        self,
        *,
        version_arn: str,
        project_name: str,
        version_name: str,
        output_config: dict[str, Any],
        train: list[Entry],
        test: list[Entry],
        training_input: dict[str, Any] | None,
        testing_input: dict[str, Any] | None,
        ended: datetime,
        seed: str,
    ) -> None:
        self.version_arn = version_arn
        self.train, self.test = train, test
        self.training_input, self.testing_input = training_input, testing_input
        self.ended = ended
        self.seed = seed
        self.bucket = output_config["S3Bucket"]
        prefix = key_prefix(output_config)
        self.base = f"{prefix}{project_name}/{version_name}/"
        self.summary_key = f"{prefix}EvaluationResultSummary-{project_name}-{version_name}.json"
        self.manifest_summary_key = f"{self.base}validation/manifest_summary.json"

    # --- metrics ------------------------------------------------------------------------------
    def labels(self) -> dict[str, int]:
        """Label -> bounding boxes of it in the usable training images (0: an image-level label)."""
        found: dict[str, int] = {}
        for entry in filter(_usable, self.train):
            for name, boxes in entry.labels.items():
                found[name] = found.get(name, 0) + boxes
        return found

    def label_metrics(self) -> list[dict[str, Any]]:
        results = []
        for name in self.labels():
            precision = round(_fraction(f"{self.seed}:{name}:p", 0.8, 1.0), 4)
            recall = round(_fraction(f"{self.seed}:{name}:r", 0.8, 1.0), 4)
            results.append(
                {
                    "Label": name,
                    "NumberOfTestingImages": sum(1 for entry in self.test if name in entry.labels),
                    "Metrics": {
                        "Threshold": round(_fraction(f"{self.seed}:{name}:t", 0.3, 0.7), 4),
                        "Precision": precision,
                        "Recall": recall,
                        "F1Score": round(_f1(precision, recall), 4),
                    },
                }
            )
        return sorted(results, key=lambda result: (-result["Metrics"]["F1Score"], result["Label"]))

    def aggregated(self) -> dict[str, Any]:
        per_label = self.label_metrics()
        precision = sum(r["Metrics"]["Precision"] for r in per_label) / max(len(per_label), 1)
        recall = sum(r["Metrics"]["Recall"] for r in per_label) / max(len(per_label), 1)
        metrics: dict[str, Any] = {
            "Precision": round(precision, 4),
            "Recall": round(recall, 4),
            "F1Score": round(_f1(precision, recall), 4),
        }
        if any(self.labels().values()):  # object detection
            metrics["AveragePrecision"] = round(precision * 0.95, 4)
            metrics["AverageRecall"] = round(recall * 0.95, 4)
        else:
            names = sorted(self.labels())
            recalls = {r["Label"]: r["Metrics"]["Recall"] for r in per_label}
            metrics["ConfusionMatrix"] = [
                {
                    "GroundTruthLabel": truth,
                    "PredictedLabel": predicted,
                    "Value": round(
                        recalls[truth] if truth == predicted else (1 - recalls[truth]) / (len(names) - 1), 4
                    ),
                }
                for truth in names
                for predicted in names
            ]
        return {"Metrics": metrics}

    def summary(self) -> dict[str, Any]:
        return {
            "Version": 1,
            "EvaluationDetails": {
                "ProjectVersionArn": self.version_arn,
                "EvaluationEndTimestamp": self.ended.isoformat(),
                "Labels": sorted(self.labels()),
                "NumberOfTrainingImages": sum(1 for entry in self.train if _usable(entry)),
                "NumberOfTestingImages": sum(1 for entry in self.test if _usable(entry)),
            },
            "AggregatedEvaluationResults": self.aggregated(),
            "LabelEvaluationResults": self.label_metrics(),
        }

    # --- validation -----------------------------------------------------------------------------
    @staticmethod
    def _statistics(entries: list[Entry]) -> dict[str, Any]:
        boxes = any(count for entry in entries for count in entry.labels.values())
        return {
            "use_case": "OBJECT_LOCALIZATION" if boxes else "IMAGE_LEVEL_LABELS" if entries else "NOT_DETERMINED",
            "total_json_lines": len(entries),
            "valid_json_lines": sum(1 for entry in entries if _usable(entry)),
            "invalid_json_lines": sum(1 for entry in entries if entry.errors),
            "ignored_json_lines": sum(1 for entry in entries if not entry.errors and not entry.labeled),
            # line numbers in the validation manifest, from 1
            "error_json_line_indices": [number for number, entry in enumerate(entries, 1) if entry.errors],
            "errors": [],
        }

    def manifest_summary(self) -> dict[str, Any]:
        return {
            "statistics": {"training": self._statistics(self.train), "testing": self._statistics(self.test)},
            "errors": [],
        }

    # --- what DescribeProjectVersions reports ---------------------------------------------------
    def _keys(self, kind: str) -> dict[str, str]:
        name = "training" if kind == "train" else "testing"
        return {
            "input": f"{self.base}datasets/{kind}.manifest",
            "output": f"{self.base}manifests/output/{kind}.manifest",
            "validation": f"{self.base}validation/{name}_manifest_with_validation.json",
        }

    def _data_result(self, kind: str, given: dict[str, Any] | None) -> dict[str, Any]:
        keys = self._keys(kind)
        output: dict[str, Any] = {"Assets": [_asset(self.bucket, keys["output"])]}
        if given and "AutoCreate" in given:
            output["AutoCreate"] = given["AutoCreate"]
        return {
            "Input": given or {"Assets": [_asset(self.bucket, keys["input"])]},
            "Output": output,
            "Validation": {"Assets": [_asset(self.bucket, keys["validation"])]},
        }

    def description(self) -> dict[str, Any]:
        return {
            "TrainingDataResult": self._data_result("train", self.training_input),
            "TestingDataResult": self._data_result("test", self.testing_input),
            "EvaluationResult": {
                "F1Score": self.aggregated()["Metrics"]["F1Score"],
                "Summary": {"S3Object": {"Bucket": self.bucket, "Name": self.summary_key}},
            },
            "ManifestSummary": {"S3Object": {"Bucket": self.bucket, "Name": self.manifest_summary_key}},
            "BillableTrainingTimeInSeconds": 1800 + 2 * (len(self.train) + len(self.test)),
        }

    # --- the files ----------------------------------------------------------------------------------
    def files(self) -> dict[str, str]:
        def manifest(entries: list[Entry], validated: bool = False) -> str:
            return "\n".join(entry.listed_line() if validated else entry.line for entry in entries) + "\n"

        found = {
            self.summary_key: json.dumps(self.summary(), indent=2),
            self.manifest_summary_key: json.dumps(self.manifest_summary(), indent=2),
        }
        for kind, entries, given in (
            ("train", self.train, self.training_input),
            ("test", self.test, self.testing_input),
        ):
            keys = self._keys(kind)
            found[keys["output"]] = manifest([entry for entry in entries if _usable(entry)])
            found[keys["validation"]] = manifest(entries, validated=True)
            if given is None:
                found[keys["input"]] = manifest(entries)
        return found

    def write(self, account_id: str, partition: str) -> None:
        """Put the files into moto's S3. A bucket that is not there gets nothing: moto_ext's
        choice, as the service's own check of the output location is not documented."""
        try:
            for key, body in self.files().items():
                s3.write(account_id, partition, self.bucket, key, body)
        except s3.S3LocationError:
            pass
