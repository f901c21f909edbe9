"""Errors on the wire: modeled classes, HTTP statuses, the body, fault injection, unimplemented operations."""

import inspect
import json

import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_ext.rekognition import exceptions
from tests.support import REGION, client, failure

from .helpers import ACCOUNT

UNKNOWN_PROJECT = f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/none/1617548260281"


def no_retries():
    return client("rekognition", config=Config(retries={"total_max_attempts": 1}))


def test_every_error_class_is_a_modeled_error(rek):
    modeled = {
        shape.name
        for op in rek.meta.service_model.operation_names
        for shape in rek.meta.service_model.operation_model(op).error_shapes
    }
    classes = [
        cls
        for _, cls in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(cls, exceptions.RekognitionError) and cls.__module__ == exceptions.__name__
    ]
    codes = {cls.code for cls in classes if cls is not exceptions.RekognitionError}
    # ValidationException is the API reference's answer for MaxResults out of range; the model has no shape for it
    assert codes and codes - modeled == {"ValidationException"}


def test_errors_raise_the_clients_modeled_classes(rek):
    with pytest.raises(rek.exceptions.ResourceNotFoundException) as raised:
        rek.delete_project(ProjectArn=UNKNOWN_PROJECT)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "does not exist" in raised.value.response["Error"]["Message"]
    with pytest.raises(rek.exceptions.InvalidParameterException):
        rek.describe_projects(ProjectNames=[f"p{i}" for i in range(11)])
    with pytest.raises(rek.exceptions.InvalidPaginationTokenException):
        rek.describe_projects(NextToken="x")


def test_error_body_as_the_service_sends_it(moto_ext_mock):
    response = requests.post(
        f"https://rekognition.{REGION}.amazonaws.com/",
        headers={"X-Amz-Target": "RekognitionService.DeleteProject", "Content-Type": "application/x-amz-json-1.1"},
        data=json.dumps({"ProjectArn": UNKNOWN_PROJECT}),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["__type"] == body["Code"] == "ResourceNotFoundException"
    assert body["Message"] and body["Logref"]


@pytest.mark.parametrize(
    "error, status",
    [
        ("ThrottlingException", 500),
        ("InternalServerError", 500),
        ("ProvisionedThroughputExceededException", 400),
        ("AccessDeniedException", 400),
    ],
)
def test_injected_faults_have_the_guides_status_and_change_nothing(moto_ext_mock, error, status):
    rek = no_retries()
    moto_ext_mock.inject_fault("rekognition", "CreateProject", error, count=1)
    with pytest.raises(ClientError) as raised:
        rek.create_project(ProjectName="faulty")
    assert raised.value.response["Error"]["Code"] == error
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert rek.describe_projects()["ProjectDescriptions"] == []
    rek.create_project(ProjectName="faulty")  # the fault fired once


def test_throttling_is_retried_by_botocore(moto_ext_mock):
    rek = client("rekognition", config=Config(retries={"mode": "standard", "total_max_attempts": 3}))
    moto_ext_mock.inject_fault("rekognition", "DescribeProjects", "ThrottlingException", count=1)
    response = rek.describe_projects()
    assert response["ResponseMetadata"]["RetryAttempts"] == 1


def test_fault_on_moto_operations_too(moto_ext_mock):
    moto_ext_mock.inject_fault("rekognition", "DetectLabels", "InternalServerError", count=1)
    assert failure(no_retries().detect_labels, Image={"Bytes": b"img"})[:2] == ("InternalServerError", 500)


def test_operations_nobody_implements_raise_what_plain_moto_raises(rek):
    # moto's own answer for operations it does not implement: a NotImplementedError naming it
    with pytest.raises(NotImplementedError, match="create_collection action has not been implemented"):
        rek.create_collection(CollectionId="faces")


def test_validation_precedes_everything(rek):
    # a bad value beats a missing resource
    assert failure(rek.start_project_version, ProjectVersionArn=UNKNOWN_PROJECT, MinInferenceUnits=1)[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.create_project, ProjectName="p", Feature="FACES")[:2] == ("InvalidParameterException", 400)


def request_id_of(found):
    metadata = found.response["ResponseMetadata"]
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    return metadata["RequestId"]


def test_every_error_carries_a_request_id(moto_ext_mock):
    """Validation, the reference's ValidationException, an operation's own error, an injected fault:
    each answer has an x-amzn-requestid, as every answer of the service does."""
    rek = no_retries()
    found = [
        failure(rek.create_project, ProjectName="p", Feature="FACES"),
        failure(rek.describe_projects, MaxResults=101),
        failure(rek.delete_project, ProjectArn=UNKNOWN_PROJECT),
    ]
    moto_ext_mock.inject_fault("rekognition", "CreateProject", "ThrottlingException", count=1)
    found.append(failure(rek.create_project, ProjectName="faulty"))
    assert [f.code for f in found] == [
        "InvalidParameterException",
        "ValidationException",
        "ResourceNotFoundException",
        "ThrottlingException",
    ]
    ids = [request_id_of(f) for f in found]
    assert all(ids) and len(set(ids)) == len(ids)
