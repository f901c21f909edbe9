"""Projects: create, describe, list with pagination, delete, and their errors."""

import boto3
import pytest

from moto_ext import mock_ext
from tests.support import error_of

from .helpers import OUTPUT, make_project


@mock_ext
def test_create_describe_list_with_the_decorator():
    lv = boto3.client("lookoutvision", region_name="eu-west-1")
    created = lv.create_project(ProjectName="widgets")["ProjectMetadata"]
    assert created["ProjectArn"] == "arn:aws:lookoutvision:eu-west-1:123456789012:project/widgets"
    assert created["ProjectName"] == "widgets"
    described = lv.describe_project(ProjectName="widgets")["ProjectDescription"]
    assert described["ProjectArn"] == created["ProjectArn"]
    assert described["CreationTimestamp"] == created["CreationTimestamp"]
    assert described["Datasets"] == []
    assert [p["ProjectName"] for p in lv.list_projects()["Projects"]] == ["widgets"]


def test_duplicate_name_is_a_conflict(lv):
    lv.create_project(ProjectName="widgets")
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.create_project(ProjectName="widgets")
    code, status, _, response = error_of(raised)
    assert (code, status) == ("ConflictException", 409)
    assert response["ResourceId"] == "widgets"
    assert response["ResourceType"] == "PROJECT"


@pytest.mark.parametrize("name", ["-leading-dash", "has space", "dots.are.out", "a" * 256])
def test_bad_names_are_rejected_and_nothing_is_made(lv, name):
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        lv.create_project(ProjectName=name)
    assert error_of(raised).status == 400
    assert lv.list_projects()["Projects"] == []


def test_unknown_project_is_not_found_with_members(lv):
    with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
        lv.describe_project(ProjectName="nothing")
    code, status, _, response = error_of(raised)
    assert status == 404
    assert (response["ResourceId"], response["ResourceType"]) == ("nothing", "PROJECT")


def test_list_pages_and_paginator(lv):
    names = [f"project-{i:02d}" for i in range(7)]
    for name in reversed(names):
        lv.create_project(ProjectName=name)
    first = lv.list_projects(MaxResults=3)
    assert [p["ProjectName"] for p in first["Projects"]] == names[:3]
    second = lv.list_projects(MaxResults=3, NextToken=first["NextToken"])
    assert [p["ProjectName"] for p in second["Projects"]] == names[3:6]
    last = lv.list_projects(MaxResults=3, NextToken=second["NextToken"])
    assert [p["ProjectName"] for p in last["Projects"]] == names[6:]
    assert "NextToken" not in last

    pages = list(lv.get_paginator("list_projects").paginate(PaginationConfig={"PageSize": 2}))
    assert len(pages) == 4
    assert [p["ProjectName"] for page in pages for p in page["Projects"]] == names
    assert [
        p["ProjectName"] for p in lv.get_paginator("list_projects").paginate().build_full_result()["Projects"]
    ] == names


def test_bad_page_token_and_page_size(lv):
    lv.create_project(ProjectName="one")
    with pytest.raises(lv.exceptions.ValidationException):
        lv.list_projects(NextToken="bm90IGEgdG9rZW4=")
    with pytest.raises(lv.exceptions.ValidationException):
        lv.list_projects(MaxResults=101)


def test_delete_only_when_empty(lv, s3):
    make_project(lv, "widgets")  # with a train dataset
    version = lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)["ModelMetadata"]["ModelVersion"]
    lv.describe_model(ProjectName="widgets", ModelVersion=version)  # TRAINED

    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.delete_project(ProjectName="widgets")
    assert error_of(raised).response["ResourceType"] == "PROJECT"

    lv.delete_model(ProjectName="widgets", ModelVersion=version)
    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_project(ProjectName="widgets")  # the model is DELETING until a read finds it gone
    assert lv.list_models(ProjectName="widgets")["Models"] == []

    with pytest.raises(lv.exceptions.ConflictException):
        lv.delete_project(ProjectName="widgets")  # the train dataset remains
    lv.delete_dataset(ProjectName="widgets", DatasetType="train")
    assert lv.describe_project(ProjectName="widgets")["ProjectDescription"]["Datasets"] == []

    deleted = lv.delete_project(ProjectName="widgets")
    assert deleted["ProjectArn"].endswith(":project/widgets")
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.describe_project(ProjectName="widgets")
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.delete_project(ProjectName="widgets")


def test_project_quota(lv, backend):
    backend.quotas.projects = 2
    lv.create_project(ProjectName="a")
    lv.create_project(ProjectName="b")
    with pytest.raises(lv.exceptions.ServiceQuotaExceededException) as raised:
        lv.create_project(ProjectName="c")
    code, status, _, response = error_of(raised)
    assert status == 402
    assert response["ServiceCode"] == "lookoutvision"
    assert response["QuotaCode"]
    assert [p["ProjectName"] for p in lv.list_projects()["Projects"]] == ["a", "b"]
