"""The fast path's shortcuts give what moto's own code gives (core/light.py, core/responses.py)."""

import random
import string

import pytest
from moto.core.responses import BaseResponse
from moto.moto_api._internal import mock_random

from moto_ext.core.light import access_key_in, lazy_querystring, may_hold
from moto_ext.core.responses import request_id_long

SIGNATURE = "Signature=" + "8f1d2e3c4b5a6978" * 4


@pytest.mark.parametrize(
    "authorization",
    [
        f"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/lookoutvision/aws4_request, {SIGNATURE}",
        f"AWS4-HMAC-SHA256 Credential=x/20261130/us-east-1/lookoutvision/aws4_request, {SIGNATURE}",
        f"AWS4-HMAC-SHA256 Credential=testing/20261130/us-east-1/s3/aws4_request, {SIGNATURE}",
        "AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl",
        "AWSAKIAIOSFODNN7EXAMPLE/x",
        "AWS4 Credential=AKIAIOSFODNN7EXAMPLE/a AKIAIOSFODNN7EXAMPLF/b",
        "AWS4 Credential=AKIAIOSFODNN7EXAMPLE1/a",
        "Bearer AKIAIOSFODNN7EXAMPLE/",
        "",
    ],
)
def test_the_access_key_is_the_one_motos_pattern_finds(authorization):
    expected = BaseResponse.access_key_regex.search(authorization)
    assert access_key_in(authorization) == (expected.group(1) if expected else None)


def test_the_access_key_matches_motos_pattern_on_random_headers():
    draw = random.Random(7)
    pieces = ["AWS", "AWS4", "/", ":", ", ", " ", "=", "a", "Credential="]
    matched = 0
    for _ in range(3000):
        parts = [draw.choice(("AWS4-HMAC-SHA256 Credential=", "AWS ", "AWS", "Bearer ", ""))]
        for _ in range(draw.randint(0, 6)):
            if draw.random() < 0.5:
                size = draw.choice((19, 20, 20, 20, 21))
                parts.append("".join(draw.choice(string.ascii_uppercase + string.digits) for _ in range(size)))
                parts.append(draw.choice(("/", ":", "/", "a", ",", "")))
            else:
                parts.append(draw.choice(pieces))
        text = "".join(parts)
        expected = BaseResponse.access_key_regex.search(text)
        matched += expected is not None
        assert access_key_in(text) == (expected.group(1) if expected else None), text
    assert matched > 200, matched


def test_request_ids_are_motos_from_the_same_draws():
    mock_random.seed(5)
    ours = [request_id_long() for _ in range(2000)]
    mock_random.seed(5)
    motos = [mock_random.get_random_string(length=52) for _ in range(2000)]
    assert ours == motos
    assert all(len(request_id) == 52 for request_id in ours)


@pytest.mark.parametrize(
    "body, headers",
    [
        ('{"MLModelId": "bench-model"}', {}),
        ("Action=Describe&Version=1", {}),
        ("%41ction=Describe", {}),
        ("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE", {}),
        ("", {"HTTP_ACTION": "Describe", "HTTP_USER_AGENT": "x"}),
        ("", {"HTTP_AWSACCESSKEYID": "AKIA"}),
        ("&&", {"HTTP_X_AMZ_TARGET": "AmazonML_20141212.GetMLModel"}),
    ],
)
def test_a_lazy_querystring_may_hold_every_name_it_holds(body, headers):
    environ = {"HTTP_HOST": "example.com", **headers}
    querystring = lazy_querystring((body, environ))
    for name in ("Action", "AWSAccessKeyId", "Version", "X-Amz-Target"):
        if name in querystring:
            assert may_hold((body, environ), name), name
