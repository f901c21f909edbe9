"""The IAM token service as a service of its own: its routes table, its backend in the registry,
fault injection on its operations, and a walk over every route."""

import pytest
import requests

from moto_ext.core import registry
from moto_ext.huaweiiam.models import DEFAULT_PROJECT_ID
from moto_ext.huaweiiam.urls import ROUTES, route

IAM = "https://iam.eu-de.otc.t-systems.com"


def password_auth(project="eu-de"):
    user = {"name": "alice", "password": "secret", "domain": {"name": "dom"}}
    return {
        "auth": {
            "identity": {"methods": ["password"], "password": {"user": user}},
            "scope": {"project": {"name": project}},
        }
    }


def issue():
    response = requests.post(f"{IAM}/v3/auth/tokens", json=password_auth())
    assert response.status_code == 201, response.text
    return response.headers["X-Subject-Token"]


def test_routes_table_resolves_methods_and_parameters():
    tokens = route("/v3/auth/tokens")
    assert tokens is not None
    assert tokens[0] == {
        "POST": "CreateToken",
        "GET": "ValidateToken",
        "HEAD": "CheckToken",
        "DELETE": "RevokeToken",
    }
    assert route("/v3/projects/abc") == ({"GET": "ShowProject"}, {"project_id": "abc"})
    assert route("/v3/users") is None and route("/v3/projects/a/b") is None


def test_the_handle_reaches_the_iam_backend(moto_ext_mock):
    iam = moto_ext_mock.backend("huaweiiam")
    token = issue()
    assert token in iam.tokens
    # the ModelArts helpers write to the same store
    moto_ext_mock.backend("modelarts").register_access_key("AK", "SK")
    assert iam.access_keys == {"AK": "SK"}


def test_a_known_path_with_another_method_is_405_in_keystones_envelope(moto_ext_mock):
    response = requests.put(f"{IAM}/v3/auth/tokens")
    assert response.status_code == 405
    error = response.json()["error"]
    assert (error["code"], error["title"]) == (405, "Method Not Allowed") and "POST" in error["message"]


def test_injected_fault_on_an_iam_operation(moto_ext_mock):
    moto_ext_mock.inject_fault("huaweiiam", "CreateToken", "Unauthorized", message="locked out", count=1)
    refused = requests.post(f"{IAM}/v3/auth/tokens", json=password_auth())
    assert refused.status_code == 401
    assert refused.json() == {"error": {"code": 401, "title": "Unauthorized", "message": "locked out"}}
    assert issue()
    with pytest.raises(ValueError, match="not a modeled error"):
        moto_ext_mock.inject_fault("huaweiiam", "CreateToken", "Method Not Allowed")


#: operation -> (method, path, needs a token in X-Auth-Token and X-Subject-Token, expected status)
WALK = {
    "ListVersions": ("GET", "/", False, 300),
    "ShowVersion": ("GET", "/v3", False, 200),
    "CreateToken": ("POST", "/v3/auth/tokens", False, 201),
    "ValidateToken": ("GET", "/v3/auth/tokens", True, 200),
    "CheckToken": ("HEAD", "/v3/auth/tokens", True, 200),
    "RevokeToken": ("DELETE", "/v3/auth/tokens", True, 204),
    "ShowCatalog": ("GET", "/v3/auth/catalog", True, 200),
    "ListAuthProjects": ("GET", "/v3/auth/projects", True, 200),
    "ListProjects": ("GET", "/v3/projects", True, 200),
    "ShowProject": ("GET", f"/v3/projects/{DEFAULT_PROJECT_ID}", True, 200),
}


def test_the_walk_covers_every_route():
    assert set(WALK) == {operation for _, _, operation in ROUTES} == set(registry.get("huaweiiam").operations())


@pytest.mark.parametrize("operation", registry.get("huaweiiam").operations())
def test_walk_every_operation(moto_ext_mock, operation):
    method, path, with_token, status = WALK[operation]
    headers = {}
    if with_token:
        token = issue()
        headers = {"X-Auth-Token": token, "X-Subject-Token": token}
    response = requests.request(
        method, f"{IAM}{path}", headers=headers, json=password_auth() if method == "POST" else None
    )
    assert response.status_code == status, response.text
