"""Fixtures for the Neptune Data API tests: a client on a cluster endpoint and an S3 bucket."""

import boto3
import pytest

from .helpers import BUCKET, CLUSTER


@pytest.fixture
def neptune(moto_ext_mock):
    return boto3.client("neptunedata", region_name="us-east-1", endpoint_url=CLUSTER)


@pytest.fixture
def s3(moto_ext_mock):
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client

