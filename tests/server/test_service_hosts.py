"""``service_hosts`` / ``--service-host NAME=HOST``: the cloud host requests on the server's own
address stand for, per service mocked through ``responses`` (ModelArts, its IAM)."""

from typing import Any

import pytest
import requests

from moto_ext.server import MotoExtApp, ThreadedMotoExtServer
from tests.modelarts.conftest import CONFIG

from .conftest import ServerProcess

IN_NL = {"modelarts": "modelarts.eu-nl.otc.t-systems.com", "huaweiiam": "iam.eu-nl.otc.t-systems.com"}


def issue_token(url, project=None):
    """(response) of a password token request, scoped to a project name when one is given."""
    auth: dict[str, Any] = {
        "identity": {
            "methods": ["password"],
            "password": {"user": {"name": "a", "password": "p", "domain": {"name": "d"}}},
        }
    }
    if project:
        auth["scope"] = {"project": {"name": project}}
    response = requests.post(f"{url}/v3/auth/tokens", json={"auth": auth}, timeout=10)
    assert response.status_code == 201, response.text
    return response


def catalog_regions(response):
    return {endpoint["region"] for entry in response.json()["token"]["catalog"] for endpoint in entry["endpoints"]}


def job_names(url, headers, project, host=None):
    extra = {"Host": host} if host else {}
    listed = requests.get(f"{url}/v1/{project}/training-jobs", headers={**headers, **extra}, timeout=10)
    return [job["job_name"] for job in listed.json()["jobs"]]


def assert_served_in_nl(url):
    """IAM and ModelArts on the server's own address stand for their eu-nl hosts."""
    # an unscoped token is issued in the region of the IAM host it was asked of
    assert catalog_regions(issue_token(url)) == {"eu-nl"}
    scoped = issue_token(url, "eu-nl")
    headers = {"X-Auth-Token": scoped.headers["X-Subject-Token"]}
    project = scoped.json()["token"]["project"]["id"]
    created = requests.post(
        f"{url}/v1/{project}/training-jobs", json={"job_name": "nl", "config": CONFIG}, headers=headers, timeout=10
    )
    assert created.json()["is_success"] is True, created.text
    assert job_names(url, headers, project) == ["nl"]
    assert job_names(url, headers, project, host="modelarts.eu-nl.otc.t-systems.com") == ["nl"]
    assert job_names(url, headers, project, host="modelarts.eu-de.otc.t-systems.com") == []


def test_threaded_server_takes_service_hosts():
    with ThreadedMotoExtServer(service_hosts=IN_NL) as server:
        try:
            assert_served_in_nl(server.endpoint_url)
        finally:
            requests.post(f"{server.endpoint_url}/moto-api/reset", timeout=10)


def test_without_service_hosts_each_service_uses_its_own_default_host(server):
    assert catalog_regions(issue_token(server.endpoint_url)) == {"eu-de"}


def test_the_environment_variable_is_the_default_and_an_argument_wins(monkeypatch):
    monkeypatch.setenv("MOTO_EXT_HUAWEIIAM_HOST", "iam.eu-nl.otc.t-systems.com")
    with ThreadedMotoExtServer() as server:
        assert catalog_regions(issue_token(server.endpoint_url)) == {"eu-nl"}
    with ThreadedMotoExtServer(service_hosts={"huaweiiam": "iam.eu-de.otc.t-systems.com"}) as server:
        assert catalog_regions(issue_token(server.endpoint_url)) == {"eu-de"}


def test_an_unknown_service_name_is_refused():
    with pytest.raises(ValueError, match="no responses service nosuch"):
        MotoExtApp(service_hosts={"nosuch": "h.example"})
    with pytest.raises(ValueError, match="lookoutvision"):  # a botocore service has no cloud host to stand for
        MotoExtApp(service_hosts={"lookoutvision": "h.example"})


def test_the_command_line_passes_each_service_host(monkeypatch):
    monkeypatch.delenv("MOTO_EXT_MODELARTS_HOST", raising=False)
    monkeypatch.delenv("MOTO_EXT_HUAWEIIAM_HOST", raising=False)
    arguments = [value for name, host in IN_NL.items() for value in ("--service-host", f"{name}={host}")]
    process = ServerProcess("--quiet", *arguments)
    try:
        assert_served_in_nl(process.endpoint_url)
    finally:
        assert process.stop() == 0
