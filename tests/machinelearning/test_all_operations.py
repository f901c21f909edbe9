"""Every operation of the Amazon Machine Learning model, called through boto3 on a small world of
entities, answers 200 with a body that validates against its output shape (one test per operation)."""

import pytest

from moto_ext.core import registry
from tests.support import assert_matches_output_shape, client

from .helpers import BUCKET, SCHEMA, make_data_source, make_endpoint, make_model, read_until

OPERATIONS = registry.get("machinelearning").operations()
ROLE = "arn:aws:iam::123456789012:role/ml"
DATABASE_SOURCE = {
    "SelectSqlQuery": "select * from t",
    "DatabaseCredentials": {"Username": "reader", "Password": "password1"},
    "DataSchema": SCHEMA,
}


@pytest.fixture
def world(ml, s3):
    """A COMPLETED data source, MULTICLASS model, evaluation and batch prediction; a READY endpoint; tags."""
    make_data_source(ml, "ds-s3", name="training")
    make_model(ml, "model", "MULTICLASS", data_source_id="ds-s3")
    ml.create_evaluation(EvaluationId="evaluation", MLModelId="model", EvaluationDataSourceId="ds-s3")
    assert read_until(ml.get_evaluation, EvaluationId="evaluation") == "COMPLETED"
    ml.create_batch_prediction(
        BatchPredictionId="batch",
        MLModelId="model",
        BatchPredictionDataSourceId="ds-s3",
        OutputUri=f"s3://{BUCKET}/out/",
    )
    assert read_until(ml.get_batch_prediction, BatchPredictionId="batch") == "COMPLETED"
    endpoint_url = make_endpoint(ml, "model")
    ml.add_tags(ResourceId="model", ResourceType="MLModel", Tags=[{"Key": "team", "Value": "colours"}, {"Key": "flag"}])
    return {"endpoint_url": endpoint_url}


def _rds_source(ml, world):
    client("rds").create_db_instance(
        DBInstanceIdentifier="orders-db",
        DBInstanceClass="db.t3.micro",
        Engine="mysql",
        MasterUsername="admin",
        MasterUserPassword="password1",
        AllocatedStorage=20,
    )
    rds_data = {
        **DATABASE_SOURCE,
        "DatabaseInformation": {"InstanceIdentifier": "orders-db", "DatabaseName": "orders"},
        "S3StagingLocation": f"s3://{BUCKET}/staging/rds/",
        "ResourceRole": "DataPipelineDefaultResourceRole",
        "ServiceRole": "DataPipelineDefaultRole",
        "SubnetId": "subnet-1",
        "SecurityGroupIds": ["sg-1"],
    }
    return {"DataSourceId": "ds-rds", "RDSData": rds_data, "RoleARN": ROLE}


def _redshift_source(ml, world):
    client("redshift").create_cluster(
        ClusterIdentifier="warehouse",
        NodeType="dc2.large",
        ClusterType="single-node",
        MasterUsername="admin",
        MasterUserPassword="Password1",
    )
    data_spec = {
        **DATABASE_SOURCE,
        "DatabaseInformation": {"DatabaseName": "dev", "ClusterIdentifier": "warehouse"},
        "S3StagingLocation": f"s3://{BUCKET}/staging/redshift/",
    }
    return {"DataSourceId": "ds-redshift", "DataSpec": data_spec, "RoleARN": ROLE}


def _created_source_completes(ml, response):
    """A new data source completes, and its verbose Get carries the schema."""
    data_source_id = response["DataSourceId"]
    assert read_until(ml.get_data_source, DataSourceId=data_source_id) == "COMPLETED"
    verbose = ml.get_data_source(DataSourceId=data_source_id, Verbose=True)
    assert_matches_output_shape(ml, "GetDataSource", verbose)
    assert verbose["DataSourceSchema"] == SCHEMA


def _method(ml, operation):
    return {api: name for name, api in ml.meta.method_to_api_mapping.items()}[operation]


def _gone(get_operation, id_member, entity_id):
    """After a Delete*, Get* still answers, with DELETED."""

    def check(ml, response):
        assert response[id_member] == entity_id
        answer = getattr(ml, _method(ml, get_operation))(**{id_member: entity_id})
        assert_matches_output_shape(ml, get_operation, answer)
        assert answer["Status"] == "DELETED"

    return check


#: operation -> (its request: dict, or a function of (ml, world) that sets up and returns it; a check of the answer)
CASES = {
    "CreateDataSourceFromS3": (
        {
            "DataSourceId": "ds-new",
            "DataSourceName": "more",
            "DataSpec": {"DataLocationS3": f"s3://{BUCKET}/train/", "DataSchema": SCHEMA},
            "ComputeStatistics": True,
        },
        _created_source_completes,
    ),
    "CreateDataSourceFromRDS": (_rds_source, _created_source_completes),
    "CreateDataSourceFromRedshift": (_redshift_source, _created_source_completes),
    "GetDataSource": (
        {"DataSourceId": "ds-s3", "Verbose": True},
        lambda ml, r: r["Status"] == "COMPLETED" and r["DataSourceSchema"] == SCHEMA,
    ),
    "UpdateDataSource": (
        {"DataSourceId": "ds-s3", "DataSourceName": "training data"},
        lambda ml, r: ml.get_data_source(DataSourceId="ds-s3")["Name"] == "training data",
    ),
    "DeleteDataSource": ({"DataSourceId": "ds-s3"}, _gone("GetDataSource", "DataSourceId", "ds-s3")),
    "DescribeDataSources": ({}, lambda ml, r: [d["DataSourceId"] for d in r["Results"]] == ["ds-s3"]),
    "CreateMLModel": (
        {
            "MLModelId": "model-2",
            "MLModelName": "colours",
            "MLModelType": "MULTICLASS",
            "TrainingDataSourceId": "ds-s3",
        },
        lambda ml, r: read_until(ml.get_ml_model, MLModelId="model-2") == "COMPLETED",
    ),
    "GetMLModel": (
        {"MLModelId": "model", "Verbose": True},
        lambda ml, r: r["Status"] == "COMPLETED" and r["Schema"] == SCHEMA and r["Recipe"],
    ),
    "UpdateMLModel": (
        {"MLModelId": "model", "MLModelName": "colour model"},
        lambda ml, r: ml.get_ml_model(MLModelId="model")["Name"] == "colour model",
    ),
    "DeleteMLModel": ({"MLModelId": "model"}, _gone("GetMLModel", "MLModelId", "model")),
    "DescribeMLModels": ({}, lambda ml, r: [m["MLModelId"] for m in r["Results"]] == ["model"]),
    "CreateEvaluation": (
        {"EvaluationId": "evaluation-2", "MLModelId": "model", "EvaluationDataSourceId": "ds-s3"},
        lambda ml, r: read_until(ml.get_evaluation, EvaluationId="evaluation-2") == "COMPLETED",
    ),
    "GetEvaluation": (
        {"EvaluationId": "evaluation"},
        lambda ml, r: r["Status"] == "COMPLETED" and r["PerformanceMetrics"]["Properties"],
    ),
    "UpdateEvaluation": (
        {"EvaluationId": "evaluation", "EvaluationName": "holdout"},
        lambda ml, r: ml.get_evaluation(EvaluationId="evaluation")["Name"] == "holdout",
    ),
    "DeleteEvaluation": ({"EvaluationId": "evaluation"}, _gone("GetEvaluation", "EvaluationId", "evaluation")),
    "DescribeEvaluations": ({}, lambda ml, r: [e["EvaluationId"] for e in r["Results"]] == ["evaluation"]),
    "CreateBatchPrediction": (
        {
            "BatchPredictionId": "batch-2",
            "MLModelId": "model",
            "BatchPredictionDataSourceId": "ds-s3",
            "OutputUri": f"s3://{BUCKET}/out-2/",
        },
        lambda ml, r: read_until(ml.get_batch_prediction, BatchPredictionId="batch-2") == "COMPLETED",
    ),
    "GetBatchPrediction": (
        {"BatchPredictionId": "batch"},
        lambda ml, r: r["Status"] == "COMPLETED" and r["TotalRecordCount"] == 5,
    ),
    "UpdateBatchPrediction": (
        {"BatchPredictionId": "batch", "BatchPredictionName": "nightly"},
        lambda ml, r: ml.get_batch_prediction(BatchPredictionId="batch")["Name"] == "nightly",
    ),
    "DeleteBatchPrediction": (
        {"BatchPredictionId": "batch"},
        _gone("GetBatchPrediction", "BatchPredictionId", "batch"),
    ),
    "DescribeBatchPredictions": ({}, lambda ml, r: [b["BatchPredictionId"] for b in r["Results"]] == ["batch"]),
    "CreateRealtimeEndpoint": (
        {"MLModelId": "model"},
        lambda ml, r: r["RealtimeEndpointInfo"]["EndpointStatus"] == "READY",
    ),
    "DeleteRealtimeEndpoint": (
        {"MLModelId": "model"},
        lambda ml, r: r["RealtimeEndpointInfo"]["EndpointStatus"] == "NONE",
    ),
    "Predict": (
        lambda ml, world: {
            "MLModelId": "model",
            "Record": {"age": "30", "colour": "red"},
            "PredictEndpoint": world["endpoint_url"],
        },
        lambda ml, r: r["Prediction"]["predictedLabel"] in ("red", "green", "blue"),
    ),
    "AddTags": (
        {"ResourceId": "ds-s3", "ResourceType": "DataSource", "Tags": [{"Key": "team", "Value": "data"}]},
        lambda ml, r: r["ResourceType"] == "DataSource",
    ),
    "DescribeTags": (
        {"ResourceId": "model", "ResourceType": "MLModel"},
        lambda ml, r: r["Tags"] == [{"Key": "team", "Value": "colours"}, {"Key": "flag"}],
    ),
    "DeleteTags": (
        {"ResourceId": "model", "ResourceType": "MLModel", "TagKeys": ["team"]},
        lambda ml, r: ml.describe_tags(ResourceId="model", ResourceType="MLModel")["Tags"] == [{"Key": "flag"}],
    ),
}


def test_every_operation_has_a_case():
    assert set(CASES) == set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation(ml, world, operation):
    request, check = CASES[operation]
    if callable(request):
        request = request(ml, world)
    response = getattr(ml, _method(ml, operation))(**request)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert_matches_output_shape(ml, operation, response)
    assert check(ml, response) is not False
