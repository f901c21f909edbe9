"""Ready-made resources on a server, made through boto3 as a user would (each service's real calls)."""

import json
from collections.abc import Callable
from typing import Any

from .conftest import aws

FAST = {"Delay": 0, "MaxAttempts": 5}
ML_SCHEMA = json.dumps(
    {
        "version": "1.0",
        "targetFieldName": "label",
        "dataFormat": "CSV",
        "dataFileContainsHeader": True,
        "attributes": [
            {"fieldName": "age", "fieldType": "NUMERIC"},
            {"fieldName": "label", "fieldType": "BINARY"},
        ],
    }
)


def bucket(server: Any, name: str, objects: dict[str, bytes] | None = None) -> Any:
    s3 = aws("s3", server)
    s3.create_bucket(Bucket=name)
    for key, body in (objects or {}).items():
        s3.put_object(Bucket=name, Key=key, Body=body)
    return s3


def lookoutvision_images(lv: Any, project: str, normal: int = 20, anomaly: int = 10) -> None:
    """Label images into a project's train dataset: by default the fewest a single dataset trains with."""
    lines = [
        json.dumps(
            {
                "source-ref": f"s3://lv-output/images/{label}-{i}.png",
                "anomaly-label": int(label == "anomaly"),
                "anomaly-label-metadata": {"class-name": label, "type": "groundtruth/image-classification"},
            }
        )
        for label, count in (("normal", normal), ("anomaly", anomaly))
        for i in range(count)
    ]
    lv.update_dataset_entries(ProjectName=project, DatasetType="train", Changes="\n".join(lines).encode())
    assert (
        lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]["Status"]
        == "UPDATE_COMPLETE"
    )


def lookoutvision_hosted_model(server: Any, project: str = "widgets") -> tuple[Any, str]:
    """A project whose model 1 is HOSTED: (client, model ARN)."""
    bucket(server, "lv-output")  # CreateModel refuses an output bucket that does not exist
    lv = aws("lookoutvision", server)
    lv.create_project(ProjectName=project)
    lv.create_dataset(ProjectName=project, DatasetType="train")
    lookoutvision_images(lv, project)
    arn = lv.create_model(ProjectName=project, OutputConfig={"S3Location": {"Bucket": "lv-output"}})["ModelMetadata"][
        "ModelArn"
    ]
    assert lv.describe_model(ProjectName=project, ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"
    lv.start_model(ProjectName=project, ModelVersion="1", MinInferenceUnits=1)
    assert lv.describe_model(ProjectName=project, ModelVersion="1")["ModelDescription"]["Status"] == "HOSTED"
    return lv, arn


def rekognition_running_version(server: Any, project: str = "animals") -> tuple[Any, str, str]:
    """A Custom Labels project whose version v1 is RUNNING: (client, project ARN, version ARN)."""
    lines = [
        json.dumps(
            {
                "source-ref": f"s3://rek-data/img{i}.jpg",
                "animal": 1,
                "animal-metadata": {
                    "class-name": "cat" if i % 2 else "dog",
                    "type": "groundtruth/image-classification",
                },
            }
        )
        for i in range(10)
    ]
    bucket(
        server,
        "rek-data",
        {"train.manifest": "\n".join(lines).encode(), "test.manifest": "\n".join(lines[:4]).encode()},
    )
    rek = aws("rekognition", server)
    project_arn = rek.create_project(ProjectName=project)["ProjectArn"]
    for dataset_type, key in (("TRAIN", "train.manifest"), ("TEST", "test.manifest")):
        source = {"GroundTruthManifest": {"S3Object": {"Bucket": "rek-data", "Name": key}}}
        dataset = rek.create_dataset(ProjectArn=project_arn, DatasetType=dataset_type, DatasetSource=source)[
            "DatasetArn"
        ]
        assert rek.describe_dataset(DatasetArn=dataset)["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    version_arn = rek.create_project_version(
        ProjectArn=project_arn, VersionName="v1", OutputConfig={"S3Bucket": "rek-data", "S3KeyPrefix": "output/"}
    )["ProjectVersionArn"]
    rek.get_waiter("project_version_training_completed").wait(
        ProjectArn=project_arn, VersionNames=["v1"], WaiterConfig=FAST
    )
    rek.start_project_version(ProjectVersionArn=version_arn, MinInferenceUnits=1)
    rek.get_waiter("project_version_running").wait(ProjectArn=project_arn, VersionNames=["v1"], WaiterConfig=FAST)
    return rek, project_arn, version_arn


def machinelearning_endpoint(server: Any, model_id: str = "model-1") -> tuple[Any, str]:
    """A COMPLETED binary model with a READY real-time endpoint: (client, EndpointUrl)."""
    bucket(server, "ml-data", {"train.csv": b"age,label\n31,1\n42,0\n27,1\n55,0\n"})
    ml = aws("machinelearning", server)
    ml.create_data_source_from_s3(
        DataSourceId="ds-1",
        DataSpec={"DataLocationS3": "s3://ml-data/train.csv", "DataSchema": ML_SCHEMA},
        ComputeStatistics=True,
    )
    ml.get_waiter("data_source_available").wait(
        FilterVariable="DataLocationS3", EQ="s3://ml-data/train.csv", WaiterConfig=FAST
    )
    ml.create_ml_model(MLModelId=model_id, MLModelType="BINARY", TrainingDataSourceId="ds-1")
    ml.get_waiter("ml_model_available").wait(FilterVariable="TrainingDataSourceId", EQ="ds-1", WaiterConfig=FAST)
    ml.create_realtime_endpoint(MLModelId=model_id)
    info = ml.get_ml_model(MLModelId=model_id)["EndpointInfo"]
    assert info["EndpointStatus"] == "READY"
    return ml, info["EndpointUrl"]


def polled(status: Callable[[], str], until: str = "Completed", looks: int = 5) -> str:
    """The status a program polling a few times sees last (immediate mode: a step a look)."""
    seen = status()
    for _ in range(looks - 1):
        if seen == until:
            break
        seen = status()
    return seen


def neptune_transform_job(server: Any, job_id: str = "mt-1") -> Any:
    """An ML model transform job still InProgress (never read since it started): the client."""
    bucket(server, "neptune-ml")
    nd = aws("neptunedata", server)
    nd.start_ml_data_processing_job(
        id="dp-1", inputDataS3Location="s3://neptune-ml/export", processedDataS3Location="s3://neptune-ml/processed"
    )
    assert polled(lambda: nd.get_ml_data_processing_job(id="dp-1")["status"]) == "Completed"
    nd.start_ml_model_training_job(
        id="tr-1", dataProcessingJobId="dp-1", trainModelS3Location="s3://neptune-ml/training"
    )
    assert polled(lambda: nd.get_ml_model_training_job(id="tr-1")["status"]) == "Completed"
    nd.start_ml_model_transform_job(
        id=job_id,
        dataProcessingJobId="dp-1",
        mlModelTrainingJobId="tr-1",
        modelTransformOutputS3Location="s3://neptune-ml/transform",
    )
    return nd
