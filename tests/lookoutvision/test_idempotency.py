"""ClientToken (X-Amzn-Client-Token): a repeat answers as the first call, once per 8 hours."""

import time as real_time

import pytest

from moto_ext.core import idempotency
from tests.support import error_of

from .helpers import OUTPUT, make_project, make_trained_model


def test_repeat_create_model_makes_one_model(lv):
    make_project(lv)
    first = lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, ClientToken="token-1")
    again = lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, ClientToken="token-1")
    assert again["ModelMetadata"] == first["ModelMetadata"]
    assert [m["ModelVersion"] for m in lv.list_models(ProjectName="widgets")["Models"]] == ["1"]
    # botocore fills a fresh token when none is given: a new call each time
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert [m["ModelVersion"] for m in lv.list_models(ProjectName="widgets")["Models"]] == ["1", "2", "3"]


def test_same_token_other_parameters_is_a_conflict(lv):
    make_project(lv)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, ClientToken="token-1")
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, Description="other", ClientToken="token-1")
    code, status, _, response = error_of(raised)
    assert status == 409 and response["ResourceType"] == "MODEL"
    assert len(lv.list_models(ProjectName="widgets")["Models"]) == 1


def test_repeat_start_answers_the_first_status(lv):
    version = make_trained_model(lv)
    first = lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1, ClientToken="start-1")
    assert lv.describe_model(ProjectName="widgets", ModelVersion=version)["ModelDescription"]["Status"] == "HOSTED"
    # a retry of the same request is not a second start (which would be a conflict now)
    again = lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1, ClientToken="start-1")
    assert again["Status"] == first["Status"] == "STARTING_HOSTING"
    with pytest.raises(lv.exceptions.ConflictException):
        lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=1, ClientToken="start-2")
    with pytest.raises(lv.exceptions.ConflictException):
        lv.start_model(ProjectName="widgets", ModelVersion=version, MinInferenceUnits=2, ClientToken="start-1")


def test_repeat_delete_project(lv):
    lv.create_project(ProjectName="widgets", ClientToken="create-1")
    first = lv.delete_project(ProjectName="widgets", ClientToken="delete-1")
    assert lv.delete_project(ProjectName="widgets", ClientToken="delete-1")["ProjectArn"] == first["ProjectArn"]
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.delete_project(ProjectName="widgets", ClientToken="delete-2")
    # tokens are per operation: the create token replays the create, not the delete
    assert (
        lv.create_project(ProjectName="widgets", ClientToken="create-1")["ProjectMetadata"]["ProjectName"] == "widgets"
    )
    assert lv.list_projects()["Projects"] == []


def test_failed_call_is_not_remembered(lv):
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.create_dataset(ProjectName="widgets", DatasetType="train", ClientToken="dataset-1")
    lv.create_project(ProjectName="widgets")
    created = lv.create_dataset(ProjectName="widgets", DatasetType="train", ClientToken="dataset-1")
    assert created["DatasetMetadata"]["Status"] == "CREATE_COMPLETE"


def test_update_entries_once(lv):
    make_project(lv)
    changes = b'{"source-ref": "s3://lv-data/a.png"}'
    lv.update_dataset_entries(ProjectName="widgets", DatasetType="train", Changes=changes, ClientToken="update-1")
    # while the first update still runs, its retry is answered without a conflict
    again = lv.update_dataset_entries(
        ProjectName="widgets", DatasetType="train", Changes=changes, ClientToken="update-1"
    )
    assert again["Status"] == "UPDATE_IN_PROGRESS"
    with pytest.raises(lv.exceptions.ConflictException):
        lv.update_dataset_entries(
            ProjectName="widgets",
            DatasetType="train",
            Changes=b'{"source-ref": "s3://lv-data/b.png"}',
            ClientToken="update-1",
        )


def test_token_is_active_for_eight_hours(lv, monkeypatch):
    make_project(lv)
    assert idempotency.EIGHT_HOURS == 8 * 3600
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, ClientToken="token-1")

    class Later:
        offset = 8 * 3600 - 60

        @classmethod
        def time(cls):
            return real_time.time() + cls.offset

    monkeypatch.setattr(idempotency, "time", Later)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, ClientToken="token-1")
    assert len(lv.list_models(ProjectName="widgets")["Models"]) == 1
    Later.offset = 8 * 3600 + 60
    assert (
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, ClientToken="token-1")["ModelMetadata"][
            "ModelVersion"
        ]
        == "2"
    )


@pytest.mark.parametrize("token", ["has space", "under_score", "x" * 65])
def test_malformed_token(lv, token):
    with pytest.raises(lv.exceptions.ValidationException):
        lv.create_project(ProjectName="widgets", ClientToken=token)
    assert lv.list_projects()["Projects"] == []


def test_packaging_job_once(lv):
    make_trained_model(lv)
    configuration = {
        "Greengrass": {"S3OutputLocation": {"Bucket": "lv-data"}, "ComponentName": "c", "TargetDevice": "jetson_xavier"}
    }
    first = lv.start_model_packaging_job(
        ProjectName="widgets", ModelVersion="1", Configuration=configuration, ClientToken="job-1"
    )
    again = lv.start_model_packaging_job(
        ProjectName="widgets", ModelVersion="1", Configuration=configuration, ClientToken="job-1"
    )
    assert again["JobName"] == first["JobName"]
    assert len(lv.list_model_packaging_jobs(ProjectName="widgets")["ModelPackagingJobs"]) == 1
