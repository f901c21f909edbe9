"""Model versions: training, hosting, stopping, deleting, copying, waiters, wrong-state calls."""

import json
import re

import pytest
from botocore.exceptions import WaiterError

from tests.support import REGION, assert_matches_output_shape, client, failure

from .helpers import (
    ACCOUNT,
    BUCKET,
    FAST,
    animals,
    make_datasets,
    make_running,
    make_version,
    put_manifest,
    unlabeled_line,
    version_status,
)

VERSION_ARN = re.compile(rf"^arn:aws:rekognition:{REGION}:{ACCOUNT}:project/proj/version/v1/\d{{13}}$")
OUTPUT = {"S3Bucket": BUCKET, "S3KeyPrefix": "output/"}


def describe(rek, project_arn, name):
    return rek.describe_project_versions(ProjectArn=project_arn, VersionNames=[name])["ProjectVersionDescriptions"][0]


@pytest.fixture
def project(rek, s3):
    arn = rek.create_project(ProjectName="proj")["ProjectArn"]
    make_datasets(rek, s3, arn)
    return arn


def test_training_completes_with_results(rek, project):
    response = rek.create_project_version(
        ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT, VersionDescription="first (try)", Tags={"team": "ml"}
    )
    assert_matches_output_shape(rek, "CreateProjectVersion", response)
    arn = response["ProjectVersionArn"]
    assert VERSION_ARN.match(arn)
    rek.get_waiter("project_version_training_completed").wait(
        ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST
    )
    found = rek.describe_project_versions(ProjectArn=project)
    assert_matches_output_shape(rek, "DescribeProjectVersions", found)
    version = found["ProjectVersionDescriptions"][0]
    assert version["ProjectVersionArn"] == arn
    assert version["Status"] == "TRAINING_COMPLETED"
    assert version["VersionDescription"] == "first (try)"
    assert version["OutputConfig"] == OUTPUT
    assert version["BillableTrainingTimeInSeconds"] > 0
    assert version["TrainingEndTimestamp"] >= version["CreationTimestamp"]
    assert 0 < version["EvaluationResult"]["F1Score"] <= 1
    assert version["EvaluationResult"]["Summary"]["S3Object"]["Bucket"] == BUCKET
    assert version["EvaluationResult"]["Summary"]["S3Object"]["Name"].startswith("output/")
    for result in ("TrainingDataResult", "TestingDataResult"):
        assert set(version[result]) == {"Input", "Output", "Validation"}
    assert version["ManifestSummary"]["S3Object"]["Bucket"] == BUCKET
    assert "MinInferenceUnits" not in version
    assert rek.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"team": "ml"}


def test_manual_progression_keeps_training_for_n_reads(rek, project, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=3)
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    assert version_status(rek, project, "v1") == "TRAINING_IN_PROGRESS"
    version = describe(rek, project, "v1")
    assert version["Status"] == "TRAINING_IN_PROGRESS" and "EvaluationResult" not in version
    assert version_status(rek, project, "v1") == "TRAINING_COMPLETED"


def test_training_waiter_stops_on_training_failed(rek, project, moto_ext_mock):
    moto_ext_mock.set_outcome("rekognition.project_version", "TRAINING_FAILED")
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    with pytest.raises(WaiterError) as failed:
        rek.get_waiter("project_version_training_completed").wait(
            ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST
        )
    assert "TRAINING_FAILED" in str(failed.value)
    version = describe(rek, project, "v1")
    assert version["Status"] == "TRAINING_FAILED"
    assert "EvaluationResult" not in version and "TrainingEndTimestamp" in version


def test_training_without_labeled_images_fails(rek, s3):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    make_datasets(rek, s3, project, train_lines=[unlabeled_line(f"s3://{BUCKET}/u{i}.jpg") for i in range(3)])
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    with pytest.raises(WaiterError):
        rek.get_waiter("project_version_training_completed").wait(
            ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST
        )
    version = describe(rek, project, "v1")
    assert version["Status"] == "TRAINING_FAILED"
    assert version["StatusMessage"] == "The training dataset has no labeled images."


def test_running_waiter_and_inference_units(rek, project):
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    arn = describe(rek, project, "v1")["ProjectVersionArn"]
    response = rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1, MaxInferenceUnits=3)
    assert response["Status"] == "STARTING"
    assert_matches_output_shape(rek, "StartProjectVersion", response)
    rek.get_waiter("project_version_running").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST)
    version = describe(rek, project, "v1")
    assert (version["Status"], version["MinInferenceUnits"], version["MaxInferenceUnits"]) == ("RUNNING", 1, 3)


def test_running_waiter_stops_on_failed(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_outcome("rekognition.project_version", "FAILED")
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    with pytest.raises(WaiterError) as failed:
        rek.get_waiter("project_version_running").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST)
    assert "FAILED" in str(failed.value)
    assert version_status(rek, project, "v1") == "FAILED"


def test_set_status_forces_one_version(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_status(arn, "EXPIRED")
    assert version_status(rek, project, "v1") == "EXPIRED"
    with pytest.raises(ValueError):
        moto_ext_mock.set_status(arn, "HOSTED")


def test_start_rejects_max_below_min(rek, s3):
    project, arn = make_version(rek, s3)
    assert failure(rek.start_project_version, ProjectVersionArn=arn, MinInferenceUnits=3, MaxInferenceUnits=2)[:2] == (
        "InvalidParameterException",
        400,
    )
    assert version_status(rek, project, "v1") == "TRAINING_COMPLETED"


def test_start_in_the_wrong_state(rek, project, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=5)
    arn = rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)["ProjectVersionArn"]
    assert failure(rek.start_project_version, ProjectVersionArn=arn, MinInferenceUnits=1)[:2] == (
        "ResourceInUseException",
        400,
    )
    moto_ext_mock.set_status(arn, "RUNNING")
    assert failure(rek.start_project_version, ProjectVersionArn=arn, MinInferenceUnits=1)[:2] == (
        "ResourceInUseException",
        400,
    )
    assert version_status(rek, project, "v1") == "RUNNING"


def test_stop_moves_running_to_stopping_to_stopped(rek, s3, moto_ext_mock):
    project, arn = make_running(rek, s3)
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=2)
    response = rek.stop_project_version(ProjectVersionArn=arn)
    assert response["Status"] == "STOPPING"
    assert_matches_output_shape(rek, "StopProjectVersion", response)
    assert version_status(rek, project, "v1") == "STOPPING"
    assert version_status(rek, project, "v1") == "STOPPED"
    # a stopped model starts again
    assert rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=2)["Status"] == "STARTING"


def test_stop_a_version_that_is_not_running(rek, s3):
    project, arn = make_version(rek, s3)
    assert failure(rek.stop_project_version, ProjectVersionArn=arn)[:2] == ("ResourceInUseException", 400)
    assert version_status(rek, project, "v1") == "TRAINING_COMPLETED"


def test_stop_unknown_and_malformed_versions(rek):
    unknown = f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/p/version/v/1617548260281"
    assert failure(rek.stop_project_version, ProjectVersionArn=unknown)[:2] == ("ResourceNotFoundException", 400)
    for malformed in (
        f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/p/1617548260281",
        f"arn:aws:s3:{REGION}:{ACCOUNT}:project/p/version/v/1617548260281",
        f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/p/version/v/latest",
        "x" * 20,
        unknown + "0" * 2048,
    ):
        assert failure(rek.stop_project_version, ProjectVersionArn=malformed)[:2] == ("InvalidParameterException", 400)


def test_delete_version_in_the_wrong_state(rek, s3, moto_ext_mock):
    project, arn = make_running(rek, s3)
    assert failure(rek.delete_project_version, ProjectVersionArn=arn)[:2] == ("ResourceInUseException", 400)
    assert version_status(rek, project, "v1") == "RUNNING"
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=9)
    training = rek.create_project_version(ProjectArn=project, VersionName="v2", OutputConfig=OUTPUT)[
        "ProjectVersionArn"
    ]
    assert failure(rek.delete_project_version, ProjectVersionArn=training)[:2] == ("ResourceInUseException", 400)
    assert version_status(rek, project, "v2") == "TRAINING_IN_PROGRESS"


def test_delete_version_is_deleting_then_gone(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    # three looks: a read, the repeated delete's own look, a read
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=3)
    response = rek.delete_project_version(ProjectVersionArn=arn)
    assert response["Status"] == "DELETING"
    assert_matches_output_shape(rek, "DeleteProjectVersion", response)
    assert version_status(rek, project, "v1") == "DELETING"
    assert rek.delete_project_version(ProjectVersionArn=arn)["Status"] == "DELETING"
    assert version_status(rek, project, "v1") is None
    assert failure(rek.delete_project_version, ProjectVersionArn=arn)[:2] == ("ResourceNotFoundException", 400)


def test_duplicate_version_name(rek, s3):
    project, _ = make_version(rek, s3)
    assert failure(rek.create_project_version, ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)[:2] == (
        "ResourceInUseException",
        400,
    )
    assert len(rek.describe_project_versions(ProjectArn=project)["ProjectVersionDescriptions"]) == 1


def test_training_needs_both_datasets(rek, s3):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    assert failure(rek.create_project_version, ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)[:2] == (
        "InvalidParameterException",
        400,
    )
    train = rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "t.manifest", animals(4))
    )["DatasetArn"]
    rek.describe_dataset(DatasetArn=train)
    assert failure(rek.create_project_version, ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)[:2] == (
        "InvalidParameterException",
        400,
    )
    assert rek.describe_project_versions(ProjectArn=project)["ProjectVersionDescriptions"] == []


def test_training_waits_for_datasets_to_be_created(rek, s3, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.dataset", "manual", times=2)
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    rek.create_dataset(
        ProjectArn=project, DatasetType="TRAIN", DatasetSource=put_manifest(s3, "t.manifest", animals(4))
    )
    rek.create_dataset(
        ProjectArn=project, DatasetType="TEST", DatasetSource=put_manifest(s3, "u.manifest", animals(2, "u"))
    )
    assert failure(rek.create_project_version, ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)[:2] == (
        "ResourceInUseException",
        400,
    )


def test_output_bucket_is_required(rek, project):
    assert failure(
        rek.create_project_version, ProjectArn=project, VersionName="v1", OutputConfig={"S3KeyPrefix": "x/"}
    )[:2] == ("InvalidParameterException", 400)


def test_training_from_external_manifests(rek, s3):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    training = {"Assets": [put_manifest(s3, "ext/train.manifest", animals(6))]}
    testing = {"Assets": [put_manifest(s3, "ext/test.manifest", animals(2, "x"))]}
    rek.create_project_version(
        ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT, TrainingData=training, TestingData=testing
    )
    rek.get_waiter("project_version_training_completed").wait(
        ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST
    )
    version = describe(rek, project, "v1")
    assert version["TrainingDataResult"]["Input"] == training
    assert version["TestingDataResult"]["Input"] == testing
    # with TestingData AutoCreate the test set is split from the training data
    rek.create_project_version(
        ProjectArn=project,
        VersionName="v2",
        OutputConfig=OUTPUT,
        TrainingData=training,
        TestingData={"AutoCreate": True},
    )
    version = describe(rek, project, "v2")
    assert version["Status"] == "TRAINING_COMPLETED"
    assert version["TestingDataResult"]["Input"] == {"AutoCreate": True}
    assert version["TestingDataResult"]["Output"]["AutoCreate"] is True


def test_external_manifest_that_is_missing_fails_training(rek, s3):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    missing = {"Assets": [{"GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Name": "nope.manifest"}}}]}
    rek.create_project_version(
        ProjectArn=project,
        VersionName="v1",
        OutputConfig=OUTPUT,
        TrainingData=missing,
        TestingData={"AutoCreate": True},
    )
    version = describe(rek, project, "v1")
    assert version["Status"] == "TRAINING_FAILED"
    assert "nope.manifest" in version["StatusMessage"]


def test_external_manifests_and_datasets_do_not_mix(rek, s3, project):
    training = {"Assets": [put_manifest(s3, "ext/train.manifest", animals(4))]}
    assert failure(
        rek.create_project_version,
        ProjectArn=project,
        VersionName="v1",
        OutputConfig=OUTPUT,
        TrainingData=training,
        TestingData={"AutoCreate": True},
    )[:2] == ("InvalidParameterException", 400)
    other = rek.create_project(ProjectName="other")["ProjectArn"]
    assert failure(
        rek.create_project_version, ProjectArn=other, VersionName="v1", OutputConfig=OUTPUT, TrainingData=training
    )[:2] == (
        "InvalidParameterException",
        400,
    )


def test_describe_project_versions_pages_newest_first(rek, project):
    for index in range(5):
        rek.create_project_version(ProjectArn=project, VersionName=f"v{index}", OutputConfig=OUTPUT)
    pages = list(
        rek.get_paginator("describe_project_versions").paginate(ProjectArn=project, PaginationConfig={"PageSize": 2})
    )
    assert [len(p["ProjectVersionDescriptions"]) for p in pages] == [2, 2, 1]
    listed = [v["ProjectVersionArn"].split("/")[3] for p in pages for v in p["ProjectVersionDescriptions"]]
    assert listed == ["v4", "v3", "v2", "v1", "v0"]
    filtered = rek.describe_project_versions(ProjectArn=project, VersionNames=["v1", "v3", "nope"])[
        "ProjectVersionDescriptions"
    ]
    assert [v["ProjectVersionArn"].split("/")[3] for v in filtered] == ["v3", "v1"]
    assert failure(rek.describe_project_versions, ProjectArn=project, NextToken="bogus")[:2] == (
        "InvalidPaginationTokenException",
        400,
    )
    assert failure(rek.describe_project_versions, ProjectArn=project, VersionNames=[f"v{i}" for i in range(11)])[
        :2
    ] == ("InvalidParameterException", 400)


def test_copy_within_the_account(rek, s3, backend):
    source_project, source = make_version(rek, s3)
    backend.set_custom_labels(source, ["cat"])
    destination = rek.create_project(ProjectName="dest")["ProjectArn"]
    response = rek.copy_project_version(
        SourceProjectArn=source_project,
        SourceProjectVersionArn=source,
        DestinationProjectArn=destination,
        VersionName="copy",
        OutputConfig=OUTPUT,
        Tags={"k": "v"},
    )
    assert_matches_output_shape(rek, "CopyProjectVersion", response)
    arn = response["ProjectVersionArn"]
    assert arn.startswith(destination.rsplit("/", 1)[0] + "/version/copy/")
    original = describe(rek, source_project, "v1")
    copied = describe(rek, destination, "copy")
    assert copied["Status"] == "COPYING_COMPLETED"
    assert copied["SourceProjectVersionArn"] == source
    # the same model and figures, reported at the copy's own output location
    assert copied["EvaluationResult"]["F1Score"] == original["EvaluationResult"]["F1Score"]
    assert copied["EvaluationResult"]["Summary"]["S3Object"]["Name"] == "output/EvaluationResultSummary-dest-copy.json"
    assert rek.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"k": "v"}
    # a copied model runs and detects what its source does
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    rek.get_waiter("project_version_running").wait(ProjectArn=destination, VersionNames=["copy"], WaiterConfig=FAST)
    labels = rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": b"\xff\xd8\xff\xe0" + b"\x00" * 8})[
        "CustomLabels"
    ]
    assert [label["Name"] for label in labels] == ["cat"]


def test_copy_progression_and_failure(rek, s3, moto_ext_mock):
    source_project, source = make_version(rek, s3)
    destination = rek.create_project(ProjectName="dest")["ProjectArn"]
    moto_ext_mock.set_outcome("rekognition.project_version", "COPYING_FAILED")
    rek.copy_project_version(
        SourceProjectArn=source_project,
        SourceProjectVersionArn=source,
        DestinationProjectArn=destination,
        VersionName="copy",
        OutputConfig=OUTPUT,
    )
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=2)
    assert version_status(rek, destination, "copy") == "COPYING_IN_PROGRESS"
    assert version_status(rek, destination, "copy") == "COPYING_FAILED"


def test_copy_wrong_state_and_names(rek, s3, moto_ext_mock):
    source_project, source = make_version(rek, s3)
    destination = rek.create_project(ProjectName="dest")["ProjectArn"]
    kwargs = dict(
        SourceProjectArn=source_project,
        SourceProjectVersionArn=source,
        DestinationProjectArn=destination,
        OutputConfig=OUTPUT,
    )
    rek.copy_project_version(VersionName="copy", **kwargs)
    assert failure(rek.copy_project_version, VersionName="copy", **kwargs)[:2] == ("ResourceInUseException", 400)
    moto_ext_mock.set_status(source, "TRAINING_FAILED")
    assert failure(rek.copy_project_version, VersionName="copy2", **kwargs)[:2] == ("ResourceInUseException", 400)
    wrong_project = dict(kwargs, SourceProjectArn=destination)
    assert failure(rek.copy_project_version, VersionName="copy3", **wrong_project)[:2] == (
        "ResourceNotFoundException",
        400,
    )
    assert len(rek.describe_project_versions(ProjectArn=destination)["ProjectVersionDescriptions"]) == 1


def test_copy_across_accounts_needs_a_project_policy(moto_ext_mock, monkeypatch):
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    rek = client("rekognition")
    source_project, source = make_version(rek, s3)  # in the default account, the trusting one
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "222222222222")
    destination = rek.create_project(ProjectName="dest")["ProjectArn"]
    kwargs = dict(
        SourceProjectArn=source_project,
        SourceProjectVersionArn=source,
        DestinationProjectArn=destination,
        OutputConfig=OUTPUT,
    )
    assert failure(rek.copy_project_version, VersionName="copy", **kwargs)[:2] == ("AccessDeniedException", 400)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", ACCOUNT)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
                "Action": "rekognition:CopyProjectVersion",
                "Resource": source,
            }
        ],
    }
    rek.put_project_policy(ProjectArn=source_project, PolicyName="share", PolicyDocument=json.dumps(policy))
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "222222222222")
    arn = rek.copy_project_version(VersionName="copy", **kwargs)["ProjectVersionArn"]
    assert ":222222222222:project/dest/version/copy/" in arn
    assert version_status(rek, destination, "copy") == "COPYING_COMPLETED"


def test_content_moderation_adapters(rek, s3):
    project = rek.create_project(ProjectName="moderation", Feature="CONTENT_MODERATION", AutoUpdate="DISABLED")[
        "ProjectArn"
    ]
    make_datasets(rek, s3, project)
    arn = rek.create_project_version(
        ProjectArn=project,
        VersionName="adapter",
        OutputConfig=OUTPUT,
        FeatureConfig={"ContentModeration": {"ConfidenceThreshold": 60.0}},
    )["ProjectVersionArn"]
    response = rek.describe_project_versions(ProjectArn=project)
    assert_matches_output_shape(rek, "DescribeProjectVersions", response)
    adapter = response["ProjectVersionDescriptions"][0]
    assert adapter["Feature"] == "CONTENT_MODERATION"
    assert adapter["BaseModelVersion"]
    assert adapter["FeatureConfig"] == {"ContentModeration": {"ConfidenceThreshold": 60.0}}
    assert failure(rek.start_project_version, ProjectVersionArn=arn, MinInferenceUnits=1)[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.put_project_policy, ProjectArn=project, PolicyName="p", PolicyDocument="{}")[:2] == (
        "InvalidParameterException",
        400,
    )


def test_feature_config_is_for_content_moderation_only(rek, project):
    assert failure(
        rek.create_project_version,
        ProjectArn=project,
        VersionName="v1",
        OutputConfig=OUTPUT,
        FeatureConfig={"ContentModeration": {"ConfidenceThreshold": 50.0}},
    )[:2] == ("InvalidParameterException", 400)
    assert failure(
        rek.create_project_version,
        ProjectArn=project,
        VersionName="v1",
        OutputConfig=OUTPUT,
        FeatureConfig={"ContentModeration": {"ConfidenceThreshold": 150.0}},
    )[:2] == ("InvalidParameterException", 400)


def test_reading_a_status_changes_nothing(rek, project, backend, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=1)
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    version = backend.projects[project].versions["v1"]
    assert [version.status for _ in range(3)] == ["TRAINING_IN_PROGRESS"] * 3
    assert version.training_end is None and not version.results
    assert describe(rek, project, "v1")["Status"] == "TRAINING_COMPLETED"  # a read moves it
    assert version.training_end is not None and version.results


def test_a_version_forced_gone_is_gone_at_once(rek, s3, backend, moto_ext_mock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_status(arn, "DELETED")
    assert backend.projects[project].versions == {}
    assert failure(rek.delete_project_version, ProjectVersionArn=arn)[:2] == ("ResourceNotFoundException", 400)


TRUSTED = "111111111111"


def session_client(name, role_arn):
    """A client signing as a session of ``role_arn`` (moto's STS: the role's account is the caller's)."""
    credentials = client("sts").assume_role(RoleArn=role_arn, RoleSessionName="session")["Credentials"]
    return client(
        name,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )


def share(rek, project, principal):
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": principal},
                "Action": "rekognition:CopyProjectVersion",
                "Resource": "*",
            }
        ],
    }
    rek.put_project_policy(ProjectArn=project, PolicyName="share", PolicyDocument=json.dumps(document))


def test_a_policy_naming_a_role_admits_that_roles_sessions_only(moto_ext_mock, monkeypatch):
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    rek = client("rekognition")
    source_project, source = make_version(rek, s3)
    admin = session_client("rekognition", f"arn:aws:iam::{TRUSTED}:role/Admin")
    other = session_client("rekognition", f"arn:aws:iam::{TRUSTED}:role/Other")
    destination = admin.create_project(ProjectName="dest")["ProjectArn"]
    assert f":{TRUSTED}:project/dest/" in destination
    kwargs = dict(
        SourceProjectArn=source_project,
        SourceProjectVersionArn=source,
        DestinationProjectArn=destination,
        OutputConfig=OUTPUT,
    )
    # the guide's example policy: one role of the trusted account
    share(rek, source_project, f"arn:aws:iam::{TRUSTED}:role/Admin")
    with pytest.raises(other.exceptions.AccessDeniedException):
        other.copy_project_version(VersionName="by-other", **kwargs)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", TRUSTED)  # the account's own credentials: not the role either
    assert failure(rek.copy_project_version, VersionName="by-account", **kwargs)[:2] == ("AccessDeniedException", 400)
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    assert admin.copy_project_version(VersionName="by-admin", **kwargs)["ProjectVersionArn"]
    # naming the account admits every principal of it
    rek.delete_project_policy(ProjectArn=source_project, PolicyName="share")
    share(rek, source_project, TRUSTED)
    assert other.copy_project_version(VersionName="by-other", **kwargs)["ProjectVersionArn"]
    names = {
        v["ProjectVersionArn"].split("/")[3]
        for v in admin.describe_project_versions(ProjectArn=destination)["ProjectVersionDescriptions"]
    }
    assert names == {"by-admin", "by-other"}
