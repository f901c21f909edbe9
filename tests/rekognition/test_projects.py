"""Projects: ARNs, statuses, filters, pagination, deletion, Feature/AutoUpdate, isolation."""

import re
import time

from moto.core import DEFAULT_ACCOUNT_ID

from tests.support import REGION, assert_matches_output_shape, client, failure

from .helpers import ACCOUNT, make_datasets, make_version

PROJECT_ARN = re.compile(rf"^arn:aws:rekognition:{REGION}:{ACCOUNT}:project/(?P<name>[\w.-]+)/(?P<millis>\d+)$")


def names(rek, **kwargs):
    return [p["ProjectArn"].split("/")[1] for p in rek.describe_projects(**kwargs)["ProjectDescriptions"]]


def test_arn_ends_with_the_creation_time_in_epoch_milliseconds(rek):
    before = int(time.time() * 1000)
    arn = rek.create_project(ProjectName="acneDetection")["ProjectArn"]
    after = int(time.time() * 1000)
    match = PROJECT_ARN.match(arn)
    assert match and match["name"] == "acneDetection"
    assert before <= int(match["millis"]) <= after + 1
    described = rek.describe_projects()["ProjectDescriptions"][0]
    assert int(described["CreationTimestamp"].timestamp() * 1000) == int(match["millis"])


def test_arns_stay_unique_within_one_millisecond(rek):
    arns = {rek.create_project(ProjectName=f"p{i}")["ProjectArn"].rsplit("/", 1)[1] for i in range(5)}
    assert len(arns) == 5


def test_describe_projects_moves_creating_to_created(rek, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.project", "manual", times=2)
    rek.create_project(ProjectName="slow")
    assert rek.describe_projects()["ProjectDescriptions"][0]["Status"] == "CREATING"
    response = rek.describe_projects()
    assert response["ProjectDescriptions"][0]["Status"] == "CREATED"
    assert response["ProjectDescriptions"][0]["Feature"] == "CUSTOM_LABELS"
    assert response["ProjectDescriptions"][0]["Datasets"] == []
    assert_matches_output_shape(rek, "DescribeProjects", response)


def test_duplicate_name_is_in_use_and_changes_nothing(rek):
    first = rek.create_project(ProjectName="dup")["ProjectArn"]
    assert failure(rek.create_project, ProjectName="dup")[:2] == ("ResourceInUseException", 400)
    assert [p["ProjectArn"] for p in rek.describe_projects()["ProjectDescriptions"]] == [first]


def test_project_name_pattern_is_checked(rek):
    assert failure(rek.create_project, ProjectName="no spaces allowed")[:2] == ("InvalidParameterException", 400)
    assert failure(rek.create_project, ProjectName="x" * 256)[:2] == ("InvalidParameterException", 400)
    assert names(rek) == []


def test_filter_by_project_names(rek):
    for name in ("alpha", "beta", "gamma"):
        rek.create_project(ProjectName=name)
    assert names(rek, ProjectNames=["gamma", "alpha", "missing"]) == ["alpha", "gamma"]


def test_content_moderation_projects_are_listed_only_when_asked(rek):
    rek.create_project(ProjectName="labels")
    rek.create_project(ProjectName="moderation", Feature="CONTENT_MODERATION", AutoUpdate="ENABLED")
    rek.create_project(ProjectName="moderation-default", Feature="CONTENT_MODERATION")
    assert names(rek) == ["labels"]  # CUSTOM_LABELS is the default filter
    response = rek.describe_projects(Features=["CONTENT_MODERATION"])
    by_name = {p["ProjectArn"].split("/")[1]: p for p in response["ProjectDescriptions"]}
    assert by_name["moderation"]["AutoUpdate"] == "ENABLED"
    assert by_name["moderation-default"]["AutoUpdate"] == "DISABLED"
    assert {p["Feature"] for p in response["ProjectDescriptions"]} == {"CONTENT_MODERATION"}
    assert sorted(names(rek, Features=["CUSTOM_LABELS", "CONTENT_MODERATION"])) == [
        "labels",
        "moderation",
        "moderation-default",
    ]
    assert_matches_output_shape(rek, "DescribeProjects", response)


def test_auto_update_is_for_content_moderation_only(rek):
    assert failure(rek.create_project, ProjectName="p", AutoUpdate="ENABLED")[:2] == ("InvalidParameterException", 400)
    assert names(rek) == []


def test_paginator_and_page_size(rek):
    created = [f"p{i:02d}" for i in range(7)]
    for name in created:
        rek.create_project(ProjectName=name)
    pages = list(rek.get_paginator("describe_projects").paginate(PaginationConfig={"PageSize": 3}))
    assert [len(page["ProjectDescriptions"]) for page in pages] == [3, 3, 1]
    assert [p["ProjectArn"].split("/")[1] for page in pages for p in page["ProjectDescriptions"]] == created
    first = rek.describe_projects(MaxResults=2)
    assert len(first["ProjectDescriptions"]) == 2 and first["NextToken"]
    second = rek.describe_projects(MaxResults=2, NextToken=first["NextToken"])
    assert [p["ProjectArn"].split("/")[1] for p in second["ProjectDescriptions"]] == created[2:4]


def test_bad_pagination_tokens(rek):
    for name in ("a", "b", "c"):
        rek.create_project(ProjectName=name)
    assert failure(rek.describe_projects, NextToken="not-a-token")[:2] == ("InvalidPaginationTokenException", 400)
    token = rek.describe_projects(MaxResults=1)["NextToken"]
    # a token belongs to the listing it came from
    assert failure(rek.describe_projects, NextToken=token, ProjectNames=["a", "b"])[:2] == (
        "InvalidPaginationTokenException",
        400,
    )


def test_page_size_range_is_checked(rek):
    # the API reference: "If you specify a value greater than 100, a ValidationException error occurs"
    found = failure(rek.describe_projects, MaxResults=101)
    assert found[:2] == ("ValidationException", 400)
    assert "at 'maxResults' failed to satisfy constraint" in found.message


def test_delete_project_is_deleting_then_gone(rek, s3, moto_ext_mock):
    moto_ext_mock.set_progression("rekognition.project", "manual", times=2)
    arn = rek.create_project(ProjectName="short-lived")["ProjectArn"]
    make_datasets(rek, s3, arn)
    rek.put_project_policy(
        ProjectArn=arn,
        PolicyName="p",
        PolicyDocument='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "rekognition:CopyProjectVersion", "Resource": "*"}]}',
    )
    response = rek.delete_project(ProjectArn=arn)
    assert response["Status"] == "DELETING"
    assert_matches_output_shape(rek, "DeleteProject", response)
    assert rek.describe_projects()["ProjectDescriptions"][0]["Status"] == "DELETING"
    # the name is still taken while the project is deleting
    assert failure(rek.create_project, ProjectName="short-lived")[:2] == ("ResourceInUseException", 400)
    assert rek.delete_project(ProjectArn=arn)["Status"] == "DELETING"  # asking again answers the same
    assert rek.describe_projects()["ProjectDescriptions"] == []
    # its datasets and policies went with it
    assert failure(rek.list_project_policies, ProjectArn=arn)[:2] == ("ResourceNotFoundException", 400)
    assert failure(rek.describe_project_versions, ProjectArn=arn)[:2] == ("ResourceNotFoundException", 400)
    assert rek.create_project(ProjectName="short-lived")["ProjectArn"] != arn


def test_a_project_with_versions_cannot_be_deleted(rek, s3, moto_ext_mock):
    project_arn, version_arn = make_version(rek, s3)
    assert failure(rek.delete_project, ProjectArn=project_arn)[:2] == ("ResourceInUseException", 400)
    assert rek.describe_projects()["ProjectDescriptions"][0]["Status"] == "CREATED"
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=2)
    rek.delete_project_version(ProjectVersionArn=version_arn)
    # the version is deleting until its second look: DeleteProject's own look is the first
    assert failure(rek.delete_project, ProjectArn=project_arn)[:2] == ("ResourceInUseException", 400)
    assert rek.describe_project_versions(ProjectArn=project_arn)["ProjectVersionDescriptions"] == []
    assert rek.delete_project(ProjectArn=project_arn)["Status"] == "DELETING"


def test_unknown_and_malformed_project_arns(rek):
    unknown = f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/nothing/1617548260281"
    assert failure(rek.delete_project, ProjectArn=unknown)[:2] == ("ResourceNotFoundException", 400)
    assert failure(rek.delete_project, ProjectArn="arn:aws:rekognition:us-east-1:1234:project/x/1")[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.describe_project_versions, ProjectArn=unknown + "/version/v/1")[:2] == (
        "InvalidParameterException",
        400,
    )


def test_regions_are_isolated(moto_ext_mock):
    east = client("rekognition", "us-east-1")
    west = client("rekognition", "eu-west-1")
    east_arn = east.create_project(ProjectName="same")["ProjectArn"]
    west_arn = west.create_project(ProjectName="same")["ProjectArn"]
    assert ":us-east-1:" in east_arn and ":eu-west-1:" in west_arn
    assert names(east) == ["same"] and names(west) == ["same"]
    assert failure(west.delete_project, ProjectArn=east_arn)[:2] == ("ResourceNotFoundException", 400)
    assert list(moto_ext_mock.backend("rekognition", region="eu-west-1").projects) == [west_arn]


def test_accounts_are_isolated(moto_ext_mock, monkeypatch):
    rek = client("rekognition")
    default_arn = rek.create_project(ProjectName="mine")["ProjectArn"]
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    assert names(rek) == []
    other_arn = rek.create_project(ProjectName="mine")["ProjectArn"]
    assert ":111111111111:project/mine/" in other_arn
    assert failure(rek.delete_project, ProjectArn=default_arn)[:2] == ("ResourceNotFoundException", 400)
    assert list(moto_ext_mock.backend("rekognition", account_id=DEFAULT_ACCOUNT_ID).projects) == [default_arn]


def test_state_ends_with_the_mock(moto_ext_mock):
    rek = client("rekognition")
    rek.create_project(ProjectName="kept")
    moto_ext_mock.reset()
    assert rek.describe_projects()["ProjectDescriptions"] == []
