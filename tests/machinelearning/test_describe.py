"""Describe*: every filter comparator, sort orders, Limit/NextToken and the four paginators."""

import time

import pytest
from botocore.exceptions import ParamValidationError

from tests.support import error_of

from .helpers import BUCKET, make_data_source, make_endpoint, make_model

NAMES = ["2014-09-09-HolidayGiftMailer", "2014-09-10-Mailer", "2015-01-01-Report", "alpha", "beta"]


def _next_millisecond():
    """Wait for the clock to pass the current millisecond: the API reports dates in epoch
    milliseconds, and a create takes about one, so back-to-back creates can share a CreatedAt."""
    start = time.time_ns() // 1_000_000
    while time.time_ns() // 1_000_000 == start:
        time.sleep(0.0002)


@pytest.fixture
def sources(ml, s3):
    for index, name in enumerate(NAMES):
        make_data_source(ml, f"ds-{index}", name=name)
        _next_millisecond()  # one CreatedAt each, so date filters can tell them apart
    return NAMES


def names(response):
    return [entity["Name"] for entity in response["Results"]]


@pytest.mark.parametrize(
    "comparator, operand, expected",
    [
        ("EQ", "alpha", ["alpha"]),
        ("NE", "alpha", [n for n in NAMES if n != "alpha"]),
        ("GT", "alpha", ["beta"]),
        ("GE", "alpha", ["alpha", "beta"]),
        ("LT", "2014-09-10-Mailer", ["2014-09-09-HolidayGiftMailer"]),
        ("LE", "2014-09-10-Mailer", ["2014-09-09-HolidayGiftMailer", "2014-09-10-Mailer"]),
        ("Prefix", "2014-09", ["2014-09-09-HolidayGiftMailer", "2014-09-10-Mailer"]),
        ("Prefix", "2014-09-09-Holiday", ["2014-09-09-HolidayGiftMailer"]),
    ],
)
def test_each_comparator_on_name(ml, sources, comparator, operand, expected):
    assert names(ml.describe_data_sources(FilterVariable="Name", **{comparator: operand})) == expected


def test_comparators_combine_into_a_range(ml, sources):
    assert names(ml.describe_data_sources(FilterVariable="Name", GE="2014-09-10", LT="alpha")) == [
        "2014-09-10-Mailer",
        "2015-01-01-Report",
    ]


def test_sort_order_follows_the_filter_variable(ml, sources):
    assert names(ml.describe_data_sources(FilterVariable="Name", SortOrder="asc")) == sorted(NAMES)
    assert names(ml.describe_data_sources(FilterVariable="Name", SortOrder="dsc")) == sorted(NAMES, reverse=True)
    # no filter variable: creation order
    assert [d["DataSourceId"] for d in ml.describe_data_sources(SortOrder="dsc")["Results"]] == [
        f"ds-{i}" for i in reversed(range(5))
    ]


def test_dates_compare_as_dates(ml, sources):
    created = ml.get_data_source(DataSourceId="ds-2")["CreatedAt"]
    epoch = str(created.timestamp())
    later = names(ml.describe_data_sources(FilterVariable="CreatedAt", GE=epoch))
    assert later[0] == NAMES[2] and set(later) == set(NAMES[2:])
    assert names(ml.describe_data_sources(FilterVariable="CreatedAt", LT=created.isoformat())) == NAMES[:2]
    # the date a caller was shown is the date the filter compares
    assert names(ml.describe_data_sources(FilterVariable="CreatedAt", EQ=epoch)) == [NAMES[2]]
    with pytest.raises(ml.exceptions.InvalidInputException):
        ml.describe_data_sources(FilterVariable="CreatedAt", GT="yesterday")


def test_status_filter_reports_what_it_matched(ml, sources, moto_ext_mock):
    moto_ext_mock.set_progression("machinelearning.data_source", "manual", times=2)
    ml.get_data_source(DataSourceId="ds-0")  # one read of two: ds-0 moves on the next one
    moving = ml.describe_data_sources(FilterVariable="Status", EQ="INPROGRESS")
    assert [(d["Name"], d["Status"]) for d in moving["Results"]] == [(NAMES[0], "INPROGRESS")]
    # this read is the second for ds-1..4: they move to INPROGRESS too, so none is left
    assert ml.describe_data_sources(FilterVariable="Status", NE="INPROGRESS")["Results"] == []
    # and the next one completes ds-0
    later = ml.describe_data_sources(FilterVariable="Status", EQ="INPROGRESS")
    assert [(d["Name"], d["Status"]) for d in later["Results"]] == [(name, "INPROGRESS") for name in NAMES[1:]]


def test_model_filters(ml, s3):
    make_model(ml, "binary", "BINARY")
    make_model(ml, "regression", "REGRESSION", data_source_id="ds-train")
    make_endpoint(ml, "binary")
    assert [
        m["MLModelId"] for m in ml.describe_ml_models(FilterVariable="MLModelType", EQ="REGRESSION")["Results"]
    ] == ["regression"]
    assert [
        m["MLModelId"] for m in ml.describe_ml_models(FilterVariable="RealtimeEndpointStatus", EQ="READY")["Results"]
    ] == ["binary"]
    assert len(ml.describe_ml_models(FilterVariable="TrainingDataSourceId", EQ="ds-train")["Results"]) == 2
    assert len(ml.describe_ml_models(FilterVariable="Algorithm", EQ="sgd")["Results"]) == 2
    assert len(ml.describe_ml_models(FilterVariable="TrainingDataURI", Prefix=f"s3://{BUCKET}/")["Results"]) == 2
    assert ml.describe_ml_models(FilterVariable="IAMUser", NE="arn:aws:iam::123456789012:root")["Results"] == []


def test_evaluation_and_batch_prediction_filters(ml, s3):
    make_model(ml, "m1")
    make_model(ml, "m2", data_source_id="ds-train")
    for model in ("m1", "m2"):
        ml.create_evaluation(EvaluationId=f"e-{model}", MLModelId=model, EvaluationDataSourceId="ds-train")
        ml.create_batch_prediction(
            BatchPredictionId=f"b-{model}",
            MLModelId=model,
            BatchPredictionDataSourceId="ds-train",
            OutputUri=f"s3://{BUCKET}/{model}/",
        )
    assert [e["EvaluationId"] for e in ml.describe_evaluations(FilterVariable="MLModelId", EQ="m2")["Results"]] == [
        "e-m2"
    ]
    assert len(ml.describe_evaluations(FilterVariable="DataSourceId", EQ="ds-train")["Results"]) == 2
    assert [
        b["BatchPredictionId"] for b in ml.describe_batch_predictions(FilterVariable="MLModelId", NE="m2")["Results"]
    ] == ["b-m1"]
    assert len(ml.describe_batch_predictions(FilterVariable="DataURI", Prefix=f"s3://{BUCKET}/train")["Results"]) == 2


def test_limit_and_next_token(ml, sources):
    first = ml.describe_data_sources(FilterVariable="Name", SortOrder="asc", Limit=2)
    assert names(first) == sorted(NAMES)[:2] and first["NextToken"]
    second = ml.describe_data_sources(FilterVariable="Name", SortOrder="asc", Limit=2, NextToken=first["NextToken"])
    third = ml.describe_data_sources(FilterVariable="Name", SortOrder="asc", Limit=2, NextToken=second["NextToken"])
    assert names(second) + names(third) == sorted(NAMES)[2:]
    assert "NextToken" not in third
    for token in ("garbage", first["NextToken"]):
        # a token only continues the listing it came from
        with pytest.raises(ml.exceptions.InvalidInputException) as raised:
            ml.describe_data_sources(FilterVariable="Name", SortOrder="dsc", NextToken=token)
        assert error_of(raised).status == 400


def test_limit_range(ml, sources):
    with pytest.raises(ml.exceptions.InvalidInputException, match="maximum 100"):
        ml.describe_data_sources(Limit=101)
    with pytest.raises(ParamValidationError):
        ml.describe_data_sources(Limit=0)
    assert len(ml.describe_data_sources(Limit=100)["Results"]) == 5


def test_comparator_needs_a_filter_variable(ml, sources):
    with pytest.raises(ml.exceptions.InvalidInputException, match="FilterVariable"):
        ml.describe_data_sources(EQ="alpha")


@pytest.mark.parametrize(
    "operation", ["describe_data_sources", "describe_ml_models", "describe_evaluations", "describe_batch_predictions"]
)
def test_paginators(ml, s3, operation):
    for index in range(5):
        make_data_source(ml, f"ds-{index}")
        ml.create_ml_model(MLModelId=f"m-{index}", MLModelType="BINARY", TrainingDataSourceId=f"ds-{index}")
        ml.create_evaluation(EvaluationId=f"e-{index}", MLModelId=f"m-{index}", EvaluationDataSourceId=f"ds-{index}")
        ml.create_batch_prediction(
            BatchPredictionId=f"b-{index}",
            MLModelId=f"m-{index}",
            BatchPredictionDataSourceId=f"ds-{index}",
            OutputUri=f"s3://{BUCKET}/o{index}/",
        )
    pages = list(ml.get_paginator(operation).paginate(PaginationConfig={"PageSize": 2}))
    assert [len(page["Results"]) for page in pages] == [2, 2, 1]
    ids = [
        next(v for k, v in entity.items() if k.endswith("Id") and v.split("-")[0] in "dsmeb")
        for page in pages
        for entity in page["Results"]
    ]
    assert len(set(ids)) == 5
    full = ml.get_paginator(operation).paginate(PaginationConfig={"PageSize": 2, "MaxItems": 3}).build_full_result()
    assert len(full["Results"]) == 3 and full["NextToken"]


def test_entities_created_in_one_millisecond_keep_their_creation_order(ml, s3):
    created = [f"z-{9 - index}" for index in range(8)]  # ids that sort against creation order
    for data_source_id in created:
        make_data_source(ml, data_source_id)
    assert [d["DataSourceId"] for d in ml.describe_data_sources()["Results"]] == created
    assert [d["DataSourceId"] for d in ml.describe_data_sources(SortOrder="dsc")["Results"]] == created[::-1]
