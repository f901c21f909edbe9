"""Project policies: revisions, stale revisions, malformed documents, the per-project limit, paging."""

import json

import pytest

from tests.support import assert_matches_output_shape, failure

DOCUMENT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
                "Action": "rekognition:CopyProjectVersion",
                "Resource": "*",
            }
        ],
    }
)


@pytest.fixture
def project(rek):
    return rek.create_project(ProjectName="proj")["ProjectArn"]


def test_put_list_update_delete(rek, project):
    created = rek.put_project_policy(ProjectArn=project, PolicyName="share", PolicyDocument=DOCUMENT)
    assert_matches_output_shape(rek, "PutProjectPolicy", created)
    first = created["PolicyRevisionId"]
    listed = rek.list_project_policies(ProjectArn=project)
    assert_matches_output_shape(rek, "ListProjectPolicies", listed)
    policy = listed["ProjectPolicies"][0]
    assert (policy["ProjectArn"], policy["PolicyName"], policy["PolicyRevisionId"], policy["PolicyDocument"]) == (
        project,
        "share",
        first,
        DOCUMENT,
    )
    updated_document = DOCUMENT.replace("222222222222", "333333333333")
    second = rek.put_project_policy(
        ProjectArn=project, PolicyName="share", PolicyRevisionId=first, PolicyDocument=updated_document
    )["PolicyRevisionId"]
    assert second != first
    policy = rek.list_project_policies(ProjectArn=project)["ProjectPolicies"][0]
    assert (policy["PolicyRevisionId"], policy["PolicyDocument"]) == (second, updated_document)
    assert policy["LastUpdatedTimestamp"] >= policy["CreationTimestamp"]
    response = rek.delete_project_policy(ProjectArn=project, PolicyName="share", PolicyRevisionId=second)
    assert_matches_output_shape(rek, "DeleteProjectPolicy", response)
    assert rek.list_project_policies(ProjectArn=project)["ProjectPolicies"] == []


def test_stale_revision_is_rejected_and_changes_nothing(rek, project):
    first = rek.put_project_policy(ProjectArn=project, PolicyName="share", PolicyDocument=DOCUMENT)["PolicyRevisionId"]
    second = rek.put_project_policy(
        ProjectArn=project, PolicyName="share", PolicyRevisionId=first, PolicyDocument=DOCUMENT
    )["PolicyRevisionId"]
    assert failure(
        rek.put_project_policy, ProjectArn=project, PolicyName="share", PolicyRevisionId=first, PolicyDocument=DOCUMENT
    )[:2] == (
        "InvalidPolicyRevisionIdException",
        400,
    )
    assert failure(rek.delete_project_policy, ProjectArn=project, PolicyName="share", PolicyRevisionId=first)[:2] == (
        "InvalidPolicyRevisionIdException",
        400,
    )
    assert [p["PolicyRevisionId"] for p in rek.list_project_policies(ProjectArn=project)["ProjectPolicies"]] == [second]
    # a revision id for a policy that does not exist yet is stale too
    assert failure(
        rek.put_project_policy, ProjectArn=project, PolicyName="new", PolicyRevisionId="abc123", PolicyDocument=DOCUMENT
    )[:2] == (
        "InvalidPolicyRevisionIdException",
        400,
    )
    # and the revision id has a pattern
    assert failure(
        rek.put_project_policy,
        ProjectArn=project,
        PolicyName="share",
        PolicyRevisionId="not-hex",
        PolicyDocument=DOCUMENT,
    )[:2] == (
        "InvalidParameterException",
        400,
    )


def test_an_existing_policy_needs_its_revision_to_change(rek, project):
    rek.put_project_policy(ProjectArn=project, PolicyName="share", PolicyDocument=DOCUMENT)
    assert failure(rek.put_project_policy, ProjectArn=project, PolicyName="share", PolicyDocument=DOCUMENT)[:2] == (
        "ResourceAlreadyExistsException",
        400,
    )


@pytest.mark.parametrize(
    "document",
    [
        "{not json",
        "[]",
        '{"Version": "2012-10-17"}',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "*"}]}',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*"}]}',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*"}]}',
    ],
)
def test_malformed_documents(rek, project, document):
    assert failure(rek.put_project_policy, ProjectArn=project, PolicyName="p", PolicyDocument=document)[:2] == (
        "MalformedPolicyDocumentException",
        400,
    )
    assert rek.list_project_policies(ProjectArn=project)["ProjectPolicies"] == []


def test_limit_and_pagination(rek, project):
    for index in range(5):
        rek.put_project_policy(ProjectArn=project, PolicyName=f"p{index}", PolicyDocument=DOCUMENT)
    assert failure(rek.put_project_policy, ProjectArn=project, PolicyName="p5", PolicyDocument=DOCUMENT)[:2] == (
        "ServiceQuotaExceededException",
        400,
    )
    pages = list(
        rek.get_paginator("list_project_policies").paginate(ProjectArn=project, PaginationConfig={"PageSize": 2})
    )
    assert [[p["PolicyName"] for p in page["ProjectPolicies"]] for page in pages] == [
        ["p0", "p1"],
        ["p2", "p3"],
        ["p4"],
    ]
    # the API reference: "If you specify a value greater than 5, a ValidationException error occurs"
    assert failure(rek.list_project_policies, ProjectArn=project, MaxResults=6)[:2] == ("ValidationException", 400)
    assert failure(rek.list_project_policies, ProjectArn=project, NextToken="nope")[:2] == (
        "InvalidPaginationTokenException",
        400,
    )


def test_unknown_project_and_policy(rek, project):
    missing = project.rsplit("/", 2)[0] + "/gone/1617548260281"
    assert failure(rek.put_project_policy, ProjectArn=missing, PolicyName="p", PolicyDocument=DOCUMENT)[:2] == (
        "ResourceNotFoundException",
        400,
    )
    assert failure(rek.list_project_policies, ProjectArn=missing)[:2] == ("ResourceNotFoundException", 400)
    assert failure(rek.delete_project_policy, ProjectArn=project, PolicyName="nope")[:2] == (
        "ResourceNotFoundException",
        400,
    )


def test_the_policy_quota_can_be_lowered(rek, project, backend):
    backend.quotas.policies_per_project = 1
    rek.put_project_policy(ProjectArn=project, PolicyName="p0", PolicyDocument=DOCUMENT)
    assert failure(rek.put_project_policy, ProjectArn=project, PolicyName="p1", PolicyDocument=DOCUMENT)[:2] == (
        "ServiceQuotaExceededException",
        400,
    )


def statement(**changes):
    base = {
        "Effect": "Allow",
        "Principal": {"AWS": "111111111111"},
        "Action": "rekognition:CopyProjectVersion",
        "Resource": "*",
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


@pytest.mark.parametrize(
    "bad_statement",
    [
        # "NotAction, NotResource, and NotPrincipal are prohibited fields" (Creating a project policy document)
        statement(NotPrincipal={"AWS": "222222222222"}),
        statement(Principal=None, NotPrincipal={"AWS": "222222222222"}),
        statement(NotAction="rekognition:DetectCustomLabels"),
        statement(Action=None, NotAction="rekognition:DetectCustomLabels"),
        statement(NotResource="arn:aws:rekognition:us-east-1:111111111111:project/x/version/y/1"),
        # "Action, Resource, Principal, and Effect are required fields"
        statement(Resource=None),
        statement(Action=None),
        statement(Principal=None),
        statement(Effect=None),
    ],
)
def test_documents_the_guide_rules_out(rek, project, bad_statement):
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement(), bad_statement]})
    with pytest.raises(rek.exceptions.MalformedPolicyDocumentException):
        rek.put_project_policy(ProjectArn=project, PolicyName="p", PolicyDocument=document)
    assert rek.list_project_policies(ProjectArn=project)["ProjectPolicies"] == []
