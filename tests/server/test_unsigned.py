"""Unsigned requests, as a Neptune cluster with IAM authentication off takes them: graph-notebook and
other ``requests``-based clients pointed at the server (host 127.0.0.1, port <server port>)."""

import json

import pytest
import requests
from botocore import UNSIGNED
from botocore.config import Config

from moto_ext import mock_ext

from . import flows
from .conftest import aws

ROLE = "arn:aws:iam::123456789012:role/NeptuneLoadFromS3"
CLUSTER_HOST = "my-db.cluster-abc123.eu-west-1.neptune.amazonaws.com:8182"


def call(server, method, path, **kwargs):
    kwargs.setdefault("timeout", 10)
    return requests.request(method, f"{server.endpoint_url}{path}", **kwargs)


def test_an_unsigned_boto3_client_is_served(server):
    client = aws("neptunedata", server, config=Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1}))
    assert client.get_engine_status()["status"] == "healthy"
    assert client.list_ml_data_processing_jobs()["ids"] == []


def test_ml_jobs_started_and_followed_with_requests(server):
    flows.bucket(server, "neptune-ml")
    processing = {
        "id": "dp-1",
        "inputDataS3Location": "s3://neptune-ml/export",
        "processedDataS3Location": "s3://neptune-ml/processed",
    }
    started = call(server, "POST", "/ml/dataprocessing", json=processing)
    assert started.status_code == 200, started.text
    assert started.json()["id"] == "dp-1"
    assert started.json()["arn"] == "arn:aws:sagemaker:us-east-1:123456789012:processing-job/dp-1-dataprocessing"
    status = flows.polled(lambda: call(server, "GET", "/ml/dataprocessing/dp-1").json()["status"])
    assert status == "Completed"
    training = {"id": "tr-1", "dataProcessingJobId": "dp-1", "trainModelS3Location": "s3://neptune-ml/training"}
    assert call(server, "POST", "/ml/modeltraining", json=training).json()["id"] == "tr-1"
    assert call(server, "GET", "/ml/modeltraining", params={"maxItems": 5}).json() == {"ids": ["tr-1"]}
    # the same state a signed boto3 client of the default region sees
    assert aws("neptunedata", server).get_ml_model_training_job(id="tr-1")["id"] == "tr-1"
    missing = call(server, "GET", "/ml/dataprocessing/no-such-job")
    assert (missing.status_code, missing.json()["code"]) == (404, "MLResourceNotFoundException")


def test_bulk_load_and_its_status_with_requests(server):
    flows.bucket(server, "graph", {"in/nodes.csv": b"~id,~label,name:String\nv1,person,alice\nv2,person,bob\n"})
    body = {"source": "s3://graph/in/", "format": "csv", "iamRoleArn": ROLE, "region": "us-east-1"}
    started = call(server, "POST", "/loader", json=body)
    assert started.status_code == 200, started.text
    load_id = started.json()["payload"]["loadId"]
    answer = call(server, "GET", f"/loader/{load_id}", params={"details": "true"})
    assert answer.status_code == 200 and answer.json()["status"] == "200 OK"
    overall = answer.json()["payload"]["overallStatus"]
    assert (overall["fullUri"], overall["status"], overall["totalRecords"]) == ("s3://graph/in/", "LOAD_COMPLETED", 2)
    assert call(server, "GET", "/loader").json()["payload"]["loadIds"] == [load_id]
    bad = call(server, "POST", "/loader", json={"source": "s3://graph/in/"})
    assert (bad.status_code, bad.json()["code"]) == (400, "MissingParameterException")


def test_the_region_the_host_names_else_the_default_region(server, monkeypatch):
    flows.bucket(server, "neptune-ml")
    job = {
        "id": "in-ireland",
        "inputDataS3Location": "s3://neptune-ml/in",
        "processedDataS3Location": "s3://neptune-ml/out",
    }
    assert call(server, "POST", "/ml/dataprocessing", json=job, headers={"Host": CLUSTER_HOST}).status_code == 200
    assert aws("neptunedata", server, region="eu-west-1").list_ml_data_processing_jobs()["ids"] == ["in-ireland"]
    assert aws("neptunedata", server).list_ml_data_processing_jobs()["ids"] == []
    # on the server's own address: the default region, read when the request comes
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    job["id"] = "in-frankfurt"
    assert call(server, "POST", "/ml/dataprocessing", json=job).status_code == 200
    assert aws("neptunedata", server, region="eu-central-1").list_ml_data_processing_jobs()["ids"] == ["in-frankfurt"]


def test_s3_keeps_its_requests(server):
    s3 = flows.bucket(server, "status", {"k": b"v"})  # a bucket named like a Neptune path
    # signed, or anonymous with an S3 Host: S3's
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="status")["Contents"]] == ["k"]
    anonymous = call(server, "GET", "/status", headers={"Host": "s3.amazonaws.com"})
    assert anonymous.status_code == 200 and b"<ListBucketResult" in anonymous.content
    # anonymous on the server's own address: Neptune's engine status (the path cannot tell them apart)
    assert call(server, "GET", "/status").json()["status"] == "healthy"
    # a path no service takes unsigned is S3's, as in moto
    assert call(server, "GET", "/no-such-bucket").status_code == 404


def test_other_services_still_refuse_unsigned_requests(server):
    refused = call(server, "GET", "/2020-11-20/projects")
    assert (refused.status_code, refused.json()["__type"]) == (403, "MissingAuthenticationTokenException")


# (method, path, body): answered unsigned the same in process (a cluster endpoint) and by the server
PARITY = [
    ("GET", "/status", None),
    ("GET", "/ml/endpoints", None),
    ("GET", "/ml/modeltransform/nope", None),
    ("POST", "/ml/dataprocessing", {"id": "x"}),
    ("POST", "/loader", {"source": "s3://nowhere/x", "format": "csv", "iamRoleArn": ROLE, "region": "us-east-1"}),
    ("GET", "/loader/not-a-load", None),
    ("POST", "/opencypher", {"query": "MATCH (n) RETURN n"}),
    ("GET", "/sparql", None),
    ("GET", "/propertygraph/statistics", None),
]


def _shape(response):
    """What must match: the status code, and the body's keys and error type (ids, times differ)."""
    body = response.json()
    return response.status_code, sorted(body), body.get("code") or body.get("__type")


def test_answers_match_the_in_process_mock(server):
    def each(base):
        return [
            _shape(requests.request(m, f"{base}{p}", data=json.dumps(b) if b else None, timeout=10))
            for m, p, b in PARITY
        ]

    with mock_ext():
        in_process = each(f"https://{CLUSTER_HOST}")
    served = each(server.endpoint_url)
    for request, expected, got in zip(PARITY, in_process, served):
        assert got == expected, request
    assert served[0][0] == 200 and served[2][0] == 404


@pytest.mark.parametrize(
    "path", ["/gremlin", "/openCypher", "/pg/statistics", "/rdf/statistics/summary", "/system", "/storage/info"]
)
def test_every_root_of_the_http_api_is_neptunes(server, path):
    answer = call(server, "GET", path)
    # whatever the service says of it, it is the service that says it (JSON, not S3's XML)
    assert answer.headers["Content-Type"].startswith("application/json"), answer.text
    assert "MissingAuthenticationToken" not in answer.text
