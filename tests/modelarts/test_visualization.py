"""Visualization jobs: create, list, get, update, delete, stop, restart, and their lifecycle."""

import pytest

KIND = "modelarts.visualization_job"


def create(ma, name="vis-1", **fields):
    return ma.ok("POST", "/visualization-jobs", json={"job_name": name, "train_url": "/bucket/out/", **fields})


def test_create_and_run(ma):
    job = create(ma, job_desc="board", schedule={"type": "stop", "time_unit": "HOURS", "duration": 2})
    assert set(job) == {"is_success", "job_id", "job_name", "status", "create_time", "service_url"}
    assert job["status"] == 1
    path = f"/visualization-jobs/{job['job_id']}"
    assert [ma.ok("GET", path)["status"] for _ in range(3)] == [7, 8, 8]  # a visualization job serves until stopped
    details = ma.ok("GET", path)
    assert details["job_type"] == "TensorBoard" and details["flavor"] == {"code": "modelarts.vm.cpu.2u"}
    assert details["service_url"].startswith("https://")
    assert 0 < details["remaining_duration"] <= 2 * 3600 * 1000
    assert details["job_desc"] == "board" and details["train_url"] == "/bucket/out/"


def test_failure_outcome(ma, moto_ext_mock):
    moto_ext_mock.set_outcome(KIND, 11)
    job = create(ma)
    assert [ma.ok("GET", f"/visualization-jobs/{job['job_id']}")["status"] for _ in range(2)] == [7, 11]


def test_stop_and_restart(ma, moto_ext_mock):
    job = create(ma)
    path = f"/visualization-jobs/{job['job_id']}"
    body = ma.fails("POST", path + "/stop", 400, "ModelArts.0105")
    assert body["error_message"] == "This job can't be stop. job status: 1"
    ma.fails("POST", path + "/restart", 400, "ModelArts.0105")
    moto_ext_mock.set_status(job["job_id"], 8)
    ma.ok("POST", path + "/stop")
    assert ma.backend.visualization_jobs[job["job_id"]].lifecycle.status == 9  # KILLING until read
    assert ma.ok("GET", path)["status"] == 12
    assert ma.ok("GET", path)["service_url"] == ""
    ma.fails("POST", path + "/stop", 400, "ModelArts.0105")
    ma.ok("POST", path + "/restart")
    assert [ma.ok("GET", path)["status"] for _ in range(2)] == [7, 8]


def test_list_update_delete(ma, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    first = create(ma, "vis-b", job_desc="1")
    second = create(ma, "vis-a", job_type="MindInsight")
    listed = ma.ok("GET", "/visualization-jobs")
    assert [j["job_name"] for j in listed["jobs"]] == ["vis-b", "vis-a"]  # sortBy job_id, asc: the documented defaults
    assert listed["job_total_count"] == 2 and listed["quotas"] - listed["job_count_limit"] == 2
    assert [j["job_name"] for j in ma.ok("GET", "/visualization-jobs", params={"sortBy": "job_name"})["jobs"]] == [
        "vis-a",
        "vis-b",
    ]
    assert [
        j["job_name"] for j in ma.ok("GET", "/visualization-jobs", params={"order": "desc", "per_page": 1})["jobs"]
    ] == ["vis-a"]
    assert [
        j["job_name"]
        for j in ma.ok("GET", "/visualization-jobs", params={"sortBy": "job_name", "order": "desc", "per_page": 1})[
            "jobs"
        ]
    ] == ["vis-b"]
    moto_ext_mock.set_status(first["job_id"], 8)
    assert [j["job_name"] for j in ma.ok("GET", "/visualization-jobs", params={"status": 8})["jobs"]] == ["vis-b"]
    assert [j["job_name"] for j in ma.ok("GET", "/visualization-jobs", params={"search_content": "-A"})["jobs"]] == [
        "vis-a"
    ]
    ma.ok("PUT", f"/visualization-jobs/{first['job_id']}", json={"job_desc": "updated"})
    assert ma.ok("GET", f"/visualization-jobs/{first['job_id']}")["job_desc"] == "updated"
    ma.fails("DELETE", f"/visualization-jobs/{second['job_id']}", 400, "ModelArts.0105")
    ma.ok("DELETE", f"/visualization-jobs/{first['job_id']}")
    assert [j["job_name"] for j in ma.ok("GET", "/visualization-jobs")["jobs"]] == ["vis-a"]
    ma.fails("GET", f"/visualization-jobs/{first['job_id']}", 400, "ModelArts.2775")


@pytest.mark.parametrize(
    "body, code",
    [
        ({"job_name": "a" * 21, "train_url": "/o/"}, "ModelArts.0104"),
        ({"job_name": "%%123", "train_url": "/o/"}, "ModelArts.0104"),
        ({"job_name": "ok", "train_url": "/o/", "job_desc": "d" * 257}, "ModelArts.0104"),
        ({"job_name": "ok"}, "ModelArts.2788"),
        ({"job_name": "ok", "train_url": 1}, "ModelArts.2788"),
        ({"job_name": "ok", "train_url": "/o/", "job_type": "Visdom"}, "ModelArts.2788"),
        ({"job_name": "ok", "train_url": "/o/", "flavor": {"code": "modelarts.vm.none"}}, "ModelArts.2781"),
        (
            {"job_name": "ok", "train_url": "/o/", "schedule": {"type": "stop", "time_unit": "HOURS", "duration": 25}},
            "ModelArts.0107",
        ),
        (
            {"job_name": "ok", "train_url": "/o/", "schedule": {"type": "start", "time_unit": "HOURS", "duration": 1}},
            "ModelArts.0107",
        ),
        ({"job_name": "ok", "train_url": "/o/", "schedule": {"type": "stop"}}, "ModelArts.2788"),
        ({"job_name": "ok", "train_url": "/o/", "extra": True}, "ModelArts.2788"),
    ],
)
def test_create_errors_change_nothing(ma, body, code):
    ma.fails("POST", "/visualization-jobs", 400, code, json=body)


def test_duplicates_quota_and_unknown_ids(ma):
    create(ma, "dup")
    assert (
        ma.fails("POST", "/visualization-jobs", 400, "ModelArts.0103", json={"job_name": "dup", "train_url": "/o/"})[
            "error_message"
        ]
        == "Job name:dup is existed"
    )
    ma.backend.set_quota(visualization_jobs=1)
    ma.fails("POST", "/visualization-jobs", 400, "ModelArts.0118", json={"job_name": "second", "train_url": "/o/"})
    ma.fails("PUT", "/visualization-jobs/999999", 400, "ModelArts.2775", json={"job_desc": "x"})
    ma.fails("POST", "/visualization-jobs/999999/stop", 400, "ModelArts.2775")
    ma.fails("POST", "/visualization-jobs/999999/restart", 400, "ModelArts.2775")
    ma.fails("DELETE", "/visualization-jobs/999999", 400, "ModelArts.2775")
    ma.fails("GET", "/visualization-jobs/abc", 400, "ModelArts.2788")
    ma.fails("PUT", f"/visualization-jobs/{next(iter(ma.backend.visualization_jobs))}", 400, "ModelArts.2787", data="x")
    ma.fails("GET", "/visualization-jobs", 400, "ModelArts.2790", params={"sortBy": "version_count"})
    ma.fails("GET", "/visualization-jobs", 400, "ModelArts.0101", params={"page": 0})
