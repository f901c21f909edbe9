"""Where requests are caught: every host form and region, unknown paths and methods, coexistence
with moto's and a user's ``responses`` mocks, fault injection, and a walk over every operation."""

import re
from collections.abc import Callable

import boto3
import pytest
import requests
import responses
from moto import mock_aws
from moto.core.models import responses_mock

from moto_ext import mock_ext
from moto_ext.core import registry
from moto_ext.modelarts.models import DEFAULT_PROJECT_ID
from moto_ext.modelarts.urls import OPERATIONS

from .conftest import CONFIG, VERSION_FIELDS, ModelArts, snapshot

BASE = f"https://modelarts.eu-de.otc.t-systems.com/v1/{DEFAULT_PROJECT_ID}"


def ours(response: requests.Response) -> dict:
    assert response.headers["Content-Type"] == "application/json"
    return response.json()


@pytest.mark.parametrize(
    "region, cloud",
    [
        ("eu-de", "otc.t-systems.com"),
        ("eu-nl", "otc.t-systems.com"),
        ("eu-ch2", "otc.t-systems.com"),
        ("cn-north-4", "myhuaweicloud.com"),
        ("ap-southeast-1", "myhuaweicloud.cn"),
        ("xx-brandnew-7", "myhuaweicloud.com"),  # regions the mock has never heard of work too
    ],
)
def test_every_region_and_host_form(moto_ext_mock, region, cloud):
    client = ModelArts(moto_ext_mock, region=region, cloud=cloud)
    job = client.create_job(f"in-{region}")
    assert [j["job_id"] for j in client.ok("GET", "/training-jobs")["jobs"]] == [job["job_id"]]
    assert list(moto_ext_mock.backend("modelarts", region=region).jobs) == [job["job_id"]]


def test_explicit_port_and_trailing_slash(ma):
    url = f"https://modelarts.eu-de.otc.t-systems.com:443/v1/{DEFAULT_PROJECT_ID}/training-jobs/"
    assert ma.session.get(url).json()["is_success"] is True


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/nope"),
        ("GET", "/training-jobs/1/versions/2/unknown"),
        ("POST", "/models"),  # a real v1 API outside the training surface
        ("GET", ""),
    ],
)
def test_unknown_paths_are_404_in_the_gateway_envelope(ma, method, path):
    before = snapshot(ma.backend)
    response = ma.call(method, path)
    assert response.status_code == 404
    body = ours(response)
    assert set(body) == {"error_code", "error_msg", "request_id"}  # the API gateway answers, not ModelArts
    assert body["error_code"] == "APIG.0101" and re.fullmatch(r"[0-9a-f]{32}", body["request_id"])
    assert body["error_msg"].startswith("The API does not exist or has not been published in the environment.")
    assert "moto_ext serves the ModelArts v1 training API" in body["error_msg"]
    assert snapshot(ma.backend) == before


@pytest.mark.parametrize(
    "url",
    [
        f"https://modelarts.eu-de.otc.t-systems.com/v2/{DEFAULT_PROJECT_ID}/training-jobs",
        "https://modelarts.eu-de.otc.t-systems.com/",
    ],
)
def test_paths_outside_v1_are_404(ma, url):
    response = ma.session.get(url)
    assert response.status_code == 404 and ours(response)["error_code"] == "APIG.0101"


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/training-jobs/1"),
        ("PATCH", "/training-jobs"),
        ("DELETE", "/training-jobs"),
        ("HEAD", "/job/ai-engines"),
        ("OPTIONS", "/visualization-jobs"),
        ("PUT", "/training-jobs/1/versions/2/stop"),
    ],
)
def test_unknown_methods_are_405(ma, method, path):
    response = ma.call(method, path)
    assert response.status_code == 405
    if method != "HEAD":
        assert ours(response)["error_code"] == "ModelArts.2803"


def test_exotic_methods_never_reach_the_network(ma):
    """``responses`` matches by method; a verb no callback is registered for is refused here."""
    for url in (f"{BASE}/training-jobs", "https://iam.eu-de.otc.t-systems.com/v3"):
        with pytest.raises(requests.ConnectionError, match="never sent to the network"):
            ma.session.request("PROPFIND", url)
    assert ma.call("TRACE", "/training-jobs").status_code == 405


def test_the_passthrough_guard_leaves_with_the_mock():
    original = responses_mock._real_send
    with mock_ext():
        assert responses_mock._real_send is not original
    assert responses_mock._real_send is original


def test_unknown_paths_are_answered_before_authentication(moto_ext_mock):
    assert requests.get(f"{BASE}/nope").status_code == 404
    assert requests.get(f"{BASE}/training-jobs").status_code == 401


def test_beside_moto_services(ma):
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="training-data")
    s3.put_object(Bucket="training-data", Key="data/x.csv", Body=b"1,2")
    job = ma.create_job("with-s3", data_url="s3://training-data/data/")
    assert ma.status(job) == 7
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="training-data")["Contents"]] == ["data/x.csv"]


def test_inside_a_plain_mock_aws_and_nested_mocks():
    with mock_aws(), mock_ext() as outer:
        client = ModelArts(outer)
        client.create_job("outer")
        with mock_ext():
            assert client.ok("GET", "/training-jobs")["job_total_count"] == 1
        # the inner mock's end leaves the outer one's callbacks in place
        assert client.ok("GET", "/training-jobs")["job_total_count"] == 1
    assert not [r for r in responses_mock.registered() if "modelarts" in str(getattr(r.url, "pattern", r.url))]


def test_callbacks_leave_with_the_mock():
    with mock_ext():
        assert any("modelarts" in str(getattr(r.url, "pattern", "")) for r in responses_mock.registered())
    assert not any("modelarts" in str(getattr(r.url, "pattern", "")) for r in responses_mock.registered())


@responses.activate
def test_beside_a_users_responses_activate_started_first():
    responses.add(responses.GET, "https://example.com/health", json={"ok": True})
    # a URL the user mocks by hand wins over moto_ext's answer
    responses.add(responses.GET, f"{BASE}/job/ai-engines", json={"is_success": True, "engines": []})
    with mock_ext() as m:
        client = ModelArts(m)
        assert requests.get("https://example.com/health").json() == {"ok": True}
        assert client.ok("GET", "/job/ai-engines")["engines"] == []
        assert client.create_job("beside-responses")["job_name"] == "beside-responses"


def test_a_users_responses_started_inside_takes_over_requests(moto_ext_mock):
    """A limit of ``responses``: the mock started last patches requests alone, so ModelArts calls
    made under a user's ``responses`` mock started inside ``mock_ext`` get its ConnectionError
    (never the network). Start ``responses`` first, or use ``responses.add_callback`` yourself."""
    with responses.RequestsMock() as user_mock:
        user_mock.add(responses.GET, "https://example.com/x", body="user")
        assert requests.get("https://example.com/x").text == "user"
        with pytest.raises(requests.ConnectionError, match="Connection refused by Responses"):
            requests.get(f"{BASE}/training-jobs")
    assert requests.get(f"{BASE}/training-jobs").status_code == 401  # ours again


# --- faults -----------------------------------------------------------------------------------
def test_injected_throttling_and_internal_errors(ma, moto_ext_mock):
    moto_ext_mock.set_progression("modelarts.training_version", "manual", times=1000)
    job = ma.create_job("faulty")
    moto_ext_mock.set_status(job["version_id"], 8)
    moto_ext_mock.inject_fault("modelarts", "StopTrainingJobVersion", "ModelArts.2799", count=1)
    stop = f"/training-jobs/{job['job_id']}/versions/{job['version_id']}/stop"
    ma.fails("POST", stop, 429, "ModelArts.2799")
    assert ma.status(job) == 8  # unchanged
    ma.ok("POST", stop)
    moto_ext_mock.inject_fault("modelarts", "ListTrainingJobs", "ModelArts.0010", message="boom")
    assert ma.fails("GET", "/training-jobs", 500, "ModelArts.0010")["error_message"] == "boom"
    moto_ext_mock.inject_fault("modelarts", "CreateTrainingJob", "APIG.0301", count=1)
    response = ma.call("POST", "/training-jobs", json={"job_name": "x", "config": CONFIG})
    assert response.status_code == 401 and response.json()["error_code"] == "APIG.0301"
    ma.create_job("after-fault")


def test_fault_injection_knows_the_operations_and_their_errors(moto_ext_mock):
    with pytest.raises(ValueError, match="no operation"):
        moto_ext_mock.inject_fault("modelarts", "StopTheWorld", "ModelArts.2799")
    with pytest.raises(ValueError, match="not a modeled error"):
        moto_ext_mock.inject_fault("modelarts", "ListJobEngines", "ModelArts.0105")


def test_faults_end_with_the_mock():
    with mock_ext() as m:
        m.inject_fault("modelarts", "ListJobEngines", "ModelArts.2799")
        assert ModelArts(m).call("GET", "/job/ai-engines").status_code == 429
    with mock_ext() as m:
        assert ModelArts(m).call("GET", "/job/ai-engines").status_code == 200


# --- every operation ----------------------------------------------------------------------------
#: each operation's response members as the v1 reference lists them (besides is_success)
DOCUMENTED_FIELDS = {
    "CreateTrainingJob": {"job_id", "job_name", "status", "create_time", "version_id", "version_name", "resource_id"},
    "ListTrainingJobs": {"job_total_count", "job_count_limit", "quotas", "jobs"},
    "UpdateTrainingJob": set(),
    "DeleteTrainingJob": set(),
    "CreateTrainingJobVersion": {"job_id", "job_name", "status", "create_time", "version_id", "version_name"},
    "ListTrainingJobVersions": {"job_id", "job_name", "job_desc", "version_count", "versions"},
    "GetTrainingJobVersion": VERSION_FIELDS,
    "DeleteTrainingJobVersion": set(),
    "StopTrainingJobVersion": set(),
    "ListTrainingJobLogFileNames": {"log_file_list"},
    "GetTrainingJobLogs": {"content", "lines", "start_line", "end_line"},
    "CreateTrainingJobConfig": {"config_name", "create_time"},
    "ListTrainingJobConfigs": {"config_total_count", "configs"},
    "GetTrainingJobConfig": {
        "config_name",
        "config_desc",
        "create_time",
        "worker_server_num",
        "spec_id",
        "engine_id",
        "engine_name",
    },
    "UpdateTrainingJobConfig": set(),
    "DeleteTrainingJobConfig": set(),
    "ListJobFlavors": {"spec_total_count", "specs"},
    "ListJobEngines": {"engines"},
    "ListBuiltinAlgorithms": {"model_total_count", "models"},
    "CreateVisualizationJob": {"job_id", "job_name", "status", "create_time"},
    "ListVisualizationJobs": {"job_total_count", "job_count_limit", "quotas", "jobs"},
    "GetVisualizationJob": {
        "job_id",
        "job_name",
        "status",
        "create_time",
        "duration",
        "job_desc",
        "service_url",
        "train_url",
        "remaining_duration",
    },
    "UpdateVisualizationJob": set(),
    "DeleteVisualizationJob": set(),
    "StopVisualizationJob": set(),
    "RestartVisualizationJob": set(),
}


def _walk_resources(ma, moto_ext_mock):
    """A job with two versions, a configuration and a visualization job; no status moves by itself."""
    moto_ext_mock.set_progression("modelarts.training_version", "manual", times=1000)
    moto_ext_mock.set_progression("modelarts.visualization_job", "manual", times=1000)
    job = ma.create_job("walk")
    j, v = job["job_id"], job["version_id"]
    second = ma.ok("POST", f"/training-jobs/{j}/versions", json={"config": {"train_url": "/o/", "pre_version_id": v}})
    ma.ok("POST", "/training-job-configs", json={"config_name": "walk-config", **CONFIG})
    vis = ma.ok("POST", "/visualization-jobs", json={"job_name": "walk-vis", "train_url": "/o/"})
    return {"j": j, "v": v, "v2": second["version_id"], "vis": vis["job_id"]}


#: operation -> (statuses to force first, method, path, request keyword arguments), from the resources' ids
WALK: dict[str, tuple[Callable[[dict], list], str, str, Callable[[dict], dict]]] = {
    "CreateTrainingJob": (
        lambda r: [],
        "POST",
        "/training-jobs",
        lambda r: {"json": {"job_name": "walk-2", "config": CONFIG}},
    ),
    "ListTrainingJobs": (lambda r: [], "GET", "/training-jobs", lambda r: {}),
    "UpdateTrainingJob": (lambda r: [], "PUT", "/training-jobs/{j}", lambda r: {"json": {"job_desc": "walked"}}),
    "DeleteTrainingJob": (lambda r: [(r["v"], 12), (r["v2"], 10)], "DELETE", "/training-jobs/{j}", lambda r: {}),
    "CreateTrainingJobVersion": (
        lambda r: [],
        "POST",
        "/training-jobs/{j}/versions",
        lambda r: {"json": {"config": {"train_url": "/o/", "pre_version_id": r["v"]}}},
    ),
    "ListTrainingJobVersions": (lambda r: [], "GET", "/training-jobs/{j}/versions", lambda r: {}),
    "GetTrainingJobVersion": (lambda r: [], "GET", "/training-jobs/{j}/versions/{v}", lambda r: {}),
    "DeleteTrainingJobVersion": (lambda r: [(r["v2"], 10)], "DELETE", "/training-jobs/{j}/versions/{v2}", lambda r: {}),
    "StopTrainingJobVersion": (lambda r: [(r["v"], 8)], "POST", "/training-jobs/{j}/versions/{v}/stop", lambda r: {}),
    "ListTrainingJobLogFileNames": (
        lambda r: [(r["v"], 8)],
        "GET",
        "/training-jobs/{j}/versions/{v}/log/file-names",
        lambda r: {},
    ),
    "GetTrainingJobLogs": (
        lambda r: [(r["v"], 8)],
        "GET",
        "/training-jobs/{j}/versions/{v}/aom-log",
        lambda r: {"params": {"log_file": "job.0"}},
    ),
    "CreateTrainingJobConfig": (
        lambda r: [],
        "POST",
        "/training-job-configs",
        lambda r: {"json": {"config_name": "walk-2", **CONFIG}},
    ),
    "ListTrainingJobConfigs": (lambda r: [], "GET", "/training-job-configs", lambda r: {}),
    "GetTrainingJobConfig": (lambda r: [], "GET", "/training-job-configs/walk-config", lambda r: {}),
    "UpdateTrainingJobConfig": (
        lambda r: [],
        "PUT",
        "/training-job-configs/walk-config",
        lambda r: {"json": {"config_desc": "d"}},
    ),
    "DeleteTrainingJobConfig": (lambda r: [], "DELETE", "/training-job-configs/walk-config", lambda r: {}),
    "ListJobFlavors": (lambda r: [], "GET", "/job/resource-specs", lambda r: {}),
    "ListJobEngines": (lambda r: [], "GET", "/job/ai-engines", lambda r: {}),
    "ListBuiltinAlgorithms": (lambda r: [], "GET", "/built-in-algorithms", lambda r: {}),
    "CreateVisualizationJob": (
        lambda r: [],
        "POST",
        "/visualization-jobs",
        lambda r: {"json": {"job_name": "walk-vis-2", "train_url": "/o/"}},
    ),
    "ListVisualizationJobs": (lambda r: [], "GET", "/visualization-jobs", lambda r: {}),
    "GetVisualizationJob": (lambda r: [], "GET", "/visualization-jobs/{vis}", lambda r: {}),
    "UpdateVisualizationJob": (lambda r: [], "PUT", "/visualization-jobs/{vis}", lambda r: {"json": {"job_desc": "d"}}),
    "DeleteVisualizationJob": (lambda r: [(r["vis"], 8)], "DELETE", "/visualization-jobs/{vis}", lambda r: {}),
    "StopVisualizationJob": (lambda r: [(r["vis"], 8)], "POST", "/visualization-jobs/{vis}/stop", lambda r: {}),
    "RestartVisualizationJob": (lambda r: [(r["vis"], 12)], "POST", "/visualization-jobs/{vis}/restart", lambda r: {}),
}


def test_the_walk_covers_every_operation():
    assert set(WALK) == set(OPERATIONS) == set(DOCUMENTED_FIELDS) == set(registry.get("modelarts").operations())
    assert all(re.fullmatch(r"[A-Z][A-Za-z]+", op) for op in OPERATIONS)


@pytest.mark.parametrize("operation", registry.get("modelarts").operations())
def test_walk_every_operation(ma, moto_ext_mock, operation):
    resources = _walk_resources(ma, moto_ext_mock)
    statuses, method, path, kwargs = WALK[operation]
    for resource_id, status in statuses(resources):
        moto_ext_mock.set_status(resource_id, status)
    body = ma.ok(method, path.format(**resources), **kwargs(resources))
    assert DOCUMENTED_FIELDS[operation] <= set(body), (operation, DOCUMENTED_FIELDS[operation] - set(body))


def test_a_url_moto_is_told_to_pass_through_is_not_answered(ma, monkeypatch):
    from moto.core.config import default_user_config

    assert ma.call("GET", "/training-jobs").status_code == 200
    core = dict(default_user_config.get("core", {}), passthrough={"urls": [r"https://modelarts\..*"]})
    monkeypatch.setitem(default_user_config, "core", core)
    # moto passes it through; the network guard then refuses to send it
    with pytest.raises(requests.ConnectionError, match="never sent to the network"):
        ma.call("GET", "/training-jobs")
    monkeypatch.undo()
    assert ma.call("GET", "/training-jobs").status_code == 200
