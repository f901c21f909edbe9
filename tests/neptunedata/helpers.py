"""Shared constants and helpers of the Neptune Data API tests."""

import json

from gremlin_python.structure.io import graphsonV3d0

from . import conformance

CLUSTER = "https://my-db.cluster-abc123example.us-east-1.neptune.amazonaws.com:8182"
ROLE = "arn:aws:iam::123456789012:role/NeptuneMLRole"
BUCKET = "neptune-ml-data"


def keys(s3_client, prefix=""):
    listed = s3_client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def settled(get, **ids):
    """Poll a new job as a program does under the default progression: the first look shows it
    InProgress (so a program can act on it), the next one shows where it settled."""
    assert get(**ids)["status"] == "InProgress"
    return get(**ids)


def completed_processing(neptune, job_id="dp-1"):
    neptune.start_ml_data_processing_job(
        id=job_id,
        inputDataS3Location=f"s3://{BUCKET}/export",
        processedDataS3Location=f"s3://{BUCKET}/processed",
    )
    assert settled(neptune.get_ml_data_processing_job, id=job_id)["status"] == "Completed"
    return job_id


def completed_training(neptune, job_id="tr-1", processing_id=None):
    processing_id = processing_id or completed_processing(neptune)
    neptune.start_ml_model_training_job(
        id=job_id, dataProcessingJobId=processing_id, trainModelS3Location=f"s3://{BUCKET}/training"
    )
    assert settled(neptune.get_ml_model_training_job, id=job_id)["status"] == "Completed"
    return job_id


def completed_transform(neptune, job_id="mt-1", training_id=None):
    training_id = training_id or completed_training(neptune)
    neptune.start_ml_model_transform_job(
        id=job_id,
        dataProcessingJobId="dp-1",
        mlModelTrainingJobId=training_id,
        modelTransformOutputS3Location=f"s3://{BUCKET}/transform",
    )
    assert settled(neptune.get_ml_model_transform_job, id=job_id)["status"] == "Completed"
    return job_id


# --- the graph ---------------------------------------------------------------------------------


def load(neptune, s3, files, load_format="csv", prefix="air", **options):
    for name, body in files.items():
        s3.put_object(Bucket=BUCKET, Key=f"{prefix}/{name}", Body=body.encode())
    load_id = neptune.start_loader_job(
        source=f"s3://{BUCKET}/{prefix}/",
        format=load_format,
        s3BucketRegion="us-east-1",
        iamRoleArn=ROLE,
        **options,
    )["payload"]["loadId"]
    status = neptune.get_loader_job_status(loadId=load_id)
    while status["payload"]["overallStatus"]["status"] in ("LOAD_IN_PROGRESS", "LOAD_NOT_STARTED"):
        status = neptune.get_loader_job_status(loadId=load_id)
    return status["payload"]["overallStatus"]


def air_routes(neptune, s3, load_format="csv"):
    vertices, edges = conformance.gremlin_csv() if load_format == "csv" else conformance.opencypher_csv()
    overall = load(neptune, s3, {"vertices.csv": vertices, "edges.csv": edges}, load_format)
    assert overall["status"] == "LOAD_COMPLETED"
    return overall


def cypher(neptune, query, **parameters):
    extra = {"parameters": json.dumps(parameters)} if parameters else {}
    return neptune.execute_open_cypher_query(openCypherQuery=query, **extra)["results"]


def gremlin(neptune, query, **options):
    answer = neptune.execute_gremlin_query(gremlinQuery=query, **options)
    assert answer["status"]["code"] == 200
    return graphsonV3d0.GraphSONReader().to_object(answer["result"]["data"])
