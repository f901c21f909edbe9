"""The test-time controls over HTTP: /moto-ext-api/ (faults, outcomes, statuses, progressions, reset) and moto's state manager."""

from typing import Any

import pytest
import requests

from moto_ext.core import faults, lifecycle

from . import flows
from .conftest import aws, error_of

KIND = "lookoutvision.model"


def api(server, method, path, json=None, expect=200):
    response = requests.request(method, f"{server.endpoint_url}/moto-ext-api/{path}", json=json, timeout=10)
    assert response.status_code == expect, response.text
    return response.json()


def model_status(lv, project="widgets", version="1"):
    return lv.describe_model(ProjectName=project, ModelVersion=version)["ModelDescription"]["Status"]


def new_model(lv, project="widgets"):
    aws("s3", lv.meta.endpoint_url).create_bucket(Bucket="out")  # CreateModel needs its output bucket
    lv.create_project(ProjectName=project)
    lv.create_dataset(ProjectName=project, DatasetType="train")
    flows.lookoutvision_images(lv, project)
    return lv.create_model(ProjectName=project, OutputConfig={"S3Location": {"Bucket": "out"}})["ModelMetadata"]


def test_index_lists_the_endpoints(server):
    index = api(server, "GET", "")
    assert "POST /moto-ext-api/faults" in index["endpoints"]
    assert index["moto_ext"]
    assert api(server, "GET", "nowhere", expect=404)["error"] == "NotFound"


def test_kinds_lists_each_kinds_statuses(server):
    kinds = api(server, "GET", "kinds")["kinds"]
    assert set(kinds) == set(lifecycle.KINDS)
    assert {"from": "TRAINING", "to": "TRAINED"} in kinds[KIND]["steps"]
    assert "HOSTING_FAILED" in kinds[KIND]["statuses"]


def test_fault_fails_the_next_calls_then_is_gone(server):
    lv = aws("lookoutvision", server)
    lv.create_project(ProjectName="widgets")
    fault = api(
        server,
        "POST",
        "faults",
        {
            "service": "lookoutvision",
            "operation": "DescribeProject",
            "error": "AccessDeniedException",
            "count": 1,
            "message": "no",
        },
        expect=201,
    )
    with pytest.raises(lv.exceptions.AccessDeniedException) as raised:
        lv.describe_project(ProjectName="widgets")
    assert error_of(raised) == ("AccessDeniedException", 403, "no")
    assert lv.describe_project(ProjectName="widgets")["ProjectDescription"]["ProjectName"] == "widgets"
    [listed] = api(server, "GET", "faults")["faults"]
    assert (listed["id"], listed["fired"]) == (fault["id"], 1)
    assert api(server, "DELETE", f"faults/{fault['id']}") == {"removed": fault["id"]}
    assert api(server, "GET", "faults") == {"faults": []}
    assert api(server, "DELETE", f"faults/{fault['id']}", expect=404)["error"] == "NotFound"


def test_fault_on_every_call_until_removed_and_delay(server):
    lv = aws("lookoutvision", server)
    api(
        server,
        "POST",
        "faults",
        {"service": "lookoutvision", "operation": "ListProjects", "error": "ValidationException"},
        expect=201,
    )
    for _ in range(2):
        with pytest.raises(lv.exceptions.ValidationException):
            lv.list_projects()
    assert api(server, "DELETE", "faults") == {"removed": 1}
    api(server, "POST", "faults", {"service": "lookoutvision", "operation": "ListProjects", "delay": 0.2}, expect=201)
    assert lv.list_projects()["Projects"] == []


def test_fault_on_modelarts_operation(server):
    api(
        server,
        "POST",
        "faults",
        {"service": "modelarts", "operation": "ListTrainingJobs", "error": "ModelArts.2799", "count": 1},
        expect=201,
    )
    token = requests.post(f"{server.endpoint_url}/v3/auth/tokens", json=_password_auth(), timeout=10)
    project = token.json()["token"]["project"]["id"]
    listed = requests.get(
        f"{server.endpoint_url}/v1/{project}/training-jobs",
        headers={"X-Auth-Token": token.headers["X-Subject-Token"]},
        timeout=10,
    )
    assert (listed.status_code, listed.json()["error_code"]) == (429, "ModelArts.2799")


@pytest.mark.parametrize(
    "fault, message",
    [
        ({"service": "lookoutvision", "operation": "Nope"}, "no operation"),
        (
            {"service": "lookoutvision", "operation": "ListProjects", "error": "ServiceQuotaExceededException"},
            "not a modeled error",
        ),
        ({"service": "lookoutvision", "operation": "ListProjects", "count": "2"}, "count must be"),
        ({"service": "lookoutvision", "operation": "ListProjects", "fraction": 3}, "fraction must be"),
        ({"service": "lookoutvision", "operation": "ListProjects", "colour": "red"}, "unknown fields"),
        ({"operation": "ListProjects"}, "service is required"),
    ],
)
def test_bad_faults_are_refused(server, fault, message):
    answer = api(server, "POST", "faults", fault, expect=400)
    assert answer["error"] == "BadRequest" and message in answer["message"]
    assert api(server, "GET", "faults") == {"faults": []}


def test_outcome_makes_a_kind_fail_until_cleared(server):
    lv = aws("lookoutvision", server)
    answer = api(server, "POST", "outcome", {"kind": KIND, "status": "TRAINING_FAILED"})
    assert answer == {"kind": KIND, "from": ["TRAINING"], "status": "TRAINING_FAILED"}
    new_model(lv)
    assert model_status(lv) == "TRAINING_FAILED"
    assert api(server, "DELETE", "outcome", {"kind": KIND, "status": "TRAINING_FAILED"}) == {
        "kind": KIND,
        "cleared": ["TRAINING"],
    }
    lv.create_model(ProjectName="widgets", OutputConfig={"S3Location": {"Bucket": "out"}})
    assert model_status(lv, version="2") == "TRAINED"
    assert (
        "not an outcome" in api(server, "POST", "outcome", {"kind": KIND, "status": "TRAINING"}, expect=400)["message"]
    )
    assert (
        "unknown resource kind"
        in api(server, "POST", "outcome", {"kind": "nope", "status": "X"}, expect=400)["message"]
    )


def test_status_forces_one_resource(server):
    lv, arn = flows.lookoutvision_hosted_model(server)
    assert api(server, "POST", "status", {"resource_id": arn, "status": "HOSTING_FAILED"}) == {
        "resource_id": arn,
        "status": "HOSTING_FAILED",
    }
    assert model_status(lv) == "HOSTING_FAILED"
    assert (
        api(server, "POST", "status", {"resource_id": arn, "status": "SLEEPING"}, expect=400)["error"] == "BadRequest"
    )
    assert (
        api(server, "POST", "status", {"resource_id": arn + "-gone", "status": "HOSTED"}, expect=404)["error"]
        == "NotFound"
    )
    assert model_status(lv) == "HOSTING_FAILED"


def test_progression_manual_through_moto_ext_api(server):
    lv = aws("lookoutvision", server)
    answer = api(server, "POST", "progression", {"kind": KIND, "progression": "manual", "times": 2})
    assert answer["transition"] == {"progression": "manual", "times": 2}
    new_model(lv)
    assert [model_status(lv), model_status(lv)] == ["TRAINING", "TRAINED"]
    api(server, "DELETE", "progression", {"kind": KIND})
    assert api(server, "GET", "kinds")["kinds"][KIND]["transition"] == {"progression": "immediate"}
    assert (
        api(server, "POST", "progression", {"kind": KIND, "progression": "sometimes"}, expect=400)["error"]
        == "BadRequest"
    )
    assert (
        api(server, "POST", "progression", {"kind": KIND, "progression": "manual", "times": 0}, expect=400)["error"]
        == "BadRequest"
    )


def test_progression_through_motos_state_manager(server):
    lv = aws("lookoutvision", server)
    body: dict[str, Any] = {"model_name": KIND, "transition": {"progression": "manual", "times": 3}}
    assert (
        requests.post(f"{server.endpoint_url}/moto-api/state-manager/set-transition", json=body, timeout=10).status_code
        == 201
    )
    new_model(lv)
    assert [model_status(lv) for _ in range(3)] == ["TRAINING", "TRAINING", "TRAINED"]


def test_reset_clears_state_and_every_setting(server):
    for reset in ("/moto-api/reset", "/moto-ext-api/reset"):
        lv = aws("lookoutvision", server)
        new_model(lv)
        api(
            server,
            "POST",
            "faults",
            {"service": "lookoutvision", "operation": "ListModels", "error": "ValidationException"},
            expect=201,
        )
        api(server, "POST", "outcome", {"kind": KIND, "status": "HOSTING_FAILED"})
        requests.post(
            f"{server.endpoint_url}/moto-api/state-manager/set-transition",
            json={"model_name": KIND, "transition": {"progression": "manual", "times": 9}},
            timeout=10,
        )
        assert requests.post(f"{server.endpoint_url}{reset}", timeout=10).json() == {"status": "ok"}
        assert lv.list_projects()["Projects"] == []
        assert api(server, "GET", "faults") == {"faults": []} and not faults._rules
        assert not lifecycle._outcome_overrides
        assert api(server, "GET", "kinds")["kinds"][KIND]["transition"] == {"progression": "immediate"}
        new_model(lv)
        assert lv.list_models(ProjectName="widgets")["Models"]
        assert model_status(lv) == "TRAINED"
        lv.start_model(ProjectName="widgets", ModelVersion="1", MinInferenceUnits=1)
        assert model_status(lv) == "HOSTED"
        requests.post(f"{server.endpoint_url}/moto-api/reset", timeout=10)


def test_control_bodies_must_be_json_objects(server):
    for body in (b"{not json", b"[1, 2]"):
        response = requests.post(f"{server.endpoint_url}/moto-ext-api/outcome", data=body, timeout=10)
        assert response.status_code == 400 and response.json()["error"] == "BadRequest"


def _password_auth():
    user = {"name": "alice", "password": "secret", "domain": {"name": "OTC-EU-DE-00000000001000000001"}}
    return {
        "auth": {
            "identity": {"methods": ["password"], "password": {"user": user}},
            "scope": {"project": {"name": "eu-de"}},
        }
    }


# --- the services' own controls (Service.controls), served generically ------------------------------
def test_service_controls_are_listed_and_checked_against_the_backend_method(server):
    endpoints = api(server, "GET", "")["endpoints"]
    assert {"POST /moto-ext-api/modelarts/access-keys", "POST /moto-ext-api/huaweiiam/access-keys"} <= set(endpoints)
    keys = {"access_key": "AK0001", "secret_key": "SK0001"}
    done = api(server, "POST", "huaweiiam/access-keys", keys, expect=201)
    assert (done["service"], done["control"]) == ("huaweiiam", "register_access_key")
    for payload, message in [
        ({"access_key": "AK0001"}, "secret_key"),
        ({**keys, "colour": "red"}, "colour"),
        ({**keys, "secret_key": 7}, "secret_key must be a string"),
        ({**keys, "secret_key": None}, "secret_key is required"),
    ]:
        assert message in api(server, "POST", "modelarts/access-keys", payload, expect=400)["message"]
    assert api(server, "GET", "modelarts/access-keys", expect=404)["error"] == "NotFound"
