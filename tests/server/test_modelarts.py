"""ModelArts v1 and its IAM token endpoint over HTTP: requests, AK/SK signing and otcextensions against the server."""

import re

import openstack
import pytest
import requests
from otcextensions import sdk
from werkzeug.test import Client

from moto_ext.huaweiiam import signing
from moto_ext.modelarts.models import DEFAULT_PROJECT_ID, modelarts_backends
from moto_ext.server import MotoExtApp
from moto_ext.server.bridge import CallbackBridge, ResponsesBridge
from tests.modelarts.conftest import CONFIG

DOMAIN = "OTC-EU-DE-00000000001000000001"


def password_auth(project="eu-de"):
    user = {"name": "alice", "password": "secret", "domain": {"name": DOMAIN}}
    return {
        "auth": {
            "identity": {"methods": ["password"], "password": {"user": user}},
            "scope": {"project": {"name": project}},
        }
    }


def token(server, project="eu-de"):
    """(X-Subject-Token, project id) of a project-scoped token from the server's IAM."""
    response = requests.post(f"{server.endpoint_url}/v3/auth/tokens", json=password_auth(project), timeout=10)
    assert response.status_code == 201, response.text
    return response.headers["X-Subject-Token"], response.json()["token"]["project"]["id"]


def test_token_then_training_job_lifecycle_with_requests(server):
    subject, project = token(server)
    assert project == DEFAULT_PROJECT_ID
    session = requests.Session()
    session.headers["X-Auth-Token"] = subject
    base = f"{server.endpoint_url}/v1/{project}"
    job = session.post(f"{base}/training-jobs", json={"job_name": "served-job", "config": CONFIG}, timeout=10).json()
    assert job["is_success"] is True and job["version_name"] == "V0001"
    query: dict[str, str | int] = {"per_page": 5, "search_content": "served"}
    listed = session.get(f"{base}/training-jobs", params=query, timeout=10).json()
    assert [j["job_name"] for j in listed["jobs"]] == ["served-job"]
    version = f"{base}/training-jobs/{job['job_id']}/versions/{job['version_id']}"
    # the seed operation: stop a running version
    assert session.get(version, timeout=10).json()["status"] == 8
    assert session.post(f"{version}/stop", timeout=10).json() == {"is_success": True}
    assert session.get(version, timeout=10).json()["status"] in (9, 12)
    stopped_again = session.post(f"{version}/stop", timeout=10)
    assert stopped_again.json()["is_success"] is False


def test_authentication_is_required_as_on_the_real_gateway(server):
    _, project = token(server)
    response = requests.get(f"{server.endpoint_url}/v1/{project}/training-jobs", timeout=10)
    assert (response.status_code, response.json()["error_code"]) == (401, "APIG.0301")
    response = requests.get(
        f"{server.endpoint_url}/v1/{project}/training-jobs", headers={"X-Auth-Token": "forged"}, timeout=10
    )
    assert response.status_code == 401
    other = requests.get(
        f"{server.endpoint_url}/v1/{'f' * 32}/training-jobs", headers={"X-Auth-Token": token(server)[0]}, timeout=10
    )
    assert other.status_code == 403


def test_unknown_paths_and_methods(server):
    subject, project = token(server)
    headers = {"X-Auth-Token": subject}
    response = requests.get(f"{server.endpoint_url}/v1/{project}/no-such-thing", headers=headers, timeout=10)
    assert (response.status_code, response.json()["error_code"]) == (404, "APIG.0101")
    response = requests.patch(f"{server.endpoint_url}/v1/{project}/training-jobs", headers=headers, timeout=10)
    assert response.status_code == 405
    assert requests.get(f"{server.endpoint_url}/v3/no-such-thing", timeout=10).status_code == 404


def test_aksk_signed_requests_with_keys_registered_over_http(server):
    keys = {"access_key": "HPUAEXAMPLEKEY0000001", "secret_key": "example-secret"}
    registered = requests.post(f"{server.endpoint_url}/moto-ext-api/modelarts/access-keys", json=keys, timeout=10)
    assert registered.status_code == 201
    url = f"{server.endpoint_url}/v1/{DEFAULT_PROJECT_ID}/training-jobs?per_page=10"
    headers = signing.sign_request(
        "GET", url, {"Content-Type": "application/json"}, b"", keys["access_key"], keys["secret_key"]
    )
    response = requests.get(url, headers=headers, timeout=10)
    assert response.status_code == 200 and response.json()["is_success"] is True, response.text
    wrong = signing.sign_request(
        "GET", url, {"Content-Type": "application/json"}, b"", keys["access_key"], "not-the-secret"
    )
    assert requests.get(url, headers=wrong, timeout=10).status_code == 401


def test_cloud_host_in_the_host_header_picks_the_region(server):
    subject, project = token(server, "eu-nl")
    url = f"{server.endpoint_url}/v1/{project}/training-jobs"
    headers = {"X-Auth-Token": subject, "Host": "modelarts.eu-nl.otc.t-systems.com"}
    assert requests.post(url, json={"job_name": "in-nl", "config": CONFIG}, headers=headers, timeout=10).json()[
        "is_success"
    ]
    assert [j.name for j in modelarts_backends[project]["eu-nl"].jobs.values()] == ["in-nl"]


def test_otcextensions_through_the_server(server):
    conn = openstack.connect(
        auth_url=f"{server.endpoint_url}/v3",
        username="alice",
        password="secret",
        project_name="eu-de",
        user_domain_name=DOMAIN,
        region_name="eu-de",
        load_yaml_config=False,
        load_envvars=False,
        # no endpoint override: the token's catalog, issued by the server, points back at it
    )
    sdk.register_otc_extensions(conn)
    modelarts = conn.modelartsv1  # type: ignore[attr-defined]  # added by register_otc_extensions
    try:
        job = modelarts.create_training_job(job_name="otc-job", job_description="via server", config=CONFIG)
        assert [j.job_name for j in modelarts.training_jobs()] == ["otc-job"]
        assert [j.status for j in modelarts.training_jobs()] == [8]  # each read is one step: running
        stopped = modelarts.post(f"/training-jobs/{job.job_id}/versions/{job.version_id}/stop")
        assert stopped.json() == {"is_success": True}
    finally:
        conn.close()


def test_reset_clears_modelarts_too(server):
    subject, project = token(server)
    requests.post(
        f"{server.endpoint_url}/v1/{project}/training-jobs",
        json={"job_name": "j", "config": CONFIG},
        headers={"X-Auth-Token": subject},
        timeout=10,
    )
    requests.post(f"{server.endpoint_url}/moto-api/reset", timeout=10)
    # the token went with the reset: the IAM state is part of the same registry
    after = requests.get(
        f"{server.endpoint_url}/v1/{project}/training-jobs", headers={"X-Auth-Token": subject}, timeout=10
    )
    assert after.status_code == 401
    subject, project = token(server)
    listed = requests.get(
        f"{server.endpoint_url}/v1/{project}/training-jobs", headers={"X-Auth-Token": subject}, timeout=10
    ).json()
    assert listed["jobs"] == []


# --- the bridge itself, on any callback of the responses shape ---------------------------------
def _app_with(routes):
    app = MotoExtApp()
    assert isinstance(app.bridge, ResponsesBridge)
    app.bridge.callbacks = CallbackBridge(routes)
    return Client(app)


def test_bridge_passes_the_request_as_the_cloud_host_would_see_it():
    seen = []

    def callback(request):
        seen.append(request)
        return 202, [("X-Trace", "1"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")], None

    client = _app_with([(re.compile(r"^https://modelarts\.eu-de\.otc\.t-systems\.com/v1/"), callback)])
    response = client.put(
        "/v1/p1/things%2Fx?per_page=2", data=b'{"a": 1}', headers={"X-Auth-Token": "t", "Host": "localhost:5000"}
    )
    assert response.status_code == 202 and response.data == b""
    assert response.headers.getlist("Set-Cookie") == ["a=1", "b=2"]
    [request] = seen
    assert request.method == "PUT"
    assert request.url == "https://modelarts.eu-de.otc.t-systems.com/v1/p1/things%2Fx?per_page=2"
    assert request.body == b'{"a": 1}'
    assert request.headers["X-Auth-Token"] == "t" and request.headers["Host"] == "localhost:5000"


def test_bridge_answers_a_failing_callback_with_the_v1_internal_error():
    def callback(request):
        raise ValueError("broken callback")

    client = _app_with([(re.compile(r"^https://modelarts\."), callback)])
    response = client.get("/v1/p1/training-jobs")
    assert response.status_code == 500
    assert response.json["error_code"] == "ModelArts.0010" and "broken callback" in response.json["error_message"]
    assert client.get("/v1/p1/elsewhere").status_code == 500


@pytest.mark.parametrize("path", ["/v1/p1/x", "/v3/auth/tokens"])
def test_bridge_without_a_matching_route_answers_404(path):
    response = _app_with([])
    answer = response.get(path)
    assert answer.status_code == 404 and answer.json["error_code"] == "APIG.0101"
