"""Fixtures of the Amazon Machine Learning tests: clients inside moto_ext's mock, data in moto's S3."""

import pytest
from botocore.config import Config

from tests.support import client

from .helpers import BUCKET, TRAIN_CSV


@pytest.fixture
def ml(moto_ext_mock):
    # one attempt: InternalServerException is a 500, which botocore would otherwise retry
    return client("machinelearning", config=Config(retries={"total_max_attempts": 1}))


@pytest.fixture
def s3(moto_ext_mock):
    client_ = client("s3")
    client_.create_bucket(Bucket=BUCKET)
    client_.put_object(Bucket=BUCKET, Key="train/part-1.csv", Body=TRAIN_CSV)
    return client_


@pytest.fixture
def backend(moto_ext_mock, ml):
    return moto_ext_mock.backend("machinelearning")
