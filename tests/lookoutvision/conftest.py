"""Fixtures of the Lookout for Vision tests: clients inside moto_ext's mock."""

import pytest

from tests.support import client

from .helpers import BUCKET


def _output_bucket():
    """The bucket the tests' models write to (CreateModel refuses a bucket that does not exist)."""
    s3_client = client("s3")
    if BUCKET not in [bucket["Name"] for bucket in s3_client.list_buckets()["Buckets"]]:
        s3_client.create_bucket(Bucket=BUCKET)
    return s3_client


@pytest.fixture
def lv(moto_ext_mock):
    _output_bucket()
    return client("lookoutvision")


@pytest.fixture
def lv_unchecked(moto_ext_mock):
    """A client with botocore's own parameter validation off: requests reach the mock as sent."""
    _output_bucket()
    return client("lookoutvision", validate=False)


@pytest.fixture
def s3(moto_ext_mock):
    return _output_bucket()


@pytest.fixture
def backend(moto_ext_mock, lv):
    return moto_ext_mock.backend("lookoutvision")
