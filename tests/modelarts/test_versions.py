"""Versions: lifecycle, stop (the seed), create with pre_version_id, details, list, delete, logs."""

import time

import pytest

from .conftest import VERSION_FIELDS

KIND = "modelarts.training_version"


def version_path(job, version_id=None):
    return f"/training-jobs/{job['job_id']}/versions/{version_id or job['version_id']}"


def test_a_version_runs_init_waiting_running_completed(ma):
    job = ma.create_job("lifecycle")
    assert job["status"] == 1
    assert [ma.status(job) for _ in range(4)] == [7, 8, 10, 10]
    details = ma.ok("GET", version_path(job))
    assert details["start_time"] >= job["create_time"]
    assert details["duration"] >= 0
    assert ma.ok("GET", "/training-jobs")["jobs"][0]["status"] == 10


def test_listing_jobs_moves_the_latest_version_too(ma):
    job = ma.create_job("listed")
    statuses = [ma.ok("GET", "/training-jobs")["jobs"][0]["status"] for _ in range(3)]
    assert statuses == [7, 8, 10]
    assert ma.status(job) == 10


def test_failure_outcome(ma, moto_ext_mock):
    moto_ext_mock.set_outcome(KIND, 11)
    job = ma.create_job("fails")
    assert [ma.status(job) for _ in range(3)] == [7, 8, 11]


def test_manual_progression_and_duration(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=2)
    job = ma.create_job("slow")
    assert [ma.status(job) for _ in range(4)] == [1, 7, 7, 8]
    running = ma.ok("GET", version_path(job))
    assert running["start_time"] is not None
    assert running["status"] == 8


def test_stop_a_running_version(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    job = ma.create_job("to-stop")
    moto_ext_mock.set_status(job["version_id"], 8)
    assert ma.ok("POST", version_path(job) + "/stop") == {"is_success": True}
    assert ma.status(job) == 9  # KILLING
    moto_ext_mock.set_progression(KIND, "immediate")
    assert ma.status(job) == 12  # KILLED
    ended = ma.ok("GET", version_path(job))
    assert ended["duration"] >= 0 and ended["start_time"] is not None


@pytest.mark.parametrize("status", [s for s in range(22) if s != 8])
def test_stop_in_any_other_status_is_0105_and_changes_nothing(ma, moto_ext_mock, status):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    job = ma.create_job("not-running")
    moto_ext_mock.set_status(job["version_id"], status)
    body = ma.fails("POST", version_path(job) + "/stop", 400, "ModelArts.0105")
    assert body["error_message"] == f"This job can't be stop. job status: {status}"
    assert ma.status(job) == status


def test_stop_unknown_job_or_version(ma):
    job = ma.create_job("known")
    ma.fails("POST", f"/training-jobs/999999/versions/{job['version_id']}/stop", 400, "ModelArts.2775")
    ma.fails("POST", version_path(job, 999999) + "/stop", 400, "ModelArts.2775")
    ma.fails("POST", f"/training-jobs/{job['job_id']}/versions/abc/stop", 400, "ModelArts.2788")


def test_version_details_fields(ma):
    job = ma.create_job("details", desc="describe", parameter=[{"label": "lr", "value": "0.1"}])
    details = ma.ok("GET", version_path(job))
    assert set(details) >= VERSION_FIELDS, VERSION_FIELDS - set(details)
    assert details["engine_name"] == "TensorFlow" and details["spec_code"] == "modelarts.vm.cpu.2u"
    assert details["parameter"] == [{"label": "lr", "value": "0.1"}]
    assert isinstance(details["model_metric_list"], str)
    assert set(details["system_metric_list"]) >= {"cpuUsage", "memUsage", "gpuUtil"}
    assert details["resource_id"] == job["resource_id"]


def test_create_versions_chain(ma, moto_ext_mock):
    job = ma.create_job("chain", desc="first", spec_id=3, worker_server_num=4)
    second = ma.ok(
        "POST",
        f"/training-jobs/{job['job_id']}/versions",
        json={
            "job_desc": "second",
            "config": {
                "train_url": "/b/v2/",
                "pre_version_id": job["version_id"],
                "parameter": [{"label": "lr", "value": "1"}],
            },
        },
    )
    assert set(second) == {"is_success", "job_id", "job_name", "status", "create_time", "version_id", "version_name"}
    assert second["version_name"] == "V0002" and second["status"] == 1
    details = ma.ok("GET", version_path(job, second["version_id"]))
    assert details["pre_version_id"] == job["version_id"]
    assert details["spec_id"] == 3 and details["worker_server_num"] == 4  # inherited
    assert details["train_url"] == "/b/v2/" and details["job_desc"] == "second"
    third = ma.ok(
        "POST",
        f"/training-jobs/{job['job_id']}/versions",
        json={
            "config": {
                "train_url": "/b/v3/",
                "pre_version_id": second["version_id"],
                "dataset_id": "d",
                "dataset_version_id": "v",
            }
        },
    )
    assert third["version_name"] == "V0003"
    third_details = ma.ok("GET", version_path(job, third["version_id"]))
    assert third_details["data_url"] == "" and third_details["dataset_id"] == "d"
    listed = ma.ok("GET", f"/training-jobs/{job['job_id']}/versions")
    assert listed["version_count"] == 3 and listed["job_name"] == "chain"
    assert [v["version_name"] for v in listed["versions"]] == ["V0003", "V0002", "V0001"]
    summary = ma.ok("GET", "/training-jobs")["jobs"][0]
    assert summary["version_id"] == third["version_id"] and summary["version_count"] == 3


PRE = "the job's first version"


@pytest.mark.parametrize(
    "config, code",
    [
        ({"pre_version_id": PRE}, "ModelArts.2788"),  # no train_url
        ({"train_url": "/o/"}, "ModelArts.2788"),  # no pre_version_id
        ({"train_url": "/o/", "pre_version_id": "x"}, "ModelArts.2788"),
        ({"train_url": "/o/", "pre_version_id": 999999}, "ModelArts.2775"),
        ({"train_url": "/o/", "pre_version_id": PRE, "create_version": True}, "ModelArts.2788"),
        ({"train_url": "/o/", "pre_version_id": PRE, "spec_id": 999}, "ModelArts.2781"),
        ({"train_url": "/o/", "pre_version_id": PRE, "engine_id": 999}, "ModelArts.2780"),
        ({"train_url": "/o/", "pre_version_id": PRE, "pool_id": "p", "spec_id": 2}, "ModelArts.0107"),
        ({"train_url": "/o/", "pre_version_id": PRE, "worker_server_num": 3}, "ModelArts.0107"),
    ],
)
def test_create_version_errors(ma, config, code):
    job = ma.create_job("v-errors")
    config = {key: job["version_id"] if value == PRE else value for key, value in config.items()}
    ma.fails("POST", f"/training-jobs/{job['job_id']}/versions", 400, code, json={"config": config})


def test_create_version_body_errors(ma):
    job = ma.create_job("v-body")
    path = f"/training-jobs/{job['job_id']}/versions"
    ma.fails("POST", path, 400, "ModelArts.2787", data="not json")
    ma.fails("POST", path, 400, "ModelArts.2788", json={})
    ma.fails(
        "POST",
        path,
        400,
        "ModelArts.2788",
        json={"config": {"train_url": "/o/", "pre_version_id": job["version_id"]}, "x": 1},
    )
    ma.fails(
        "POST",
        path,
        400,
        "ModelArts.0104",
        json={"job_desc": "d" * 257, "config": {"train_url": "/o/", "pre_version_id": job["version_id"]}},
    )
    ma.fails(
        "POST",
        "/training-jobs/999999/versions",
        400,
        "ModelArts.2775",
        json={"config": {"train_url": "/o/", "pre_version_id": 1}},
    )


def test_list_versions_paging(ma):
    job = ma.create_job("paged")
    for index in range(4):
        ma.ok(
            "POST",
            f"/training-jobs/{job['job_id']}/versions",
            json={"config": {"train_url": f"/o{index}/", "pre_version_id": job["version_id"]}},
        )
    path = f"/training-jobs/{job['job_id']}/versions"
    assert len(ma.ok("GET", path)["versions"]) == 5  # page 0 (default): no paging
    page = ma.ok("GET", path, params={"per_page": 2, "page": 2})
    assert [v["version_name"] for v in page["versions"]] == ["V0003", "V0002"]
    assert page["version_count"] == 5
    ma.fails("GET", path, 400, "ModelArts.0101", params={"per_page": 1001})
    ma.fails("GET", path, 400, "ModelArts.0101", params={"page": -1})


def test_delete_version(ma, moto_ext_mock):
    job = ma.create_job("del-version")
    second = ma.ok(
        "POST",
        f"/training-jobs/{job['job_id']}/versions",
        json={"config": {"train_url": "/o/", "pre_version_id": job["version_id"]}},
    )
    body = ma.fails("DELETE", version_path(job, second["version_id"]), 400, "ModelArts.0105")
    assert body["error_message"] == "This job can't be delete. job status: 1"
    moto_ext_mock.set_status(second["version_id"], 8)  # running versions may be deleted (console rule)
    assert ma.ok("DELETE", version_path(job, second["version_id"])) == {"is_success": True}
    listed = ma.ok("GET", f"/training-jobs/{job['job_id']}/versions")
    assert [v["version_id"] for v in listed["versions"]] == [job["version_id"]]
    ma.fails("DELETE", version_path(job, second["version_id"]), 400, "ModelArts.2775")
    ma.fails("GET", version_path(job, second["version_id"]), 400, "ModelArts.2775")
    # a new version keeps counting: names are never reused
    moto_ext_mock.set_status(job["version_id"], 10)
    third = ma.ok(
        "POST",
        f"/training-jobs/{job['job_id']}/versions",
        json={"config": {"train_url": "/o/", "pre_version_id": job["version_id"]}},
    )
    assert third["version_name"] == "V0003"


@pytest.mark.parametrize(
    "status, allowed", [(8, True), (10, True), (11, True), (12, True), (13, True), (7, False), (9, False), (1, False)]
)
def test_delete_version_by_status(ma, moto_ext_mock, status, allowed):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    job = ma.create_job("by-status")
    moto_ext_mock.set_status(job["version_id"], status)
    if allowed:
        ma.ok("DELETE", version_path(job))
        assert ma.backend.jobs[job["job_id"]].versions == {}
    else:
        ma.fails("DELETE", version_path(job), 400, "ModelArts.0105")


def test_log_file_names_and_lines(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    job = ma.create_job("logs", worker_server_num=2)
    path = version_path(job)
    assert ma.ok("GET", path + "/log/file-names")["log_file_list"] == []
    ma.fails("GET", path + "/aom-log", 400, "ModelArts.2818", params={"log_file": "job.0"})
    moto_ext_mock.set_status(job["version_id"], 8)
    assert ma.ok("GET", path + "/log/file-names")["log_file_list"] == ["job.0", "job.1"]
    ma.backend.add_log_lines(job["job_id"], job["version_id"], [f"epoch {i}" for i in range(10)])
    latest = ma.ok("GET", path + "/aom-log", params={"log_file": "job.0", "lines": 3})
    assert latest["content"].splitlines() == ["epoch 7", "epoch 8", "epoch 9"]
    assert (latest["lines"], latest["start_line"], latest["end_line"]) == (3, "10", "12")
    after = ma.ok("GET", path + "/aom-log", params={"log_file": "job.0", "lines": 2, "base_line": "2", "order": "desc"})
    assert after["content"].splitlines() == ["epoch 0", "epoch 1"]
    before = ma.ok("GET", path + "/aom-log", params={"log_file": "job.0", "lines": 2, "base_line": "6", "order": "asc"})
    assert before["content"].splitlines() == ["epoch 1", "epoch 2"]
    whole = ma.ok("GET", path + "/aom-log", params={"log_file": "job.0"})
    assert whole["lines"] == 12 and "boot file: /bucket/code/train.py" in whole["content"]
    assert "epoch" not in ma.ok("GET", path + "/aom-log", params={"log_file": "job.1"})["content"]
    moto_ext_mock.set_status(job["version_id"], 10)
    assert ma.ok("GET", path + "/aom-log", params={"log_file": "job.0", "lines": 1})["content"].endswith(
        "return code: 0"
    )
    ma.fails("GET", path + "/aom-log", 400, "ModelArts.0101")  # no log_file
    ma.fails("GET", path + "/aom-log", 400, "ModelArts.0101", params={"log_file": "job.0", "lines": 501})
    ma.fails("GET", path + "/aom-log", 400, "ModelArts.0101", params={"log_file": "job.0", "order": "sideways"})
    ma.fails("GET", path + "/aom-log", 400, "ModelArts.2818", params={"log_file": "job.7"})
    ma.fails("GET", version_path(job, 999999) + "/log/file-names", 400, "ModelArts.2775")


def test_time_progression_and_a_growing_duration(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "time", seconds=0.2)
    job = ma.create_job("timed")
    assert ma.status(job) == 1
    time.sleep(0.25)
    assert ma.status(job) == 7
    time.sleep(0.65)  # several intervals: it runs and completes between two reads
    done = ma.ok("GET", version_path(job))
    assert done["status"] == 10 and done["start_time"] is not None and done["duration"] >= 0
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    running = ma.create_job("running")
    moto_ext_mock.set_status(running["version_id"], 8)
    first = ma.ok("GET", version_path(running))["duration"]
    time.sleep(0.02)
    assert ma.ok("GET", version_path(running))["duration"] >= first + 20
