"""Regions: boto3 lists the seven regions the service had (botocore 1.40.60's endpoints data), each
answers; in a region the service never had, the client gets what the real one gets there."""

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError

from moto_ext.core import patches
from tests.support import client

REGIONS = ["ap-northeast-1", "ap-northeast-2", "eu-central-1", "eu-west-1", "us-east-1", "us-east-2", "us-west-2"]


def test_boto3_lists_the_regions():
    assert boto3.Session().get_available_regions("lookoutvision") == REGIONS
    assert boto3.Session().get_available_regions("lookoutvision", partition_name="aws-cn") == []


def test_other_services_keep_their_regions():
    assert "us-east-1" in boto3.Session().get_available_regions("s3")
    assert "us-east-1" in boto3.Session().get_available_regions("rekognition")


@pytest.mark.parametrize("region", REGIONS)
def test_every_listed_region_answers(moto_ext_mock, region):
    lv = client("lookoutvision", region=region)
    lv.create_project(ProjectName=f"in-{region}")
    assert [p["ProjectName"] for p in lv.list_projects()["Projects"]] == [f"in-{region}"]


@pytest.mark.parametrize("region", ["af-south-1", "eu-west-3", "us-west-1"])
def test_a_region_the_service_never_had(moto_ext_mock, region):
    # The real client resolves lookoutvision.<region>.amazonaws.com, which no host answers.
    lv = boto3.client("lookoutvision", region_name=region, config=Config(retries={"max_attempts": 1}))
    with pytest.raises(EndpointConnectionError) as raised:
        lv.list_projects()
    assert f"https://lookoutvision.{region}.amazonaws.com/" in str(raised.value)


SHIPPED = next(e for e in patches.shipped_endpoints() if "lookoutvision" in e["partitions"][0]["services"])


def test_merging_keeps_botocore_entries():
    native = {"partitions": [{"partition": "aws", "services": {"lookoutvision": {"endpoints": {"x-1": {}}}}}]}
    merged = patches.merged_endpoints(native, SHIPPED)
    assert merged == native  # a botocore that ships the entry keeps its own
    bare = {"partitions": [{"partition": "aws", "services": {"s3": {}}}, {"partition": "aws-cn", "services": {}}]}
    merged = patches.merged_endpoints(bare, SHIPPED)
    assert sorted(merged["partitions"][0]["services"]) == ["lookoutvision", "s3"]
    assert merged["partitions"][1] == {"partition": "aws-cn", "services": {}}
    assert bare["partitions"][0]["services"] == {"s3": {}}  # not changed in place
