"""DescribeProjects and DescribeProjectVersions read their pages from orders kept as resources come
and go (issue 14): creation order by feature and by name, newest version first, across pages."""

import itertools

import pytest

from tests.support import error_of, walk_pages

from .helpers import make_version

FEATURES = ["CUSTOM_LABELS", "CONTENT_MODERATION"]


@pytest.fixture
def projects(rek):
    made = []
    for index in range(9):
        feature = FEATURES[index % 3 == 0]
        arn = rek.create_project(ProjectName=f"p{8 - index}", Feature=feature)["ProjectArn"]
        made.append((f"p{8 - index}", feature, arn))
    return made


@pytest.mark.parametrize("features", [None, ["CUSTOM_LABELS"], ["CONTENT_MODERATION"], FEATURES, FEATURES[::-1]])
@pytest.mark.parametrize("size", [1, 2, 100])
def test_projects_come_in_creation_order_for_every_feature_choice(rek, projects, features, size):
    wanted = features or ["CUSTOM_LABELS"]
    expected = [arn for _, feature, arn in projects if feature in wanted]
    found = walk_pages(
        rek.describe_projects, "ProjectDescriptions", size, **({"Features": features} if features else {})
    )
    assert [p["ProjectArn"] for p in found] == expected


def test_named_projects_come_in_creation_order(rek, projects):
    names = ["p1", "p8", "p5", "missing", "p6"]  # p6 and p0 are CONTENT_MODERATION
    for features in ([], FEATURES):
        found = walk_pages(
            rek.describe_projects,
            "ProjectDescriptions",
            2,
            ProjectNames=names,
            **({"Features": features} if features else {}),
        )
        wanted = features or ["CUSTOM_LABELS"]
        expected = [arn for name, feature, arn in projects if name in names and feature in wanted]
        assert [p["ProjectArn"] for p in found] == expected


def test_a_deleted_project_leaves_every_listing_and_frees_its_name(rek, projects):
    name, feature, arn = projects[1]
    rek.delete_project(ProjectArn=arn)
    rek.describe_projects(ProjectNames=[name])  # the look that finds it gone
    assert arn not in [p["ProjectArn"] for p in walk_pages(rek.describe_projects, "ProjectDescriptions", 2)]
    again = rek.create_project(ProjectName=name)["ProjectArn"]
    assert [p["ProjectArn"] for p in rek.describe_projects(ProjectNames=[name])["ProjectDescriptions"]] == [again]
    with pytest.raises(rek.exceptions.ResourceInUseException) as error:
        rek.create_project(ProjectName=name)
    assert error_of(error).code == "ResourceInUseException"


def test_a_token_is_bound_to_its_features(rek, projects):
    token = rek.describe_projects(MaxResults=1)["NextToken"]
    with pytest.raises(rek.exceptions.InvalidPaginationTokenException):
        rek.describe_projects(MaxResults=1, NextToken=token, Features=["CONTENT_MODERATION"])


def test_versions_come_newest_first_with_or_without_names(rek, s3, backend):
    project_arn, _ = make_version(rek, s3, version="v0")
    for index in range(1, 6):
        rek.create_project_version(
            ProjectArn=project_arn, VersionName=f"v{index}", OutputConfig={"S3Bucket": "rek-data"}
        )
    for size, names in itertools.product([1, 2, 100], [None, ["v4", "v0", "v2", "nope"]]):
        found = walk_pages(
            rek.describe_project_versions,
            "ProjectVersionDescriptions",
            size,
            ProjectArn=project_arn,
            **({"VersionNames": names} if names else {}),
        )
        expected = [f"v{i}" for i in range(5, -1, -1) if not names or f"v{i}" in names]
        assert [v["ProjectVersionArn"].split("/version/")[1].split("/")[0] for v in found] == expected


def test_versions_and_datasets_are_found_by_arn_among_many_projects(rek, s3, projects):
    # the ARN names its project: a lookup by ARN reads that project only, whatever its name
    project_arn, version_arn = make_version(rek, s3, project="version", version="version")
    rek.tag_resource(ResourceArn=version_arn, Tags={"k": "v"})
    assert rek.list_tags_for_resource(ResourceArn=version_arn)["Tags"] == {"k": "v"}
    dataset_arn = rek.describe_projects(ProjectNames=["version"])["ProjectDescriptions"][0]["Datasets"][0]["DatasetArn"]
    assert rek.describe_dataset(DatasetArn=dataset_arn)["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    missing = version_arn.rsplit("/", 1)[0] + "/1"
    with pytest.raises(rek.exceptions.ResourceNotFoundException):
        rek.list_tags_for_resource(ResourceArn=missing)
