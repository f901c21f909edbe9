"""Every operation of the Lookout for Vision model, called through boto3 and checked against its
output shape: one test per operation, each on a fresh world of ready-made resources."""

import pytest

from moto_ext.core import registry
from moto_ext.core.shapes import problems
from tests.support import assert_matches_output_shape

from .helpers import BUCKET, PNG, add_images, image_lines, manifest_line

OPERATIONS = registry.get("lookoutvision").operations()

# The model's pattern for ComponentVersionArn only admits AWS-owned components
# (arn:...:greengrass:<region>:aws:components:...). A packaged model is a component of the
# caller's account, so the mock answers with the account id as the real service does; this is
# the one member allowed to break its (output-only) pattern.
COMPONENT_ARN_PATTERN_NOTE = "ComponentVersionArn"

MANIFEST = {"GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Key": "manifests/train.manifest"}}}
GREENGRASS = {"S3OutputLocation": {"Bucket": BUCKET}, "TargetDevice": "jetson_xavier"}


def checked(lv, operation, **kwargs):
    """Call ``operation`` and check its answer against the output shape."""
    method = getattr(lv, {op: name for name, op in lv.meta.method_to_api_mapping.items()}[operation])
    response = method(**kwargs)
    if operation == "DescribeModelPackagingJob":
        body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
        found = problems(body, lv.meta.service_model.operation_model(operation).output_shape)
        assert all(COMPONENT_ARN_PATTERN_NOTE in f for f in found), found
    else:
        assert_matches_output_shape(lv, operation, response)
    return response


@pytest.fixture
def world(lv, s3, backend):
    """Project "walk": a train dataset from a manifest, a test dataset, each with the fewest images
    separate datasets train with, model 1 hosted (tagged, with a detection result), and the
    packaging job "walk-job" RUNNING. The calls that build it are checked against their output
    shapes too."""
    s3.put_object(Bucket=BUCKET, Key="manifests/train.manifest", Body="\n".join(image_lines(normal=10, anomaly=1)))
    checked(lv, "CreateProject", ProjectName="walk")
    checked(lv, "CreateDataset", ProjectName="walk", DatasetType="train", DatasetSource=MANIFEST)
    checked(lv, "CreateDataset", ProjectName="walk", DatasetType="test")
    add_images(lv, "walk", "test", normal=10, anomaly=10, folder="test-images")
    checked(lv, "DescribeProject", ProjectName="walk")
    created = checked(
        lv,
        "CreateModel",
        ProjectName="walk",
        OutputConfig={"S3Location": {"Bucket": BUCKET}},
        Tags=[{"Key": "k", "Value": "v"}],
    )
    version = created["ModelMetadata"]["ModelVersion"]
    checked(lv, "DescribeModel", ProjectName="walk", ModelVersion=version)  # TRAINED
    checked(lv, "StartModel", ProjectName="walk", ModelVersion=version, MinInferenceUnits=1, MaxInferenceUnits=2)
    described = checked(lv, "DescribeModel", ProjectName="walk", ModelVersion=version)
    assert described["ModelDescription"]["Status"] == "HOSTED"
    backend.set_detection_result(
        "walk",
        version,
        {
            "IsAnomalous": True,
            "Confidence": 0.9,
            "Anomalies": [{"Name": "scratch", "PixelAnomaly": {"TotalPercentageArea": 0.1, "Color": "#FF0000"}}],
            "AnomalyMask": PNG,
        },
    )
    configuration = {"Greengrass": {**GREENGRASS, "ComponentName": "walk.component"}}
    checked(
        lv,
        "StartModelPackagingJob",
        ProjectName="walk",
        ModelVersion=version,
        JobName="walk-job",
        Configuration=configuration,
    )
    checked(lv, "DescribeModelPackagingJob", ProjectName="walk", JobName="walk-job")  # RUNNING
    return {"version": version, "arn": created["ModelMetadata"]["ModelArn"]}


def _delete_everything(lv, world):
    """Stop, delete the model and both datasets, see them gone, then delete the project."""
    checked(lv, "StopModel", ProjectName="walk", ModelVersion=world["version"])
    checked(lv, "DescribeModel", ProjectName="walk", ModelVersion=world["version"])  # TRAINED
    checked(lv, "DeleteModel", ProjectName="walk", ModelVersion=world["version"])
    checked(lv, "DeleteDataset", ProjectName="walk", DatasetType="train")
    checked(lv, "DeleteDataset", ProjectName="walk", DatasetType="test")
    assert checked(lv, "ListModels", ProjectName="walk")["Models"] == []  # the deleting model is gone after this look
    assert (
        checked(lv, "DescribeProject", ProjectName="walk")["ProjectDescription"]["Datasets"] == []
    )  # so are the datasets
    return checked(lv, "DeleteProject", ProjectName="walk")


def _create_dataset(lv, world):
    lv.create_project(ProjectName="walk-2")
    return checked(lv, "CreateDataset", ProjectName="walk-2", DatasetType="train", DatasetSource=MANIFEST)


def _describe_dataset(lv, world):
    response = checked(lv, "DescribeDataset", ProjectName="walk", DatasetType="train")
    assert response["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    return response


def _update_dataset_entries(lv, world):
    changes = manifest_line("s3://lv-data/c.png", "normal").encode()
    response = checked(lv, "UpdateDatasetEntries", ProjectName="walk", DatasetType="test", Changes=changes)
    checked(lv, "DescribeDataset", ProjectName="walk", DatasetType="test")
    return response


def _delete_model(lv, world):
    lv.stop_model(ProjectName="walk", ModelVersion=world["version"])
    lv.describe_model(ProjectName="walk", ModelVersion=world["version"])  # TRAINED
    return checked(lv, "DeleteModel", ProjectName="walk", ModelVersion=world["version"])


def _start_model(lv, world):
    lv.create_model(ProjectName="walk", OutputConfig={"S3Location": {"Bucket": BUCKET}})
    lv.describe_model(ProjectName="walk", ModelVersion="2")  # TRAINED
    return checked(lv, "StartModel", ProjectName="walk", ModelVersion="2", MinInferenceUnits=1, MaxInferenceUnits=2)


def _stop_model(lv, world):
    response = checked(lv, "StopModel", ProjectName="walk", ModelVersion=world["version"])
    checked(lv, "DescribeModel", ProjectName="walk", ModelVersion=world["version"])
    return response


def _describe_model_packaging_job(lv, world):
    response = checked(lv, "DescribeModelPackagingJob", ProjectName="walk", JobName="walk-job")  # SUCCEEDED now
    details = response["ModelPackagingDescription"]["ModelPackagingOutputDetails"]["Greengrass"]
    assert details["ComponentVersionArn"] == (
        "arn:aws:greengrass:us-east-1:123456789012:components:walk.component:versions:1.0.0"
    )
    return response


# How each operation is called on the world; every operation of the model has an entry.
CALLS = {
    "CreateProject": lambda lv, w: checked(lv, "CreateProject", ProjectName="walk-2"),
    "DescribeProject": lambda lv, w: checked(lv, "DescribeProject", ProjectName="walk"),
    "ListProjects": lambda lv, w: checked(lv, "ListProjects"),
    "DeleteProject": _delete_everything,
    "CreateDataset": _create_dataset,
    "DescribeDataset": _describe_dataset,
    "ListDatasetEntries": lambda lv, w: checked(lv, "ListDatasetEntries", ProjectName="walk", DatasetType="train"),
    "UpdateDatasetEntries": _update_dataset_entries,
    "DeleteDataset": lambda lv, w: checked(lv, "DeleteDataset", ProjectName="walk", DatasetType="test"),
    "CreateModel": lambda lv, w: checked(
        lv,
        "CreateModel",
        ProjectName="walk",
        OutputConfig={"S3Location": {"Bucket": BUCKET}},
        Tags=[{"Key": "k", "Value": "v"}],
    ),
    "DescribeModel": lambda lv, w: checked(lv, "DescribeModel", ProjectName="walk", ModelVersion=w["version"]),
    "ListModels": lambda lv, w: checked(lv, "ListModels", ProjectName="walk"),
    "DeleteModel": _delete_model,
    "StartModel": _start_model,
    "StopModel": _stop_model,
    "DetectAnomalies": lambda lv, w: checked(
        lv, "DetectAnomalies", ProjectName="walk", ModelVersion=w["version"], Body=PNG, ContentType="image/png"
    ),
    "StartModelPackagingJob": lambda lv, w: checked(
        lv,
        "StartModelPackagingJob",
        ProjectName="walk",
        ModelVersion=w["version"],
        JobName="walk-job-2",
        Configuration={"Greengrass": {**GREENGRASS, "ComponentName": "walk.component-2"}},
    ),
    "DescribeModelPackagingJob": _describe_model_packaging_job,
    "ListModelPackagingJobs": lambda lv, w: checked(lv, "ListModelPackagingJobs", ProjectName="walk"),
    "TagResource": lambda lv, w: checked(
        lv, "TagResource", ResourceArn=w["arn"], Tags=[{"Key": "team", "Value": "vision"}]
    ),
    "ListTagsForResource": lambda lv, w: checked(lv, "ListTagsForResource", ResourceArn=w["arn"]),
    "UntagResource": lambda lv, w: checked(lv, "UntagResource", ResourceArn=w["arn"], TagKeys=["k"]),
}


def test_the_model_has_the_22_operations_called_here():
    assert len(OPERATIONS) == 22
    assert set(CALLS) == set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation(lv, world, operation):
    call = CALLS.get(operation)
    if call is None:
        pytest.fail(f"{operation} has no call in CALLS")
    call(lv, world)
