"""Authentication: the mocked IAM (tokens, projects, catalogue), X-Auth-Token checks, AK/SK signatures."""

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests

from moto_ext import mock_ext
from moto_ext.huaweiiam import signing
from moto_ext.modelarts.models import DEFAULT_PROJECT_ID

from .conftest import CONFIG, ModelArts, snapshot

IAM = "https://iam.eu-de.otc.t-systems.com"
BASE = f"https://modelarts.eu-de.otc.t-systems.com/v1/{DEFAULT_PROJECT_ID}"
AK, SK = "HPUAEXAMPLEAK0000001", "ExampleSecretKey0123456789abcdefghijklmn"


def password_auth(project=None, user="alice", password="secret", domain="OTC-EU-DE-00000000001000000001"):
    body: dict[str, Any] = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": user, "password": password, "domain": {"name": domain}}},
            }
        }
    }
    if project is not None:
        body["auth"]["scope"] = {"project": project}
    return body


def gateway_401(response, message_part):
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error_code"] == "APIG.0301"
    assert body["error_msg"].startswith("Incorrect IAM authentication information")
    assert message_part in body["error_msg"]
    assert body["request_id"]


# --- IAM -------------------------------------------------------------------------------------
def test_password_token_with_catalog(moto_ext_mock):
    response = requests.post(f"{IAM}/v3/auth/tokens", json=password_auth({"name": "eu-de"}))
    assert response.status_code == 201
    token_id = response.headers["X-Subject-Token"]
    token = response.json()["token"]
    assert token["methods"] == ["password"]
    assert token["project"]["id"] == DEFAULT_PROJECT_ID and token["project"]["name"] == "eu-de"
    expires = datetime.strptime(token["expires_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert timedelta(hours=23) < expires - datetime.now(timezone.utc) <= timedelta(hours=24)
    endpoints = {entry["type"]: entry["endpoints"][0] for entry in token["catalog"]}
    assert endpoints["modelartsv1"]["url"] == BASE
    assert endpoints["modelartsv1"]["interface"] == "public" and endpoints["modelartsv1"]["region_id"] == "eu-de"
    assert endpoints["identity"]["url"] == f"{IAM}/v3"
    assert requests.get(f"{BASE}/training-jobs", headers={"X-Auth-Token": token_id}).json()["is_success"] is True


def test_sub_project_gets_its_own_id_and_huawei_hosts(moto_ext_mock):
    response = requests.post(
        "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens", json=password_auth({"name": "cn-north-4_team"})
    )
    token = response.json()["token"]
    project_id = token["project"]["id"]
    assert project_id != DEFAULT_PROJECT_ID and len(project_id) == 32
    url = next(e["endpoints"][0]["url"] for e in token["catalog"] if e["type"] == "modelartsv1")
    assert url == f"https://modelarts.cn-north-4.myhuaweicloud.com/v1/{project_id}"
    headers = {"X-Auth-Token": response.headers["X-Subject-Token"]}
    job = requests.post(f"{url}/training-jobs", headers=headers, json={"job_name": "hw", "config": CONFIG}).json()
    assert job["is_success"] is True
    assert list(moto_ext_mock.backend("modelarts", account_id=project_id, region="cn-north-4").jobs) == [job["job_id"]]
    # the .cn form and the global IAM host answer too
    cn = requests.post("https://iam.myhuaweicloud.cn/v3/auth/tokens", json=password_auth({"name": "ap-southeast-1"}))
    assert cn.status_code == 201
    cn_url = next(e["endpoints"][0]["url"] for e in cn.json()["token"]["catalog"] if e["type"] == "modelartsv1")
    assert cn_url == f"https://modelarts.ap-southeast-1.myhuaweicloud.cn/v1/{DEFAULT_PROJECT_ID}"
    assert (
        requests.get(f"{cn_url}/training-jobs", headers={"X-Auth-Token": cn.headers["X-Subject-Token"]}).status_code
        == 200
    )


def test_token_method_and_project_id_scope(moto_ext_mock):
    first = requests.post(f"{IAM}/v3/auth/tokens", json=password_auth({"name": "eu-de"})).headers["X-Subject-Token"]
    other = "ab" * 16
    body: dict[str, Any] = {
        "auth": {"identity": {"methods": ["token"], "token": {"id": first}}, "scope": {"project": {"id": other}}}
    }
    response = requests.post(f"{IAM}/v3/auth/tokens", json=body)
    assert response.status_code == 201
    assert response.json()["token"]["project"]["id"] == other
    bad: dict[str, Any] = {"auth": {"identity": {"methods": ["token"], "token": {"id": "nope"}}}}
    refused = requests.post(f"{IAM}/v3/auth/tokens", json=bad)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == 401


def test_registered_user_must_give_the_right_password(moto_ext_mock):
    moto_ext_mock.backend("huaweiiam").register_user("alice", "right", "dom")
    wrong = requests.post(
        f"{IAM}/v3/auth/tokens", json=password_auth({"name": "eu-de"}, password="wrong", domain="dom")
    )
    assert wrong.status_code == 401 and "X-Subject-Token" not in wrong.headers
    assert wrong.json()["error"]["title"] == "Unauthorized"
    right = requests.post(
        f"{IAM}/v3/auth/tokens", json=password_auth({"name": "eu-de"}, password="right", domain="dom")
    )
    assert right.status_code == 201


@pytest.mark.parametrize("body", [b"{", b"{}", json.dumps({"auth": {"identity": {"methods": ["password"]}}}).encode()])
def test_malformed_token_requests(moto_ext_mock, body):
    response = requests.post(f"{IAM}/v3/auth/tokens", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["code"] == 400


def test_iam_discovery_projects_validation_and_unknown_paths(moto_ext_mock):
    version = requests.get(f"{IAM}/v3").json()["version"]
    assert version["id"] == "v3.0" and version["status"] == "stable"
    assert requests.get(f"{IAM}/").status_code == 300
    issued = requests.post(f"{IAM}/v3/auth/tokens", json=password_auth({"name": "eu-de"}))
    token = issued.headers["X-Subject-Token"]
    headers = {"X-Auth-Token": token}
    projects = requests.get(f"{IAM}/v3/projects", headers=headers, params={"name": "eu-de"}).json()["projects"]
    assert [p["id"] for p in projects] == [DEFAULT_PROJECT_ID]
    assert requests.get(f"{IAM}/v3/auth/projects", headers=headers).json()["projects"][0]["name"] == "eu-de"
    assert requests.get(f"{IAM}/v3/projects/{DEFAULT_PROJECT_ID}", headers=headers).json()["project"]["name"] == "eu-de"
    assert requests.get(f"{IAM}/v3/projects/{'f' * 32}", headers=headers).status_code == 404
    catalog = requests.get(f"{IAM}/v3/auth/catalog", headers=headers).json()["catalog"]
    assert {entry["type"] for entry in catalog} >= {"identity", "modelartsv1"}
    assert requests.get(f"{IAM}/v3/projects").status_code == 401
    validated = requests.get(f"{IAM}/v3/auth/tokens", headers={"X-Auth-Token": token, "X-Subject-Token": token})
    assert validated.status_code == 200 and validated.json()["token"]["project"]["id"] == DEFAULT_PROJECT_ID
    assert (
        requests.delete(f"{IAM}/v3/auth/tokens", headers={"X-Auth-Token": token, "X-Subject-Token": token}).status_code
        == 204
    )
    gateway_401(requests.get(f"{BASE}/training-jobs", headers=headers), "decrypt token fail")
    for method, path in [
        ("GET", "/v3/users"),
        ("POST", "/v3/projects"),
        ("GET", "/v3.0/OS-CREDENTIAL/credentials"),
        ("PUT", "/v3"),
    ]:
        response = requests.request(method, f"{IAM}{path}")
        assert response.status_code in (404, 405), (method, path)
        assert response.json()["error"]["code"] == response.status_code


# --- ModelArts with tokens ---------------------------------------------------------------------
def test_missing_credentials_are_401_and_change_nothing(ma):
    before = snapshot(ma.backend)
    gateway_401(
        requests.post(f"{BASE}/training-jobs", json={"job_name": "x", "config": CONFIG}), "x-auth-token not found"
    )
    assert snapshot(ma.backend) == before


def test_unknown_and_expired_tokens(ma):
    gateway_401(requests.get(f"{BASE}/training-jobs", headers={"X-Auth-Token": "MIIforged"}), "decrypt token fail")
    token = ma.backend.issue_token()
    ma.backend.expire_token(token)
    gateway_401(
        requests.post(
            f"{BASE}/training-jobs", headers={"X-Auth-Token": token}, json={"job_name": "x", "config": CONFIG}
        ),
        "expired",
    )
    assert ma.backend.jobs == {}


def test_token_of_another_project_is_0210(ma, moto_ext_mock):
    other = moto_ext_mock.backend("modelarts", account_id="1" * 32).issue_token()
    before = snapshot(ma.backend)
    response = requests.post(
        f"{BASE}/training-jobs", headers={"X-Auth-Token": other}, json={"job_name": "x", "config": CONFIG}
    )
    assert response.status_code == 403
    assert response.json() == {
        "is_success": False,
        "error_code": "ModelArts.0210",
        "error_message": "The project id in the request URL does not match the token.",
    }
    assert snapshot(ma.backend) == before
    unscoped = requests.post(f"{IAM}/v3/auth/tokens", json=password_auth()).headers["X-Subject-Token"]
    assert requests.get(f"{BASE}/training-jobs", headers={"X-Auth-Token": unscoped}).status_code == 403


def test_authentication_switch_ends_with_the_mock():
    with mock_ext() as m:
        m.backend("modelarts").set_authentication(False)
        assert requests.get(f"{BASE}/training-jobs").json()["is_success"] is True
        assert requests.get(f"https://modelarts.eu-de.otc.t-systems.com/v1/{'2' * 32}/training-jobs").status_code == 200
    with mock_ext():
        gateway_401(requests.get(f"{BASE}/training-jobs"), "x-auth-token not found")


# --- AK/SK -------------------------------------------------------------------------------------
def signed(method, url, body=b"", headers=None, ak=AK, sk=SK, when=None):
    return signing.sign_request(
        method, url, {"Content-Type": "application/json", **(headers or {})}, body, ak, sk, when
    )


def test_signed_requests(ma):
    ma.backend.register_access_key(AK, SK)
    body = json.dumps({"job_name": "signed-job", "config": CONFIG}).encode()
    url = f"{BASE}/training-jobs"
    created = requests.post(url, data=body, headers=signed("POST", url, body))
    assert created.status_code == 200 and created.json()["job_name"] == "signed-job"
    query_url = f"{url}?per_page=5&search_content=signed%20job~&sortBy=job_name"
    listed = requests.get(query_url, headers=signed("GET", query_url))
    assert listed.status_code == 200 and listed.json()["job_total_count"] == 0
    stop_url = f"{BASE}/training-jobs/{created.json()['job_id']}/versions/{created.json()['version_id']}/stop"
    refused = requests.post(stop_url, headers=signed("POST", stop_url))
    assert refused.status_code == 400 and refused.json()["error_code"] == "ModelArts.0105"


def test_bad_signatures_are_401_and_change_nothing(ma):
    ma.backend.register_access_key(AK, SK)
    url = f"{BASE}/training-jobs"
    body = json.dumps({"job_name": "forged", "config": CONFIG}).encode()
    headers = signed("POST", url, body)
    tampered = json.dumps({"job_name": "forged2", "config": CONFIG}).encode()
    gateway_401(requests.post(url, data=tampered, headers=headers), "verify aksk signature fail")
    gateway_401(
        requests.post(url, data=body, headers=signed("POST", url, body, sk="wrong")), "verify aksk signature fail"
    )
    gateway_401(requests.post(url, data=body, headers=signed("POST", url, body, ak="UNKNOWNAK")), "not exist")
    stale = datetime.now(timezone.utc) - timedelta(minutes=16)
    gateway_401(requests.post(url, data=body, headers=signed("POST", url, body, when=stale)), "15 minutes")
    malformed = dict(headers, Authorization="SDK-HMAC-SHA256 Access=AK")
    gateway_401(requests.post(url, data=body, headers=malformed), "format invalid")
    no_date = {k: v for k, v in headers.items() if k != "X-Sdk-Date"}
    gateway_401(requests.post(url, data=body, headers=no_date), "X-Sdk-Date")
    # a signature for another path does not carry over
    other = signed("GET", f"{BASE}/visualization-jobs")
    gateway_401(requests.get(url, headers=other), "verify aksk signature fail")
    assert ma.backend.jobs == {}


# Requests signed by huaweicloudsdkcore 3.1.219's Signer (X-Sdk-Date fixed) with AK/SK above:
# the mock must accept exactly what the real SDK sends.
SDK_DATE = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
SDK_VECTORS = [
    (
        "GET",
        f"/v1/{DEFAULT_PROJECT_ID}/training-jobs?page=1&per_page=5&search_content=my%20job~x&sortBy=job_name",
        {
            "X-Sdk-Date": "20250102T030405Z",
            "Content-Type": "application/json",
            "Host": "modelarts.eu-de.otc.t-systems.com",
        },
        "content-type;host;x-sdk-date",
        "e1ba2d9310a573e05b74420c356f61a422ec04c624bcba9adb1c6cc51d84be48",
        None,
        (200, None),
    ),
    (
        "POST",
        f"/v1/{DEFAULT_PROJECT_ID}/training-jobs",
        {
            "X-Sdk-Date": "20250102T030405Z",
            "Content-Type": "application/json;charset=UTF-8",
            "X-Project-Id": DEFAULT_PROJECT_ID,
            "Host": "modelarts.eu-de.otc.t-systems.com",
        },
        "content-type;host;x-project-id;x-sdk-date",
        "313039aa8470b6cfa358fa31156e15eb52e579318d065e71d16929948ff574be",
        b'{"job_name": "vector-job", "job_desc": "signed"}',
        (400, "ModelArts.2788"),  # authenticated, then refused for the missing config
    ),
    (
        "POST",
        f"/v1/{DEFAULT_PROJECT_ID}/training-jobs/7/versions/8/stop",
        {"X-Sdk-Date": "20250102T030405Z", "Host": "modelarts.eu-de.otc.t-systems.com"},
        "host;x-sdk-date",
        "5cad3e7a49cbcef0c67d69935c8537620bd3ba6ce74073933680e3562e02607a",
        None,
        (400, "ModelArts.2775"),
    ),
]


@pytest.mark.parametrize("method, path, headers, signed_headers, signature, body, outcome", SDK_VECTORS)
def test_signatures_made_by_huaweicloudsdkcore(
    ma, monkeypatch, method, path, headers, signed_headers, signature, body, outcome
):
    ma.backend.register_access_key(AK, SK)
    monkeypatch.setattr(signing, "utcnow", lambda: SDK_DATE + timedelta(seconds=30))
    authorization = f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders={signed_headers}, Signature={signature}"
    url = "https://modelarts.eu-de.otc.t-systems.com" + path
    response = requests.request(method, url, headers={**headers, "Authorization": authorization}, data=body)
    status, code = outcome
    assert response.status_code == status, response.text
    assert response.json().get("error_code") == code
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    forged = requests.request(
        method, url, headers={**headers, "Authorization": authorization.replace(signature, flipped)}, data=body
    )
    gateway_401(forged, "verify aksk signature fail")


def test_access_keys_end_with_the_mock():
    url = f"{BASE}/training-jobs"
    with mock_ext() as m:
        m.backend("modelarts").register_access_key(AK, SK)
        assert requests.get(url, headers=signed("GET", url)).status_code == 200
    with mock_ext():
        gateway_401(requests.get(url, headers=signed("GET", url)), "not exist")


def test_token_and_helper_client_for_another_region(moto_ext_mock):
    client = ModelArts(moto_ext_mock, region="eu-nl")
    client.create_job("nl-job")
    assert moto_ext_mock.backend("modelarts", region="eu-nl").jobs
    assert not moto_ext_mock.backend("modelarts").jobs


def test_signed_iam_project_lookup(moto_ext_mock):
    """huaweicloudsdkcore finds the project id of a region with an AK/SK-signed IAM call."""
    moto_ext_mock.backend("huaweiiam").register_access_key(AK, SK)
    url = "https://iam.cn-north-4.myhuaweicloud.com/v3/projects?name=cn-north-4"
    projects = requests.get(url, headers=signed("GET", url)).json()["projects"]
    assert [(p["id"], p["name"]) for p in projects] == [(DEFAULT_PROJECT_ID, "cn-north-4")]
    refused = requests.get(url, headers=signed("GET", url, sk="wrong"))
    assert refused.status_code == 401 and refused.json()["error"]["code"] == 401
