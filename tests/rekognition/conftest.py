"""Fixtures of the Rekognition tests: clients inside moto_ext's mock."""

import boto3
import pytest

from .helpers import BUCKET, REGION


@pytest.fixture
def rek(moto_ext_mock):
    return boto3.client("rekognition", region_name=REGION)


@pytest.fixture
def s3(moto_ext_mock):
    client = boto3.client("s3", region_name=REGION)
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def backend(moto_ext_mock, rek):
    return moto_ext_mock.backend("rekognition")
