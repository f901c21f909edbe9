"""Nothing leaves the machine: the guard works, and the easy-to-miss requests are answered here.

The repo's conftest refuses every outbound connection but loopback during the whole suite; these
tests show the guard bites, then send the requests a mock could most easily let through.
"""

import boto3
import pytest
import requests

from conftest import NetworkLeak
from moto_ext.modelarts.models import DEFAULT_PROJECT_ID


def test_the_guard_refuses_outbound_connections():
    with pytest.raises(NetworkLeak):
        requests.get("https://203.0.113.10/", timeout=2)


def test_neptunedata_cluster_endpoints_stay_here(moto_ext_mock):
    for endpoint in (
        "https://my-db.cluster-abc123.eu-west-1.neptune.amazonaws.com:8182",
        "https://graph.internal.example.org:8182",
    ):
        client = boto3.client("neptunedata", region_name="eu-west-1", endpoint_url=endpoint)
        assert client.list_ml_data_processing_jobs()["ids"] == []


def test_predict_on_any_predict_endpoint_host_stays_here(moto_ext_mock):
    ml = boto3.client("machinelearning", region_name="us-east-1")
    for host in ("https://realtime.machinelearning.us-east-1.amazonaws.com", "https://predict.example.net"):
        with pytest.raises(ml.exceptions.ResourceNotFoundException):
            ml.predict(MLModelId="missing-model", Record={"x": "1"}, PredictEndpoint=host)


def test_unknown_modelarts_paths_and_iam_urls_stay_here(moto_ext_mock):
    unknown = requests.get(f"https://modelarts.ap-southeast-1.myhuaweicloud.com/v1/{DEFAULT_PROJECT_ID}/no/such/path")
    assert unknown.status_code in (401, 404)
    assert unknown.json()
    token = requests.post("https://iam.eu-de.otc.t-systems.com/v3/auth/tokens", json={"auth": {}})
    assert 400 <= token.status_code < 500
    other_iam = requests.get("https://iam.cn-north-4.myhuaweicloud.com/v3/no-such-thing")
    assert 400 <= other_iam.status_code < 500
