"""Training jobs: create, list (filters, paging, sorting, quotas), modify the description, delete."""

import pytest

from .conftest import CONFIG


def test_create_job_answers_the_documented_fields(ma):
    job = ma.create_job("first-job", desc="my job")
    assert set(job) == {
        "is_success",
        "job_id",
        "job_name",
        "status",
        "create_time",
        "version_id",
        "version_name",
        "resource_id",
    }
    assert job["job_name"] == "first-job"
    assert job["status"] == 1  # JOBSTAT_INIT
    assert job["version_name"] == "V0001"
    assert isinstance(job["job_id"], int) and isinstance(job["version_id"], int)
    assert isinstance(job["create_time"], int) and job["create_time"] > 1_600_000_000_000  # epoch ms
    listed = ma.ok("GET", "/training-jobs")
    assert listed["job_total_count"] == 1
    [summary] = listed["jobs"]
    assert set(summary) == {
        "job_id",
        "job_name",
        "version_id",
        "status",
        "create_time",
        "duration",
        "job_desc",
        "version_count",
    }
    assert summary["job_desc"] == "my job" and summary["version_count"] == 1


def test_create_without_version(ma):
    job = ma.ok(
        "POST", "/training-jobs", json={"job_name": "no-version", "config": {**CONFIG, "create_version": False}}
    )
    assert "version_id" not in job
    [summary] = ma.ok("GET", "/training-jobs")["jobs"]
    assert summary["version_count"] == 0 and summary["status"] == 0 and summary["version_id"] is None


def test_data_inputs_and_resources_each_have_one_valid_form(ma):
    dataset = {k: v for k, v in CONFIG.items() if k != "data_url"}
    ma.create_job("by-dataset", **{"data_url": None}, dataset_id="ds1", dataset_version_id="v1")
    ma.ok(
        "POST",
        "/training-jobs",
        json={"job_name": "by-source", "config": {**dataset, "data_source": [{"type": "obs", "data_url": "/b/d/"}]}},
    )
    pooled = {k: v for k, v in CONFIG.items() if k != "spec_id"}
    ma.ok(
        "POST",
        "/training-jobs",
        json={"job_name": "in-pool", "config": {**pooled, "pool_id": "pool-1", "worker_server_num": 9}},
    )
    builtin = {k: v for k, v in CONFIG.items() if k not in ("app_url", "boot_file_url", "engine_id")}
    ma.ok("POST", "/training-jobs", json={"job_name": "builtin", "config": {**builtin, "model_id": 1}})
    image = {k: v for k, v in CONFIG.items() if k not in ("app_url", "boot_file_url", "engine_id")}
    ma.ok(
        "POST",
        "/training-jobs",
        json={"job_name": "image", "config": {**image, "user_image_url": "swr/x:1", "user_command": "python x.py"}},
    )
    assert ma.ok("GET", "/training-jobs")["job_total_count"] == 5


def test_duplicate_name_is_0103(ma):
    ma.create_job("same-name")
    body = ma.fails("POST", "/training-jobs", 400, "ModelArts.0103", json={"job_name": "same-name", "config": CONFIG})
    assert body["error_message"] == "Job name:same-name is existed"


@pytest.mark.parametrize("name", ["", "a" * 65, "has space", "%%123", "dot.name", "ümlaut"])
def test_illegal_job_names(ma, name):
    body = ma.fails("POST", "/training-jobs", 400, "ModelArts.0104", json={"job_name": name, "config": CONFIG})
    assert body["error_message"] == f"Illegal name: {name}"


def test_longest_name_and_description_are_accepted(ma):
    ma.create_job("a" * 64, desc="d" * 256)
    ma.fails(
        "POST", "/training-jobs", 400, "ModelArts.0104", json={"job_name": "b", "job_desc": "d" * 257, "config": CONFIG}
    )


@pytest.mark.parametrize(
    "config, code",
    [
        ({**CONFIG, "data_url": None}, "ModelArts.0107"),  # no data input
        ({**CONFIG, "dataset_id": "ds", "dataset_version_id": "v"}, "ModelArts.0107"),  # two data inputs
        ({**CONFIG, "data_url": None, "dataset_id": "ds"}, "ModelArts.0107"),  # dataset without version
        ({**CONFIG, "pool_id": "pool-1"}, "ModelArts.0107"),  # spec_id and pool_id
        ({**CONFIG, "spec_id": None}, "ModelArts.0107"),  # neither
        ({**CONFIG, "boot_file_url": None}, "ModelArts.0107"),  # app_url without boot file
        ({**CONFIG, "worker_server_num": 3}, "ModelArts.0107"),  # max_num of spec 2 is 2
        ({**CONFIG, "worker_server_num": 0}, "ModelArts.0107"),
        ({**CONFIG, "spec_id": 999}, "ModelArts.2781"),
        ({**CONFIG, "engine_id": 999}, "ModelArts.2780"),
        ({**CONFIG, "model_id": 999}, "ModelArts.0107"),
        ({**CONFIG, "worker_server_num": None}, "ModelArts.2788"),
        ({**CONFIG, "spec_id": "2"}, "ModelArts.2788"),  # wrong type
        ({**CONFIG, "worker_server_num": True}, "ModelArts.2788"),
        ({**CONFIG, "parameter": [{"label": "lr", "value": 0.1}]}, "ModelArts.2788"),
        ({**CONFIG, "not_a_field": 1}, "ModelArts.2788"),
        ({**CONFIG, "data_url": None, "data_source": [{"type": "s3", "data_url": "/x/"}]}, "ModelArts.2788"),
        ({**CONFIG, "volumes": [{"nfs": {"id": "a"}, "host_path": {"src_path": "/a"}}]}, "ModelArts.0107"),
    ],
)
def test_invalid_configs_change_nothing(ma, config, code):
    ma.fails("POST", "/training-jobs", 400, code, json={"job_name": "bad", "config": config})
    assert ma.ok("GET", "/training-jobs")["job_total_count"] == 0


@pytest.mark.parametrize(
    "body, code",
    [
        ({"config": CONFIG}, "ModelArts.2788"),  # no job_name
        ({"job_name": "x"}, "ModelArts.2788"),  # no config
        ({"job_name": 5, "config": CONFIG}, "ModelArts.2788"),
        ({"job_name": "x", "config": "text"}, "ModelArts.2788"),
        ({"job_name": "x", "config": CONFIG, "unknown": 1}, "ModelArts.2788"),
        (["job_name"], "ModelArts.2788"),
    ],
)
def test_wrong_shapes_are_2788(ma, body, code):
    ma.fails("POST", "/training-jobs", 400, code, json=body)


@pytest.mark.parametrize("raw", [b"{not json", b"", b"\xff\xfe"])
def test_malformed_json_is_2787(ma, raw):
    ma.fails("POST", "/training-jobs", 400, "ModelArts.2787", data=raw, headers={"Content-Type": "application/json"})


def test_quota_is_0118_and_reported(ma):
    ma.backend.set_quota(training_jobs=2)
    ma.create_job("a")
    listed = ma.ok("GET", "/training-jobs")
    assert (listed["quotas"], listed["job_count_limit"]) == (2, 1)
    ma.create_job("b")
    ma.fails("POST", "/training-jobs", 400, "ModelArts.0118", json={"job_name": "c", "config": CONFIG})
    assert ma.ok("GET", "/training-jobs")["job_count_limit"] == 0


def test_paging(ma):
    for index in range(5):
        ma.create_job(f"job-{index}")
    page = ma.ok("GET", "/training-jobs", params={"per_page": 2, "page": 2})
    assert page["job_total_count"] == 5
    assert [j["job_name"] for j in page["jobs"]] == ["job-2", "job-3"]
    last = ma.ok("GET", "/training-jobs", params={"per_page": 2, "page": 3})
    assert [j["job_name"] for j in last["jobs"]] == ["job-4"]
    assert ma.ok("GET", "/training-jobs", params={"per_page": 2, "page": 4})["jobs"] == []
    assert len(ma.ok("GET", "/training-jobs")["jobs"]) == 5  # default per_page is 10


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": 0},
        {"per_page": 1001},
        {"per_page": "x"},
        {"page": 0},
        {"page": 65536},
        {"order": "up"},
        {"status": 22},
    ],
)
def test_bad_list_parameters_are_0101(ma, params):
    ma.fails("GET", "/training-jobs", 400, "ModelArts.0101", params=params)


def test_unsupported_sort_by_is_2790(ma):
    ma.fails("GET", "/training-jobs", 400, "ModelArts.2790", params={"sortBy": "job_id"})


def test_search_content_longer_than_64_is_0104(ma):
    ma.fails("GET", "/training-jobs", 400, "ModelArts.0104", params={"search_content": "x" * 65})
    assert ma.ok("GET", "/training-jobs", params={"search_content": "x" * 64})["jobs"] == []


def test_sorting_order_and_search(ma):
    ma.create_job("beta", desc="2")
    ma.create_job("alpha", desc="3")
    ma.create_job("gamma-beta", desc="1")
    names = lambda **p: [j["job_name"] for j in ma.ok("GET", "/training-jobs", params=p)["jobs"]]  # noqa: E731
    assert names() == ["alpha", "beta", "gamma-beta"]
    assert names(order="desc") == ["gamma-beta", "beta", "alpha"]
    assert names(sortBy="job_desc") == ["gamma-beta", "beta", "alpha"]
    assert names(sortBy="create_time") == ["beta", "alpha", "gamma-beta"]
    assert names(sortBy="version_count", order="desc") == ["gamma-beta", "alpha", "beta"]  # ties: by id, reversed
    assert names(search_content="BETA") == ["beta", "gamma-beta"]


def test_status_filter(ma, moto_ext_mock):
    moto_ext_mock.set_progression("modelarts.training_version", "manual", times=1000)
    first = ma.create_job("first")
    ma.create_job("second")
    moto_ext_mock.set_status(first["version_id"], 8)
    running = ma.ok("GET", "/training-jobs", params={"status": 8})
    assert [j["job_name"] for j in running["jobs"]] == ["first"] and running["job_total_count"] == 1
    assert [j["job_name"] for j in ma.ok("GET", "/training-jobs", params={"status": 1})["jobs"]] == ["second"]


def test_workspace_filter(ma):
    ma.ok("POST", "/training-jobs", json={"job_name": "ws", "workspace_id": "abc", "config": CONFIG})
    ma.create_job("default-ws")
    assert [j["job_name"] for j in ma.ok("GET", "/training-jobs", params={"workspace_id": "abc"})["jobs"]] == ["ws"]
    assert ma.ok("GET", "/training-jobs", params={"workspace_id": "0"})["job_total_count"] == 1


def test_modify_description(ma):
    job = ma.create_job("desc-job", desc="old")
    assert ma.ok("PUT", f"/training-jobs/{job['job_id']}", json={"job_desc": "new"}) == {"is_success": True}
    assert ma.ok("GET", "/training-jobs")["jobs"][0]["job_desc"] == "new"
    ma.fails("PUT", f"/training-jobs/{job['job_id']}", 400, "ModelArts.0104", json={"job_desc": "x" * 257})
    ma.fails("PUT", f"/training-jobs/{job['job_id']}", 400, "ModelArts.2788", json={"job_desc": "x", "job_name": "y"})
    ma.fails("PUT", f"/training-jobs/{job['job_id']}", 400, "ModelArts.2788", json={})
    ma.fails("PUT", f"/training-jobs/{job['job_id']}", 400, "ModelArts.2787", data="{")
    ma.fails("PUT", "/training-jobs/424242", 400, "ModelArts.2775", json={"job_desc": "x"})
    ma.fails("PUT", "/training-jobs/not-a-number", 400, "ModelArts.2788", json={"job_desc": "x"})


def test_delete_job_removes_its_versions(ma, moto_ext_mock):
    job = ma.create_job("to-delete")
    for _ in range(3):
        ma.status(job)  # INIT -> WAITING -> RUNNING -> COMPLETED
    second = ma.ok(
        "POST",
        f"/training-jobs/{job['job_id']}/versions",
        json={"config": {"train_url": "/b/o2/", "pre_version_id": job["version_id"]}},
    )
    moto_ext_mock.set_status(second["version_id"], 12)
    assert ma.ok("DELETE", f"/training-jobs/{job['job_id']}") == {"is_success": True}
    assert ma.ok("GET", "/training-jobs")["jobs"] == []
    ma.fails("GET", f"/training-jobs/{job['job_id']}/versions", 400, "ModelArts.2775")
    body = ma.fails("DELETE", f"/training-jobs/{job['job_id']}", 400, "ModelArts.2775")
    assert body["error_message"] == f"Training job (ID: {job['job_id']}) not found."


def test_delete_a_running_job_is_allowed(ma, moto_ext_mock):
    job = ma.create_job("running")
    moto_ext_mock.set_status(job["version_id"], 8)
    ma.ok("DELETE", f"/training-jobs/{job['job_id']}")
    assert ma.backend.jobs == {}


@pytest.mark.parametrize("status", [1, 2, 4, 7, 9, 15, 18, 19, 20])
def test_delete_a_job_in_a_transitional_status_is_0105(ma, moto_ext_mock, status):
    moto_ext_mock.set_progression("modelarts.training_version", "manual", times=1000)
    job = ma.create_job("busy")
    moto_ext_mock.set_status(job["version_id"], status)
    body = ma.fails("DELETE", f"/training-jobs/{job['job_id']}", 400, "ModelArts.0105")
    assert body["error_message"] == f"This job can't be delete. job status: {status}"


def test_jobs_are_isolated_by_project_and_region(moto_ext_mock):
    from .conftest import ModelArts

    here = ModelArts(moto_ext_mock)
    other_project = ModelArts(moto_ext_mock, project_id="1" * 32)
    other_region = ModelArts(moto_ext_mock, region="eu-nl")
    here.create_job("shared-name")
    other_project.create_job("shared-name")
    assert other_region.ok("GET", "/training-jobs")["jobs"] == []
    assert other_project.ok("GET", "/training-jobs")["job_total_count"] == 1
    assert moto_ext_mock.backend("modelarts", account_id="1" * 32).jobs
