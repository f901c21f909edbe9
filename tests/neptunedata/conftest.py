"""Fixtures for the Neptune Data API tests: a client on a cluster endpoint and an S3 bucket."""

import pytest

from tests.support import client

from .helpers import BUCKET, CLUSTER


@pytest.fixture
def neptune(moto_ext_mock):
    return client("neptunedata", endpoint_url=CLUSTER)


@pytest.fixture
def s3(moto_ext_mock):
    s3_client = client("s3")
    s3_client.create_bucket(Bucket=BUCKET)
    return s3_client
