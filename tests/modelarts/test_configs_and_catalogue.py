"""Training-job configurations, and the catalogue: resource specs, AI engines, built-in algorithms."""

import json

import pytest

from .conftest import CONFIG

FLAT = dict(CONFIG)


def create_config(ma, name, **fields):
    return ma.ok("POST", "/training-job-configs", json={"config_name": name, **FLAT, **fields})


# --- configurations ---------------------------------------------------------------------------
def test_config_lifecycle(ma):
    created = create_config(ma, "cfg-1", config_desc="first", parameter=[{"label": "lr", "value": "0.1"}])
    assert set(created) == {"is_success", "config_name", "create_time"}
    details = ma.ok("GET", "/training-job-configs/cfg-1")
    assert details["config_name"] == "cfg-1" and details["config_desc"] == "first"
    assert details["spec_id"] == 2 and details["spec_code"] == "modelarts.vm.cpu.2u"
    assert details["engine_name"] == "TensorFlow" and details["parameter"] == [{"label": "lr", "value": "0.1"}]
    assert ma.ok(
        "PUT", "/training-job-configs/cfg-1", json={"config_desc": "changed", "spec_id": 3, "worker_server_num": 4}
    ) == {"is_success": True}
    changed = ma.ok("GET", "/training-job-configs/cfg-1")
    assert (changed["config_desc"], changed["spec_id"], changed["worker_server_num"]) == ("changed", 3, 4)
    assert changed["data_url"] == CONFIG["data_url"]  # untouched fields stay
    listed = ma.ok("GET", "/training-job-configs")
    assert listed["config_total_count"] == 1
    assert set(listed["configs"][0]) == {
        "config_name",
        "config_desc",
        "create_time",
        "engine_type",
        "engine_name",
        "engine_id",
        "engine_version",
        "user_image_url",
        "user_command",
    }
    assert ma.ok("DELETE", "/training-job-configs/cfg-1") == {"is_success": True}
    assert ma.ok("GET", "/training-job-configs")["configs"] == []


def test_config_list_defaults_to_descending_names_and_pages(ma):
    for name in ("b-cfg", "a-cfg", "c-cfg"):
        create_config(ma, name)
    names = lambda **p: [c["config_name"] for c in ma.ok("GET", "/training-job-configs", params=p)["configs"]]  # noqa: E731
    assert names() == ["c-cfg", "b-cfg", "a-cfg"]
    assert names(order="asc") == ["a-cfg", "b-cfg", "c-cfg"]
    assert names(order="asc", per_page=2, page=2) == ["c-cfg"]
    assert names(search_content="A-C") == ["a-cfg"]
    assert names(sortBy="create_time", order="asc") == ["b-cfg", "a-cfg", "c-cfg"]
    assert names(config_type="sample") == []
    ma.backend.add_sample_config("sample-resnet", "a sample", **FLAT)
    assert names(config_type="sample") == ["sample-resnet"]
    assert (
        ma.ok("GET", "/training-job-configs/sample-resnet", params={"config_type": "sample"})["config_desc"]
        == "a sample"
    )
    ma.fails("GET", "/training-job-configs", 400, "ModelArts.0101", params={"config_type": "other"})
    ma.fails("GET", "/training-job-configs", 400, "ModelArts.2790", params={"sortBy": "engine_id"})
    ma.fails(
        "GET", "/training-job-configs", 400, "ModelArts.2790", params={"sortBy": "create_time", "config_type": "sample"}
    )
    ma.fails("GET", "/training-job-configs", 400, "ModelArts.0101", params={"per_page": 0})


def test_config_errors_change_nothing(ma):
    create_config(ma, "exists")
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.0103", json={"config_name": "exists", **FLAT})
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.0104", json={"config_name": "bad name", **FLAT})
    ma.fails(
        "POST",
        "/training-job-configs",
        400,
        "ModelArts.0104",
        json={"config_name": "x", "config_desc": "d" * 257, **FLAT},
    )
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.2788", json=FLAT)
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.2788", json={"config_name": "x", "config": FLAT})
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.2781", json={"config_name": "x", **FLAT, "spec_id": 77})
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.2780", json={"config_name": "x", **FLAT, "engine_id": 77})
    ma.fails(
        "POST", "/training-job-configs", 400, "ModelArts.0107", json={"config_name": "x", **FLAT, "data_url": None}
    )
    ma.fails("POST", "/training-job-configs", 400, "ModelArts.2787", data="[")
    ma.fails("PUT", "/training-job-configs/exists", 400, "ModelArts.2788", json={"config_name": "renamed"})
    ma.fails("PUT", "/training-job-configs/exists", 400, "ModelArts.0107", json={"pool_id": "p", "spec_id": 2})
    ma.fails("PUT", "/training-job-configs/exists", 400, "ModelArts.2781", json={"spec_id": 77})
    ma.fails("PUT", "/training-job-configs/missing", 400, "ModelArts.0107", json={"config_desc": "x"})
    ma.fails("GET", "/training-job-configs/missing", 400, "ModelArts.0107")
    ma.fails("DELETE", "/training-job-configs/missing", 400, "ModelArts.0107")


# --- catalogue ------------------------------------------------------------------------------------
def test_resource_specs(ma):
    listed = ma.ok("GET", "/job/resource-specs")
    assert listed["spec_total_count"] == len(listed["specs"]) == 4
    cpu = listed["specs"][0]
    assert cpu == {
        "spec_id": 2,
        "core": "2",
        "cpu": "8",
        "gpu_num": 0,
        "gpu_type": "",
        "spec_code": "modelarts.vm.cpu.2u",
        "unit_num": 1,
        "max_num": 2,
        "storage": "",
        "interface_type": 1,
        "no_resource": False,
    }
    inference = ma.ok("GET", "/job/resource-specs", params={"job_type": "inference"})["specs"]
    assert [s["spec_code"] for s in inference] == ["modelarts.vm.cpu.2u", "modelarts.vm.cpu.8u"]
    ma.fails("GET", "/job/resource-specs", 400, "ModelArts.0101", params={"job_type": "dance"})
    ma.fails("GET", "/job/resource-specs", 400, "ModelArts.2780", params={"engine_id": 4242})


def test_extending_the_catalogue(ma):
    ma.backend.add_flavor(
        42, "modelarts.vm.npu.ascend", core="24", cpu="96", max_num=8, gpu_type="Ascend910", gpu_num=1
    )
    ma.backend.add_engine(77, "MindSpore", "MindSpore-2.0-python3.9", engine_type=17)
    ma.backend.add_builtin_algorithm(9, "BERT_base", engine_id=77, model_usage=4)
    assert 42 in [s["spec_id"] for s in ma.ok("GET", "/job/resource-specs")["specs"]]
    job = ma.create_job("on-npu", spec_id=42, engine_id=77, worker_server_num=8)
    details = ma.ok("GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}")
    assert (details["spec_code"], details["engine_name"], details["gpu_type"]) == (
        "modelarts.vm.npu.ascend",
        "MindSpore",
        "Ascend910",
    )
    bert = ma.ok("GET", "/built-in-algorithms", params={"search_content": "bert"})["models"]
    assert [(m["model_id"], m["engine_name"]) for m in bert] == [(9, "MindSpore")]


def test_ai_engines(ma):
    engines = ma.ok("GET", "/job/ai-engines", params={"job_type": "train"})["engines"]
    assert engines[0] == {
        "engine_type": 1,
        "engine_id": 1,
        "engine_name": "TensorFlow",
        "engine_version": "TF-1.4.0-python2.7",
    }
    assert {"PyTorch", "MXNet", "MindSpore-GPU"} <= {e["engine_name"] for e in engines}
    ma.fails("GET", "/job/ai-engines", 400, "ModelArts.0101", params={"job_type": "x"})


def test_builtin_algorithms(ma):
    listed = ma.ok("GET", "/built-in-algorithms")
    assert listed["model_total_count"] == 2
    resnet = listed["models"][0]
    assert resnet["model_name"] == "ResNet_v1_50" and resnet["engine_name"] == "TensorFlow"
    assert {p["label"] for p in json.loads(resnet["parameter"])} == {"batch_size", "lr"}  # a JSON string, as sent
    assert [
        m["model_name"]
        for m in ma.ok("GET", "/built-in-algorithms", params={"sortBy": "model_size", "order": "desc"})["models"]
    ] == [
        "YOLOv3_Darknet53",
        "ResNet_v1_50",
    ]
    assert (
        ma.ok("GET", "/built-in-algorithms", params={"per_page": 1, "page": 2})["models"][0]["model_name"]
        == "YOLOv3_Darknet53"
    )
    ma.fails("GET", "/built-in-algorithms", 400, "ModelArts.0101", params={"per_page": 101})
    ma.fails("GET", "/built-in-algorithms", 400, "ModelArts.2790", params={"sortBy": "colour"})


@pytest.mark.parametrize("model_id, ok", [(1, True), (2, True), (3, False)])
def test_jobs_from_builtin_algorithms(ma, model_id, ok):
    config = {k: v for k, v in CONFIG.items() if k not in ("app_url", "boot_file_url", "engine_id")}
    body = {"job_name": "builtin", "config": {**config, "model_id": model_id}}
    if ok:
        job = ma.ok("POST", "/training-jobs", json=body)
        details = ma.ok("GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}")
        assert details["model_id"] == model_id and details["engine_id"] == {1: 2, 2: 3}[model_id]
    else:
        ma.fails("POST", "/training-jobs", 400, "ModelArts.0107", json=body)
