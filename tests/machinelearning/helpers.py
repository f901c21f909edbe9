"""Helpers of the Amazon Machine Learning tests: a schema, data files, ready-made entities."""

import json

BUCKET = "ml-data"
TRAIN_URL = f"s3://{BUCKET}/train/"

SCHEMA = json.dumps(
    {
        "version": "1.0",
        "targetFieldName": "label",
        "dataFormat": "CSV",
        "dataFileContainsHeader": True,
        "attributes": [
            {"fieldName": "age", "fieldType": "NUMERIC"},
            {"fieldName": "colour", "fieldType": "CATEGORICAL"},
            {"fieldName": "label", "fieldType": "CATEGORICAL"},
        ],
    }
)
# four good rows (targets red/green/blue/red) and one short row
TRAIN_CSV = b"age,colour,label\n31,red,red\n42,green,green\n27,blue,blue\n55,red,red\n19,red\n"


def make_data_source(ml, data_source_id="ds-train", location=TRAIN_URL, compute_statistics=True, name=None, **spec):
    ml.create_data_source_from_s3(
        DataSourceId=data_source_id,
        **({"DataSourceName": name} if name else {}),
        DataSpec={"DataLocationS3": location, "DataSchema": SCHEMA, **spec},
        ComputeStatistics=compute_statistics,
    )
    return data_source_id


def make_model(ml, model_id="model-1", model_type="BINARY", data_source_id=None):
    """A COMPLETED model (immediate progression: each read moves it one step)."""
    if data_source_id is None:
        data_source_id = make_data_source(ml)
    ml.create_ml_model(MLModelId=model_id, MLModelType=model_type, TrainingDataSourceId=data_source_id)
    assert read_until(ml.get_ml_model, MLModelId=model_id) == "COMPLETED"
    return model_id


def read_until(get, settled=("COMPLETED", "FAILED", "DELETED"), reads=6, **kwargs):
    """Read an entity until it settles (each read is one step); its last status."""
    for _ in range(reads):
        status = get(**kwargs)["Status"]
        if status in settled:
            break
    return status


def make_endpoint(ml, model_id):
    """A READY real-time endpoint on a model; its URL."""
    ml.create_realtime_endpoint(MLModelId=model_id)
    info = ml.get_ml_model(MLModelId=model_id)["EndpointInfo"]
    assert info["EndpointStatus"] == "READY"
    return info["EndpointUrl"]
