"""Statuses move whoever looks: the precondition checks of writes (DeleteProject, CreateDataset,
StartModel, DetectAnomalies) see the same status a Describe would, in every progression mode."""

import time

import pytest

from .helpers import OUTPUT, PNG, make_project

KINDS = ("lookoutvision.dataset", "lookoutvision.model")


def settle(moto_ext_mock, mode):
    """Put both kinds in ``mode``; answer how to let one step happen without a Describe."""
    if mode == "immediate":
        return lambda: None
    if mode == "manual":
        for kind in KINDS:
            moto_ext_mock.set_progression(kind, "manual", times=2)
        return lambda: None  # the refused call was the first look; the retry is the second
    for kind in KINDS:
        moto_ext_mock.set_progression(kind, "time", seconds=0.3)
    return lambda: time.sleep(0.4)


def refused_first(mode):
    """immediate: the first look moves the status; manual (2 looks) and time: it does not yet."""
    return mode != "immediate"


@pytest.mark.parametrize("mode", ["immediate", "manual", "time"])
def test_delete_project_after_delete_dataset(moto_ext_mock, lv, mode):
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="test")
    wait = settle(moto_ext_mock, mode)
    lv.delete_dataset(ProjectName="widgets", DatasetType="test")
    if refused_first(mode):
        with pytest.raises(lv.exceptions.ConflictException):
            lv.delete_project(ProjectName="widgets")
        wait()
    assert lv.delete_project(ProjectName="widgets")["ProjectArn"].endswith(":project/widgets")
    assert lv.list_projects()["Projects"] == []


@pytest.mark.parametrize("mode", ["immediate", "manual", "time"])
def test_create_dataset_after_delete_dataset(moto_ext_mock, lv, mode):
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="test")
    wait = settle(moto_ext_mock, mode)
    lv.delete_dataset(ProjectName="widgets", DatasetType="test")
    if refused_first(mode):
        with pytest.raises(lv.exceptions.ConflictException):
            lv.create_dataset(ProjectName="widgets", DatasetType="test")
        wait()
    created = lv.create_dataset(ProjectName="widgets", DatasetType="test")
    assert created["DatasetMetadata"]["Status"] == "CREATE_COMPLETE"


@pytest.mark.parametrize("mode", ["immediate", "manual", "time"])
def test_start_model_sees_training_end(moto_ext_mock, lv, mode):
    make_project(lv)
    wait = settle(moto_ext_mock, mode)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    if refused_first(mode):
        with pytest.raises(lv.exceptions.ConflictException):
            lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)
        wait()
    assert lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)["Status"] == "STARTING_HOSTING"


@pytest.mark.parametrize("mode", ["immediate", "manual", "time"])
def test_detect_anomalies_sees_hosting_end(moto_ext_mock, lv, mode):
    make_project(lv)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    lv.describe_model(ProjectName="widgets", ModelVersion="1")  # TRAINED
    wait = settle(moto_ext_mock, mode)
    lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)

    def detect():
        return lv.detect_anomalies(ProjectName="widgets", ModelVersion="1", Body=PNG, ContentType="image/png")

    if refused_first(mode):
        with pytest.raises(lv.exceptions.ConflictException):
            detect()
        wait()
    assert detect()["DetectAnomalyResult"]["Source"] == {"Type": "direct"}


def test_time_mode_needs_no_look_at_all(moto_ext_mock, lv):
    """``time``: a second after CreateModel the model is TRAINED for StartModel, nobody having
    described it in between."""
    make_project(lv)
    moto_ext_mock.set_progression("lookoutvision.model", "time", seconds=0.05)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    time.sleep(1)
    assert lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)["Status"] == "STARTING_HOSTING"


def test_a_deleted_model_is_gone_everywhere_at_once(moto_ext_mock, lv):
    make_project(lv)
    lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    lv.describe_model(ProjectName="widgets", ModelVersion="1")  # TRAINED
    moto_ext_mock.set_progression("lookoutvision.model", "time", seconds=0.05)
    lv.delete_model(ProjectName="widgets", ModelVersion="1")
    time.sleep(0.1)
    assert lv.list_models(ProjectName="widgets")["Models"] == []
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.describe_model(ProjectName="widgets", ModelVersion="1")
