"""Datasets: empty, from a Ground Truth manifest in S3, copied; entries, labels, updates, splitting."""

import json

import pytest

from tests.support import assert_matches_output_shape, client, failure

from .helpers import (
    BUCKET,
    animals,
    classification_line,
    detection_line,
    put_manifest,
    unlabeled_line,
)


@pytest.fixture
def project(rek):
    return rek.create_project(ProjectName="proj")["ProjectArn"]


def mixed_lines():
    broken = json.dumps(
        {
            "source-ref": f"s3://{BUCKET}/broken.jpg",
            "animal": 7,
            "animal-metadata": {"class-map": {"0": "cat"}, "type": "groundtruth/image-classification-multilabel"},
        }
    )
    return [
        classification_line(f"s3://{BUCKET}/cats/1.jpg", "cat"),
        classification_line(f"s3://{BUCKET}/cats/2.jpg", "cat"),
        detection_line(f"s3://{BUCKET}/street/1.jpg", ["car", "car", "bike"]),
        unlabeled_line(f"s3://{BUCKET}/raw/1.jpg"),
        broken,
    ]


def listed_mixed_lines():
    """mixed_lines() as ListDatasetEntries answers them: the broken line carries its error in its
    label metadata's ``errors`` (guide: "Understanding training and testing validation result manifests")."""
    lines = mixed_lines()
    broken = json.loads(lines[-1])
    broken["animal-metadata"]["errors"] = [
        {
            "code": "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT",
            "message": "The format of the label attribute animal is invalid.",
        }
    ]
    return lines[:-1] + [json.dumps(broken)]


def entries(rek, arn, **filters):
    return [
        json.loads(line)["source-ref"].rsplit("/", 2)[-2] + "/" + json.loads(line)["source-ref"].rsplit("/", 1)[-1]
        for line in rek.list_dataset_entries(DatasetArn=arn, **filters)["DatasetEntries"]
    ]


def test_empty_dataset(rek, project):
    response = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")
    assert_matches_output_shape(rek, "CreateDataset", response)
    arn = response["DatasetArn"]
    assert arn.startswith(project.rsplit("/", 1)[0] + "/dataset/train/")
    described = rek.describe_dataset(DatasetArn=arn)
    assert_matches_output_shape(rek, "DescribeDataset", described)
    description = described["DatasetDescription"]
    assert description["Status"] == "CREATE_COMPLETE" and description["StatusMessageCode"] == "SUCCESS"
    assert description["DatasetStats"] == {"LabeledEntries": 0, "TotalEntries": 0, "TotalLabels": 0, "ErrorEntries": 0}
    metadata = rek.describe_projects()["ProjectDescriptions"][0]["Datasets"]
    assert [(d["DatasetType"], d["DatasetArn"]) for d in metadata] == [("TRAIN", arn)]


def test_creation_is_in_progress_until_read(rek, project, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.dataset", "manual", times=3)
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TEST")["DatasetArn"]
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "CREATE_IN_PROGRESS"
    assert failure(rek.list_dataset_labels, DatasetArn=arn)[:2] == ("ResourceNotReadyException", 400)
    assert rek.list_dataset_entries(DatasetArn=arn)["DatasetEntries"] == []  # the third read completed it


def test_one_dataset_of_each_type(rek, project):
    rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")
    assert failure(rek.create_dataset, ProjectArn=project, DatasetType="TRAIN")[:2] == (
        "ResourceAlreadyExistsException",
        400,
    )
    assert failure(rek.create_dataset, ProjectArn=project, DatasetType="VALIDATION")[:2] == (
        "InvalidParameterException",
        400,
    )
    missing = project.rsplit("/", 2)[0] + "/nothing/1617548260281"
    assert failure(rek.create_dataset, ProjectArn=missing, DatasetType="TEST")[:2] == ("ResourceNotFoundException", 400)
    assert len(rek.describe_projects()["ProjectDescriptions"][0]["Datasets"]) == 1


def test_manifest_entries_labels_and_stats(rek, s3, project):
    arn = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", mixed_lines())
    )["DatasetArn"]
    stats = rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["DatasetStats"]
    assert stats == {"LabeledEntries": 3, "TotalEntries": 5, "TotalLabels": 3, "ErrorEntries": 1}
    labels = rek.list_dataset_labels(DatasetArn=arn)
    assert_matches_output_shape(rek, "ListDatasetLabels", labels)
    assert labels["DatasetLabelDescriptions"] == [
        {"LabelName": "bike", "LabelStats": {"EntryCount": 1, "BoundingBoxCount": 1}},
        {"LabelName": "car", "LabelStats": {"EntryCount": 1, "BoundingBoxCount": 2}},
        {"LabelName": "cat", "LabelStats": {"EntryCount": 2, "BoundingBoxCount": 0}},
    ]
    listed = rek.list_dataset_entries(DatasetArn=arn)
    assert_matches_output_shape(rek, "ListDatasetEntries", listed)
    assert listed["DatasetEntries"] == listed_mixed_lines()  # the JSON lines as they were given, errors added


def test_list_entries_filters(rek, s3, project):
    arn = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", mixed_lines())
    )["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    assert entries(rek, arn, ContainsLabels=["car", "nope"]) == ["street/1.jpg"]
    assert entries(rek, arn, ContainsLabels=["cat", "bike"]) == ["cats/1.jpg", "cats/2.jpg", "street/1.jpg"]
    assert entries(rek, arn, Labeled=True) == ["cats/1.jpg", "cats/2.jpg", "street/1.jpg"]
    assert entries(rek, arn, Labeled=False) == ["raw/1.jpg", "rek-data/broken.jpg"]
    assert entries(rek, arn, SourceRefContains="cats/") == ["cats/1.jpg", "cats/2.jpg"]
    assert entries(rek, arn, HasErrors=True) == ["rek-data/broken.jpg"]
    assert len(entries(rek, arn, HasErrors=False)) == 4
    assert entries(rek, arn, Labeled=True, SourceRefContains="2") == ["cats/2.jpg"]
    assert failure(rek.list_dataset_entries, DatasetArn=arn, SourceRefContains="   ")[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.list_dataset_entries, DatasetArn=arn, ContainsLabels=[f"l{i}" for i in range(11)])[:2] == (
        "InvalidParameterException",
        400,
    )


def test_entries_and_labels_paginate(rek, s3, project):
    lines = [classification_line(f"s3://{BUCKET}/i{i:02d}.jpg", f"label{i:02d}") for i in range(12)]
    arn = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", lines)
    )["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    pages = list(rek.get_paginator("list_dataset_entries").paginate(DatasetArn=arn, PaginationConfig={"PageSize": 5}))
    assert [len(p["DatasetEntries"]) for p in pages] == [5, 5, 2]
    assert [line for p in pages for line in p["DatasetEntries"]] == lines
    pages = list(rek.get_paginator("list_dataset_labels").paginate(DatasetArn=arn, PaginationConfig={"PageSize": 5}))
    assert [d["LabelName"] for p in pages for d in p["DatasetLabelDescriptions"]] == [
        f"label{i:02d}" for i in range(12)
    ]
    assert failure(rek.list_dataset_entries, DatasetArn=arn, NextToken="garbage")[:2] == (
        "InvalidPaginationTokenException",
        400,
    )
    token = rek.list_dataset_entries(DatasetArn=arn, MaxResults=2)["NextToken"]
    assert failure(rek.list_dataset_entries, DatasetArn=arn, NextToken=token, Labeled=True)[:2] == (
        "InvalidPaginationTokenException",
        400,
    )
    assert failure(rek.list_dataset_labels, DatasetArn=arn, NextToken="garbage")[:2] == (
        "InvalidPaginationTokenException",
        400,
    )


def test_missing_manifest_is_an_invalid_s3_object(rek, s3, project):
    source = {"GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Name": "missing.manifest"}}}
    assert failure(rek.create_dataset, ProjectArn=project, DatasetType="TRAIN", DatasetSource=source)[:2] == (
        "InvalidS3ObjectException",
        400,
    )
    no_bucket = {"GroundTruthManifest": {"S3Object": {"Bucket": "no-such-bucket", "Name": "m.manifest"}}}
    assert failure(rek.create_dataset, ProjectArn=project, DatasetType="TRAIN", DatasetSource=no_bucket)[:2] == (
        "InvalidS3ObjectException",
        400,
    )
    assert rek.describe_projects()["ProjectDescriptions"][0]["Datasets"] == []


def test_manifest_in_another_region_is_an_invalid_s3_object(rek, s3, project):
    client("s3", "eu-west-1").create_bucket(
        Bucket="rek-elsewhere", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    s3.put_object(Bucket="rek-elsewhere", Key="m.manifest", Body="\n".join(animals(2)).encode())
    source = {"GroundTruthManifest": {"S3Object": {"Bucket": "rek-elsewhere", "Name": "m.manifest"}}}
    assert failure(rek.create_dataset, ProjectArn=project, DatasetType="TRAIN", DatasetSource=source)[:2] == (
        "InvalidS3ObjectException",
        400,
    )


def test_manifest_object_version(rek, s3, project):
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=BUCKET, Key="v.manifest", Body="\n".join(animals(2)).encode())["VersionId"]
    s3.put_object(Bucket=BUCKET, Key="v.manifest", Body="\n".join(animals(6)).encode())
    source = {"GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Name": "v.manifest", "Version": first}}}
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN", DatasetSource=source)["DatasetArn"]
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["DatasetStats"]["TotalEntries"] == 2


def test_unreadable_manifest_fails_creation(rek, s3, project):
    source = put_manifest(s3, "bad.manifest", [classification_line("s3://x/1.jpg", "cat"), "{not json"])
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN", DatasetSource=source)["DatasetArn"]
    description = rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]
    assert description["Status"] == "CREATE_FAILED"
    assert description["StatusMessageCode"] == "CLIENT_ERROR"
    assert "Line 2" in description["StatusMessage"]
    assert description["DatasetStats"]["TotalEntries"] == 0


def test_copy_from_another_dataset(rek, s3, project):
    train = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", mixed_lines())
    )["DatasetArn"]
    rek.describe_dataset(DatasetArn=train)
    other = rek.create_project(ProjectName="other")["ProjectArn"]
    copy = rek.create_dataset(ProjectArn=other, DatasetType="TEST", DatasetSource={"DatasetArn": train})["DatasetArn"]
    assert rek.describe_dataset(DatasetArn=copy)["DatasetDescription"]["DatasetStats"]["TotalEntries"] == 5
    assert rek.list_dataset_entries(DatasetArn=copy)["DatasetEntries"] == listed_mixed_lines()
    both = {"DatasetArn": train, "GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Name": "m.manifest"}}}
    assert failure(rek.create_dataset, ProjectArn=other, DatasetType="TRAIN", DatasetSource=both)[:2] == (
        "InvalidParameterException",
        400,
    )
    gone = train.rsplit("/", 1)[0] + "/1"
    assert failure(rek.create_dataset, ProjectArn=other, DatasetType="TRAIN", DatasetSource={"DatasetArn": gone})[
        :2
    ] == ("ResourceNotFoundException", 400)


def test_update_adds_and_replaces_entries(rek, project, moto_ext_mock):
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    first = [classification_line("s3://b/1.jpg", "cat"), classification_line("s3://b/2.jpg", "dog")]
    response = rek.update_dataset_entries(DatasetArn=arn, Changes={"GroundTruth": "\n".join(first).encode()})
    assert_matches_output_shape(rek, "UpdateDatasetEntries", response)
    # three looks: this read, the refused update's own look at the dataset, the next read
    moto_ext_mock.set_progression("rekognition.dataset", "manual", times=3)
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "UPDATE_IN_PROGRESS"
    # no second update while one is running
    assert failure(rek.update_dataset_entries, DatasetArn=arn, Changes={"GroundTruth": first[0].encode()})[:2] == (
        "ResourceInUseException",
        400,
    )
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "UPDATE_COMPLETE"
    rek.update_dataset_entries(
        DatasetArn=arn, Changes={"GroundTruth": classification_line("s3://b/2.jpg", "cat").encode()}
    )
    rek.describe_dataset(DatasetArn=arn)
    rek.describe_dataset(DatasetArn=arn)
    assert [d["LabelName"] for d in rek.list_dataset_labels(DatasetArn=arn)["DatasetLabelDescriptions"]] == ["cat"]
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["DatasetStats"]["TotalEntries"] == 2


def test_failed_update_changes_nothing(rek, project, moto_ext_mock):
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    moto_ext_mock.set_outcome("rekognition.dataset", "UPDATE_FAILED")
    rek.update_dataset_entries(
        DatasetArn=arn, Changes={"GroundTruth": classification_line("s3://b/1.jpg", "cat").encode()}
    )
    description = rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]
    assert description["Status"] == "UPDATE_FAILED" and description["StatusMessageCode"] == "SERVICE_ERROR"
    assert description["DatasetStats"]["TotalEntries"] == 0


def test_update_input_is_checked(rek, project):
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    too_big = (classification_line("s3://b/1.jpg", "cat") + "\n").encode() * 60000
    assert len(too_big) > 5 * 1024 * 1024
    assert failure(rek.update_dataset_entries, DatasetArn=arn, Changes={"GroundTruth": too_big})[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.update_dataset_entries, DatasetArn=arn, Changes={"GroundTruth": b"{oops"})[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.update_dataset_entries, DatasetArn=arn, Changes={"GroundTruth": b'{"no": "source-ref"}'})[
        :2
    ] == ("InvalidParameterException", 400)
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    line = b'{"source-ref": "s3://b/x.jpg"}'
    at_limit = b" " * (5 * 1024 * 1024 - len(line)) + line
    assert len(at_limit) == 5 * 1024 * 1024
    rek.update_dataset_entries(DatasetArn=arn, Changes={"GroundTruth": at_limit})
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["DatasetStats"]["TotalEntries"] == 1


def test_distribute_moves_a_fifth_of_the_training_entries(rek, s3, project):
    train = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", animals(10))
    )["DatasetArn"]
    test = rek.create_dataset(ProjectArn=project, DatasetType="TEST")["DatasetArn"]
    rek.describe_projects()  # reads both datasets: created
    response = rek.distribute_dataset_entries(Datasets=[{"Arn": test}, {"Arn": train}])
    assert_matches_output_shape(rek, "DistributeDatasetEntries", response)
    train_after = rek.describe_dataset(DatasetArn=train)["DatasetDescription"]
    test_after = rek.describe_dataset(DatasetArn=test)["DatasetDescription"]
    assert (train_after["Status"], test_after["Status"]) == ("UPDATE_COMPLETE", "UPDATE_COMPLETE")
    assert (train_after["DatasetStats"]["TotalEntries"], test_after["DatasetStats"]["TotalEntries"]) == (8, 2)
    moved = set(rek.list_dataset_entries(DatasetArn=test)["DatasetEntries"])
    kept = set(rek.list_dataset_entries(DatasetArn=train)["DatasetEntries"])
    assert moved | kept == set(animals(10)) and not moved & kept
    # the test dataset must be empty
    assert failure(rek.distribute_dataset_entries, Datasets=[{"Arn": train}, {"Arn": test}])[:2] == (
        "InvalidParameterException",
        400,
    )


def test_distribute_needs_a_train_and_a_test_dataset_of_one_project(rek, s3, project):
    train = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", animals(10))
    )["DatasetArn"]
    other = rek.create_project(ProjectName="other")["ProjectArn"]
    other_test = rek.create_dataset(ProjectArn=other, DatasetType="TEST")["DatasetArn"]
    other_train = rek.create_dataset(ProjectArn=other, DatasetType="TRAIN")["DatasetArn"]
    rek.describe_projects()
    assert failure(rek.distribute_dataset_entries, Datasets=[{"Arn": train}, {"Arn": other_test}])[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.distribute_dataset_entries, Datasets=[{"Arn": train}, {"Arn": other_train}])[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.distribute_dataset_entries, Datasets=[{"Arn": train}, {"Arn": train}])[:2] == (
        "InvalidParameterException",
        400,
    )
    loose = client("rekognition", validate=False)
    assert failure(loose.distribute_dataset_entries, Datasets=[{"Arn": train}])[:2] == (
        "InvalidParameterException",
        400,
    )
    three = [{"Arn": train}, {"Arn": other_test}, {"Arn": other_train}]
    assert failure(rek.distribute_dataset_entries, Datasets=three)[:2] == ("InvalidParameterException", 400)
    missing = train.rsplit("/", 1)[0].replace("/train", "/test") + "/1"
    assert failure(rek.distribute_dataset_entries, Datasets=[{"Arn": train}, {"Arn": missing}])[:2] == (
        "ResourceNotFoundException",
        400,
    )
    assert rek.describe_dataset(DatasetArn=train)["DatasetDescription"]["DatasetStats"]["TotalEntries"] == 10


def test_distribute_waits_for_ready_datasets(rek, s3, project, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.dataset", "manual", times=3)
    train = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", animals(10))
    )["DatasetArn"]
    test = rek.create_dataset(ProjectArn=project, DatasetType="TEST")["DatasetArn"]
    assert failure(rek.distribute_dataset_entries, Datasets=[{"Arn": train}, {"Arn": test}])[:2] == (
        "ResourceNotReadyException",
        400,
    )


def test_delete_dataset(rek, s3, project, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.dataset", "manual", times=2)
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"]
    assert failure(rek.delete_dataset, DatasetArn=arn)[:2] == ("ResourceInUseException", 400)
    rek.describe_dataset(DatasetArn=arn)
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    response = rek.delete_dataset(DatasetArn=arn)
    assert_matches_output_shape(rek, "DeleteDataset", response)
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "DELETE_IN_PROGRESS"
    assert failure(rek.list_dataset_entries, DatasetArn=arn)[:2] == (
        "ResourceNotFoundException",
        400,
    )  # its second read: deleted
    assert failure(rek.describe_dataset, DatasetArn=arn)[:2] == ("ResourceNotFoundException", 400)
    assert rek.describe_projects()["ProjectDescriptions"][0]["Datasets"] == []
    rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")  # the type is free again


def test_malformed_dataset_arn(rek):
    bad = "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/validation/1"
    assert failure(rek.describe_dataset, DatasetArn=bad)[:2] == ("InvalidParameterException", 400)


def test_entries_with_errors_carry_the_guides_errors_arrays(rek, s3, project):
    """ListDatasetEntries: "Non terminal errors are reported in errors lists within each JSON Line",
    placed as "Understanding training and testing validation result manifests" shows."""
    boxes = {
        "source-ref": f"s3://{BUCKET}/street/9.jpg",
        "boxes": {
            "image_size": [{"width": 640, "height": 480, "depth": 3}],
            "annotations": [
                {"class_id": 0, "top": 10, "left": 10, "width": 50, "height": 40},
                {"class_id": 0, "top": -5, "left": 10, "width": 50, "height": 40},
                {"class_id": 3, "top": 10, "left": 10, "width": 50, "height": 40},
            ],
        },
        "boxes-metadata": {"class-map": {"0": "car"}, "type": "groundtruth/object-detection"},
    }
    no_name = {"source-ref": f"s3://{BUCKET}/cats/9.jpg", "animal": 0, "animal-metadata": {"confidence": 1}}
    lines = [classification_line(f"s3://{BUCKET}/cats/1.jpg", "cat"), json.dumps(boxes), json.dumps(no_name)]
    arn = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "m.manifest", lines)
    )["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    listed = [json.loads(line) for line in rek.list_dataset_entries(DatasetArn=arn, HasErrors=True)["DatasetEntries"]]
    assert [entry["source-ref"].rsplit("/", 2)[-2:] for entry in listed] == [["street", "9.jpg"], ["cats", "9.jpg"]]
    annotations = listed[0]["boxes"]["annotations"]
    assert "errors" not in annotations[0]
    assert annotations[1]["errors"] == [
        {"code": "ERROR_INVALID_BOUNDING_BOX", "message": "The bounding box has off frame values."}
    ]
    assert annotations[2]["errors"] == [
        {"code": "ERROR_MISSING_CLASS_MAP_ID", "message": "One of more class ids is missing from the class map."}
    ]
    assert [error["code"] for error in listed[1]["animal-metadata"]["errors"]] == [
        "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT"
    ]
    for entry in listed:
        for holder in (entry, *(value for value in entry.values() if isinstance(value, dict))):
            for error in holder.get("errors", []):
                assert set(error) == {"code", "message"} and error["code"].startswith("ERROR_")
    # an entry without errors is listed as given
    assert rek.list_dataset_entries(DatasetArn=arn, HasErrors=False)["DatasetEntries"] == lines[:1]
    assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["DatasetStats"]["ErrorEntries"] == 2
