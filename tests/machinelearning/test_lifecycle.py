"""Statuses, the fields that come with them, waiters, dependencies, S3 failures, deletion, caller-chosen ids."""

import gzip
import json

import pytest
from botocore.exceptions import WaiterError

from tests.support import client, error_of

from .helpers import BUCKET, SCHEMA, TRAIN_URL, make_data_source, make_model, read_until

FAST = {"Delay": 0, "MaxAttempts": 5}


def test_data_source_moves_one_step_per_read_and_fills_its_fields(ml, s3):
    make_data_source(ml, "ds")
    first = ml.get_data_source(DataSourceId="ds")
    assert first["Status"] == "INPROGRESS"
    assert "StartedAt" in first and "FinishedAt" not in first and "DataSizeInBytes" not in first
    done = ml.get_data_source(DataSourceId="ds", Verbose=True)
    assert done["Status"] == "COMPLETED"
    assert done["DataSizeInBytes"] == len(s3.get_object(Bucket=BUCKET, Key="train/part-1.csv")["Body"].read())
    assert done["NumberOfFiles"] == 1
    assert done["ComputeStatistics"] is True and done["ComputeTime"] > 0
    assert done["FinishedAt"] >= done["StartedAt"] >= done["CreatedAt"]
    assert done["CreatedByIamUser"] == "arn:aws:iam::123456789012:root"
    assert done["DataSourceSchema"] == SCHEMA
    assert "DataSourceSchema" not in ml.get_data_source(DataSourceId="ds")


def test_manual_progression_holds_the_status(ml, s3, moto_ext_mock):
    moto_ext_mock.set_progression("machinelearning.data_source", "manual", times=3)
    make_data_source(ml, "ds")
    assert [ml.get_data_source(DataSourceId="ds")["Status"] for _ in range(6)] == [
        "PENDING",
        "PENDING",
        "INPROGRESS",
        "INPROGRESS",
        "INPROGRESS",
        "COMPLETED",
    ]


def test_model_completes_with_score_threshold_and_training_parameters(ml, s3):
    make_model(ml, "binary", "BINARY")
    model = ml.get_ml_model(MLModelId="binary", Verbose=True)
    assert model["ScoreThreshold"] == 0.5 and "ScoreThresholdLastUpdatedAt" in model
    assert model["SizeInBytes"] > 0 and model["ComputeTime"] > 0
    assert model["TrainingParameters"] == {
        "sgd.maxMLModelSizeInBytes": "33554432",
        "sgd.maxPasses": "10",
        "sgd.shuffleType": "none",
    }
    assert model["InputDataLocationS3"] == TRAIN_URL
    assert model["Schema"] == SCHEMA and json.loads(model["Recipe"])["outputs"]
    assert model["EndpointInfo"] == {"PeakRequestsPerSecond": 0, "EndpointStatus": "NONE"}
    regression = make_model(ml, "regression", "REGRESSION", data_source_id="ds-train")
    assert "ScoreThreshold" not in ml.get_ml_model(MLModelId=regression)


def test_data_source_waiter_finishes_and_fails(ml, s3, moto_ext_mock):
    make_data_source(ml, "good", name="good")
    ml.get_waiter("data_source_available").wait(FilterVariable="Name", EQ="good", WaiterConfig=FAST)
    assert ml.get_data_source(DataSourceId="good")["Status"] == "COMPLETED"

    moto_ext_mock.set_outcome("machinelearning.data_source", "FAILED")
    make_data_source(ml, "bad", name="bad")
    with pytest.raises(WaiterError, match="terminal failure"):
        ml.get_waiter("data_source_available").wait(FilterVariable="Name", EQ="bad", WaiterConfig=FAST)
    failed = ml.get_data_source(DataSourceId="bad")
    assert failed["Status"] == "FAILED" and failed["Message"] and "FinishedAt" in failed


def test_ml_model_waiter_finishes_and_fails(ml, s3, moto_ext_mock):
    make_data_source(ml)
    ml.create_ml_model(MLModelId="good", MLModelName="good", MLModelType="BINARY", TrainingDataSourceId="ds-train")
    ml.get_waiter("ml_model_available").wait(FilterVariable="Name", EQ="good", WaiterConfig=FAST)
    assert ml.get_ml_model(MLModelId="good")["Status"] == "COMPLETED"

    ml.create_ml_model(MLModelId="bad", MLModelName="bad", MLModelType="BINARY", TrainingDataSourceId="ds-train")
    moto_ext_mock.set_status("bad", "FAILED")  # one resource, by its id
    with pytest.raises(WaiterError, match="terminal failure"):
        ml.get_waiter("ml_model_available").wait(FilterVariable="Name", EQ="bad", WaiterConfig=FAST)


def test_evaluation_waiter_finishes_and_fails(ml, s3, moto_ext_mock):
    make_model(ml, "model")
    ml.create_evaluation(
        EvaluationId="good", EvaluationName="good", MLModelId="model", EvaluationDataSourceId="ds-train"
    )
    ml.get_waiter("evaluation_available").wait(FilterVariable="Name", EQ="good", WaiterConfig=FAST)
    evaluation = ml.get_evaluation(EvaluationId="good")
    assert evaluation["Status"] == "COMPLETED"
    (metric,) = evaluation["PerformanceMetrics"]["Properties"].items()
    assert metric[0] == "BinaryAUC" and 0.5 <= float(metric[1]) <= 1

    moto_ext_mock.set_outcome("machinelearning.evaluation", "FAILED")
    ml.create_evaluation(EvaluationId="bad", EvaluationName="bad", MLModelId="model", EvaluationDataSourceId="ds-train")
    with pytest.raises(WaiterError, match="terminal failure"):
        ml.get_waiter("evaluation_available").wait(FilterVariable="Name", EQ="bad", WaiterConfig=FAST)
    assert "PerformanceMetrics" not in ml.get_evaluation(EvaluationId="bad")


def test_batch_prediction_waiter_finishes_and_fails(ml, s3, moto_ext_mock):
    make_model(ml, "model")
    ml.create_batch_prediction(
        BatchPredictionId="good",
        BatchPredictionName="good",
        MLModelId="model",
        BatchPredictionDataSourceId="ds-train",
        OutputUri=f"s3://{BUCKET}/out/",
    )
    ml.get_waiter("batch_prediction_available").wait(FilterVariable="Name", EQ="good", WaiterConfig=FAST)
    assert ml.get_batch_prediction(BatchPredictionId="good")["Status"] == "COMPLETED"

    moto_ext_mock.set_outcome("machinelearning.batch_prediction", "FAILED")
    ml.create_batch_prediction(
        BatchPredictionId="bad",
        BatchPredictionName="bad",
        MLModelId="model",
        BatchPredictionDataSourceId="ds-train",
        OutputUri=f"s3://{BUCKET}/out2/",
    )
    with pytest.raises(WaiterError, match="terminal failure"):
        ml.get_waiter("batch_prediction_available").wait(FilterVariable="Name", EQ="bad", WaiterConfig=FAST)


def test_batch_prediction_writes_results_and_counts_records(ml, s3):
    make_model(ml, "colours", "MULTICLASS")
    ml.create_batch_prediction(
        BatchPredictionId="bp",
        MLModelId="colours",
        BatchPredictionDataSourceId="ds-train",
        OutputUri=f"s3://{BUCKET}/out/",
    )
    assert read_until(ml.get_batch_prediction, BatchPredictionId="bp") == "COMPLETED"
    done = ml.get_batch_prediction(BatchPredictionId="bp")
    assert (done["TotalRecordCount"], done["InvalidRecordCount"]) == (5, 1)
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key="out/batch-prediction/bp.manifest")["Body"].read())
    result_url = f"s3://{BUCKET}/out/batch-prediction/result/bp-part-1.csv.gz"
    assert manifest == {f"s3://{BUCKET}/train/part-1.csv": result_url}
    lines = (
        gzip.decompress(s3.get_object(Bucket=BUCKET, Key=result_url.split("/", 3)[3])["Body"].read())
        .decode()
        .splitlines()
    )
    assert lines[0] == "blue,green,red"  # the classes the model learned from the training target
    assert len(lines) == 1 + 4
    assert all(abs(sum(map(float, line.split(","))) - 1) < 1e-5 for line in lines[1:])


def test_missing_s3_data_fails_the_data_source_with_a_message(ml, s3):
    # Choice: the create succeeds and the data source ends FAILED with a Message, as the
    # CreateDataSourceFromS3 reference describes for input Amazon ML cannot accept.
    make_data_source(ml, "no-bucket", location="s3://no-such-bucket/data.csv")
    make_data_source(ml, "no-object", location=f"s3://{BUCKET}/missing/")
    ml.create_data_source_from_s3(
        DataSourceId="no-schema",
        DataSpec={"DataLocationS3": TRAIN_URL, "DataSchemaLocationS3": f"s3://{BUCKET}/schema.json"},
    )
    for data_source_id, words in (
        ("no-bucket", "no-such-bucket"),
        ("no-object", "No data files"),
        ("no-schema", "DataSchema"),
    ):
        assert read_until(ml.get_data_source, DataSourceId=data_source_id) == "FAILED"
        assert words in ml.get_data_source(DataSourceId=data_source_id)["Message"]
    with pytest.raises(WaiterError, match="terminal failure"):
        ml.get_waiter("data_source_available").wait(
            FilterVariable="DataLocationS3", EQ="s3://no-such-bucket/data.csv", WaiterConfig=FAST
        )


def test_unusable_inputs_fail_whoever_moves_the_status(ml, s3, moto_ext_mock):
    # time progression moves statuses before the request is answered, waiters settle at once:
    # a run that cannot read its data ends FAILED either way, with the reason
    moto_ext_mock.set_progression("machinelearning.data_source", "time", seconds=0)
    make_data_source(ml, "timed", location="s3://no-such-bucket/")
    timed = ml.get_data_source(DataSourceId="timed")
    assert timed["Status"] == "FAILED" and "no-such-bucket" in timed["Message"]
    moto_ext_mock.set_progression("machinelearning.data_source", "immediate")
    make_data_source(ml, "waited", location=f"s3://{BUCKET}/missing/", name="waited")
    with pytest.raises(WaiterError, match="terminal failure"):
        ml.get_waiter("data_source_available").wait(FilterVariable="Name", EQ="waited", WaiterConfig=FAST)
    assert "No data files" in ml.get_data_source(DataSourceId="waited")["Message"]


def test_schema_read_from_s3_and_single_object_location(ml, s3):
    s3.put_object(Bucket=BUCKET, Key="schema.json", Body=SCHEMA.encode())
    ml.create_data_source_from_s3(
        DataSourceId="ds",
        DataSpec={
            "DataLocationS3": f"s3://{BUCKET}/train/part-1.csv",
            "DataSchemaLocationS3": f"s3://{BUCKET}/schema.json",
        },
    )
    assert read_until(ml.get_data_source, DataSourceId="ds") == "COMPLETED"
    assert ml.get_data_source(DataSourceId="ds", Verbose=True)["DataSourceSchema"] == SCHEMA


def test_database_sources_need_their_instance_or_cluster(ml, s3):
    spec = {
        "DatabaseInformation": {"DatabaseName": "dev", "ClusterIdentifier": "missing-cluster"},
        "SelectSqlQuery": "select 1",
        "DatabaseCredentials": {"Username": "u", "Password": "password1"},
        "S3StagingLocation": f"s3://{BUCKET}/staging/",
        "DataSchema": SCHEMA,
    }
    ml.create_data_source_from_redshift(DataSourceId="rs", DataSpec=spec, RoleARN="arn:aws:iam::123456789012:role/ml")
    assert read_until(ml.get_data_source, DataSourceId="rs") == "FAILED"
    source = ml.get_data_source(DataSourceId="rs")
    assert "missing-cluster" in source["Message"]
    assert source["RedshiftMetadata"]["RedshiftDatabase"] == spec["DatabaseInformation"]
    assert source["DataLocationS3"] == spec["S3StagingLocation"]


def test_dependents_queue_behind_their_inputs_and_fail_with_them(ml, s3, moto_ext_mock):
    # A PENDING data source can already be used (CreateDataSourceFromS3 API reference).
    make_data_source(ml, "ds")
    ml.create_ml_model(MLModelId="m", MLModelType="BINARY", TrainingDataSourceId="ds")
    ml.create_evaluation(EvaluationId="e", MLModelId="m", EvaluationDataSourceId="ds")
    ml.get_waiter("evaluation_available").wait(WaiterConfig=FAST)
    assert ml.get_ml_model(MLModelId="m")["Status"] == "COMPLETED"

    make_data_source(ml, "doomed", location="s3://no-such-bucket/")
    ml.create_ml_model(MLModelId="m2", MLModelType="BINARY", TrainingDataSourceId="doomed")
    assert read_until(ml.get_ml_model, MLModelId="m2") == "FAILED"
    assert "doomed" in ml.get_ml_model(MLModelId="m2")["Message"]

    make_data_source(ml, "gone")
    ml.create_ml_model(MLModelId="m3", MLModelType="BINARY", TrainingDataSourceId="gone")
    ml.delete_data_source(DataSourceId="gone")
    assert ml.get_ml_model(MLModelId="m3")["Status"] == "FAILED"


@pytest.mark.parametrize("status", ["FAILED", "DELETED"])
def test_unusable_or_missing_inputs_are_refused(ml, s3, moto_ext_mock, status):
    make_model(ml, "m")
    make_data_source(ml, "ds-x")
    moto_ext_mock.set_status("ds-x", status)
    calls = [
        lambda: ml.create_ml_model(MLModelId="m-new", MLModelType="BINARY", TrainingDataSourceId="ds-x"),
        lambda: ml.create_evaluation(EvaluationId="e", MLModelId="m", EvaluationDataSourceId="ds-x"),
        lambda: ml.create_batch_prediction(
            BatchPredictionId="b", MLModelId="m", BatchPredictionDataSourceId="ds-x", OutputUri=f"s3://{BUCKET}/o/"
        ),
        lambda: ml.create_evaluation(EvaluationId="e", MLModelId="no-such-model", EvaluationDataSourceId="ds-train"),
        lambda: ml.create_batch_prediction(
            BatchPredictionId="b",
            MLModelId="m",
            BatchPredictionDataSourceId="no-such-ds",
            OutputUri=f"s3://{BUCKET}/o/",
        ),
        lambda: ml.create_ml_model(MLModelId="m-new", MLModelType="BINARY", TrainingDataSourceId="no-such-ds"),
    ]
    for call in calls:
        with pytest.raises(ml.exceptions.InvalidInputException) as raised:
            call()
        assert error_of(raised).status == 400
    moto_ext_mock.set_status("m", status)
    with pytest.raises(ml.exceptions.InvalidInputException):
        ml.create_evaluation(EvaluationId="e", MLModelId="m", EvaluationDataSourceId="ds-train")
    assert ml.describe_evaluations()["Results"] == [] and ml.describe_batch_predictions()["Results"] == []


def test_model_needs_computed_statistics(ml, s3):
    make_data_source(ml, "no-stats", compute_statistics=False)
    with pytest.raises(ml.exceptions.InvalidInputException, match="ComputeStatistics"):
        ml.create_ml_model(MLModelId="m", MLModelType="BINARY", TrainingDataSourceId="no-stats")


def test_delete_marks_deleted_get_answers_describe_hides(ml, s3):
    make_model(ml, "m")
    ml.create_realtime_endpoint(MLModelId="m")
    assert ml.delete_ml_model(MLModelId="m")["MLModelId"] == "m"
    model = ml.get_ml_model(MLModelId="m")
    assert model["Status"] == "DELETED" and model["EndpointInfo"]["EndpointStatus"] == "NONE"
    assert ml.describe_ml_models()["Results"] == []
    assert ml.describe_ml_models(FilterVariable="Status", EQ="DELETED")["Results"] == []
    for call in (
        lambda: ml.delete_ml_model(MLModelId="m"),
        lambda: ml.update_ml_model(MLModelId="m", MLModelName="x"),
        lambda: ml.create_realtime_endpoint(MLModelId="m"),
        lambda: ml.describe_tags(ResourceId="m", ResourceType="MLModel"),
    ):
        with pytest.raises(ml.exceptions.ResourceNotFoundException):
            call()
    ml.delete_data_source(DataSourceId="ds-train")
    assert ml.get_data_source(DataSourceId="ds-train")["Status"] == "DELETED"


def test_same_id_same_parameters_answers_again_other_parameters_conflict(ml, s3):
    make_data_source(ml, "ds")
    assert (
        ml.create_data_source_from_s3(
            DataSourceId="ds", DataSpec={"DataLocationS3": TRAIN_URL, "DataSchema": SCHEMA}, ComputeStatistics=True
        )["DataSourceId"]
        == "ds"
    )
    with pytest.raises(ml.exceptions.IdempotentParameterMismatchException) as raised:
        ml.create_data_source_from_s3(
            DataSourceId="ds", DataSpec={"DataLocationS3": f"s3://{BUCKET}/other/", "DataSchema": SCHEMA}
        )
    failure = error_of(raised)
    assert failure.status == 400 and failure.response["code"] == 400
    assert ml.get_data_source(DataSourceId="ds")["DataLocationS3"] == TRAIN_URL

    ml.create_ml_model(MLModelId="m", MLModelType="BINARY", TrainingDataSourceId="ds")
    ml.get_ml_model(MLModelId="m")
    assert ml.create_ml_model(MLModelId="m", MLModelType="BINARY", TrainingDataSourceId="ds")["MLModelId"] == "m"
    assert ml.get_ml_model(MLModelId="m")["Status"] != "PENDING"  # the repeat started nothing new
    with pytest.raises(ml.exceptions.IdempotentParameterMismatchException):
        ml.create_ml_model(MLModelId="m", MLModelType="REGRESSION", TrainingDataSourceId="ds")
    with pytest.raises(ml.exceptions.IdempotentParameterMismatchException):
        ml.create_data_source_from_redshift(
            DataSourceId="ds",
            DataSpec={
                "DatabaseInformation": {"DatabaseName": "dev", "ClusterIdentifier": "c"},
                "SelectSqlQuery": "select 1",
                "DatabaseCredentials": {"Username": "u", "Password": "password1"},
                "S3StagingLocation": f"s3://{BUCKET}/s/",
                "DataSchema": SCHEMA,
            },
            RoleARN="r",
        )


def test_update_names_and_score_threshold(ml, s3):
    make_model(ml, "m")
    before = ml.get_ml_model(MLModelId="m")
    ml.update_ml_model(MLModelId="m", MLModelName="renamed", ScoreThreshold=0.8)
    after = ml.get_ml_model(MLModelId="m")
    assert after["Name"] == "renamed" and after["ScoreThreshold"] == pytest.approx(0.8)
    assert after["ScoreThresholdLastUpdatedAt"] >= before["ScoreThresholdLastUpdatedAt"]
    with pytest.raises(ml.exceptions.InvalidInputException):
        ml.update_ml_model(MLModelId="m", ScoreThreshold=1.5)
    make_model(ml, "r", "REGRESSION", data_source_id="ds-train")
    with pytest.raises(ml.exceptions.InvalidInputException, match="BINARY"):
        ml.update_ml_model(MLModelId="r", ScoreThreshold=0.4)
    ml.update_data_source(DataSourceId="ds-train", DataSourceName="new name")
    assert ml.get_data_source(DataSourceId="ds-train")["Name"] == "new name"
    with pytest.raises(ml.exceptions.ResourceNotFoundException):
        ml.update_evaluation(EvaluationId="nope", EvaluationName="x")


def test_invalid_documents_are_refused(ml, s3):
    bad_specs = [
        {"DataLocationS3": TRAIN_URL},  # no schema at all
        {"DataLocationS3": TRAIN_URL, "DataSchema": "{not json"},
        {
            "DataLocationS3": TRAIN_URL,
            "DataSchema": json.dumps({"attributes": [{"fieldName": "a", "fieldType": "DATE"}]}),
        },
        {
            "DataLocationS3": TRAIN_URL,
            "DataSchema": SCHEMA,
            "DataRearrangement": json.dumps({"splitting": {"percentBegin": 70, "percentEnd": 30}}),
        },
    ]
    for spec in bad_specs:
        with pytest.raises(ml.exceptions.InvalidInputException):
            ml.create_data_source_from_s3(DataSourceId="ds", DataSpec=spec)
    make_data_source(ml)
    for parameters in (
        {"sgd.maxPasses": "0"},
        {"sgd.shuffleType": "sometimes"},
        {"sgd.unknown": "1"},
        {"sgd.l1RegularizationAmount": "0.1", "sgd.l2RegularizationAmount": "0.1"},
    ):
        with pytest.raises(ml.exceptions.InvalidInputException):
            ml.create_ml_model(
                MLModelId="m", MLModelType="BINARY", TrainingDataSourceId="ds-train", Parameters=parameters
            )
    with pytest.raises(ml.exceptions.InvalidInputException):
        ml.create_batch_prediction(
            BatchPredictionId="b",
            MLModelId="m",
            BatchPredictionDataSourceId="ds-train",
            OutputUri=f"s3://{BUCKET}/a//b/",
        )
    assert ml.describe_data_sources()["Results"][0]["DataSourceId"] == "ds-train"
    assert ml.describe_ml_models()["Results"] == []


def test_rearrangement_selects_the_rows_a_batch_prediction_reads(ml, s3):
    make_model(ml, "m")
    make_data_source(ml, "half", DataRearrangement=json.dumps({"splitting": {"percentBegin": 0, "percentEnd": 60}}))
    ml.create_batch_prediction(
        BatchPredictionId="bp", MLModelId="m", BatchPredictionDataSourceId="half", OutputUri=f"s3://{BUCKET}/o/"
    )
    assert read_until(ml.get_batch_prediction, BatchPredictionId="bp") == "COMPLETED"
    assert ml.get_batch_prediction(BatchPredictionId="bp")["TotalRecordCount"] == 3


def test_a_forced_status_is_kept_and_arns_name_resources(ml, s3, moto_ext_mock):
    ml.create_data_source_from_s3(
        DataSourceId="ds",
        DataSpec={"DataLocationS3": "s3://no-such-bucket/", "DataSchema": SCHEMA},
        ComputeStatistics=True,
    )
    moto_ext_mock.set_status("arn:aws:machinelearning:us-east-1:123456789012:datasource/ds", "COMPLETED")
    forced = ml.get_data_source(DataSourceId="ds")
    assert forced["Status"] == "COMPLETED" and "Message" not in forced and "FinishedAt" in forced
    with pytest.raises(ValueError):
        moto_ext_mock.set_status("ds", "READY")  # not a status of a data source


def test_created_by_names_the_iam_user(ml, s3):
    iam = client("iam")
    iam.create_user(UserName="analyst")
    key = iam.create_access_key(UserName="analyst")["AccessKey"]
    as_user = client(
        "machinelearning", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"]
    )
    make_data_source(as_user, "mine")
    assert ml.get_data_source(DataSourceId="mine")["CreatedByIamUser"] == "arn:aws:iam::123456789012:user/analyst"
    assert (
        ml.describe_data_sources(FilterVariable="IAMUser", EQ="arn:aws:iam::123456789012:user/analyst")["Results"][0][
            "DataSourceId"
        ]
        == "mine"
    )
