"""Whole ModelArts v1 training programs through the Huawei Cloud SDK core (huaweicloudsdkcore 3.1.219):
AK/SK signing, the project id looked up through IAM, retries and error parsing are the SDK's.

huaweicloudsdkmodelarts 3.1.219 has only v2 training calls, so the program sends the v1 paths
through a small ``Client`` subclass, as the SDK's generated clients do for theirs: one
``do_http_request`` per call, answered as an ``SdkResponse`` whose ``body`` is the JSON object.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.client import Client, ClientBuilder
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.region.region import Region
from huaweicloudsdkcore.sdk_response import SdkResponse

from moto_ext import mock_ext

logger = logging.getLogger(__name__)

AK, SK = "HPUAEXAMPLEKEY0001", "exampleSecretKeyForTheMockOnly0000000001"
REGION = "cn-north-4"
ENDPOINT = f"https://modelarts.{REGION}.myhuaweicloud.com"
RUNNING, COMPLETED, KILLED = 8, 10, 12
ENDED = {3, 5, COMPLETED, 11, KILLED, 13, 14, 16, 17, 21}
MAX_POLLS = 20


# --- a v1 client on the SDK core ------------------------------------------------------------------
class V1Answer(SdkResponse):
    """Any v1 answer: the whole JSON object as ``body``."""

    openapi_types = {"body": "object"}
    attribute_map = {"body": "body"}

    def __init__(self, body: Any = None) -> None:
        super().__init__()
        self.body = body


class ModelArtsV1(Client):
    def __init__(self) -> None:
        super().__init__()
        self.model_package = sys.modules[__name__]  # where the SDK finds V1Answer by name

    def call(self, method: str, path: str, query: dict[str, Any] | None = None, body: Any = None) -> dict[str, Any]:
        answer = self.do_http_request(
            method=method,
            resource_path="/v1/{project_id}" + path,  # the SDK fills in the project id
            path_params={},
            query_params=list((query or {}).items()),
            header_params={"Content-Type": "application/json"},
            body=body,
            response_type="V1Answer",
            response_headers=[],
        )
        return answer.body  # type: ignore[no-any-return]


def build_client() -> ModelArtsV1:
    credentials = BasicCredentials(AK, SK)  # no project id: the SDK asks IAM for the region's
    return ClientBuilder(ModelArtsV1).with_credentials(credentials).with_region(Region(REGION, ENDPOINT)).build()


# --- the program ----------------------------------------------------------------------------------
CONFIG = {
    "worker_server_num": 1,
    "app_url": "/my-bucket/code/",
    "boot_file_url": "/my-bucket/code/train.py",
    "data_url": "/my-bucket/data/",
    "train_url": "/my-bucket/output/",
    "engine_id": 1,
}


def cheapest_cpu_flavor(client: ModelArtsV1) -> int:
    specs = client.call("GET", "/job/resource-specs", {"job_type": "train", "engine_id": 0})["specs"]
    return min((s for s in specs if not s["gpu_num"]), key=lambda s: int(s["core"]))["spec_id"]  # type: ignore[no-any-return]


def poll_version(client: ModelArtsV1, job: dict[str, Any], until) -> list[int]:
    seen: list[int] = []
    for _ in range(MAX_POLLS):
        status = client.call("GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}")["status"]
        seen.append(status)
        if until(status):
            return seen
    raise AssertionError(f"the version never reached the status wanted: {seen}")


@pytest.fixture
def m():
    with mock_ext() as handle:
        handle.backend("modelarts", region=REGION).register_access_key(AK, SK)
        yield handle


@pytest.fixture
def client(m):
    built = build_client()
    yield built
    built.close()


def test_the_sdk_found_the_project_through_iam(client, m):
    project_id = client.get_credentials().project_id
    assert project_id and m.backend("modelarts", account_id=project_id, region=REGION).jobs == {}


def test_train_poll_until_running_stop_wait_list_delete(client):
    spec_id = cheapest_cpu_flavor(client)
    job = client.call(
        "POST",
        "/training-jobs",
        body={"job_name": "sdk-mnist", "job_desc": "from the SDK", "config": {**CONFIG, "spec_id": spec_id}},
    )
    assert job["is_success"] is True and job["status"] == 1 and job["version_name"] == "V0001"

    assert poll_version(client, job, lambda s: s == RUNNING) == [7, RUNNING]
    assert client.call("POST", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}/stop") == {
        "is_success": True
    }
    assert poll_version(client, job, lambda s: s in ENDED) == [KILLED]

    logs = client.call("GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}/log/file-names")
    assert logs["log_file_list"] == ["job.0"]
    log = client.call(
        "GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}/aom-log", {"log_file": "job.0"}
    )
    assert "training killed" in log["content"]

    versions = client.call("GET", f"/training-jobs/{job['job_id']}/versions")
    [version] = versions["versions"]
    assert version["gpu"] is False and json.loads(version["system_metric_list"]) == {
        "cpuUsage": [],
        "memUsage": [],
        "gpuUtil": [],
    }
    details = client.call("GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}")
    assert details["dataset_name"] == "" and details["dataset_version_name"] == ""
    assert isinstance(details["system_metric_list"], dict)

    listed = client.call("GET", "/training-jobs")
    assert [(j["job_name"], j["status"]) for j in listed["jobs"]] == [("sdk-mnist", KILLED)]
    assert client.call("DELETE", f"/training-jobs/{job['job_id']}") == {"is_success": True}
    assert client.call("GET", "/training-jobs")["job_total_count"] == 0


def test_train_until_completed_on_a_gpu(client):
    job = client.call("POST", "/training-jobs", body={"job_name": "sdk-gpu", "config": {**CONFIG, "spec_id": 4}})
    assert poll_version(client, job, lambda s: s in ENDED) == [7, RUNNING, COMPLETED]
    [version] = client.call("GET", f"/training-jobs/{job['job_id']}/versions")["versions"]
    assert version["gpu"] is True and version["gpu_type"] == "P100"
    client.call("DELETE", f"/training-jobs/{job['job_id']}")


def test_a_modelarts_error_reaches_the_sdk_as_status_and_body(client):
    job = client.call("POST", "/training-jobs", body={"job_name": "too-early", "config": {**CONFIG, "spec_id": 2}})
    with pytest.raises(ClientRequestException) as refused:
        client.call("POST", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}/stop")
    # the v1 envelope says error_message, not the error_msg the SDK reads: it keeps the status and body
    assert refused.value.status_code == 400 and refused.value.error_code == "400"
    assert json.loads(refused.value.error_msg) == {
        "is_success": False,
        "error_code": "ModelArts.0105",
        "error_message": "This job can't be stop. job status: 1",
    }
    assert refused.value.request_id


def test_an_unknown_path_is_the_gateway_answer_the_sdk_parses(client):
    with pytest.raises(ClientRequestException) as missing:
        client.call("GET", "/no-such-api")
    assert (missing.value.status_code, missing.value.error_code) == (404, "APIG.0101")
    assert missing.value.error_msg.startswith("The API does not exist or has not been published in the environment.")
    assert missing.value.request_id and len(missing.value.request_id) == 32


def test_a_wrong_secret_key_is_the_gateway_401(m):
    wrong = (
        ClientBuilder(ModelArtsV1)
        .with_credentials(BasicCredentials(AK, "not-the-secret", project_id="0" * 32))
        .with_endpoint(ENDPOINT)
        .build()
    )
    with pytest.raises(ClientRequestException) as denied:
        wrong.call("GET", "/training-jobs")
    assert (denied.value.status_code, denied.value.error_code) == (401, "APIG.0301")
    assert denied.value.error_msg.startswith("Incorrect IAM authentication information")
