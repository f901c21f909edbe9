"""core.sigv4: the credential scope of an Authorization header, and the region a request is signed for."""

import pytest
from requests.structures import CaseInsensitiveDict

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import sigv4
from moto_ext.core.sigv4 import scope, signed_region

HEADER = (
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/eu-central-1/neptune-db/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=abc123"
)


@pytest.mark.parametrize("header", [HEADER, HEADER.encode("utf-8"), "  " + HEADER])
def test_scope_of_str_and_bytes_headers(header):
    match = scope(header)
    assert match is not None
    assert match.group("access_key") == "AKIDEXAMPLE"
    assert match.group("date") == "20261130"
    assert match.group("region") == "eu-central-1"
    assert match.group("service") == "neptune-db"


def test_scope_of_a_header_without_spaces_after_commas():
    header = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-west-2/machinelearning/aws4_request,SignedHeaders=host,Signature=x"
    assert scope(header).group("region") == "us-west-2"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        b"",
        "Bearer eyJhbGciOiJIUzI1NiJ9",
        "AWS AKIDEXAMPLE:c2lnbmF0dXJl",  # SigV2
        "AWS4-HMAC-SHA512 Credential=AKID/20261130/eu-west-1/s3/aws4_request",
        "AWS4-HMAC-SHA256 Credential=AKID/2026113/eu-west-1/s3/aws4_request",  # 7-digit date
        "AWS4-HMAC-SHA256 Credential=AKID/20261130/eu-west-1/s3",  # no terminator
        "AWS4-HMAC-SHA256 Credential=AKID/20261130//s3/aws4_request",  # empty region
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=x",
    ],
)
def test_scope_of_a_header_that_is_not_sigv4_is_none(header):
    assert scope(header) is None


def test_scope_of_bytes_that_are_not_utf8_does_not_raise():
    assert scope(b"\xff\xfe not a header") is None


@pytest.mark.parametrize("name", ["Authorization", "authorization"])
@pytest.mark.parametrize("value", [HEADER, HEADER.encode("utf-8")])
def test_signed_region_reads_either_spelling_and_either_type(name, value):
    assert signed_region({name: value}) == "eu-central-1"


def test_signed_region_from_a_case_insensitive_mapping():
    assert signed_region(CaseInsensitiveDict({"AUTHORIZATION": HEADER})) == "eu-central-1"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer token"}, {"Authorization": None}])
def test_signed_region_falls_back_to_the_default(headers):
    assert sigv4.DEFAULT_REGION == "us-east-1"
    assert signed_region(headers) == "us-east-1"
    assert signed_region(headers, default="ap-southeast-2") == "ap-southeast-2"


def test_signed_region_ignores_the_default_when_signed():
    assert signed_region({"Authorization": HEADER}, default="ap-southeast-2") == "eu-central-1"
