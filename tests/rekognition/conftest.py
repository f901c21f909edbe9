"""Fixtures of the Rekognition tests: clients inside moto_ext's mock."""

import pytest

from tests.support import client

from .helpers import BUCKET


@pytest.fixture
def rek(moto_ext_mock):
    return client("rekognition")


@pytest.fixture
def s3(moto_ext_mock):
    s3_client = client("s3")
    s3_client.create_bucket(Bucket=BUCKET)
    return s3_client


@pytest.fixture
def backend(moto_ext_mock, rek):
    return moto_ext_mock.backend("rekognition")
