"""moto's IAM enforcement answered with typed errors; fault injection through the handle."""

import json

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.core import set_initial_no_auth_action_count

from moto_ext import mock_ext
from tests.lookoutvision.helpers import add_images


def _user_client(service, actions):
    iam = boto3.client("iam", region_name="us-east-1")
    iam.create_user(UserName="tester")
    key = iam.create_access_key(UserName="tester")["AccessKey"]
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
    iam.put_user_policy(UserName="tester", PolicyName="p", PolicyDocument=json.dumps(policy))
    return boto3.client(
        service,
        region_name="us-east-1",
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )


@set_initial_no_auth_action_count(4)
@mock_ext
def test_allowed_calls_pass_and_signed_empty_body_requests_verify():
    lv = _user_client("lookoutvision", ["lookoutvision:CreateProject", "lookoutvision:ListProjects"])
    lv.create_project(ProjectName="allowed")
    # ListProjects is a GET with no body: its signature must verify too
    assert [p["ProjectName"] for p in lv.list_projects()["Projects"]] == ["allowed"]


@set_initial_no_auth_action_count(4)
@mock_ext
def test_denied_call_gets_typed_access_denied():
    lv = _user_client("lookoutvision", ["lookoutvision:CreateProject"])
    lv.create_project(ProjectName="p")
    with pytest.raises(lv.exceptions.AccessDeniedException) as denied:
        lv.describe_project(ProjectName="p")
    assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert "lookoutvision:DescribeProject" in denied.value.response["Error"]["Message"]


def test_throttled_stop_model_is_retried_by_botocore_then_succeeds(moto_ext_mock):
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="model-output")
    lv = boto3.client(
        "lookoutvision", region_name="us-east-1", config=Config(retries={"mode": "standard", "max_attempts": 5})
    )
    lv.create_project(ProjectName="p")
    lv.create_dataset(ProjectName="p", DatasetType="train")
    add_images(lv, "p")  # training needs 20 normal and 10 anomalous images
    lv.create_model(ProjectName="p", OutputConfig={"S3Location": {"Bucket": "model-output"}})
    assert lv.describe_model(ProjectName="p", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"
    lv.start_model(ProjectName="p", ModelVersion="1", MinInferenceUnits=1)
    assert lv.describe_model(ProjectName="p", ModelVersion="1")["ModelDescription"]["Status"] == "HOSTED"

    moto_ext_mock.inject_fault("lookoutvision", "StopModel", "ThrottlingException", count=2, RetryAfterSeconds=1)
    response = lv.stop_model(ProjectName="p", ModelVersion="1")
    assert response["ResponseMetadata"]["RetryAttempts"] == 2  # two throttled answers, then the real one
    assert response["Status"] == "STOPPING_HOSTING"
    assert lv.describe_model(ProjectName="p", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"


def test_fault_changes_nothing_and_carries_modeled_status(moto_ext_mock):
    lv = boto3.client("lookoutvision", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))
    moto_ext_mock.inject_fault("lookoutvision", "CreateProject", "ServiceQuotaExceededException")
    for _ in range(2):
        with pytest.raises(lv.exceptions.ServiceQuotaExceededException) as error:
            lv.create_project(ProjectName="never")
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert lv.list_projects()["Projects"] == []


def test_fault_fraction_is_reproducible_with_a_seed(moto_ext_mock):
    lv = boto3.client("lookoutvision", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))

    def outcomes():
        rule = moto_ext_mock.inject_fault(
            "lookoutvision", "ListProjects", "InternalServerException", fraction=0.5, seed=7
        )
        seen = []
        for _ in range(20):
            try:
                lv.list_projects()
                seen.append("ok")
            except ClientError as e:
                assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 500
                seen.append("fail")
        from moto_ext.core import faults

        faults.remove(rule)
        return seen

    first, second = outcomes(), outcomes()
    assert first == second
    assert 0 < first.count("fail") < 20


def test_only_modeled_errors_can_be_injected(moto_ext_mock):
    with pytest.raises(ValueError, match="not a modeled error"):
        moto_ext_mock.inject_fault("lookoutvision", "CreateProject", "NoSuchBucket")
    with pytest.raises(ValueError, match="no operation"):
        moto_ext_mock.inject_fault("lookoutvision", "Nope", "ThrottlingException")


def test_faults_end_with_the_mock():
    with mock_ext() as m:
        m.inject_fault("lookoutvision", "ListProjects", "InternalServerException")
    with mock_ext():
        assert boto3.client("lookoutvision", region_name="us-east-1").list_projects()["Projects"] == []


def test_delay_fault_slows_without_failing(moto_ext_mock):
    import time

    lv = boto3.client("lookoutvision", region_name="us-east-1")
    moto_ext_mock.inject_fault("lookoutvision", "ListProjects", delay=0.2, count=1)
    start = time.monotonic()
    lv.list_projects()
    assert time.monotonic() - start >= 0.2


def _allowed_and_denied(service, allowed_action, call, denied_call, endpoint_url=None):
    client = _user_client(service, [allowed_action])
    if endpoint_url:
        key = client._request_signer._credentials
        client = boto3.client(
            service,
            region_name="us-east-1",
            endpoint_url=endpoint_url,
            aws_access_key_id=key.access_key,
            aws_secret_access_key=key.secret_key,
        )
    call(client)
    with pytest.raises(ClientError) as denied:
        denied_call(client)
    assert denied.value.response["Error"]["Code"] == "AccessDeniedException"
    assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@set_initial_no_auth_action_count(4)
@mock_ext
def test_iam_rekognition_stop_project_version():
    missing = "arn:aws:rekognition:us-east-1:123456789012:project/p/version/v/1700000000000"
    _allowed_and_denied(
        "rekognition",
        "rekognition:StopProjectVersion",
        # allowed: the call reaches the service, which answers that the version does not exist
        lambda c: pytest.raises(
            c.exceptions.ResourceNotFoundException, c.stop_project_version, ProjectVersionArn=missing
        ),
        lambda c: c.describe_projects(),
    )


@set_initial_no_auth_action_count(4)
@mock_ext
def test_iam_machinelearning_delete_realtime_endpoint():
    _allowed_and_denied(
        "machinelearning",
        "machinelearning:DeleteRealtimeEndpoint",
        lambda c: pytest.raises(
            c.exceptions.ResourceNotFoundException, c.delete_realtime_endpoint, MLModelId="missing"
        ),
        lambda c: c.describe_ml_models(),
    )


@set_initial_no_auth_action_count(4)
@mock_ext
def test_iam_neptune_ml_actions_on_a_cluster_endpoint():
    _allowed_and_denied(
        "neptunedata",
        "neptune-db:CancelMLModelTransformJob",
        lambda c: pytest.raises(
            c.exceptions.MLResourceNotFoundException, c.cancel_ml_model_transform_job, id="missing"
        ),
        lambda c: c.list_ml_model_transform_jobs(),
        endpoint_url="https://my-db.cluster-abc.us-east-1.neptune.amazonaws.com:8182",
    )
