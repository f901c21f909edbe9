"""Answers the v1 pages of "Training Management (Old Version)" document, through plain ``requests``:
query defaults and sort keys, and the fields of versions and configurations."""

import json

import pytest

from .conftest import CONFIG


def version_path(job):
    return f"/training-jobs/{job['job_id']}/versions/{job['version_id']}"


# --- GET /built-in-algorithms: sortBy engine (default) ... parameter; order desc by default --------
@pytest.fixture
def algorithms(ma):
    ma.backend.add_builtin_algorithm(
        3, "ResNet_PyTorch", engine_id=8, model_precision="76.1%(top1)", parameter='[{"label": "a", "value": "1"}]'
    )
    return lambda **params: [m["model_name"] for m in ma.ok("GET", "/built-in-algorithms", params=params)["models"]]


def test_builtin_algorithms_sort_by_engine_descending_by_default(algorithms):
    # engines: ResNet_v1_50 TensorFlow, YOLOv3_Darknet53 MXNet, ResNet_PyTorch PyTorch
    assert algorithms() == ["ResNet_v1_50", "ResNet_PyTorch", "YOLOv3_Darknet53"]
    assert algorithms(sortBy="engine") == algorithms()
    assert algorithms(order="asc") == ["YOLOv3_Darknet53", "ResNet_PyTorch", "ResNet_v1_50"]


@pytest.mark.parametrize(
    "sort_by, ascending",
    [
        ("model_precision", ["ResNet_v1_50", "ResNet_PyTorch", "YOLOv3_Darknet53"]),
        ("parameter", ["ResNet_PyTorch", "ResNet_v1_50", "YOLOv3_Darknet53"]),
        ("model_name", ["ResNet_PyTorch", "ResNet_v1_50", "YOLOv3_Darknet53"]),
        ("model_usage", ["ResNet_v1_50", "ResNet_PyTorch", "YOLOv3_Darknet53"]),
    ],
)
def test_builtin_algorithms_documented_sort_keys(algorithms, sort_by, ascending):
    assert algorithms(sortBy=sort_by, order="asc") == ascending
    assert algorithms(sortBy=sort_by) == ascending[::-1]


def test_builtin_algorithms_unknown_sort_key(ma):
    ma.fails("GET", "/built-in-algorithms", 400, "ModelArts.2790", params={"sortBy": "engine_name"})


# --- GET /visualization-jobs: sortBy job_id (default) -----------------------------------------------
def test_visualization_jobs_sort_by_job_id_by_default(ma):
    for name in ("vis-c", "vis-a", "vis-b"):
        ma.ok("POST", "/visualization-jobs", json={"job_name": name, "train_url": "/b/out/"})
    names = lambda **params: [j["job_name"] for j in ma.ok("GET", "/visualization-jobs", params=params)["jobs"]]  # noqa: E731
    assert names() == ["vis-c", "vis-a", "vis-b"]
    assert names(sortBy="job_id") == names()
    assert names(sortBy="job_id", order="desc") == ["vis-b", "vis-a", "vis-c"]
    assert names(sortBy="job_name") == ["vis-a", "vis-b", "vis-c"]


# --- GET /job/resource-specs: engine_id 0 is the default ----------------------------------------------
def test_resource_specs_engine_id_zero_is_the_default(ma):
    every = ma.ok("GET", "/job/resource-specs", params={"job_type": "train"})
    assert ma.ok("GET", "/job/resource-specs", params={"job_type": "train", "engine_id": 0}) == every
    assert every["spec_total_count"] == len(every["specs"]) == 4
    ma.fails("GET", "/job/resource-specs", 400, "ModelArts.2780", params={"engine_id": 999})
    ma.fails("GET", "/job/resource-specs", 400, "ModelArts.0101", params={"engine_id": -1})


# --- versions, version details, configurations ---------------------------------------------------------
def test_version_list_entries_carry_gpu_and_metrics_as_a_json_string(ma):
    cpu = ma.create_job("on-cpu")
    gpu = ma.create_job("on-gpu", spec_id=4)
    for job, has_gpu in ((cpu, False), (gpu, True)):
        [entry] = ma.ok("GET", f"/training-jobs/{job['job_id']}/versions")["versions"]
        assert entry["gpu"] is has_gpu
        assert isinstance(entry["system_metric_list"], str)
        assert json.loads(entry["system_metric_list"]) == {"cpuUsage": [], "memUsage": [], "gpuUtil": []}
        assert isinstance(entry["model_metric_list"], str)
        assert entry["dataset_name"] == "" and entry["dataset_version_name"] == ""


def test_version_details_carry_dataset_names_and_metrics_as_an_object(ma):
    job = ma.create_job("from-a-dataset", data_url=None, dataset_id="ds-1", dataset_version_id="v-1")
    details = ma.ok("GET", version_path(job))
    assert (details["dataset_id"], details["dataset_version_id"]) == ("ds-1", "v-1")
    # [choice] the mock has no dataset service to name them: empty, as for data from OBS
    assert (details["dataset_name"], details["dataset_version_name"]) == ("", "")
    assert details["system_metric_list"] == {"cpuUsage": [], "memUsage": [], "gpuUtil": []}
    assert "gpu" not in details  # the details page documents no gpu flag


def test_configuration_list_entries_carry_user_command(ma):
    custom = {
        "worker_server_num": 1,
        "data_url": "/b/data/",
        "train_url": "/b/out/",
        "spec_id": 2,
        "user_image_url": "swr.example.com/team/train:1.0",
        "user_command": "bash /home/work/run_train.sh python train.py",
    }
    ma.ok("POST", "/training-job-configs", json={"config_name": "image-cfg", **custom})
    ma.ok(
        "POST",
        "/training-job-configs",
        json={
            "config_name": "code-cfg",
            "worker_server_num": 1,
            "app_url": "/b/c/",
            "boot_file_url": "/b/c/t.py",
            "data_url": "/b/d/",
            "spec_id": 2,
        },
    )
    entries = {c["config_name"]: c for c in ma.ok("GET", "/training-job-configs")["configs"]}
    assert entries["image-cfg"]["user_command"] == custom["user_command"]
    assert entries["code-cfg"]["user_command"] == ""


# --- GET /training-jobs: workspace_id defaults to "0" ----------------------------------------------------
def test_training_jobs_list_the_default_workspace_unless_told(ma):
    ma.ok("POST", "/training-jobs", json={"job_name": "elsewhere", "workspace_id": "ws-1", "config": CONFIG})
    ma.create_job("here")
    default = ma.ok("GET", "/training-jobs")
    assert [j["job_name"] for j in default["jobs"]] == ["here"] and default["job_total_count"] == 1
    assert [j["job_name"] for j in ma.ok("GET", "/training-jobs", params={"workspace_id": "0"})["jobs"]] == ["here"]
    assert [j["job_name"] for j in ma.ok("GET", "/training-jobs", params={"workspace_id": "ws-1"})["jobs"]] == [
        "elsewhere"
    ]
    # the quota counts every job of the project, whatever its workspace
    assert default["quotas"] - default["job_count_limit"] == 2
