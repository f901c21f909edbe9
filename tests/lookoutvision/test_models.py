"""Models: training, hosting, stopping, deleting, and the progression controls seen through DescribeModel."""

import time

import pytest

from tests.support import error_of

from .helpers import BUCKET, OUTPUT, make_hosted_model, make_project, make_trained_model


def describe(lv, version="1", project="widgets"):
    return lv.describe_model(ProjectName=project, ModelVersion=version)["ModelDescription"]


def test_versions_count_up_per_project(lv):
    make_project(lv, "widgets")
    make_project(lv, "gadgets")
    versions = [
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)["ModelMetadata"]["ModelVersion"] for _ in range(3)
    ]
    assert versions == ["1", "2", "3"]
    created = lv.create_model(ProjectName="gadgets", OutputConfig=OUTPUT)
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 202
    metadata = created["ModelMetadata"]
    assert metadata["ModelVersion"] == "1"
    assert metadata["ModelArn"] == "arn:aws:lookoutvision:us-east-1:123456789012:model/gadgets/1"
    assert metadata["Status"] == "TRAINING"
    assert "Performance" not in metadata


def test_training_settles_with_an_evaluation(lv, s3):
    make_project(lv)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, Description="first-model", KmsKeyId="alias/my-key")
    model = describe(lv)
    assert model["Status"] == "TRAINED"
    assert model["Description"] == "first-model"
    assert model["KmsKeyId"] == "alias/my-key"
    assert model["OutputConfig"] == OUTPUT
    performance = model["Performance"]
    assert set(performance) == {"F1Score", "Recall", "Precision"}
    assert all(0 < value <= 1 for value in performance.values())
    # "Viewing performance metrics": <prefix>EvaluationManifest-<project>-<version>.json
    assert model["EvaluationManifest"] == {"Bucket": BUCKET, "Key": "models/EvaluationManifest-widgets-1.json"}
    assert model["EvaluationResult"] == {"Bucket": BUCKET, "Key": "models/EvaluationResult-widgets-1.json"}
    assert model["EvaluationEndTimestamp"] >= model["CreationTimestamp"]
    # the evaluation files are where DescribeModel says
    for location in (model["EvaluationManifest"], model["EvaluationResult"]):
        assert s3.get_object(Bucket=location["Bucket"], Key=location["Key"])["ContentLength"] > 0
    assert describe(lv)["Performance"] == performance  # stable


def test_create_model_needs_a_train_dataset(lv):
    lv.create_project(ProjectName="widgets")
    with pytest.raises(lv.exceptions.ValidationException):
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    lv.create_dataset(ProjectName="widgets", DatasetType="test")
    with pytest.raises(lv.exceptions.ValidationException):
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert lv.list_models(ProjectName="widgets")["Models"] == []
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.create_model(ProjectName="nothing", OutputConfig=OUTPUT)


def test_create_model_waits_for_a_busy_dataset(moto_ext_mock, lv):
    make_project(lv)
    moto_ext_mock.set_progression("lookoutvision.dataset", "manual", times=5)
    lv.update_dataset_entries(ProjectName="widgets", DatasetType="train", Changes=b'{"source-ref": "s3://b/a.png"}')
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert error_of(raised).response["ResourceType"] == "DATASET"


def test_start_and_stop(lv):
    version = make_trained_model(lv)
    started = lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=2, MaxInferenceUnits=4)
    assert started["Status"] == "STARTING_HOSTING"
    assert started["ResponseMetadata"]["HTTPStatusCode"] == 202
    model = describe(lv, version)
    assert model["Status"] == "HOSTED"
    assert (model["MinInferenceUnits"], model["MaxInferenceUnits"]) == (2, 4)
    stopped = lv.stop_model(ProjectName="widgets", ModelVersion=version)
    assert stopped["Status"] == "STOPPING_HOSTING"
    model = describe(lv, version)
    assert model["Status"] == "TRAINED"
    assert "MinInferenceUnits" not in model


@pytest.mark.parametrize(
    "status", ["TRAINING", "TRAINING_FAILED", "STARTING_HOSTING", "HOSTED", "STOPPING_HOSTING", "DELETING"]
)
def test_start_needs_a_trained_model(moto_ext_mock, lv, status):
    version = make_trained_model(lv)
    arn = describe(lv, version)["ModelArn"]
    # StartModel looks at the model: keep an in-progress status where it is
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=100)
    moto_ext_mock.set_status(arn, status)
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1)
    code, http, _, response = error_of(raised)
    assert (http, response["ResourceId"], response["ResourceType"]) == (409, version, "MODEL")
    assert describe(lv, version)["Status"] == status  # unchanged


@pytest.mark.parametrize("status", ["TRAINED", "STARTING_HOSTING", "HOSTING_FAILED", "TRAINING"])
def test_stop_needs_a_hosted_model(moto_ext_mock, lv, status):
    version = make_trained_model(lv)
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=100)  # StopModel looks too
    moto_ext_mock.set_status(describe(lv, version)["ModelArn"], status)
    with pytest.raises(lv.exceptions.ConflictException):
        lv.stop_model(ProjectName="widgets", ModelVersion=version)


def test_inference_unit_rules(lv, backend):
    version = make_trained_model(lv)
    with pytest.raises(lv.exceptions.ValidationException):
        lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=3, MaxInferenceUnits=2)
    backend.quotas.inference_units = 3
    with pytest.raises(lv.exceptions.ServiceQuotaExceededException) as raised:
        lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=2, MaxInferenceUnits=4)
    assert error_of(raised).status == 402
    assert describe(lv, version)["Status"] == "TRAINED"
    lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1, MaxInferenceUnits=3)
    assert describe(lv, version)["Status"] == "HOSTED"
    # a second model would pass the account's units
    second = make_trained_model(lv)
    with pytest.raises(lv.exceptions.ServiceQuotaExceededException):
        lv.start_model(ProjectName="widgets", ModelVersion=second, MinInferenceUnits=1)


def test_min_inference_units_below_one_is_rejected_by_the_service(lv_unchecked):
    version = make_trained_model(lv_unchecked)
    with pytest.raises(lv_unchecked.exceptions.ValidationException):
        lv_unchecked.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=0)
    assert (
        lv_unchecked.describe_model(ProjectName="widgets", ModelVersion=version)["ModelDescription"]["Status"]
        == "TRAINED"
    )


def test_hosting_failure_and_restart(moto_ext_mock, lv):
    version = make_trained_model(lv)
    moto_ext_mock.set_outcome("lookoutvision.model", "HOSTING_FAILED")
    lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1)
    model = describe(lv, version)
    assert model["Status"] == "HOSTING_FAILED"
    assert model["StatusMessage"]
    with pytest.raises(lv.exceptions.ConflictException):
        lv.stop_model(ProjectName="widgets", ModelVersion=version)
    # a failed start can be retried; this handle's outcome still applies
    lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1)
    assert describe(lv, version)["Status"] == "HOSTING_FAILED"


def test_training_failure_outcome(moto_ext_mock, lv):
    make_project(lv)
    moto_ext_mock.set_outcome("lookoutvision.model", "TRAINING_FAILED")
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    model = describe(lv)
    assert model["Status"] == "TRAINING_FAILED"
    assert "Performance" not in model and "EvaluationManifest" not in model
    with pytest.raises(lv.exceptions.ConflictException):
        lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)
    lv.delete_model(ProjectName="widgets", ModelVersion="1")


def test_manual_progression_after_n_reads(moto_ext_mock, lv):
    make_project(lv)
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=3)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert [describe(lv)["Status"] for _ in range(4)] == ["TRAINING", "TRAINING", "TRAINED", "TRAINED"]
    lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)
    assert [describe(lv)["Status"] for _ in range(3)] == ["STARTING_HOSTING", "STARTING_HOSTING", "HOSTED"]


def test_list_models_is_a_read_too(moto_ext_mock, lv):
    make_project(lv)
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=2)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert lv.list_models(ProjectName="widgets")["Models"][0]["Status"] == "TRAINING"
    assert describe(lv)["Status"] == "TRAINED"


def test_time_progression(moto_ext_mock, lv):
    make_project(lv)
    moto_ext_mock.set_progression("lookoutvision.model", "time", seconds=0.2)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert describe(lv)["Status"] == "TRAINING"
    time.sleep(0.25)
    assert describe(lv)["Status"] == "TRAINED"


def test_set_status_forces_any_status(moto_ext_mock, lv):
    version = make_hosted_model(lv)
    arn = describe(lv, version)["ModelArn"]
    moto_ext_mock.set_status(arn, "SYSTEM_UPDATING")
    assert describe(lv, version)["Status"] == "HOSTED"  # SYSTEM_UPDATING settles back in HOSTED
    moto_ext_mock.set_status(arn, "HOSTING_FAILED")
    assert describe(lv, version)["Status"] == "HOSTING_FAILED"
    with pytest.raises(ValueError):
        moto_ext_mock.set_status(arn, "NOT_A_STATUS")


def test_latest_resolves_to_the_newest_version(lv):
    make_trained_model(lv)
    make_trained_model(lv)
    assert describe(lv, "latest")["ModelVersion"] == "2"
    lv.start_model(ProjectName="widgets", ModelVersion="latest", MinInferenceUnits=1)
    assert describe(lv, "2")["Status"] == "HOSTED"
    assert describe(lv, "1")["Status"] == "TRAINED"
    lv.stop_model(ProjectName="widgets", ModelVersion="latest")
    assert describe(lv, "2")["Status"] == "TRAINED"
    # DeleteModel takes a number only (ModelVersionNoLatest)
    with pytest.raises(lv.exceptions.ValidationException):
        lv.delete_model(ProjectName="widgets", ModelVersion="latest")
    assert len(lv.list_models(ProjectName="widgets")["Models"]) == 2


def test_latest_without_models_is_not_found(lv):
    make_project(lv)
    with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
        describe(lv, "latest")
    assert error_of(raised).response["ResourceType"] == "MODEL"


@pytest.mark.parametrize("version", ["0", "01", "1a", "v1"])
def test_bad_versions_are_rejected(lv, version):
    make_trained_model(lv)
    with pytest.raises(lv.exceptions.ValidationException):
        describe(lv, version)


def test_delete_model(moto_ext_mock, lv):
    version = make_hosted_model(lv)
    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_model(ProjectName="widgets", ModelVersion=version)
    lv.stop_model(ProjectName="widgets", ModelVersion=version)
    describe(lv, version)
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=2)
    deleted = lv.delete_model(ProjectName="widgets", ModelVersion=version)
    assert deleted["ModelArn"].endswith(f"model/widgets/{version}")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert describe(lv, version)["Status"] == "DELETING"
    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_model(ProjectName="widgets", ModelVersion=version)
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        describe(lv, version)
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.delete_model(ProjectName="widgets", ModelVersion=version)
    # versions are not reused
    assert lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)["ModelMetadata"]["ModelVersion"] == "2"


def test_delete_while_training_is_a_conflict(moto_ext_mock, lv):
    make_project(lv)
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=2)  # DeleteModel's check is a look
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_model(ProjectName="widgets", ModelVersion="1")


def test_list_models_pages(lv):
    make_project(lv)
    for _ in range(5):
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    first = lv.list_models(ProjectName="widgets", MaxResults=2)
    assert [m["ModelVersion"] for m in first["Models"]] == ["1", "2"]
    pages = list(lv.get_paginator("list_models").paginate(ProjectName="widgets", PaginationConfig={"PageSize": 2}))
    assert [[m["ModelVersion"] for m in p["Models"]] for p in pages] == [["1", "2"], ["3", "4"], ["5"]]
    with pytest.raises(lv.exceptions.ValidationException):
        lv.list_models(ProjectName="widgets", NextToken="garbage")
