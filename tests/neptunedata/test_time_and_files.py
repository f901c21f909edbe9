"""Whole programs over time (issue 12): the rules of each progression mode, a list that loses a
deleted endpoint, a cancel of a job seen InProgress, fast reset; and the files each job writes."""

import io
import json
import tarfile
import time

import pytest

from .helpers import BUCKET, completed_processing, completed_training, completed_transform, keys, settled

PROCESSING = {
    "inputDataS3Location": f"s3://{BUCKET}/export",
    "processedDataS3Location": f"s3://{BUCKET}/processed",
}


def _deleted_endpoint(neptune):
    training = completed_training(neptune)
    neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId=training)
    assert neptune.get_ml_endpoint(id="ep")["status"] == "InService"
    assert neptune.delete_ml_endpoint(id="ep")["status"] == "Deleting"


def _poll_list_until_gone(neptune, limit=50):
    """What a client does: list until the endpoint is no longer there (bounded here)."""
    for polls in range(1, limit + 1):
        if "ep" not in neptune.list_ml_endpoints()["ids"]:
            return polls
    raise AssertionError("the deleted endpoint never left ListMLEndpoints")


# --- ListMLEndpoints drops a deleted endpoint, in every mode -----------------------------------------


def test_immediate_a_list_after_delete_no_longer_shows_the_endpoint(neptune, s3):
    _deleted_endpoint(neptune)
    assert _poll_list_until_gone(neptune) == 1
    with pytest.raises(neptune.exceptions.MLResourceNotFoundException):
        neptune.get_ml_endpoint(id="ep")


def test_manual_the_list_counts_as_a_look(moto_ext_mock, neptune, s3):
    _deleted_endpoint(neptune)
    moto_ext_mock.set_progression("neptunedata.endpoint", "manual", times=3)
    assert neptune.list_ml_endpoints()["ids"] == ["ep"]
    assert neptune.get_ml_endpoint(id="ep")["status"] == "Deleting"
    assert neptune.list_ml_endpoints()["ids"] == []  # the third look ends the deletion
    with pytest.raises(neptune.exceptions.MLResourceNotFoundException):
        neptune.get_ml_endpoint(id="ep")


def test_time_the_endpoint_leaves_every_list_when_its_time_is_up(moto_ext_mock, neptune, s3):
    _deleted_endpoint(neptune)
    moto_ext_mock.set_progression("neptunedata.endpoint", "time", seconds=0.2)
    neptune.create_ml_endpoint(id="other", mlModelTrainingJobId="tr-1")
    assert sorted(neptune.list_ml_endpoints()["ids"]) == ["ep", "other"]
    time.sleep(0.25)
    # no look at "ep" is needed: whatever the client calls, the clock has moved it
    assert neptune.get_ml_endpoint(id="other")["status"] == "InService"
    assert neptune.list_ml_endpoints()["ids"] == ["other"]


# --- a program that polls to act on InProgress ---------------------------------------------------


def _poll_and_cancel(neptune, job_id, get, cancel, limit=10):
    """Poll; cancel as soon as the job is seen InProgress (what a program does to stop a run)."""
    for _ in range(limit):
        status = get(id=job_id)["status"]
        if status == "InProgress":
            return cancel(id=job_id, clean=True)["status"]
        if status in ("Completed", "Failed", "Stopped"):
            return status
    raise AssertionError("the job never settled")


def test_immediate_a_program_sees_inprogress_and_can_cancel(neptune, s3):
    neptune.start_ml_data_processing_job(id="dp", **PROCESSING)
    result = _poll_and_cancel(neptune, "dp", neptune.get_ml_data_processing_job, neptune.cancel_ml_data_processing_job)
    assert result == "Stopping"
    assert neptune.get_ml_data_processing_job(id="dp")["status"] == "Stopped"


def test_immediate_a_program_that_only_polls_sees_inprogress_then_completed(neptune, s3):
    neptune.start_ml_data_processing_job(id="dp", **PROCESSING)
    seen = [neptune.get_ml_data_processing_job(id="dp")["status"] for _ in range(3)]
    assert seen == ["InProgress", "Completed", "Completed"]


def test_immediate_cancel_right_after_start_is_accepted(neptune, s3):
    processing = completed_processing(neptune)
    neptune.start_ml_model_training_job(
        id="tr", dataProcessingJobId=processing, trainModelS3Location=f"s3://{BUCKET}/training"
    )
    assert neptune.cancel_ml_model_training_job(id="tr")["status"] == "Stopping"


def test_manual_the_job_is_inprogress_until_the_nth_look(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=2)
    neptune.start_ml_data_processing_job(id="dp", **PROCESSING)
    seen = [neptune.get_ml_data_processing_job(id="dp")["status"] for _ in range(2)]
    assert seen == ["InProgress", "Completed"]


def test_time_the_job_completes_with_the_clock_whoever_looks(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "time", seconds=0.2)
    neptune.start_ml_data_processing_job(id="dp", **PROCESSING)
    assert neptune.get_ml_data_processing_job(id="dp")["status"] == "InProgress"
    assert neptune.cancel_ml_data_processing_job(id="dp")["status"] == "Stopping"
    neptune.start_ml_data_processing_job(id="dp-2", **PROCESSING)
    training = {"dataProcessingJobId": "dp-2", "trainModelS3Location": f"s3://{BUCKET}/training"}
    with pytest.raises(neptune.exceptions.BadRequestException):  # its input is still running
        neptune.start_ml_model_training_job(**training)
    time.sleep(0.25)
    # the dependent's check sees the clock's status without anyone reading dp-2 first
    assert neptune.start_ml_model_training_job(**training)["id"]
    with pytest.raises(neptune.exceptions.InvalidParameterException):  # too late to cancel now
        neptune.cancel_ml_data_processing_job(id="dp-2")


# --- fast reset --------------------------------------------------------------------------------------


def test_fast_reset_is_a_token_exchange_that_forgets_the_ml_resources(neptune, s3):
    completed_transform(neptune)
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.execute_fast_reset(action="performDatabaseReset", token="not-issued")
    initiated = neptune.execute_fast_reset(action="initiateDatabaseReset")
    assert initiated["status"] == "200 OK"
    token = initiated["payload"]["token"]
    assert neptune.execute_fast_reset(action="performDatabaseReset", token=token)["status"] == "200 OK"
    assert neptune.list_ml_data_processing_jobs()["ids"] == []
    assert neptune.list_ml_model_training_jobs()["ids"] == []
    assert neptune.list_ml_model_transform_jobs()["ids"] == []
    with pytest.raises(neptune.exceptions.InvalidParameterException):  # a token serves once
        neptune.execute_fast_reset(action="performDatabaseReset", token=token)
    # the files the jobs wrote stay in S3 (the reset empties the database, not the bucket)
    assert "processed/dp-1/model-hpo-configuration.json" in keys(s3)


# --- the files each job writes -----------------------------------------------------------------------


def _archive_info(s3, key):
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
        member = archive.extractfile("model-info.json")
        assert member is not None
        return json.loads(member.read())


def test_each_job_writes_its_output_under_location_and_id_when_it_completes(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=2)
    neptune.start_ml_data_processing_job(id="dp-1", modelType="heterogeneous", **PROCESSING)
    assert neptune.get_ml_data_processing_job(id="dp-1")["status"] == "InProgress"
    assert keys(s3, "processed/") == []  # nothing until it completes
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "immediate")
    assert neptune.get_ml_data_processing_job(id="dp-1")["status"] == "Completed"
    completed_transform(neptune, training_id=completed_training(neptune, processing_id="dp-1"))

    assert keys(s3) == [
        "processed/dp-1/model-hpo-configuration.json",
        "training/tr-1/model-hpo-configuration.json",
        "training/tr-1/output/model.tar.gz",
        "transform/mt-1/output/model.tar.gz",
    ]
    hpo = json.loads(s3.get_object(Bucket=BUCKET, Key="processed/dp-1/model-hpo-configuration.json")["Body"].read())
    (model,) = hpo["models"]
    assert model["model"] == "rgcn" and model["task_type"] == "node_class"
    assert {"1-tier-param", "2-tier-param", "3-tier-param", "fixed-param"} <= set(model)
    assert _archive_info(s3, "training/tr-1/output/model.tar.gz")["jobId"] == "tr-1"
    assert _archive_info(s3, "transform/mt-1/output/model.tar.gz")["producedBy"] == "modeltransform"
    # the folders are the outputLocation each job reports
    training = neptune.get_ml_model_training_job(id="tr-1")
    assert training["hpoJob"]["outputLocation"] == f"s3://{BUCKET}/training/tr-1"


def test_a_failed_job_writes_nothing(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_outcome("neptunedata.data_processing_job", "Failed")
    neptune.start_ml_data_processing_job(id="dp", **PROCESSING)
    assert settled(neptune.get_ml_data_processing_job, id="dp")["status"] == "Failed"
    assert keys(s3) == []


def test_training_copies_the_edited_configuration_and_clean_removes_it(moto_ext_mock, neptune, s3):
    """The documented workflow: edit the processing job's model-hpo-configuration.json, then train;
    the running training job holds the configuration it trains with, and clean=true removes it."""
    processing = completed_processing(neptune)
    edited = b'{"models": [{"model": "rgcn", "task_type": "node_regression"}]}'
    s3.put_object(Bucket=BUCKET, Key="processed/dp-1/model-hpo-configuration.json", Body=edited)
    moto_ext_mock.set_progression("neptunedata.training_job", "manual", times=10)
    neptune.start_ml_model_training_job(
        id="tr", dataProcessingJobId=processing, trainModelS3Location=f"s3://{BUCKET}/training"
    )
    assert neptune.get_ml_model_training_job(id="tr")["status"] == "InProgress"
    copied = s3.get_object(Bucket=BUCKET, Key="training/tr/model-hpo-configuration.json")["Body"].read()
    assert copied == edited
    assert neptune.cancel_ml_model_training_job(id="tr", clean=True)["status"] == "Stopping"
    assert keys(s3, "training/") == []
    assert keys(s3, "processed/") == ["processed/dp-1/model-hpo-configuration.json"]


def test_clean_on_cancel_removes_what_the_job_folder_holds(moto_ext_mock, neptune, s3):
    """A completed job's files stay; a job cancelled with clean=true loses its whole folder, and a
    job it shares the location with keeps its own."""
    completed_processing(neptune, "dp-1")
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=10)
    neptune.start_ml_data_processing_job(id="dp-2", **PROCESSING)
    # what the running job has written so far (a user's copy of the configuration, say)
    s3.copy_object(
        Bucket=BUCKET,
        Key="processed/dp-2/model-hpo-configuration.json",
        CopySource={"Bucket": BUCKET, "Key": "processed/dp-1/model-hpo-configuration.json"},
    )
    assert neptune.cancel_ml_data_processing_job(id="dp-2", clean=True)["status"] == "Stopping"
    assert keys(s3) == ["processed/dp-1/model-hpo-configuration.json"]
