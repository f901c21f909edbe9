"""The public API: mock_ext in its four forms, the fixture, mock_aws, the registry and reset."""

import unittest

import boto3
import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID

from moto_ext import mock_ext


def lookoutvision(region="us-east-1"):
    return boto3.client("lookoutvision", region_name=region)


def project_names(region="us-east-1"):
    return [p["ProjectName"] for p in lookoutvision(region).list_projects()["Projects"]]


@mock_ext
def test_function_decorator():
    lookoutvision().create_project(ProjectName="decorated")
    assert project_names() == ["decorated"]


@mock_ext()
def test_function_decorator_called():
    lookoutvision().create_project(ProjectName="called")
    assert project_names() == ["called"]


def test_decorator_state_ends_with_the_test():
    @mock_ext
    def make():
        lookoutvision().create_project(ProjectName="gone")
        return project_names()

    assert make() == ["gone"]
    assert make() == ["gone"]  # a second run starts empty


@mock_ext
class TestClassDecorator(unittest.TestCase):
    def setUp(self):
        lookoutvision().create_project(ProjectName="from-setup")

    def test_sees_setup_data(self):
        assert project_names() == ["from-setup"]

    def test_starts_from_setup_only(self):
        lookoutvision().create_project(ProjectName="extra")
        assert project_names() == ["extra", "from-setup"]


@mock_ext
class TestPlainClassDecorator:
    def test_one(self):
        lookoutvision().create_project(ProjectName="one")
        assert project_names() == ["one"]

    def test_two(self):
        assert project_names() == []


def test_context_manager_and_handle():
    with mock_ext() as m:
        lookoutvision().create_project(ProjectName="ctx")
        assert list(m.backend("lookoutvision").projects) == ["ctx"]
    with mock_ext():
        assert project_names() == []


def test_start_stop():
    m = mock_ext()
    m.start()
    try:
        lookoutvision().create_project(ProjectName="started")
        assert project_names() == ["started"]
    finally:
        m.stop()


def test_nested_use_keeps_state_until_the_outer_mock_ends():
    with mock_ext():
        lookoutvision().create_project(ProjectName="outer")
        with mock_ext():
            lookoutvision().create_project(ProjectName="inner")
        assert project_names() == ["inner", "outer"]
        with mock_aws():
            assert project_names() == ["inner", "outer"]
        assert project_names() == ["inner", "outer"]


def test_plain_mock_aws_serves_moto_ext_services():
    with mock_aws():
        lookoutvision().create_project(ProjectName="via-mock-aws")
        assert project_names() == ["via-mock-aws"]


def test_moto_services_inside_mock_ext():
    with mock_ext():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="bucket")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["bucket"]


def test_fixture(moto_ext_mock):
    lookoutvision().create_project(ProjectName="fixture")
    assert list(moto_ext_mock.backend("lookoutvision").projects) == ["fixture"]


def test_fixture_state_does_not_leak(moto_ext_mock):
    assert project_names() == []


def test_reset_clears_everything(moto_ext_mock):
    lookoutvision().create_project(ProjectName="p")
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="some-bucket")
    moto_ext_mock.reset()
    assert project_names() == []
    assert boto3.client("s3", region_name="us-east-1").list_buckets()["Buckets"] == []


def test_moto_api_reset_clears_moto_ext(moto_ext_mock):
    import requests

    lookoutvision().create_project(ProjectName="p")
    requests.post("http://motoapi.amazonaws.com/moto-api/reset")
    assert project_names() == []


def test_regions_are_isolated(moto_ext_mock):
    lookoutvision("us-east-1").create_project(ProjectName="east")
    lookoutvision("eu-west-1").create_project(ProjectName="west")
    assert project_names("us-east-1") == ["east"]
    assert project_names("eu-west-1") == ["west"]


def test_accounts_are_isolated(moto_ext_mock, monkeypatch):
    lookoutvision().create_project(ProjectName="default-account")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    assert project_names() == []
    lookoutvision().create_project(ProjectName="other-account")
    assert list(moto_ext_mock.backend("lookoutvision").projects) == ["other-account"]
    assert list(moto_ext_mock.backend("lookoutvision", account_id=DEFAULT_ACCOUNT_ID).projects) == ["default-account"]


def test_access_key_selects_the_account(moto_ext_mock):
    # moto maps an access key of 12 digits + letters to an account; two keys, two accounts
    first = boto3.client(
        "lookoutvision", region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x"
    )
    sts = boto3.client(
        "sts", region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x"
    )
    first.create_project(ProjectName="keyed")
    account = sts.get_caller_identity()["Account"]
    assert "keyed" in moto_ext_mock.backend("lookoutvision", account_id=account).projects


def test_unknown_kind_is_a_clear_error(moto_ext_mock):
    with pytest.raises(KeyError, match="unknown resource kind"):
        moto_ext_mock.set_progression("nosuch.kind", "manual", times=2)


def test_outcomes_end_with_the_mock():
    from moto_ext.core import lifecycle

    with mock_ext() as m:
        m.set_outcome("lookoutvision.model", "HOSTING_FAILED")
        assert lifecycle.kind("lookoutvision.model").next_status("STARTING_HOSTING") == "HOSTING_FAILED"
    assert lifecycle.kind("lookoutvision.model").next_status("STARTING_HOSTING") == "HOSTED"
