"""Every operation of the Amazon Machine Learning model, called through boto3, checked against its output shape."""

from tests.shape_check import assert_matches_output_shape

from .helpers import BUCKET, SCHEMA, TRAIN_URL, client


def test_walk_every_operation(ml, s3, moto_ext_mock):
    called = {}
    methods = {op: name for name, op in ml.meta.method_to_api_mapping.items()}

    def call(operation, **kwargs):
        response = getattr(ml, methods[operation])(**kwargs)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert_matches_output_shape(ml, operation, response)
        called[operation] = response
        return response

    rds = client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="orders-db", DBInstanceClass="db.t3.micro", Engine="mysql",
        MasterUsername="admin", MasterUserPassword="password1", AllocatedStorage=20,
    )
    redshift = client("redshift")
    redshift.create_cluster(
        ClusterIdentifier="warehouse", NodeType="dc2.large", ClusterType="single-node",
        MasterUsername="admin", MasterUserPassword="Password1",
    )

    call("CreateDataSourceFromS3", DataSourceId="ds-s3", DataSourceName="training", DataSpec={"DataLocationS3": TRAIN_URL, "DataSchema": SCHEMA}, ComputeStatistics=True)
    call(
        "CreateDataSourceFromRDS",
        DataSourceId="ds-rds",
        RDSData={
            "DatabaseInformation": {"InstanceIdentifier": "orders-db", "DatabaseName": "orders"},
            "SelectSqlQuery": "select * from orders",
            "DatabaseCredentials": {"Username": "reader", "Password": "password1"},
            "S3StagingLocation": f"s3://{BUCKET}/staging/rds/",
            "DataSchema": SCHEMA,
            "ResourceRole": "DataPipelineDefaultResourceRole",
            "ServiceRole": "DataPipelineDefaultRole",
            "SubnetId": "subnet-1",
            "SecurityGroupIds": ["sg-1"],
        },
        RoleARN="arn:aws:iam::123456789012:role/ml",
    )
    call(
        "CreateDataSourceFromRedshift",
        DataSourceId="ds-redshift",
        DataSpec={
            "DatabaseInformation": {"DatabaseName": "dev", "ClusterIdentifier": "warehouse"},
            "SelectSqlQuery": "select * from t",
            "DatabaseCredentials": {"Username": "reader", "Password": "password1"},
            "S3StagingLocation": f"s3://{BUCKET}/staging/redshift/",
            "DataSchema": SCHEMA,
        },
        RoleARN="arn:aws:iam::123456789012:role/ml",
    )
    for data_source_id in ("ds-s3", "ds-rds", "ds-redshift"):
        call("GetDataSource", DataSourceId=data_source_id)
        assert call("GetDataSource", DataSourceId=data_source_id, Verbose=True)["Status"] == "COMPLETED"
    assert called["GetDataSource"]["DataSourceSchema"] == SCHEMA
    call("UpdateDataSource", DataSourceId="ds-s3", DataSourceName="training data")
    assert len(call("DescribeDataSources")["Results"]) == 3

    call("CreateMLModel", MLModelId="model", MLModelName="colours", MLModelType="MULTICLASS", TrainingDataSourceId="ds-s3")
    call("GetMLModel", MLModelId="model")
    assert call("GetMLModel", MLModelId="model", Verbose=True)["Status"] == "COMPLETED"
    call("UpdateMLModel", MLModelId="model", MLModelName="colour model")
    call("DescribeMLModels")

    call("CreateEvaluation", EvaluationId="evaluation", MLModelId="model", EvaluationDataSourceId="ds-s3")
    call("GetEvaluation", EvaluationId="evaluation")
    assert call("GetEvaluation", EvaluationId="evaluation")["Status"] == "COMPLETED"
    call("UpdateEvaluation", EvaluationId="evaluation", EvaluationName="holdout")
    call("DescribeEvaluations")

    call("CreateBatchPrediction", BatchPredictionId="batch", MLModelId="model", BatchPredictionDataSourceId="ds-s3", OutputUri=f"s3://{BUCKET}/out/")
    call("GetBatchPrediction", BatchPredictionId="batch")
    assert call("GetBatchPrediction", BatchPredictionId="batch")["Status"] == "COMPLETED"
    call("UpdateBatchPrediction", BatchPredictionId="batch", BatchPredictionName="nightly")
    call("DescribeBatchPredictions")

    endpoint = call("CreateRealtimeEndpoint", MLModelId="model")["RealtimeEndpointInfo"]
    call("GetMLModel", MLModelId="model")
    call("Predict", MLModelId="model", Record={"age": "30", "colour": "red"}, PredictEndpoint=endpoint["EndpointUrl"])
    call("DeleteRealtimeEndpoint", MLModelId="model")

    call("AddTags", ResourceId="model", ResourceType="MLModel", Tags=[{"Key": "team", "Value": "colours"}, {"Key": "flag"}])
    call("DescribeTags", ResourceId="model", ResourceType="MLModel")
    call("DeleteTags", ResourceId="model", ResourceType="MLModel", TagKeys=["team"])

    call("DeleteBatchPrediction", BatchPredictionId="batch")
    call("DeleteEvaluation", EvaluationId="evaluation")
    call("DeleteMLModel", MLModelId="model")
    call("DeleteDataSource", DataSourceId="ds-s3")
    for operation, key in (("GetBatchPrediction", "BatchPredictionId"), ("GetEvaluation", "EvaluationId"), ("GetMLModel", "MLModelId"), ("GetDataSource", "DataSourceId")):
        assert call(operation, **{key: {"GetBatchPrediction": "batch", "GetEvaluation": "evaluation", "GetMLModel": "model", "GetDataSource": "ds-s3"}[operation]})["Status"] == "DELETED"

    assert set(called) == set(ml.meta.service_model.operation_names)
