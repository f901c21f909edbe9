"""Every endpoint form a neptunedata client can name is answered by the mock, in the signed region.

The repo conftest refuses every non-loopback connection, so a request the mock missed fails these
tests. https://localhost:8182 would leak to loopback instead: there the tests prove the answer came
from the mock by finding the job in the mock's state.
"""

import socket

import boto3
import pytest
from botocore.config import Config
from moto import mock_aws
from moto.core.base_backend import BackendDict
from moto.server import ThreadedMotoServer

from moto_ext.core import registry
from moto_ext.core.patches import redirect_to
from moto_ext.neptunedata.models import neptune_regions, neptunedata_backends
from tests.support import client

from .helpers import BUCKET, CLUSTER, settled

ENDPOINT_FORMS = [
    CLUSTER,
    "https://my-db.cluster-ro-abc123example.eu-west-1.neptune.amazonaws.com:8182",
    "https://localhost:8182",
    "https://graph.example.internal:8182",
    "http://10.0.3.17:8182",
]


def start_job(neptune, job_id):
    return neptune.start_ml_data_processing_job(
        id=job_id,
        inputDataS3Location=f"s3://{BUCKET}/export",
        processedDataS3Location=f"s3://{BUCKET}/processed",
    )


def test_the_network_is_blocked_during_these_tests():
    # what makes the tests below fail if a request escaped the mock (the repo conftest's guard)
    with pytest.raises(AssertionError, match="refused during tests"):
        socket.create_connection(("203.0.113.10", 8182), timeout=0.5)


@pytest.mark.parametrize("endpoint_url", ENDPOINT_FORMS)
def test_every_endpoint_form_reaches_the_mock(moto_ext_mock, s3, endpoint_url):
    neptune = client("neptunedata", endpoint_url=endpoint_url)

    started = start_job(neptune, "job-1")

    # the job is in the mock's state for the signed region, and reads come back from it
    assert list(moto_ext_mock.backend("neptunedata", region="us-east-1").data_processing_jobs) == ["job-1"]
    assert neptune.get_ml_data_processing_job(id="job-1")["processingJob"]["arn"] == started["arn"]
    assert neptune.list_ml_data_processing_jobs()["ids"] == ["job-1"]


def test_endpoint_url_from_the_environment(moto_ext_mock, s3, monkeypatch):
    monkeypatch.setenv(
        "AWS_ENDPOINT_URL_NEPTUNEDATA", "https://env-db.cluster-xyz.us-east-1.neptune.amazonaws.com:8182"
    )
    # a new session: the endpoint comes from the environment as the session resolves it
    neptune = boto3.session.Session().client("neptunedata", region_name="us-east-1")
    assert neptune.meta.endpoint_url.startswith("https://env-db.cluster-xyz")

    start_job(neptune, "from-env")

    assert "from-env" in moto_ext_mock.backend("neptunedata", region="us-east-1").data_processing_jobs


def test_the_region_is_the_signed_one_whatever_the_host_says(moto_ext_mock, s3):
    # a host naming us-east-1, a client signing for eu-central-1
    frankfurt = client("neptunedata", "eu-central-1", endpoint_url=CLUSTER)
    virginia = client("neptunedata", "us-east-1", endpoint_url=CLUSTER)

    started = start_job(frankfurt, "regional")

    assert ":eu-central-1:" in started["arn"]
    assert frankfurt.list_ml_data_processing_jobs()["ids"] == ["regional"]
    assert virginia.list_ml_data_processing_jobs()["ids"] == []
    assert "regional" in moto_ext_mock.backend("neptunedata", region="eu-central-1").data_processing_jobs


def test_the_default_regional_endpoint_works_too(moto_ext_mock, s3):
    neptune = client("neptunedata", "us-west-2")
    assert neptune.meta.endpoint_url == "https://neptune-db.us-west-2.amazonaws.com"
    start_job(neptune, "regional-endpoint")
    assert settled(neptune.get_ml_data_processing_job, id="regional-endpoint")["status"] == "Completed"


def test_every_neptune_region_has_a_backend_and_unlisted_regions_work(moto_ext_mock, s3):
    regions = neptune_regions()
    # botocore's regions for Neptune, every partition
    assert {"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"} <= set(regions)
    assert set(regions) <= set(neptunedata_backends["123456789012"].regions)

    # a region botocore does not list is still served: the request is signed for it
    neptune = client("neptunedata", "xx-future-1", endpoint_url=CLUSTER)
    assert neptune.get_engine_status()["status"] == "healthy"
    assert neptune.list_ml_endpoints()["ids"] == []


def test_plain_mock_aws_reaches_neptunedata_once_moto_ext_is_imported():
    with mock_aws():
        client("s3").create_bucket(Bucket=BUCKET)
        neptune = client("neptunedata", endpoint_url=CLUSTER)
        start_job(neptune, "under-mock-aws")
        assert settled(neptune.get_ml_data_processing_job, id="under-mock-aws")["status"] == "Completed"


def test_the_redirect_leaves_requests_alone_when_no_mock_runs():
    class Request:
        url = f"{CLUSTER}/ml/dataprocessing"
        headers = {"Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/neptune-db/aws4_request"}

    request = Request()
    (redirect,) = registry.get("neptunedata").redirects
    assert redirect_to(redirect.host)(request) is None
    assert request.url == f"{CLUSTER}/ml/dataprocessing"


def test_server_mode_serves_neptunedata_in_the_signed_region():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        settings = {
            "endpoint_url": f"http://{host}:{port}",
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
            "config": Config(s3={"addressing_style": "path"}),
        }
        client("s3", **settings).create_bucket(Bucket=BUCKET)
        neptune = client("neptunedata", "eu-west-1", **settings)

        assert ":eu-west-1:" in start_job(neptune, "served")["arn"]
        assert settled(neptune.get_ml_data_processing_job, id="served")["status"] == "Completed"
        neptune.execute_open_cypher_query(openCypherQuery="CREATE (:airport {code: 'SEA'})")
        counted = neptune.execute_open_cypher_query(openCypherQuery="MATCH (a:airport) RETURN a.code AS code")
        assert counted["results"] == [{"code": "SEA"}]
    finally:
        server.stop()
        BackendDict.reset()
