"""Every operation of Rekognition's model, one test each (the list comes from the registry).

The Custom Labels operations (moto_ext's) and moto's own operations answer, and their answers
validate against the model's output shapes; every other operation raises moto's own
NotImplementedError naming it, as it does under plain moto.
"""

import json

import pytest
from botocore import xform_name

from moto_ext.core import registry
from moto_ext.rekognition.responses import CustomLabelsResponse
from tests.robustness.model_inputs import NO_VALUE, valid_structure
from tests.support import assert_matches_output_shape

from .helpers import BUCKET, FAST, JPEG, animals, put_manifest

OPERATIONS = registry.get("rekognition").operations()
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "111111111111"},
                "Action": "rekognition:CopyProjectVersion",
                "Resource": "*",
            }
        ],
    }
)
VIDEO = {"S3Object": {"Bucket": BUCKET, "Name": "clip.mp4"}}


class Walk:
    """Calls checked against their output shape, and the resources an operation needs first."""

    def __init__(self, rek, s3):
        self.rek, self.s3 = rek, s3

    def call(self, operation, **kwargs):
        response = getattr(self.rek, xform_name(operation))(**kwargs)
        assert_matches_output_shape(self.rek, operation, response)
        return response

    def project(self, name="walk"):
        return self.rek.create_project(ProjectName=name, Tags={"a": "b"})["ProjectArn"]

    def datasets(self):
        """A project with a training dataset of 10 labeled images and an empty test dataset, both created."""
        project = self.project()
        source = put_manifest(self.s3, "walk.manifest", animals(10))
        train = self.rek.create_dataset(ProjectArn=project, DatasetType="TRAIN", DatasetSource=source)["DatasetArn"]
        test = self.rek.create_dataset(ProjectArn=project, DatasetType="TEST")["DatasetArn"]
        self.rek.describe_projects()  # reads both datasets: created
        return project, train, test

    def trained(self):
        """A project and a version whose training has completed."""
        project, train, test = self.datasets()
        self.rek.distribute_dataset_entries(Datasets=[{"Arn": train}, {"Arn": test}])
        self.rek.describe_projects()
        version = self.rek.create_project_version(
            ProjectArn=project, VersionName="v1", OutputConfig={"S3Bucket": BUCKET}
        )
        self.rek.get_waiter("project_version_training_completed").wait(
            ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST
        )
        return project, version["ProjectVersionArn"]

    def running(self):
        project, version = self.trained()
        self.rek.start_project_version(ProjectVersionArn=version, MinInferenceUnits=1)
        self.rek.get_waiter("project_version_running").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST)
        return project, version


def describe_projects(walk):
    walk.project()
    assert len(walk.call("DescribeProjects")["ProjectDescriptions"]) == 1


def create_dataset(walk):
    project = walk.project()
    source = put_manifest(walk.s3, "walk.manifest", animals(10))
    walk.call("CreateDataset", ProjectArn=project, DatasetType="TRAIN", DatasetSource=source)
    walk.call("CreateDataset", ProjectArn=project, DatasetType="TEST")


def distribute_dataset_entries(walk):
    _, train, test = walk.datasets()
    walk.call("DistributeDatasetEntries", Datasets=[{"Arn": train}, {"Arn": test}])
    assert walk.call("DescribeDataset", DatasetArn=test)["DatasetDescription"]["Status"] == "UPDATE_COMPLETE"


def list_dataset_entries(walk):
    _, train, _ = walk.datasets()
    walk.rek.update_dataset_entries(DatasetArn=train, Changes={"GroundTruth": animals(1, "extra")[0].encode()})
    walk.rek.describe_dataset(DatasetArn=train)
    assert len(walk.call("ListDatasetEntries", DatasetArn=train, Labeled=True)["DatasetEntries"]) == 11


def list_dataset_labels(walk):
    labels = walk.call("ListDatasetLabels", DatasetArn=walk.datasets()[1])["DatasetLabelDescriptions"]
    assert [label["LabelName"] for label in labels] == ["cat", "dog"]


def update_dataset_entries(walk):
    _, train, _ = walk.datasets()
    walk.call("UpdateDatasetEntries", DatasetArn=train, Changes={"GroundTruth": animals(1, "extra")[0].encode()})


def copy_project_version(walk):
    project, version = walk.trained()
    destination = walk.project("walk-copy")
    walk.call(
        "CopyProjectVersion",
        SourceProjectArn=project,
        SourceProjectVersionArn=version,
        DestinationProjectArn=destination,
        VersionName="c1",
        OutputConfig={"S3Bucket": BUCKET},
    )


def detect_custom_labels(walk):
    _, version = walk.running()
    assert walk.call("DetectCustomLabels", ProjectVersionArn=version, Image={"Bytes": JPEG}, MinConfidence=0)[
        "CustomLabels"
    ]


def put_project_policy(walk):
    walk.call("PutProjectPolicy", ProjectArn=walk.project(), PolicyName="share", PolicyDocument=POLICY)


def list_project_policies(walk):
    project = walk.project()
    walk.rek.put_project_policy(ProjectArn=project, PolicyName="share", PolicyDocument=POLICY)
    walk.call("ListProjectPolicies", ProjectArn=project)


def delete_project_policy(walk):
    project = walk.project()
    revision = walk.rek.put_project_policy(ProjectArn=project, PolicyName="share", PolicyDocument=POLICY)[
        "PolicyRevisionId"
    ]
    walk.call("DeleteProjectPolicy", ProjectArn=project, PolicyName="share", PolicyRevisionId=revision)


def list_tags_for_resource(walk):
    _, version = walk.trained()
    walk.call("TagResource", ResourceArn=version, Tags={"team": "vision"})
    assert walk.call("ListTagsForResource", ResourceArn=version)["Tags"] == {"team": "vision"}


def untag_resource(walk):
    _, version = walk.trained()
    walk.rek.tag_resource(ResourceArn=version, Tags={"team": "vision"})
    walk.call("UntagResource", ResourceArn=version, TagKeys=["team"])


def delete_project_version(walk):
    project, version = walk.trained()
    walk.call("DeleteProjectVersion", ProjectVersionArn=version)
    walk.call("DescribeProjectVersions", ProjectArn=project)  # the deleting version is gone after this read
    walk.call("DeleteProject", ProjectArn=project)


#: operation -> a walk that calls it (after what it needs); every operation that answers is here
ANSWERED = {
    # Custom Labels, by moto_ext
    "CreateProject": lambda walk: walk.call("CreateProject", ProjectName="walk", Tags={"a": "b"}),
    "DescribeProjects": describe_projects,
    "DeleteProject": lambda walk: walk.call("DeleteProject", ProjectArn=walk.project()),
    "CreateDataset": create_dataset,
    "DescribeDataset": lambda walk: walk.call("DescribeDataset", DatasetArn=walk.datasets()[1]),
    "DeleteDataset": lambda walk: walk.call("DeleteDataset", DatasetArn=walk.datasets()[2]),
    "DistributeDatasetEntries": distribute_dataset_entries,
    "ListDatasetEntries": list_dataset_entries,
    "ListDatasetLabels": list_dataset_labels,
    "UpdateDatasetEntries": update_dataset_entries,
    "CreateProjectVersion": lambda walk: walk.call(
        "CreateProjectVersion", ProjectArn=walk.datasets()[0], VersionName="v1", OutputConfig={"S3Bucket": BUCKET}
    ),
    "DescribeProjectVersions": lambda walk: walk.call("DescribeProjectVersions", ProjectArn=walk.trained()[0]),
    "StartProjectVersion": lambda walk: walk.call(
        "StartProjectVersion", ProjectVersionArn=walk.trained()[1], MinInferenceUnits=1
    ),
    "StopProjectVersion": lambda walk: walk.call("StopProjectVersion", ProjectVersionArn=walk.running()[1]),
    "DeleteProjectVersion": delete_project_version,
    "CopyProjectVersion": copy_project_version,
    "DetectCustomLabels": detect_custom_labels,
    "PutProjectPolicy": put_project_policy,
    "ListProjectPolicies": list_project_policies,
    "DeleteProjectPolicy": delete_project_policy,
    "TagResource": lambda walk: walk.call("TagResource", ResourceArn=walk.project(), Tags={"team": "vision"}),
    "UntagResource": untag_resource,
    "ListTagsForResource": list_tags_for_resource,
    # moto's own
    "DetectLabels": lambda walk: walk.call("DetectLabels", Image={"Bytes": JPEG}),
    "CompareFaces": lambda walk: walk.call("CompareFaces", SourceImage={"Bytes": JPEG}, TargetImage={"Bytes": JPEG}),
    "DetectText": lambda walk: walk.call("DetectText", Image={"Bytes": JPEG}),
    "StartFaceSearch": lambda walk: walk.call("StartFaceSearch", CollectionId="people", Video=VIDEO),
    "GetFaceSearch": lambda walk: walk.call(
        "GetFaceSearch", JobId=walk.rek.start_face_search(CollectionId="people", Video=VIDEO)["JobId"]
    ),
    "StartTextDetection": lambda walk: walk.call("StartTextDetection", Video=VIDEO),
    "GetTextDetection": lambda walk: walk.call(
        "GetTextDetection", JobId=walk.rek.start_text_detection(Video=VIDEO)["JobId"]
    ),
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation(rek, s3, operation):
    walk = ANSWERED.get(operation)
    if walk is not None:
        walk(Walk(rek, s3))
        return
    request = valid_structure(rek.meta.service_model.operation_model(operation).input_shape)
    assert request is not NO_VALUE, operation
    with pytest.raises(NotImplementedError, match=f"The {xform_name(operation)} action has not been implemented"):
        getattr(rek, xform_name(operation))(**request)


def test_the_answered_operations_are_the_ones_the_response_class_implements():
    implemented = {operation for operation in OPERATIONS if hasattr(CustomLabelsResponse, xform_name(operation))}
    assert implemented == set(ANSWERED)
    assert set(OPERATIONS) - implemented, "some operations are left unimplemented"
