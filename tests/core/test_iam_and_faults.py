"""moto's IAM enforcement answered with typed errors; fault injection through the handle."""

import json

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.core import set_initial_no_auth_action_count

from moto_ext import mock_ext


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


def test_throttled_calls_are_retried_by_botocore(moto_ext_mock):
    lv = boto3.client("lookoutvision", region_name="us-east-1", config=Config(retries={"mode": "standard", "max_attempts": 5}))
    moto_ext_mock.inject_fault("lookoutvision", "CreateProject", "ThrottlingException", count=2)
    response = lv.create_project(ProjectName="after-throttling")
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert [p["ProjectName"] for p in lv.list_projects()["Projects"]] == ["after-throttling"]


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
        rule = moto_ext_mock.inject_fault("lookoutvision", "ListProjects", "InternalServerException", fraction=0.5, seed=7)
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
