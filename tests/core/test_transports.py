"""Every way a request can reach the mocks: bodies of every type botocore takes, clients made
before ``moto_ext`` was imported, and a guard that refuses DNS look-ups as well as connections."""

import io
import socket
import subprocess
import sys
import textwrap

import pytest

from conftest import NetworkLeak
from tests.lookoutvision.helpers import add_images
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
    add_images(lv, "bodies")  # training needs 20 normal and 10 anomalous images
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
    answer = lv.detect_anomalies(
        ProjectName="bodies", ModelVersion=version, Body=make_body(PNG), ContentType="image/png"
    )
    expected = lv.detect_anomalies(ProjectName="bodies", ModelVersion=version, Body=PNG, ContentType="image/png")
    assert answer["DetectAnomalyResult"] == expected["DetectAnomalyResult"]


def test_a_body_that_is_not_the_image_type_is_refused_typed(hosted_model):
    lv, version = hosted_model
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        lv.detect_anomalies(
            ProjectName="bodies", ModelVersion=version, Body=io.BytesIO(b"not an image"), ContentType="image/png"
        )
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


# --- requests-based clients (graph-notebook, awswrangler, SPARQLWrapper ...) -------------------------
CLUSTER = "https://my-db.cluster-abc123.eu-west-1.neptune.amazonaws.com:8182"


def test_an_unsigned_requests_client_reaches_the_cluster_mock(moto_ext_mock):
    import requests

    answer = requests.get(f"{CLUSTER}/ml/dataprocessing", timeout=5)
    assert answer.status_code == 200 and answer.json()["ids"] == []
    # the request went to the region the cluster host names: boto3 in that region sees the same state
    neptune = client("neptunedata", "eu-west-1", endpoint_url=CLUSTER)
    assert neptune.list_ml_data_processing_jobs()["ids"] == []


def test_a_sigv4_signed_requests_client_is_served_in_its_signed_region(moto_ext_mock):
    import requests
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    client("s3", "us-west-2").create_bucket(
        Bucket="signed-bucket", CreateBucketConfiguration={"LocationConstraint": "us-west-2"}
    )
    body = '{"id": "signed-job", "inputDataS3Location": "s3://signed-bucket/in", "processedDataS3Location": "s3://signed-bucket/out"}'
    aws_request = AWSRequest(
        "POST", f"{CLUSTER}/ml/dataprocessing", data=body, headers={"Content-Type": "application/json"}
    )
    SigV4Auth(Credentials("testing", "testing"), "neptune-db", "us-west-2").add_auth(aws_request)
    answer = requests.post(aws_request.url, data=body, headers=dict(aws_request.headers), timeout=5)
    assert answer.status_code == 200, answer.text
    # served in the signed region (us-west-2), not the one the host names
    assert client("neptunedata", "us-west-2", endpoint_url=CLUSTER).list_ml_data_processing_jobs()["ids"] == [
        "signed-job"
    ]
    assert client("neptunedata", "eu-west-1", endpoint_url=CLUSTER).list_ml_data_processing_jobs()["ids"] == []


def test_a_registered_endpoint_is_answered_and_others_are_not_touched(moto_ext_mock):
    import requests

    moto_ext_mock.register_endpoint("neptunedata", "http://localhost:8182")
    answer = requests.get("http://localhost:8182/ml/modeltraining?maxItems=5", timeout=5)
    assert answer.status_code == 200 and answer.json()["ids"] == []
    with pytest.raises(NetworkLeak):  # not registered: a DNS name nobody claimed is not answered
        requests.get("https://graph.internal.example.org:8182/ml/dataprocessing", timeout=5)


def test_registered_endpoints_end_with_the_mock():
    import requests

    from moto_ext import mock_ext

    with mock_ext() as m:
        m.register_endpoint("neptunedata", "http://localhost:8183")
        assert requests.get("http://localhost:8183/ml/dataprocessing", timeout=5).status_code == 200
    with mock_ext(), pytest.raises(requests.exceptions.ConnectionError):
        requests.get("http://localhost:8183/ml/dataprocessing", timeout=5)
