"""A whole Custom Labels program in the style of AWS's Python examples for the developer guide
(create a project and its datasets, train a model, wait, read its evaluation, start it, wait,
analyze a local image, stop it, clean up), run through boto3 against the mock.

The functions below are written for this test after the examples' pattern: one function per
step, each taking the boto3 client, logging what it does, waiting with botocore's waiters where
the examples do and polling a Describe call where they do. They are not copied from the guide.
Under the mock's default progression every wait returns on its first poll, so the program runs in
well under a second while still seeing every status a real run shows.
"""

from __future__ import annotations

import json
import logging
import time

import pytest
from botocore.exceptions import ClientError

from tests.support import client

logger = logging.getLogger(__name__)

BUCKET = "custom-labels-console-us-east-1-example"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
POLL_SECONDS = 5  # the examples' polling interval: the mock never needs a second poll


# --- the program ------------------------------------------------------------------------------
def create_project(rek_client, project_name):
    """Creates a Custom Labels project and returns its ARN."""
    logger.info("Creating project: %s", project_name)
    response = rek_client.create_project(ProjectName=project_name)
    logger.info("Project ARN: %s", response["ProjectArn"])
    return response["ProjectArn"]


def create_dataset(rek_client, project_arn, dataset_type, bucket, manifest_file):
    """Creates a dataset from a SageMaker Ground Truth manifest and waits until it is created."""
    logger.info("Creating %s dataset from s3://%s/%s", dataset_type, bucket, manifest_file)
    response = rek_client.create_dataset(
        ProjectArn=project_arn,
        DatasetType=dataset_type,
        DatasetSource={"GroundTruthManifest": {"S3Object": {"Bucket": bucket, "Name": manifest_file}}},
    )
    dataset_arn = response["DatasetArn"]
    while True:
        description = rek_client.describe_dataset(DatasetArn=dataset_arn)["DatasetDescription"]
        status = description["Status"]
        logger.info("Dataset status: %s", status)
        if status != "CREATE_IN_PROGRESS":
            break
        time.sleep(POLL_SECONDS)
    if status != "CREATE_COMPLETE":
        raise RuntimeError(f"Dataset creation failed: {description['StatusMessage']}")
    return dataset_arn


def train_model(rek_client, project_arn, version_name, output_bucket, output_folder):
    """Trains a model version from the project's datasets and waits for training to end."""
    logger.info("Training model version %s", version_name)
    response = rek_client.create_project_version(
        ProjectArn=project_arn,
        VersionName=version_name,
        OutputConfig={"S3Bucket": output_bucket, "S3KeyPrefix": output_folder},
    )
    model_arn = response["ProjectVersionArn"]
    rek_client.get_waiter("project_version_training_completed").wait(
        ProjectArn=project_arn, VersionNames=[version_name]
    )
    description = rek_client.describe_project_versions(ProjectArn=project_arn, VersionNames=[version_name])[
        "ProjectVersionDescriptions"
    ][0]
    logger.info("Training status: %s (%s)", description["Status"], description["StatusMessage"])
    return model_arn, description


def show_evaluation(s3_client, description):
    """Reads the training results summary file the model's description points to: the F1 score
    and the per-label metrics."""
    summary = description["EvaluationResult"]["Summary"]["S3Object"]
    body = s3_client.get_object(Bucket=summary["Bucket"], Key=summary["Name"])["Body"].read()
    results = json.loads(body)
    logger.info("F1 score: %s", description["EvaluationResult"]["F1Score"])
    per_label = {}
    for label in results["LabelEvaluationResults"]:
        metrics = label["Metrics"]
        logger.info(
            "Label %s: precision %.3f recall %.3f F1 %.3f threshold %.3f",
            label["Label"],
            metrics["Precision"],
            metrics["Recall"],
            metrics["F1Score"],
            metrics["Threshold"],
        )
        per_label[label["Label"]] = metrics
    return per_label


def start_model(rek_client, project_arn, model_arn, version_name, min_inference_units):
    """Starts a trained model and waits until it runs."""
    logger.info("Starting model %s", model_arn)
    response = rek_client.start_project_version(ProjectVersionArn=model_arn, MinInferenceUnits=min_inference_units)
    logger.info("Status: %s", response["Status"])
    rek_client.get_waiter("project_version_running").wait(ProjectArn=project_arn, VersionNames=[version_name])
    return rek_client.describe_project_versions(ProjectArn=project_arn, VersionNames=[version_name])[
        "ProjectVersionDescriptions"
    ][0]["Status"]


def analyze_local_image(rek_client, model_arn, photo, min_confidence):
    """Detects custom labels in a local image file with a running model."""
    with open(photo, "rb") as image:
        response = rek_client.detect_custom_labels(
            Image={"Bytes": image.read()}, MinConfidence=min_confidence, ProjectVersionArn=model_arn
        )
    for custom_label in response["CustomLabels"]:
        logger.info("Label %s: confidence %.2f", custom_label["Name"], custom_label["Confidence"])
    return response["CustomLabels"]


def stop_model(rek_client, project_arn, model_arn, version_name):
    """Stops a running model and polls until it has stopped."""
    logger.info("Stopping model %s", model_arn)
    status = rek_client.stop_project_version(ProjectVersionArn=model_arn)["Status"]
    while status == "STOPPING":
        status = rek_client.describe_project_versions(ProjectArn=project_arn, VersionNames=[version_name])[
            "ProjectVersionDescriptions"
        ][0]["Status"]
        logger.info("Status: %s", status)
        if status == "STOPPING":
            time.sleep(POLL_SECONDS)
    return status


def delete_model(rek_client, project_arn, model_arn, version_name):
    """Deletes a model version and polls until it is gone."""
    logger.info("Deleting model %s", model_arn)
    rek_client.delete_project_version(ProjectVersionArn=model_arn)
    while rek_client.describe_project_versions(ProjectArn=project_arn, VersionNames=[version_name])[
        "ProjectVersionDescriptions"
    ]:
        time.sleep(POLL_SECONDS)


def delete_project(rek_client, project_arn):
    """Deletes a project (its datasets go with it)."""
    logger.info("Deleting project %s", project_arn)
    return rek_client.delete_project(ProjectArn=project_arn)["Status"]


# --- the test ---------------------------------------------------------------------------------
def manifest_line(key, label):
    return json.dumps(
        {
            "source-ref": f"s3://{BUCKET}/{key}",
            "label": 1,
            "label-metadata": {
                "class-name": label,
                "confidence": 1.0,
                "type": "groundtruth/image-classification",
                "human-annotated": "yes",
                "creation-date": "2024-01-01T00:00:00",
                "job-name": "labeling-job/example",
            },
        }
    )


@pytest.fixture
def clients(moto_ext_mock):
    return client("rekognition"), client("s3")


def upload_images(s3_client):
    s3_client.create_bucket(Bucket=BUCKET)
    for dataset, count in (("train", 12), ("test", 4)):
        lines = []
        for index in range(count):
            key = f"images/{dataset}/{index}.jpg"
            s3_client.put_object(Bucket=BUCKET, Key=key, Body=JPEG)
            lines.append(manifest_line(key, "echo" if index % 2 else "echo-dot"))
        s3_client.put_object(Bucket=BUCKET, Key=f"manifests/{dataset}.manifest", Body="\n".join(lines).encode())


def test_the_example_program_end_to_end(clients, tmp_path, caplog):
    rek_client, s3_client = clients
    upload_images(s3_client)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(JPEG)
    caplog.set_level(logging.INFO, logger=__name__)
    started = time.monotonic()

    project_arn = create_project(rek_client, "my-echo-dots")
    create_dataset(rek_client, project_arn, "TRAIN", BUCKET, "manifests/train.manifest")
    create_dataset(rek_client, project_arn, "TEST", BUCKET, "manifests/test.manifest")
    model_arn, description = train_model(rek_client, project_arn, "v1", BUCKET, "training-output")
    assert description["Status"] == "TRAINING_COMPLETED"

    per_label = show_evaluation(s3_client, description)
    assert set(per_label) == {"echo", "echo-dot"}
    assert all(0 < metrics["F1Score"] <= 1 for metrics in per_label.values())
    # the prefix without its slash still makes a folder
    assert description["EvaluationResult"]["Summary"]["S3Object"]["Name"].startswith("training-output/")

    assert start_model(rek_client, project_arn, model_arn, "v1", 1) == "RUNNING"
    labels = analyze_local_image(rek_client, model_arn, str(photo), min_confidence=50)
    assert {label["Name"] for label in labels} == {"echo", "echo-dot"}
    assert all(label["Confidence"] >= 50 for label in labels)

    assert stop_model(rek_client, project_arn, model_arn, "v1") == "STOPPED"
    with pytest.raises(ClientError) as raised:
        analyze_local_image(rek_client, model_arn, str(photo), min_confidence=50)
    assert raised.value.response["Error"]["Code"] == "ResourceNotReadyException"

    delete_model(rek_client, project_arn, model_arn, "v1")
    assert delete_project(rek_client, project_arn) == "DELETING"
    assert rek_client.describe_projects(ProjectNames=["my-echo-dots"])["ProjectDescriptions"] == []
    assert time.monotonic() - started < POLL_SECONDS  # no wait ever slept
    assert "Training status: TRAINING_COMPLETED" in caplog.text
