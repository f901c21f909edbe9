"""Whole ModelArts v1 training programs through otcextensions 0.34.8 (on openstacksdk 4.22): password
login against the mocked IAM, catalogue look-ups, create a training job, poll until it runs, stop it
and wait for the end, list, delete -- asserting what the program's user sees.

Version calls go through the proxy's raw adapter where otcextensions's own version methods fail
before sending (a bug of that release, shown against the real service too: see the README).
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import openstack
import pytest
from openstack import exceptions
from otcextensions import sdk

from moto_ext import mock_ext
from moto_ext.modelarts.models import DEFAULT_PROJECT_ID

logger = logging.getLogger(__name__)

RUNNING, COMPLETED, KILLED = 8, 10, 12
ENDED = {3, 5, COMPLETED, 11, KILLED, 13, 14, 16, 17, 21}
MAX_POLLS = 20  # the mock never needs more than a few polls under its default progression


# --- the program ----------------------------------------------------------------------------------
def connect() -> openstack.connection.Connection:
    conn = openstack.connect(
        auth_url="https://iam.eu-de.otc.t-systems.com/v3",
        username="trainer",
        password="secret",
        project_name="eu-de",
        user_domain_name="OTC-EU-DE-00000000001000000001",
        region_name="eu-de",
        load_yaml_config=False,
        load_envvars=False,
    )
    sdk.register_otc_extensions(conn)
    return conn


def pick_resources(ma) -> tuple[int, int]:
    """The smallest CPU flavor and the TensorFlow engine, as a program would choose them."""
    flavors = [f for f in ma.job_flavors(job_type="train", engine_id=0) if not f.gpu_num]
    engines = [e for e in ma.job_engines(job_type="train") if e.engine_name == "TensorFlow"]
    logger.info("flavor %s, engine %s", flavors[0].spec_code, engines[0].engine_version)
    return flavors[0].spec_id, engines[0].engine_id


def create_job(ma, name: str, spec_id: int, engine_id: int, workspace_id: str | None = None):
    config = {
        "worker_server_num": 1,
        "app_url": "/my-bucket/code/",
        "boot_file_url": "/my-bucket/code/train.py",
        "data_url": "/my-bucket/data/",
        "train_url": "/my-bucket/output/",
        "spec_id": spec_id,
        "engine_id": engine_id,
        "parameter": [{"label": "epochs", "value": "3"}],
    }
    attrs = {"job_name": name, "job_description": "trained by the program", "config": config}
    if workspace_id is not None:
        attrs["workspace_id"] = workspace_id
    job = ma.create_training_job(**attrs)
    logger.info("created job %s version %s status %s", job.job_id, job.version_id, job.status)
    return job


def poll_job(ma, name: str, until) -> list[int]:
    """The statuses the job list reports for ``name``, polled until ``until(status)``."""
    seen: list[int] = []
    for _ in range(MAX_POLLS):
        [job] = [j for j in ma.training_jobs(search_content=name) if j.job_name == name]
        seen.append(job.status)
        if until(job.status):
            return seen
    raise AssertionError(f"{name} never reached the status wanted: {seen}")


def stop_version(ma, job_id: int, version_id: int) -> dict:
    answer = ma.post(f"/training-jobs/{job_id}/versions/{version_id}/stop")
    exceptions.raise_from_response(answer)
    return answer.json()


def version_details(ma, job_id: int, version_id: int) -> dict:
    answer = ma.get(f"/training-jobs/{job_id}/versions/{version_id}")
    exceptions.raise_from_response(answer)
    return answer.json()


# --- the tests ------------------------------------------------------------------------------------
@pytest.fixture
def ma():
    with mock_ext():
        conn = connect()
        yield conn.modelartsv1  # type: ignore[attr-defined]  # added by register_otc_extensions
        conn.close()


@pytest.fixture
def sent(ma):
    """(method, query string) of each request the ModelArts mock answers from now on."""
    from moto.core.models import responses_mock

    from moto_ext.modelarts import responses as modelarts

    seen: list[tuple[str, str]] = []

    def spy(request):
        seen.append((request.method, urlsplit(request.url).query))
        return modelarts.callback(request)

    for registered in responses_mock.registered():
        if getattr(registered, "callback", None) is modelarts.callback:
            registered.callback = spy  # type: ignore[attr-defined]
    return seen


def test_train_poll_until_running_stop_wait_list_delete(ma):
    spec_id, engine_id = pick_resources(ma)
    job = create_job(ma, "mnist-train", spec_id, engine_id)
    assert job.status == 1 and job.version_name == "V0001"

    assert poll_job(ma, "mnist-train", lambda s: s == RUNNING) == [7, RUNNING]
    assert stop_version(ma, job.job_id, job.version_id) == {"is_success": True}
    assert poll_job(ma, "mnist-train", lambda s: s in ENDED) == [KILLED]

    details = version_details(ma, job.job_id, job.version_id)
    assert details["status"] == KILLED and details["duration"] >= 0 and details["start_time"]
    assert details["parameter"] == [{"label": "epochs", "value": "3"}]
    assert (details["dataset_name"], details["dataset_version_name"]) == ("", "")

    [version] = list(ma.training_job_versions(job.job_id))
    assert (version.version_id, version.status, version.spec_code) == (job.version_id, KILLED, "modelarts.vm.cpu.2u")
    assert version.gpu_num == 0
    raw = ma.get(f"/training-jobs/{job.job_id}/versions").json()["versions"][0]
    assert raw["gpu"] is False and json.loads(raw["system_metric_list"])["cpuUsage"] == []

    [listed] = list(ma.training_jobs())
    assert (listed.job_name, listed.status, listed.version_count) == ("mnist-train", KILLED, 1)
    ma.delete_training_job(job.job_id)
    assert list(ma.training_jobs()) == []


def test_train_until_completed_then_a_second_version(ma):
    spec_id, engine_id = pick_resources(ma)
    job = create_job(ma, "resnet", spec_id, engine_id)
    assert poll_job(ma, "resnet", lambda s: s in ENDED) == [7, RUNNING, COMPLETED]
    second = ma.post(
        f"/training-jobs/{job.job_id}/versions",
        json={
            "job_desc": "more epochs",
            "config": {
                "train_url": "/my-bucket/v2/",
                "pre_version_id": job.version_id,
                "parameter": [{"label": "epochs", "value": "10"}],
            },
        },
    ).json()
    assert second["version_name"] == "V0002" and second["status"] == 1
    versions = list(ma.training_job_versions(job.job_id))
    assert [v.version_name for v in versions] == ["V0002", "V0001"]
    assert poll_job(ma, "resnet", lambda s: s in ENDED) == [RUNNING, COMPLETED]
    ma.delete_training_job(job.job_id)
    assert list(ma.training_jobs()) == []


def test_version_methods_fail_before_any_request(ma, sent):
    spec_id, engine_id = pick_resources(ma)
    job = create_job(ma, "buggy-client", spec_id, engine_id)
    sent.clear()
    for call in (ma.get_training_job_version, ma.stop_training_job_version, ma.delete_training_job_version):
        with pytest.raises(KeyError, match="job_id"):
            call(job.job_id, job.version_id)
    assert sent == []  # nothing reached the service


def test_jobs_of_another_workspace_are_listed_only_when_asked(ma):
    spec_id, engine_id = pick_resources(ma)
    create_job(ma, "team-job", spec_id, engine_id, workspace_id="ws-team")
    create_job(ma, "default-job", spec_id, engine_id)
    assert [j.job_name for j in ma.training_jobs()] == ["default-job"]  # workspace_id defaults to "0"
    assert [j.job_name for j in ma.training_jobs(workspace_id="ws-team")] == ["team-job"]


def test_paging_as_openstacksdk_does_it(ma, sent):
    spec_id, engine_id = pick_resources(ma)
    names = [f"job-{n:02d}" for n in range(12)]
    for name in names:
        create_job(ma, name, spec_id, engine_id)
    sent.clear()
    # limit: one request with per_page, the first page only
    assert [j.job_name for j in ma.training_jobs(limit=5)] == names[:5]
    assert [query for _, query in sent] == ["per_page=5"]
    sent.clear()
    # limit and offset (page): the program pages itself
    assert [j.job_name for j in ma.training_jobs(limit=5, offset=3)] == names[10:]
    # max_items: `limit` and `marker` are not v1 list parameters, so every request answers the
    # first page (10 jobs), until openstacksdk sees the same marker twice
    last_of_first_page = ma_job_id(ma, "job-09")
    sent.clear()
    with pytest.raises(exceptions.SDKException, match="Endless pagination loop"):
        list(ma.training_jobs(max_items=30))
    assert [query.split("&")[0] for _, query in sent] == ["limit=30", f"marker={last_of_first_page}"]


def test_catalogue_defaults_as_documented(ma):
    flavors = list(ma.job_flavors(engine_id=0))  # 0: the documented default, no engine
    assert len(flavors) == 4
    with pytest.raises(exceptions.BadRequestException) as unknown:
        list(ma.job_flavors(engine_id=999))
    assert unknown.value.response is not None
    assert unknown.value.response.json()["error_code"] == "ModelArts.2780"
    # built-in algorithms: sorted by engine, descending, unless told
    assert [m.model_name for m in ma.builtin_models()] == ["ResNet_v1_50", "YOLOv3_Darknet53"]
    assert [m.model_name for m in ma.builtin_models(order="asc")] == ["YOLOv3_Darknet53", "ResNet_v1_50"]
    assert [m.model_name for m in ma.builtin_models(sort_by="model_precision")] == ["YOLOv3_Darknet53", "ResNet_v1_50"]
    assert [m.model_name for m in ma.builtin_models(sort_by="parameter", order="asc")] == [
        "ResNet_v1_50",
        "YOLOv3_Darknet53",
    ]


def test_visualization_jobs_listed_by_job_id(ma):
    for name in ("tb-b", "tb-a"):
        ma.create_visualization_job(job_name=name, train_url="/my-bucket/output/")
    assert [v.job_name for v in ma.visualization_jobs()] == ["tb-b", "tb-a"]
    assert [v.job_name for v in ma.visualization_jobs(order="desc")] == ["tb-a", "tb-b"]


def test_an_unknown_path_is_the_gateway_answer(ma):
    answer = ma.get("/no-such-api")
    assert answer.status_code == 404
    body = answer.json()
    assert body["error_code"] == "APIG.0101" and body["request_id"] == answer.headers["X-Request-Id"]
    with pytest.raises(exceptions.NotFoundException):
        exceptions.raise_from_response(answer)


def ma_job_id(ma, name: str) -> int:
    return next(j.job_id for j in ma.training_jobs(search_content=name) if j.job_name == name)


def test_the_connection_reaches_the_default_project(ma):
    assert ma.get_endpoint() == f"https://modelarts.eu-de.otc.t-systems.com/v1/{DEFAULT_PROJECT_ID}"
