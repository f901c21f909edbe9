"""Fixtures of the Lookout for Vision tests: clients inside moto_ext's mock."""

import boto3
import pytest
from botocore.config import Config

from .helpers import BUCKET, REGION

# One session for the whole run: its loader keeps the parsed service models, so a client costs
# milliseconds instead of re-reading the JSON models for every test.
SESSION = boto3.Session(region_name=REGION)


@pytest.fixture
def lv(moto_ext_mock):
    return SESSION.client("lookoutvision")


@pytest.fixture
def lv_unchecked(moto_ext_mock):
    """A client with botocore's own parameter validation off: requests reach the mock as sent."""
    return SESSION.client("lookoutvision", config=Config(parameter_validation=False))


@pytest.fixture
def s3(moto_ext_mock):
    client = SESSION.client("s3")
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def backend(moto_ext_mock, lv):
    return moto_ext_mock.backend("lookoutvision")
