"""Every operation of the Lookout for Vision model, called once through boto3, checked against its output shape."""

from moto_ext.core.shapes import problems
from tests.shape_check import assert_matches_output_shape

from .helpers import BUCKET, PNG, manifest_line

# The model's pattern for ComponentVersionArn only admits AWS-owned components
# (arn:...:greengrass:<region>:aws:components:...). A packaged model is a component of the
# caller's account, so the mock answers with the account id as the real service does; this is
# the one member allowed to break its (output-only) pattern.
COMPONENT_ARN_PATTERN_NOTE = "ComponentVersionArn"


def test_walk_every_operation(lv, s3, backend):
    model = lv.meta.service_model
    called = {}
    methods = {op: name for name, op in lv.meta.method_to_api_mapping.items()}

    def call(operation, **kwargs):
        method = getattr(lv, methods[operation])
        response = method(**kwargs)
        called[operation] = response
        if operation == "DescribeModelPackagingJob":
            found = problems({k: v for k, v in response.items() if k != "ResponseMetadata"}, model.operation_model(operation).output_shape)
            assert all(COMPONENT_ARN_PATTERN_NOTE in f for f in found), found
        else:
            assert_matches_output_shape(lv, operation, response)
        return response

    s3.put_object(
        Bucket=BUCKET,
        Key="manifests/train.manifest",
        Body="\n".join([manifest_line("s3://lv-data/a.png", "normal"), manifest_line("s3://lv-data/b.png", "anomaly")]),
    )
    call("CreateProject", ProjectName="walk")
    call(
        "CreateDataset",
        ProjectName="walk",
        DatasetType="train",
        DatasetSource={"GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Key": "manifests/train.manifest"}}},
    )
    call("CreateDataset", ProjectName="walk", DatasetType="test")
    call("DescribeProject", ProjectName="walk")
    call("ListProjects")
    assert call("DescribeDataset", ProjectName="walk", DatasetType="train")["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    call("ListDatasetEntries", ProjectName="walk", DatasetType="train")
    call("UpdateDatasetEntries", ProjectName="walk", DatasetType="test", Changes=manifest_line("s3://lv-data/c.png", "normal").encode())
    call("DescribeDataset", ProjectName="walk", DatasetType="test")
    created = call("CreateModel", ProjectName="walk", OutputConfig={"S3Location": {"Bucket": BUCKET}}, Tags=[{"Key": "k", "Value": "v"}])
    version = created["ModelMetadata"]["ModelVersion"]
    arn = created["ModelMetadata"]["ModelArn"]
    call("DescribeModel", ProjectName="walk", ModelVersion=version)
    call("ListModels", ProjectName="walk")
    call("StartModel", ProjectName="walk", ModelVersion=version, MinInferenceUnits=1, MaxInferenceUnits=2)
    call("DescribeModel", ProjectName="walk", ModelVersion=version)
    backend.set_detection_result(
        "walk", version, {"IsAnomalous": True, "Confidence": 0.9, "Anomalies": [{"Name": "scratch", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#FF0000"}}], "AnomalyMask": PNG}
    )
    call("DetectAnomalies", ProjectName="walk", ModelVersion=version, Body=PNG, ContentType="image/png")
    call(
        "StartModelPackagingJob",
        ProjectName="walk",
        ModelVersion=version,
        JobName="walk-job",
        Configuration={"Greengrass": {"S3OutputLocation": {"Bucket": BUCKET}, "ComponentName": "walk.component", "TargetDevice": "jetson_xavier"}},
    )
    call("DescribeModelPackagingJob", ProjectName="walk", JobName="walk-job")
    call("DescribeModelPackagingJob", ProjectName="walk", JobName="walk-job")  # SUCCEEDED, with output details
    call("ListModelPackagingJobs", ProjectName="walk")
    call("TagResource", ResourceArn=arn, Tags=[{"Key": "team", "Value": "vision"}])
    call("ListTagsForResource", ResourceArn=arn)
    call("UntagResource", ResourceArn=arn, TagKeys=["team"])
    call("StopModel", ProjectName="walk", ModelVersion=version)
    call("DescribeModel", ProjectName="walk", ModelVersion=version)
    call("DeleteModel", ProjectName="walk", ModelVersion=version)
    call("DeleteDataset", ProjectName="walk", DatasetType="train")
    call("DeleteDataset", ProjectName="walk", DatasetType="test")
    call("ListModels", ProjectName="walk")  # the deleting model is gone after this read
    call("DescribeProject", ProjectName="walk")  # so are the deleting datasets
    call("DeleteProject", ProjectName="walk")

    assert set(called) == set(model.operation_names)
    assert len(model.operation_names) == 22
    details = called["DescribeModelPackagingJob"]["ModelPackagingDescription"]["ModelPackagingOutputDetails"]["Greengrass"]
    assert details["ComponentVersionArn"] == (
        "arn:aws:greengrass:us-east-1:123456789012:components:walk.component:versions:1.0.0"
    )

