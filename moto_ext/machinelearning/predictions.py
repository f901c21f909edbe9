"""Deterministic stand-ins for what a trained model computes: predictions and evaluation metrics.

The same model and record always give the same answer (a hash of both), so tests can assert
on them; tests that need a particular answer set it on the backend instead.
"""

import hashlib
import json
from typing import Any

#: the DetailsMap values the service returns (Predict API reference)
ALGORITHM_DETAIL = "SGD"

#: metric name per model type (CreateEvaluation API reference)
METRIC_BY_TYPE = {"BINARY": "BinaryAUC", "REGRESSION": "RegressionRMSE", "MULTICLASS": "MulticlassAvgFScore"}


def unit_values(*parts: Any, count: int = 1) -> list[float]:
    """``count`` numbers in [0, 1), fixed by ``parts``."""
    seed = json.dumps(parts, sort_keys=True, default=str).encode()
    values = []
    for index in range(count):
        digest = hashlib.sha256(seed + index.to_bytes(4, "big")).digest()
        values.append(int.from_bytes(digest[:8], "big") / 2**64)
    return values


def predict(
    model_id: str,
    model_type: str,
    record: dict[str, str],
    *,
    threshold: float,
    classes: list[str],
    value_range: tuple[float, float],
) -> dict[str, Any]:
    """The Prediction for one record, shaped by the model type as the Predict API reference says."""
    details = {"PredictiveModelType": model_type, "Algorithm": ALGORITHM_DETAIL}
    if model_type == "BINARY":
        (score,) = unit_values(model_id, record)
        label = "1" if score >= threshold else "0"
        # the raw score, keyed by the label it produced
        return {"predictedLabel": label, "predictedScores": {label: round(score, 7)}, "details": details}
    if model_type == "REGRESSION":
        (position,) = unit_values(model_id, record)
        low, high = value_range
        return {"predictedValue": round(low + (high - low) * position, 6), "details": details}
    weights = unit_values(model_id, record, count=len(classes))
    total = sum(weights) or 1.0
    scores = {name: round(weight / total, 7) for name, weight in zip(classes, weights)}
    best = max(classes, key=lambda name: scores[name])
    return {"predictedLabel": best, "predictedScores": scores, "details": details}


def batch_row(prediction: dict[str, Any], model_type: str, classes: list[str]) -> list[Any]:
    """One line of a batch prediction result file (developer guide, "Reading the Batch Prediction Output Files")."""
    if model_type == "BINARY":
        (score,) = prediction["predictedScores"].values()
        return [prediction["predictedLabel"], score]
    if model_type == "REGRESSION":
        return [prediction["predictedValue"]]
    return [prediction["predictedScores"].get(name, 0.0) for name in classes]


def batch_header(model_type: str, classes: list[str]) -> list[str]:
    if model_type == "BINARY":
        return ["bestAnswer", "score"]
    if model_type == "REGRESSION":
        return ["score"]
    return list(classes)


def performance_metrics(evaluation_id: str, model_id: str, data_source_id: str, model_type: str) -> dict[str, str]:
    (position,) = unit_values(evaluation_id, model_id, data_source_id)
    if model_type == "BINARY":
        value = 0.5 + position / 2  # an AUC better than chance
    elif model_type == "REGRESSION":
        value = 0.1 + position * 10
    else:
        value = position
    return {METRIC_BY_TYPE[model_type]: repr(round(value, 6))}
