"""Tags on project and model ARNs."""

import pytest

from tests.support import error_of

from .helpers import OUTPUT, make_project, make_trained_model


def tags_of(lv, arn):
    return {t["Key"]: t["Value"] for t in lv.list_tags_for_resource(ResourceArn=arn)["Tags"]}


def test_model_tags_from_create_and_tag_untag(lv):
    make_project(lv)
    arn = lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, Tags=[{"Key": "team", "Value": "vision"}])[
        "ModelMetadata"
    ]["ModelArn"]
    assert tags_of(lv, arn) == {"team": "vision"}
    lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "qa"}, {"Key": "cost-centre", "Value": "42"}])
    assert tags_of(lv, arn) == {"team": "qa", "cost-centre": "42"}
    lv.untag_resource(ResourceArn=arn, TagKeys=["team", "never-set"])
    assert tags_of(lv, arn) == {"cost-centre": "42"}


def test_project_tags(lv):
    arn = lv.create_project(ProjectName="widgets")["ProjectMetadata"]["ProjectArn"]
    assert tags_of(lv, arn) == {}
    lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    assert tags_of(lv, arn) == {"env": "test"}


def test_reserved_prefix(lv):
    arn = lv.create_project(ProjectName="widgets")["ProjectMetadata"]["ProjectArn"]
    with pytest.raises(lv.exceptions.ValidationException):
        lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "ok", "Value": "1"}, {"Key": "aws:owner", "Value": "me"}])
    assert tags_of(lv, arn) == {}
    with pytest.raises(lv.exceptions.ValidationException):
        lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT, Tags=[{"Key": "AWS:x", "Value": "y"}])
    with pytest.raises(lv.exceptions.ValidationException):
        lv.untag_resource(ResourceArn=arn, TagKeys=["aws:owner"])


def test_at_most_200_tags(lv):
    arn = lv.create_project(ProjectName="widgets")["ProjectMetadata"]["ProjectArn"]
    lv.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(150)])
    with pytest.raises(lv.exceptions.ServiceQuotaExceededException) as raised:
        lv.tag_resource(ResourceArn=arn, Tags=[{"Key": f"n{i}", "Value": "v"} for i in range(51)])
    code, status, _, response = error_of(raised)
    assert status == 402 and response["ServiceCode"] == "lookoutvision"
    assert len(tags_of(lv, arn)) == 150
    # replacing values does not count twice
    lv.tag_resource(
        ResourceArn=arn,
        Tags=[{"Key": f"k{i}", "Value": "w"} for i in range(50)] + [{"Key": f"n{i}", "Value": "v"} for i in range(50)],
    )
    assert len(tags_of(lv, arn)) == 200


def test_more_than_200_in_one_request_fails_validation(lv_unchecked):
    lv = lv_unchecked
    arn = lv.create_project(ProjectName="widgets")["ProjectMetadata"]["ProjectArn"]
    with pytest.raises(lv.exceptions.ValidationException):
        lv.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(201)])


@pytest.mark.parametrize(
    "arn, resource_type",
    [
        ("arn:aws:lookoutvision:us-east-1:123456789012:project/nothing", "PROJECT"),
        ("arn:aws:lookoutvision:us-east-1:123456789012:model/widgets/9", "MODEL"),
        ("arn:aws:lookoutvision:us-east-1:123456789012:model/nothing/1", "MODEL"),
        ("arn:aws:lookoutvision:eu-west-1:123456789012:project/widgets", "PROJECT"),  # other region
        ("arn:aws:lookoutvision:us-east-1:111111111111:project/widgets", "PROJECT"),  # other account
    ],
)
def test_unknown_arn_is_not_found(lv, arn, resource_type):
    make_trained_model(lv)
    for call in (
        lambda: lv.list_tags_for_resource(ResourceArn=arn),
        lambda: lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "b"}]),
        lambda: lv.untag_resource(ResourceArn=arn, TagKeys=["a"]),
    ):
        with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
            call()
        code, status, _, response = error_of(raised)
        assert (status, response["ResourceId"], response["ResourceType"]) == (404, arn, resource_type)


@pytest.mark.parametrize(
    "arn",
    [
        "not-an-arn-at-all-but-long",
        "arn:aws:s3:::some-bucket/key",
        "arn:aws:lookoutvision:us-east-1:123456789012:dataset/x",
    ],
)
def test_malformed_arn_fails_validation(lv, arn):
    with pytest.raises(lv.exceptions.ValidationException):
        lv.list_tags_for_resource(ResourceArn=arn)


def test_deleted_model_tags_are_gone(lv):
    version = make_trained_model(lv)
    arn = lv.describe_model(ProjectName="widgets", ModelVersion=version)["ModelDescription"]["ModelArn"]
    lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "b"}])
    lv.delete_model(ProjectName="widgets", ModelVersion=version)
    lv.list_models(ProjectName="widgets")
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.list_tags_for_resource(ResourceArn=arn)
