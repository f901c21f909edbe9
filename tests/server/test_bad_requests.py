"""Requests the server cannot serve get a clear, typed error; the server keeps serving after each."""

import json

import pytest
import requests
from botocore import UNSIGNED
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from moto_ext.lookoutvision.models import LookoutVisionBackend

from .conftest import aws, error_of

# (neptunedata takes unsigned requests, as a cluster without IAM authentication does: test_unsigned.py)
UNSIGNED_CALLS = {
    "lookoutvision": lambda c: c.list_projects(),
    "rekognition": lambda c: c.describe_projects(),
    "machinelearning": lambda c: c.describe_ml_models(),
}


def signed(server, service, method="POST", path="/", body=b"", headers=None):
    """A raw request SigV4-signed for ``service`` (as any SDK would sign it), sent to the server."""
    request = AWSRequest(method, f"{server.endpoint_url}{path}", data=body, headers=headers or {})
    SigV4Auth(Credentials("testing", "testing"), service, "us-east-1").add_auth(request)
    return requests.request(method, request.url, data=body, headers=dict(request.headers), timeout=10)


def assert_still_serving(server):
    assert aws("lookoutvision", server).list_projects()["Projects"] == []


@pytest.mark.parametrize("service", sorted(UNSIGNED_CALLS))
def test_unsigned_calls_to_moto_ext_services_are_refused(server, service):
    client = aws(service, server, config=Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1}))
    with pytest.raises(ClientError) as raised:
        UNSIGNED_CALLS[service](client)
    code, status, message = error_of(raised)
    assert (code, status) == ("MissingAuthenticationTokenException", 403)
    assert "not signed" in message
    assert_still_serving(server)


def test_unknown_service_in_the_credential_scope(server):
    response = signed(server, "no-such-service", body=b"{}", headers={"Content-Type": "application/x-amz-json-1.1"})
    assert response.status_code == 400
    assert response.json()["__type"] == "UnknownServiceException"
    assert "'no-such-service'" in response.json()["message"]
    assert_still_serving(server)


def test_authorization_header_that_is_not_sigv4(server):
    response = requests.post(server.endpoint_url, headers={"Authorization": "AWS4-HMAC-SHA256 nonsense"}, timeout=10)
    assert (response.status_code, response.json()["__type"]) == (403, "IncompleteSignatureException")
    assert_still_serving(server)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2, 3]"])
def test_malformed_json_body_of_a_json_protocol_service(server, body):
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AmazonML_20141212.DescribeMLModels"}
    response = signed(server, "machinelearning", body=body, headers=headers)
    assert (response.status_code, response.headers["x-amzn-ErrorType"]) == (400, "SerializationException")
    assert_still_serving(server)


def test_malformed_json_body_of_a_rest_json_service(server):
    response = signed(
        server,
        "lookoutvision",
        path="/2020-11-20/projects",
        body=b'{"ProjectName": ',
        headers={"Content-Type": "application/json"},
    )
    assert (response.status_code, response.json()["__type"]) == (400, "SerializationException")
    assert aws("lookoutvision", server).list_projects()["Projects"] == []


def test_unknown_operations(server):
    target = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AmazonML_20141212.DescribeEverything"}
    response = signed(server, "machinelearning", body=b"{}", headers=target)
    assert (response.status_code, response.json()["__type"]) == (400, "UnknownOperationException")
    response = signed(server, "neptune-db", method="GET", path="/no/such/route")
    assert (response.status_code, response.json()["__type"]) == (404, "UnknownOperationException")
    assert_still_serving(server)


def test_operation_moto_does_not_implement_is_a_501_not_retried(server):
    kms = aws("kms", server, config=Config(retries={"mode": "standard", "max_attempts": 3}))
    with pytest.raises(ClientError) as raised:
        kms.connect_custom_key_store(CustomKeyStoreId="cks-1234567890abcdef0")
    code, status, message = error_of(raised)
    assert (code, status) == ("NotImplemented", 501)
    assert "connect_custom_key_store" in message
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert_still_serving(server)


def test_a_failing_mock_answers_500_in_the_services_protocol(server, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(LookoutVisionBackend, "list_projects", broken)
    with pytest.raises(ClientError) as raised:
        aws("lookoutvision", server).list_projects()
    code, status, message = error_of(raised)
    assert (code, status) == ("InternalFailure", 500)
    assert "RuntimeError: disk on fire" in message
    monkeypatch.undo()
    assert_still_serving(server)


def test_a_failing_query_protocol_service_answers_xml(server, monkeypatch):
    from moto.sts.responses import TokenResponse

    monkeypatch.setattr(TokenResponse, "get_caller_identity", lambda self: 1 / 0)
    with pytest.raises(ClientError) as raised:
        aws("sts", server).get_caller_identity()
    assert error_of(raised)[:2] == ("InternalFailure", 500)
    assert raised.value.response["Error"]["Type"] == "Receiver"
    monkeypatch.undo()
    assert aws("sts", server).get_caller_identity()["Account"]


def test_error_bodies_are_json_botocore_can_read(server):
    response = signed(server, "no-such-service")
    body = json.loads(response.content)
    assert set(body) >= {"__type", "message"}
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
