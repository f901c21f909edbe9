"""Neptune ML: data processing, training, transform, endpoints, through a real neptunedata client."""

import re
import uuid

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from tests.support import assert_matches_output_shape, client, error_of

from .helpers import BUCKET, ROLE, completed_processing, completed_training, completed_transform, keys, settled

NOT_FOUND = "Invalid ID provided. Please check whether a resource with the given ID exists."
PROCESSING = {"inputDataS3Location": f"s3://{BUCKET}/export", "processedDataS3Location": f"s3://{BUCKET}/processed"}


# --- ids ------------------------------------------------------------------------------------------


def test_start_generates_a_uuid_when_no_id_is_given(neptune, s3):
    started = neptune.start_ml_data_processing_job(**PROCESSING)
    assert_matches_output_shape(neptune, "StartMLDataProcessingJob", started)
    assert uuid.UUID(started["id"])
    assert started["arn"].startswith("arn:aws:sagemaker:us-east-1:123456789012:processing-job/")
    assert isinstance(started["creationTimeInMillis"], int)
    assert neptune.list_ml_data_processing_jobs()["ids"] == [started["id"]]


@pytest.mark.parametrize(
    "bad_id, message",
    [
        ("x" * 49, "Invalid ID provided. ID can be 1-48 alphanumeric characters."),
        ("", "Invalid ID provided. ID can be 1-48 alphanumeric characters."),
        ("has_underscore", "Invalid ID provided. Must contain only letters, digits, or hyphens."),
        ("spaces are bad", "Invalid ID provided. Must contain only letters, digits, or hyphens."),
    ],
)
def test_invalid_ids_are_refused(neptune, s3, bad_id, message):
    with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
        neptune.start_ml_data_processing_job(id=bad_id, **PROCESSING)
    failure = error_of(excinfo)
    assert (failure.code, failure.status, failure.response.get("detailedMessage")) == (
        "InvalidParameterException",
        400,
        message,
    )
    assert neptune.list_ml_data_processing_jobs()["ids"] == []


def test_the_longest_id_is_accepted(neptune, s3):
    job_id = "a-" + "b" * 46
    assert neptune.start_ml_data_processing_job(id=job_id, **PROCESSING)["id"] == job_id
    neptune.get_ml_data_processing_job(id=job_id)
    # SageMaker names derived from it stay within SageMaker's limits
    training = completed_training(neptune, job_id, processing_id=job_id)
    hpo = neptune.get_ml_model_training_job(id=training)["hpoJob"]["name"]
    assert len(hpo) <= 32 and re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9])*", hpo)


def test_a_duplicate_id_gets_the_documented_error_and_changes_nothing(neptune, s3):
    first = neptune.start_ml_data_processing_job(id="dup", **PROCESSING)
    with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
        neptune.start_ml_data_processing_job(id="dup", **PROCESSING)
    failure = error_of(excinfo)
    assert (failure.code, failure.status, failure.response.get("detailedMessage")) == (
        "InvalidParameterException",
        400,
        "Another resource with same ID already exists. Please use a new ID.",
    )
    assert neptune.list_ml_data_processing_jobs()["ids"] == ["dup"]
    assert neptune.get_ml_data_processing_job(id="dup")["processingJob"]["arn"] == first["arn"]


def test_each_kind_of_resource_has_its_own_ids(neptune, s3):
    # the Neptune ML notebooks reuse one name for the processing, training and endpoint of a run
    completed_processing(neptune, "run-1")
    completed_training(neptune, "run-1", processing_id="run-1")
    neptune.create_ml_endpoint(id="run-1", mlModelTrainingJobId="run-1")
    assert neptune.get_ml_endpoint(id="run-1")["status"] == "InService"


def test_unknown_ids_are_ml_resource_not_found(neptune):
    calls = [
        lambda: neptune.get_ml_data_processing_job(id="nope"),
        lambda: neptune.cancel_ml_data_processing_job(id="nope"),
        lambda: neptune.get_ml_model_training_job(id="nope"),
        lambda: neptune.cancel_ml_model_training_job(id="nope"),
        lambda: neptune.get_ml_model_transform_job(id="nope"),
        lambda: neptune.cancel_ml_model_transform_job(id="nope"),
        lambda: neptune.get_ml_endpoint(id="nope"),
        lambda: neptune.delete_ml_endpoint(id="nope"),
    ]
    for call in calls:
        with pytest.raises(neptune.exceptions.MLResourceNotFoundException) as excinfo:
            call()
        failure = error_of(excinfo)
        assert (failure.code, failure.status) == ("MLResourceNotFoundException", 404)
        assert failure.response.get("detailedMessage") == NOT_FOUND
        assert excinfo.value.response["code"] == "MLResourceNotFoundException"
        assert excinfo.value.response["requestId"]


# --- IAM roles, S3 locations, instance types --------------------------------------------------------


def test_role_arns_are_accepted_and_validated(neptune, s3):
    started = neptune.start_ml_data_processing_job(
        id="roles", neptuneIamRoleArn=ROLE, sagemakerIamRoleArn=ROLE, **PROCESSING
    )
    assert (
        settled(neptune.get_ml_data_processing_job, id=started["id"], neptuneIamRoleArn=ROLE)["status"] == "Completed"
    )
    assert neptune.list_ml_data_processing_jobs(neptuneIamRoleArn=ROLE)["ids"] == ["roles"]

    for bad in ("not-an-arn", "arn:aws:iam::123456789012:user/someone", "arn:aws:s3:::bucket"):
        with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
            neptune.start_ml_data_processing_job(id="bad-role", sagemakerIamRoleArn=bad, **PROCESSING)
        assert "sagemakerIamRoleArn" in error_of(excinfo).response.get("detailedMessage")
        with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
            neptune.get_ml_data_processing_job(id="roles", neptuneIamRoleArn=bad)
        assert "neptuneIamRoleArn" in error_of(excinfo).response.get("detailedMessage")
    assert neptune.list_ml_data_processing_jobs()["ids"] == ["roles"]


@pytest.mark.parametrize(
    "location", ["s3://no-such-bucket/processed", "https://example.com/data", "s3://", "/local/path"]
)
def test_s3_locations_must_be_s3_uris_of_existing_buckets(neptune, s3, location):
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_data_processing_job(
            inputDataS3Location=f"s3://{BUCKET}/export", processedDataS3Location=location
        )
    failure = error_of(excinfo)
    assert (failure.code, failure.status, failure.response.get("detailedMessage")) == (
        "BadRequestException",
        400,
        "Invalid S3 URL or incorrect S3 permissions. Please check your S3 configuration.",
    )


def test_instance_types_and_sizes_are_validated(neptune, s3):
    with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
        neptune.start_ml_data_processing_job(processingInstanceType="m5.xlarge", **PROCESSING)
    assert error_of(excinfo).response.get("detailedMessage") == "Invalid ML instance type."
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.start_ml_data_processing_job(modelType="graphsage", **PROCESSING)
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.start_ml_data_processing_job(processingInstanceVolumeSizeInGB=-1, **PROCESSING)
    assert neptune.list_ml_data_processing_jobs()["ids"] == []
    ok = neptune.start_ml_data_processing_job(
        processingInstanceType="ml.r5.large",
        modelType="heterogeneous",
        processingInstanceVolumeSizeInGB=0,
        **PROCESSING,
    )
    assert neptune.list_ml_data_processing_jobs()["ids"] == [ok["id"]]


# --- data processing --------------------------------------------------------------------------------


def test_data_processing_job_runs_to_completed(neptune, s3):
    started = neptune.start_ml_data_processing_job(id="dp", **PROCESSING)
    described = settled(neptune.get_ml_data_processing_job, id="dp")
    assert_matches_output_shape(neptune, "GetMLDataProcessingJob", described)
    assert described["status"] == "Completed"
    assert described["id"] == "dp"
    job = described["processingJob"]
    assert job["arn"] == started["arn"]
    assert job["status"] == "Completed"
    assert job["outputLocation"] == f"s3://{BUCKET}/processed/dp"
    assert job["cloudwatchLogUrl"].startswith("https://us-east-1.console.aws.amazon.com/cloudwatch/")
    assert "failureReason" not in job


def test_progression_and_outcome_are_controlled_from_the_test(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=3)
    neptune.start_ml_data_processing_job(id="slow", **PROCESSING)
    statuses = [neptune.get_ml_data_processing_job(id="slow")["status"] for _ in range(3)]
    assert statuses == ["InProgress", "InProgress", "Completed"]

    moto_ext_mock.set_progression("neptunedata.data_processing_job", "immediate")
    moto_ext_mock.set_outcome("neptunedata.data_processing_job", "Failed")
    neptune.start_ml_data_processing_job(id="doomed", **PROCESSING)
    failed = settled(neptune.get_ml_data_processing_job, id="doomed")
    assert_matches_output_shape(neptune, "GetMLDataProcessingJob", failed)
    assert failed["status"] == "Failed"
    assert failed["processingJob"]["failureReason"]


def test_set_status_forces_one_job_by_arn(moto_ext_mock, neptune, s3):
    arn = neptune.start_ml_data_processing_job(id="forced", **PROCESSING)["arn"]
    moto_ext_mock.set_status(arn, "Failed")
    assert neptune.get_ml_data_processing_job(id="forced")["status"] == "Failed"
    with pytest.raises(ValueError):
        moto_ext_mock.set_status(arn, "InService")


def test_incremental_processing_needs_a_completed_previous_job(moto_ext_mock, neptune, s3):
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_data_processing_job(previousDataProcessingJobId="missing", **PROCESSING)
    assert error_of(excinfo).response.get("detailedMessage") == "Provided MLDataProcessing job doesn't exist."
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=5)
    neptune.start_ml_data_processing_job(id="first", **PROCESSING)
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_data_processing_job(previousDataProcessingJobId="first", **PROCESSING)
    assert error_of(excinfo).response.get("detailedMessage") == "Provided MLDataProcessing job is not completed."


# --- cancel and clean -------------------------------------------------------------------------------


@pytest.mark.parametrize("clean", [True, False])
def test_cancel_stops_a_running_job_and_clean_deletes_only_its_artifacts(moto_ext_mock, neptune, s3, clean):
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=10)
    neptune.start_ml_data_processing_job(id="job1", **PROCESSING)
    output = neptune.get_ml_data_processing_job(id="job1")["processingJob"]["outputLocation"]
    assert output == f"s3://{BUCKET}/processed/job1"
    for key in (
        "processed/job1/features.npz",
        "processed/job1/info/info.pkl",
        "processed/job10/other.npz",
        "processed/shared.txt",
        "export/nodes.csv",
    ):
        s3.put_object(Bucket=BUCKET, Key=key, Body=b"artifact")

    assert neptune.cancel_ml_data_processing_job(id="job1", clean=clean)["status"] == "Stopping"

    survivors = ["export/nodes.csv", "processed/job10/other.npz", "processed/shared.txt"]
    if clean:
        assert keys(s3) == survivors
    else:
        assert keys(s3) == sorted(survivors + ["processed/job1/features.npz", "processed/job1/info/info.pkl"])
    assert neptune.get_ml_data_processing_job(id="job1")["status"] == "Stopping"
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "immediate")
    stopped = neptune.get_ml_data_processing_job(id="job1")
    assert stopped["status"] == "Stopped"
    assert stopped["processingJob"]["status"] == "Stopped"


@pytest.mark.parametrize("outcome", ["Completed", "Failed", "Stopped"])
def test_cancel_of_a_finished_job_is_refused_and_cleans_nothing(moto_ext_mock, neptune, s3, outcome):
    arn = neptune.start_ml_data_processing_job(id="done", **PROCESSING)["arn"]
    moto_ext_mock.set_status(arn, outcome)
    s3.put_object(Bucket=BUCKET, Key="processed/done/features.npz", Body=b"artifact")

    with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
        neptune.cancel_ml_data_processing_job(id="done", clean=True)

    failure = error_of(excinfo)
    assert (failure.code, failure.status, failure.response.get("detailedMessage")) == (
        "InvalidParameterException",
        400,
        "Failed to stop the job because it has already completed or failed.",
    )
    written = ["processed/done/model-hpo-configuration.json"] if outcome == "Completed" else []
    assert keys(s3) == ["processed/done/features.npz", *written]
    assert neptune.get_ml_data_processing_job(id="done")["status"] == outcome


def test_cancel_training_and_transform_with_clean(moto_ext_mock, neptune, s3):
    completed_processing(neptune)
    completed_training(neptune, "trained", processing_id="dp-1")
    moto_ext_mock.set_progression("neptunedata.training_job", "manual", times=10)
    moto_ext_mock.set_progression("neptunedata.transform_job", "manual", times=10)
    neptune.start_ml_model_training_job(
        id="tr", dataProcessingJobId="dp-1", trainModelS3Location=f"s3://{BUCKET}/training/"
    )
    neptune.start_ml_model_transform_job(
        id="mt",
        dataProcessingJobId="dp-1",
        mlModelTrainingJobId="trained",
        modelTransformOutputS3Location=f"s3://{BUCKET}/transform",
    )
    s3.put_object(Bucket=BUCKET, Key="training/tr/model.tar.gz", Body=b"m")
    s3.put_object(Bucket=BUCKET, Key="transform/mt/embeddings/entity.npy", Body=b"e")
    s3.put_object(Bucket=BUCKET, Key="transform/keep.txt", Body=b"k")

    assert neptune.cancel_ml_model_training_job(id="tr", clean=True, neptuneIamRoleArn=ROLE)["status"] == "Stopping"
    assert neptune.cancel_ml_model_transform_job(id="mt", clean=True)["status"] == "Stopping"

    # what the completed jobs wrote stays; the cancelled jobs' folders are gone
    assert keys(s3) == [
        "processed/dp-1/model-hpo-configuration.json",
        "training/trained/model-hpo-configuration.json",
        "training/trained/output/model.tar.gz",
        "transform/keep.txt",
    ]
    assert neptune.get_ml_model_training_job(id="tr")["hpoJob"]["status"] == "Stopping"
    assert neptune.get_ml_model_transform_job(id="mt")["remoteModelTransformJob"]["status"] == "Stopping"
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.cancel_ml_model_training_job(id="trained")


# --- training -----------------------------------------------------------------------------------------


def test_training_needs_a_completed_data_processing_job(moto_ext_mock, neptune, s3):
    training = {"trainModelS3Location": f"s3://{BUCKET}/training"}
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_model_training_job(dataProcessingJobId="missing", **training)
    failure = error_of(excinfo)
    assert (failure.code, failure.status, failure.response.get("detailedMessage")) == (
        "BadRequestException",
        400,
        "Provided MLDataProcessing job doesn't exist.",
    )

    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=2)
    neptune.start_ml_data_processing_job(id="running", **PROCESSING)
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_model_training_job(dataProcessingJobId="running", **training)
    failure = error_of(excinfo)
    assert (failure.code, failure.status, failure.response.get("detailedMessage")) == (
        "BadRequestException",
        400,
        "Provided MLDataProcessing job is not completed.",
    )

    # preconditions read the status without moving it: two reads complete the job
    neptune.get_ml_data_processing_job(id="running")
    neptune.get_ml_data_processing_job(id="running")
    assert neptune.start_ml_model_training_job(dataProcessingJobId="running", **training)["id"]

    moto_ext_mock.set_status(neptune.start_ml_data_processing_job(id="failed", **PROCESSING)["arn"], "Failed")
    with pytest.raises(neptune.exceptions.BadRequestException):
        neptune.start_ml_model_training_job(dataProcessingJobId="failed", **training)
    assert len(neptune.list_ml_model_training_jobs()["ids"]) == 1


def test_training_job_reports_its_sagemaker_resources(neptune, s3):
    completed_processing(neptune)
    started = neptune.start_ml_model_training_job(
        id="tr-1",
        dataProcessingJobId="dp-1",
        trainModelS3Location=f"s3://{BUCKET}/training",
        trainingInstanceType="ml.p3.2xlarge",
        maxHPONumberOfTrainingJobs=4,
        maxHPOParallelTrainingJobs=2,
        customModelTrainingParameters={"sourceS3DirectoryPath": f"s3://{BUCKET}/src"},
        neptuneIamRoleArn=ROLE,
        sagemakerIamRoleArn=ROLE,
    )
    assert_matches_output_shape(neptune, "StartMLModelTrainingJob", started)
    assert ":hyper-parameter-tuning-job/" in started["arn"]

    done = settled(neptune.get_ml_model_training_job, id="tr-1")
    assert_matches_output_shape(neptune, "GetMLModelTrainingJob", done)
    assert done["status"] == "Completed"
    assert done["hpoJob"]["arn"] == started["arn"]
    assert done["hpoJob"]["outputLocation"] == f"s3://{BUCKET}/training/tr-1"
    assert done["processingJob"]["status"] == "Completed"
    assert done["modelTransformJob"]["status"] == "Completed"
    assert [model["arn"].split(":")[5].split("/")[0] for model in done["mlModels"]] == ["model"]


def test_training_validation(neptune, s3):
    completed_processing(neptune)
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.start_ml_model_training_job(
            dataProcessingJobId="dp-1", trainModelS3Location=f"s3://{BUCKET}/t", maxHPONumberOfTrainingJobs=0
        )
    with pytest.raises(neptune.exceptions.BadRequestException):
        neptune.start_ml_model_training_job(
            dataProcessingJobId="dp-1",
            trainModelS3Location=f"s3://{BUCKET}/t",
            customModelTrainingParameters={"sourceS3DirectoryPath": "s3://missing-bucket/src"},
        )
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_model_training_job(
            dataProcessingJobId="dp-1", trainModelS3Location=f"s3://{BUCKET}/t", previousModelTrainingJobId="nope"
        )
    assert error_of(excinfo).response.get("detailedMessage") == "Provided MLModelTraining job doesn't exist."
    assert neptune.list_ml_model_training_jobs()["ids"] == []


def test_training_failure_is_reported_on_the_tuning_job(moto_ext_mock, neptune, s3):
    completed_processing(neptune)
    moto_ext_mock.set_outcome("neptunedata.training_job", "Failed")
    neptune.start_ml_model_training_job(id="bad", dataProcessingJobId="dp-1", trainModelS3Location=f"s3://{BUCKET}/t")
    failed = settled(neptune.get_ml_model_training_job, id="bad")
    assert_matches_output_shape(neptune, "GetMLModelTrainingJob", failed)
    assert failed["status"] == "Failed"
    assert failed["hpoJob"]["failureReason"]
    assert "mlModels" not in failed


# --- transform ----------------------------------------------------------------------------------------


def test_transform_needs_both_jobs_or_a_training_job_name(moto_ext_mock, neptune, s3):
    output = {"modelTransformOutputS3Location": f"s3://{BUCKET}/transform"}
    with pytest.raises(neptune.exceptions.MissingParameterException) as excinfo:
        neptune.start_ml_model_transform_job(**output)
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("MissingParameterException", 400)
    completed_processing(neptune)
    with pytest.raises(neptune.exceptions.MissingParameterException):
        neptune.start_ml_model_transform_job(dataProcessingJobId="dp-1", **output)
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_model_transform_job(dataProcessingJobId="dp-1", mlModelTrainingJobId="none", **output)
    assert error_of(excinfo).response.get("detailedMessage") == "Provided MLModelTraining job doesn't exist."

    moto_ext_mock.set_progression("neptunedata.training_job", "manual", times=3)
    neptune.start_ml_model_training_job(id="tr", dataProcessingJobId="dp-1", trainModelS3Location=f"s3://{BUCKET}/t")
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_model_transform_job(dataProcessingJobId="dp-1", mlModelTrainingJobId="tr", **output)
    assert error_of(excinfo).response.get("detailedMessage") == "Provided ModelTraining job has not completed."
    assert neptune.list_ml_model_transform_jobs()["ids"] == []


def test_transform_from_neptune_jobs_reports_its_resources(neptune, s3):
    training = completed_training(neptune)
    started = neptune.start_ml_model_transform_job(
        id="mt",
        dataProcessingJobId="dp-1",
        mlModelTrainingJobId=training,
        modelTransformOutputS3Location=f"s3://{BUCKET}/transform",
        baseProcessingInstanceType="ml.m5.large",
    )
    assert_matches_output_shape(neptune, "StartMLModelTransformJob", started)
    done = settled(neptune.get_ml_model_transform_job, id="mt")
    assert_matches_output_shape(neptune, "GetMLModelTransformJob", done)
    assert done["status"] == "Completed"
    assert done["remoteModelTransformJob"]["arn"] == started["arn"]
    assert done["remoteModelTransformJob"]["outputLocation"] == f"s3://{BUCKET}/transform/mt"
    assert done["baseProcessingJob"]["status"] == "Completed"
    assert len(done["models"]) == 1 and ":model/" in done["models"][0]["arn"]


def test_transform_from_a_sagemaker_training_job_name(neptune, s3):
    output = {"modelTransformOutputS3Location": f"s3://{BUCKET}/transform"}
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.start_ml_model_transform_job(trainingJobName="not-in-sagemaker", **output)
    assert (
        error_of(excinfo).response.get("detailedMessage")
        == "Unable to find SageMaker AI resource. Please check your input."
    )

    sagemaker = client("sagemaker")
    sagemaker.create_training_job(
        TrainingJobName="gnn-training",
        AlgorithmSpecification={
            "TrainingImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/gnn:1",
            "TrainingInputMode": "File",
        },
        RoleArn=ROLE,
        OutputDataConfig={"S3OutputPath": f"s3://{BUCKET}/sm"},
        ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
        StoppingCondition={"MaxRuntimeInSeconds": 3600},
    )
    started = neptune.start_ml_model_transform_job(id="from-sm", trainingJobName="gnn-training", **output)
    assert settled(neptune.get_ml_model_transform_job, id=started["id"])["status"] == "Completed"


# --- endpoints ----------------------------------------------------------------------------------------


def test_endpoint_needs_a_completed_training_or_transform_job(moto_ext_mock, neptune, s3):
    with pytest.raises(neptune.exceptions.MissingParameterException):
        neptune.create_ml_endpoint(id="ep")
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId="none")
    assert error_of(excinfo).response.get("detailedMessage") == "Provided MLModelTraining job doesn't exist."
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.create_ml_endpoint(id="ep", mlModelTransformJobId="none")
    assert error_of(excinfo).response.get("detailedMessage") == "Provided ModelTransformJob doesn't exist."

    completed_processing(neptune)
    moto_ext_mock.set_progression("neptunedata.training_job", "manual", times=3)
    neptune.start_ml_model_training_job(id="tr", dataProcessingJobId="dp-1", trainModelS3Location=f"s3://{BUCKET}/t")
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId="tr")
    assert error_of(excinfo).response.get("detailedMessage") == "Provided ModelTraining job has not completed."
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId="tr", mlModelTransformJobId="mt")
    assert neptune.list_ml_endpoints()["ids"] == []


def test_endpoint_lifecycle_create_update_delete(moto_ext_mock, neptune, s3):
    training = completed_training(neptune)
    created = neptune.create_ml_endpoint(
        id="ep", mlModelTrainingJobId=training, instanceType="ml.r5.xlarge", instanceCount=2, modelName="rgcn"
    )
    assert_matches_output_shape(neptune, "CreateMLEndpoint", created)
    assert ":endpoint/" in created["arn"]

    moto_ext_mock.set_progression("neptunedata.endpoint", "manual", times=2)
    first = neptune.get_ml_endpoint(id="ep")
    assert_matches_output_shape(neptune, "GetMLEndpoint", first)
    assert first["status"] == "Creating"
    assert neptune.get_ml_endpoint(id="ep")["status"] == "InService"

    # update=true points the endpoint at another model under a new endpoint configuration
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId=training)  # same id, no update
    transform = completed_transform(neptune, training_id=training)
    updated = neptune.create_ml_endpoint(id="ep", update=True, mlModelTransformJobId=transform)
    assert updated["arn"] == created["arn"]
    during = neptune.get_ml_endpoint(id="ep")
    assert during["status"] == "Updating"
    assert during["endpointConfig"]["name"] != first["endpointConfig"]["name"]
    with pytest.raises(neptune.exceptions.PreconditionsFailedException):
        neptune.create_ml_endpoint(id="ep", update=True, mlModelTransformJobId=transform)
    assert neptune.get_ml_endpoint(id="ep")["status"] == "InService"

    assert neptune.delete_ml_endpoint(id="ep", clean=True)["status"] == "Deleting"
    with pytest.raises(neptune.exceptions.BadRequestException):
        neptune.delete_ml_endpoint(id="ep")
    assert neptune.get_ml_endpoint(id="ep")["status"] == "Deleting"
    # a list looks at the endpoints it reports: this second look ends the deletion, and the
    # endpoint is gone from List and Get at once
    assert neptune.list_ml_endpoints()["ids"] == []
    with pytest.raises(neptune.exceptions.MLResourceNotFoundException):
        neptune.get_ml_endpoint(id="ep")


def test_a_finished_deletion_removes_the_endpoint_from_get_and_list_at_once(moto_ext_mock, neptune, s3):
    training = completed_training(neptune)
    arn = neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId=training)["arn"]
    assert neptune.delete_ml_endpoint(id="ep")["status"] == "Deleting"

    moto_ext_mock.set_status(arn, "Deleted")  # no read in between

    assert neptune.list_ml_endpoints()["ids"] == []
    with pytest.raises(neptune.exceptions.MLResourceNotFoundException):
        neptune.get_ml_endpoint(id="ep")
    # the id is free again
    assert neptune.create_ml_endpoint(id="ep", mlModelTrainingJobId=training)["arn"] == arn


def test_endpoint_defaults_and_validation(moto_ext_mock, neptune, s3):
    training = completed_training(neptune)
    generated = neptune.create_ml_endpoint(mlModelTrainingJobId=training)
    assert re.fullmatch(r"\d{14}-[0-9a-f]{8}", generated["id"])
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.create_ml_endpoint(mlModelTrainingJobId=training, modelName="gpt")
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.create_ml_endpoint(mlModelTrainingJobId=training, instanceType="xlarge")
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.create_ml_endpoint(mlModelTrainingJobId=training, instanceCount=0)
    with pytest.raises(neptune.exceptions.MissingParameterException):
        neptune.create_ml_endpoint(update=True, mlModelTrainingJobId=training)
    with pytest.raises(neptune.exceptions.MLResourceNotFoundException):
        neptune.create_ml_endpoint(id="ghost", update=True, mlModelTrainingJobId=training)
    assert neptune.list_ml_endpoints()["ids"] == [generated["id"]]

    moto_ext_mock.set_outcome("neptunedata.endpoint", "Failed")
    neptune.create_ml_endpoint(id="broken", mlModelTrainingJobId=training)
    failed = neptune.get_ml_endpoint(id="broken")
    assert_matches_output_shape(neptune, "GetMLEndpoint", failed)
    assert failed["status"] == "Failed" and failed["endpoint"]["failureReason"]
    # a failed endpoint can be deleted
    assert neptune.delete_ml_endpoint(id="broken")["status"] == "Deleting"


# --- lists --------------------------------------------------------------------------------------------


def test_lists_are_newest_first_with_max_items(neptune, s3):
    for number in range(12):
        neptune.start_ml_data_processing_job(id=f"job-{number:02d}", **PROCESSING)
    newest_first = [f"job-{number:02d}" for number in reversed(range(12))]
    assert neptune.list_ml_data_processing_jobs()["ids"] == newest_first[:10]
    assert neptune.list_ml_data_processing_jobs(maxItems=3)["ids"] == newest_first[:3]
    assert neptune.list_ml_data_processing_jobs(maxItems=1024)["ids"] == newest_first
    for listing in (
        neptune.list_ml_model_training_jobs,
        neptune.list_ml_model_transform_jobs,
        neptune.list_ml_endpoints,
    ):
        listed = listing(maxItems=5)
        assert listed["ids"] == []

    with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
        neptune.list_ml_data_processing_jobs(maxItems=1025)
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("InvalidParameterException", 400)
    with pytest.raises(ParamValidationError):
        neptune.list_ml_data_processing_jobs(maxItems=0)  # botocore checks the minimum itself


def test_accounts_and_regions_are_isolated(moto_ext_mock, neptune, s3):
    completed_processing(neptune)
    other_region = client("neptunedata", "eu-west-1", endpoint_url="https://localhost:8182")
    assert other_region.list_ml_data_processing_jobs()["ids"] == []
    sts = client("sts")
    credentials = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/other", RoleSessionName="other-account")[
        "Credentials"
    ]
    other_account = client(
        "neptunedata",
        endpoint_url="https://localhost:8182",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    assert other_account.list_ml_data_processing_jobs()["ids"] == []
    assert neptune.list_ml_data_processing_jobs()["ids"] == ["dp-1"]


def test_a_missing_required_member_is_missing_parameter(neptune):
    # botocore refuses it before sending; a client that skips validation reaches the mock
    raw = client("neptunedata", endpoint_url="https://localhost:8182", validate=False)
    with pytest.raises(ClientError) as excinfo:
        raw.start_ml_data_processing_job(inputDataS3Location=f"s3://{BUCKET}/x")
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("MissingParameterException", 400)
    assert "processedDataS3Location" in failure.response.get("detailedMessage")
