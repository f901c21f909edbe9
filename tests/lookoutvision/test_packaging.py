"""Model packaging jobs: configuration rules, CREATED -> RUNNING -> SUCCEEDED | FAILED, listing."""

import json
import re

import pytest

from tests.support import error_of

from .helpers import BUCKET, make_trained_model


def greengrass(**overrides):
    config = {
        "S3OutputLocation": {"Bucket": BUCKET, "Prefix": "components/"},
        "ComponentName": "widget.model",
        "TargetDevice": "jetson_xavier",
    }
    config.update(overrides)
    return {"Greengrass": {k: v for k, v in config.items() if v is not None}}


def start(lv, configuration=None, **kwargs):
    return lv.start_model_packaging_job(
        ProjectName="widgets",
        ModelVersion=kwargs.pop("ModelVersion", "1"),
        Configuration=configuration or greengrass(),
        **kwargs,
    )


def describe(lv, name):
    return lv.describe_model_packaging_job(ProjectName="widgets", JobName=name)["ModelPackagingDescription"]


def test_job_runs_to_success(lv):
    make_trained_model(lv)
    name = start(lv, JobName="package-1", Description="first package")["JobName"]
    assert name == "package-1"
    running = describe(lv, name)
    assert running["Status"] == "RUNNING"
    assert running["ModelVersion"] == "1"
    assert running["ModelPackagingMethod"] == "Greengrass"
    assert running["ModelPackagingJobDescription"] == "first package"
    assert running["ModelPackagingConfiguration"] == greengrass()
    assert "ModelPackagingOutputDetails" not in running
    done = describe(lv, name)
    assert done["Status"] == "SUCCEEDED"
    assert done["LastUpdatedTimestamp"] >= running["LastUpdatedTimestamp"]
    assert done["ModelPackagingOutputDetails"]["Greengrass"] == {
        "ComponentName": "widget.model",
        "ComponentVersion": "1.0.0",  # generated from the model version
        "ComponentVersionArn": "arn:aws:greengrass:us-east-1:123456789012:components:widget.model:versions:1.0.0",
    }


def test_generated_job_name(lv):
    make_trained_model(lv)
    name = start(lv)["JobName"]
    assert re.fullmatch(r"[a-zA-Z0-9-]{1,64}", name)
    assert describe(lv, name)["JobName"] == name


def test_failure_outcome(moto_ext_mock, lv):
    make_trained_model(lv)
    moto_ext_mock.set_outcome("lookoutvision.packaging_job", "FAILED")
    name = start(lv, JobName="doomed")["JobName"]
    assert [describe(lv, name)["Status"] for _ in range(3)] == ["RUNNING", "FAILED", "FAILED"]
    assert "ModelPackagingOutputDetails" not in describe(lv, name)
    # the component was never made: the same name and version may be packaged again
    start(lv, JobName="retry")


def test_manual_progression_and_set_status(moto_ext_mock, lv):
    make_trained_model(lv)
    moto_ext_mock.set_progression("lookoutvision.packaging_job", "manual", times=2)
    name = start(lv, JobName="slow")["JobName"]
    assert [describe(lv, name)["Status"] for _ in range(4)] == ["CREATED", "RUNNING", "RUNNING", "SUCCEEDED"]
    moto_ext_mock.set_status("widgets/modelpackagingjob/slow", "FAILED")
    assert describe(lv, name)["Status"] == "FAILED"


@pytest.mark.parametrize(
    "configuration",
    [
        greengrass(TargetDevice=None),  # neither device nor platform
        greengrass(TargetPlatform={"Os": "LINUX", "Arch": "X86_64"}),  # both
        greengrass(CompilerOptions=json.dumps({"gpu-code": "sm_72"})),  # options with a device
        greengrass(TargetDevice=None, TargetPlatform={"Os": "LINUX", "Arch": "ARM64", "Accelerator": "NVIDIA"}),
        greengrass(
            TargetDevice=None,
            TargetPlatform={"Os": "LINUX", "Arch": "ARM64", "Accelerator": "NVIDIA"},
            CompilerOptions=json.dumps({"gpu-code": "sm_72"}),
        ),
        greengrass(ComponentVersion="1.0"),
        greengrass(ComponentName="has space"),
    ],
    ids=[
        "no-target",
        "two-targets",
        "device-options",
        "nvidia-no-options",
        "nvidia-partial-options",
        "version",
        "name",
    ],
)
def test_configuration_rules(lv, configuration):
    make_trained_model(lv)
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        start(lv, configuration)
    assert error_of(raised).status == 400
    assert lv.list_model_packaging_jobs(ProjectName="widgets")["ModelPackagingJobs"] == []


def test_platform_targets(lv):
    make_trained_model(lv)
    nvidia = greengrass(
        TargetDevice=None,
        TargetPlatform={"Os": "LINUX", "Arch": "ARM64", "Accelerator": "NVIDIA"},
        CompilerOptions=json.dumps({"gpu-code": "sm_72", "trt-ver": "7.1.3", "cuda-ver": "10.2"}),
        ComponentVersion="2.1.0",
    )
    start(lv, nvidia, JobName="gpu")
    cpu = greengrass(TargetDevice=None, TargetPlatform={"Os": "LINUX", "Arch": "X86_64"}, ComponentName="widget.cpu")
    start(lv, cpu, JobName="cpu")
    assert {j["JobName"] for j in lv.list_model_packaging_jobs(ProjectName="widgets")["ModelPackagingJobs"]} == {
        "gpu",
        "cpu",
    }


def test_conflicts(moto_ext_mock, lv):
    make_trained_model(lv)
    start(lv, JobName="once")
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        start(lv, greengrass(ComponentName="other.component"), JobName="once")
    assert error_of(raised).response["ResourceType"] == "MODEL_PACKAGE_JOB"
    # the same component name and version again
    with pytest.raises(lv.exceptions.ConflictException):
        start(lv, JobName="twice")
    # a model that is not trained (the job's check of the model is a look: it stays TRAINING)
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=2)
    lv.create_model(ProjectName="widgets", OutputConfig={"S3Location": {"Bucket": BUCKET}})
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        start(lv, greengrass(ComponentName="v2"), ModelVersion="2")
    assert error_of(raised).response["ResourceType"] == "MODEL"


def test_not_found(lv):
    make_trained_model(lv)
    with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
        describe(lv, "no-such-job")
    assert (error_of(raised).response["ResourceId"], error_of(raised).response["ResourceType"]) == (
        "no-such-job",
        "MODEL_PACKAGE_JOB",
    )
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        start(lv, ModelVersion="9")
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.list_model_packaging_jobs(ProjectName="nothing")


def test_list_pages(lv):
    make_trained_model(lv)
    names = [f"job-{i}" for i in range(5)]
    for index, name in enumerate(names):
        start(lv, greengrass(ComponentVersion=f"1.0.{index}"), JobName=name)
    first = lv.list_model_packaging_jobs(ProjectName="widgets", MaxResults=2)
    assert [j["JobName"] for j in first["ModelPackagingJobs"]] == names[:2]
    pages = list(
        lv.get_paginator("list_model_packaging_jobs").paginate(ProjectName="widgets", PaginationConfig={"PageSize": 2})
    )
    assert [[j["JobName"] for j in p["ModelPackagingJobs"]] for p in pages] == [names[:2], names[2:4], names[4:]]
