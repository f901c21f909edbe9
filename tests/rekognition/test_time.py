"""When statuses move (issue 12): every operation that looks at a version or dataset counts as a
look, in each progression mode; under ``time`` the clock alone moves them; waiters return on
their first poll by default; what is gone is gone for every operation at once."""

import time

import pytest

from tests.support import failure

from .helpers import BUCKET, FAST, JPEG, animals, make_datasets, make_version, put_manifest, version_status

VERSIONS = "rekognition.project_version"
DATASETS = "rekognition.dataset"
OUTPUT = {"S3Bucket": BUCKET, "S3KeyPrefix": "output/"}
INTERVAL = 0.05  # seconds a step takes under ``time``


def counted(rek, operation):
    """A list that grows by one for every ``operation`` request the client sends."""
    sent = []
    rek.meta.events.register(f"before-send.rekognition.{operation}", lambda **kwargs: sent.append(1))
    return sent


def detect_until_answered(rek, arn, attempts=50, pause=0.0):
    """A client that retries DetectCustomLabels until the model runs; how many calls it made."""
    for attempt in range(1, attempts + 1):
        try:
            rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG})
            return attempt
        except rek.exceptions.ResourceNotReadyException:
            time.sleep(pause)
    raise AssertionError(f"DetectCustomLabels never answered in {attempts} attempts")


# --- immediate (the default) ---------------------------------------------------------------------
def test_immediate_detect_looks_at_the_model_it_uses(rek, s3):
    project, arn = make_version(rek, s3)
    described = counted(rek, "DescribeProjectVersions")
    assert rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)["Status"] == "STARTING"
    assert detect_until_answered(rek, arn) == 1  # its own look moved STARTING -> RUNNING
    assert described == []
    assert version_status(rek, project, "v1") == "RUNNING"


def test_immediate_stop_looks_at_the_model_it_stops(rek, s3):
    _, arn = make_version(rek, s3)
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    assert rek.stop_project_version(ProjectVersionArn=arn)["Status"] == "STOPPING"


def test_immediate_a_program_still_sees_the_intermediate_status(rek, s3):
    project, arn = make_version(rek, s3)
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    rek.get_waiter("project_version_running").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=FAST)
    assert rek.stop_project_version(ProjectVersionArn=arn)["Status"] == "STOPPING"
    assert version_status(rek, project, "v1") == "STOPPED"  # one look, one step


def test_immediate_waiters_return_on_their_first_poll(rek, s3):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    make_datasets(rek, s3, project)
    polls = counted(rek, "DescribeProjectVersions")
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    once = {"Delay": 5, "MaxAttempts": 1}  # a second poll would fail the wait (and sleep 5 s first)
    started = time.monotonic()
    rek.get_waiter("project_version_training_completed").wait(
        ProjectArn=project, VersionNames=["v1"], WaiterConfig=once
    )
    arn = rek.describe_project_versions(ProjectArn=project)["ProjectVersionDescriptions"][0]["ProjectVersionArn"]
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    rek.get_waiter("project_version_running").wait(ProjectArn=project, VersionNames=["v1"], WaiterConfig=once)
    assert len(polls) == 3 and time.monotonic() - started < 2


def test_immediate_delete_project_looks_at_its_deleting_versions(rek, s3):
    project, arn = make_version(rek, s3)
    assert rek.delete_project_version(ProjectVersionArn=arn)["Status"] == "DELETING"
    # no read in between: DeleteProject's own look finds the version gone
    assert rek.delete_project(ProjectArn=project)["Status"] == "DELETING"


def test_immediate_gone_is_gone_for_every_operation(rek, s3):
    project, arn = make_version(rek, s3)
    rek.delete_project_version(ProjectVersionArn=arn)
    # the first look (here StartProjectVersion's) ends the deletion: from then on it does not exist
    assert failure(rek.start_project_version, ProjectVersionArn=arn, MinInferenceUnits=1)[:2] == (
        "ResourceNotFoundException",
        400,
    )
    assert rek.describe_project_versions(ProjectArn=project)["ProjectVersionDescriptions"] == []
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotFoundException",
        400,
    )
    assert failure(rek.list_tags_for_resource, ResourceArn=arn)[:2] == ("ResourceNotFoundException", 400)


def test_immediate_training_looks_at_the_datasets_it_uses(rek, s3):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    for kind, key in (("TRAIN", "train.manifest"), ("TEST", "test.manifest")):
        rek.create_dataset(ProjectArn=project, DatasetType=kind, DatasetSource=put_manifest(s3, key, animals(6, kind)))
    # no DescribeDataset: CreateProjectVersion's look completes both datasets
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    assert version_status(rek, project, "v1") == "TRAINING_COMPLETED"


def test_immediate_a_deleted_dataset_makes_room_for_a_new_one(rek):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"]
    rek.describe_dataset(DatasetArn=arn)
    rek.delete_dataset(DatasetArn=arn)
    assert rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"] != arn


# --- manual --------------------------------------------------------------------------------------
def test_manual_every_look_counts_whoever_looks(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_progression(VERSIONS, "manual", times=3)
    described = counted(rek, "DescribeProjectVersions")
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    assert failure(rek.stop_project_version, ProjectVersionArn=arn)[:2] == ("ResourceInUseException", 400)  # look 1
    assert detect_until_answered(rek, arn) == 2  # looks 2 and 3
    assert described == []
    assert rek.stop_project_version(ProjectVersionArn=arn)["Status"] == "STOPPING"


def test_manual_delete_project_waits_for_the_looks(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_progression(VERSIONS, "manual", times=2)
    rek.delete_project_version(ProjectVersionArn=arn)
    assert failure(rek.delete_project, ProjectArn=project)[:2] == ("ResourceInUseException", 400)  # look 1
    assert rek.delete_project(ProjectArn=project)["Status"] == "DELETING"  # look 2: gone


def test_manual_dataset_looks_by_writes(rek, moto_ext_mock):
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    moto_ext_mock.set_progression(DATASETS, "manual", times=2)
    arn = rek.create_dataset(ProjectArn=project, DatasetType="TRAIN")["DatasetArn"]
    assert failure(rek.delete_dataset, DatasetArn=arn)[:2] == ("ResourceInUseException", 400)  # look 1
    rek.delete_dataset(DatasetArn=arn)  # look 2: created, so it can be deleted
    assert rek.describe_projects()["ProjectDescriptions"][0]["Datasets"][0]["Status"] == "DELETE_IN_PROGRESS"


# --- time ----------------------------------------------------------------------------------------
def test_time_detect_and_stop_see_running_with_no_read(rek, s3, moto_ext_mock, engine_clock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_progression(VERSIONS, "time", seconds=INTERVAL)
    described = counted(rek, "DescribeProjectVersions")
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotReadyException",
        400,
    )
    assert failure(rek.stop_project_version, ProjectVersionArn=arn)[:2] == ("ResourceInUseException", 400)
    engine_clock.advance(INTERVAL * 2)
    assert rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG})["CustomLabels"]
    assert rek.stop_project_version(ProjectVersionArn=arn)["Status"] == "STOPPING"
    assert described == []


def test_time_a_retrying_client_gets_an_answer(rek, s3, moto_ext_mock):
    _, arn = make_version(rek, s3)
    # real time: generous, so a loaded machine's first call still comes before the model runs
    moto_ext_mock.set_progression(VERSIONS, "time", seconds=0.5)
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    assert detect_until_answered(rek, arn, pause=0.05) > 1


def test_time_looks_do_not_hurry_it(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_progression(VERSIONS, "time", seconds=60)
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    for _ in range(5):
        assert version_status(rek, project, "v1") == "STARTING"
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotReadyException",
        400,
    )


def test_time_delete_project_after_the_clock_with_no_read(rek, s3, moto_ext_mock, engine_clock):
    project, arn = make_version(rek, s3)
    moto_ext_mock.set_progression(VERSIONS, "time", seconds=INTERVAL)
    rek.delete_project_version(ProjectVersionArn=arn)
    assert failure(rek.delete_project, ProjectArn=project)[:2] == ("ResourceInUseException", 400)
    engine_clock.advance(INTERVAL * 2)
    assert rek.delete_project(ProjectArn=project)["Status"] == "DELETING"


def test_time_training_and_datasets_follow_the_clock(rek, s3, moto_ext_mock, engine_clock):
    moto_ext_mock.set_progression(DATASETS, "time", seconds=INTERVAL)
    moto_ext_mock.set_progression(VERSIONS, "time", seconds=INTERVAL)
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    for kind, key in (("TRAIN", "train.manifest"), ("TEST", "test.manifest")):
        rek.create_dataset(ProjectArn=project, DatasetType=kind, DatasetSource=put_manifest(s3, key, animals(6, kind)))
    found = failure(rek.create_project_version, ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    assert found[:2] == ("ResourceInUseException", 400)  # the datasets are still being created
    engine_clock.advance(INTERVAL * 2)
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    assert version_status(rek, project, "v1") == "TRAINING_IN_PROGRESS"
    engine_clock.advance(INTERVAL * 2)
    assert version_status(rek, project, "v1") == "TRAINING_COMPLETED"


@pytest.mark.parametrize(
    "mode, settings", [("immediate", {}), ("manual", {"times": 2}), ("time", {"seconds": INTERVAL})]
)
def test_waiters_finish_in_every_mode(rek, s3, moto_ext_mock, mode, settings):
    moto_ext_mock.set_progression(VERSIONS, mode, **settings)
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    make_datasets(rek, s3, project)
    rek.create_project_version(ProjectArn=project, VersionName="v1", OutputConfig=OUTPUT)
    patient = {"Delay": 1, "MaxAttempts": 5}
    rek.get_waiter("project_version_training_completed").wait(
        ProjectArn=project, VersionNames=["v1"], WaiterConfig=patient
    )
    assert version_status(rek, project, "v1") == "TRAINING_COMPLETED"
