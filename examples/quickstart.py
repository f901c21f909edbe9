"""moto_ext in one sitting: train, host, stop and delete models on all five mocked services.

Run:  python examples/quickstart.py
Every call below is a real boto3 / requests call; nothing leaves the machine.
"""

import json

import boto3
import requests

from moto_ext import mock_ext

REGION = "us-east-1"


def lookout_for_vision() -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="lv-data")
    # a Ground Truth manifest: one dataset needs at least 20 normal and 10 anomalous images
    lines = []
    for index in range(30):
        label = "normal" if index < 20 else "anomaly"
        lines.append(
            json.dumps(
                {
                    "source-ref": f"s3://lv-data/images/{index}.png",
                    "anomaly-label": 0 if label == "normal" else 1,
                    "anomaly-label-metadata": {
                        "class-name": label,
                        "human-annotated": "yes",
                        "type": "groundtruth/image-classification",
                    },
                }
            )
        )
    s3.put_object(Bucket="lv-data", Key="train.manifest", Body="\n".join(lines).encode())
    lv = boto3.client("lookoutvision", region_name=REGION)
    lv.create_project(ProjectName="circuit-boards")
    lv.create_dataset(
        ProjectName="circuit-boards",
        DatasetType="train",
        DatasetSource={"GroundTruthManifest": {"S3Object": {"Bucket": "lv-data", "Key": "train.manifest"}}},
    )
    model = lv.create_model(
        ProjectName="circuit-boards", OutputConfig={"S3Location": {"Bucket": "lv-data", "Prefix": "models/"}}
    )
    version = model["ModelMetadata"]["ModelVersion"]
    print("Lookout for Vision: model", version, model["ModelMetadata"]["Status"])
    trained = lv.describe_model(ProjectName="circuit-boards", ModelVersion=version)["ModelDescription"]
    print("  after training:", trained["Status"], "F1", trained["Performance"]["F1Score"])
    results = trained["EvaluationResult"]
    evaluation = json.loads(s3.get_object(Bucket=results["Bucket"], Key=results["Key"])["Body"].read())
    print("  evaluation result in S3:", results["Key"], evaluation["EvaluationDetails"])
    print(
        "  StartModel ->",
        lv.start_model(ProjectName="circuit-boards", ModelVersion=version, MinInferenceUnits=1)["Status"],
    )
    print(
        "  hosted:", lv.describe_model(ProjectName="circuit-boards", ModelVersion=version)["ModelDescription"]["Status"]
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    result = lv.detect_anomalies(ProjectName="circuit-boards", ModelVersion=version, Body=png, ContentType="image/png")
    print("  DetectAnomalies IsAnomalous:", result["DetectAnomalyResult"]["IsAnomalous"])
    print("  StopModel ->", lv.stop_model(ProjectName="circuit-boards", ModelVersion=version)["Status"])
    print(
        "  after stopping:",
        lv.describe_model(ProjectName="circuit-boards", ModelVersion=version)["ModelDescription"]["Status"],
    )


def rekognition_custom_labels() -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="rk-data")
    lines = []
    for index, label in enumerate(["cat", "dog"] * 5):
        lines.append(
            json.dumps(
                {
                    "source-ref": f"s3://rk-data/images/{index}.jpg",
                    "animal": 0 if label == "cat" else 1,
                    "animal-metadata": {
                        "class-name": label,
                        "confidence": 1,
                        "type": "groundtruth/image-classification",
                        "job-name": "labeling",
                        "human-annotated": "yes",
                        "creation-date": "2024-01-01T00:00:00",
                    },
                }
            )
        )
    s3.put_object(Bucket="rk-data", Key="train.manifest", Body="\n".join(lines).encode())
    rk = boto3.client("rekognition", region_name=REGION)
    project_arn = rk.create_project(ProjectName="logos")["ProjectArn"]
    manifest = {"GroundTruthManifest": {"S3Object": {"Bucket": "rk-data", "Name": "train.manifest"}}}
    train = rk.create_dataset(ProjectArn=project_arn, DatasetType="TRAIN", DatasetSource=manifest)["DatasetArn"]
    test = rk.create_dataset(ProjectArn=project_arn, DatasetType="TEST")["DatasetArn"]

    def wait_for_dataset(arn: str) -> None:  # as real code polls: each read lets the mock move on
        while not rk.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"].endswith("COMPLETE"):
            pass

    wait_for_dataset(train)
    wait_for_dataset(test)
    rk.distribute_dataset_entries(Datasets=[{"Arn": train}, {"Arn": test}])
    wait_for_dataset(train)
    wait_for_dataset(test)
    version_arn = rk.create_project_version(
        ProjectArn=project_arn, VersionName="v1", OutputConfig={"S3Bucket": "rk-output", "S3KeyPrefix": "logos"}
    )["ProjectVersionArn"]
    rk.get_waiter("project_version_training_completed").wait(ProjectArn=project_arn, VersionNames=["v1"])
    rk.start_project_version(ProjectVersionArn=version_arn, MinInferenceUnits=1)
    rk.get_waiter("project_version_running").wait(ProjectArn=project_arn, VersionNames=["v1"])
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    labels = rk.detect_custom_labels(ProjectVersionArn=version_arn, Image={"Bytes": png})["CustomLabels"]
    print("Rekognition Custom Labels: version running, detects", [label["Name"] for label in labels])
    print("  StopProjectVersion ->", rk.stop_project_version(ProjectVersionArn=version_arn)["Status"])


def machine_learning() -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="ml-data")
    s3.put_object(Bucket="ml-data", Key="train.csv", Body=b"x,y\n1,0\n2,1\n")
    ml = boto3.client("machinelearning", region_name=REGION)
    ml.create_data_source_from_s3(
        DataSourceId="ds-1",
        DataSourceName="churn-training-data",
        DataSpec={
            "DataLocationS3": "s3://ml-data/train.csv",
            "DataSchema": json.dumps(
                {
                    "version": "1.0",
                    "targetAttributeName": "y",
                    "dataFormat": "CSV",
                    "dataFileContainsHeader": True,
                    "attributes": [
                        {"attributeName": "x", "attributeType": "NUMERIC"},
                        {"attributeName": "y", "attributeType": "BINARY"},
                    ],
                }
            ),
        },
        ComputeStatistics=True,
    )
    ml.get_waiter("data_source_available").wait(FilterVariable="Name", EQ="churn-training-data")
    ml.create_ml_model(MLModelId="model-1", MLModelName="churn", MLModelType="BINARY", TrainingDataSourceId="ds-1")
    ml.get_waiter("ml_model_available").wait(FilterVariable="Name", EQ="churn")
    ml.create_realtime_endpoint(MLModelId="model-1")  # UPDATING; the next read finds it READY
    endpoint = ml.get_ml_model(MLModelId="model-1")["EndpointInfo"]
    prediction = ml.predict(MLModelId="model-1", Record={"x": "3"}, PredictEndpoint=endpoint["EndpointUrl"])
    print("Machine Learning: prediction", prediction["Prediction"])
    info = ml.delete_realtime_endpoint(MLModelId="model-1")["RealtimeEndpointInfo"]
    print("  DeleteRealtimeEndpoint ->", info["EndpointStatus"])


def neptune_ml() -> None:
    neptune = boto3.client(
        "neptunedata",
        region_name=REGION,
        endpoint_url="https://my-graph.cluster-abc.us-east-1.neptune.amazonaws.com:8182",
    )
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="graph")
    s3.put_object(Bucket="graph", Key="input/nodes.csv", Body=b"~id,~label\nv1,person\n")
    processing = neptune.start_ml_data_processing_job(
        inputDataS3Location="s3://graph/input", processedDataS3Location="s3://graph/processed"
    )
    print("Neptune ML: data processing", neptune.get_ml_data_processing_job(id=processing["id"])["status"])
    training = neptune.start_ml_model_training_job(
        dataProcessingJobId=processing["id"], trainModelS3Location="s3://graph/model"
    )
    print("  training", neptune.get_ml_model_training_job(id=training["id"])["status"])
    transform = neptune.start_ml_model_transform_job(
        mlModelTrainingJobId=training["id"],
        dataProcessingJobId=processing["id"],
        modelTransformOutputS3Location="s3://graph/transform",
    )
    cancelled = neptune.cancel_ml_model_transform_job(id=transform["id"])
    print("  CancelMLModelTransformJob ->", cancelled["status"])


def modelarts() -> None:
    from moto_ext.modelarts.models import DEFAULT_PROJECT_ID

    iam = "https://iam.eu-de.otc.t-systems.com/v3/auth/tokens"
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": "me", "password": "secret", "domain": {"name": "my-domain"}}},
            },
            "scope": {"project": {"id": DEFAULT_PROJECT_ID}},
        }
    }
    token = requests.post(iam, json=body).headers["X-Subject-Token"]
    base = f"https://modelarts.eu-de.otc.t-systems.com/v1/{DEFAULT_PROJECT_ID}"
    headers = {"X-Auth-Token": token}
    flavor = requests.get(f"{base}/job/resource-specs", headers=headers).json()["specs"][0]
    job = requests.post(
        f"{base}/training-jobs",
        headers=headers,
        json={
            "job_name": "resnet",
            "config": {
                "worker_server_num": 1,
                "app_url": "/bucket/code/",
                "boot_file_url": "/bucket/code/train.py",
                "data_url": "/bucket/data/",
                "spec_id": flavor["spec_id"],
                "engine_id": 1,
                "train_url": "/bucket/out/",
            },
        },
    ).json()
    assert job["is_success"], job
    detail_url = f"{base}/training-jobs/{job['job_id']}/versions/{job['version_id']}"
    status = job["status"]
    while status != 8:  # INIT(1) -> WAITING(7) -> RUNNING(8): each read lets the mock move one step
        status = requests.get(detail_url, headers=headers).json()["status"]
    print("ModelArts: training job", job["job_name"], "status", status)
    stopped = requests.post(f"{detail_url}/stop", headers=headers).json()
    print("  stop ->", stopped, "status now", requests.get(detail_url, headers=headers).json()["status"])


def main() -> None:
    with mock_ext():
        lookout_for_vision()
        rekognition_custom_labels()
        machine_learning()
        neptune_ml()
        modelarts()


if __name__ == "__main__":
    main()
