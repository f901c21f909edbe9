"""Every way a request can reach the mocks: bodies of every type botocore takes, clients made
before ``moto_ext`` was imported, and a guard that refuses DNS look-ups as well as connections."""

import io
import socket
import subprocess
import sys
import textwrap

import pytest

from conftest import NetworkLeak
from tests.support import client, error_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"png-payload"


def test_the_guard_refuses_dns_look_ups():
    with pytest.raises(NetworkLeak):
        socket.getaddrinfo("my-db.cluster-abc.us-east-1.neptune.amazonaws.com", 8182)
    with pytest.raises(NetworkLeak):
        socket.gethostbyname("example.org")
    assert socket.getaddrinfo("localhost", 80)


@pytest.fixture
def hosted_model(moto_ext_mock):
    lv = client("lookoutvision")
    s3 = client("s3")
    s3.create_bucket(Bucket="transport-bucket")
    lv.create_project(ProjectName="bodies")
    lv.create_dataset(ProjectName="bodies", DatasetType="train")
    version = lv.create_model(
        ProjectName="bodies", OutputConfig={"S3Location": {"Bucket": "transport-bucket", "Prefix": "out/"}}
    )["ModelMetadata"]["ModelVersion"]
    lv.describe_model(ProjectName="bodies", ModelVersion=version)  # trained (immediate progression)
    lv.start_model(ProjectName="bodies", ModelVersion=version, MinInferenceUnits=1)
    lv.describe_model(ProjectName="bodies", ModelVersion=version)  # hosted
    return lv, version


@pytest.mark.parametrize(
    "make_body",
    [bytes, bytearray, io.BytesIO],
    ids=["bytes", "bytearray", "file"],
)
def test_detect_anomalies_takes_every_body_type(hosted_model, make_body):
    lv, version = hosted_model
    answer = lv.detect_anomalies(ProjectName="bodies", ModelVersion=version, Body=make_body(PNG), ContentType="image/png")
    expected = lv.detect_anomalies(ProjectName="bodies", ModelVersion=version, Body=PNG, ContentType="image/png")
    assert answer["DetectAnomalyResult"] == expected["DetectAnomalyResult"]


def test_a_body_that_is_not_the_image_type_is_refused_typed(hosted_model):
    lv, version = hosted_model
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        lv.detect_anomalies(ProjectName="bodies", ModelVersion=version, Body=io.BytesIO(b"not an image"), ContentType="image/png")
    assert error_of(raised).status == 400


CLIENT_BEFORE_IMPORT = textwrap.dedent(
    """
    import os, socket

    def refuse(*args, **kwargs):
        raise SystemExit(f"network use: {args[:1]}")

    socket.getaddrinfo = refuse
    socket.socket.connect = lambda self, address: refuse(address)

    import boto3, moto
    neptune = boto3.client("neptunedata", region_name="eu-west-1",
                           endpoint_url="https://db.cluster-abc.eu-west-1.neptune.amazonaws.com:8182")
    rekognition = boto3.client("rekognition", region_name="us-east-1")
    ml = boto3.client("machinelearning", region_name="us-east-1")

    import moto_ext
    with moto_ext.mock_ext():
        assert neptune.list_ml_data_processing_jobs()["ids"] == []
        rekognition.create_project(ProjectName="early")
        assert [p["ProjectArn"].split("/")[1] for p in rekognition.describe_projects()["ProjectDescriptions"]] == ["early"]
        try:
            ml.predict(MLModelId="missing", Record={}, PredictEndpoint="https://predict.example.net")
        except ml.exceptions.ResourceNotFoundException:
            pass
    print("caught")
    """
)


def test_a_client_made_before_moto_ext_was_imported_is_caught():
    run = subprocess.run(
        [sys.executable, "-c", CLIENT_BEFORE_IMPORT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0 and run.stdout.strip() == "caught", run.stdout + run.stderr
