"""Tags on projects, model versions and datasets."""

import pytest

from tests.support import REGION, assert_matches_output_shape, failure

from .helpers import ACCOUNT, make_version


@pytest.fixture
def resources(rek, s3):
    project, version = make_version(rek, s3)
    dataset = rek.describe_projects()["ProjectDescriptions"][0]["Datasets"][0]["DatasetArn"]
    return project, version, dataset


def test_tag_untag_list_on_every_kind(rek, resources):
    for arn in resources:
        response = rek.tag_resource(ResourceArn=arn, Tags={"team": "vision", "env": "test"})
        assert_matches_output_shape(rek, "TagResource", response)
        listed = rek.list_tags_for_resource(ResourceArn=arn)
        assert_matches_output_shape(rek, "ListTagsForResource", listed)
        assert listed["Tags"] == {"team": "vision", "env": "test"}
        rek.tag_resource(ResourceArn=arn, Tags={"env": "prod"})
        response = rek.untag_resource(ResourceArn=arn, TagKeys=["team", "absent"])
        assert_matches_output_shape(rek, "UntagResource", response)
        assert rek.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "prod"}


def test_tags_given_at_creation(rek):
    arn = rek.create_project(ProjectName="tagged", Tags={"a": "1"})["ProjectArn"]
    dataset = rek.create_dataset(ProjectArn=arn, DatasetType="TRAIN", Tags={"b": "2"})["DatasetArn"]
    assert rek.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"a": "1"}
    assert rek.list_tags_for_resource(ResourceArn=dataset)["Tags"] == {"b": "2"}


def test_unknown_and_malformed_arns(rek):
    unknown = f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/none/1617548260281"
    assert failure(rek.list_tags_for_resource, ResourceArn=unknown)[:2] == ("ResourceNotFoundException", 400)
    assert failure(rek.tag_resource, ResourceArn=unknown, Tags={"a": "b"})[:2] == ("ResourceNotFoundException", 400)
    assert failure(rek.untag_resource, ResourceArn=unknown, TagKeys=["a"])[:2] == ("ResourceNotFoundException", 400)
    assert failure(rek.list_tags_for_resource, ResourceArn="not-an-arn-at-all-but-long")[:2] == (
        "InvalidParameterException",
        400,
    )


def test_tag_rules(rek, resources):
    project = resources[0]
    assert failure(rek.tag_resource, ResourceArn=project, Tags={"aws:reserved": "x"})[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.tag_resource, ResourceArn=project, Tags={"bad#key": "x"})[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.tag_resource, ResourceArn=project, Tags={"k" * 129: "x"})[:2] == (
        "InvalidParameterException",
        400,
    )
    assert failure(rek.create_project, ProjectName="p2", Tags={"aws:x": "y"})[:2] == ("InvalidParameterException", 400)
    rek.tag_resource(ResourceArn=project, Tags={f"key{i}": "v" for i in range(150)})
    assert failure(rek.tag_resource, ResourceArn=project, Tags={f"more{i}": "v" for i in range(51)})[:2] == (
        "ServiceQuotaExceededException",
        400,
    )
    assert len(rek.list_tags_for_resource(ResourceArn=project)["Tags"]) == 150
    rek.tag_resource(ResourceArn=project, Tags={"Ünïcode key 1": "välue"})


def test_the_tag_quota_can_be_lowered(rek, backend):
    backend.quotas.tags_per_resource = 2
    arn = rek.create_project(ProjectName="tagged", Tags={"a": "1"})["ProjectArn"]
    rek.tag_resource(ResourceArn=arn, Tags={"a": "2", "b": "1"})
    assert failure(rek.tag_resource, ResourceArn=arn, Tags={"c": "1"})[:2] == ("ServiceQuotaExceededException", 400)
    assert rek.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"a": "2", "b": "1"}
