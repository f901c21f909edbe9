"""Datasets: empty or from a Ground Truth manifest in moto's S3, entries, updates, deletion."""

import datetime
import json

import pytest

from tests.support import error_of

from .helpers import BUCKET, add_images, manifest_line

MANIFEST = "\n".join(
    [
        manifest_line("s3://lv-data/images/good-1.png", "normal", "2021-03-01T10:00:00"),
        manifest_line("s3://lv-data/images/good-2.png", "normal", "2022-03-01T10:00:00"),
        manifest_line("s3://lv-data/images/bad-1.png", "anomaly", "2021-06-01T10:00:00"),
        manifest_line("s3://lv-data/unlabeled/x.png"),
        "",
    ]
)


def manifest_source(key="train.manifest", version=None, bucket=BUCKET):
    s3_object = {"Bucket": bucket, "Key": key}
    if version:
        s3_object["VersionId"] = version
    return {"GroundTruthManifest": {"S3Object": s3_object}}


@pytest.fixture
def project(lv):
    lv.create_project(ProjectName="widgets")
    return "widgets"


def test_empty_dataset_is_complete_at_once(lv, project):
    created = lv.create_dataset(ProjectName=project, DatasetType="test")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert created["DatasetMetadata"]["Status"] == "CREATE_COMPLETE"
    description = lv.describe_dataset(ProjectName=project, DatasetType="test")["DatasetDescription"]
    assert description["ProjectName"] == project
    assert description["ImageStats"] == {"Total": 0, "Labeled": 0, "Normal": 0, "Anomaly": 0}
    datasets = lv.describe_project(ProjectName=project)["ProjectDescription"]["Datasets"]
    assert [(d["DatasetType"], d["Status"]) for d in datasets] == [("test", "CREATE_COMPLETE")]


def test_manifest_import_reads_labels(lv, s3, project):
    s3.put_object(Bucket=BUCKET, Key="train.manifest", Body=MANIFEST)
    created = lv.create_dataset(ProjectName=project, DatasetType="train", DatasetSource=manifest_source())
    assert created["DatasetMetadata"]["Status"] == "CREATE_IN_PROGRESS"
    # entries join when the import completes
    description = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]
    assert description["Status"] == "CREATE_COMPLETE"
    assert description["ImageStats"] == {"Total": 4, "Labeled": 3, "Normal": 2, "Anomaly": 1}
    entries = [
        json.loads(e) for e in lv.list_dataset_entries(ProjectName=project, DatasetType="train")["DatasetEntries"]
    ]
    assert [e["source-ref"] for e in entries] == [
        "s3://lv-data/images/good-1.png",
        "s3://lv-data/images/good-2.png",
        "s3://lv-data/images/bad-1.png",
        "s3://lv-data/unlabeled/x.png",
    ]
    assert entries[2]["anomaly-label-metadata"]["class-name"] == "anomaly"


def test_manifest_with_a_version(lv, s3, project):
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=BUCKET, Key="train.manifest", Body=manifest_line("s3://lv-data/one.png", "normal"))
    s3.put_object(Bucket=BUCKET, Key="train.manifest", Body=MANIFEST)
    lv.create_dataset(
        ProjectName=project, DatasetType="train", DatasetSource=manifest_source(version=first["VersionId"])
    )
    stats = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]["ImageStats"]
    assert stats["Total"] == 1


@pytest.mark.parametrize(
    "source",
    [
        manifest_source(bucket="no-such-bucket"),
        manifest_source(key="missing.manifest"),
        manifest_source(version="no-such-version"),
    ],
    ids=["bucket", "object", "version"],
)
def test_missing_manifest_is_a_validation_error_and_creates_nothing(lv, s3, project, source):
    s3.put_object(Bucket=BUCKET, Key="train.manifest", Body=MANIFEST)
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        lv.create_dataset(ProjectName=project, DatasetType="train", DatasetSource=source)
    assert error_of(raised).status == 400
    assert lv.describe_project(ProjectName=project)["ProjectDescription"]["Datasets"] == []


@pytest.mark.parametrize(
    "body, reason",
    [
        ("not json at all", "not valid JSON"),
        ('["a list"]', "not a JSON object"),
        ('{"no-source": 1}', "source-ref"),
        ("\n\n", "no entries"),
    ],
)
def test_bad_manifest_content_fails_the_import(lv, s3, project, body, reason):
    s3.put_object(Bucket=BUCKET, Key="bad.manifest", Body=body)
    created = lv.create_dataset(ProjectName=project, DatasetType="train", DatasetSource=manifest_source("bad.manifest"))
    assert created["DatasetMetadata"]["Status"] == "CREATE_IN_PROGRESS"
    description = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]
    assert description["Status"] == "CREATE_FAILED"
    assert reason in description["StatusMessage"]
    assert description["ImageStats"]["Total"] == 0


def test_create_failed_by_outcome(moto_ext_mock, lv, s3, project):
    s3.put_object(Bucket=BUCKET, Key="train.manifest", Body=MANIFEST)
    moto_ext_mock.set_outcome("lookoutvision.dataset", "CREATE_FAILED")
    lv.create_dataset(ProjectName=project, DatasetType="train", DatasetSource=manifest_source())
    description = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]
    assert description["Status"] == "CREATE_FAILED"
    assert description["ImageStats"]["Total"] == 0
    # a failed dataset cannot train a model
    with pytest.raises(lv.exceptions.ValidationException):
        lv.create_model(ProjectName=project, OutputConfig={"S3Location": {"Bucket": BUCKET}})


def test_second_dataset_of_a_type_is_a_conflict(lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="train")
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.create_dataset(ProjectName=project, DatasetType="train")
    assert (error_of(raised).response["ResourceId"], error_of(raised).response["ResourceType"]) == ("train", "DATASET")


def test_bad_dataset_type_and_unknown_dataset(lv, project):
    with pytest.raises(lv.exceptions.ValidationException):
        lv.create_dataset(ProjectName=project, DatasetType="training")
    with pytest.raises(lv.exceptions.ValidationException):
        lv.describe_dataset(ProjectName=project, DatasetType="validate")
    with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
        lv.describe_dataset(ProjectName=project, DatasetType="test")
    assert error_of(raised).response["ResourceType"] == "DATASET"
    with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
        lv.create_dataset(ProjectName="nothing", DatasetType="train")
    assert error_of(raised).response["ResourceType"] == "PROJECT"


def test_list_entries_filters(lv, s3, project):
    s3.put_object(Bucket=BUCKET, Key="train.manifest", Body=MANIFEST)
    lv.create_dataset(ProjectName=project, DatasetType="train", DatasetSource=manifest_source())
    lv.describe_dataset(ProjectName=project, DatasetType="train")

    def refs(**filters):
        entries = lv.list_dataset_entries(ProjectName=project, DatasetType="train", **filters)["DatasetEntries"]
        return [json.loads(e)["source-ref"].rsplit("/", 1)[1] for e in entries]

    assert refs(Labeled=True) == ["good-1.png", "good-2.png", "bad-1.png"]
    assert refs(Labeled=False) == ["x.png"]
    assert refs(AnomalyClass="anomaly") == ["bad-1.png"]
    assert refs(AnomalyClass="normal") == ["good-1.png", "good-2.png"]
    assert refs(SourceRefContains="good") == ["good-1.png", "good-2.png"]
    assert refs(BeforeCreationDate=datetime.datetime(2022, 1, 1)) == ["good-1.png", "bad-1.png"]
    assert refs(AfterCreationDate=datetime.datetime(2021, 5, 1), Labeled=True) == ["good-2.png", "bad-1.png"]
    assert refs(
        AfterCreationDate=datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc),
        BeforeCreationDate=datetime.datetime(2021, 12, 31, tzinfo=datetime.timezone.utc),
        AnomalyClass="normal",
    ) == ["good-1.png"]
    with pytest.raises(lv.exceptions.ValidationException):
        lv.list_dataset_entries(ProjectName=project, DatasetType="train", AnomalyClass="abnormal")


def test_list_entries_pages_and_paginator(lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="train")
    changes = "\n".join(manifest_line(f"s3://lv-data/img-{i:02d}.png", "normal") for i in range(25))
    lv.update_dataset_entries(ProjectName=project, DatasetType="train", Changes=changes.encode())
    lv.describe_dataset(ProjectName=project, DatasetType="train")
    first = lv.list_dataset_entries(ProjectName=project, DatasetType="train", MaxResults=10)
    assert len(first["DatasetEntries"]) == 10
    # a token belongs to its filters
    with pytest.raises(lv.exceptions.ValidationException):
        lv.list_dataset_entries(ProjectName=project, DatasetType="train", Labeled=True, NextToken=first["NextToken"])
    pages = list(
        lv.get_paginator("list_dataset_entries").paginate(
            ProjectName=project, DatasetType="train", PaginationConfig={"PageSize": 10}
        )
    )
    assert [len(p["DatasetEntries"]) for p in pages] == [10, 10, 5]


def test_update_entries_progression(moto_ext_mock, lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="train")
    # three looks: this Describe, the refused update's precondition check, the next Describe
    moto_ext_mock.set_progression("lookoutvision.dataset", "manual", times=3)
    changes = "\n".join([manifest_line("s3://lv-data/a.png", "normal"), manifest_line("s3://lv-data/b.png")])
    updated = lv.update_dataset_entries(ProjectName=project, DatasetType="train", Changes=changes.encode())
    assert updated["Status"] == "UPDATE_IN_PROGRESS"
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 202

    first = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]
    assert first["Status"] == "UPDATE_IN_PROGRESS"
    assert first["ImageStats"]["Total"] == 0  # not yet applied
    with pytest.raises(lv.exceptions.ConflictException):
        lv.update_dataset_entries(ProjectName=project, DatasetType="train", Changes=changes.encode())
    second = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]
    assert second["Status"] == "UPDATE_COMPLETE"
    assert second["ImageStats"] == {"Total": 2, "Labeled": 1, "Normal": 1, "Anomaly": 0}

    # an existing source-ref is replaced, not duplicated
    relabel = manifest_line("s3://lv-data/b.png", "anomaly")
    lv.update_dataset_entries(ProjectName=project, DatasetType="train", Changes=relabel.encode())
    for _ in range(2):
        lv.describe_dataset(ProjectName=project, DatasetType="train")
    stats = lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]["ImageStats"]
    assert stats == {"Total": 2, "Labeled": 2, "Normal": 1, "Anomaly": 1}


def test_update_failure_rolls_back(moto_ext_mock, lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="train")
    moto_ext_mock.set_outcome("lookoutvision.dataset", "UPDATE_FAILED_ROLLBACK_IN_PROGRESS")
    lv.update_dataset_entries(
        ProjectName=project, DatasetType="train", Changes=manifest_line("s3://lv-data/a.png").encode()
    )
    statuses = [lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"] for _ in range(2)]
    assert [d["Status"] for d in statuses] == ["UPDATE_FAILED_ROLLBACK_IN_PROGRESS", "UPDATE_FAILED_ROLLBACK_COMPLETE"]
    assert statuses[-1]["ImageStats"]["Total"] == 0
    assert lv.list_dataset_entries(ProjectName=project, DatasetType="train")["DatasetEntries"] == []


@pytest.mark.parametrize("changes", [b"{not json", b'{"source-ref": "http://x/y.png"}', b"   \n  "])
def test_bad_changes_are_rejected(lv, project, changes):
    lv.create_dataset(ProjectName=project, DatasetType="train")
    with pytest.raises(lv.exceptions.ValidationException):
        lv.update_dataset_entries(ProjectName=project, DatasetType="train", Changes=changes)
    assert (
        lv.describe_dataset(ProjectName=project, DatasetType="train")["DatasetDescription"]["Status"]
        == "CREATE_COMPLETE"
    )


def test_delete_dataset_progression(moto_ext_mock, lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="test")
    # three looks: this Describe, the refused delete's precondition check, the next Describe
    moto_ext_mock.set_progression("lookoutvision.dataset", "manual", times=3)
    assert lv.delete_dataset(ProjectName=project, DatasetType="test")["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert (
        lv.describe_dataset(ProjectName=project, DatasetType="test")["DatasetDescription"]["Status"]
        == "DELETE_IN_PROGRESS"
    )
    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_dataset(ProjectName=project, DatasetType="test")
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.describe_dataset(ProjectName=project, DatasetType="test")
    # the type is free again
    assert lv.create_dataset(ProjectName=project, DatasetType="test")["DatasetMetadata"]["Status"] == "CREATE_COMPLETE"


def test_delete_failed_then_retry(moto_ext_mock, lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="test")
    moto_ext_mock.set_outcome("lookoutvision.dataset", "DELETE_FAILED")
    lv.delete_dataset(ProjectName=project, DatasetType="test")
    assert (
        lv.describe_dataset(ProjectName=project, DatasetType="test")["DatasetDescription"]["Status"] == "DELETE_FAILED"
    )
    moto_ext_mock.set_status(f"{project}/dataset/test", "CREATE_COMPLETE")
    assert (
        lv.describe_dataset(ProjectName=project, DatasetType="test")["DatasetDescription"]["Status"]
        == "CREATE_COMPLETE"
    )


def test_dataset_cannot_be_deleted_while_a_model_trains(moto_ext_mock, lv, project):
    lv.create_dataset(ProjectName=project, DatasetType="train")
    add_images(lv, project)
    # two looks: the refused delete's check of the models, then DescribeModel
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=2)
    lv.create_model(ProjectName=project, OutputConfig={"S3Location": {"Bucket": BUCKET}})
    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_dataset(ProjectName=project, DatasetType="train")
    lv.describe_model(ProjectName=project, ModelVersion="1")  # TRAINED
    lv.delete_dataset(ProjectName=project, DatasetType="train")
