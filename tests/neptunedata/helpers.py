"""Shared constants and helpers of the Neptune Data API tests."""

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
