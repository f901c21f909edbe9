"""A walk through every operation of Rekognition's model.

The Custom Labels operations (moto_ext's) and moto's own operations answer, and their answers
validate against the model's output shapes; every other operation gets the typed
NotImplementedByMotoExt error naming it.
"""

import json

from botocore import xform_name
from botocore.exceptions import ClientError

from moto_ext.rekognition.responses import CustomLabelsResponse
from tests.robustness.model_inputs import NO_VALUE, valid_structure
from tests.shape_check import assert_matches_output_shape

from .helpers import BUCKET, FAST, JPEG, animals, put_manifest

CUSTOM_LABELS = {
    "CreateProject", "DescribeProjects", "DeleteProject", "CreateProjectVersion", "DescribeProjectVersions",
    "StartProjectVersion", "StopProjectVersion", "DeleteProjectVersion", "CopyProjectVersion", "CreateDataset",
    "DescribeDataset", "DeleteDataset", "DistributeDatasetEntries", "ListDatasetEntries", "ListDatasetLabels",
    "UpdateDatasetEntries", "PutProjectPolicy", "DeleteProjectPolicy", "ListProjectPolicies",
    "DetectCustomLabels", "TagResource", "UntagResource", "ListTagsForResource",
}
MOTO_OPERATIONS = {"DetectLabels", "CompareFaces", "DetectText", "StartFaceSearch", "GetFaceSearch", "StartTextDetection", "GetTextDetection"}
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "rekognition:CopyProjectVersion"}]})


def test_walk_every_operation(rek, s3, backend):
    model = rek.meta.service_model
    called = {}

    def call(operation, **kwargs):
        response = getattr(rek, xform_name(operation))(**kwargs)
        assert_matches_output_shape(rek, operation, response)
        called[operation] = response
        return response

    project = call("CreateProject", ProjectName="walk", Tags={"a": "b"})["ProjectArn"]
    train = call("CreateDataset", ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "walk.manifest", animals(10)))["DatasetArn"]
    test = call("CreateDataset", ProjectArn=project, DatasetType="TEST")["DatasetArn"]
    call("DescribeProjects")
    call("DistributeDatasetEntries", Datasets=[{"Arn": train}, {"Arn": test}])
    assert call("DescribeDataset", DatasetArn=test)["DatasetDescription"]["Status"] == "UPDATE_COMPLETE"
    call("DescribeDataset", DatasetArn=train)
    call("UpdateDatasetEntries", DatasetArn=train, Changes={"GroundTruth": animals(1, "extra")[0].encode()})
    assert len(call("ListDatasetEntries", DatasetArn=train, Labeled=True)["DatasetEntries"]) == 9
    call("ListDatasetLabels", DatasetArn=train)
    version = call("CreateProjectVersion", ProjectArn=project, VersionName="v1", OutputConfig={"S3Bucket": BUCKET})["ProjectVersionArn"]
    rek.get_waiter("project_version_training_completed").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST)
    call("DescribeProjectVersions", ProjectArn=project)
    call("StartProjectVersion", ProjectVersionArn=version, MinInferenceUnits=1)
    rek.get_waiter("project_version_running").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST)
    assert call("DetectCustomLabels", ProjectVersionArn=version, Image={"Bytes": JPEG}, MinConfidence=0)["CustomLabels"]
    destination = rek.create_project(ProjectName="walk-copy")["ProjectArn"]
    call("CopyProjectVersion", SourceProjectArn=project, SourceProjectVersionArn=version, DestinationProjectArn=destination, VersionName="c1", OutputConfig={"S3Bucket": BUCKET})
    call("StopProjectVersion", ProjectVersionArn=version)
    call("DescribeProjectVersions", ProjectArn=project, VersionNames=["v1"])
    revision = call("PutProjectPolicy", ProjectArn=project, PolicyName="share", PolicyDocument=POLICY)["PolicyRevisionId"]
    call("ListProjectPolicies", ProjectArn=project)
    call("DeleteProjectPolicy", ProjectArn=project, PolicyName="share", PolicyRevisionId=revision)
    call("TagResource", ResourceArn=version, Tags={"team": "vision"})
    assert call("ListTagsForResource", ResourceArn=version)["Tags"] == {"team": "vision"}
    call("UntagResource", ResourceArn=version, TagKeys=["team"])
    call("DeleteProjectVersion", ProjectVersionArn=version)
    call("DeleteDataset", DatasetArn=test)
    call("DescribeProjectVersions", ProjectArn=project)  # the deleting version is gone after this read
    call("DeleteProject", ProjectArn=project)
    assert set(called) == CUSTOM_LABELS

    call("DetectLabels", Image={"Bytes": JPEG})
    call("CompareFaces", SourceImage={"Bytes": JPEG}, TargetImage={"Bytes": JPEG})
    call("DetectText", Image={"Bytes": JPEG})
    video = {"S3Object": {"Bucket": BUCKET, "Name": "clip.mp4"}}
    call("GetFaceSearch", JobId=call("StartFaceSearch", CollectionId="people", Video=video)["JobId"])
    call("GetTextDetection", JobId=call("StartTextDetection", Video=video)["JobId"])

    unimplemented = set(model.operation_names) - set(called)
    assert unimplemented and not unimplemented & (CUSTOM_LABELS | MOTO_OPERATIONS)
    for operation in sorted(unimplemented):
        request = valid_structure(model.operation_model(operation).input_shape)
        assert request is not NO_VALUE, operation
        try:
            getattr(rek, xform_name(operation))(**request)
        except ClientError as error:
            assert error.response["Error"]["Code"] == "NotImplementedByMotoExt", operation
            assert operation in error.response["Error"]["Message"]
        else:
            raise AssertionError(f"{operation} answered although nothing implements it")
    # the operations the response class implements are exactly the ones that answered
    implemented = {op for op in model.operation_names if hasattr(CustomLabelsResponse, xform_name(op))}
    assert implemented == CUSTOM_LABELS | MOTO_OPERATIONS | {"DetectCustomLabels"}
