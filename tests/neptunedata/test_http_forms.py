"""The HTTP forms Neptune's user guide documents beside the Data API's, sent with ``requests``
in-process: served by the neptunedata response class, or its typed UnsupportedOperationException
(never a 404 UnknownOperation or a 501)."""

import pytest
import requests

from .helpers import BUCKET, CLUSTER, ROLE

VERTICES = b"~id,~label,name:String\nv1,person,ann\nv2,person,bob\n"


def _start_load(folder="graph", **flags):
    """POST /loader as the user guide writes it, for the CSV files under ``folder``."""
    body = {"source": f"s3://{BUCKET}/{folder}/", "format": "csv", "region": "us-east-1", "iamRoleArn": ROLE}
    return requests.post(f"{CLUSTER}/loader", json={**body, **flags}, timeout=5)


@pytest.fixture
def load_id(s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    # the loader's HTTP form writes its flags as strings
    answer = _start_load(
        failOnError="FALSE",
        queueRequest="TRUE",
        mode="AUTO",
        parallelism="MEDIUM",
        updateSingleCardinalityProperties="FALSE",
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["payload"]["loadId"]


def _typed(answer, status, code):
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["code"] == code
    assert body["detailedMessage"] and body["requestId"]
    return body


def test_get_loader_with_the_load_id_as_a_query_parameter(load_id):
    answer = requests.get(
        f"{CLUSTER}/loader",
        params={"loadId": load_id, "details": "TRUE", "errors": "TRUE", "page": 1, "errorsPerPage": 3},
        timeout=5,
    )
    assert answer.status_code == 200, answer.text
    payload = answer.json()["payload"]
    assert payload["overallStatus"]["status"] == "LOAD_COMPLETED"
    assert payload["overallStatus"]["totalRecords"] == 2
    assert payload["errors"]["loadId"] == load_id
    # the path form answers the same
    assert (
        requests.get(f"{CLUSTER}/loader/{load_id}", timeout=5).json()["payload"]["overallStatus"]["status"]
        == "LOAD_COMPLETED"
    )


def test_get_loader_without_an_id_lists_the_loads(load_id):
    answer = requests.get(f"{CLUSTER}/loader", params={"limit": 5, "includeQueuedLoads": "FALSE"}, timeout=5)
    assert answer.status_code == 200
    assert answer.json() == {"status": "200 OK", "payload": {"loadIds": [load_id]}}


def test_a_string_flag_is_read_as_the_boolean_it_names(s3):
    s3.put_object(Bucket=BUCKET, Key="bad/vertices.csv", Body=b"~id,~label,age:Int\nv1,person,41,extra\n")
    started = _start_load("bad", failOnError="FALSE")
    load = started.json()["payload"]["loadId"]
    status = requests.get(f"{CLUSTER}/loader", params={"loadId": load}, timeout=5).json()["payload"]["overallStatus"]
    assert status["status"] == "LOAD_COMPLETED"  # failOnError=FALSE: errors do not fail the load
    assert status["parsingErrors"] == 1


@pytest.mark.parametrize("form", ["query", "path"])
def test_delete_loader_cancels_a_running_load_in_both_forms(moto_ext_mock, load_id, s3, form):
    moto_ext_mock.set_progression("neptunedata.loader_job", "manual", times=10)
    running = _start_load(queueRequest="TRUE").json()["payload"]["loadId"]
    url = f"{CLUSTER}/loader?loadId={running}" if form == "query" else f"{CLUSTER}/loader/{running}"
    answer = requests.delete(url, timeout=5)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"status": "200 OK"}
    status = requests.get(f"{CLUSTER}/loader", params={"loadId": running}, timeout=5).json()
    assert status["payload"]["overallStatus"]["status"] == "LOAD_CANCELLED_BY_USER"


@pytest.mark.parametrize("form", ["query", "path"])
def test_delete_loader_of_a_finished_load_is_a_404(load_id, form):
    assert (
        requests.get(f"{CLUSTER}/loader/{load_id}", timeout=5).json()["payload"]["overallStatus"]["status"]
        == "LOAD_COMPLETED"
    )
    url = f"{CLUSTER}/loader?loadId={load_id}" if form == "query" else f"{CLUSTER}/loader/{load_id}"
    body = _typed(requests.delete(url, timeout=5), 404, "BulkLoadIdNotFoundException")
    assert body["detailedMessage"] == f"The load with id = {load_id} does not exist or not active"


def test_form_encoded_system_reset(neptune, s3):
    neptune.start_ml_data_processing_job(
        id="dp", inputDataS3Location=f"s3://{BUCKET}/in", processedDataS3Location=f"s3://{BUCKET}/out"
    )
    initiated = requests.post(f"{CLUSTER}/system", data={"action": "initiateDatabaseReset"}, timeout=5)
    assert initiated.status_code == 200, initiated.text
    token = initiated.json()["payload"]["token"]
    refused = requests.post(f"{CLUSTER}/system", data={"action": "performDatabaseReset", "token": "wrong"}, timeout=5)
    _typed(refused, 400, "InvalidParameterException")
    performed = requests.post(f"{CLUSTER}/system", data={"action": "performDatabaseReset", "token": token}, timeout=5)
    assert performed.status_code == 200 and performed.json() == {"status": "200 OK"}
    assert neptune.list_ml_data_processing_jobs()["ids"] == []


@pytest.mark.parametrize(
    ("method", "path", "data", "answer"),
    [
        ("GET", "/gremlin/status", None, "list"),
        ("POST", "/gremlin/status", {"includeWaiting": "true"}, "list"),
        ("POST", "/gremlin/status", {"queryId": "q-1"}, "No Gremlin query with id q-1 is running to report on"),
        (
            "POST",
            "/gremlin/status",
            {"cancelQuery": "", "queryId": "q-1"},
            "No Gremlin query with id q-1 is running to cancel",
        ),
        ("GET", "/openCypher/status", None, "list"),
        ("POST", "/openCypher/status", {"queryId": "q-2"}, "No openCypher query with id q-2 is running to report on"),
    ],
)
def test_the_query_status_forms_reach_their_operation(moto_ext_mock, method, path, data, answer):
    # the mock answers each query as it arrives: no query is ever waiting or running
    kwargs = {"data": data} if data is not None else {}
    response = requests.request(method, f"{CLUSTER}{path}", timeout=5, **kwargs)
    if answer == "list":
        assert response.status_code == 200, response.text
        assert response.json() == {"acceptedQueryCount": 0, "runningQueryCount": 0, "queries": []}
    else:
        assert _typed(response, 400, "BadRequestException")["detailedMessage"].startswith(answer)


def test_the_query_forms_are_served_from_the_graph(moto_ext_mock):
    created = requests.post(f"{CLUSTER}/openCypher", data={"query": "CREATE (a:airport {code: 'SEA'})"}, timeout=5)
    assert created.status_code == 200, created.text
    counted = requests.post(
        f"{CLUSTER}/openCypher", data={"query": "MATCH (a:airport) RETURN count(a) AS n"}, timeout=5
    )
    assert counted.json() == {"results": [{"n": 1}]}
    gremlin = requests.post(f"{CLUSTER}/gremlin", json={"gremlin": "g.V().values('code')"}, timeout=5)
    assert gremlin.json()["result"]["data"] == {"@type": "g:List", "@value": ["SEA"]}
    summary = requests.get(f"{CLUSTER}/pg/statistics/summary", timeout=5)
    assert summary.json()["payload"]["graphSummary"]["numNodes"] == 1
    # the statistics forms, the older /gremlin/statistics too
    for path in ("/pg/statistics", "/gremlin/statistics"):
        status = requests.get(f"{CLUSTER}{path}", timeout=5).json()["payload"]
        assert status["active"] is True and status["signatureInfo"]["instanceCount"] == 1
    deleted = requests.delete(f"{CLUSTER}/pg/statistics", timeout=5).json()
    assert deleted["payload"] == {"active": False, "statisticsId": "-1"}


def test_sparql_queries_and_updates_in_every_documented_form(moto_ext_mock):
    update = "INSERT DATA { <http://ex/sea> <http://ex/code> 'SEA' . <http://ex/sea> a <http://ex/Airport> }"
    assert requests.post(f"{CLUSTER}/sparql", data={"update": update}, timeout=5).status_code == 200
    more = "INSERT DATA { <http://ex/lhr> <http://ex/code> 'LHR' }"
    sent = requests.post(
        f"{CLUSTER}/sparql", data=more, headers={"Content-Type": "application/sparql-update"}, timeout=5
    )
    assert sent.status_code == 200

    query = "SELECT ?code WHERE { ?s <http://ex/code> ?code } ORDER BY ?code"
    for answer in (
        requests.get(f"{CLUSTER}/sparql", params={"query": query}, timeout=5),
        requests.post(f"{CLUSTER}/sparql", data={"query": query}, timeout=5),
        requests.post(f"{CLUSTER}/sparql", data=query, headers={"Content-Type": "application/sparql-query"}, timeout=5),
    ):
        assert answer.headers["Content-Type"] == "application/sparql-results+json"
        assert [row["code"]["value"] for row in answer.json()["results"]["bindings"]] == ["LHR", "SEA"]

    as_csv = requests.get(f"{CLUSTER}/sparql", params={"query": query}, headers={"Accept": "text/csv"}, timeout=5)
    assert as_csv.text.split() == ["code", "LHR", "SEA"]
    asked = requests.get(f"{CLUSTER}/sparql", params={"query": "ASK { ?s a <http://ex/Airport> }"}, timeout=5)
    assert asked.json()["boolean"] is True
    built = requests.get(
        f"{CLUSTER}/sparql",
        params={"query": "CONSTRUCT { ?s <http://ex/c> ?c } WHERE { ?s <http://ex/code> ?c }"},
        timeout=5,
    )
    assert built.headers["Content-Type"] == "application/n-triples" and built.text.count(" .") == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [({"query": "SELECT WHERE {"}, "MalformedQueryException"), ({}, "MissingParameterException")],
)
def test_a_sparql_request_the_store_cannot_run_is_a_typed_400(moto_ext_mock, data, code):
    _typed(requests.post(f"{CLUSTER}/sparql", data=data, timeout=5), 400, code)


def test_ml_forms_take_string_flags(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_progression("neptunedata.data_processing_job", "manual", times=10)
    neptune.start_ml_data_processing_job(
        id="dp", inputDataS3Location=f"s3://{BUCKET}/in", processedDataS3Location=f"s3://{BUCKET}/out"
    )
    s3.put_object(Bucket=BUCKET, Key="out/dp/partial.bin", Body=b"x")
    answer = requests.delete(f"{CLUSTER}/ml/dataprocessing/dp", params={"clean": "TRUE"}, timeout=5)
    assert answer.status_code == 200 and answer.json() == {"status": "Stopping"}
    assert s3.list_objects_v2(Bucket=BUCKET, Prefix="out/").get("KeyCount") == 0


def test_a_registered_endpoint_serves_the_forms(moto_ext_mock, load_id):
    moto_ext_mock.register_endpoint("neptunedata", "http://localhost:8182")
    answer = requests.get("http://localhost:8182/loader", params={"loadId": load_id}, timeout=5)
    assert answer.status_code == 200
    assert answer.json()["payload"]["overallStatus"]["status"] == "LOAD_COMPLETED"
