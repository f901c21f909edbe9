"""Modeled errors: classes, HTTP statuses, the integer ``code`` member; tags; validation; faults."""

import json

import pytest

from tests.support import client, error_of

from .helpers import BUCKET, make_data_source, make_model

URL = "https://realtime.machinelearning.us-east-1.amazonaws.com"


def _raw_bodies(ml, operation):
    bodies = []
    ml.meta.events.register(
        f"before-parse.machine-learning.{operation}", lambda response_dict, **_: bodies.append(response_dict["body"])
    )
    return bodies


def test_resource_not_found_is_400_with_an_integer_code(ml):
    bodies = _raw_bodies(ml, "GetMLModel")
    with pytest.raises(ml.exceptions.ResourceNotFoundException) as raised:
        ml.get_ml_model(MLModelId="missing")
    failure = error_of(raised)
    assert (failure.code, failure.status) == ("ResourceNotFoundException", 400)
    assert failure.response["code"] == 400 and "missing" in failure.response["message"]
    wire = json.loads(bodies[0])
    assert wire["__type"] == "ResourceNotFoundException" and wire["code"] == 400 and isinstance(wire["code"], int)


def test_internal_server_error_is_500(ml, moto_ext_mock):
    moto_ext_mock.inject_fault("machinelearning", "DescribeMLModels", "InternalServerException", count=1)
    bodies = _raw_bodies(ml, "DescribeMLModels")
    with pytest.raises(ml.exceptions.InternalServerException) as raised:
        ml.describe_ml_models()
    failure = error_of(raised)
    assert failure.status == 500 and failure.response["code"] == 500
    assert json.loads(bodies[0])["code"] == 500
    assert ml.describe_ml_models()["Results"] == []  # the fault fired once


@pytest.mark.parametrize(
    "error",
    ["LimitExceededException", "PredictorNotMountedException", "InvalidInputException", "ResourceNotFoundException"],
)
def test_injected_predict_errors_are_typed(ml, moto_ext_mock, error):
    moto_ext_mock.inject_fault("machinelearning", "Predict", error, count=1)
    with pytest.raises(getattr(ml.exceptions, error)) as raised:
        ml.predict(MLModelId="m", Record={}, PredictEndpoint=URL)
    assert error_of(raised).status == 400


def test_faults_change_nothing(ml, s3, moto_ext_mock):
    moto_ext_mock.inject_fault("machinelearning", "CreateDataSourceFromS3", "InvalidInputException", count=1)
    with pytest.raises(ml.exceptions.InvalidInputException):
        make_data_source(ml, "ds")
    assert ml.describe_data_sources()["Results"] == []
    make_data_source(ml, "ds")
    assert [d["DataSourceId"] for d in ml.describe_data_sources()["Results"]] == ["ds"]


@pytest.mark.parametrize(
    "call",
    [
        lambda ml: ml.get_ml_model(MLModelId="a" * 65),
        lambda ml: ml.get_ml_model(MLModelId="!!"),
        lambda ml: ml.describe_ml_models(FilterVariable="Colour"),
        lambda ml: ml.describe_ml_models(SortOrder="up"),
        lambda ml: ml.describe_tags(ResourceId="x", ResourceType="Notebook"),
        lambda ml: ml.create_batch_prediction(
            BatchPredictionId="b", MLModelId="m", BatchPredictionDataSourceId="d", OutputUri="https://not-s3/"
        ),
        lambda ml: ml.create_ml_model(MLModelId="m", MLModelType="CLUSTERING", TrainingDataSourceId="d"),
    ],
)
def test_bad_input_is_invalid_input_400(ml, call):
    with pytest.raises(ml.exceptions.InvalidInputException) as raised:
        call(ml)
    failure = error_of(raised)
    assert failure.status == 400 and failure.response["code"] == 400


def test_tags_round_trip_and_limit(ml, s3):
    make_data_source(ml, "ds")
    ml.add_tags(
        ResourceId="ds",
        ResourceType="DataSource",
        Tags=[{"Key": f"k{i}", "Value": f"v{i}"} for i in range(9)] + [{"Key": "bare"}],
    )
    tags = ml.describe_tags(ResourceId="ds", ResourceType="DataSource")
    assert tags["ResourceId"] == "ds" and tags["ResourceType"] == "DataSource"
    assert {"Key": "bare"} in tags["Tags"] and len(tags["Tags"]) == 10
    ml.add_tags(
        ResourceId="ds", ResourceType="DataSource", Tags=[{"Key": "k0", "Value": "changed"}]
    )  # an update, not an 11th
    with pytest.raises(ml.exceptions.TagLimitExceededException) as raised:
        ml.add_tags(ResourceId="ds", ResourceType="DataSource", Tags=[{"Key": "k10", "Value": "x"}])
    assert error_of(raised).status == 400
    after = {t["Key"]: t.get("Value") for t in ml.describe_tags(ResourceId="ds", ResourceType="DataSource")["Tags"]}
    assert len(after) == 10 and after["k0"] == "changed" and "k10" not in after
    ml.delete_tags(ResourceId="ds", ResourceType="DataSource", TagKeys=["k0", "never-there"])
    assert len(ml.describe_tags(ResourceId="ds", ResourceType="DataSource")["Tags"]) == 9


@pytest.mark.parametrize(
    "tag",
    [
        {"Key": "aws:reserved", "Value": "x"},
        {"Key": "AWS:Reserved"},
        {"Key": "k" * 129},
        {"Key": "star*"},
        {"Key": "ok", "Value": "v" * 257},
        {"Key": "ok", "Value": "semi;colon"},
    ],
)
def test_bad_tags_are_invalid_tag(ml, s3, tag):
    make_data_source(ml, "ds")
    with pytest.raises(ml.exceptions.InvalidTagException) as raised:
        ml.add_tags(ResourceId="ds", ResourceType="DataSource", Tags=[tag])
    assert error_of(raised).status == 400
    assert ml.describe_tags(ResourceId="ds", ResourceType="DataSource")["Tags"] == []


def test_tag_keys_of_other_scripts_are_fine_and_delete_checks_keys(ml, s3):
    make_data_source(ml, "ds")
    ml.add_tags(ResourceId="ds", ResourceType="DataSource", Tags=[{"Key": "équipe 1", "Value": "données/ML@x=y+z"}])
    with pytest.raises(ml.exceptions.InvalidTagException):
        ml.delete_tags(ResourceId="ds", ResourceType="DataSource", TagKeys=["aws:x"])


def test_tags_need_the_resource_of_that_type(ml, s3):
    make_model(ml, "shared-id")
    with pytest.raises(ml.exceptions.ResourceNotFoundException):
        ml.add_tags(ResourceId="shared-id", ResourceType="Evaluation", Tags=[{"Key": "k"}])
    for resource_type, resource_id in (("MLModel", "shared-id"), ("DataSource", "ds-train")):
        ml.add_tags(ResourceId=resource_id, ResourceType=resource_type, Tags=[{"Key": "k", "Value": resource_type}])
    ml.create_evaluation(EvaluationId="e", MLModelId="shared-id", EvaluationDataSourceId="ds-train")
    ml.create_batch_prediction(
        BatchPredictionId="b",
        MLModelId="shared-id",
        BatchPredictionDataSourceId="ds-train",
        OutputUri=f"s3://{BUCKET}/o/",
    )
    ml.add_tags(ResourceId="e", ResourceType="Evaluation", Tags=[{"Key": "k"}])
    ml.add_tags(ResourceId="b", ResourceType="BatchPrediction", Tags=[{"Key": "k"}])
    assert ml.describe_tags(ResourceId="shared-id", ResourceType="MLModel")["Tags"] == [
        {"Key": "k", "Value": "MLModel"}
    ]


def test_accounts_and_regions_are_isolated(ml, s3):
    make_data_source(ml, "ds")
    europe = client("machinelearning", region="eu-west-1")
    assert europe.describe_data_sources()["Results"] == []
    with pytest.raises(europe.exceptions.ResourceNotFoundException):
        europe.get_data_source(DataSourceId="ds")
