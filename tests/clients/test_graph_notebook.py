"""graph-notebook's Neptune client (PyPI ``graph-notebook``, AWS's) driving a whole Neptune program
against the in-process mock: Neptune ML jobs and endpoints, the bulk loader, fast reset.

The client sends its own ``requests`` (not boto3) to the cluster on port 8182, signed with SigV4
when IAM is on. Only ``graph_notebook.neptune.client`` is used: the package's notebook parts
(Jupyter, widgets) are not needed to run it.
"""

import boto3
import pytest
import requests
from graph_notebook.neptune import client as gn_client

from moto_ext.server import ThreadedMotoExtServer
from tests.support import client

CLUSTER_HOST = "my-db.cluster-abc123example.us-east-1.neptune.amazonaws.com"
BUCKET = "graph-notebook-ml"
ROLE = "arn:aws:iam::123456789012:role/NeptuneLoadFromS3"
VERTICES = b"~id,~label,name:String\nv1,person,ann\nv2,person,bob\nv3,city,oslo\n"
EDGES = b"~id,~from,~to,~label\ne1,v1,v3,lives_in\ne2,v2,v3,lives_in\n"


def _client(host, port=8182, ssl=True, iam=False):
    builder = gn_client.ClientBuilder().with_host(host).with_port(port).with_tls(ssl).with_region("us-east-1")
    if iam:
        builder = builder.with_iam(boto3.Session(region_name="us-east-1"))
    return builder.build()


@pytest.fixture
def bucket(moto_ext_mock):
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="export/nodes/vertices.csv", Body=VERTICES)
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    s3.put_object(Bucket=BUCKET, Key="graph/edges.csv", Body=EDGES)
    return s3


CLIENTS = {
    "cluster-host": lambda m: _client(CLUSTER_HOST),
    "cluster-host-iam": lambda m: _client(CLUSTER_HOST, iam=True),
    "registered-localhost": lambda m: (
        m.register_endpoint("neptunedata", "http://localhost:8182"),
        _client("localhost", ssl=False),
    )[1],
}


@pytest.fixture(params=[*sorted(CLIENTS), "server-mode"])
def neptune(request, moto_ext_mock, bucket):
    if request.param == "server-mode":
        # graph-notebook pointed at the moto_ext server, as at a cluster with IAM authentication
        # off: plain HTTP, unsigned (the server runs in this process, so it sees this mock's S3)
        with ThreadedMotoExtServer() as server:
            host, port = server.get_host_and_port()
            graph = _client(host, port, ssl=False)
            yield graph
            graph.close()
        return
    graph = CLIENTS[request.param](moto_ext_mock)
    yield graph
    graph.close()


@pytest.fixture(params=["cluster-host", "cluster-host-iam"])
def cluster(request, moto_ext_mock, bucket):
    """A client on a Neptune host: graph-notebook sends openCypher to a Neptune domain only
    (on another host, such as localhost, it speaks Neo4j's HTTP API)."""
    graph = CLIENTS[request.param](moto_ext_mock)
    yield graph
    graph.close()


def _ok(response):
    assert response.status_code == 200, response.text
    return response.json()


def _poll(read, until, limit=10):
    """What a notebook does: read the status until it is one of ``until``; the statuses seen."""
    seen = []
    for _ in range(limit):
        seen.append(read())
        if seen[-1] in until:
            return seen
    raise AssertionError(f"never reached {until}: {seen}")


def test_engine_status(neptune):
    assert _ok(neptune.status())["status"] == "healthy"


def test_the_neptune_ml_pipeline_end_to_end(neptune, bucket):
    dp = _ok(neptune.dataprocessing_start(f"s3://{BUCKET}/export", f"s3://{BUCKET}/processed", id="gn-dp"))["id"]
    seen = _poll(lambda: _ok(neptune.dataprocessing_job_status(dp))["status"], {"Completed", "Failed"})
    assert seen == ["InProgress", "Completed"]
    assert _ok(neptune.dataprocessing_list())["ids"] == [dp]

    training = _ok(
        neptune.modeltraining_start(
            dp, f"s3://{BUCKET}/training", 2, 2, id="gn-train", trainingInstanceType="ml.p3.2xlarge"
        )
    )["id"]
    assert _poll(lambda: _ok(neptune.modeltraining_job_status(training))["status"], {"Completed"})[-1] == "Completed"
    trained = _ok(neptune.modeltraining_job_status(training))
    assert trained["hpoJob"]["outputLocation"] == f"s3://{BUCKET}/training/gn-train"
    assert _ok(neptune.modeltraining_list())["ids"] == [training]

    transform = _ok(
        neptune.modeltransform_create(
            f"s3://{BUCKET}/transform", dataprocessing_job_id=dp, modeltraining_job_id=training, id="gn-transform"
        )
    )["id"]
    assert _poll(lambda: _ok(neptune.modeltransform_status(transform))["status"], {"Completed"})[-1] == "Completed"
    assert _ok(neptune.modeltransform_list())["ids"] == [transform]

    # what the jobs wrote, where the notebook reads it
    written = sorted(obj["Key"] for obj in bucket.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert {
        "processed/gn-dp/model-hpo-configuration.json",
        "training/gn-train/output/model.tar.gz",
        "transform/gn-transform/output/model.tar.gz",
    } <= set(written)

    endpoint = _ok(neptune.endpoints_create(model_training_job_id=training, id="gn-endpoint"))["id"]
    assert _poll(lambda: _ok(neptune.endpoints_status(endpoint))["status"], {"InService", "Failed"})[-1] == "InService"
    assert _ok(neptune.endpoints())["ids"] == [endpoint]
    assert _ok(neptune.endpoints_delete(endpoint))["status"] == "Deleting"
    # poll the list until the endpoint is gone (ends at once under the default progression)
    assert _poll(lambda: tuple(_ok(neptune.endpoints())["ids"]), {()}) == [()]
    assert neptune.endpoints_status(endpoint).status_code == 404


def test_ml_jobs_seen_in_progress_can_be_cancelled_with_clean(neptune, bucket):
    dp = _ok(neptune.dataprocessing_start(f"s3://{BUCKET}/export", f"s3://{BUCKET}/processed", id="dp-done"))["id"]
    _poll(lambda: _ok(neptune.dataprocessing_job_status(dp))["status"], {"Completed"})

    running = _ok(neptune.dataprocessing_start(f"s3://{BUCKET}/export", f"s3://{BUCKET}/processed", id="dp-run"))["id"]
    assert _ok(neptune.dataprocessing_job_status(running))["status"] == "InProgress"
    assert _ok(neptune.dataprocessing_stop(running, clean=True))["status"] == "Stopping"
    assert _poll(lambda: _ok(neptune.dataprocessing_job_status(running))["status"], {"Stopped"})[-1] == "Stopped"

    training = _ok(neptune.modeltraining_start(dp, f"s3://{BUCKET}/training", 2, 1, id="tr-run"))["id"]
    assert _ok(neptune.modeltraining_job_status(training))["status"] == "InProgress"
    assert _ok(neptune.modeltraining_stop(training, clean=True))["status"] == "Stopping"

    finished = _ok(neptune.modeltraining_start(dp, f"s3://{BUCKET}/training", 2, 1, id="tr-done"))["id"]
    _poll(lambda: _ok(neptune.modeltraining_job_status(finished))["status"], {"Completed"})
    transform = _ok(
        neptune.modeltransform_create(
            f"s3://{BUCKET}/transform", dataprocessing_job_id=dp, modeltraining_job_id=finished, id="mt-run"
        )
    )["id"]
    assert _ok(neptune.modeltransform_status(transform))["status"] == "InProgress"
    assert _ok(neptune.modeltransform_stop(transform, clean=True))["status"] == "Stopping"

    # a finished job cannot be stopped: a typed 400, which the notebook shows
    refused = neptune.modeltraining_stop(finished)
    assert refused.status_code == 400
    assert refused.json()["code"] == "InvalidParameterException"
    # clean=true removed the cancelled jobs' folders, the completed ones' files stay
    written = {obj["Key"] for obj in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert "training/tr-done/output/model.tar.gz" in written
    assert not any(key.startswith(("processed/dp-run/", "training/tr-run/", "transform/mt-run/")) for key in written)


def _load(neptune):
    # the %load magic's arguments, strings as its widgets give them
    answer = neptune.load(
        f"s3://{BUCKET}/graph/",
        "csv",
        ROLE,
        failOnError="TRUE",
        mode="AUTO",
        parallelism="HIGH",
        updateSingleCardinalityProperties="FALSE",
        queueRequest="TRUE",
        parserConfiguration={},
        edgeOnlyLoad="FALSE",
    )
    return _ok(answer)["payload"]["loadId"]


def test_loader_load_status_and_cancel(neptune):
    running = _load(neptune)
    # %cancel_load on a load in progress
    assert _ok(neptune.cancel_load(running)) == {"status": "200 OK"}
    status = _ok(neptune.load_status(running, details=True, errors=True, page="1", errorsPerPage="10"))
    assert status["payload"]["overallStatus"]["status"] == "LOAD_CANCELLED_BY_USER"

    load = _load(neptune)
    # %load_status as the magic sends it
    status = _ok(neptune.load_status(load, details=True, errors=False, page="1", errorsPerPage="10"))["payload"]
    assert status["overallStatus"]["status"] == "LOAD_COMPLETED"
    assert status["overallStatus"]["totalRecords"] == 5
    assert status["feedCount"] == [{"LOAD_COMPLETED": 2}]
    # the ids graph-notebook lists for %cancel_load --all-in-queue
    assert _ok(neptune.load_status())["payload"]["loadIds"] == [load, running]

    # cancelling a finished load: the loader's documented 404, which raise_for_status turns into an error
    refused = neptune.cancel_load(load)
    assert refused.status_code == 404
    assert refused.json()["code"] == "BulkLoadIdNotFoundException"
    with pytest.raises(requests.HTTPError):
        refused.raise_for_status()


def test_db_reset_initiate_and_perform(neptune):
    _ok(neptune.dataprocessing_start(f"s3://{BUCKET}/export", f"s3://{BUCKET}/processed", id="before-reset"))
    # what %db_reset --yes does
    initiated = _ok(neptune.initiate_reset())
    token = initiated["payload"]["token"]
    assert _ok(neptune.perform_reset(token)) == {"status": "200 OK"}
    assert _ok(neptune.dataprocessing_list())["ids"] == []
    # a used token does not reset twice
    again = neptune.perform_reset(token)
    assert again.status_code == 400 and again.json()["code"] == "InvalidParameterException"


def test_query_the_loaded_graph_with_opencypher_and_gremlin(cluster):
    neptune = cluster
    load = _load(neptune)
    status = _ok(neptune.load_status(load, details=True, errors=False, page="1", errorsPerPage="10"))
    assert status["payload"]["overallStatus"]["status"] == "LOAD_COMPLETED"

    # %%oc: a form POST to /openCypher, answered in Neptune's JSON result format
    rows = _ok(neptune.opencypher_http("MATCH (p:person)-[:lives_in]->(c:city) RETURN p.name AS name, c ORDER BY name"))
    oslo = {"~id": "v3", "~entityType": "node", "~labels": ["city"], "~properties": {"name": "oslo"}}
    assert rows["results"] == [{"name": "ann", "c": oslo}, {"name": "bob", "c": oslo}]
    counted = _ok(
        neptune.opencypher_http("MATCH (p:person {name: $name}) RETURN count(p) AS n", query_params={"name": "ann"})
    )
    assert counted["results"] == [{"n": 1}]

    # %%gremlin --store-to over HTTP: GraphSON v3 in result.data
    answer = _ok(neptune.gremlin_http_query("g.V('v3').in('lives_in').values('name').order()"))
    assert answer["status"]["code"] == 200
    assert answer["result"]["data"] == {"@type": "g:List", "@value": ["ann", "bob"]}

    # %summary
    summary = _ok(neptune.statistics("pg", summary=True, mode="detailed"))["payload"]["graphSummary"]
    assert (summary["numNodes"], summary["numEdges"]) == (3, 2)
    assert summary["nodeLabels"] == ["city", "person"] and summary["edgeLabels"] == ["lives_in"]

    # %db_reset empties the graph
    token = _ok(neptune.initiate_reset())["payload"]["token"]
    _ok(neptune.perform_reset(token))
    assert _ok(neptune.opencypher_http("MATCH (n) RETURN count(n) AS n"))["results"] == [{"n": 0}]


def test_a_query_the_engine_cannot_run_is_a_typed_400(cluster):
    refused = cluster.opencypher_http("MATCH (n RETURN n")
    assert refused.status_code == 400
    assert refused.json()["code"] == "MalformedQueryException"
